"""How full news prose is coded: dates that keep events apart, who set off a blast, who took
ground, and the words of violence that report no event. Snippets written for this test."""

from __future__ import annotations

from datetime import date

import pytest

from frontwire.model import Article, Event
from frontwire.pipeline import extract_article

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _events(text: str, published: date) -> list[Event]:
    return extract_article(Article(text=text, published=published)).events


def _violent(events: list[Event]) -> list[Event]:
    return [e for e in events if e.event_type in VIOLENT]


def test_an_earlier_blast_told_as_a_week_before_is_its_own_event() -> None:
    text = (
        "Explosions hit an ammunition depot near Dzhankoi in Crimea on Thursday.\n\n"
        "The blasts on Thursday came one week after two people were killed and three "
        "injured in similar explosions at a Russian airfield in Crimea."
    )
    events = _violent(_events(text, date(2023, 3, 10)))  # a Friday
    dates = sorted(e.event_date for e in events)
    assert dates == ["2023-03-02", "2023-03-09"], [(e.event_date, e.evidence) for e in events]
    earlier = next(e for e in events if e.event_date == "2023-03-02")
    assert earlier.fatalities == 2
    assert not earlier.background  # a week ago is news, not history


def test_events_dated_to_days_weeks_apart_are_not_merged() -> None:
    text = (
        "Russian drones struck the port of Izmail on Tuesday, officials said.\n\n"
        "On 2 March, Russian drones struck the port of Izmail, destroying a grain silo."
    )
    events = _violent(_events(text, date(2023, 3, 22)))
    assert sorted(e.event_date for e in events) == ["2023-03-02", "2023-03-21"]


def test_a_sunday_papers_last_week_is_the_week_ending_that_day() -> None:
    text = "Explosions last week hit a fuel depot in the breakaway region of Transnistria."
    events = _violent(_events(text, date(2023, 4, 30)))  # a Sunday
    assert events and events[0].event_date == "2023-04-24"
    assert events[0].date_end == "2023-04-29"


def test_who_reports_a_blast_did_not_set_it_off() -> None:
    text = (
        "Russia says that explosions at an ammunition depot in occupied Crimea were caused "
        "by sabotage."
    )
    events = _violent(_events(text, date(2023, 5, 4)))
    assert [e.actor1 for e in events] == ["Unidentified Armed Group (Ukraine)"]


def test_a_blast_is_not_given_the_last_armed_side_named() -> None:
    text = (
        "Russian troops shelled the outskirts of Kherson on Monday, the governor said. "
        "Later that day a car bomb exploded in Melitopol."
    )
    events = _violent(_events(text, date(2023, 5, 9)))
    blast = next(e for e in events if e.location == "Melitopol")
    assert blast.actor1 == "Unidentified Armed Group (Ukraine)"


def test_the_owner_of_the_site_hit_is_not_the_attacker() -> None:
    text = "Two soldiers were killed in explosions at a Russian airbase in Crimea on Monday."
    events = _violent(_events(text, date(2023, 5, 9)))
    assert events and not any("Russia" in (e.actor1 or "") for e in events)


def test_a_state_reporting_its_own_strikes_is_their_author() -> None:
    text = (
        "The Russian defence ministry said high-precision missiles struck Ukrainian army "
        "depots in the Zhytomyr region on Sunday."
    )
    events = _violent(_events(text, date(2023, 6, 12)))
    assert [e.actor1 for e in events] == ["Military Forces of Russia (2000-)"]


def test_a_foreign_state_force_taking_ground_overtakes_territory() -> None:
    text = (
        "Russian forces captured the village of Krasnohorivka in the Donetsk region on "
        "Sunday, Ukraine's general staff said."
    )
    events = _violent(_events(text, date(2023, 6, 12)))
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory"]
    assert events[0].actor1 == "Military Forces of Russia (2000-)"


def test_took_the_territory_of_a_plant_is_a_capture_by_the_unit_named() -> None:
    text = (
        "Akhmat special forces and separatist fighters took the territory of the "
        "salt mine near Soledar in the Donetsk region, Ramzan Kadyrov said on Monday."
    )
    events = _violent(_events(text, date(2023, 1, 10)))
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory"]
    assert events[0].actor1 == "Military Forces of Russia (2000-)"


