// One colour per ACLED event type, shared by the map, the chart and the pages.
(function () {
  "use strict";
  var known = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#d4ac0d",
    "Strategic developments": "#16a085",
  };
  var spare = ["#34495e", "#7f8c8d", "#27ae60", "#a04000", "#5b2c6f", "#1f618d"];
  function colorFor(type) {
    if (!type) return "#566573";
    if (known[type]) return known[type];
    var h = 0;
    for (var i = 0; i < type.length; i++) h = (h * 31 + type.charCodeAt(i)) >>> 0;
    return spare[h % spare.length];
  }
  window.frontwireColor = colorFor;
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".type-dot").forEach(function (el) {
      el.style.background = colorFor(el.getAttribute("data-type"));
    });
  });
})();
