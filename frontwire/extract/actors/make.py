"""Turning a matched span into an Actor record: choosing the entry, state and template actors,
country qualification, and keeping one actor per stretch of text.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from frontwire.extract.actors.lexicon import (
    ACTING_DEPS,
    ACTING_PREPS,
    Entry,
    Lexicon,
    lexicon,
    state_name,
)
from frontwire.extract.context import doc_text
from frontwire.model import Actor


def generic_actor(
    kind: str,
    country: str | None,
    mention: str = "",
    start: int = 0,
    iso: str | None = None,
    lex: Lexicon | None = None,
) -> Actor:
    """ACLED's generic actor of a kind ("Protesters (Country)", "Civilians (Country)"), named,
    coded and typed by its ``templates`` entry in ``actors.json``."""
    template = (lex or lexicon()).templates[kind]
    name = template.render(country)
    return Actor(mention, start, start + len(mention), name, template.inter, iso, template.kind)


def as_generic(actor: Actor, kind: str, country: str | None, lex: Lexicon) -> None:
    """Recode ``actor`` in place as the generic actor of ``kind`` ("Rioters (Country)")."""
    template = lex.templates[kind]
    actor.name, actor.inter, actor.kind = template.render(country), template.inter, template.kind


def _names_left(doc: Doc, i: int, lex: Lexicon) -> list[Span]:
    """Capitalised names before a group noun, split at "and" ("Tiv and Ichen Ethnic")."""
    mods = lex.community.modifiers
    j = i
    while j > 0 and (doc[j - 1].lower_ in mods and not doc[j - 1].is_title):
        j -= 1
    while j > 0 and doc[j - 1].lower_ in ("ethnic", "communal", "clan", "tribal"):
        j -= 1  # "Tiv and Ichen Ethnic Militias"
    groups, _ = _names_back(doc, j, lex)
    return groups


def _names_back(doc: Doc, j: int, lex: Lexicon) -> tuple[list[Span], int]:
    groups: list[Span] = []
    while True:
        end = j
        while j > 0 and _name_token(doc[j - 1], lex):
            j -= 1
        if j == end or end - j > 3:
            break
        groups.insert(0, doc[j:end])
        if j > 1 and doc[j - 1].lower_ in ("and", ",") and _name_token(doc[j - 2], lex):
            j -= 1
            continue
        break
    return groups, j


def _names_right(doc: Doc, k: int, lex: Lexicon) -> tuple[list[Span], int]:
    """Names after "from": "from Umumubu and Omor", "from Tonj South"."""
    if k < len(doc) and doc[k].lower_ == "the":
        k += 1
    groups: list[Span] = []
    while k < len(doc):
        start = k
        while k < len(doc) and _name_token(doc[k], lex) and k - start < 3:
            k += 1
        if k == start:
            break
        groups.append(doc[start:k])
        if k + 1 < len(doc) and doc[k].lower_ in ("and", ",") and _name_token(doc[k + 1], lex):
            k += 1
            continue
        break
    return groups, k


def _name_token(tok: Token, lex: Lexicon) -> bool:
    """A word of a community's name: capitalised, not a country, month or common word."""
    table = lex.community
    return (
        tok.is_title
        and (tok.pos_ == "PROPN" or (tok.text in table.ethnic and not tok.is_sent_start))
        and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")
        and tok.text not in table.not_names
        and lex.country_of(tok.text) is None
    )


def choose_entry(entries: list[Entry], focus: str | None, surface: str) -> Entry | None:
    """Among the actors an alias may mean, the one of the country in focus.

    An alias scoped to another country ("regime" is Syrian) is kept only when written as
    a proper name, so "the regime" in a Venezuelan story does not become Syria's army.
    """
    for entry in entries:
        if (focus and entry.iso == focus) or entry.travels:
            return entry
    for entry in entries:
        if entry.iso is None:
            return entry
    if focus is not None and all(e.scoped for e in entries):
        return None  # "Prison Guards" of Venezuela are not the guards of a Sudanese jail
    if focus is None or any(ch.isupper() for ch in surface[1:]):
        return entries[0]
    return None


def make_actor(span: Span, entry: Entry, focus: str | None, lex: Lexicon) -> Actor:
    inter = entry.inter
    if entry.kind == "state" and focus and entry.iso and entry.iso != focus:
        inter = 8
    return Actor(
        mention=span.text,
        start=span.start_char,
        end=span.end_char,
        name=entry.name,
        inter=inter,
        iso=entry.iso,
        kind=entry.kind,
    )


