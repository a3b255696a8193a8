"""ACLED's actor conventions for violence: the first actor is armed or an unidentified group."""

from __future__ import annotations

from frontwire.extract.events.conform import conform_actors
from frontwire.model import Actor

UN = Actor("the UN", 0, 6, "United Nations", None, None, "organisation")
UKRAINE = Actor("Ukrainian troops", 10, 26, "Military Forces of Ukraine (2019-)", 1, "UA", "state")
OUTLET = Actor("Reuters", 30, 37, "Reuters", None, "GB", "organisation")


def test_an_organisation_never_fights_the_armed_side_becomes_actor1() -> None:
    agent, target = conform_actors(UN, UKRAINE, "Armed clash", "UA")
    assert agent is not None and agent.name.startswith("Military Forces of Ukraine")
    assert target is None


def test_unnamed_or_unarmed_authors_of_explosions_are_an_unidentified_armed_group() -> None:
    agent, target = conform_actors(None, UKRAINE, "Remote explosive/landmine/IED", "UA")
    assert agent is not None and agent.name.startswith("Unidentified Armed Group")
    assert target is UKRAINE  # the victim stays the victim
    agent, _ = conform_actors(OUTLET, None, "Shelling/artillery/missile attack", "UA")
    assert agent is not None and agent.name.startswith("Unidentified Armed Group")
    assert agent.inter == 3


def test_armed_first_actors_and_non_violent_events_are_left_alone() -> None:
    assert conform_actors(UKRAINE, None, "Air/drone strike", "UA")[0] is UKRAINE
    assert conform_actors(UN, None, "Agreement", "UA")[0] is UN
