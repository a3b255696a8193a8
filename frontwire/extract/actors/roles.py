"""Roles: who did it, to whom. ``roles_for_trigger`` reads the parse around an event trigger;
the fallbacks name unknown perpetrators, state forces and crowds.
"""

from __future__ import annotations

import dataclasses
import operator

from spacy.tokens import Doc, Token

from frontwire.extract.actors.lexicon import (
    NOUN_POS,
    TARGET_PREPS,
    Lexicon,
    lexicon,
    state_name,
)
from frontwire.extract.actors.make import _generic_fighters, generic_actor, unidentified_name
from frontwire.extract.actors.sides import (
    _actor_near,
    _antecedent,
    _armed_sides,
    _claimant,
    _finish,
    _focus_from,
    _listed_victims,
    _nearest,
    _pobj,
    _positions_of,
    _previous_armed,
    _site_spans,
    _speaker_iso,
    _victim_spans,
    actor_for_text,
    in_other_clause,
    protest_word,
    source_spans,
)
from frontwire.extract.context import context_of
from frontwire.model import Actor, Claim
from frontwire.ontology.acled import ARMED_INTER

# ---------------------------------------------------------------------------------------
# Roles: who did it, to whom


def roles_for_trigger(
    doc: Doc,
    trigger: Token,
    actors: list[Actor],
    speaker: Claim | None = None,
    violent: bool | None = None,
) -> tuple[Actor | None, Actor | None]:
    """(agent, target) of the event whose trigger token is given.

    The dependency parse first (subject or "by X" is the agent; object, "on X", "against
    X" or the subject of a passive is the target), then the nearest actors of the
    sentence. A speaker's "our units" and "the enemy" are resolved from the speaker's
    side; a country doing violence is its military; a crowd that protests is
    "Protesters (Country)". Returned actors are copies: the list is not changed.
    """
    lex = lexicon()
    by_token = _actor_tokens(doc, actors)
    sent = trigger.sent
    agent_tok, target_tok = _dependency_roles(trigger, lex, by_token)
    if trigger.lower_ in lex.crowd_nouns or trigger.lemma_.lower() in lex.crowd_nouns:
        # "police dispersed the protesters": the crowd is the trigger and the agent
        agent_tok, target_tok = trigger, None
    agent = _actor_near(agent_tok, by_token) if agent_tok is not None else None
    if agent is None and agent_tok is not None and agent_tok.lower_ in lex.anaphora:
        # "Ukraine's army said it had recaptured the village": "it" is the army
        agent = _antecedent(agent_tok, by_token)
    target = _actor_near(target_tok, by_token) if target_tok is not None else None
    if target is None and trigger.pos_ in NOUN_POS | {"VERB"}:
        target = _positions_of(trigger, by_token)
    if violent is None:  # the caller may know better ("a strike that left 18 dead")
        violent = trigger.lemma_.lower() in lex.violent_lemmas
    in_sentence = [a for a in actors if a.start >= sent.start_char and a.end <= sent.end_char]
    repelled = _repel_roles(trigger, lex, by_token, in_sentence)
    if repelled is not None and trigger.lemma_.lower() in lex.repel_lemmas:
        # the repel verb: its subject acts, the attacker is the other side
        target = target if target is not None and target.name != repelled[0].name else None
        target = target or repelled[0]
        agent = agent or repelled[1]
    elif repelled is not None:
        agent, target = repelled
    if agent is not None and violent and agent.inter is None and agent.kind == "organisation":
        agent = None  # a rights group or newspaper reports violence; it does not commit it
    if target is not None and violent and target.inter is None and target.kind == "organisation":
        # "attacked workers at the party office": the people hit are coded, not the office
        # or the party (ACLED lists a party as an associated actor of civilians)
        target = None
    # "were killed", "were killed in an ambush": the passive verb whose subject was hit
    pverb = trigger.head.head if trigger.dep_ == "pobj" else trigger
    passive = (
        violent
        and pverb.lemma_.lower() in lex.violent_lemmas
        and any(c.dep_ == "auxpass" for c in pverb.children)
    )
    hurt: set[str] = set()
    reporters: list[Actor] = []  # who, in the sentence, reports it ("Ukraine says ...")
    if agent is None:
        # "killing six people, including three soldiers": those hit are never the agent
        hit = (
            [
                *_victim_spans(trigger),
                *_listed_victims(sent),
                *(
                    span
                    for tok in sent
                    if tok.lemma_.lower() in lex.violent_lemmas
                    for span in _site_spans(tok)
                ),
            ]
            if violent
            else []
        )
        if speaker is not None and speaker.speaker_start is not None:
            # "..., police said": the source of the report is not who used violence
            hit.append((speaker.speaker_start, speaker.speaker_end or speaker.speaker_start))
        sources = source_spans(trigger) if violent else []
        reporters = [a for a in in_sentence if any(s <= a.start < e for s, e in sources)]
        # "Ukraine says 14 missiles were fired at the Kyiv region": a country, ministry or
        # body that reports is not who fired; a force that reports fighting ("the army
        # reported fighting") or an armed group that speaks ("Al Shabaab said") took part
        silent = {id(a) for a in reporters if not _armed_force(a)}
        pool = [
            a
            for a in in_sentence
            if not any(s <= a.start < e for s, e in hit) and id(a) not in silent
        ]
        pool = [a for a in pool if not _across_border(doc, a, lex)]
        if violent:
            pool = [a for a in pool if not in_other_clause(doc, a, trigger)]
        if passive:
            # "a police officer ... was attacked": who stands before a passive verb was hit
            subj = next((c for c in pverb.children if c.dep_ == "nsubjpass"), None)
            lo = subj.left_edge.idx if subj is not None else sent.start_char
            patients = [a for a in pool if lo <= a.start and a.end <= pverb.idx and a.inter]
            target = target or (patients[-1] if patients else None)
            hurt |= {a.name for a in patients}
            pool = [a for a in pool if a.start > trigger.idx]
        agent = _nearest(pool, trigger, exclude=target, armed=violent)
        if trigger.lemma_.lower() in lex.clash_lemmas:
            # "the Myanmar military and AA clashed" (parsed without a subject): the sides
            # in the order the sentence names them
            sides = _armed_sides(pool, target)
            if sides:
                agent = sides[0]
                target = target or (sides[1] if len(sides) > 1 else None)
    if agent is None and violent and speaker is not None:
        agent = _reporting_side([speaker.organization, speaker.speaker], target)
    if agent is None and violent and reporters:
        agent = _reporting_side([a.mention for a in reporters], target)
    if agent is None and violent:
        agent = _previous_armed(doc, sent, actors, exclude=target, hurt=hurt)
    if target is None and violent:
        # observers and rights groups (no inter code) report attacks; they are not hit
        target = _nearest(
            [
                a
                for a in in_sentence
                if a is not agent and a.inter is not None and not _across_border(doc, a, lex)
            ],
            trigger,
            exclude=agent,
            armed=False,
            after=True,
        )
    if agent is not None and violent and _generic_fighters(agent, lex):
        # "Gunmen attacked a school ... The JNIM group claimed the attack": the named
        # group that claims the violence is its author
        claimant = _claimant(doc, by_token, lex)
        if claimant is not None and (target is None or claimant.name != target.name):
            agent = claimant
    if target is not None and violent and _generic_fighters(target, lex):
        # "thwarted an attack of pro-Houthi forces, killing a number of fighters": the
        # fighters are the side the sentence named, not a new unidentified group
        named = [
            a
            for a in in_sentence
            if a.inter in ARMED_INTER
            and not _generic_fighters(a, lex)
            and (agent is None or a.name != agent.name)
        ]
        if named:
            target = min(named, key=lambda a: abs(a.start - trigger.idx))
    speaker_iso = _speaker_iso(speaker) if speaker else None
    focus = context_of(doc).focus or _focus_from(actors)
    agent = _finish(agent, trigger, lex, speaker_iso, focus, violent, role="agent")
    target = _finish(target, trigger, lex, speaker_iso, focus, violent, role="target")
    lemma = trigger.lemma_.lower()
    protest = protest_word(trigger, lex) or trigger.lower_ in lex.crowd_nouns
    if protest and (target is None or not _is_force(target)):
        # a protest has a second actor only when state forces intervene
        target = next((a for a in in_sentence if _is_force(a)), None)
        target = dataclasses.replace(target) if target else None
    if agent is None and protest_word(trigger, lex):
        agent = generic_actor(
            "protesters", lex.country_name(focus), trigger.text, trigger.idx, focus, lex
        )
    elif agent is None and violent and lemma not in lex.clash_lemmas:
        # ACLED's convention for an unknown perpetrator: an unidentified armed group
        # the perpetrator is of the country where it happened, not the victims' nationality
        iso = context_of(doc).focus or (target.iso if target else None) or focus
        agent = unknown_perpetrator(iso, trigger.text, trigger.idx, doc)
    if target is None and not violent and not protest and trigger.pos_ == "NOUN":
        target = _party_in_phrase(trigger, by_token, agent)
    if agent and target and agent.name == target.name:
        target = None
    return agent, target


