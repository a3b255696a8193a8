"""Event detection and coding on sentences written for these tests (news-style prose).

Each ACLED sub-event type frontwire supports and each PLOVER type it codes has a
sentence here; so do the things that are not events: denials, hypotheticals,
conditionals and announcements of the future.
"""

from __future__ import annotations

from datetime import date

import pytest

from frontwire.model import Article, Event, Extraction
from frontwire.pipeline import extract_article

PUBLISHED = date(2023, 3, 15)


def run(text: str) -> Extraction:
    return extract_article(Article(text=text, published=PUBLISHED))


def acled_events(text: str) -> list[Event]:
    return [e for e in run(text).events if e.sub_event_type]


def plover_types(text: str) -> set[str]:
    return {str(e.plover["event_type"]) for e in run(text).events}


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Government troops clashed with Al Shabaab fighters near Afgoye on Tuesday, "
            "the army said.",
            "Armed clash",
        ),
        (
            "Taliban fighters seized control of the district centre of Khwaja Ghar on Monday.",
            "Non-state actor overtakes territory",
        ),
        (
            "Syrian government forces dropped chlorine gas on Douma, killing dozens of people.",
            "Chemical weapon",
        ),
        (
            "A Russian air strike hit a crowded market in Ariha on Sunday, killing 12 people.",
            "Air/drone strike",
        ),
        (
            "A drone strike destroyed a car carrying two militants near Mir Ali.",
            "Air/drone strike",
        ),
        (
            "A suicide bomber blew himself up at a checkpoint in Mogadishu, killing five soldiers.",
            "Suicide bomb",
        ),
        (
            "Russian forces shelled residential areas of Kharkiv overnight, killing three "
            "civilians, the regional governor said.",
            "Shelling/artillery/missile attack",
        ),
        (
            "A roadside bomb exploded under a police vehicle in Kandahar, wounding four officers.",
            "Remote explosive/landmine/IED",
        ),
        (
            "Unknown attackers threw a grenade into a bar in Bujumbura, injuring seven people.",
            "Grenade",
        ),
        (
            "Militiamen raped several women in the village of Kamango, a local official said.",
            "Sexual violence",
        ),
        ("Gunmen shot dead a school teacher in Bawku on Friday.", "Attack"),
        (
            "Armed men kidnapped 20 passengers travelling on the highway near Kaduna.",
            "Abduction/forced disappearance",
        ),
        (
            "Hundreds of nurses protested outside the health ministry in Nairobi on Monday, "
            "demanding unpaid salaries.",
            "Peaceful protest",
        ),
        (
            "Police fired tear gas to disperse students who were protesting in Dhaka against "
            "fee hikes.",
            "Protest with intervention",
        ),
        (
            "Security forces opened fire on protesters in Khartoum, killing three demonstrators.",
            "Excessive force against protesters",
        ),
        (
            "Protesters torched cars and threw stones at police in Nanterre during a "
            "demonstration against police violence.",
            "Violent demonstration",
        ),
        ("An angry mob lynched a man accused of theft in Kisumu.", "Mob violence"),
        (
            "The government and the rebels signed a ceasefire in Juba on Sunday.",
            "Agreement",
        ),
        ("Police arrested 30 opposition activists in Minsk on Saturday.", "Arrests"),
        (
            "Air defences intercepted two cruise missiles over Kyiv overnight.",
            "Disrupted weapons use",
        ),
        (
            "The militants established a base in the forest near Kilwa last week.",
            "Headquarters or base established",
        ),
        ("Soldiers looted shops in the market of Bria.", "Looting/property destruction"),
    ],
)
def test_acled_sub_event_types(text: str, sub_event_type: str) -> None:
    events = acled_events(text)
    assert events, f"no ACLED event in {text!r}"
    assert events[0].sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "plover_type"),
    [
        ("Amnesty International accused the army of war crimes in Tigray.", "ACCUSE"),
        ("North Korea threatened to strike US bases in Guam.", "THREATEN"),
        ("Ukraine appealed to Germany for more air defence systems.", "REQUEST"),
        ("The opposition demanded the resignation of the prime minister.", "DEMAND"),
        ("The French president visited Kyiv on Thursday.", "CONSULT"),
        ("Moscow rejected the peace proposal put forward by Kyiv.", "REJECT"),
        ("The European Union imposed new sanctions on Belarus on Monday.", "SANCTION"),
        ("Japan donated medical aid to Ukraine.", "AID"),
        ("Russian troops withdrew from Kherson on Friday.", "RETREAT"),
        ("Russia deployed additional troops to Belgorod near the border.", "MOBILIZE"),
        ("Russian forces shelled Kharkiv on Monday.", "ASSAULT"),
        ("Ukrainian and Russian forces fought in Bakhmut on Monday.", "FIGHT"),
        ("Thousands of people protested in Tbilisi against the foreign agents law.", "PROTEST"),
        ("Police detained 12 people in Almaty.", "COERCE"),
    ],
)
def test_plover_types(text: str, plover_type: str) -> None:
    assert plover_type in plover_types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia denied shelling the city of Kharkiv.",
        "The army did not attack the village of Kamenka.",
        "Such strikes could amount to attacks on civilians, the agency said.",
        "Russia will mobilize all its forces to take the city.",
        "If the rebels attack the town of Goma, the army will respond.",
        "Officials fear that militants may bomb the market in Kano.",
        "Did Russian forces shell Kharkiv last night?",
        "There were no clashes in Tripoli on Sunday.",
    ],
)
def test_negated_hypothetical_and_future_are_not_events(text: str) -> None:
    violent = [
        e for e in run(text).events if e.plover["event_type"] in ("ASSAULT", "FIGHT", "MOBILIZE")
    ]
    assert violent == [], [e.evidence for e in violent]


