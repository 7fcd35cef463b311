// Location step, progressive enhancement: a Leaflet map (when the operator has
// configured tiles) and "Use my position". Without JavaScript the address and
// coordinate fields work on their own; this script only fills them in.
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var latInput = document.getElementById("id_lat");
    var lonInput = document.getElementById("id_lon");
    if (!latInput || !lonInput) return;

    var marker = null;
    var map = null;
    var mapEl = document.getElementById("report-map");

    function setPosition(lat, lon, pan) {
      latInput.value = lat.toFixed(6);
      lonInput.value = lon.toFixed(6);
      if (map) {
        if (marker) marker.setLatLng([lat, lon]);
        else marker = window.L.circleMarker([lat, lon], { radius: 9 }).addTo(map);
        if (pan) map.setView([lat, lon], 17);
      }
    }

    if (mapEl && window.L && mapEl.dataset.tileUrl) {
      mapEl.hidden = false;
      var lat = parseFloat(latInput.value.replace(",", "."));
      var lon = parseFloat(lonInput.value.replace(",", "."));
      var hasPosition = !isNaN(lat) && !isNaN(lon);
      map = window.L.map(mapEl).setView(
        hasPosition ? [lat, lon] : [parseFloat(mapEl.dataset.lat), parseFloat(mapEl.dataset.lon)],
        hasPosition ? 16 : 11
      );
      window.L.tileLayer(mapEl.dataset.tileUrl, {
        maxZoom: 19,
        attribution: mapEl.dataset.attribution || "",
      }).addTo(map);
      if (hasPosition) setPosition(lat, lon, false);
      map.on("click", function (event) {
        setPosition(event.latlng.lat, event.latlng.lng, false);
      });
    }

    var button = document.querySelector("[data-geolocate]");
    var statusEl = document.querySelector("[data-geolocate-status]");
    if (button && "geolocation" in navigator) {
      button.hidden = false;
      button.addEventListener("click", function () {
        if (statusEl) {
          statusEl.hidden = false;
          statusEl.textContent = button.dataset.waiting || "…";
        }
        navigator.geolocation.getCurrentPosition(
          function (position) {
            setPosition(position.coords.latitude, position.coords.longitude, true);
            if (statusEl) statusEl.textContent = button.dataset.found || "";
          },
          function () {
            if (statusEl) statusEl.textContent = button.dataset.failed || "";
          },
          { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
        );
      });
    }
  });
})();