def _armed_force(actor: Actor) -> bool:
    """A force named as such (an army, police, a rebel group or militia), not a country,
    government or organisation that speaks for one."""
    return (
        actor.inter in ARMED_INTER
        and actor.kind not in ("country", "organisation")
        and (actor.inter != 1 or not actor.name.startswith("Government of"))
    )


def _reporting_side(sources: list[str | None], target: Actor | None) -> Actor | None:
    """ "The Russian defence ministry said high-precision weapons struck Ukrainian army
    training centres": a state that reports strikes on another country's forces, naming
    no one who fired, reports its own: its military is the agent."""
    if target is None or target.inter not in ARMED_INTER or not target.iso:
        return None
    for text in sources:
        side = actor_for_text(text) if text else None
        if side is not None and side.kind == "state" and side.iso and side.iso != target.iso:
            return state_force(side.iso, "military")
    return None


def _across_border(doc: Doc, actor: Actor, lex: Lexicon) -> bool:
    """Whether an actor is only the far side of a border that locates the scene ("30km
    from the border with Nato member Poland", "near the Polish border"): a reference
    point, neither who struck nor who was hit."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    node = span.root
    for _ in range(4):
        if node.lower_ in lex.boundary_nouns or node.lemma_.lower() in lex.boundary_nouns:
            return node.i not in {t.i for t in span}
        if node.head.i == node.i or node.dep_ not in (
            "pobj",
            "prep",
            "amod",
            "compound",
            "appos",
            "poss",
        ):
            return False
        node = node.head
    return False


def _party_in_phrase(
    trigger: Token, by_token: dict[int, Actor], agent: Actor | None
) -> Actor | None:
    """ "Ukraine's request to launch its EU accession": the other party a verbal act's own
    phrase names (a state or a body of the dictionary, never people) after the trigger."""
    for tok in trigger.subtree:
        found = by_token.get(tok.i)
        if (
            tok.i > trigger.i
            and found is not None
            and (found.inter in (1, 8) or (found.inter is None and found.name in lexicon().aliases))
            and (agent is None or (found.name != agent.name and (found.iso or "") != agent.iso))
        ):
            return dataclasses.replace(found)
    return None


def unknown_perpetrator(iso: str | None, mention: str, start: int, doc: Doc | None = None) -> Actor:
    """ACLED's actor for violence whose author the text does not name, in that country.

    The actor spans ``mention`` (the trigger word) so that callers can tell this default
    from an actor the text names: its offsets are the trigger's. With the ``doc``, a text
    that bears the marks of organised crime gets the country's gang name.
    """
    lex = lexicon()
    marked = doc is not None and lex.gang_marked(doc)
    name = unidentified_name(iso, armed=False, marked=marked)
    return Actor(mention, start, start + len(mention), name, 3, iso, "militia")


def state_force(iso: str | None, role: str = "police") -> Actor:
    """A country's police or military named by ACLED, for an event that implies them
    ("the protest was dispersed") without naming them; it spans no text."""
    lex = lexicon()
    return Actor("", 0, 0, state_name(lex, iso, role), 1, iso, "state")


def policing_force(actor: Actor) -> Actor:
    """ "security forces" who arrest people or face a crowd: ACLED's coders name them the
    police; in combat they stay the military. Other actors are returned as they are."""
    lex = lexicon()
    words = actor.mention.lower()
    if not actor.name.startswith("Military Forces of ") or not any(
        words == t or words.endswith(" " + t) for t in lex.policing_terms
    ):
        return actor
    police = "Police Forces of " + actor.name.removeprefix("Military Forces of ")
    if police not in lex.aliases:
        if actor.name != state_name(lex, actor.iso, "military"):
            return actor  # a named unit ("... Republican Guard") is no police
        police = state_name(lex, actor.iso, "police")
    return dataclasses.replace(actor, name=police, kind="state")


def crowd_actor(kind: str, iso: str | None, mention: str, start: int) -> Actor:
    """ "Protesters (Country)", "Rioters (Country)" or "Civilians (Country)" of a country."""
    lex = lexicon()
    return generic_actor(kind, lex.country_name(iso), mention, start, iso, lex)


def _dependency_roles(
    trigger: Token, lex: Lexicon, by_token: dict[int, Actor]
) -> tuple[Token | None, Token | None]:
    agent: Token | None = None
    target: Token | None = None
    verb = trigger
    if trigger.lemma_.lower() in lex.clash_lemmas:
        # "clashes between X and Y", "X clashed with Y": both sides, the first named first
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                first = _pobj(child)
                if first is not None:
                    others = [c for c in first.conjuncts if c.i > first.i]
                    return first, (others[0] if others else None)
            if child.dep_ == "prep" and child.lower_ in ("with", "against"):
                target = _pobj(child)
    if trigger.pos_ in NOUN_POS:
        for child in trigger.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.pos_ in (
                "PROPN",
                "ADJ",
                "NOUN",
            ):
                if (
                    _actor_near(child, by_token) is not None
                ):  # "Russian shelling", not "surprise visit"
                    agent = agent or child
            elif child.dep_ == "prep" and child.lower_ in ("by", "of"):
                # "shelling by X", "an attack of pro-Houthi forces"
                agent = agent or _pobj(child)
            elif child.dep_ == "prep" and (
                child.lower_ in TARGET_PREPS
                or (child.lower_ == "to" and trigger.lemma_ in lex.visit_lemmas)
            ):
                target = target or _not_when(_pobj(child))
        # "launched an attack", "carried out strikes": the governing verb's subject acts.
        if (
            agent is None
            and trigger.dep_ in ("dobj", "attr", "pobj", "nsubjpass")
            and trigger.head.pos_ in ("VERB", "AUX")
        ):
            verb = trigger.head
            if trigger.dep_ == "pobj" and verb.pos_ == "ADP":
                verb = verb.head
    observed = verb is not trigger and verb.lemma_.lower() in lex.observe_lemmas
    suffered = verb is not trigger and verb.lemma_.lower() in lex.suffer_lemmas
    for child in verb.children:
        if child.dep_ == "nsubj" and suffered and target is None:
            # "the officer survived the attack": the subject was its target
            target = child
        elif child.dep_ == "nsubj" and agent is None and not observed and not suffered:
            # "the SMM observed 36 explosions": the observer did not cause them
            agent = child
        elif child.dep_ == "nsubjpass" and target is None:
            target = child
        elif child.dep_ == "agent" and agent is None:
            agent = _pobj(child)
        elif child.dep_ in ("dobj", "dative") and target is None and verb is trigger:
            target = child
        elif child.dep_ == "prep" and child.lower_ in TARGET_PREPS and target is None:
            target = _not_when(_pobj(child))
    if verb.lemma_.lower() in lex.taken_from_lemmas:
        # "recaptured the village from Russian troops": the side that lost it, not the place
        for tok in (verb, *[c for c in verb.children if c.dep_ == "dobj"]):
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"), None)
            if prep is not None and _pobj(prep) is not None:
                target = _pobj(prep)
                break
    if agent is None and any(c.dep_ == "auxpass" for c in verb.children):
        # "was shot and killed by militants": the by-phrase of the joined verb is shared
        for conj in verb.conjuncts:
            by = next((c for c in conj.children if c.dep_ == "agent"), None)
            if by is not None and not any(c.dep_ == "nsubjpass" for c in conj.children):
                agent = _pobj(by)
                break
    if target is None:
        # "pelted stones at police", "hurled Molotov cocktails at a vehicle of the police"
        for child in verb.children:
            if child.dep_ == "dobj":
                for sub in child.children:
                    if sub.dep_ == "prep" and sub.lower_ in TARGET_PREPS:
                        target = _pobj(sub)
    if (
        agent is None
        and verb.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl", "relcl")
        and verb.pos_ == "VERB"
    ):
        if verb.dep_ == "relcl":
            agent = verb.head
        else:
            for child in verb.head.children:
                if child.dep_ == "nsubj":
                    agent = child
                    break
    if agent is not None and target is None and trigger.lemma_.lower() in lex.clash_lemmas:
        # "the Myanmar military and AA clashed": both sides are the subject, first named first
        sides = sorted([agent, *[c for c in agent.conjuncts if c.dep_ == "conj" or c.i < agent.i]])
        if len(sides) > 1:
            return sides[0], sides[1]
    return agent, target


def _repel_roles(
    trigger: Token, lex: Lexicon, by_token: dict[int, Actor], in_sentence: list[Actor]
) -> tuple[Actor, Actor | None] | None:
    """(attacker, defender) of "X repelled/thwarted Y's attack", else None.

    The subject of the governing verb usually launched the attack ("X launched an
    attack"); under a repel verb it is the defender: in "Afghan forces repulsed their
    attack" the attack is the Taliban's. Asked for the attack noun (whose agent is the
    attacker) and for the repel verb (whose target is). An attacker the text leaves
    unnamed in a war between two states is the other side: "Ukrainian forces repelled an
    attack near Krynky" was a Russian attack.
    """
    if trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in lex.repel_lemmas:
        verb, attack = trigger.head, trigger
    elif trigger.lemma_.lower() in lex.repel_lemmas:
        verb = trigger
        attack = next((c for c in trigger.children if c.dep_ == "dobj"), None)
    else:
        return None
    if attack is None or attack.lemma_.lower() not in lex.repelled_nouns:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("xcomp", "conj", "advcl"):
        # "X claimed to have thwarted an attack": the subject of the governing verb
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    defender = _actor_near(subject, by_token) if subject is not None else None
    attacker: Actor | None = None
    for child in attack.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.pos_ != "PRON":
            attacker = attacker or _actor_near(child, by_token)
        elif child.dep_ == "prep" and child.lower_ in ("by", "of", "from"):
            attacker = attacker or _actor_near(_pobj(child), by_token)
    if attacker is None and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in attack.children):
        # "their attack": the armed side the sentence names that is not the defender
        others = [
            a
            for a in in_sentence
            if (a.inter in ARMED_INTER or a.kind == "country")
            and (defender is None or a.name != defender.name)
        ]
        attacker = others[0] if others else None
    if attacker is None and defender is not None and lex.opponent(defender.iso):
        iso = lex.opponent(defender.iso)
        focus = context_of(trigger.doc).focus
        name = state_name(lex, iso, "military")
        inter = 8 if iso and focus and iso != focus else 1
        attacker = Actor(
            attack.text, attack.idx, attack.idx + len(attack), name, inter, iso, "state"
        )
    if attacker is None or (defender is not None and attacker.name == defender.name):
        return None
    return attacker, defender


def _not_when(tok: Token | None) -> Token | None:
    """None for a date or time ("On 6 May 2020 ..."), which is never what was hit."""
    if tok is None or tok.ent_type_ in ("DATE", "TIME"):
        return None
    return tok


def _is_force(actor: Actor) -> bool:
    """Police or military who can intervene in a protest (a government cannot)."""
    return actor.inter in (1, 8) and actor.name.startswith(("Police", "Military"))


def _actor_tokens(doc: Doc, actors: list[Actor]) -> dict[int, Actor]:
    """Token index -> the actor whose mention covers it (the later actor on overlap).

    Every trigger of a document asks with the same actor list, so the map is built once
    and kept on the Doc; it is rebuilt when the list holds other objects or offsets.
    The map is shared between callers: read it, never change it.
    """
    offsets = tuple((a.start, a.end) for a in actors)
    cached = context_of(doc).actor_tokens
    if cached is not None and cached[0] == offsets and all(map(operator.is_, cached[1], actors)):
        return cached[2]
    by_token: dict[int, Actor] = {}
    for actor in actors:
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                by_token[tok.i] = actor
    # the actors themselves are kept so that their ids are not reused while cached
    context_of(doc).actor_tokens = (offsets, tuple(actors), by_token)
    return by_token


def actors_between(doc: Doc, start: int, end: int) -> list[Actor]:
    """The document's actors (as last resolved by ``roles_for_trigger``) whose mentions lie
    within the character range, in text order; copies, so callers may change them."""
    cached = context_of(doc).actor_tokens
    if cached is None:
        return []
    found = [a for a in cached[1] if start <= a.start and a.end <= end and a.end > a.start]
    return [dataclasses.replace(a) for a in sorted(found, key=lambda a: a.start)]
