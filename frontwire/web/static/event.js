// The event page's small map: the event's point on the offline basemap.
(function () {
  "use strict";
  var box = document.getElementById("event-map");
  if (!box) return;
  var lat = parseFloat(box.getAttribute("data-lat"));
  var lon = parseFloat(box.getAttribute("data-lon"));
  if (isNaN(lat) || isNaN(lon)) return;
  var map = L.map(box, { minZoom: 1, maxZoom: 12, scrollWheelZoom: false }).setView([lat, lon], 6);
  var basemap = window.frontwireBasemap(map, function (message) {
    box.setAttribute("data-error", message);
  });
  basemap.admin1([box.getAttribute("data-iso3")]);
  var fatalities = parseInt(box.getAttribute("data-fatalities"), 10) || 0;
  L.circleMarker([lat, lon], {
    radius: 5 + 2.5 * Math.sqrt(fatalities),
    color: "#333",
    weight: 1,
    fillColor: window.frontwireColor(box.getAttribute("data-type")),
    fillOpacity: 0.85,
    className: "event-marker",
  }).addTo(map);
})();
