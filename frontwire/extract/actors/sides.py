"""Sides when the parse gives none: nearest actors, antecedents, claimants, armed sides, the
speaker's country, and the text-only lookups (``actor_for_text``, ``interaction_code``).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from frontwire.extract.actors.find import find_actors
from frontwire.extract.actors.lexicon import CLAIMANTS_KEY, NOUN_POS, Lexicon, lexicon, state_name
from frontwire.extract.actors.make import _generic_fighters, as_generic, side_iso
from frontwire.extract.claims.lexicon import reporting_lemmas
from frontwire.extract.context import doc_text, per_doc
from frontwire.model import Actor, Claim
from frontwire.ontology.acled import ARMED_INTER


def country_in_name(name: str) -> str | None:
    """The country of an ACLED name that carries one: "Settlers (Israel)" -> IL."""
    if not name.endswith(")") or "(" not in name:
        return None
    return lexicon().country_of(name[name.rindex("(") + 1 : -1])


def _actor_near(tok: Token | None, by_token: dict[int, Actor]) -> Actor | None:
    """The actor a noun phrase names: its head, else a name inside it ("members of X")."""
    if tok is None:
        return None
    own = by_token.get(tok.i)
    if own is not None and own.kind not in ("civilians",):
        return own
    # "a vehicle of the Israeli border Police", "members of the Taliban": the owner
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            inner = _pobj(child)
            owner = _actor_near(inner, by_token) if inner is not None else None
            if owner is not None and owner.kind not in ("civilians",):
                return owner
    if own is not None:
        return own
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod", "appos") and child.i in by_token:
            return by_token[child.i]
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            inner = _pobj(child)
            if inner is not None and inner.i in by_token:
                return by_token[inner.i]
            if inner is not None:
                return _actor_near(inner, by_token)
    return None


def _antecedent(pron: Token, by_token: dict[int, Actor]) -> Actor | None:
    """The actor a subject pronoun stands for: the subject of a verb that governs its
    clause ("the army said it had ...", "police arrived and they fired ...")."""
    verb = pron.head
    for _ in range(3):
        if verb.head is verb:
            break
        verb = verb.head
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i < pron.i:
                found = _actor_near(child, by_token)
                if found is not None:
                    return found
    return None


def _positions_of(trigger: Token, by_token: dict[int, Actor]) -> Actor | None:
    """ "fired at the positions of the Donbass People's Militia": the positions' owner."""
    for tok in trigger.subtree:
        if tok.lemma_ in lexicon().position_nouns and tok.i not in by_token:
            for sub in tok.subtree:
                if sub.i in by_token and sub.i != tok.i:
                    return by_token[sub.i]
    return None


def _victim_spans(trigger: Token) -> list[tuple[int, int]]:
    """Character spans of the trigger's objects ("killed [six people, including soldiers]")."""
    # "exploded ..., killing six people": the participle's objects were hit by the blast too
    # ("a bomb exploded": the subject's verb is the clause)
    clause = [trigger]
    if trigger.dep_ in ("nsubj", "nsubjpass") or (
        trigger.dep_ == "advcl" and trigger.tag_ == "VBG"
    ):
        clause.append(trigger.head)
    heads = clause + [
        c for h in clause for c in h.children if c.dep_ == "advcl" and c.tag_ == "VBG"
    ]
    return [
        (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
        for head in heads
        for child in head.children
        if child.dep_ in ("dobj", "obj")
    ]


#: Prepositions that put the place hit after a trigger ("explosions at a Russian airbase",
#: "strikes on Ukrainian positions"): the owner named there was hit, not acting.
_SITE_PREPS = frozenset({"at", "on", "near", "inside"})


def _site_spans(trigger: Token) -> list[tuple[int, int]]:
    """Character spans of the site a trigger hit ("explosions [at a Russian airbase]",
    "killed [at a Russian base]")."""
    return [
        (child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
        for child in trigger.children
        if child.dep_ == "prep" and child.lower_ in _SITE_PREPS
    ]


def source_spans(trigger: Token) -> list[tuple[int, int]]:
    """Character spans of who reports in the trigger's sentence ("[Russia] says that
    explosions ...", "[Ukraine] says 14 missiles were fired ..., but the strikes ..."): the
    source of a report is not its perpetrator."""
    lemmas = reporting_lemmas()
    return [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge))
        for verb in trigger.sent
        if verb.pos_ in ("VERB", "AUX")
        and verb.lemma_.lower() in lemmas
        and not _claims_credit(verb)
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.i != trigger.i
    ]


