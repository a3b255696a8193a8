"""The event-typing seam: another typer is put in place by name, without editing events."""

from __future__ import annotations

from datetime import date

import pytest

from frontwire import config
from frontwire.errors import FrontwireError
from frontwire.extract.events import (
    Coding,
    RulesTyper,
    TypingFeatures,
    event_typer,
    lexicon,
    register_typer,
)
from frontwire.model import Article
from frontwire.pipeline import extract_article

TEXT = (
    "Government troops clashed with Al Shabaab fighters near Afgoye on Tuesday, "
    "killing three, the army said."
)


class EverythingIsAProtest:
    """A typer that ignores the rules: every merged event is a peaceful protest."""

    def __init__(self, lex: object) -> None:
        self.lex = lex

    def type_event(self, features: TypingFeatures) -> Coding:
        assert features.classes and features.sentences  # the rule inputs are there to read
        return Coding("Peaceful protest", "PROTEST", "demonstrate", "protest", 0.5)


def test_a_registered_typer_chosen_by_configuration_codes_the_events(monkeypatch) -> None:
    article = Article(text=TEXT, published=date(2023, 3, 15))
    assert {e.sub_event_type for e in extract_article(article).events} == {"Armed clash"}
    register_typer("everything_is_a_protest", EverythingIsAProtest)
    monkeypatch.setattr(config, "EVENT_TYPER", "everything_is_a_protest")
    events = extract_article(article).events
    assert events and {e.sub_event_type for e in events} == {"Peaceful protest"}
    assert {e.event_type for e in events} == {"Protests"}


def test_the_rules_typer_is_the_default() -> None:
    assert isinstance(event_typer(lexicon()), RulesTyper)


def test_an_unknown_typer_is_refused_with_the_choices(monkeypatch) -> None:
    monkeypatch.setattr(config, "EVENT_TYPER", "no_such_typer")
    with pytest.raises(FrontwireError, match=r"unknown event typer 'no_such_typer'.*rules"):
        event_typer(lexicon())
