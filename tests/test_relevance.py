"""The relevance step: real events stay, totals and generic lines go, old events are background."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from frontwire import config
from frontwire.extract.events.relevance import judge_events, relevance_model, sentence_features
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


def test_a_clause_recalling_a_named_battle_is_background_and_its_toll_leaves_the_news() -> None:
    text = (
        "Mr Putin was in Volgograd to mark the anniversary of the end of World War Two's "
        "Battle of Stalingrad, which saw the Soviet army capture nearly 91,000 German troops.\n\n"
        "Over a million people perished in the battle.\n\n"
        "Russian missiles struck an apartment block in Dnipro on Saturday, killing three "
        "people, the regional governor said.\n"
    )
    from frontwire.pipeline import extract_article

    events = extract_article(Article(text=text, published=date(2023, 2, 2))).events
    news = [e for e in events if not e.background]
    assert [e.sub_event_type for e in news] == ["Shelling/artillery/missile attack"]
    assert max(e.fatalities for e in news) == 3


def test_a_toll_stated_sentences_away_is_not_the_events_own() -> None:
    from frontwire.extract.events.relevance import keep_own_toll

    text = (
        "Putin compared the war to the fight against Nazi Germany in a speech on Thursday. "
        "He laid a wreath at the memorial. The crowd stood in silence. "
        "Over a million people perished in the battle."
    )
    doc = get_nlp()(text)
    start = text.index("the fight")
    event = event_on_text(text, start, "the fight against Nazi Germany")
    event.fatalities, event.fatalities_text = 1000000, "million people"
    event.notes = "Armed clash. 1000000 fatalities."
    keep_own_toll(doc, event, doc[doc.char_span(start, start + 3).start].sent)
    assert event.fatalities == 0 and event.fatalities_text is None
    assert "fatalities" not in event.notes
    near = event_on_text(text, start, "the fight against Nazi Germany")
    near.fatalities, near.fatalities_text = 3, "The crowd"  # two sentences on: its follow-on
    keep_own_toll(doc, near, doc[doc.char_span(start, start + 3).start].sent)
    assert near.fatalities == 3


def event_on_text(text: str, start: int, words: str) -> Event:
    return Event(
        event_id="e",
        event_date="2023-02-02",
        time_precision=1,
        disorder_type="Political violence",
        event_type="Battles",
        sub_event_type="Armed clash",
        plover={"event_type": "FIGHT"},
        evidence=[Evidence.of(text, start, start + len(words))],
    )


def test_the_ablation_script_compares_the_candidates_on_a_tiny_sample(tmp_path: Path) -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "training.ablation_relevance",
            "--sample",
            "60",
            "--folds",
            "2",
            "--bow-epochs",
            "2",
            "--models",
            "linear,bow,tok2vec,tok2vec+linear,minilm",
            "--cache",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    rows = {line.split()[0] for line in run.stdout.splitlines() if line.strip()}
    assert {"linear", "bow", "tok2vec", "tok2vec+linear"} <= rows
    # MiniLM needs its own venv (torch); without it or a cache it says so and goes on.
    assert "minilm: no cached embeddings" in run.stdout
    assert "ACLED sub-event type on" in run.stdout
    assert list(tmp_path.glob("tok2vec-*.npy")), "the tok2vec rows are cached for the next run"


def test_kept_as_event_precision_and_recall_count_background_as_kept() -> None:
    from collections import Counter

    from training.ablation_relevance import scores

    confusion = Counter(
        {
            ("event", "background"): 2,
            ("background", "not"): 1,
            ("not", "event"): 1,
            ("not", "not"): 4,
        }
    )
    s = scores(confusion)
    assert s["kept_p"] == 2 / 3 and s["kept_r"] == 2 / 3
    assert s["accuracy"] == 4 / 8 and s["r_not"] == 4 / 5
