// The dashboard: filters -> /api (events, clusters, aggregates) -> map, timeline, table.
// Every string from the data goes into the page through textContent, never as HTML.
(function () {
  "use strict";

  var PAGE = 50;
  var form = document.getElementById("filters");
  var statusEl = document.getElementById("status");
  var state = { sort: "-event_date", offset: 0, fitted: false };
  var map, clusters, chart;
  var basemap;
  var colorFor = window.frontwireColor;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error || r.status + " " + r.statusText);
        return body;
      });
    });
  }

  // ---- filters <-> URL ---------------------------------------------------------------
  function filterParams() {
    var p = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (key === "in_view") return;
      if (String(value).trim() !== "") p.append(key, String(value).trim());
    });
    if (form.elements.in_view.checked && map) {
      var b = map.getBounds();
      var west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
      var south = Math.max(-90, b.getSouth()), north = Math.min(90, b.getNorth());
      p.set("bbox", [west, south, east, north].map(function (x) { return x.toFixed(4); }).join(","));
    }
    return p;
  }

  function restoreFilters() {
    var p = new URLSearchParams(window.location.search);
    p.forEach(function (value, key) {
      var field = form.elements[key];
      if (!field) return;
      if (field.type === "checkbox") field.checked = value === "1";
      else field.value = value;
    });
    if (p.get("sort")) state.sort = p.get("sort");
  }

  function saveFilters() {
    var p = filterParams();
    p.delete("bbox");
    if (form.elements.in_view.checked) p.set("in_view", "1");
    if (state.sort !== "-event_date") p.set("sort", state.sort);
    var query = p.toString();
    window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
  }

  function fillFacets(facets) {
    if (facets.dates && facets.dates.first) {
      ["start", "end"].forEach(function (name) {
        form.elements[name].min = facets.dates.first;
        form.elements[name].max = facets.dates.last;
      });
    }
    form.querySelectorAll("select[data-facet]").forEach(function (select) {
      var values = facets[select.getAttribute("data-facet")] || [];
      values.forEach(function (item) {
        var option = el("option", { value: item.value }, item.value + " (" + item.count + ")");
        select.appendChild(option);
      });
    });
  }

  // ---- map ---------------------------------------------------------------------------
  function initMap() {
    map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([25, 20], 2);
    clusters = L.layerGroup().addTo(map);
    basemap = window.frontwireBasemap(map, showError);
    map.on("moveend", function () {
      if (form.elements.in_view.checked) { state.offset = 0; refresh(false); }
      else loadMap();
    });
  }

  // The server clusters the map's view for its zoom (GET /api/clusters): the page never
  // holds more than a few thousand markers, however large the store.
  function viewBox() {
    var b = map.getBounds();
    var west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
    if (b.getEast() - b.getWest() >= 360) { west = -180; east = 180; }
    var south = Math.max(-90, b.getSouth()), north = Math.min(90, b.getNorth());
    return [west, south, east, north].map(function (x) { return x.toFixed(4); }).join(",");
  }

  function loadMap() {
    var p = filterParams();
    p.set("zoom", String(map.getZoom()));
    if (state.fitted) p.set("bbox", viewBox());
    return getJSON("/api/clusters?" + p).then(drawMap);
  }
  function popup(props) {
    var box = el("div", { class: "popup" });
    box.appendChild(el("strong", {}, props.event_type || props.plover || "Event"));
    if (props.sub_event_type) box.appendChild(el("div", {}, props.sub_event_type));
    box.appendChild(el("div", {}, (props.event_date || "undated") + " · " +
      (props.location || props.country || "unplaced")));
    box.appendChild(el("div", {}, props.fatalities + " killed · " + props.source_count + " source(s)"));
    var actors = [props.actor1, props.actor2].filter(Boolean).join(" vs ");
    if (actors) box.appendChild(el("div", { class: "muted" }, actors));
    box.appendChild(el("a", { href: "/events/" + encodeURIComponent(props.id) }, "Open event →"));
    return box;
  }

  function pointMarker(p) {
    var marker = L.circleMarker([p.latitude, p.longitude], {
      radius: 5 + 2.5 * Math.sqrt(p.fatalities || 0),
      color: "#333",
      weight: 1,
      fillColor: colorFor(p.event_type),
      fillOpacity: 0.85,
      className: "event-marker",
    });
    marker.bindPopup(popup(p));
    // A string tooltip would be parsed as HTML: give Leaflet a text node instead.
    marker.bindTooltip(el("span", {}, (p.event_date || "undated") + " · " +
      (p.event_type || p.plover || "event")));
    return marker;
  }

  function clusterMarker(c) {
    var size = c.count < 10 ? "small" : c.count < 100 ? "medium" : "large";
    var box = el("div");
    box.appendChild(el("span", {}, c.count));
    var marker = L.marker([c.latitude, c.longitude], {
      icon: L.divIcon({ html: box, className: "marker-cluster marker-cluster-" + size, iconSize: [40, 40] }),
      title: c.count + " events, " + c.fatalities + " killed",
    });
    marker.on("click", function () { map.setView([c.latitude, c.longitude], Math.min(12, map.getZoom() + 2)); });
    return marker;
  }

  function drawMap(view) {
    clusters.clearLayers();
    var layers = [];
    view.clusters.forEach(function (c) { layers.push(clusterMarker(c)); });
    view.points.forEach(function (p) { layers.push(pointMarker(p)); });
    layers.forEach(function (layer) { clusters.addLayer(layer); });
    basemap.admin1(view.isos || []);
    document.getElementById("map-count").textContent =
      view.total + " mapped event" + (view.total === 1 ? "" : "s") +
      (view.clusters.length ? " (" + view.clusters.length + " clusters)" : "");
    if (!state.fitted) {
      state.fitted = true;
      if (layers.length) {
        var bounds = L.latLngBounds(layers.map(function (l) { return l.getLatLng(); }));
        map.fitBounds(bounds.pad(0.3), { maxZoom: 7 });  // moveend loads the fitted view
      }
    }
    drawLegend(view.points, view.clusters.length > 0);
  }

  function drawLegend(points, clustered) {
    var legend = document.getElementById("map-legend");
    legend.textContent = "";
    var seen = {};
    points.forEach(function (p) { seen[p.event_type || ""] = true; });
    Object.keys(seen).sort().forEach(function (type) {
      var item = el("span", { class: "legend-item" });
      var dot = el("span", { class: "type-dot" });
      dot.style.background = colorFor(type);
      item.appendChild(dot);
      item.appendChild(document.createTextNode(type || "no ACLED type"));
      legend.appendChild(item);
    });
    legend.appendChild(el("span", { class: "muted" }, "· size: fatalities" +
      (clustered ? " · numbers: events in a cluster (zoom in)" : "")));
  }

  // ---- timeline ------------------------------------------------------------------------
  // Bars: events (or fatalities) per period stacked by group; line: the other measure.
  function drawChart(agg) {
    var measure = document.getElementById("measure").value;
    var other = measure === "events" ? "fatalities" : "events";
    function valueAt(g, period, key) {
      var hit = g.series.find(function (s) { return s.period === period; });
      return hit ? hit[key] : 0;
    }
    var datasets = agg.groups.map(function (g) {
      return {
        type: "bar",
        label: g.key,
        data: agg.periods.map(function (p) { return valueAt(g, p, measure); }),
        backgroundColor: agg.by === "event_type" ? colorFor(g.key === "(none)" ? "" : g.key) : undefined,
        stack: "bars",
        yAxisID: "y",
        maxBarThickness: 48,
      };
    });
    datasets.push({
      type: "line",
      label: other + " (all)",
      data: agg.periods.map(function (p) {
        return agg.groups.reduce(function (sum, g) { return sum + valueAt(g, p, other); }, 0);
      }),
      yAxisID: "y1",
      borderColor: "#111",
      backgroundColor: "#111",
      tension: 0.2,
      pointRadius: function (ctx) { return ctx.raw ? 3 : 0; },
    });
    if (chart) chart.destroy();
    chart = new Chart(document.getElementById("timeline"), {
      data: { labels: agg.periods, datasets: datasets },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: measure }, ticks: { precision: 0 } },
          y1: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: other }, ticks: { precision: 0 } },
        },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
      },
    });
  }

  // ---- table ---------------------------------------------------------------------------
  function drawTable(page) {
    var body = document.querySelector("#events tbody");
    body.textContent = "";
    page.items.forEach(function (e) {
      var row = el("tr", { "data-id": e.id });
      var first = el("td");
      first.appendChild(el("a", { href: "/events/" + encodeURIComponent(e.id) }, e.event_date || "undated"));
      row.appendChild(first);
      var type = el("td");
      var dot = el("span", { class: "type-dot" });
      dot.style.background = colorFor(e.event_type);
      type.appendChild(dot);
      type.appendChild(document.createTextNode(e.event_type || "—"));
      row.appendChild(type);
      [e.sub_event_type, e.plover, e.actor1, e.actor2, e.location, e.admin1, e.country].forEach(
        function (v) { row.appendChild(el("td", {}, v || "—")); });
      row.appendChild(el("td", { class: "num" }, e.fatalities));
      row.appendChild(el("td", { class: "num" }, e.source_count));
      row.addEventListener("click", function (ev) {
        if (ev.target.tagName !== "A") window.location.href = "/events/" + encodeURIComponent(e.id);
      });
      body.appendChild(row);
    });
    if (!page.items.length) {
      var empty = el("tr");
      empty.appendChild(el("td", { colspan: "11", class: "muted" }, "No events match these filters."));
      body.appendChild(empty);
    }
    var last = Math.min(page.offset + page.items.length, page.total);
    document.getElementById("table-count").textContent =
      page.total ? (page.offset + 1) + "–" + last + " of " + page.total : "0";
    document.getElementById("page").textContent =
      "page " + (Math.floor(page.offset / PAGE) + 1) + " of " + Math.max(1, Math.ceil(page.total / PAGE));
    document.getElementById("prev").disabled = page.offset === 0;
    document.getElementById("next").disabled = last >= page.total;
    document.querySelectorAll("#events th[data-sort]").forEach(function (th) {
      var key = th.getAttribute("data-sort");
      var sort = state.sort.replace(/^-/, "");
      th.setAttribute("aria-sort", key === sort ? (state.sort[0] === "-" ? "descending" : "ascending") : "none");
    });
  }

  // ---- refresh -------------------------------------------------------------------------
  function showError(message) {
    statusEl.textContent = "Error: " + message;
    statusEl.className = "status error";
  }

  function refresh(withMap) {
    saveFilters();
    var p = filterParams();
    var tableParams = new URLSearchParams(p);
    tableParams.set("sort", state.sort);
    tableParams.set("limit", PAGE);
    tableParams.set("offset", state.offset);
    var aggParams = new URLSearchParams(p);
    aggParams.set("interval", document.getElementById("interval").value);
    aggParams.set("by", document.getElementById("group-by").value);
    statusEl.textContent = "Loading…";
    statusEl.className = "status";
    document.body.removeAttribute("data-ready");
    var jobs = [
      getJSON("/api/events?" + tableParams).then(drawTable),
      getJSON("/api/aggregates?" + aggParams).then(function (agg) {
        drawChart(agg);
        return agg;
      }),
    ];
    if (withMap !== false) jobs.push(loadMap());
    return Promise.all(jobs).then(function (done) {
      var agg = done[1];
      var n = agg.groups.reduce(function (s, g) { return s + g.events; }, 0) + agg.undated_events;
      var killed = agg.groups.reduce(function (s, g) { return s + g.fatalities; }, 0);
      statusEl.textContent = n + " event" + (n === 1 ? "" : "s") + " · " + killed + " reported fatalities";
      document.body.setAttribute("data-ready", "1");
    }).catch(function (err) { showError(err.message); });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    state.offset = 0;
    state.fitted = false;
    refresh();
  });
  form.addEventListener("change", function (ev) {
    if (ev.target.tagName === "SELECT" || ev.target.type === "checkbox") {
      state.offset = 0;
      state.fitted = false;
      refresh();
    }
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { state.offset = 0; state.fitted = false; refresh(); }, 0);
  });
  document.getElementById("interval").addEventListener("change", function () { refresh(false); });
  document.getElementById("group-by").addEventListener("change", function () { refresh(false); });
  document.getElementById("measure").addEventListener("change", function () { refresh(false); });
  document.getElementById("prev").addEventListener("click", function () {
    state.offset = Math.max(0, state.offset - PAGE);
    refresh(false);
  });
  document.getElementById("next").addEventListener("click", function () {
    state.offset += PAGE;
    refresh(false);
  });
  document.querySelectorAll("#events th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      state.sort = state.sort === "-" + key ? key : "-" + key;
      state.offset = 0;
      refresh(false);
    });
  });

  initMap();
  // Filters in the URL need the menus filled before they can be restored; without any,
  // the first screen's map, timeline and table load at once, beside the menus.
  var restoring = window.location.search.length > 1;
  if (!restoring) refresh();
  getJSON("/api/facets").then(function (facets) {
    fillFacets(facets);
    if (restoring) {
      restoreFilters();
      refresh();
    }
  }).catch(function (err) { showError(err.message); });
})();
