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


def _events(text: str, published: date = date(2024, 3, 2)):
    from frontwire.pipeline import extract_article

    return extract_article(Article(text=text, published=published)).events


def test_gang_marks_name_the_perpetrator_a_gang_where_acled_does() -> None:
    marked = "In Culiacan, Sinaloa, a man was found dead with his hands tied and gagged."
    doc, _found = _run(marked, "MX")
    assert actors_mod.unknown_perpetrator("MX", "", 0, doc).name == "Unidentified Gang (Mexico)"
    plain = "In Culiacan, Sinaloa, a man was found dead near a highway."
    doc, _found = _run(plain, "MX")
    name = actors_mod.unknown_perpetrator("MX", "", 0, doc).name
    assert name == "Unidentified Armed Group (Mexico)"
    # a country whose coders draw no such line keeps its one name
    assert actors_mod.unidentified_name("NG", armed=False, marked=True).startswith(
        "Unidentified Armed Group"
    )


def test_drive_by_shooting_by_armed_men_is_a_gang_attack() -> None:
    text = "Two armed men on a motorcycle carried out a drive-by shooting against a shopkeeper."
    _doc, found = _run(text, "MX")
    gunmen = next(a for a in found if a.mention == "armed men")
    assert gunmen.name == "Unidentified Gang (Mexico)"


def test_community_militias_are_named_after_their_community() -> None:
    text = "Jukun and Tiv militias clashed over farmland near Wukari, leaving six dead."
    doc, found = _run(text, "NG")
    names = {a.name for a in found}
    assert {"Jukun Ethnic Militia (Nigeria)", "Tiv Ethnic Militia (Nigeria)"} <= names
    agent, target = roles_for_trigger(doc, _trigger(doc, "clashed"), found)
    assert agent is not None and agent.name == "Jukun Ethnic Militia (Nigeria)"
    assert agent.inter == 4
    assert target is not None and target.name == "Tiv Ethnic Militia (Nigeria)"


def test_militias_from_a_village_and_clans_and_tribesmen() -> None:
    _doc, found = _run("Militiamen from Ogbadu raided a farm settlement at dawn.", "NG")
    assert any(a.name == "Ogbadu Communal Militia (Nigeria)" for a in found)
    _doc, found = _run("Fighters from the Abgaal clan exchanged fire with police.", "SO")
    assert any(a.name == "Abgaal Clan Militia (Somalia)" for a in found)
    _doc, found = _run("Al Jadaan tribesmen blocked the road and fired at a truck.", "YE")
    assert any(a.name == "Al Jadaan Tribal Militia (Yemen)" for a in found)
    # a dictionary name is kept, not renamed as a community
    _doc, found = _run("Mayi Mayi militia attacked an army post.", "CD")
    assert not any("Mayi Mayi Communal" in a.name for a in found)


def test_repelled_attack_belongs_to_the_attacker() -> None:
    text = "Army troops repulsed their attack after Taliban fighters stormed a checkpoint."
    doc, found = _run(text, "AF")
    agent, target = roles_for_trigger(doc, _trigger(doc, "attack"), found)
    assert agent is not None and agent.name == "Taliban"
    assert target is not None and _base(target.name) == "Military Forces of Afghanistan"


def test_unnamed_attacker_in_a_war_between_states_is_the_other_side() -> None:
    text = "Ukrainian forces repelled an attack near Robotyne overnight."
    doc, found = _run(text, "UA")
    agent, target = roles_for_trigger(doc, _trigger(doc, "attack"), found)
    assert _base(agent.name) == "Military Forces of Russia"
    assert _base(target.name) == "Military Forces of Ukraine"


def test_coalition_forces_take_the_operation_name() -> None:
    _doc, found = _run("Saudi warplanes bombed a market in Saada on Monday.", "YE")
    assert any(a.name == "Operation Restoring Hope" and a.inter == 8 for a in found)
    _doc, found = _run("US troops raided a compound in Deir ez-Zor.", "SY")
    assert any(a.name == "Global Coalition Against Daesh" for a in found)
    # at home, the same forces keep their country's name
    _doc, found = _run("Saudi troops deployed along the border near Jizan.", "SA")
    assert not any(a.name == "Operation Restoring Hope" for a in found)


