"""Actors: the names a conflict analyst expects, resolved from prose we wrote ourselves."""

from __future__ import annotations

import json
from datetime import date

import pytest

from frontwire.extract import actors as actors_mod
from frontwire.extract.actors import (
    actor_for_text,
    extract_actors,
    interaction_code,
    roles_for_trigger,
)
from frontwire.model import Article, Claim, Place
from frontwire.nlp import parse


def _place(iso: str) -> Place:
    return Place("x", 0, 0, "x", "city", iso, None, None)


def _run(text: str, iso: str | None = None):
    doc = parse(text)
    places = [_place(iso)] if iso else []
    found = extract_actors(doc, Article(text=text, published=date(2024, 3, 2)), places)
    return doc, found


def _trigger(doc, word: str):
    return next(tok for tok in doc if tok.text == word)


def _base(name: str | None) -> str | None:
    return name.split(" (")[0] if name and name.startswith(("Military", "Police")) else name


def test_offsets_match_the_text() -> None:
    text = "Turkish forces shelled a village near the border, and Kurdish fighters fired back."
    _doc, found = _run(text, "SY")
    assert found
    for actor in found:
        assert text[actor.start : actor.end] == actor.mention


def test_demonym_and_force_noun_name_the_state_forces() -> None:
    _doc, found = _run("Afghan soldiers repelled an assault on a checkpoint in Kunduz.", "AF")
    names = [a.name for a in found]
    assert any(n.startswith("Military Forces of Afghanistan") for n in names)


def test_foreign_state_forces_are_external() -> None:
    _doc, found = _run("Iranian troops crossed into the district overnight.", "IQ")
    iran = next(a for a in found if a.iso == "IR")
    assert iran.inter == 8


def test_aliases_resolve_to_acled_names() -> None:
    _doc, found = _run("Houthi fighters attacked government positions near the port.", "YE")
    assert found[0].name == "Military Forces of Yemen (2016-) Supreme Political Council"


def test_civilians_take_the_country_in_focus() -> None:
    text = "Unknown gunmen shot dead two farmers in the village on Tuesday."
    doc, found = _run(text, "NG")
    agent, target = roles_for_trigger(doc, _trigger(doc, "shot"), found)
    assert agent is not None and agent.name == "Unidentified Armed Group (Nigeria)"
    assert target is not None and target.name == "Civilians (Nigeria)"
    assert interaction_code(agent.inter, target.inter) == 37


def test_protesting_residents_are_protesters() -> None:
    doc, found = _run(
        "Hundreds of residents protested outside the town hall over water cuts.", "KE"
    )
    agent, target = roles_for_trigger(doc, _trigger(doc, "protested"), found)
    assert agent is not None and agent.name == "Protesters (Kenya)"
    assert agent.inter == 6
    assert target is None


def test_speaker_side_resolves_our_units_and_the_enemy() -> None:
    text = (
        "\u201cThe enemy launched an attack on the village, pushing our units back,\u201d "
        "the General Staff of Ukraine said."
    )
    doc, found = _run(text, "UA")
    claim = Claim(
        id="C1",
        text=text,
        start=0,
        end=len(text),
        kind="direct",
        speaker="General Staff of Ukraine",
        organization="General Staff of Ukraine",
    )
    agent, target = roles_for_trigger(doc, _trigger(doc, "attack"), found, speaker=claim)
    assert _base(agent.name) == "Military Forces of Russia"
    assert _base(target.name) == "Military Forces of Ukraine"


def test_country_doing_violence_is_its_military_but_accused_is_the_state() -> None:
    text = (
        "Rights groups accused Russia of war crimes, saying its strikes killed dozens of civilians."
    )
    doc, found = _run(text, "UA")
    agent, target = roles_for_trigger(doc, _trigger(doc, "killed"), found)
    assert _base(agent.name) == "Military Forces of Russia"
    assert target.name == "Civilians (Ukraine)"
    _, accused = roles_for_trigger(doc, _trigger(doc, "accused"), found)
    assert accused is not None and accused.name == "Russia"


def test_capital_as_subject_stands_for_the_state() -> None:
    _doc, found = _run("Moscow denied the report, while fighting went on in Bakhmut.", "UA")
    moscow = next(a for a in found if a.mention == "Moscow")
    assert moscow.iso == "RU"


def test_interaction_code_rules() -> None:
    assert interaction_code(1, 7) == 17
    assert interaction_code(7, 1) == 17
    assert interaction_code(6, None) == 60
    assert interaction_code(None, None) is None


def test_actor_for_text_resolves_a_speaker() -> None:
    actor = actor_for_text("General Staff of Ukraine")
    assert actor is not None
    assert _base(actor.name) == "Military Forces of Ukraine"
    assert (actor.start, actor.end) == (0, len("General Staff of Ukraine"))
    assert actor_for_text("   ") is None


def test_user_file_extends_the_dictionary(tmp_path, monkeypatch) -> None:
    extra = {
        "actors": [
            {
                "name": "Blue Lake Brigade",
                "inter": 3,
                "iso": None,
                "aliases": ["Blue Lake Brigade", "BLB"],
            }
        ]
    }
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(extra), encoding="utf-8")
    monkeypatch.setenv("FRONTWIRE_ACTORS_FILE", str(path))
    actors_mod.lexicon.cache_clear()
    try:
        _doc, found = _run("The BLB ambushed a convoy near the lake.", "CD")
        assert any(a.name == "Blue Lake Brigade" and a.inter == 3 for a in found)
    finally:
        monkeypatch.delenv("FRONTWIRE_ACTORS_FILE")
        actors_mod.lexicon.cache_clear()


def test_missing_user_file_says_what_to_do(monkeypatch) -> None:
    monkeypatch.setenv("FRONTWIRE_ACTORS_FILE", "/nonexistent/actors.json")
    actors_mod.lexicon.cache_clear()
    try:
        with pytest.raises(Exception, match="FRONTWIRE_ACTORS_FILE"):
            actors_mod.lexicon()
    finally:
        monkeypatch.delenv("FRONTWIRE_ACTORS_FILE")
        actors_mod.lexicon.cache_clear()


def test_protesters_who_vandalise_are_rioters() -> None:
    text = "Dozens of traders demonstrated against the market closure and vandalized a police post."
    doc, found = _run(text, "KE")
    agent, _ = roles_for_trigger(doc, _trigger(doc, "demonstrated"), found)
    assert agent is not None and agent.name == "Rioters (Kenya)"
    assert agent.inter == 5


def test_unit_alias_of_another_country_is_not_borrowed() -> None:
    text = "Prison guards fired shots as inmates rioted in the central jail."
    _doc, found = _run(text, "SD")
    assert all("Venezuela" not in a.name for a in found)
