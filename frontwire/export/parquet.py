"""Parquet: merged events as a typed table for pandas, DuckDB and Spark.

Scalars keep their types; lists of names become list<string>; nested records
(evidence, reports, claims, contested values, PLOVER coding) are JSON text columns
so the schema stays flat and stable across exports.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("event_date", pa.string()),
        ("date_end", pa.string()),
        ("time_precision", pa.int32()),
        ("disorder_type", pa.string()),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("plover_event_type", pa.string()),
        ("actor1", pa.string()),
        ("assoc_actor_1", pa.string()),
        ("inter1", pa.int32()),
        ("actor2", pa.string()),
        ("assoc_actor_2", pa.string()),
        ("inter2", pa.int32()),
        ("interaction", pa.int32()),
        ("civilian_targeting", pa.bool_()),
        ("iso", pa.string()),
        ("country", pa.string()),
        ("admin1", pa.string()),
        ("admin2", pa.string()),
        ("location", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("geo_precision", pa.int32()),
        ("fatalities", pa.int32()),
        ("notes", pa.string()),
        ("confidence", pa.float64()),
        ("source_count", pa.int32()),
        ("sources", pa.list_(pa.string())),
        ("tags", pa.list_(pa.string())),
        ("articles", pa.list_(pa.string())),
        ("plover", pa.string()),
        ("evidence", pa.string()),
        ("reports", pa.string()),
        ("claims", pa.string()),
        ("contested", pa.string()),
    ]
)
_JSON_COLUMNS = {"plover", "evidence", "reports", "claims", "contested"}


def parquet_row(event: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in SCHEMA.names:
        if name == "plover_event_type":
            row[name] = (event.get("plover") or {}).get("event_type")
        elif name in _JSON_COLUMNS:
            row[name] = json.dumps(event.get(name), ensure_ascii=False, sort_keys=True)
        elif SCHEMA.field(name).type == pa.list_(pa.string()):
            row[name] = list(event.get(name) or [])
        else:
            row[name] = event.get(name)
    return row


def write_parquet(events: Iterable[dict[str, Any]], path: str | Path) -> int:
    rows = [parquet_row(e) for e in events]
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    pq.write_table(table, path)
    return table.num_rows
