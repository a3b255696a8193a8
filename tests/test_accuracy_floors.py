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

SEED_FLOORS = {  # area: (minimum required found, minimum precision)
    "events": (4, 0.8),
    "claims": (13, 0.0),
    "places": (8, 0.0),
    "times": (7, 0.0),
}
ACLED_FLOORS = {
    "event_type": 0.92,
    "sub_event_type": 0.88,
    "actor1": 0.75,
    "fatalities": 0.90,
    "event_date": 0.95,
    "location": 0.80,
    "admin1": 0.85,
}
CIR_FLOORS = {"place@25km": 0.90, "admin1": 0.90, "violent_recall": 0.85}
CIR_CEILINGS = {"false_violence": 0.15}


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
    report = evaluate_acled(shared_eval / "acled" / "events.csv")
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