def test_threat_is_a_threat_not_an_attack() -> None:
    types = plover_types("Hamas threatened to attack Israeli towns near Gaza.")
    assert "THREATEN" in types
    assert "ASSAULT" not in types


def test_mentions_of_one_battle_merge_into_one_event_with_all_evidence() -> None:
    text = (
        "Russian forces attacked Bakhmut on Monday, pushing Ukrainian units out of "
        "the eastern districts. Fierce fighting continues in the streets, the governor said."
    )
    battles = [e for e in run(text).events if e.event_type == "Battles"]
    assert len(battles) == 1
    assert len(battles[0].evidence) >= 2
    for ev in battles[0].evidence:
        assert text[ev.start : ev.end] == ev.text


def test_different_places_stay_different_events() -> None:
    text = (
        "Russian missiles hit Odesa on Monday, killing two civilians. "
        "Separately, Ukrainian troops clashed with Russian forces near Bakhmut."
    )
    subs = {e.sub_event_type for e in acled_events(text)}
    assert {"Shelling/artillery/missile attack", "Armed clash"} <= subs


def test_weapons_and_allegations_become_tags_with_source() -> None:
    text = (
        "Human Rights Watch accused Russia of war crimes, saying cluster munitions and "
        "unguided rockets fired at Mykolaiv killed 15 civilians."
    )
    ex = run(text)
    shelling = [e for e in ex.events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling
    tags = shelling[0].tags
    assert "cluster munitions" in tags
    assert "unguided rockets" in tags
    assert "war crimes" in tags
    assert any(t.startswith("war crimes (alleged by") for t in tags)
    assert shelling[0].civilian_targeting
    assert "ACCUSE" in {e.plover["event_type"] for e in ex.events}


def test_event_fields_are_filled_and_coded_consistently() -> None:
    text = "On Monday, Russian forces shelled Kharkiv, killing three civilians."
    event = acled_events(text)[0]
    assert event.event_type == "Explosions/Remote violence"
    assert event.disorder_type == "Political violence"
    assert event.plover["event_type"] == "ASSAULT"
    assert event.plover["mode"] == "artillery"
    assert event.fatalities == 3
    assert event.event_id.endswith("-E1")
    assert event.notes.startswith("On ")
    assert "Kharkiv" in event.notes


def test_events_in_quotes_are_reported_by_the_speaker() -> None:
    text = (
        '"The enemy shelled Nikopol all night," the head of the regional military '
        "administration said on Telegram."
    )
    ex = run(text)
    events = [e for e in ex.events if e.plover["event_type"] == "ASSAULT"]
    assert events
    assert events[0].reported_by
    assert "reported" in events[0].tags


def test_troop_movements_are_not_violence() -> None:
    for text in (
        "Russian military convoy moving towards Kherson",
        "Train transporting Russian tanks near Belgorod",
        "Russian attack helicopter flying over Melitopol",
    ):
        violent = [
            e
            for e in run(text).events
            if e.event_type in ("Battles", "Explosions/Remote violence")
            or e.plover["event_type"] in ("ASSAULT", "FIGHT")
        ]
        assert violent == [], text


def test_damage_reports_are_remote_violence() -> None:
    for text in ("Damaged residential building in Irpin", "Aftermath of a strike on Vinnytsia"):
        events = acled_events(text)
        assert events and events[0].event_type == "Explosions/Remote violence", text


# ---------------------------------------------------------------------------------------
# Actors agree with the coded event (ACLED's conventions)


def _base_name(name: str | None) -> str | None:
    return name.split(" (")[0] if name and "(" in name and name.endswith("-)") else name


def test_a_crowd_that_burns_tyres_is_rioters_not_protesters() -> None:
    [event] = acled_events(
        "Hundreds of residents burned tyres and blocked the main road in Kisumu on "
        "Tuesday to protest against power cuts."
    )
    assert event.event_type == "Riots"
    assert event.actor1 == "Rioters (Kenya)"
    assert event.actor2 is None or not event.actor2.startswith(("Protesters", "Rioters"))


def test_a_peaceful_protest_has_the_crowd_and_no_second_actor() -> None:
    [event] = acled_events(
        "Farmers gathered outside the district office in Multan on Monday to protest "
        "against low wheat prices."
    )
    assert event.sub_event_type == "Peaceful protest"
    assert event.actor1 == "Protesters (Pakistan)"
    assert event.actor2 is None


def test_a_body_found_is_a_killing_by_someone_unknown_of_a_civilian() -> None:
    [event] = acled_events("A woman was found dead in Culiacan, Sinaloa, on Sunday.")
    assert event.event_type == "Violence against civilians"
    assert event.actor1 is not None and event.actor1.startswith("Unidentified")
    assert event.actor2 == "Civilians (Mexico)"


def test_the_by_phrase_names_the_killer_even_after_a_date() -> None:
    [event] = acled_events(
        "On 6 May 2020, a policeman was shot and killed by Taliban militants in "
        "Lashkargah, Helmand."
    )
    assert event.actor1 == "Taliban"
    assert (event.actor2 or "").startswith("Police Forces of Afghanistan")


def test_monitors_who_observe_explosions_did_not_cause_them() -> None:
    events = acled_events("OSCE monitors observed 20 explosions near Horlivka on Sunday.")
    assert events
    assert all(e.actor1 != "OSCE Special Monitoring Mission" for e in events)


def test_the_side_the_sentence_names_beats_the_side_that_reports() -> None:
    [event] = acled_events(
        "Russian drones struck an energy facility in the Kharkiv region overnight, the "
        "Ukrainian air force said. Two workers were injured."
    )
    assert (event.actor1 or "").startswith("Military Forces of Russia")


def test_paramilitary_rsf_attacking_the_army_is_a_clash_of_the_two() -> None:
    [event] = acled_events(
        "The Rapid Support Forces attacked positions of the Sudanese army in El Fasher "
        "on Friday, residents said."
    )
    assert event.event_type == "Battles"
    assert event.actor1 == "Rapid Support Forces"
    assert (event.actor2 or "").startswith("Military Forces of Sudan")


def test_destroying_a_building_without_weapons_is_property_destruction() -> None:
    [event] = acled_events(
        "Soldiers found and destroyed a clandestine airstrip near Puerto Lempira, "
        "Gracias a Dios, on Monday."
    )
    assert event.sub_event_type == "Looting/property destruction"


def test_nobody_killed_is_not_a_killing() -> None:
    assert acled_events("Nobody was killed in Kramatorsk overnight, the mayor said.") == []


def test_a_currency_does_not_set_the_protesters_country() -> None:
    events = acled_events(
        "Protesters blocked the Saadnayel highway on Tuesday against the high US dollar "
        "exchange rate."
    )
    assert events
    assert all("United States" not in (e.actor1 or "") for e in events)


def test_a_heading_before_a_colon_does_not_make_a_second_event() -> None:
    events = acled_events(
        "Property destruction: On 5 May 2020, settlers razed farmland owned by villagers "
        "near the village of Burin, south of Nablus."
    )
    assert [e.sub_event_type for e in events] == ["Looting/property destruction"]


def test_a_car_set_alight_is_property_destruction() -> None:
    [event] = acled_events("Gunmen set two lorries alight near Kaduna on Monday night.")
    assert event.sub_event_type == "Looting/property destruction"


def test_a_blast_at_a_checkpoint_is_not_a_security_measure() -> None:
    events = acled_events(
        "A car bomb exploded at a checkpoint in Mogadishu on Sunday, killing four people, "
        "including two soldiers, police said."
    )
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]


