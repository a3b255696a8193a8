"""Building the Event records: dates, notes, tags, fallback actors, fatalities."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from spacy.tokens import Doc

from frontwire.extract.actors import actors_between, generic_actor, interaction_code
from frontwire.extract.casualties import casualties_in
from frontwire.extract.context import doc_text
from frontwire.extract.events.clues import _sentences, _terms_in
from frontwire.extract.events.coding import Coding
from frontwire.extract.events.conform import (
    _event_iso,
    _is_default,
    _pick_actor,
    _syntactic_agent,
    conform_actors,
)
from frontwire.extract.events.merge import Cluster
from frontwire.extract.events.tables import VIOLENT_TYPES, Lexicon
from frontwire.extract.events.triggers import Mention
from frontwire.model import Article, Event, Evidence
from frontwire.ontology import acled, plover
from frontwire.ontology.acled import ARMED_INTER

#: Tag of an event dated by counting from another one ("one week after Tuesday's blasts").
LINKED_DATE_TAG = "date: counted from another event"


def _date_choice(cluster: Cluster) -> Any:
    dated = [m.date for m in cluster.mentions if m.date is not None]
    explicit = [d for d in dated if not getattr(d, "is_default", False)]
    return (explicit or dated or [None])[0]


def _with_night_end(choice: Any, published: date | None) -> Any:
    """The chosen date with its expression's last day: "overnight", "late on Thursday"
    resolve to a night that ends the next morning (``TimeExpr.end_value``), which the day
    choice leaves out; an event coded from such a raid spans both days (``date_end``)."""
    time = getattr(choice, "time", None)
    if choice is None or choice.end_value or time is None or not time.end_value:
        return choice
    if not (len(time.end_value) == 10 and time.end_value > choice.value):
        return choice
    if published is not None and time.end_value > published.isoformat():
        return choice  # a reported night cannot end after the report
    return replace(choice, end_value=time.end_value)


def _allegation_tags(cluster: Cluster, lex: Lexicon) -> list[str]:
    """Legal allegations ("war crimes") with who makes them."""
    tags: list[str] = []
    for sent in _sentences(cluster):
        found = _terms_in([sent], lex.allegations)
        if not found:
            continue
        sources = [m.claim.organization or m.claim.speaker for m in cluster.mentions if m.claim]
        sources += [m.reporter for m in cluster.mentions if m.reporter and m.sent == sent]
        accusers = [m.agent.name for m in cluster.mentions if m.cls == "accuse" and m.agent]
        source = next((s for s in accusers + sources if s), None)
        for entry in found:
            tags.append(entry["tag"])
            if source:
                tags.append(f"{entry['tag']} (alleged by {source})")
    return list(dict.fromkeys(tags))


def _human_date(value: str | None, lex: Lexicon) -> str | None:
    if not value:
        return None
    parts = value.split("-")
    months = lex.notes["months"]
    if len(parts) == 3:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def write_notes(event: Event, cluster: Cluster, lex: Lexicon) -> str:
    """A note in ACLED's style: date, who did what to whom, where, fatalities, source."""
    table = lex.notes["acled"] if event.sub_event_type else lex.notes["plover"]
    key = event.sub_event_type or event.plover["event_type"]
    a1, a2 = event.actor1, event.actor2
    phrase = None
    for template in table.get(key, []):
        if "{a2}" in template and not (a1 and a2):
            continue
        if "{a1}" in template and not a1:
            continue
        phrase = template.format(a1=a1, a2=a2)
        break
    phrase = phrase or f"a {key} event took place"
    parts = []
    when = _human_date(event.event_date, lex)
    lead = f"On {when}, " if when else ""
    where = ""
    if event.location:
        region = ", ".join(x for x in (event.admin2, event.admin1) if x and x != event.location)
        where = f" in {event.location}" + (f" ({region})" if region else "")
    sentence = lead + phrase + where
    parts.append(sentence[0].upper() + sentence[1:] + ".")
    quote = cluster.first
    clause = doc_text(quote.token.doc)[quote.start : quote.end].strip()
    if clause:
        parts.append(f'The report says: "{clause}".')
    if event.fatalities:
        parts.append(f"{event.fatalities} fatalities.")
    if event.reported_by:
        names = [r for r in event.reported_by if not r.startswith(f"{event.event_id[:-1]}")]
        if names:
            parts.append("Reported by " + ", ".join(names) + ".")
    return " ".join(parts)


def _fallback_actor(cluster: Cluster, coding: Coding, role: str, iso_country: str | None) -> Any:
    """ACLED's generic actors where the text names none: the crowd, the victims."""
    if not iso_country or coding.sub_event_type is None:
        return None
    etype = acled.event_type_for(coding.sub_event_type)
    if role == "agent" and etype == "Protests":
        return generic_actor("protesters", iso_country)
    if role == "agent" and etype == "Riots":
        return generic_actor("rioters", iso_country)
    if role == "target" and coding.civilian_targeting:
        return generic_actor("civilians", iso_country)
    return None


def _anyone_hit(cas: Any) -> bool:
    """Whether the text reports anyone killed or hurt."""
    return cas is not None and bool(cas.fatalities or cas.injured)


