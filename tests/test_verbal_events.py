"""Verbal and material PLOVER events a reader of full articles would record, and the words
that look like them but report none. Snippets written for this test."""

from __future__ import annotations

from datetime import date

import pytest

from frontwire.model import Article, Event
from frontwire.pipeline import extract_article

PUBLISHED = date(2024, 3, 14)


def events(text: str) -> list[Event]:
    return extract_article(Article(text=text, published=PUBLISHED)).events


def plover_only(text: str) -> set[str]:
    """PLOVER types of the events without an ACLED type (the verbal side of the output)."""
    return {str(e.plover["event_type"]) for e in events(text) if not e.event_type}


@pytest.mark.parametrize(
    ("text", "plover_type"),
    [
        (
            "The foreign minister warned on Monday that if Minsk sends troops across the "
            "border, Warsaw will close every crossing.",
            "THREATEN",
        ),
        (
            "Washington issued fresh warnings that Russian troops are poised to invade "
            "Moldova within days.",
            "ACCUSE",
        ),
        ("If they attack our ships again, we will sink their fleet, the admiral said.", "THREATEN"),
        ("The Pentagon said on Monday it has sent more air-defence missiles to Kyiv.", "AID"),
        ("Canada announced a $500 million weapons package for Ukraine on Tuesday.", "AID"),
        ("The Kremlin ordered a general mobilisation of reservists on Wednesday.", "MOBILIZE"),
        (
            "The Belarusian army began large-scale military drills near the border on Monday.",
            "MOBILIZE",
        ),
        (
            "A massive cyberattack hit the website of the state railway operator on Monday.",
            "COERCE",
        ),
        (
            "The two leaders held a teleconference on Friday evening to discuss the crisis.",
            "CONSULT",
        ),
        ("In his speech on Tuesday the president railed against the sanctions.", "ACCUSE"),
        ("The two defence ministers signed a security agreement in Vilnius on Monday.", "AGREE"),
        (
            "The Serbian authorities have refused to join the sanctions against Moscow.",
            "REJECT",
        ),
        (
            "Lithuania removed a Soviet tank monument on Monday, accusing Russia of using such "
            "memorials to stir up tensions.",
            "ACCUSE",
        ),
    ],
)
def test_verbal_and_material_acts_are_events(text: str, plover_type: str) -> None:
    assert plover_type in plover_only(text), [(e.plover, e.evidence) for e in events(text)]


@pytest.mark.parametrize(
    ("text", "plover_type"),
    [
        ("The war in Syria threatened to undo a decade of economic growth.", "THREATEN"),
        ("Critics say it has become a rogue state that threatens regional security.", "THREATEN"),
        ("New laws were passed that threaten long jail terms for anyone who protests.", "THREATEN"),
        ("The president insisted that a diplomatic solution is still possible.", "DEMAND"),
        ("The governor signed a decree on new school holidays on Monday.", "AGREE"),
        ("Commanders agreed that the brigade has great potential for the spring.", "AGREE"),
        ("– Foreign minister to visit Beijing –", "CONSULT"),
        ("He said negotiations with the rebels were impossible.", "CONSULT"),
        ("A viral video condemning the government got millions of views.", "ACCUSE"),
        ("The situation demands courage from every one of us.", "DEMAND"),
        ("To the allies: Send tanks to Kyiv now!", "AID"),
        ("Hospitals ran out of beds and the clinic needs a life support package.", "AID"),
        ("Their call on Monday lasted an hour.", "REQUEST"),
        ("Prosecutors described what they call a campaign on social media.", "REQUEST"),
        ("The ruling party mobilization drew thousands of volunteers.", "MOBILIZE"),
    ],
)
def test_words_of_verbal_acts_that_report_none(text: str, plover_type: str) -> None:
    assert plover_type not in plover_only(text), [(e.plover, e.evidence) for e in events(text)]


def test_a_placeless_mobilisation_is_no_acled_troop_movement() -> None:
    found = events("Russia's defence ministry announced nuclear drills on Monday.")
    drills = [e for e in found if e.plover["event_type"] == "MOBILIZE"]
    assert drills and all(e.event_type is None for e in drills)


def test_a_cyberattack_is_no_physical_attack() -> None:
    found = events("Hackers launched a cyber attack on the ministry's servers on Sunday.")
    assert not {e.event_type for e in found} - {None}
    assert "COERCE" in {e.plover["event_type"] for e in found}


def test_a_phone_call_is_a_consultation_with_its_evidence() -> None:
    text = "Macron and Scholz spoke in a phone call on Saturday about the peace plan."
    consults = [e for e in events(text) if e.plover["event_type"] == "CONSULT"]
    assert consults and any("phone call" in ev.text for ev in consults[0].evidence)
