"""ACLED actor conventions for an event: which actor is actor1 and actor2, defaults, the event's
country.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from frontwire.extract.actors import (
    country_in_name,
    crowd_actor,
    policing_force,
    state_force,
    unknown_perpetrator,
)
from frontwire.extract.events.assertion import _has_subject
from frontwire.extract.events.tables import ARMED_INTER, VIOLENT_TYPES
from frontwire.extract.events.tokens import _lemma
from frontwire.extract.events.triggers import Mention
from frontwire.model import Actor
from frontwire.ontology import acled

# ---------------------------------------------------------------------------------------
# Building the Event records


def _is_default(actor: Actor | None, m: Mention) -> bool:
    """An actor made up for the trigger (unknown perpetrator, crowd), not named in the text."""
    return actor is not None and actor.start == m.token.idx and actor.mention == m.token.text


def _syntactic_agent(m: Mention) -> bool:
    """Whether the grammar ties the agent to the trigger ("Russian drones struck", "shelling
    by X", "X launched an attack"), rather than the agent being a guess from nearby names."""
    agent = m.agent
    if agent is None or _is_default(agent, m):
        return False
    heads = [m.token]
    if m.token.dep_ in ("dobj", "attr", "pobj") and m.token.head.pos_ in ("VERB", "AUX"):
        heads.append(m.token.head)
    if m.token.dep_ == "conj" and not _has_subject(m.token):
        heads.append(m.token.head)
    prep = m.token.head
    if m.token.dep_ == "pobj" and _lemma(prep.head) == "responsibility":
        heads.append(prep.head.head)  # "Al Shabaab claimed responsibility for the attack"
    for head in heads:
        for child in head.children:
            tied = child.dep_ in ("nsubj", "agent", "poss", "compound", "amod", "nmod") or (
                child.dep_ == "prep" and child.lower_ == "by"
            )
            if tied and child.left_edge.idx <= agent.start <= child.right_edge.idx:
                return True
    return False


def _pick_actor(
    values: list[Actor | None],
    exclude: str | None = None,
    ranks: list[int] | None = None,
) -> Actor | None:
    """The actor most mentions agree on, among the best-attested ones.

    Rank 0 is an agent the grammar ties to its trigger, 1 one guessed from nearby names,
    2 a made-up default. Without the ranks "an attack ... gunmen of X killed" would let two
    default "Unidentified Armed Group" votes outvote the one group the text names, and the
    army that reports an attack would outvote the side the sentence says did it.
    """
    ranks = ranks or [1] * len(values)
    pairs = [(a, r) for a, r in zip(values, ranks, strict=True) if a is not None]
    pairs = [(a, r) for a, r in pairs if a.name != exclude]
    if not pairs:
        return None
    best = min(r for _, r in pairs)
    pool = [a for a, r in pairs if r == best]
    counts = Counter(a.name for a in pool)
    if not counts:
        return None
    name = counts.most_common(1)[0][0]
    return next(a for a in pool if a.name == name)


def _event_iso(agent: Actor | None, target: Actor | None, place: Any) -> str | None:
    """The country whose crowd or civilians these are: where it happened, else the actors'."""
    if place is not None and getattr(place.place, "iso", None):
        return place.place.iso
    for actor in (agent, target):
        if actor is not None and actor.iso:
            return actor.iso
    return None


def _is_force(actor: Actor | None) -> bool:
    return actor is not None and actor.inter in (1, 8)


def _armed_first_actor(
    etype: str, agent: Actor | None, target: Actor | None, iso: str | None, doc: Doc | None
) -> tuple[Actor | None, Actor | None]:
    """ACLED: the first actor of political violence is armed or an unidentified armed group.

    A media outlet, an international organisation, a company or no one at all never
    fights: in a battle whose only armed actor is the second, that one is the first; any
    other violence by an unarmed or unnamed actor is an unidentified armed group's.
    """
    if etype not in VIOLENT_TYPES or (agent is not None and agent.inter in ARMED_INTER):
        return agent, target
    if etype == "Battles" and target is not None and target.inter in ARMED_INTER:
        return target, None
    country = iso or (agent.iso if agent is not None else None)
    if country is None:
        return agent, target
    mention, start = (agent.mention, agent.start) if agent is not None else ("", 0)
    return unknown_perpetrator(country, mention, start, doc), target


def conform_actors(
    agent: Actor | None,
    target: Actor | None,
    sub: str | None,
    iso: str | None,
    doc: Doc | None = None,
) -> tuple[Actor | None, Actor | None]:
    """Make the actors agree with the coded sub-event, as ACLED's coders do.

    A demonstration's first actor is always the crowd: "Protesters (Country)" when it is
    peaceful, "Rioters (Country)" when it turns violent, whoever the text named (party
    members, workers, residents); police who intervene are the second actor and a
    peaceful protest has none. Violence against civilians whose only named actor is a
    civilian ("a woman was found dead") is by an unknown perpetrator against civilians.
    Looting names the civilians robbed when the text names no victim.
    """
    if sub is None:
        return agent, target
    etype = acled.event_type_for(sub)
    if etype in ("Protests", "Riots"):
        kind = "protesters" if etype == "Protests" else "rioters"
        home = country_in_name(agent.name) if agent is not None and agent.inter in (3, 4) else None
        if home and home != iso:
            # "Israeli settlers attacked homes in Burin": the crowd is of the group's own
            # country (ACLED's "Rioters (Israel)"), not of the place it went to
            iso = home
        crowd_name = crowd_actor(kind, iso, "", 0).name
        old = agent
        if agent is None or agent.name != crowd_name:
            mention, start = (agent.mention, agent.start) if agent else ("", 0)
            agent = crowd_actor(kind, iso, mention, start)
        if sub == "Peaceful protest":
            return agent, None
        if _is_force(old) and (target is None or not _is_force(target)):
            target = old  # "police clashed with demonstrators" coded from the police side
        if etype == "Protests" and not _is_force(target):
            target = None
        if sub == "Protest with intervention" and target is None and iso:
            target = state_force(iso)  # force was used on the crowd; ACLED's default: police
        if sub == "Violent demonstration" and target is not None and target.inter in (5, 6):
            target = None  # the crowd is the first actor, not its own victim
        if target is not None and target.name == agent.name and etype == "Protests":
            target = None
        return agent, (policing_force(target) if target is not None else None)
    if sub == "Arrests" and agent is not None:
        agent = policing_force(agent)  # "security forces arrested": ACLED's police
    if sub == "Arrests" and iso and (target is None or target.inter is None):
        # "arrested the party's secretary general", "detained 12 members of the opposition":
        # ACLED codes those held as civilians (their party is an associated actor)
        mention, start = (target.mention, target.start) if target else ("", 0)
        target = crowd_actor("civilians", iso, mention, start)
    if agent is not None and agent.kind in ("rioters", "protesters") and etype in VIOLENT_TYPES:
        # ACLED's rioters riot; "a man was shot by two men" is an unknown armed group's attack
        agent = unknown_perpetrator(iso or agent.iso, agent.mention, agent.start, doc)
    if etype == "Violence against civilians" and agent is None and iso:
        # "a woman was found dead": someone killed her
        agent = unknown_perpetrator(iso, "", 0, doc)
    if etype == "Violence against civilians" and agent is not None and agent.inter == 7:
        target = target if target is not None and target.inter == 7 else agent
        agent = unknown_perpetrator(iso or agent.iso, agent.mention, agent.start, doc)
    if sub == "Looting/property destruction" and target is None and iso:
        target = crowd_actor("civilians", iso, "", 0)
    if etype == "Battles" and agent is not None and agent.inter in (6, 7):
        # "the fighting has forced people from their homes": civilians fight no battle
        agent = unknown_perpetrator(iso or agent.iso, agent.mention, agent.start, doc)
    if etype == "Battles" and target is not None and target.inter in (5, 6, 7):
        # a battle's second side is armed; the civilians it killed are its victims
        target = None
    agent, target = _armed_first_actor(etype, agent, target, iso, doc)
    unknown = agent is not None and agent.name.startswith("Unidentified Armed Group")
    if sub == "Armed clash" and target is None and agent is not None and unknown:
        # "a shoot-out took place": two unknown sides, coded as the same unknown group
        target = replace(agent)
    return agent, target