def test_forces_under_an_umbrella_operation_take_its_name() -> None:
    text = "Turkish forces and rebel factions operating under OPS shelled Tal Tamr."
    _doc, found = _run(text, "SY")
    turkish = next(a for a in found if a.mention == "Turkish forces")
    assert turkish.name == "Operation Peace Spring"


def test_either_or_pair_becomes_acled_combined_actor() -> None:
    text = "Suspected JNIM or ISGS militants burned a school near Djibo."
    _doc, found = _run(text, "BF")
    pair = next(a for a in found if "JNIM" in a.mention)
    assert pair.mention == "JNIM or ISGS militants"
    assert pair.name.startswith("JNIM: Group for Support of Islam and Muslims and/or")
    assert text[pair.start : pair.end] == pair.mention


def test_two_countries_after_one_force_noun_are_two_actors() -> None:
    text = "Military forces of India and Pakistan exchanged fire across the Line of Control."
    doc, found = _run(text, "IN")
    agent, target = roles_for_trigger(doc, _trigger(doc, "exchanged"), found)
    assert {_base(agent.name), _base(target.name)} == {
        "Military Forces of India",
        "Military Forces of Pakistan",
    }


def test_both_sides_of_a_clash_in_the_order_named() -> None:
    text = "In the hills of Rakhine State, the Myanmar military and AA clashed."
    doc, found = _run(text, "MM")
    agent, target = roles_for_trigger(doc, _trigger(doc, "clashed"), found)
    assert _base(agent.name) == "Military Forces of Myanmar"
    assert target is not None and target.name.startswith("ULA/AA")


def test_generic_fighters_killed_are_the_side_already_named() -> None:
    text = (
        "Government troops repelled an assault by Houthi forces near Marib, "
        "killing a number of fighters."
    )
    doc, found = _run(text, "YE")
    _agent, target = roles_for_trigger(doc, _trigger(doc, "killing"), found)
    assert target is not None and "Supreme Political Council" in target.name


def test_short_police_mention_refers_back_to_the_named_unit() -> None:
    text = "Military Police raided a favela in Niteroi. The police seized two rifles."
    _doc, found = _run(text, "BR")
    later = [a for a in found if a.mention.lower() == "police"]
    assert later and later[0].name == "Military Forces of Brazil (2019-) Military Police"


def test_military_as_an_adjective_is_not_an_actor() -> None:
    _doc, found = _run("Convoys brought military equipment to the outpost.", "SY")
    assert not any(a.mention == "military" for a in found)
    _doc, found = _run("Rebels shelled a military post near Idlib.", "SY")
    assert any(a.mention == "military" for a in found)


def test_dispersed_protest_has_the_police_as_second_actor() -> None:
    events = _events(
        "Hundreds of nurses protested outside the health ministry in Nairobi on Monday "
        "demanding unpaid wages. Officers fired tear gas to disperse them."
    )
    coded = [e for e in events if e.sub_event_type == "Protest with intervention"]
    assert coded, [(e.sub_event_type, e.actor1, e.actor2) for e in events]
    # "officers" alone names nobody; ACLED's coders put the country's police
    assert coded[0].actor2 is not None and coded[0].actor2.startswith("Police Forces of Kenya")


def test_roles_follow_the_actor_list_given_for_the_same_document() -> None:
    # roles_for_trigger keeps its token map on the Doc: a different list must be honoured
    text = "Unknown gunmen shot dead two farmers in the village on Tuesday."
    doc, found = _run(text, "NG")
    agent, _ = roles_for_trigger(doc, _trigger(doc, "shot"), found)
    assert agent is not None and agent.mention == "Unknown gunmen"
    farmers_only = [a for a in found if "farmers" in a.mention]
    agent, target = roles_for_trigger(doc, _trigger(doc, "shot"), farmers_only)
    assert agent is None or agent.mention != "Unknown gunmen"
    assert target is not None and target.mention == farmers_only[0].mention
    agent, _ = roles_for_trigger(doc, _trigger(doc, "shot"), found)
    assert agent is not None and agent.mention == "Unknown gunmen"


