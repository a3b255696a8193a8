"""GeoJSON FeatureCollection of merged events (points in WGS 84, lon/lat order) for QGIS."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

import geojson

#: Properties kept flat and scalar so GIS tools show them as attribute columns.
PROPERTIES = (
    "event_id",
    "event_date",
    "date_end",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "interaction",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "admin2",
    "location",
    "geo_precision",
    "fatalities",
    "source_count",
    "notes",
)


def feature(event: dict[str, Any]) -> geojson.Feature:
    lat, lon = event.get("latitude"), event.get("longitude")
    geometry = geojson.Point((lon, lat)) if lat is not None and lon is not None else None
    props = {name: event.get(name) for name in PROPERTIES}
    props["plover"] = (event.get("plover") or {}).get("event_type")
    props["sources"] = "; ".join(event.get("sources") or [])
    props["tags"] = "; ".join(event.get("tags") or [])
    return geojson.Feature(id=event.get("event_id"), geometry=geometry, properties=props)


def feature_collection(events: Iterable[dict[str, Any]]) -> geojson.FeatureCollection:
    return geojson.FeatureCollection([feature(e) for e in events])


def write_geojson(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    collection = feature_collection(events)
    if not collection.is_valid:
        raise ValueError(f"invalid GeoJSON produced: {collection.errors()}")
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])