def state_actor(
    span: Span,
    iso: str | None,
    role: str,
    focus: str | None,
    lex: Lexicon,
    kind: str = "state",
) -> Actor:
    """State forces of a country: "Military Forces of Ukraine (2019-)", inter 1 or 8 abroad."""
    name = state_name(lex, iso, role)
    inter = 8 if (iso and focus and iso != focus) else 1
    if role == "military" and inter == 8:
        # Saudi forces in Yemen fight as "Operation Restoring Hope" in ACLED's coding
        name = lex.deployed_as.get(iso or "", {}).get(focus or "", name)
    return Actor(span.text, span.start_char, span.end_char, name, inter, iso, kind)


def template_actor(
    doc: Doc,
    span: Span,
    key: str,
    lex: Lexicon,
    focus: str | None,
    country_spans: dict[tuple[int, int], Span],
) -> tuple[Span, Actor] | None:
    """A force noun with the country that qualifies it ("Turkish forces", "army of Armenia")."""
    template = lex.templates[key]
    full, iso = _qualified(doc, span, lex, country_spans)
    if (
        key == "military"
        and iso is None
        and len(span) == 1
        and span[0].dep_ in ("amod", "compound")
    ):
        head = span[0].head
        if (
            head.lemma_.lower() not in lex.position_nouns
            and head.lower_ not in lex.template_terms
            and head.lower_ not in lex.group_nouns
        ):
            return None  # "military reinforcements", "military equipment": an adjective
    if iso is None and key in ("military", "police"):
        iso = _owner_country(doc, span, lex, country_spans)
    if iso is None:
        if key in ("military", "police", "government") and span.text.lower() in lex.weak_terms:
            return None  # "officers", "units", "authorities" alone are too vague to name
        iso = focus
    if key in ("military", "police", "government"):
        return full, state_actor(full, iso, key, focus, lex)
    name = template.render(lex.country_name(iso))
    if key == "unidentified":
        name = unidentified_name(iso, armed=True, marked=lex.gang_marked(doc))
    return full, Actor(
        full.text, full.start_char, full.end_char, name, template.inter, iso, template.kind
    )


def _qualified(
    doc: Doc, span: Span, lex: Lexicon, country_spans: dict[tuple[int, int], Span]
) -> tuple[Span, str | None]:
    """Extend a force noun to its country: left demonym/possessive or right "of COUNTRY"."""
    by_end = {end: s for (_, end), s in country_spans.items()}
    by_start = {start: s for (start, _), s in country_spans.items()}
    i = span.start
    # "the Ukrainian Forces", "Russia's army", "Israeli Police forces", "the Myanmar military"
    j = i
    while j > 0 and j - i > -4:
        if j in by_end:
            left = by_end[j]
            return doc[left.start : span.end], lex.country_of(left.text)
        prev = doc[j - 1]
        if (
            prev.tag_ == "POS"
            or prev.lower_ in lex.force_modifiers
            or (
                prev.is_punct is False
                and (prev.pos_ in ("ADJ", "NOUN") and prev.head.i in range(span.start, span.end))
            )
        ):
            j -= 1
            continue
        break
    # "military forces of Armenia", "the army of the Democratic Republic of Congo"
    k = span.end
    if k < len(doc) and doc[k].lower_ == "of":
        k += 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        if k in by_start:
            right = by_start[k]
            return doc[span.start : right.end], lex.country_of(right.text)
    return span, None


def _owner_country(
    doc: Doc, span: Span, lex: Lexicon, country_spans: dict[tuple[int, int], Span]
) -> str | None:
    """Whose forces: "its forces" after a country, or "Moscow was deploying forces"."""
    root = span.root
    starts = sorted(country_spans)
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in root.children):
        before = [
            country_spans[k] for k in starts if k[1] <= span.start and k[0] >= root.sent.start
        ]
        return lex.country_of(before[-1].text) if before else None
    if root.dep_ == "dobj":
        for sib in root.head.children:
            if sib.dep_ == "nsubj":
                for key in starts:
                    if key[0] <= sib.i < key[1]:
                        return lex.country_of(country_spans[key].text)
    return None


