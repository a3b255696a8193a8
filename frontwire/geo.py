"""Distances on the globe, one formula for the whole package (extraction, gazetteer, linking,
evaluation), so two parts never disagree on whether places are within a radius."""

from __future__ import annotations

import math

#: The Earth's radius the gazetteer's unit sizes and every distance threshold assume.
EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(min(1.0, math.sqrt(a)))