#: Dependencies of a clause that says something else (what was said or claimed), unlike an
#: adverbial clause of cause ("as an IED planted by BLA hit their vehicle").
_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "csubj"})


def in_other_clause(doc: Doc, actor: Actor, trigger: Token) -> bool:
    """The actor is named in a reported clause that does not hold the trigger ("decried a
    strike on a mall, saying he carries martyred Ukraine in his heart"; "justified the
    strike by claiming that Ukrainian forces installed equipment"): it neither struck nor
    was hit."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    node = span.root
    for _ in range(12):
        if node.head.i == node.i:
            return False
        if node.dep_ in _CLAUSE_DEPS:
            return trigger.i not in {t.i for t in node.subtree}
        node = node.head
    return False


def _claims_credit(verb: Token) -> bool:
    """ "claimed responsibility for the attack": the claimant is its author, not a source."""
    return any(
        c.dep_ == "dobj" and c.lemma_.lower() in ("responsibility", "credit") for c in verb.children
    )


def _listed_victims(sent: Span) -> list[tuple[int, int]]:
    """Character spans of people listed among the dead or hurt: "12 people were killed,
    among them three prison guards", "killing six, including two soldiers"."""
    spans: list[tuple[int, int]] = []
    for tok in sent:
        if tok.lower_ == "including" and tok.dep_ == "prep":
            listed = _pobj(tok)
            if listed is not None:
                spans.append((listed.left_edge.idx, listed.right_edge.idx + len(listed.right_edge)))
        elif tok.lower_ == "among" and any(c.lower_ in ("them", "whom") for c in tok.children):
            head = tok.head  # "among them three prison guards": the guards
            if head.pos_ in NOUN_POS:
                spans.append((head.left_edge.idx, head.idx + len(head)))
    return spans


def _nearest(
    actors: list[Actor], trigger: Token, exclude: Actor | None, armed: bool, after: bool = False
) -> Actor | None:
    """The closest actor to the trigger; before it for an agent, after it (``after``) for
    a target, as English puts the object after the verb ("a mob of residents attacked
    and pelted stones at police": the police were hit, not the residents)."""
    pool = [a for a in actors if a is not exclude and (exclude is None or a.name != exclude.name)]
    if armed:
        armed_pool = [
            a for a in pool if a.inter in ARMED_INTER or a.kind in ("country", "enemy", "self")
        ]
        # an observer or rights group reports violence; it is never the one who used it
        pool = armed_pool or [a for a in pool if a.inter not in (7, None)]
    if not pool:
        return None
    return min(pool, key=lambda a: ((a.start > trigger.idx) != after, abs(a.start - trigger.idx)))


def _claimant(doc: Doc, by_token: dict[int, Actor], lex: Lexicon) -> Actor | None:
    """The named armed group that claims an attack in the text ("X claimed the attack",
    "X claimed responsibility"), if one does."""
    for subject in _claim_subjects(doc, lex):
        actor = _actor_near(subject, by_token)
        if actor is not None and actor.inter in (2, 3, 4) and not _generic_fighters(actor, lex):
            return actor
    return None


def _claim_subjects(doc: Doc, lex: Lexicon) -> list[Token]:
    """Subjects of "claimed the attack / responsibility", in text order; found once per
    Doc (asked for every violent trigger whose agent is a generic word)."""

    def find() -> list[Token]:
        claimed = lex.repelled_nouns | {"responsibility"}
        subjects: list[Token] = []
        for tok in doc:
            if tok.lemma_.lower() != "claim" or tok.pos_ != "VERB":
                continue
            objects = [c for c in tok.children if c.dep_ == "dobj"]
            if not any(o.lemma_.lower() in claimed for o in objects):
                continue
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                subjects.append(subject)
        return subjects

    return per_doc(doc, CLAIMANTS_KEY, find)


