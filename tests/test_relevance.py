"""The relevance step: real events stay, totals and generic lines go, old events are background."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from frontwire import config
from frontwire.extract.relevance import judge_events, relevance_model, sentence_features
from frontwire.model import Article, Claim, Event, Evidence
from frontwire.nlp import get_nlp

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = date(2023, 5, 7)
TEXT = (
    "Russian missiles struck an apartment block in Dnipro on Saturday, killing three people, "
    "the regional governor said.\n\n"
    "Rescue workers searched the rubble through the night as relatives waited outside the "
    "building, and the city declared a day of mourning for the victims of the strike.\n\n"
    "The war has killed tens of thousands of soldiers since February 2022, according to "
    "Western estimates.\n\n"
    "Russia often targets energy infrastructure in winter, analysts say.\n\n"
    "The Soviet army captured 91,000 German troops at Stalingrad in 1943.\n"
)


def event_on(sentence_start: str, event_id: str, when: str, kind: str) -> Event:
    start = TEXT.index(sentence_start)
    return Event(
        event_id=event_id,
        event_date=when,
        time_precision=1,
        disorder_type="Political violence",
        event_type=kind,
        sub_event_type=None,
        plover={"event_type": "ASSAULT"},
        evidence=[Evidence.of(TEXT, start, start + len(sentence_start))],
    )


def candidates() -> list[Event]:
    return [
        event_on("Russian missiles struck", "strike", "2023-05-06", "Explosions/Remote violence"),
        event_on("The war has killed", "total", "2023-05-07", "Battles"),
        event_on("The Soviet army captured", "1943", "1943-01-01", "Battles"),
        event_on("Russia often targets", "generic", "2023-05-07", "Explosions/Remote violence"),
    ]


def test_the_model_keeps_the_strike_drops_total_and_generic_and_history_is_background() -> None:
    assert relevance_model() is not None, (
        "the package ships frontwire/ontology/relevance_model.json"
    )
    doc = get_nlp()(TEXT)
    claim = Claim(id="c1", text="x", start=0, end=1, kind="indirect", speaker="governor")
    claim.events = ["strike", "total"]
    kept = judge_events(doc, Article(text=TEXT, published=PUBLISHED), candidates(), [claim])
    by_id = {e.event_id: e for e in kept}
    assert set(by_id) == {"strike", "1943"}
    assert not by_id["strike"].background and by_id["1943"].background
    assert claim.events == ["strike"]  # no link to a dropped event remains


def test_rules_only_keeps_every_candidate_and_still_marks_old_events(monkeypatch) -> None:
    monkeypatch.setattr(config, "RELEVANCE", "rules")
    doc = get_nlp()(TEXT)
    kept = judge_events(doc, Article(text=TEXT, published=PUBLISHED), candidates(), [])
    assert len(kept) == 4
    assert [e.event_id for e in kept if e.background] == ["1943"]


def test_background_days_are_configurable(monkeypatch) -> None:
    monkeypatch.setattr(config, "RELEVANCE", "rules")
    monkeypatch.setattr(config, "BACKGROUND_DAYS", 0)
    doc = get_nlp()(TEXT)
    kept = judge_events(doc, Article(text=TEXT, published=PUBLISHED), candidates(), [])
    assert {e.event_id for e in kept if e.background} == {"strike", "1943"}


def test_features_see_years_and_the_gap_to_publication() -> None:
    features = sentence_features("It happened in 1943.", PUBLISHED, "1943-01-01", "Battles")
    assert features["year:6+"] == 1.0 and features["gap:365+"] == 1.0
    assert features["kind:Battles"] == 1.0


@pytest.mark.parametrize("sample", [60])
def test_the_training_script_runs_on_a_tiny_sample(tmp_path: Path, sample: int) -> None:
    out = tmp_path / "model.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "training.train_relevance",
            "--sample",
            str(sample),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert out.stat().st_size > 0 and "labelled news sentences: 60" in run.stdout