@pytest.mark.parametrize(
    "snippet",
    [
        # what a count is made of
        "The ministry said this figure includes the soldiers who were killed and wounded "
        "during the fighting since February.",
        # someone's claim of what happens, in the simple present
        "He repeated those claims, saying that Ukrainians attack Russian speakers every day.",
        # an allegation the sentence calls false
        "Washington said claims of a Ukrainian attack on Horlivka were a fabricated pretext.",
        # restraint
        "The commander said his troops had held their fire despite the provocation.",
        # a word in quotation marks
        "Warsaw said it was under “direct attack” after the pipeline was shut.",
    ],
)
def test_words_of_violence_that_report_no_violent_event(snippet: str) -> None:
    events = _violent(_events(snippet, date(2023, 2, 20)))
    assert not events, [(e.sub_event_type, e.evidence[0].text) for e in events]


@pytest.mark.parametrize(
    ("snippet", "not_wanted"),
    [
        ("Moscow blocked gas supplies to Bulgaria on Wednesday.", "Peaceful protest"),
        ("The diplomatic procession to Beijing continued this week.", "Peaceful protest"),
        (
            "Russian forces are advancing near Avdiivka, deploying new infiltration tactics.",
            "Change to group/activity",
        ),
        ("A man walked into a jewellery shop in Kazan and stole some rings.", None),
    ],
)
def test_measures_metaphors_and_plain_crime_are_not_acled_events(
    snippet: str, not_wanted: str | None
) -> None:
    subs = {e.sub_event_type for e in _events(snippet, date(2023, 2, 20)) if e.event_type}
    if not_wanted is None:
        assert "Looting/property destruction" not in subs, subs
    else:
        assert not_wanted not in subs, subs


def test_a_headline_line_is_its_own_sentence() -> None:
    from frontwire.nlp import get_nlp

    doc = get_nlp()("– Russia cries sabotage in Crimea –\n\nKyiv denied any part in the blasts.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts[0].startswith("– Russia cries") and starts[-1].startswith("Kyiv denied")
    assert len(starts) == 2


def test_a_surname_of_a_person_already_named_is_not_a_place() -> None:
    text = (
        "Defense Secretary Lloyd Austin ordered 2,000 troops to Poland on Monday. Austin "
        "said the troops would stay for months."
    )
    places = extract_article(Article(text=text, published=date(2023, 2, 20))).places
    assert "Austin" not in {p.name for p in places}


def test_a_time_of_a_coordinated_verb_does_not_date_the_killing() -> None:
    text = (
        "Stalin was accused of orchestrating a famine in Ukraine between 1932 and 1933.\n\n"
        "The famine killed an estimated three million people and was recognised as a "
        "genocide earlier this week by the Irish parliament."
    )
    famine = next(e for e in _violent(_events(text, date(2023, 3, 3))) if e.fatalities)
    # "earlier this week" is when the parliament recognised it, not when people died
    assert "date: publication date (default)" in famine.tags, (famine.event_date, famine.tags)


def test_an_institution_is_no_body_count() -> None:
    text = (
        "The statement says a state that has repeatedly attacked its neighbours has no right "
        "to a permanent seat on one of its key bodies."
    )
    events = _events(text, date(2023, 3, 3))
    assert not any(e.fatalities for e in events), [(e.sub_event_type, e.fatalities) for e in events]


def test_a_country_named_in_what_a_speaker_said_did_not_strike() -> None:
    text = (
        "The Pope condemned a missile strike on a shopping centre in Kremenchuk that left 12 "
        "dead, saying that he prays for Ukraine every day."
    )
    events = _violent(_events(text, date(2023, 6, 30)))
    assert events and all("Ukraine (2019-)" not in (e.actor1 or "") for e in events)


def test_an_unclaimed_blast_is_an_unidentified_group_of_the_country_it_hit() -> None:
    text = "Explosions shook a fuel depot near Tiraspol in Transnistria on Monday night."
    events = _violent(_events(text, date(2023, 3, 7)))
    assert [e.actor1 for e in events] == ["Unidentified Armed Group (Moldova)"]


def test_polish_spellings_of_ukrainian_places_are_found() -> None:
    text = (
        "Russian rockets struck Charków on Saturday, and on Sunday Kinzhal missiles hit "
        "targets in the Winnicki oblast, the air force said."
    )
    places = extract_article(Article(text=text, published=date(2022, 8, 9))).places
    found = {(p.name, p.feature) for p in places}
    assert ("Kharkiv", "city") in found and ("Vinnytsia", "admin1") in found, found


def test_a_short_quoted_sentence_still_reports_its_event() -> None:
    text = "“They shelled us,” a resident of Kherson said on Monday."
    events = _violent(_events(text, date(2023, 3, 7)))
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]
