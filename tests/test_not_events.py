"""Words of violence that report no violent event: snippets written for this test."""

from __future__ import annotations

from datetime import date

import pytest

from frontwire.model import Article
from frontwire.pipeline import extract_article

PUBLISHED = date(2024, 5, 20)
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


@pytest.mark.parametrize(
    "snippet",
    [
        "The foreign ministry lodged a strong protest with the ambassador over the remarks.",
        "Hungary protested the decision, saying the sanctions would hurt its economy.",
        "Officials blamed Russian hackers for cyber attacks on the agency's servers.",
        "Kyiv insists on its right to strike military targets inside Russia with the new missiles.",
        "He said the threat of Moscow authorising a tactical nuclear strike was real.",
    ],
)
def test_no_violent_event_and_no_protest(snippet: str) -> None:
    events = extract_article(Article(text=snippet, published=PUBLISHED)).events
    kinds = {e.event_type for e in events}
    assert not kinds & (VIOLENT | {"Protests"}), [(e.sub_event_type, e.evidence) for e in events]


def test_a_crowd_protesting_is_still_a_protest() -> None:
    text = "Hundreds of residents protested outside the town hall in Lviv on Sunday."
    events = extract_article(Article(text=text, published=PUBLISHED)).events
    assert [e.sub_event_type for e in events] == ["Peaceful protest"]


@pytest.mark.parametrize(
    "snippet",
    [
        "The minister insisted that until the assault began, talks are always a possibility.",
        "Officials said the group had plotted a coup that would involve gunmen attacking "
        "government buildings in Chisinau and taking hostages.",
    ],
)
def test_an_attack_not_yet_begun_or_only_planned_is_no_event(snippet: str) -> None:
    events = extract_article(Article(text=snippet, published=PUBLISHED)).events
    kinds = {e.event_type for e in events}
    assert not kinds & VIOLENT, [(e.sub_event_type, e.evidence) for e in events]


@pytest.mark.parametrize(
    "snippet",
    [
        "Residents said they lived quietly in Kharkiv until the shelling began on Monday.",
        "Video showed soldiers shooting at civilians in Bucha on Monday.",
    ],
)
def test_an_attack_told_as_done_beside_until_or_a_participle_stays(snippet: str) -> None:
    events = extract_article(Article(text=snippet, published=PUBLISHED)).events
    assert {e.event_type for e in events} & VIOLENT


@pytest.mark.parametrize(
    "snippet",
    [
        "The ambassador said that Boris Johnson's hostile attack contradicted earlier "
        "assurances given by London.",
        "Opposition leader Keir Starmer's attack on the government's budget drew applause in "
        "parliament on Monday.",
    ],
)
def test_a_named_persons_attack_in_words_is_no_violence(snippet: str) -> None:
    events = extract_article(Article(text=snippet, published=PUBLISHED)).events
    kinds = {e.event_type for e in events}
    assert not kinds & VIOLENT, [(e.sub_event_type, e.evidence) for e in events]


@pytest.mark.parametrize(
    "snippet",
    [
        "Putin's attack on Ukraine began on Monday with missile strikes on Kyiv.",
        "Anders Breivik's attack left 77 people dead.",
    ],
)
def test_a_persons_attack_with_weapons_or_dead_stays_violent(snippet: str) -> None:
    events = extract_article(Article(text=snippet, published=PUBLISHED)).events
    assert {e.event_type for e in events} & VIOLENT


def test_a_call_to_cease_fighting_is_no_battle() -> None:
    text = "The envoy has appealed to both armies to cease fighting around the town."
    events = extract_article(Article(text=text, published=PUBLISHED)).events
    assert not {e.event_type for e in events} & VIOLENT, [
        (e.sub_event_type, e.evidence) for e in events
    ]


@pytest.mark.parametrize(
    "snippet",
    [
        "The penalties target importers of nitrocellulose, used to produce other explosives.",
        "Customs officers said the network smuggled explosives across the border for years.",
        "New tariffs hit exporters of steel hard this quarter, the ministry said.",
    ],
)
def test_explosives_as_goods_and_measures_as_doers_are_no_violence(snippet: str) -> None:
    events = extract_article(Article(text=snippet, published=PUBLISHED)).events
    kinds = {e.event_type for e in events}
    assert not kinds & VIOLENT, [(e.sub_event_type, e.evidence) for e in events]


@pytest.mark.parametrize(
    ("snippet", "sub_event"),
    [
        ("Militants detonated explosives near a police post in Quetta on Monday.", None),
        (
            "Russian missiles hit an apartment block in Kharkiv on Tuesday.",
            "Shelling/artillery/missile attack",
        ),
        ("Gunmen targeted a police convoy in Borno on Friday.", None),
    ],
)
def test_weapons_and_armed_doers_still_make_violence(snippet: str, sub_event: str | None) -> None:
    events = extract_article(Article(text=snippet, published=PUBLISHED)).events
    violent = [e for e in events if e.event_type in VIOLENT]
    assert violent, snippet
    if sub_event:
        assert violent[0].sub_event_type == sub_event


def test_occupied_as_a_place_word_is_no_taking_of_ground() -> None:
    text = "Residents of Russian-occupied Kherson and other occupied territory fled west on Monday."
    events = extract_article(Article(text=text, published=PUBLISHED)).events
    assert not {e.event_type for e in events} & VIOLENT
    taken = "Russian troops occupied the village of Pisky on Monday."
    events = extract_article(Article(text=taken, published=PUBLISHED)).events
    assert {e.event_type for e in events} & VIOLENT
