"""Distances on the globe, one formula for the whole package (extraction, gazetteer, linking,
evaluation), so two parts never disagree on whether places are within a radius."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

#: The Earth's radius the gazetteer's unit sizes and every distance threshold assume.
EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(min(1.0, math.sqrt(a)))


def distance_to_line_km(lat: float, lon: float, points: Sequence[tuple[float, float]]) -> float:
    """Shortest distance in km from a point to a polyline of (lat, lon) points.

    A local flat projection around the point: exact enough over the tens of kilometres a
    front line's buffer spans.
    """
    kx = math.pi / 180 * EARTH_RADIUS_KM * math.cos(math.radians(lat))
    ky = math.pi / 180 * EARTH_RADIUS_KM
    xy = [((q_lon - lon) * kx, (q_lat - lat) * ky) for q_lat, q_lon in points]
    best = math.inf
    for (ax, ay), (bx, by) in itertools.pairwise(xy):
        dx, dy = bx - ax, by - ay
        span = dx * dx + dy * dy
        t = max(0.0, min(1.0, -(ax * dx + ay * dy) / span)) if span else 0.0
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best