def country_actor(
    doc: Doc, span: Span, lex: Lexicon, focus: str | None
) -> tuple[Span, Actor] | None:
    """A country, capital or plural demonym standing for a state or its forces."""
    iso = lex.country_of(span.text)
    head = span.root
    kind = lex.country_kind(span.text)
    if kind == "demonym":
        if head.tag_ in ("NNPS", "NNS") or span.text.endswith("s"):
            # "the Russians continue to destroy the city": a side in a war, so its forces.
            left = doc[span.start - 1] if span.start > 0 else None
            definite = left is not None and left.lower_ == "the"
            # a people whose state ACLED names no army ("Palestinians") is never one
            army = "military" in lex.countries.get(iso or "", {})
            # "shot dead two Palestinians" counts persons; "killed 50 Russians" in a
            # Ukrainian story still counts the enemy's soldiers
            persons = _counted_victims(head, lex) and not (army and lex.opponent(focus) == iso)
            if army and (definite or (iso != focus and not persons)):
                return span, state_actor(span, iso, "military", focus, lex)
            return span, generic_actor(
                "civilians", lex.country_name(iso), span.text, span.start_char, iso, lex
            )
        # "Russian shelling", "a Russian attack", "Russian Shahed drones": the demonym
        # on the attack or on its weapon (through the weapon's name) names the attacker.
        noun = head.head
        while noun.dep_ == "compound" and noun.head is not noun:
            noun = noun.head
        if head.dep_ in ("amod", "compound", "nmod") and noun.lemma_ in lex.violent_lemmas:
            return span, state_actor(span, iso, "military", focus, lex)
        return None
    dep = head.dep_
    acting = dep in ACTING_DEPS or (dep == "pobj" and head.head.lower_ in ACTING_PREPS)
    if dep == "pobj" and head.head.lower_ == "to" and head.head.head.lemma_ in lex.visit_lemmas:
        acting = True  # "a surprise visit to Kyiv": the host state
    if dep == "conj":
        first = head.head
        acting = first.dep_ in ACTING_DEPS
        force = _force_of(first, lex)
        if force is not None:
            # "military forces of India and Pakistan": the second country's forces too
            return span, state_actor(span, iso, force, focus, lex)
    if dep == "poss" and head.head.lemma_.lower() in lex.place_nouns | {"'s"}:
        acting = False  # "Ukraine's second largest city" names a place
    if dep == "poss" and any(t.lower_ in lex.place_nouns for t in head.head.lefts):
        acting = False
    if not acting:
        return None
    name = lex.country_name(iso) or span.text
    return span, Actor(span.text, span.start_char, span.end_char, name, 1, iso, "country")


def _counted_victims(head: Token, lex: Lexicon) -> bool:
    """ "shot dead two Palestinians", "five Afghans were killed": people counted as hit by
    violence are persons, not the other side's army ("the Russians shelled" is)."""
    counted = any(
        c.dep_ == "nummod" or c.lower_ in ("several", "dozens", "many") for c in head.children
    )
    verb = head.head
    hit = (
        head.dep_ == "dobj" or head.dep_ == "nsubjpass"
    ) and verb.lemma_.lower() in lex.violent_lemmas
    return counted and hit


def _force_of(tok: Token, lex: Lexicon) -> str | None:
    """ "military" or "police" when ``tok`` is the country in "<force noun> of <tok>"."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "of":
        return None
    noun = prep.head
    phrase = doc_text(noun.doc)[noun.left_edge.idx : noun.idx + len(noun)].lower()
    for term, key in lex.template_keys.items():
        if key in ("military", "police") and (phrase.endswith(" " + term) or phrase == term):
            return key
    return None


def side_iso(
    side: str, focus: str | None, lex: Lexicon, speaker_iso: str | None = None
) -> str | None:
    """Whose forces "our units" (side="self") or "the enemy" (side="enemy") are."""
    own = speaker_iso or focus
    if side == "self":
        return own
    return lex.opponent(own)


def _strip_det(span: Span) -> Span:
    start = span.start
    while start < span.end and span.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    return span.doc[start : span.end]


def _without_overlaps(candidates: list[tuple[Span, Actor]]) -> list[Actor]:
    """Keep the longest mention where matches overlap; earlier sources win ties."""
    ranked = sorted(
        enumerate(candidates), key=lambda item: (-(item[1][0].end - item[1][0].start), item[0])
    )
    taken: set[int] = set()
    kept: list[tuple[int, Actor]] = []
    for _, (span, actor) in ranked:
        tokens = set(range(span.start, span.end))
        if tokens & taken or not actor.name:
            continue
        taken |= tokens
        kept.append((span.start, actor))
    return [actor for _, actor in sorted(kept, key=lambda item: item[0])]


def _generic_fighters(actor: Actor, lex: Lexicon) -> bool:
    """ "fighters", "militants", "gunmen": an unidentified-group word with nothing to say
    whose they are."""
    return actor.kind == "militia" and lex.template_keys.get(actor.mention.lower()) == (
        "unidentified"
    )


def unidentified_name(iso: str | None, armed: bool, marked: bool) -> str:
    """How ACLED names an unknown perpetrator in a country.

    Coders of some countries tell organised crime apart: in Mexico a drive-by shooting or
    a bound body is "Unidentified Gang (Mexico)", "armed men attacked a man" is an
    "Unidentified Armed Group (Mexico)". ``armed``: the text calls them armed men,
    gunmen...; ``marked``: it bears a gang marker (``gang_markers`` in actors.json).
    """
    lex = lexicon()
    names = lex.countries.get(iso or "", {})
    order = ["unidentified", "unidentified_default"]
    if not armed:
        order.reverse()
    if marked:
        order.insert(0, "unidentified_gang")
    for key in order:
        if key in names:
            return names[key]
    return lex.templates["unidentified"].render(lex.country_name(iso))