def build_event(
    n: int, cluster: Cluster, coding: Coding, article: Article, doc: Doc, lex: Lexicon
) -> Event:
    sub = coding.sub_event_type
    etype = acled.event_type_for(sub) if sub else None
    place = cluster.place
    date_choice = _date_choice(cluster)
    leading = cluster.mentions
    if etype in ("Protests", "Riots"):  # the crowd, not the police who dispersed it
        leading = [m for m in cluster.mentions if m.cls in ("protest", "riot")] or leading
    agent = _pick_actor(
        [m.agent for m in leading],
        ranks=[2 if _is_default(m.agent, m) else 0 if _syntactic_agent(m) else 1 for m in leading],
    )
    targets = [m.target for m in cluster.mentions]
    if etype == "Battles":  # a battle is fought between armed sides; its victims are not one
        targets = [t for t in targets if t is not None and t.inter in ARMED_INTER] or targets
    target = _pick_actor(targets, exclude=agent.name if agent else None)
    if etype == "Battles" and (target is None or target.inter not in ARMED_INTER):
        # "an attack by JNIM ... killed 77 people, most of them gendarmes": the other
        # armed actor the event's sentences name is the second side
        sents = _sentences(cluster)
        named = actors_between(doc, sents[0].start_char, sents[-1].end_char)
        others = [
            a for a in named if a.inter in ARMED_INTER and (agent is None or a.name != agent.name)
        ]
        if others:
            target = others[0]
    country = place.place.country if place is not None else None
    if agent is None:
        agent = _fallback_actor(cluster, coding, "agent", country)
    sents = _sentences(cluster)
    violent = etype in VIOLENT_TYPES | {"Riots", "Protests"} or coding.plover_type in (
        "ASSAULT",
        "FIGHT",
    )
    cas = casualties_in(sents) if violent else None
    if target is None and (etype != "Explosions/Remote violence" or _anyone_hit(cas)):
        # shells on "villages and farms" with no one hurt: ACLED codes no second actor
        target = _fallback_actor(cluster, coding, "target", country)
    agent, target = conform_actors(agent, target, sub, _event_iso(agent, target, place), doc)
    if sub == "Non-state actor overtakes territory" and agent is not None and agent.inter == 1:
        sub = "Armed clash"  # a state's own forces taking ground from a rival state: battle
    tags = list(coding.tags) + _allegation_tags(cluster, lex)
    if date_choice is not None and getattr(date_choice, "is_default", False):
        tags.append("date: publication date (default)")
    if date_choice is not None and getattr(date_choice, "linked", False):
        tags.append(LINKED_DATE_TAG)
    if any(m.claim or m.reporter for m in cluster.mentions):
        tags.append("reported")
    reported: list[str] = []
    for m in cluster.mentions:
        if m.claim is not None:
            reported.append(m.claim.id)
            who = m.claim.organization or m.claim.speaker
            if who:
                reported.append(who)
        elif m.reporter:
            reported.append(m.reporter)
    evidence = [Evidence.of(doc_text(doc), m.start, m.end) for m in cluster.mentions]
    evidence = list(dict.fromkeys(evidence))
    precision = getattr(date_choice, "time_precision", None) if date_choice else None
    event = Event(
        event_id=f"{article.id}-E{n}",
        event_date=date_choice.value if date_choice else None,
        date_end=getattr(date_choice, "end_value", None) if date_choice else None,
        time_precision=int(precision) if isinstance(precision, int) else 3,
        disorder_type=acled.disorder_type_for(sub) if sub else None,
        event_type=etype,
        sub_event_type=sub,
        plover=plover.coding(coding.plover_type, coding.mode, coding.context),
        actor1=agent.name if agent else None,
        inter1=agent.inter if agent else None,
        actor2=target.name if target else None,
        inter2=target.inter if target else None,
        civilian_targeting=coding.civilian_targeting,
        tags=list(dict.fromkeys(tags)),
        reported_by=list(dict.fromkeys(reported)),
        confidence=coding.confidence,
        evidence=evidence,
    )
    event.interaction = interaction_code(event.inter1, event.inter2) if sub else None
    if place is not None:
        p = place.place
        event.location = p.name
        event.iso = p.iso
        event.country = p.country
        event.admin1 = p.admin1
        event.admin2 = p.admin2
        event.latitude = p.latitude
        event.longitude = p.longitude
        event.geo_precision = place.geo_precision
    if cas is not None:
        event.fatalities = cas.fatalities
        event.fatalities_text = cas.text
        event.injured = cas.injured
    event.notes = write_notes(event, cluster, lex)
    return event


def _drop_background_causes(mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Drop violence named only as the cause of a measure or a protest.

    "Authorities imposed a curfew after clashes", "students marched following the
    killing of a journalist": the report is about the curfew or the march; the clashes
    are background a coder records from the report that tells them, not as a battle
    with the curfew's place and date.
    """
    causes = lex.cue("cause_prepositions")
    owners = {m.token.i: m for m in mentions if m.group != "violence" or m.cls == "protest"}
    kept = []
    for m in mentions:
        tok = m.token
        if (
            m.group == "violence"
            and m.cls != "protest"
            and tok.pos_ == "NOUN"
            and tok.dep_ == "pobj"
            and tok.head.lower_ in causes
        ):
            verb = tok.head.head
            near = [verb, *verb.children]
            if any(t.i in owners and t.i != tok.i for t in near):
                continue
        kept.append(m)
    return kept
