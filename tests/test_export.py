"""Exports: ACLED CSV with ACLED's columns, valid GeoJSON, JSON lines, Parquet round trip."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import geojson
import pyarrow.parquet as pq
import pytest
from corpus_fixtures import corpus
from shapely.geometry import shape

from frontwire.export import write_acled_csv, write_geojson, write_jsonl, write_parquet
from frontwire.export.parquet import parquet_row
from frontwire.store import extractions, merged_events, open_store, relink, save_extraction

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]  # fmt: skip


@pytest.fixture
def events(tmp_path: Path) -> list[dict]:
    factory = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    with factory() as session:
        for extraction in corpus():
            save_extraction(session, extraction)
        relink(session)
        session.commit()
        return merged_events(session)


def test_acled_csv_has_exactly_acleds_columns_and_conventions(events: list[dict]) -> None:
    buffer = io.StringIO()
    assert write_acled_csv(events, buffer) == 3
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == ACLED_COLUMNS
    kharkiv = next(r for r in rows if r["source"].count(";") == 2)
    assert kharkiv["iso"] == "804" and kharkiv["region"] == "Europe"
    assert kharkiv["country"] == "Ukraine" and kharkiv["year"] == "2024"
    assert kharkiv["fatalities"] == "12" and kharkiv["event_date"] == "2024-05-25"
    assert kharkiv["source"] == "Eastern Dispatch; Frontline Wire; Kyiv Ledger"
    assert kharkiv["timestamp"].isdigit()


def test_geojson_is_a_valid_feature_collection(events: list[dict]) -> None:
    events = [*events, {**events[0], "event_id": "nowhere", "latitude": None, "longitude": None}]
    buffer = io.StringIO()
    assert write_geojson(events, buffer) == 4
    collection = geojson.loads(buffer.getvalue())
    assert collection.is_valid and collection["type"] == "FeatureCollection"
    placed = [f for f in collection["features"] if f["geometry"]]
    assert len(placed) == 3
    point = shape(placed[0]["geometry"])
    assert point.is_valid and -180 <= point.x <= 180 and -90 <= point.y <= 90
    odesa = next(f for f in placed if f["properties"]["location"] == "Odesa")
    assert odesa["geometry"]["coordinates"] == [30.73, 46.48]  # lon, lat


def test_parquet_reads_back_equal(events: list[dict], tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(events, path) == 3
    assert pq.read_table(path).to_pylist() == [parquet_row(e) for e in events]
    back = pq.read_table(path).to_pylist()
    assert json.loads(back[0]["reports"])[0]["key"] == events[0]["reports"][0]["key"]


def test_jsonl_lines_are_the_full_contract(tmp_path: Path) -> None:
    factory = open_store(f"sqlite:///{tmp_path / 'y.db'}")
    with factory() as session:
        for extraction in corpus():
            save_extraction(session, extraction)
        session.commit()
        buffer = io.StringIO()
        assert write_jsonl(extractions(session), buffer) == 5
    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    expected = {e.article.id: e.to_dict() for e in corpus()}
    assert {line["article"]["id"]: line for line in lines} == expected
