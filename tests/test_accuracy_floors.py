"""Accuracy floors on the shared gold sets, scored exactly as `frontwire evaluate` scores them.

A floor is what an issue promised (or, for work still open, what main measured last): CI
fails when the pipeline drops below it. Raise a floor when a change raises the score.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwire.evaluate.acled import evaluate_acled
from frontwire.evaluate.cir import evaluate_cir
from frontwire.evaluate.gold import evaluate_gold_dir
from frontwire.evaluate.merge import evaluate_merge
from frontwire.evaluate.news import evaluate_news

SEED_FLOORS = {  # area: (minimum required found, minimum precision)
    "events": (4, 0.8),
    "claims": (13, 0.85),  # measured 0.88
    "places": (8, 0.0),
    "times": (7, 0.0),
}
# Issue targets where main reaches them; where it does not yet, the floor is what main
# measured (held-out rows, 2026-11-25) less a hair, so a regression fails CI while the
# issue stays open. The target is in the comment.
ACLED_FLOORS = {
    "event_type": 0.929,  # measured 0.934; issue target 0.92
    "sub_event_type": 0.913,  # measured 0.916; issue target 0.88
    "actor1": 0.765,  # measured 0.770 (issue #5 target 0.75)
    "actor2": 0.774,  # measured 0.779 (issue #5 target 0.75)
    "fatalities": 0.90,  # issue target
    "event_date": 0.95,  # issue target
    "location": 0.80,  # issue #17 target, met 2026-12-04 (measured 0.805)
    "admin1": 0.88,  # issue #17 target, met 2026-12-04 (measured 0.885)
}
CIR_FLOORS = {
    "place@25km": 0.93,  # issue #17 target, met 2026-12-04 (measured 0.931)
    "admin1": 0.917,  # measured 0.922; issue target 0.90
    "violent_recall": 0.851,  # measured 0.856; issue target 0.85
}
CIR_CEILINGS = {"false_violence": 0.15}
# Real news (eval/news, 30 hand-coded articles): measured on main less 0.01, as the
# real-news issue asks (2026-12-04, second session, all of its targets met); the targets
# (0.85 / 0.70 / 0.85 / 0.65 / 0.80, sub-event and actor1 0.80, claims 0.90, places 0.92)
# are in the comments. A floor is never lowered: PLOVER precision keeps 0.819.
NEWS_FLOORS = {
    "violent_recall": 0.83,  # measured 0.840; target 0.70
    "violent_precision": 0.928,  # measured 0.938; target 0.85
    "acled_precision": 0.879,  # measured 0.889; target 0.85
    "verbal_recall": 0.657,  # measured 0.667; target 0.65
    "plover_precision": 0.819,  # measured 0.821 (0.829 before); target 0.80
    "sub_event": 0.895,  # measured 0.905 (19/21); target 0.80
    "actor1": 0.847,  # measured 0.857 (18/21); target 0.80
    "claims": 0.938,  # measured 0.948; target 0.90 (issue #16)
    "claim_precision": 0.912,  # measured 0.922; target 0.90 (issue #16)
    "places": 0.92,  # issue #17 target (measured 0.930)
    "times": 0.96,  # measured 0.970
}
# Our own merge set (tests/data/merge, 67 articles): measured 1.000 / 1.000 (2026-12-04, a
# bare village far from every place the article names is no longer taken); target 0.9.
MERGE_FLOORS = {"precision": 0.995, "recall": 0.995}
MERGE_SET = Path(__file__).resolve().parent / "data" / "merge"


@pytest.fixture(scope="module")
def seed_report(shared_eval: Path) -> dict:
    return evaluate_gold_dir(shared_eval / "seed")


@pytest.mark.parametrize("area", sorted(SEED_FLOORS))
def test_seed_area_meets_its_floor(seed_report: dict, area: str) -> None:
    found_floor, precision_floor = SEED_FLOORS[area]
    score = seed_report["areas"][area]
    assert score["required_found"] >= found_floor, score["misses"]
    assert score["precision"] >= precision_floor, score["details"]


@pytest.mark.slow
def test_acled_floors(shared_eval: Path) -> None:
    # Scored on the held-out rows: the fitted tables and the classifier never saw them.
    report = evaluate_acled(shared_eval / "acled" / "events.csv", holdout_only=True)
    below = {
        k: (report["scores"][k], floor)
        for k, floor in ACLED_FLOORS.items()
        if report["scores"][k] < floor
    }
    assert not below, f"ACLED scores below their floors (score, floor): {below}"


@pytest.mark.slow
def test_cir_floors(shared_eval: Path) -> None:
    report = evaluate_cir(shared_eval / "cir" / "events.csv")
    scores = report["scores"]
    below = {k: (scores[k], f) for k, f in CIR_FLOORS.items() if scores[k] < f}
    above = {k: (scores[k], c) for k, c in CIR_CEILINGS.items() if scores[k] > c}
    assert not below and not above, f"CIR below floors {below}, above ceilings {above}"


def test_merge_set_floors() -> None:
    report = evaluate_merge(MERGE_SET)
    below = {k: (report[k], f) for k, f in MERGE_FLOORS.items() if report[k] < f}
    assert not below, f"merge pairwise scores below their floors (score, floor): {below}"


@pytest.mark.slow
def test_news_floors(shared_eval: Path) -> None:
    report = evaluate_news(shared_eval / "news")
    assert report["articles"] == 30
    figures = report["figures"]
    below = {k: (figures[k], f) for k, f in NEWS_FLOORS.items() if figures[k] < f}
    assert not below, f"real-news scores below their floors (score, floor): {below}"