def test_victims_of_the_blast_are_not_its_perpetrators() -> None:
    [event] = acled_events(
        "A car bomb exploded at a checkpoint in Mogadishu on Sunday, killing four people, "
        "including two soldiers, police said."
    )
    assert event.actor1 is not None and event.actor1.startswith("Unidentified Armed Group")
    assert not (event.actor1 or "").startswith(("Military", "Police"))


@pytest.mark.parametrize(
    "text",
    [
        "Villagers beat a suspected thief to death in Kisii on Tuesday.",
        "A group of men assaulted a ration dealer in Ketugram over the price of rice.",
        "Supporters of two rival parties fought one another with sticks in Kirundo.",
        "Dozens of Palestinian youths clashed with Israeli forces in Tulkarm.",
    ],
)
def test_an_unarmed_crowd_attacking_or_brawling_is_mob_violence(text: str) -> None:
    events = acled_events(text)
    assert events and events[0].sub_event_type == "Mob violence"


def test_one_man_throwing_stones_is_an_attack_not_a_mob() -> None:
    events = acled_events("A man threw stones at a nurse in Yurecuaro, accusing her of theft.")
    assert events and events[0].sub_event_type != "Mob violence"


@pytest.mark.parametrize(
    "text",
    [
        "Israeli forces raided the town of Kfar Aqab and hurled tear gas at Palestinians.",
        "A laborer was shot dead by suspected NPA rebels in Cawayan. Police said the motive "
        "for the attack was unclear.",
        "Militants intercepted transport trucks near Mentao, firing at the tyres.",
        "A pro-Houthi fighter opened fire on two children at a checkpoint in Al Marawasah.",
    ],
)
def test_one_armed_side_against_civilians_is_an_attack_not_a_clash(text: str) -> None:
    events = acled_events(text)
    assert events and events[0].sub_event_type == "Attack", [e.sub_event_type for e in events]


