"""The report's map: the period's events over country outlines, as one inline SVG.

An equirectangular projection of the events' bounding box (widened to a readable size),
country outlines from Natural Earth and admin-1 borders of the events' countries, clipped
to the box with shapely. Each event is a circle coloured by type and sized by fatalities,
linking to the event. Nothing is fetched: the SVG is text in the report.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from shapely import Polygon as ShapelyPolygon
from shapely import clip_by_rect, make_valid
from shapely.geometry.base import BaseGeometry

from frontwire.report.colors import color_for
from frontwire.report.outlines import Shape, admin1, countries
from frontwire.report.queries import EventLine
from frontwire.web.geo import iso3

WIDTH = 760
MIN_HEIGHT = 300
MAX_HEIGHT = 520
#: Smallest box shown, in degrees, so one event does not fill the map with a single street.
MIN_SPAN_LAT = 2.0
#: How many of the busiest places get a name on the map.
LABELS = 6


@dataclass(frozen=True)
class View:
    """The box shown (degrees) and the projection onto the picture (pixels)."""

    west: float
    south: float
    east: float
    north: float
    width: int
    height: int

    @property
    def kx(self) -> float:
        return self.width / (self.east - self.west)

    @property
    def ky(self) -> float:
        return self.height / (self.north - self.south)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.kx, (self.north - lat) * self.ky


def fit_view(points: Sequence[tuple[float, float]]) -> View:
    """A box round the points, 15% padded, with the shape of an equirectangular map there."""
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_lon = max((east - west) * 0.15, 0.3)
    pad_lat = max((north - south) * 0.15, 0.3)
    west, east, south, north = west - pad_lon, east + pad_lon, south - pad_lat, north + pad_lat
    if north - south < MIN_SPAN_LAT:
        middle = (north + south) / 2
        south, north = middle - MIN_SPAN_LAT / 2, middle + MIN_SPAN_LAT / 2
    south, north = max(south, -89.0), min(north, 89.0)
    stretch = math.cos(math.radians((north + south) / 2)) or 1e-6
    # Height the box needs at WIDTH pixels; widen whichever side is short to stay in bounds.
    height = WIDTH * (north - south) / ((east - west) * stretch)
    if height > MAX_HEIGHT:
        extra = ((north - south) * WIDTH / (MAX_HEIGHT * stretch) - (east - west)) / 2
        west, east, height = west - extra, east + extra, MAX_HEIGHT
    elif height < MIN_HEIGHT:
        extra = ((east - west) * stretch * MIN_HEIGHT / WIDTH - (north - south)) / 2
        south, north, height = max(south - extra, -89.0), min(north + extra, 89.0), MIN_HEIGHT
    return View(west, south, east, north, WIDTH, round(height))


def _path(geometry: BaseGeometry, view: View) -> str:
    """SVG path data of a clipped (multi)polygon, in pixels, one decimal."""
    parts: list[str] = []
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        if polygon.geom_type == "MultiPolygon" or polygon.geom_type == "GeometryCollection":
            parts.append(_path(polygon, view))
            continue
        if polygon.geom_type != "Polygon" or polygon.is_empty:
            continue
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = [view.xy(x, y) for x, y in ring.coords]
            if len(coords) < 3:
                continue
            head, *rest = coords
            parts.append(
                f"M{head[0]:.1f},{head[1]:.1f}"
                + "".join(f"L{x:.1f},{y:.1f}" for x, y in rest)
                + "Z"
            )
    return "".join(parts)


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Move a ring that crosses the antimeridian east of 180 (as the dashboard does)."""
    crosses = any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(ring))
    return [(x + 360 if x < 0 else x, y) for x, y in ring] if crosses else ring


def _shape_path(shape: Shape, view: View, tolerance: float) -> str:
    out = []
    margin = 1.0
    for rings in shape[1]:
        outer, *holes = (_unwrap(r) for r in rings)
        if len(outer) < 4:
            continue
        xs = [p[0] for p in outer]
        ys = [p[1] for p in outer]
        if (
            max(xs) < view.west - margin
            or min(xs) > view.east + margin
            or max(ys) < view.south - margin
            or min(ys) > view.north + margin
        ):
            continue
        polygon = make_valid(ShapelyPolygon(outer, [h for h in holes if len(h) >= 4]))
        clipped = clip_by_rect(
            polygon,
            view.west - margin,
            view.south - margin,
            view.east + margin,
            view.north + margin,
        ).simplify(tolerance)
        if not clipped.is_empty:
            out.append(_path(clipped, view))
    return "".join(out)


def map_svg(events: Sequence[EventLine], href: Callable[[str], str]) -> str:
    """The SVG of the located events; empty when no event has coordinates."""
    located = [e for e in events if e.latitude is not None and e.longitude is not None]
    if not located:
        return ""
    view = fit_view([(e.longitude, e.latitude) for e in located])  # type: ignore[misc]
    tolerance = 0.6 / view.kx
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 {view.width} '
        f'{view.height}" width="{view.width}" height="{view.height}" role="img" '
        f'aria-label="Map of {len(located)} located events">',
        f'<rect width="{view.width}" height="{view.height}" fill="#dbe7ef"/>',
    ]
    land = [_shape_path(shape, view, tolerance) for shape in countries()]
    out.append(
        '<path fill="#f4f1e8" stroke="#8c8c80" stroke-width="0.8" fill-rule="evenodd" d="'
        + "".join(land)
        + '"/>'
    )
    codes = sorted({c for c in (iso3(e.data.get("iso") or e.country) for e in located) if c})
    regions = [_shape_path(shape, view, tolerance) for code in codes for shape in admin1(code)]
    if any(regions):
        out.append(
            '<path fill="none" stroke="#b5b0a1" stroke-width="0.6" stroke-dasharray="3 3" d="'
            + "".join(regions)
            + '"/>'
        )
    # Biggest circles first, so small ones stay visible and clickable on top.
    for event in sorted(located, key=lambda e: (-e.fatalities, e.id)):
        x, y = view.xy(event.longitude, event.latitude)  # type: ignore[arg-type]
        radius = min(3.5 + 2.0 * math.sqrt(event.fatalities), 18.0)
        title = f"{event.event_date} {event.event_type or event.plover or 'event'}: " + (
            f"{event.location or '?'}, {event.fatalities} killed"
        )
        out.append(
            f'<a href="{escape(href(event.id))}"><circle cx="{x:.1f}" cy="{y:.1f}" '
            f'r="{radius:.1f}" fill="{color_for(event.event_type)}" fill-opacity="0.75" '
            f'stroke="#fff" stroke-width="1"><title>{escape(title)}</title></circle></a>'
        )
    busiest = Counter(e.location for e in located if e.location)
    first_point = {}
    for event in located:
        first_point.setdefault(event.location, (event.longitude, event.latitude))
    for name, count in sorted(busiest.items(), key=lambda kv: (-kv[1], kv[0]))[:LABELS]:
        x, y = view.xy(*first_point[name])
        label = f"{name} ({count})" if count > 1 else name
        out.append(
            f'<text x="{x + 7:.1f}" y="{y - 6:.1f}" font-size="12" fill="#1d2329" '
            f'stroke="#fff" stroke-width="3" paint-order="stroke">{escape(label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