def _armed_sides(actors: list[Actor], known: Actor | None) -> list[Actor]:
    """Distinct armed actors in text order, without the side already known."""
    sides: list[Actor] = []
    for actor in sorted(actors, key=lambda a: a.start):
        armed = actor.inter in ARMED_INTER or actor.kind in ("country", "enemy", "self")
        names = {a.name for a in sides} | ({known.name} if known else set())
        if armed and actor.name not in names:
            sides.append(actor)
    return sides


#: Prepositions whose object is where violence landed, not who used it.
_WHERE_HIT = frozenset({"across", "throughout", "inside", "into"})


def _hit_in(doc: Doc, actor: Actor) -> bool:
    """Whether the sentence names an actor as what a violent verb hit ("weapons struck
    Ukrainian army training centres"): the side struck did not strike."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    violent = lexicon().violent_lemmas
    node = span.root
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            return False
        if node.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in violent:
            return True
        if (
            node.dep_ == "pobj"
            and head.lower_ in ("on", "against")
            and (head.head.lemma_.lower() in violent)
        ):
            return True
        if node.dep_ == "pobj" and head.lower_ in _WHERE_HIT:
            return True  # "struck targets across Ukraine": where it landed
        node = head
    return False


def _previous_armed(
    doc: Doc,
    sent: Span,
    actors: list[Actor],
    exclude: Actor | None,
    hurt: set[str] | frozenset[str] = frozenset(),
) -> Actor | None:
    """ "The attacks ... killed civilians" after "X accused Russia": the armed actor named
    up to two sentences back (wire copy runs one sentence to a paragraph, so the search
    crosses the blank line after a sentence, not a headline glued to its paragraph);
    never one of those this sentence says were hurt (``hurt``, by name)."""
    start = sent.start
    following = sent
    for _ in range(2):
        if start == 0:
            return None
        prev = doc[start - 1].sent
        gap = doc_text(doc)[prev.end_char : following.start_char]
        if "\n" in gap or "\n" in prev.text.strip():
            return None
        following = prev
        armed = [
            a
            for a in actors
            if prev.start_char <= a.start < prev.end_char
            and (a.inter in ARMED_INTER or a.kind == "country")
            and (exclude is None or a.name != exclude.name)
            and a.name not in hurt
        ]
        unhit = [a for a in armed if not _hit_in(doc, a)]
        # a force named as such ("Russian missiles") before a bare country or capital
        # ("the capital Kyiv enduring the heaviest barrage"), which is often where it hit
        forces = [a for a in unhit if a.kind != "country"]
        if forces or unhit or armed:
            return (forces or unhit or armed)[-1]
        start = prev.start
    return None


def _speaker_iso(speaker: Claim) -> str | None:
    """The country of the speaker's side: from the organisation, name or role."""
    for text in (speaker.organization, speaker.speaker, speaker.speaker_role):
        if text and _may_have_country(text):
            actor = actor_for_text(text)
            if actor and actor.iso:
                return actor.iso
    return None


def _focus_from(actors: list[Actor]) -> str | None:
    """Recover the focus country from resolved template actors (civilians, protesters...)."""
    isos = Counter(a.iso for a in actors if a.iso and a.kind not in ("country",))
    return isos.most_common(1)[0][0] if isos else None


