"""One violent mention per place it names: ACLED codes an event per location and day.

"Missiles hit Odesa, Mykolaiv and the Kherson region", "strikes on training centres in the
regions of Chernihiv and Zhytomyr", "missiles were fired at Latakia, Homs and Hama": one
sentence, but ACLED records one event in each place (same actors, type and date), since
its unit is the event at one location on one day. A mention whose own clause lists several
places joined as a list is therefore copied once per listed place, each copy keeping the
place mention as its evidence. Two coordinated verbs ("fired at Sloviansk ... and hit
Kramatorsk") are already two mentions; each takes the place of its own verb
(``own_places``).
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from frontwire.extract.context import doc_text
from frontwire.extract.events.assertion import clause_span
from frontwire.extract.events.tables import NOT_ARMED_CLASSES
from frontwire.extract.events.triggers import Mention
from frontwire.extract.places import (
    LocationChoice,
    choice_for_place,
    is_container,
    is_reference_point,
    location_for_span,
    names_site,
)
from frontwire.model import Event, Place
from frontwire.ontology.tables import load_table

#: Place features a list may fan out over; a list of countries ("attacks in Syria and
#: Iraq") is a summary, not one event per country.
FAN_FEATURES = frozenset({"city", "admin2", "admin1", "region"})
#: Most words between two listed places ("Chernihiv, north of Kyiv, and Zhytomyr").
MAX_GAP_TOKENS = 8


@lru_cache(maxsize=4)
def _table_set(key: str) -> frozenset[str]:
    return frozenset(load_table("event_locations.json", required=(key,))[key])


def _verb_of(tok: Token) -> Token:
    node = tok
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def own_span(tok: Token) -> tuple[int, int]:
    """The trigger's clause without verbs coordinated to its own ("fired at X and hit Y":
    Y is where the hit landed), so each verb keeps its own places."""
    verb = _verb_of(tok)
    if verb.pos_ not in ("VERB", "AUX"):
        return clause_span(tok)
    lo, hi = clause_span(verb)
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB" and child.i > tok.i:
            hi = min(hi, child.left_edge.idx)
    if verb.dep_ == "conj" and verb.pos_ == "VERB" and verb.i > verb.head.i:
        lo = max(lo, verb.left_edge.idx)
    return lo, max(hi, lo)


def own_verb_place(m: Mention, doc: Doc, places: list[Place]) -> LocationChoice | None:
    """The place of the trigger's own verb where the sentence coordinates another verb
    with its own places ("fired at the Sloviansk community ... and hit Kramatorsk"); None
    where no verb is coordinated or the own part names no place."""
    verb = _verb_of(m.token)
    if verb.pos_ not in ("VERB", "AUX") or clause_span(verb) == own_span(m.token):
        return None
    mine = own_places(m, doc, places)
    if not mine:
        return None
    lo, hi = own_span(m.token)
    return location_for_span(doc, mine, lo, hi)


def coordinated_places(mentions: list[Mention], doc: Doc, places: list[Place]) -> None:
    """Two coordinated verbs of one kind of violence, each with its own place ("fired at
    the Sloviansk community ... and hit Kramatorsk"): each mention takes its own verb's
    place, so the two attacks are two events. Only verbs of attacks, strikes and fighting
    (``fan_out_classes``) count: "repelled an attack on X and took control of Y" is left
    to the merge, as one event."""
    by_verb: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.group == "violence" and m.cls not in NOT_ARMED_CLASSES:
            by_verb.setdefault(_verb_of(m.token).i, []).append(m)
    for m in mentions:
        if m.group != "violence" or m.cls in NOT_ARMED_CLASSES:
            continue
        verb = _verb_of(m.token)
        partners = [
            v
            for v in (*verb.children, verb.head)
            if v.i != verb.i and v.pos_ == "VERB" and (v.dep_ == "conj" or verb.dep_ == "conj")
        ]
        strikes = _table_set("fan_out_classes")
        if m.cls not in strikes or not any(
            o.cls in strikes for v in partners for o in by_verb.get(v.i, [])
        ):
            continue
        own = own_verb_place(m, doc, places)
        if own is not None and own.place.feature in FAN_FEATURES:
            m.place = own


def anaphor_places(mentions: list[Mention], doc: Doc) -> None:
    """ "The strikes came as G7 leaders began a summit in Bavaria": a definite noun that
    takes up an event already told has no place of its own when the sentence's place is
    in a clause about something else; it joins the event it refers to."""
    for m in mentions:
        tok = m.token
        if m.group != "violence" or m.place is None or tok.pos_ != "NOUN":
            continue
        if not any(
            c.dep_ == "det" and c.lower_ in _table_set("anaphor_determiners") for c in tok.children
        ):
            continue
        if any(c.dep_ == "prep" for c in tok.children):
            continue  # "the strike on Starychi": the noun says where
        span = doc.char_span(m.place.place.start, m.place.place.end, alignment_mode="expand")
        if span is None or span.sent != tok.sent:
            continue
        node = span.root
        while node.head.i != node.i and node.dep_ not in ("advcl", "relcl", "acl", "ccomp"):
            node = node.head
        if node.dep_ in ("advcl", "relcl", "acl", "ccomp") and tok not in node.subtree:
            m.place = None


def own_places(m: Mention, doc: Doc, places: list[Place]) -> list[Place]:
    """Located places inside the trigger's own clause, in reading order."""
    lo, hi = own_span(m.token)
    return sorted(
        (
            p
            for p in places
            if p.role == "location"
            and lo <= p.start
            and p.end <= hi
            and not _in_modifier_clause(doc, p, m.token)
        ),
        key=lambda p: p.start,
    )


def _in_modifier_clause(doc: Doc, place: Place, trigger: Token) -> bool:
    """A place inside a clause that modifies another noun ("bombs more powerful than those
    dropped on Nagasaki and Hiroshima") belongs to that clause, not to the trigger."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    node = span.root
    verb = _verb_of(trigger)
    for _ in range(12):
        if node.i in (trigger.i, verb.i) or node.head.i == node.i:
            return False
        if node.dep_ in ("acl", "relcl"):
            return True
        node = node.head
    return False


def _list_gap(doc: Doc, a: Place, b: Place, named: list[Place]) -> bool:
    """Whether the words between two places only join a list: commas, 'and', 'or',
    unit and direction words, and reference phrases naming another place ("Chernihiv,
    north of Kyiv, and Zhytomyr"); no verb, bracket or other word."""
    span = doc.char_span(a.end, b.start, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.idx >= a.end and t.idx + len(t) <= b.start]
    if len(words) > MAX_GAP_TOKENS:
        return False
    inside = [p for p in named if a.end <= p.start and p.end <= b.start]
    joins = {t.lower_ for t in words} & _table_set("list_joiners")
    if not joins:
        return False
    allowed = _table_set("list_joiners") | _table_set("list_gap_words")
    for t in words:
        if any(p.start <= t.idx < p.end for p in inside):
            continue  # the name of a reference point or container in between
        if t.lower_ not in allowed and not t.is_punct:
            return False
        if t.lower_ in "()[];:.":
            return False  # "Taramchuk (Donetsk)": a bracket locates, it does not list
    return True


def listed_places(m: Mention, doc: Doc, places: list[Place]) -> list[Place]:
    """The places the mention's clause lists as targets, when it lists more than one."""
    text = doc_text(doc)
    mine = own_places(m, doc, places)
    fan = [
        p
        for p in mine
        if p.feature in FAN_FEATURES
        and not is_reference_point(text, p)
        and not is_container(text, p, mine)
        and not names_site(doc, p)
    ]
    if len(fan) < 2:
        return []
    groups: list[list[Place]] = [[fan[0]]]
    for prev, nxt in itertools.pairwise(fan):
        if _list_gap(doc, prev, nxt, mine):
            groups[-1].append(nxt)
        else:
            groups.append([nxt])
    groups = [g for g in groups if len(g) > 1 and _ends_with_conjunction(doc, g[-2], g[-1])]
    if not groups:
        return []  # "Laguilayan, Isulan, Sultan Kudarat": commas alone name containers
    best = max(groups, key=len)
    if _between(doc, best[0]):
        return []  # "between Gaskinde and Mentao": one event on the road that links them
    names = {(p.name, p.iso) for p in best}
    if len(names) < 2 or _nested(best):
        return []
    return best


def _ends_with_conjunction(doc: Doc, a: Place, b: Place) -> bool:
    """A list's last two items are joined by 'and' / 'or' ("X, Y and Z")."""
    gap = doc_text(doc)[a.end : b.start].lower()
    return any(f" {w} " in f" {gap} " for w in _table_set("list_conjunctions"))


def _between(doc: Doc, first: Place) -> bool:
    span = doc.char_span(first.start, first.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = {t.lower_ for t in doc[max(0, span.start - 5) : span.start]}
    return bool(before & _table_set("list_blockers_before"))


def _nested(group: list[Place]) -> bool:
    """A town and the unit that holds it ("Kharkiv, Kharkiv region") are one place."""
    for wide in group:
        if wide.feature not in ("admin1", "region"):
            continue
        for fine in group:
            if fine is not wide and fine.admin1 and fine.admin1 == wide.admin1:
                return True
    return False


def fan_out(
    mentions: list[Mention], doc: Doc, places: list[Place], violent: set[int]
) -> list[Mention]:
    """Each armed violent mention once per place its clause lists (ACLED: one event per
    location); other mentions unchanged. ``violent``: token indices of the triggers whose
    event was coded with a violent ACLED type ("an operation against the residents of
    Donetsk and Luhansk" coded as a protest is no list of targets)."""
    out: list[Mention] = []
    for m in mentions:
        if (
            m.cls not in _table_set("fan_out_classes")
            or m.token.i not in violent
            or m.token.dep_ in ("acl", "relcl", "amod")  # "bombs dropped on X and Y"
        ):
            out.append(m)
            continue
        listed = listed_places(m, doc, places)
        if not listed:
            out.append(m)
            continue
        for p in listed:
            out.append(replace(m, place=choice_for_place(doc, p), place_in_clause=True))
    return out


def _continues_list(sent: Span) -> Token | None:
    """The verb of "Other areas included X and Y" / "Other targets were X": a sentence that
    only goes on with more places of what the sentence before reported."""
    root = sent.root
    if root.lemma_.lower() not in _table_set("continuation_verbs"):
        return None
    for subj in root.children:
        other = any(c.lower_ == "other" for c in subj.children if c.dep_ in ("amod", "det"))
        if (
            other
            and subj.dep_ == "nsubj"
            and subj.lemma_.lower() in _table_set("continuation_subjects")
        ):
            return root
    return None


def continued_strikes(
    mentions: list[Mention], doc: Doc, places: list[Place], violent: set[int]
) -> list[Mention]:
    """ "Missiles struck targets across Ukraine ... Other areas included the city of
    Cherkasy, where one person died, and the Kharkiv region": the strike told before, once
    more for each place the continuing sentence names (the sentence itself has no
    trigger). The strike must be in one of the two sentences before."""
    text = doc_text(doc)
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sent.start, []).append(m)
    out: list[Mention] = []
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        if sent.start in by_sent:
            continue
        verb = _continues_list(sent)
        if verb is None:
            continue
        earlier = [
            m
            for s in sents[max(0, k - 2) : k]
            for m in by_sent.get(s.start, [])
            if m.cls in _table_set("fan_out_classes") and m.token.i in violent
        ]
        if not earlier:
            continue
        strike = earlier[-1]
        lo, hi = sent.start_char, sent.end_char
        named = [
            p
            for p in places
            if lo <= p.start
            and p.end <= hi
            and p.role == "location"
            and p.feature in FAN_FEATURES
            and not is_reference_point(text, p)
        ]
        start, end = clause_span(verb)
        for p in named:
            place = choice_for_place(doc, p)
            # the strike's own words lead (they are what reports it), the continuing
            # clause follows with the place
            out.append(replace(strike, place=place))
            out.append(
                replace(strike, token=verb, start=start, end=end, place=place, place_in_clause=True)
            )
    return out


def share_tolls(built: list[tuple[Event, Any]], doc: Doc, places: list[Place]) -> None:
    """A toll stated once for a list of places ("hit Odesa, Mykolaiv and Kherson, killing
    two in Odesa") belongs to one of the events fanned out from it: the one whose place is
    named nearest the toll (in the list or after it). The others keep no toll, so the
    sum is not multiplied."""
    text = doc_text(doc)
    by_toll: dict[tuple[int, str], list[tuple[Event, Any]]] = {}
    for event, place in built:
        if event.fatalities and event.fatalities_text and place is not None and event.evidence:
            key = (event.evidence[0].start, event.fatalities_text)
            by_toll.setdefault(key, []).append((event, place))
    for (start, toll), group in by_toll.items():
        if len(group) < 2:
            continue
        at = text.find(toll, start)
        if at < 0:
            continue

        def distance(pair: tuple[Event, Any], at: int = at) -> int:
            own = pair[1].place
            starts = [p.start for p in places if (p.name, p.iso) == (own.name, own.iso)]
            return min(abs(x - at) for x in [pair[1].evidence_start, *starts])

        keep = min(group, key=distance)[0]
        for event, _ in group:
            if event is not keep:
                stated = f"{event.fatalities} fatalities."
                event.notes = " ".join(event.notes.replace(stated, "").split())
                event.fatalities, event.fatalities_text = 0, None
                event.tags.append("fatalities: stated for another place of the list")
