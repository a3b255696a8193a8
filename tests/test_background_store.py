"""Background events are stored, but merged events, exports and the API leave them out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from corpus_fixtures import BACKENDS, store_url
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from frontwire.cli_corpus import register
from frontwire.store import EventFilter, extractions, merged_events, open_store
from frontwire.web.app import create_app

ARTICLE = """title: Shelling hits Kharkiv
published: 2024-05-20

Russian artillery shelled a residential district of Kharkiv on Sunday, killing two people, \
the regional governor said.

In March 2014, Russian troops seized the parliament building in Simferopol, Crimea.
"""

app = typer.Typer()
register(app)
runner = CliRunner()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    url = store_url(request.param, tmp_path)
    path = tmp_path / "kharkiv.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(path), "--db", url, "-q"])
    assert result.exit_code == 0, result.output
    return url


def test_the_2014_seizure_is_kept_as_background_and_out_of_merged_events(db_url: str) -> None:
    with open_store(db_url)() as session:
        (article,) = list(extractions(session, EventFilter(include_background=True)))
        flags = sorted((e["event_date"][:4], e["background"]) for e in article["events"])
        assert flags == [("2014", True), ("2024", False)]
        news = merged_events(session)
        everything = merged_events(session, EventFilter(include_background=True))
        (only_news,) = list(extractions(session))
    assert [e["event_date"][:4] for e in news] == ["2024"]
    assert sorted(e["event_date"][:4] for e in everything) == ["2014", "2024"]
    assert [e["event_date"][:4] for e in only_news["events"]] == ["2024"]


def test_export_and_api_need_asking_for_background(db_url: str, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    plain = runner.invoke(app, ["export", "-f", "geojson", "--db", db_url, "-o", str(out)])
    assert plain.exit_code == 0, plain.output
    assert len(json.loads(out.read_text())["features"]) == 1
    flagged = runner.invoke(
        app, ["export", "-f", "geojson", "--db", db_url, "-o", str(out), "--include-background"]
    )
    assert flagged.exit_code == 0, flagged.output
    assert len(json.loads(out.read_text())["features"]) == 2
    client = TestClient(create_app(db_url))
    assert client.get("/api/events").json()["total"] == 1
    assert client.get("/api/events", params={"include_background": "true"}).json()["total"] == 2
