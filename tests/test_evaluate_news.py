"""The real-news scorer (eval/news README): many-to-one matching, pooled figures, paragraphs."""

from __future__ import annotations

from frontwire.evaluate.news import (
    NewsTally,
    _score_events,
    actor_matches,
    claim_matches,
    event_matches,
    paragraph_of,
    time_matches,
)

KYIV = {"name": "Kyiv", "lat": 50.45, "lon": 30.52}
STRIKE = {
    "id": "E1",
    "required": True,
    "what": "missile strike",
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack",
    "plover": "ASSAULT",
    "actor1": "Military Forces of Russia",
    "location": KYIV,
    "date": {"value": "2022-06-26", "tolerance_days": 1},
    "fatalities": 1,
}


def produced(**fields) -> dict:
    event = {
        "event_id": "x",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "plover": {"event_type": "ASSAULT"},
        "actor1": "Military Forces of Russia (2000-)",
        "latitude": 50.44,
        "longitude": 30.50,
        "location": "Kyiv",
        "event_date": "2022-06-27",
        "fatalities": 1,
        "evidence": [],
    }
    event.update(fields)
    return event


def test_event_needs_type_place_and_date_and_verbal_gold_takes_no_acled_type() -> None:
    assert event_matches(STRIKE, produced())
    assert not event_matches(STRIKE, produced(event_type="Battles"))
    assert not event_matches(STRIKE, produced(latitude=49.99, longitude=36.23))  # Kharkiv
    assert not event_matches(STRIKE, produced(event_date="2022-06-29"))
    verbal = {"event_type": None, "plover": "ACCUSE", "plover_any": ["DEMAND"], "location": {}}
    assert event_matches(verbal, produced(event_type=None, plover={"event_type": "DEMAND"}))
    assert not event_matches(verbal, produced(plover={"event_type": "ACCUSE"}))


def test_alternative_locations_count() -> None:
    gold = dict(STRIKE, alt_locations=[{"lat": 49.99, "lon": 36.23}])
    assert event_matches(gold, produced(latitude=49.98, longitude=36.25))


def test_two_reports_of_one_gold_event_are_both_right_and_background_is_apart() -> None:
    tally = NewsTally()
    events = [produced(), produced(event_id="y"), produced(event_id="z", background=True)]
    _score_events(tally, "a", [STRIKE], events)
    assert tally.get("violent_found") == 1 and tally.get("violent_required") == 1
    assert tally.get("violent_right") == 2 and tally.get("violent_produced") == 2
    assert tally.get("background") == 1
    assert tally.get("actor1_ok") == 1 and tally.get("fatalities_ok") == 1


def test_actor_words_without_military_forces_of() -> None:
    assert actor_matches("Military Forces of Russia", "Military Forces of Russia (2000-)")
    assert actor_matches("Military Forces of Russia", "Russia")
    assert not actor_matches("Military Forces of Russia", "Military Forces of Ukraine")


def test_claim_needs_opening_inside_and_speaker_key() -> None:
    gold = {"speaker": "John Kirby", "speaker_key": "kirby", "quote_starts": "We are not going to"}
    assert claim_matches(
        gold, {"text": "“We are not going to send troops,”", "speaker": "John Kirby"}
    )
    assert not claim_matches(gold, {"text": "We are not going to", "speaker": "the Pentagon"})


def test_paragraphs_are_blocks_between_line_breaks() -> None:
    text = "One.\n\nTwo on Sunday.\n\n\nThree."
    assert paragraph_of(text, text.index("Sunday")) == 1
    assert paragraph_of(text, text.index("Three")) == 2
    gold = {"mention": "on Sunday", "paragraph": 1, "value": "2022-06-26"}
    time = {"mention": "on Sunday", "start": text.index("on Sunday"), "value": "2022-06-26"}
    assert time_matches(gold, time, text)
    assert not time_matches(dict(gold, paragraph=0), time, text)