def test_armed_guards_among_the_dead_make_it_a_clash() -> None:
    text = (
        "Armed gangs attacked the main prison in Port-au-Prince late on Saturday and freed "
        "most of its inmates, officials said. At least 12 people were killed in the "
        "assault, among them three prison guards."
    )
    events = acled_events(text)
    assert events and events[0].event_type == "Battles"


def test_overrunning_a_building_is_not_taking_territory() -> None:
    events = acled_events("Gunmen overran the largest prison in Port-au-Prince on Saturday.")
    assert events and events[0].sub_event_type != "Non-state actor overtakes territory"


def test_a_curfew_after_clashes_is_a_security_measure_not_a_battle() -> None:
    events = acled_events(
        "Authorities in Kano imposed a curfew after clashes between rival groups."
    )
    assert [e.sub_event_type for e in events] == ["Change to group/activity"]


def test_a_lockdown_named_as_background_is_no_event() -> None:
    text = "Villagers beat a ration dealer in Ketugram during the ongoing coronavirus lockdown."
    subs = [e.sub_event_type for e in acled_events(text)]
    assert subs == ["Mob violence"]


def test_to_combat_a_virus_is_not_combat() -> None:
    text = "The council declared a three-day curfew in Aden to combat the spread of the virus."
    assert all(e.event_type != "Battles" for e in acled_events(text))


def test_a_convoy_that_was_shot_at_is_a_target_not_a_troop_movement() -> None:
    events = acled_events("Gunmen shot at a police convoy in Reynosa on Tuesday.")
    assert all(e.sub_event_type != "Change to group/activity" for e in events)