def test_claimed_attack_names_the_group_on_every_trigger() -> None:
    text = (
        "Gunmen attacked a school in the town, killing four pupils. "
        "Al Shabaab claimed responsibility for the attack."
    )
    doc, found = _run(text, "SO")
    for word in ("attacked", "killing"):
        agent, _ = roles_for_trigger(doc, _trigger(doc, word), found)
        assert agent is not None and agent.name == "Al Shabaab"


@pytest.mark.parametrize(
    "speaker",
    [
        "General Staff of Ukraine",
        "Russian Defence Ministry",
        "a Kremlin spokesman",
        "the Israeli military",
        "Sudanese army spokesman",
        "Houthi spokesman",
        "Taliban officials",
        "JNIM or ISGS",
        "our units",
        "the enemy",
        "Nigerian police",
        "a police spokesman",
        "John Smith",
        "Amnesty International",
        "local residents",
        "Human Rights Watch",
    ],
)
def test_speaker_country_shortcut_never_hides_a_country(speaker: str) -> None:
    # the speaker's side is read without parsing when the words cannot name a country;
    # whenever the full resolution finds one, the shortcut must let it through
    actor = actor_for_text(speaker)
    if actor is not None and actor.iso:
        assert actors_mod._may_have_country(speaker)


def _coded(text: str) -> list[dict]:
    from frontwire.pipeline import extract_article

    return extract_article(Article(text=text, published=date(2024, 5, 1))).to_dict()["events"]


def test_country_bound_group_gives_the_country_when_no_place_resolves() -> None:
    text = "The NPA and the military fought a short battle in Barangay Kamansi on Monday."
    names = {a.name for a in _run(text)[1]}
    assert any(n.startswith("Military Forces of the Philippines") for n in names)


def test_common_alias_does_not_give_a_country() -> None:
    text = "Militants seized the town from government forces on Monday, residents said."
    names = {a.name for a in _run(text)[1]}
    assert "Civilians" in names and "Unidentified Armed Group" in names


def test_pronoun_subject_is_the_speaker_who_names_itself() -> None:
    doc, found = _run(
        "Ukraine's army said it had recaptured the village from Russian troops.", "UA"
    )
    agent, target = roles_for_trigger(doc, _trigger(doc, "recaptured"), found)
    assert _base(agent.name) == "Military Forces of Ukraine"
    assert _base(target.name) == "Military Forces of Russia"


def test_gunmen_of_a_unit_are_that_unit() -> None:
    doc, found = _run("Gunmen of the 22nd Armored Brigade stormed the governor's office.", "YE")
    agent, _ = roles_for_trigger(doc, _trigger(doc, "stormed"), found)
    assert "22nd Armored Brigade" in agent.name


def test_counted_people_of_a_state_without_an_army_are_civilians() -> None:
    _, found = _run("Israeli police shot dead two Palestinians on Tuesday.", "IL")
    names = {a.mention: a.name for a in found}
    assert names["Palestinians"] == "Civilians (Palestine)"
    _, found = _run("The Russians shelled the city overnight.", "UA")
    assert _base(found[0].name) == "Military Forces of Russia"


def test_guards_listed_among_the_dead_are_not_the_killers() -> None:
    text = "At least 12 people were killed in the assault, among them three prison guards."
    doc, found = _run(text, "HT")
    agent, _ = roles_for_trigger(doc, _trigger(doc, "killed"), found)
    assert agent is None or not agent.name.startswith("Police")


def test_security_forces_facing_a_crowd_are_police() -> None:
    text = "Demonstrators pelted stones at the security forces in Srinagar, India on Friday."
    events = [e for e in _coded(text) if e["event_type"] in ("Riots", "Protests")]
    assert events and events[0]["actor2"].startswith("Police Forces of India")


def test_request_names_the_body_it_is_addressed_to() -> None:
    doc, found = _run("Ukraine's request to launch its EU accession was discussed.", "UA")
    agent, target = roles_for_trigger(doc, _trigger(doc, "request"), found)
    assert agent.name == "Ukraine" and target.name == "European Union"