def _finish(
    actor: Actor | None,
    trigger: Token,
    lex: Lexicon,
    speaker_iso: str | None,
    focus: str | None,
    violent: bool,
    role: str,
) -> Actor | None:
    if actor is None:
        return None
    actor = dataclasses.replace(actor)
    if actor.kind in ("self", "enemy") and speaker_iso:
        iso = side_iso(actor.kind, None, lex, speaker_iso=speaker_iso)
        actor.name = state_name(lex, iso, "military")
        actor.iso = iso
        actor.inter = 8 if iso and focus and iso != focus else 1
    if actor.kind == "country" and violent:
        actor.name = state_name(lex, actor.iso, "military")
        actor.inter = 8 if actor.iso and focus and actor.iso != focus else 1
        actor.kind = "state"
    lemma = trigger.lemma_.lower()
    country = lex.country_name(actor.iso or focus)
    protest = protest_word(trigger, lex)
    if role == "agent" and violent and actor.inter == 7 and not protest:
        # civilians who use violence are a mob: ACLED codes them as rioters
        as_generic(actor, "rioters", country, lex)
    if role == "agent" and protest and (actor.inter not in (1, 8) or actor.kind == "country"):
        # ACLED codes the crowd: party members, workers or residents who protest are
        # "Protesters (Country)" (the group itself would be an associated actor)
        as_generic(actor, "protesters", country, lex)
        if _violent_crowd(trigger, lex):
            as_generic(actor, "rioters", country, lex)
    elif role == "agent" and lemma in lex.riot_lemmas and actor.inter in (6, 7):
        as_generic(actor, "rioters", country, lex)
    return actor


def protest_word(trigger: Token, lex: Lexicon) -> bool:
    """Whether the trigger names a protest: "a strike by teachers" does, "a drone strike"
    or "the strike killed three people" is a military strike and does not."""
    lemma = trigger.lemma_.lower()
    if lemma not in lex.protest_lemmas:
        return False
    if lemma not in lex.violent_lemmas:
        return True
    modified = any(
        c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in lex.military_strike_modifiers
        for c in trigger.children
    )
    killing = trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() in (
        lex.violent_lemmas
    )
    return not (modified or killing or trigger.lower_.startswith("airstrike"))


def _violent_crowd(trigger: Token, lex: Lexicon) -> bool:
    """Demonstrators who vandalise, burn or fight are rioters in ACLED's terms."""
    return any(tok.lemma_.lower() in lex.riot_lemmas for tok in trigger.sent)


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: both inter codes, smaller first (17); one actor alone: 10 * inter."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return 10 * codes[0]
    return 10 * codes[0] + codes[1]


def actor_for_text(text: str, iso_hint: str | None = None) -> Actor | None:
    """Resolve a free string ("General Staff of Ukraine") to an actor spanning 0..len(text)."""
    found = _actor_for_text(text, iso_hint)
    return dataclasses.replace(found) if found else None


@lru_cache(maxsize=4096)
def _may_have_country(text: str) -> bool:
    """False when ``actor_for_text(text)`` surely has no country, decided from the words
    alone (no parse: parsing every speaker string was a large share of extraction time).

    With no country word in the text its focus is None, so templates, sides and
    community militias get no country, country actors and the country fallback do not
    arise, and entity (ORG) actors never have one. What is left: a dictionary alias whose
    entries all carry a country, a speaker's side term (through the war dyads), and a
    pair joined by "/" or "or" that the combined-actor table names.
    """
    from frontwire.nlp import get_nlp

    lex = lexicon()
    doc = get_nlp().make_doc(text)
    if lex.country_matches(doc) or lex.side_matches(doc):
        return True
    if "/" in text or any(tok.lower_ == "or" for tok in doc):
        return True
    # with no focus, choose_entry takes an entry without a country when there is one
    return any(all(e.iso for e in entries) for _, entries in lex.alias_matches(doc))


@lru_cache(maxsize=4096)
def _actor_for_text(text: str, iso_hint: str | None) -> Actor | None:
    """Cached: speakers repeat across the quotes of an article and across articles."""
    from frontwire.nlp import get_nlp

    if not text or not text.strip():
        return None
    doc = get_nlp()(text)
    lex = lexicon()
    focus = iso_hint
    if focus is None:
        isos = [lex.country_of(s.text) for s in lex.country_matches(doc)]
        focus = isos[0] if isos else None
    found = find_actors(doc, lex, focus)
    if not found:
        countries = lex.country_matches(doc)
        if not countries:
            return None
        iso = lex.country_of(countries[0].text)
        return Actor(text, 0, len(text), lex.country_name(iso) or text, 1, iso, "country")
    best = max(
        found, key=lambda a: (a.kind != "organisation" or a.inter is not None, a.end - a.start)
    )
    return Actor(text, 0, len(text), best.name, best.inter, best.iso, best.kind)


def _pobj(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return None
