"""`frontwire ingest / events / export` on the bundled samples, through the real pipeline."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer
from corpus_fixtures import BACKENDS, store_url
from typer.testing import CliRunner

from frontwire.cli_corpus import ingest_sources, register
from frontwire.store import counts, open_store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

app = typer.Typer()
register(app)
runner = CliRunner()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return store_url(request.param, tmp_path)


def _counts(url: str) -> dict[str, int]:
    with open_store(url)() as session:
        return counts(session)


def test_ingesting_the_samples_twice_leaves_row_counts_identical(db_url: str) -> None:
    first = runner.invoke(app, ["ingest", str(SAMPLES), "--db", db_url, "-q"])
    assert first.exit_code == 0, first.output
    after_first = _counts(db_url)
    assert after_first["articles"] == len(list(SAMPLES.glob("*.txt")))
    second = runner.invoke(app, ["ingest", str(SAMPLES), "--db", db_url, "-q"])
    assert second.exit_code == 0, second.output
    assert "0 new" in second.output
    assert _counts(db_url) == after_first


_CHILD = """
import sys, time
import frontwire.store as store
from frontwire.cli_corpus import ingest_sources

real_save = store.save_extraction

def slow_save(session, extraction):
    result = real_save(session, extraction)
    time.sleep(0.7)  # the kill lands here: saved but not yet committed
    return result

store.save_extraction = slow_save
ingest_sources([sys.argv[1]], db=sys.argv[2], batch_size=1)
"""


def test_an_ingest_killed_midway_completes_on_rerun_without_duplicates(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(SAMPLES), url],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline:
            if child.poll() is not None:
                pytest.fail("the ingest finished before it could be killed")
            if (tmp_path / "killed.db").exists() and _counts(url)["articles"] >= 2:
                break
            time.sleep(0.2)
        else:
            pytest.fail("the ingest stored nothing within 180 s")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    partial = _counts(url)["articles"]
    assert 2 <= partial < len(list(SAMPLES.glob("*.txt")))

    ingest_sources([str(SAMPLES)], db=url)
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    ingest_sources([str(SAMPLES)], db=clean)
    assert _counts(url) == _counts(clean)


def test_events_and_exports_from_the_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert runner.invoke(app, ["ingest", str(SAMPLES), "--db", url, "-q"]).exit_code == 0
    listed = runner.invoke(app, ["events", "--db", url, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    events = json.loads(listed.output)
    assert all(e["source_count"] >= 1 for e in events)
    table = runner.invoke(app, ["events", "--db", url])
    assert table.exit_code == 0 and "Merged events" in table.output

    acled = runner.invoke(app, ["export", "--format", "acled-csv", "--db", url])
    assert acled.exit_code == 0
    header = next(csv.reader(io.StringIO(acled.output)))
    assert header[0] == "event_id_cnty" and header[-1] == "timestamp"

    out = tmp_path / "events.geojson"
    done = runner.invoke(app, ["export", "-f", "geojson", "--db", url, "-o", str(out)])
    assert done.exit_code == 0
    assert json.loads(out.read_text())["type"] == "FeatureCollection"

    lines = runner.invoke(app, ["export", "-f", "jsonl", "--db", url]).output.splitlines()
    assert len(lines) == len(list(SAMPLES.glob("*.txt")))
    assert all("article" in json.loads(line) for line in lines)


def test_user_errors_print_one_line_and_exit_2(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'e.db'}"
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", url])
    assert missing.exit_code == 2
    assert "no such file, directory or URL" in missing.output
    absent = tmp_path / "absent.db"
    no_store = runner.invoke(app, ["events", "--db", f"sqlite:///{absent}"])
    assert no_store.exit_code == 2 and "frontwire ingest" in no_store.output
    assert not absent.exists()
    parquet = runner.invoke(app, ["export", "-f", "parquet", "--db", url])
    assert parquet.exit_code == 2 and "-o FILE.parquet" in parquet.output
    bad_date = runner.invoke(app, ["events", "--db", url, "--since", "yesterday"])
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output


def test_an_article_that_breaks_an_extractor_is_reported_and_the_rest_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import frontwire.pipeline

    real = frontwire.pipeline.extract_doc

    def flaky(doc, article):
        if "Yangon" in article.text:
            raise ValueError("boom")
        return real(doc, article)

    monkeypatch.setattr(frontwire.pipeline, "extract_doc", flaky)
    url = f"sqlite:///{tmp_path / 'f.db'}"
    result = runner.invoke(app, ["ingest", str(SAMPLES), "--db", url, "-q"])
    assert result.exit_code == 1
    assert "extraction failed (ValueError: boom)" in result.output
    assert "1 failed" in result.output
    assert _counts(url)["articles"] == len(list(SAMPLES.glob("*.txt"))) - 1


def test_ingest_with_two_workers_stores_what_one_worker_stores(tmp_path: Path) -> None:
    one, two = (f"sqlite:///{tmp_path / name}" for name in ("one.db", "two.db"))
    for url, workers in ((one, "1"), (two, "2")):
        result = runner.invoke(
            app,
            ["ingest", str(SAMPLES), "--db", url, "-q", "--workers", workers, "--batch-size", "2"],
        )
        assert result.exit_code == 0, result.output
    assert _counts(one) == _counts(two)
    listed = [
        json.loads(runner.invoke(app, ["events", "--db", url, "--format", "json"]).stdout)
        for url in (one, two)
    ]
    assert [e["event_type"] for e in listed[0]] == [e["event_type"] for e in listed[1]]


def test_unknown_engine_is_refused() -> None:
    result = runner.invoke(app, ["ingest", str(SAMPLES), "--engine", "spark"])
    assert result.exit_code == 2 and "unknown engine" in result.output
