"""The extraction stages: listed in order in one place, switched off or swapped by configuration."""

from __future__ import annotations

from datetime import date

import pytest

from frontwire import config
from frontwire.errors import FrontwireError
from frontwire.model import Article
from frontwire.pipeline import STAGES, extract_article

TEXT = (
    "Government troops clashed with Al Shabaab fighters near Afgoye on Tuesday, killing "
    'three, the army said. "We repelled the attack," army spokesman Ali Hassan told reporters.'
)
ARTICLE = Article(text=TEXT, published=date(2023, 3, 15))


def test_the_flow_is_times_places_actors_claims_events_relevance() -> None:
    assert [s.name for s in STAGES] == [
        "times", "places", "actors", "claims", "events", "relevance"
    ]  # fmt: skip


def test_a_stage_switched_off_leaves_its_records_empty_and_the_rest_runs(monkeypatch) -> None:
    full = extract_article(ARTICLE)
    assert full.claims and full.events and full.places
    monkeypatch.setattr(config, "STAGES_OFF", "claims")
    without = extract_article(ARTICLE)
    assert without.claims == []
    assert [e.sub_event_type for e in without.events] == [e.sub_event_type for e in full.events]
    assert [p.name for p in without.places] == [p.name for p in full.places]


def test_a_stage_is_swapped_for_a_function_named_in_the_configuration(
    tmp_path, monkeypatch
) -> None:
    (tmp_path / "no_places_stage.py").write_text(
        "def run(doc, article, found):\n    found.places = []\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(config, "STAGE_OVERRIDES", "places=no_places_stage:run")
    result = extract_article(ARTICLE)
    assert result.places == [] and result.times  # the other stages still ran
    assert all(e.location is None for e in result.events)


@pytest.mark.parametrize(
    ("off", "overrides", "message"),
    [
        ("claim", "", r"unknown extraction stage\(s\) claim.*the stages are times, places"),
        ("", "events", r"'events' is not name=module:function"),
        ("", "events=no_such_module_x:run", r"stage 'events': cannot load"),
    ],
)
def test_bad_stage_settings_are_refused_in_one_line(monkeypatch, off, overrides, message) -> None:
    monkeypatch.setattr(config, "STAGES_OFF", off)
    monkeypatch.setattr(config, "STAGE_OVERRIDES", overrides)
    with pytest.raises(FrontwireError, match=message):
        extract_article(ARTICLE)
