"""Where violent events happen: one event per listed place (ACLED codes per location and
day), each coordinated verb at its own place, and what keeps separate events apart.

Sentences are written for these tests in the style of wire reports.
"""

from __future__ import annotations

from datetime import date

from frontwire.model import Article, Event
from frontwire.pipeline import extract_article

PUBLISHED = date(2023, 3, 15)
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def violent(text: str) -> list[Event]:
    events = extract_article(Article(text=text, published=PUBLISHED)).events
    return [e for e in events if e.event_type in VIOLENT]


def test_strike_on_a_list_of_towns_is_one_event_per_town() -> None:
    events = violent(
        "Russian missiles hit Odesa, Mykolaiv and the Kherson region on Tuesday, "
        "killing two people in Odesa."
    )
    assert sorted(e.location or "" for e in events) == ["Kherson", "Mykolayiv", "Odesa"]
    assert {e.sub_event_type for e in events} == {"Shelling/artillery/missile attack"}
    assert {e.event_date for e in events} == {"2023-03-14"}
    tolls = {e.location: e.fatalities for e in events}
    assert tolls["Odesa"] == 2 and sum(tolls.values()) == 2  # the toll is Odesa's only


def test_regions_listed_with_a_reference_point_fan_out_without_it() -> None:
    events = violent(
        "Russian missiles struck army training centres on Sunday in the regions of "
        "Chernihiv, north of Kyiv, and Zhytomyr and Lviv west of the capital."
    )
    places = {e.location for e in events}
    assert {"Chernihiv", "Zhytomyr", "Lviv"} <= places
    assert "Kyiv" not in places  # "north of Kyiv" only locates Chernihiv


def test_a_place_and_its_containers_stay_one_event() -> None:
    events = violent(
        "Gunmen shot dead a farmer in Barangay Laguilayan, Isulan, Sultan Kudarat on Monday."
    )
    assert len(events) == 1


def test_fighting_between_two_towns_is_one_event() -> None:
    events = violent(
        "Armed men exchanged fire with military police between the towns of Sousa and "
        "Patos on Tuesday during a chase."
    )
    assert len(events) == 1


def test_two_coordinated_strikes_each_at_its_own_town() -> None:
    events = violent(
        "The occupiers shelled the Sloviansk community in Donbas with Grad rockets on "
        "Tuesday and hit Kramatorsk with Iskander missiles."
    )
    assert sorted(e.location or "" for e in events) == ["Kramatorsk", "Slovyansk"]
    assert {e.sub_event_type for e in events} == {"Shelling/artillery/missile attack"}


def test_named_missile_types_make_a_missile_attack() -> None:
    (event,) = violent("Russia fired Kinzhal hypersonic weapons at Vinnytsia on Sunday.")
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.location == "Vinnytsya"


def test_a_hyphenated_capital_is_the_state_not_the_scene() -> None:
    (event,) = violent(
        "Explosions destroyed an ammunition depot in Moscow-annexed Crimea on Tuesday."
    )
    assert event.location == "Crimea"


def test_an_attacked_website_is_no_violence() -> None:
    assert violent("Hackers attacked the website of the energy ministry on Tuesday.") == []
    assert (
        violent(
            "The company said the most powerful cyberattack of the war hit its portal on "
            "Tuesday, and that it was attacked from Russian territory."
        )
        == []
    )


def test_a_rally_of_prices_does_not_turn_an_explosion_into_a_protest() -> None:
    events = violent(
        "Explosions destroyed a munitions depot near Dzhankoi in Crimea on Tuesday. "
        "In Europe, gas prices rallied more than 10 percent at one point."
    )
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]


def test_a_later_plain_report_with_its_weapon_keeps_the_event() -> None:
    text = (
        "The assurances came as Russian attacks destroyed a television tower in Kharkiv, "
        "officials said, a day before the talks that the two leaders had long planned "
        "for the capital and that were meant to settle the next steps of the aid plan. "
        "The president thanked his allies for their support and said the talks were "
        "useful, and he promised to keep pressing for more air defence in the months "
        "ahead, as the war enters its third year with no end in sight.\n\n"
        "Footage showed the tower collapsing seconds after Russian missiles slammed into "
        "it on Tuesday afternoon in the eastern city of Kharkiv."
    )
    events = violent(text)
    assert any(
        e.location == "Kharkiv" and e.sub_event_type == "Shelling/artillery/missile attack"
        for e in events
    )


def test_weapon_kinds_and_shelters_are_no_events() -> None:
    assert violent("Britain is sending 1,600 strike and air defence missiles to Kyiv.") == []
    assert violent("Britain is sending Storm Shadow missiles to Kyiv this spring.") == []
    assert (
        violent("A planeload of hardware arrived in Kyiv, including shoulder-fired grenades.") == []
    )
    assert violent("The family spent the night in an air raid shelter in Kyiv.") == []


def test_a_strike_with_its_weapon_and_town_is_reported_even_in_a_speech() -> None:
    text = (
        "Good evening, fellow citizens. Today I held a meeting of our commanders, and we "
        "discussed the situation at the front and the supply of our troops with modern "
        "weapons, which still need to reach the units faster than they do now. We also "
        "talked about the grain corridor and about the talks with our partners, which "
        "should bring results soon.\n\n"
        "The invaders shelled the Izium community in the Kharkiv region with “Grads” and "
        "hit Balakliia with “Tochkas”."
    )
    places = {e.location for e in violent(text)}
    assert "Balakliya" in places  # the model alone reads the speech as no news


def test_today_inside_a_reproduced_address_is_the_address_day() -> None:
    text = (
        "In the President's evening address on Monday, March 13, he spoke about the front "
        "and the talks with partners.\n\nRead the full address below:\n\n"
        "Good evening, fellow citizens! Today, the invaders shelled Kherson with rockets "
        "again, and two people were killed."
    )
    events = extract_article(Article(text=text, published=PUBLISHED)).events
    strike = next(e for e in events if e.location == "Kherson")
    assert strike.event_date == "2023-03-13"  # published on the 15th, spoken on the 13th
    plain = "Today, the invaders shelled Kherson with rockets again, and two people were killed."
    (same_day,) = [e for e in violent(plain) if e.location == "Kherson"]
    assert same_day.event_date == "2023-03-15"


def test_the_strikes_taken_up_later_get_no_place_from_an_as_clause() -> None:
    events = violent(
        "Russian missiles struck Odesa on Monday, killing three people. "
        "The strikes came as leaders of the G7 began a summit in Bavaria."
    )
    assert {e.location for e in events} == {"Odesa"}


def test_a_place_in_a_relative_clause_about_another_place_is_not_the_scene() -> None:
    events = violent(
        "Regional officials said a man was killed and two more injured in Zaporizhzhia "
        "province, which together with Kherson makes up the south."
    )
    assert [e.location for e in events] == ["Zaporizhzhia"]
    events = violent("A drone struck a depot in Kursk region, which borders Sumy, on Monday.")
    assert [e.location for e in events] == ["Kursk"]


def test_an_event_told_inside_a_relative_clause_keeps_its_place() -> None:
    events = violent("Shelling hit Nikopol, where the mayor said two people were killed.")
    assert {e.location for e in events} == {"Nikopol"}
