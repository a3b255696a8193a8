"""Attributes of mentions: the claim that reports each one, its reporter, actors, place and date."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from frontwire.extract.actors import roles_for_trigger, unknown_perpetrator
from frontwire.extract.actors.sides import source_spans
from frontwire.extract.context import context_of
from frontwire.extract.events.assertion import clause_span
from frontwire.extract.events.build import _with_night_end
from frontwire.extract.events.tables import NOT_ARMED_CLASSES, Lexicon
from frontwire.extract.events.tokens import _lemma
from frontwire.extract.events.triggers import Mention
from frontwire.extract.places import location_for_span
from frontwire.extract.times import date_for_span
from frontwire.model import Actor, Article, Claim, Place, TimeExpr

# ---------------------------------------------------------------------------------------
# Attributes of mentions: claim, reporter, actors, place, date


def _claim_of(tok: Token, claims: list[Claim]) -> Claim | None:
    inside = [c for c in claims if c.start <= tok.idx < c.end]
    return min(inside, key=lambda c: c.end - c.start) if inside else None


def _reporter(tok: Token, lex: Lexicon) -> str | None:
    """The subject of a speech verb that governs the trigger ("X said that ... attacked")."""
    speech = lex.cue("speech_verbs")
    node = tok.head
    for _ in range(6):
        if node.i == tok.i:
            break
        if _lemma(node) in speech:
            subj = [c for c in node.children if c.dep_ in ("nsubj", "agent")]
            if subj:
                span = tok.doc[subj[0].left_edge.i : subj[0].right_edge.i + 1]
                if span.root.pos_ in ("PROPN", "NOUN"):
                    return span.text
        if node.head.i == node.i:
            break
        node = node.head
    return None


def _attach(
    m: Mention,
    doc: Doc,
    article: Article,
    times: list[TimeExpr],
    places: list[Place],
    actors: list[Actor],
    claims: list[Claim],
    lex: Lexicon,
) -> None:
    m.claim = _claim_of(m.token, claims)
    m.reporter = _reporter(m.token, lex)
    # a killing told by a verb whose object is the dead ("a strike that left 18 dead",
    # "claimed 30 lives") is violence too: its agent is sought as an attacker's
    casualty_verb = m.token.pos_ == "VERB" and _lemma(m.token) in lex.cue("casualty_object_verbs")
    violent = True if m.cls == "kill" and casualty_verb else None
    m.agent, m.target = roles_for_trigger(doc, m.token, actors, speaker=m.claim, violent=violent)
    if m.swap_roles:  # "pushed our units out": the units are the ones who retreat
        m.agent, m.target = m.target, None
    if _observer(m.agent) and m.group == "violence" and m.cls not in NOT_ARMED_CLASSES:
        # "the SMM observed 36 explosions": monitors and rights groups report violence
        iso = (m.target.iso if m.target else None) or context_of(doc).focus
        m.agent = unknown_perpetrator(iso, m.token.text, m.token.idx, doc)
    sent = m.sent
    m.place = location_for_span(doc, places, m.start, m.end)
    lo, hi = _governing_clause(m)
    m.place_in_clause = any(p.start >= lo and p.end <= hi and p.role == "location" for p in places)
    if m.place is None:
        m.place = location_for_span(doc, places, sent.start_char, sent.end_char)
    if (
        (m.cls == "explosion" or _by_blast(m.token, lex))
        and m.agent is not None
        and _not_the_author(m.agent, m.token)
    ):
        # "A gas pipeline caught fire after explosions", "Russia says that explosions at a
        # depot were sabotage": a blast whose own sentence names no perpetrator is an
        # unidentified group's (ACLED), of the country where it went off
        where = m.place.place.iso if m.place is not None else None
        iso = where or context_of(doc).focus or (m.target.iso if m.target else None)
        m.agent = unknown_perpetrator(iso, m.token.text, m.token.idx, doc)
    published = article.published
    m.date = date_for_span(doc, times, m.start, m.end, published)
    if m.date is None or getattr(m.date, "is_default", False):
        wider = date_for_span(doc, times, sent.start_char, sent.end_char, published)
        if wider is not None:
            m.date = wider
    m.date = _with_night_end(m.date, published)


def _is_blast(tok: Token, lex: Lexicon) -> bool:
    return any(e["cls"] == "explosion" for e in lex.words.get(_lemma(tok), []))


def _by_blast(tok: Token, lex: Lexicon) -> bool:
    """ "killed in similar explosions", "caught fire after explosions", "a second blast hit
    the city": what the clause tells was done by a blast."""
    nodes = [tok, *(c for c in tok.children if c.dep_ == "conj")]  # "killed and injured in"
    if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        nodes.append(tok.head)  # "caught fire after explosions": the verb holds the cause
    sent = tok.sent
    ahead = tok.doc[tok.i + 1 : min(tok.i + 9, sent.end)]
    for k, word in enumerate(ahead):
        # "killed and five more injured in similar explosions", however it was parsed
        if word.lower_ in ("in", "by") and any(_is_blast(t, lex) for t in ahead[k + 1 : k + 4]):
            return True
    for node in nodes:
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass") and _is_blast(child, lex):
                return True
            if (
                child.dep_ == "prep"
                and child.lower_ in ("in", "by", "after", "from")
                and any(o.dep_ == "pobj" and _is_blast(o, lex) for o in child.children)
            ):
                return True
    return False


def _not_the_author(agent: Actor, trigger: Token) -> bool:
    """The agent was found in an earlier sentence, or it is who reports the blast."""
    if agent.start < trigger.sent.start_char:
        return True
    return any(lo <= agent.start < hi for lo, hi in source_spans(trigger))


def _observer(actor: Actor | None) -> bool:
    """An organisation with no ACLED inter code (a mission, an NGO, a newspaper)."""
    return actor is not None and actor.inter is None and actor.kind == "organisation"


def _governing_clause(m: Mention) -> tuple[int, int]:
    """The clause of the verb that governs a noun trigger ("reinforcements reached X")."""
    node = m.token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    if node.pos_ not in ("VERB", "AUX"):
        return m.start, m.end
    lo, hi = clause_span(node)
    return min(lo, m.start), max(hi, m.end)


def _future(m: Mention, published: date | None) -> bool:
    """A date after publication means the text announces, not reports, the event."""
    if published is None or m.date is None or getattr(m.date, "is_default", False):
        return False
    value = str(m.date.value or "")
    return len(value) == 10 and value > published.isoformat()