def test_subject_of_a_passive_attack_is_its_target() -> None:
    doc, found = _run("Two soldiers were killed in an ambush near Gao on Sunday.", "ML")
    agent, target = roles_for_trigger(doc, _trigger(doc, "ambush"), found)
    assert _base(target.name) == "Military Forces of Mali"
    assert agent is None or _base(agent.name) != "Military Forces of Mali"


def test_force_noun_after_army_keeps_the_country() -> None:
    names = [a.name for a in _run("Turkish Army forces struck PKK targets near Zakho.", "IQ")[1]]
    assert _base(names[0]) == "Military Forces of Turkey" and len(names) == 2


def test_shoot_out_between_unknown_sides_names_both() -> None:
    text = "On Sunday a shoot-out took place in the Vila Kennedy neighbourhood of Rio de Janeiro."
    events = [e for e in _coded(text) if e["sub_event_type"] == "Armed clash"]
    assert events and events[0]["actor1"] == events[0]["actor2"]
    assert events[0]["actor1"].startswith("Unidentified Armed Group")


def _first(text: str, sub: str) -> dict:
    events = [e for e in _coded(text) if e["sub_event_type"] == sub]
    assert events, f"no {sub} event in {text!r}"
    return events[0]


def test_a_drone_strike_is_never_done_by_protesters() -> None:
    text = (
        "The war has uprooted millions of people. "
        "On Tuesday, a drone strike killed four people in Sumy."
    )
    event = _first(text, "Air/drone strike")
    assert not event["actor1"].startswith(("Protesters", "Rioters"))
    assert event["actor1"].startswith("Unidentified Armed Group")


def test_a_labour_strike_is_still_a_protest() -> None:
    event = _first(
        "Nurses went on strike in Kisumu on Monday over unpaid wages.", "Peaceful protest"
    )
    assert event["actor1"] == "Protesters (Kenya)"


def test_demonym_on_the_weapon_names_the_forces() -> None:
    text = "A swarm of Russian Shahed drones hit Zaporizhzhia overnight, wounding five people."
    event = _first(text, "Air/drone strike")
    assert _base(event["actor1"]) == "Military Forces of Russia"


def test_battle_second_side_is_armed_not_civilians() -> None:
    text = (
        "Relatives in Gao mourned eleven soldiers on Friday, a day after an attack by "
        "Jama'at Nusrat al-Islam wal-Muslimin on their base killed 40 people."
    )
    battles = [e for e in _coded(text) if e["event_type"] == "Battles"]
    assert battles and all(not (e["actor2"] or "").startswith("Civilians") for e in battles)


def test_those_arrested_are_the_second_actor() -> None:
    text = "Security forces detained 12 members of the opposition party in Kampala on Sunday."
    event = _first(text, "Arrests")
    assert event["actor2"] == "Civilians (Uganda)"


def test_settler_mob_is_named_from_the_settlers_country() -> None:
    text = (
        "Dozens of Israeli settlers threw stones at Palestinian homes in the village of "
        "Burin on Friday, injuring two residents."
    )
    riots = [e for e in _coded(text) if e["event_type"] == "Riots"]
    assert riots and riots[0]["actor1"] == "Rioters (Israel)"


def _violent_actors(text: str) -> list[tuple[str | None, str | None]]:
    from frontwire.pipeline import extract_article

    events = extract_article(Article(text=text, published=date(2024, 5, 20))).events
    kinds = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
    return [(e.actor1, e.actor2) for e in events if e.event_type in kinds]


def test_the_country_across_a_border_that_locates_the_scene_is_no_side() -> None:
    found = _violent_actors(
        "The strike on Yavoriv district in Lviv was just 20km (12 miles) from the border "
        "with Nato member Poland."
    )
    assert found and all("Poland" not in (a1 or "") + (a2 or "") for a1, a2 in found), found


def test_a_later_strike_takes_no_perpetrator_from_the_side_struck_before() -> None:
    found = _violent_actors(
        "The Russian defence ministry said missiles struck Ukrainian army barracks on Sunday "
        "in the Zhytomyr region. The strike on Korosten district in Zhytomyr was just 60km "
        "from the border with Belarus."
    )
    assert found and all(a1 != "Military Forces of Ukraine (2019-)" for a1, _ in found), found
