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
    "actor1": 0.763,  # measured 0.766 (issue #5 target 0.75)
    "actor2": 0.776,  # measured 0.777 (issue #5 target 0.75)
    "fatalities": 0.90,  # issue target
    "event_date": 0.95,  # issue target
    "location": 0.765,  # measured 0.770 (2026-12-03, WOF villages); issue target 0.80
    "admin1": 0.868,  # measured 0.873; issue target 0.88
}
CIR_FLOORS = {
    "place@25km": 0.924,  # measured 0.929; issue target 0.93
    "admin1": 0.917,  # measured 0.922; issue target 0.90
    "violent_recall": 0.851,  # measured 0.856; issue target 0.85
}
CIR_CEILINGS = {"false_violence": 0.15}
# Real news (eval/news, 30 hand-coded articles): measured on main 2026-12-03 less 0.01, as
# the real-news issue asks; its targets (0.85 / 0.70 / 0.85 / 0.65 / 0.80, claims 0.90,
# places 0.92) are in the comments.
NEWS_FLOORS = {
    "violent_recall": 0.23,  # measured 0.240; target 0.70
    "violent_precision": 0.567,  # measured 0.577; target 0.85
    "acled_precision": 0.505,  # measured 0.515; target 0.85
    "verbal_recall": 0.46,  # measured 0.471; target 0.65
    "plover_precision": 0.65,  # measured 0.662; target 0.80
    "claims": 0.835,  # measured 0.845; target 0.90
    "claim_precision": 0.828,  # measured 0.838; target 0.90
    "places": 0.903,  # measured 0.913; target 0.92
    "times": 0.909,  # measured 0.919
}
# Our own merge set (tests/data/merge, 67 articles): measured 1.000 / 0.979 since village
# lookups put one Beni report's "Masala" at a namesake ~1,000 km away (open); target 0.9.
MERGE_FLOORS = {"precision": 0.995, "recall": 0.974}
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
