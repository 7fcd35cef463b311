/* Case workers' inbox: keyboard shortcuts and the position map.
 *
 * Progressive enhancement only: every action also works without this file.
 * j / k move the current row, Enter opens it, "/" focuses the search, "a" the answer.
 * Shortcuts are ignored while typing in a field or with a modifier key held.
 */
(function () {
  "use strict";

  function isTyping(target) {
    if (!target) return false;
    var tag = (target.tagName || "").toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-inbox-row]"));
  }

  function currentIndex(list) {
    for (var i = 0; i < list.length; i++) {
      if (list[i].classList.contains("is-current")) return i;
    }
    return -1;
  }

  function move(step) {
    var list = rows();
    if (!list.length) return;
    var index = currentIndex(list);
    if (index >= 0) list[index].classList.remove("is-current");
    index = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(Math.max(index + step, 0), list.length - 1);
    var row = list[index];
    row.classList.add("is-current");
    var link = row.querySelector("[data-inbox-open]");
    if (link) link.focus();
    row.scrollIntoView({ block: "nearest" });
  }

  function focusField(selector) {
    var field = document.querySelector(selector);
    if (!field) return false;
    field.focus();
    if (field.select && field.tagName.toLowerCase() === "input") field.select();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (isTyping(event.target)) return;
    var handled = false;
    switch (event.key) {
      case "j": move(1); handled = true; break;
      case "k": move(-1); handled = true; break;
      case "/": handled = focusField("#id_q"); break;
      case "a": handled = focusField("#id_answer-text"); break;
      case "Enter": {
        var list = rows();
        var index = currentIndex(list);
        if (index >= 0 && event.target === document.body) {
          var link = list[index].querySelector("[data-inbox-open]");
          if (link) { link.click(); handled = true; }
        }
        break;
      }
    }
    if (handled) event.preventDefault();
  });

  function initMap() {
    var element = document.querySelector("[data-inbox-map]");
    if (!element || typeof window.L === "undefined") return;
    var lat = parseFloat(element.dataset.lat);
    var lon = parseFloat(element.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) return;
    var map = window.L.map(element, { scrollWheelZoom: false }).setView([lat, lon], 17);
    window.L.tileLayer(element.dataset.tiles, {
      maxZoom: 19,
      attribution: element.dataset.attribution || "",
    }).addTo(map);
    window.L.marker([lat, lon], { keyboard: false }).addTo(map);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initMap);
  } else {
    initMap();
  }
})();