def test_a_missile_fired_and_intercepted_is_disrupted_weapons_use() -> None:
    text = (
        "Houthi rebels fired a ballistic missile at Jazan, the coalition said, adding that "
        "the missile was intercepted and destroyed."
    )
    events = acled_events(text)
    assert events and events[0].sub_event_type == "Disrupted weapons use"


def test_police_breaking_up_the_protest_in_the_next_sentence_is_an_intervention() -> None:
    text = (
        "Hundreds of residents protested in Sofia on Saturday, demanding the president's "
        "resignation. Police dispersed the protesters."
    )
    events = acled_events(text)
    assert events and events[0].sub_event_type == "Protest with intervention"


def test_a_caption_of_a_destroyed_building_is_not_destruction_by_its_name() -> None:
    events = acled_events("Children rehabilitation center in Mariupol destroyed")
    assert events and events[0].event_type == "Explosions/Remote violence"


def test_a_drone_dropping_a_bomb_is_an_air_strike() -> None:
    events = acled_events("Ukrainian drone dropping a bomb on a Russian vehicle near Bakhmut")
    assert events and events[0].sub_event_type == "Air/drone strike"


# ---------------------------------------------------------------------------------------
# Background lines, fires, launched weapons, owned targets, nights (round 2)


def test_a_habitual_line_after_the_event_adds_no_event() -> None:
    events = acled_events(
        "Gunmen killed five farmers near Maiduguri on Monday. "
        "Boko Haram often attacks villages in the area."
    )
    assert len(events) == 1
    assert events[0].fatalities == 5


@pytest.mark.parametrize(
    "text",
    [
        "Police regularly arrest journalists in Harare, rights groups say.",
        "Militants have repeatedly attacked army posts in the district.",
        "Government troops and the rebels have been fighting since 2012 in the north.",
    ],
)
def test_habitual_and_long_running_statements_are_context(text: str) -> None:
    assert acled_events(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Government troops and rebels have been fighting since Monday in Kidal, residents said.",
        "Soldiers stabbed the man repeatedly in Juba on Sunday.",
    ],
)
def test_a_short_span_or_a_repeated_blow_is_still_an_event(text: str) -> None:
    assert len(acled_events(text)) == 1


def test_a_cumulative_toll_is_not_the_events_fatalities() -> None:
    events = acled_events(
        "Rebels killed at least 12 civilians in Beni on Tuesday. The group, which "
        "swore loyalty to a jihadist network, has killed thousands of civilians in the region."
    )
    assert len(events) == 1
    assert events[0].fatalities == 12


def test_firefighters_battling_a_blaze_fight_no_one() -> None:
    assert acled_events("Firefighters battled the blaze in Odesa until the morning.") == []
    assert [e.sub_event_type for e in acled_events("Soldiers battled rebels near Goma.")] == [
        "Armed clash"
    ]


def test_launched_drones_are_the_weapon_not_the_target() -> None:
    events = acled_events("Russia launched drones at Odesa on Tuesday night, killing two guards.")
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


def test_an_attack_on_the_school_of_gendarmes_strikes_an_armed_side() -> None:
    events = acled_events(
        "Mourners in Bamako buried twenty police cadets on Thursday, two days after "
        "militants of the group attacked their academy near the airport, killing 20 people."
    )
    assert [e.event_type for e in events] == ["Battles"]


def test_an_attack_on_a_school_of_children_stays_violence_against_civilians() -> None:
    events = acled_events(
        "Parents said children were wounded when gunmen attacked their school in Kaduna on Monday."
    )
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_a_night_raid_ends_the_next_morning() -> None:
    events = acled_events("Russian drones attacked Odesa overnight, killing two guards.")
    assert len(events) == 1
    assert (events[0].event_date, events[0].date_end) == ("2023-03-14", "2023-03-15")
    day = acled_events("Russian drones attacked Odesa on Monday, killing two guards.")
    assert day[0].date_end is None


def test_a_killing_with_abductions_is_coded_as_the_killing() -> None:
    both = acled_events(
        "On Sunday, gunmen attacked Kagara village, killed a resident and abducted six others."
    )
    assert [e.sub_event_type for e in both] == ["Attack"]
    only = acled_events("On Sunday, gunmen abducted six residents of Kagara village.")
    assert [e.sub_event_type for e in only] == ["Abduction/forced disappearance"]


