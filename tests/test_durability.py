"""Durability of ``ingest`` on SQLite and PostgreSQL: a run killed by SIGINT or SIGKILL
resumes with nothing lost and nothing doubled, and two ingests racing on one store
store each article once.

Real subprocesses and real signals: the child slows each save down so the signal lands
between a save and its commit, the worst moment.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus_fixtures import BACKENDS, store_url

from frontwire.cli_corpus import ingest_sources
from frontwire.store import counts, open_store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
N_SAMPLES = len(list(SAMPLES.glob("*.txt")))

_SLOW_CHILD = """
import signal, sys, time
# A child inherits an ignored SIGINT from whatever ran before it in the test process;
# a user's ingest runs with Python's default handler, so that is what is tested.
signal.signal(signal.SIGINT, signal.default_int_handler)
import frontwire.store as store
from frontwire.cli_corpus import ingest_sources

real_save = store.save_extraction

def slow_save(session, extraction):
    result = real_save(session, extraction)
    time.sleep(float(sys.argv[3]))  # a signal lands here: saved but not yet committed
    return result

store.save_extraction = slow_save
ingest_sources([sys.argv[1]], db=sys.argv[2], batch_size=1)
"""


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return store_url(request.param, tmp_path)


def _counts(url: str) -> dict[str, int]:
    with open_store(url)() as session:
        return counts(session)


def _child(url: str, pause: float) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", _SLOW_CHILD, str(SAMPLES), url, str(pause)],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stderr=subprocess.PIPE,
    )


def _wait_for_articles(url: str, child: subprocess.Popen[bytes], at_least: int) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if child.poll() is not None:
            pytest.fail("the ingest finished before it could be interrupted")
        try:
            if _counts(url)["articles"] >= at_least:
                return
        except Exception as exc:  # the child may still be creating the schema
            print(f"store not ready yet: {exc}")
        time.sleep(0.2)
    pytest.fail(f"the ingest stored fewer than {at_least} articles within 180 s")


def _reference_counts(tmp_path: Path) -> dict[str, int]:
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    ingest_sources([str(SAMPLES)], db=clean)
    return _counts(clean)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_an_interrupted_ingest_resumes_without_loss_or_duplicates(
    db_url: str, tmp_path: Path, sig: signal.Signals
) -> None:
    child = _child(db_url, 0.7)
    try:
        _wait_for_articles(db_url, child, 2)
    finally:
        child.send_signal(sig)
        _, err = child.communicate(timeout=60)
    assert child.returncode != 0, "the signal should have stopped the ingest"
    if sig is signal.SIGINT:
        assert b"KeyboardInterrupt" in err
    partial = _counts(db_url)["articles"]
    assert 2 <= partial < N_SAMPLES

    stats = ingest_sources([str(SAMPLES)], db=db_url)
    assert stats["unchanged"] == partial
    assert stats["new"] == N_SAMPLES - partial
    assert _counts(db_url) == _reference_counts(tmp_path)


def test_concurrent_ingests_on_one_store_store_each_article_once(
    db_url: str, tmp_path: Path
) -> None:
    children = [_child(db_url, 0.3) for _ in range(2)]
    for child in children:
        _, err = child.communicate(timeout=300)
        assert child.returncode == 0, err.decode(errors="replace")[-2000:]
    assert _counts(db_url) == _reference_counts(tmp_path)


# A bad input never costs the good ones: the batch goes on and lists the bad at the end.

GOOD = (
    "Government troops clashed with rebels near the town of Goma on Monday, killing "
    "four fighters, a local official told reporters. Residents said the fighting went on "
    "for most of the day and that several houses were burned."
)
GERMAN = (
    "Regierungstruppen lieferten sich am Montag in der Nähe der Stadt Goma Gefechte mit "
    "Rebellen, dabei wurden vier Kämpfer getötet, sagte ein örtlicher Beamter. Anwohner "
    "berichteten, die Kämpfe hätten den größten Teil des Tages angedauert."
)


def _dirty_corpus(root: Path) -> Path:
    root.mkdir()
    (root / "a-good.txt").write_text("published: 2024-03-04\n\n" + GOOD, encoding="utf-8")
    (root / "b-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (root / "c-latin1.txt").write_bytes("Les rebelles ont attaqué Goma.".encode("latin-1"))
    (root / "d-empty.txt").write_text("   \n\n", encoding="utf-8")
    (root / "e-german.txt").write_text(GERMAN, encoding="utf-8")
    (root / "f-bad-date.txt").write_text("published: 2024-02-31\n\n" + GOOD, encoding="utf-8")
    (root / "g-news.jsonl").write_text(
        '{"text": "' + GOOD.replace("Goma", "Bunia") + '", "published": "2024-03-05"}\n'
        '{"text": 42}\n'
        "{broken\n",
        encoding="utf-8",
    )
    (root / "h-broken.html").write_text("<html><body><div></div></body>", encoding="utf-8")
    return root


def test_a_dirty_corpus_stores_every_good_article_and_lists_the_bad(tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from frontwire.cli_corpus import register

    app = typer.Typer()
    register(app)
    corpus = _dirty_corpus(tmp_path / "dirty")
    url = f"sqlite:///{tmp_path / 'dirty.db'}"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", url, "-q"])
    out = result.output
    assert result.exit_code == 2, out
    assert _counts(url)["articles"] == 2  # a-good.txt and the first JSONL line
    for name, words in [
        ("b-binary.txt", "binary"),
        ("c-latin1.txt", "not valid UTF-8"),
        ("d-empty.txt", "no text"),
        ("f-bad-date.txt", "bad date"),
        ("g-news.jsonl:2", "no text in field"),
        ("g-news.jsonl:3", "not valid JSON"),
        ("h-broken.html", "no article text"),
    ]:
        line = next((x for x in out.splitlines() if name in x), "")
        assert words in line, f"{name}: {words!r} not in {line!r}"
    assert "e-german.txt" in out and "'de'" in out and "skipped" in out
    assert "1 skipped (not English), 7 bad inputs" in out


def test_extract_goes_on_past_a_bad_file_and_exits_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from frontwire.cli import app

    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    german = tmp_path / "german.txt"
    german.write_text(GERMAN, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["extract", str(tmp_path / "missing.txt"), str(german), str(good), "-f", "json"]
    )
    assert result.exit_code == 2
    assert "missing.txt: no such file" in result.output
    assert "german.txt: looks like language 'de'" in result.output
    assert '"events"' in result.output
    assert "2 of 3 inputs not extracted" in result.output


def test_short_and_english_texts_are_not_refused_by_the_language_check() -> None:
    from frontwire.ingest.language import check_english, guess_language

    assert guess_language("Bombs hit Kharkiv.") is None  # too short to judge
    check_english(GOOD, "good")
    check_english("Der Angriff.", "short German is not judged")
