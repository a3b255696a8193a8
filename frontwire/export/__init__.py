"""Exports of the store: ACLED CSV, GeoJSON, JSON lines (full contract) and Parquet."""

from frontwire.export.acled_csv import acled_columns, write_acled_csv
from frontwire.export.geojson import feature_collection, write_geojson
from frontwire.export.jsonl import write_jsonl
from frontwire.export.parquet import write_parquet

__all__ = [
    "acled_columns",
    "feature_collection",
    "write_acled_csv",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
]