def test_per_document_lemma_and_sentence_caches_match_spacy() -> None:
    from frontwire.extract.events import _lemma, _sent_of
    from frontwire.nlp import parse

    doc = parse("Shelling hit Kharkiv on Monday. Two people died; rescuers searched the rubble.")
    assert [_lemma(t) for t in doc] == [t.lemma_.lower() for t in doc]
    assert all(_sent_of(t) == t.sent for t in doc)


@pytest.mark.parametrize(
    "text",
    [
        "Clashes broke out between Palestinian youths and Israeli soldiers in Nablus on Friday.",
        "Clashes erupted between Palestinians and Israeli forces in Hebron on Monday.",
    ],
)
def test_a_people_clashing_with_soldiers_is_mob_violence(text: str) -> None:
    assert [e.sub_event_type for e in acled_events(text)] == ["Mob violence"]


def test_fighters_clashing_with_soldiers_stay_an_armed_clash() -> None:
    events = acled_events("Clashes broke out between Hamas fighters and Israeli soldiers in Jenin.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]


@pytest.mark.parametrize(
    "text",
    [
        "Police raided a house in Kano on Monday and arrested two suspects.",
        "Israeli forces carried out arrest raids in Bayt Ummar on Tuesday, detaining four men.",
    ],
)
def test_a_raid_made_to_arrest_is_an_arrest(text: str) -> None:
    assert [e.sub_event_type for e in acled_events(text)] == ["Arrests"]


def test_a_check_point_set_up_is_a_measure_and_a_scene_when_bombed() -> None:
    events = acled_events("The army set up a check point at the entrance of Gao on Monday.")
    assert [e.sub_event_type for e in events] == ["Change to group/activity"]
    bombed = acled_events(
        "A car bomb exploded at a check point in Mogadishu, killing two soldiers."
    )
    assert [e.sub_event_type for e in bombed] == ["Remote explosive/landmine/IED"]


def test_a_protest_spliced_before_a_call_for_help_is_still_a_protest() -> None:
    events = acled_events(
        "On Monday, nurses protested in Nairobi against unpaid wages, the nurses also "
        "called for danger pay."
    )
    assert [e.sub_event_type for e in events] == ["Peaceful protest"]
    assert acled_events("The union called for a protest in Lagos on Friday.") == []


def test_residents_gathering_to_voice_rejection_is_a_protest() -> None:
    events = acled_events(
        "Dozens of residents gathered outside the town hall in Zahle on Monday and voiced "
        "their rejection of the new landfill."
    )
    assert [e.sub_event_type for e in events] == ["Peaceful protest"]


def test_people_who_died_and_were_found_bound_were_killed() -> None:
    events = acled_events(
        "Two men died and were found bound with rope on a road outside Celaya on Sunday."
    )
    assert [e.sub_event_type for e in events] == ["Attack"]
    assert acled_events("The former minister died in hospital in Cairo on Monday.") == []


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Dockworkers staged a strike at the port of Mombasa on Monday over pay.",
            "Peaceful protest",
        ),
        ("Teachers went on strike in Nairobi on Monday over unpaid salaries.", "Peaceful protest"),
        (
            "Israeli jets carried out a strike on a house in Rafah, killing six people.",
            "Air/drone strike",
        ),
    ],
)
def test_a_walk_out_is_a_protest_and_a_strike_on_a_house_is_not(
    text: str, sub_event_type: str
) -> None:
    events = acled_events(text)
    assert [e.sub_event_type for e in events] == [sub_event_type]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("M23 rebels attacked army positions near Sake on Monday.", "M23: March 23 Movement"),
        (
            "TPLF forces clashed with Eritrean troops near Adigrat.",
            "TPLF: Tigray People's Liberation Front",
        ),
        (
            "The People's Defence Force ambushed a junta convoy in Sagaing.",
            "PDF: People's Defense Force",
        ),
    ],
)
def test_armed_groups_of_current_wars_have_their_acled_names(text: str, actor1: str) -> None:
    events = acled_events(text)
    assert events and events[0].actor1 == actor1
