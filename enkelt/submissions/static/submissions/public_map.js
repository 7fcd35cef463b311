/* Public map of submissions: progressive enhancement over the table on the page.
 *
 * Reads the tile URL and the GeoJSON address from data attributes of #public-map,
 * shows the map and one marker per submission. Popups are built with DOM nodes
 * and textContent, never HTML strings: titles are citizens' text.
 * Without JavaScript (or Leaflet) the map stays hidden and the table is the page.
 */
(function () {
  "use strict";

  function popupFor(properties) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.title;
    var status = document.createElement("p");
    status.textContent = properties.category + " · " + properties.status_label;
    box.appendChild(link);
    box.appendChild(status);
    return box;
  }

  function start() {
    var element = document.getElementById("public-map");
    if (!element || typeof window.L === "undefined") {
      return;
    }
    var L = window.L;
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false }).setView([56.0, 10.8], 7);
    L.tileLayer(element.dataset.tiles, {
      maxZoom: 19,
      attribution: element.dataset.attribution || "",
    }).addTo(map);

    fetch(element.dataset.markersUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("markers: HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        var points = [];
        data.features.forEach(function (feature) {
          var lon = feature.geometry.coordinates[0];
          var lat = feature.geometry.coordinates[1];
          var title = feature.properties.title;
          L.marker([lat, lon], { title: title, alt: title, keyboard: true })
            .bindPopup(popupFor(feature.properties))
            .addTo(map);
          points.push([lat, lon]);
        });
        if (points.length) {
          map.fitBounds(points, { maxZoom: 16, padding: [24, 24] });
        }
        element.dataset.markers = String(points.length);
      })
      .catch(function () {
        // The table already lists everything; a map without markers would mislead.
        element.hidden = true;
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
