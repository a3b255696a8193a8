"""Casualties: ACLED's integer plus what the words say, on sentences we wrote ourselves."""

from __future__ import annotations

import pytest

from frontwire.extract.casualties import casualties_for_span, parse_number
from frontwire.nlp import parse


def _cas(text: str):
    return casualties_for_span(parse(text), 0, len(text))


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("Gunmen stormed the market, killing 4 traders.", 4),
        ("Seven villagers were killed in the raid.", 7),
        ("The shelling has killed hundreds of residents, officials said.", 100),
        ("The airstrike killed dozens of people in the camp.", 12),
        ("More than 30 people were killed when the bus hit a mine.", 30),
        ("Militants killed three police officers and wounded six others.", 3),
        ("The bombing killed 2 soldiers and 5 civilians.", 7),
        ("A farmer was shot dead by unknown assailants.", 1),
        ("The death toll from Sunday's attack rose to 18.", 18),
        ("Nobody was hurt, and no casualties were reported.", 0),
        ("Police fired tear gas, injuring twelve demonstrators.", 0),
        ("Twenty-five fighters died in the clashes.", 25),
    ],
)
def test_fatalities(text: str, fatalities: int) -> None:
    assert _cas(text).fatalities == fatalities


def test_killed_and_injured_kept_apart() -> None:
    found = _cas("The blast killed four people and injured 15 others near the checkpoint.")
    assert found.fatalities == 4
    assert found.injured == 15


def test_vague_count_keeps_words_and_bounds() -> None:
    text = "Witnesses said the strikes killed hundreds of civilians in the old town."
    found = _cas(text)
    assert found.fatalities == 100
    assert found.fatalities_low is not None and found.fatalities_low >= 100
    assert found.text is not None and "hundreds" in found.text
    assert text[found.start : found.end] == found.text


def test_at_least_is_a_lower_bound() -> None:
    found = _cas("At least 9 people were killed in the ambush.")
    assert (found.fatalities, found.fatalities_low, found.fatalities_high) == (9, 9, None)


def test_only_the_given_span_counts() -> None:
    text = "Rebels attacked the base. Separately, 6 people died in a flood."
    doc = parse(text)
    assert casualties_for_span(doc, 0, len("Rebels attacked the base.")).fatalities == 0


@pytest.mark.parametrize(
    ("words", "value"),
    [(["12"], 12), (["1,200"], 1200), (["twenty-one"], 21), (["two", "hundred"], 200)],
)
def test_number_words(words: list[str], value: int) -> None:
    assert parse_number(words) == value


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("The group has killed thousands of civilians in the region since 2014.", 0),
        ("The conflict has killed more than 6,000 people over the years.", 0),
        ("Armed groups have killed 300 people in the province this year.", 0),
        ("Officials said hundreds of people had been killed in the town.", 100),
        ("Fighting has killed 14 people in Goma since Saturday.", 14),
    ],
)
def test_a_cumulative_toll_is_background_not_an_events_count(text: str, fatalities: int) -> None:
    assert _cas(text).fatalities == fatalities
