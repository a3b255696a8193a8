"""Candidate toponyms: the ``Mention`` record and the matchers that propose them (capitalised runs,
spelling variants, misspelt and coded units), plus the small tests on them shared downstream.
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from frontwire.extract.context import per_doc
from frontwire.extract.places.lexicon import _ARABIC_ARTICLES, _CONNECTORS, MAX_NAME_TOKENS, Lexicon
from frontwire.gazetteer.fold import fold, loose_key
from frontwire.gazetteer.index import Entry, Gazetteer, haversine_km, loose_admin_name


@dataclass
class Mention:
    """A matched toponym before resolution."""

    start: int  # token indices
    end: int
    key: str
    entries: list[tuple[Entry, bool]]
    hint: str | None = None  # admin1 | admin2 | city: from unit words around it
    end_char_extra: int = 0  # characters of a trailing unit word ("region") in the mention
    containers: list[Mention] = field(default_factory=list)
    container_pos: bool = False
    cue: bool = False  # a locative cue, NER place tag or containment backs it
    label: str | None = None  # NER label of the entity holding it
    proper: bool = False  # tagged as a proper noun throughout
    sent_initial: bool = False
    lowercase: bool = False
    partial: bool = False  # a capitalised word right before it is not part of the match
    partial_next: bool = False  # ... or right after it ("Bani" in "Bani Siyah")
    hyphen_next: bool = False  # ... joined by a hyphen ("Sidon-Tyr highway": maybe two towns)
    code: bool = False  # found as a state's ISO code ("Kaushambi (UP)")
    modifier: bool = False  # "US dollar", "Russia-backed": a country as a modifier
    subplace: bool = False  # "Trindade community", "Colonia Del Valle": part of a town
    sent: int = 0  # index of the first token of its sentence
    weak_cue: bool = False  # 'from', 'to', 'over', 'on', 'of' right before it
    inner: list[Mention] = field(default_factory=list)  # mentions this one contains
    peers: list[Mention] = field(default_factory=list)  # "Uttar Pradesh, Bihar and Odisha"
    following: Mention | None = None  # the mention right after ", " (for "X District, Y")
    host: Mention | None = None  # the town a district belongs to: "Odesa's Kyivskyi district"
    orphan_in: Mention | None = None  # a unit named next to it that holds no place of its name
    facility: bool = False  # a building word follows: "Drama Theater", "Peremoha cinema"
    facility_elsewhere: bool = False  # ... and a town is named for it: "X cinema in Bakhmut"
    common_word: bool = False  # one token that is also an English word ("Market", "Bridge")
    adjective: bool = False
    agent: bool = False  # subject or possessor ("Britain bombed"): a state acting, no scene
    main: bool = False  # the chosen entry is matched by its own name, not an alternate
    loose_ids: frozenset[int] = frozenset()  # entries found only by a loose spelling key
    holds: list[Mention] = field(default_factory=list)  # the places it is named to locate
    on_line: bool = False  # the chosen village lies on a front line the article reports from
    conjunct: bool = False  # "in Bakhmut and Avdivka": joined to a place with a locative cue
    choice: Entry | None = None
    score: float = 0.0


def _starts_name(tok: Token) -> bool:
    text = tok.text
    return text[:1].isupper() and any(ch.isalpha() for ch in text)


def _candidate_keys(doc: Doc) -> dict[tuple[int, int], str]:
    """Token spans that could be names: capitalised runs with connectors and hyphens inside."""
    spans: dict[tuple[int, int], str] = {}
    n = len(doc)
    for i, tok in enumerate(doc):
        article_prefix = (
            tok.lower_ in _ARABIC_ARTICLES
            and i + 2 < n
            and doc[i + 1].text == "-"
            and _starts_name(doc[i + 2])
        )
        if not _starts_name(tok) and not article_prefix:
            continue
        j = i
        while j < n and j - i < MAX_NAME_TOKENS:
            cur = doc[j]
            if j > i:
                prev = doc[j - 1]
                if cur.is_sent_start or (prev.whitespace_ and cur.text in {"-", "'s", "’s"}):
                    break
                inside_hyphens = (
                    len(cur) <= 3 and cur.is_lower and j + 1 < n and doc[j + 1].text == "-"
                )
                if not (
                    _starts_name(cur)
                    or cur.text in {"-", "'s", "’s", "'", "’", "."}
                    or cur.lower_ in _CONNECTORS
                    or inside_hyphens
                ):
                    break
            if _starts_name(cur):
                key = fold(doc[i : j + 1].text)
                if key:
                    spans[(i, j + 1)] = key
            j += 1
    return spans


def _words_before(doc: Doc, i: int, count: int = 4) -> str:
    start = max(doc[i].sent.start, i - count)
    return " ".join(t.lower_ for t in doc[start:i])


def _ends_with_phrase(text: str, phrases: Iterable[str]) -> str | None:
    for phrase in phrases:
        if text == phrase or text.endswith(" " + phrase):
            return phrase
    return None


def _ent_label(doc: Doc, start: int, end: int) -> tuple[str | None, Span | None]:
    """The NER label of the entity holding tokens [start, end), if one does."""
    # doc.ents builds a new tuple on every access: keep one per Doc
    ents: list[Span] = per_doc(doc, "frontwire_ents", lambda: list(doc.ents))
    starts: list[int] = per_doc(doc, "frontwire_ent_starts", lambda: [e.start for e in ents])
    index = bisect_right(starts, start) - 1
    if index >= 0 and end <= ents[index].end:
        return ents[index].label_, ents[index]
    return None, None


def _inside_body_name(
    doc: Doc,
    i: int,
    j: int,
    entries: list[tuple[Entry, bool]],
    cue_spans: list[tuple[int, int, str]],
) -> list[tuple[Entry, bool]]:
    """A name inside the name of a body bound to one country ("Fano militiamen" in Ethiopia,
    "Arakan Army" in Myanmar) can only be a place of that country: Fano, Italy is dropped."""
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
    for cue_start, cue_end, cc in cue_spans:
        if cue_start <= start and end <= cue_end:
            return [(e, main) for e, main in entries if e.cc == cc]
    return entries


def _same_transliteration(key: str, name: str) -> bool:
    """'Serhiivka' = 'Serhiyivka', 'Andriivka' = 'Andriyivka': two romanisations of one name
    (Ukraine's 2010 rules dropped the 'y' between vowels), so the match is the place's own
    name, not an alias borrowed from another place."""
    if len(key) < 5:
        return False
    strip = str.maketrans("", "", "iyj ")
    return key.translate(strip) == fold(name).translate(strip)


def spelling_variants(key: str, lex: Lexicon) -> set[str]:
    """Other transliterations of a folded name ('ras al ain' -> 'ras al ayn')."""
    words = key.split()
    out: set[str] = set()
    swapped = [
        lex.word_variants.get(w, [w]) + ([w] if w in lex.word_variants else []) for w in words
    ]
    bases = {" ".join(combo) for combo in _product(swapped)}
    out.update(bases)
    for base in bases:
        for old, new in lex.letter_variants:
            if old in base:
                out.add(base.replace(old, new))
    out.discard(key)
    return out


def _product(options: list[list[str]], limit: int = 16) -> list[list[str]]:
    combos: list[list[str]] = [[]]
    for choices in options:
        combos = [[*c, x] for c in combos for x in choices][:limit]
    return combos


def _add_variant_matches(
    found: dict[str, list[tuple[Entry, bool]]], keys: set[str], gaz: Gazetteer, lex: Lexicon
) -> None:
    """Names not found as written are looked up under their other spellings."""
    wanted: dict[str, set[str]] = {}
    for key in keys:
        if len(key) < 5 or key in lex.stopnames or key in lex.demonyms:
            continue
        if any(main for _, main in found.get(key, [])):
            continue  # some place's own name: no need to guess ("Vinnitsa" is only an alias)
        for variant in spelling_variants(key, lex):
            wanted.setdefault(variant, set()).add(key)
    if not wanted:
        return
    for variant, entries in gaz.lookup(wanted).items():
        for key in wanted[variant]:
            if not any(main for _, main in entries):
                continue
            known = found.get(key, [])
            seen = {e.id for e, _ in known}
            # an alias of a village gives way only to a far bigger town ("Vinnitsa")
            floor = max(100_000, 10 * max(e.population for e, _ in known)) if known else 0
            # only a place's own name is trusted through a variant ("Ra's al 'Ayn"): other
            # names twice removed match too much ("Rosh Ha'Ayin" is also "Ras al Ayn")
            found.setdefault(key, []).extend(
                (e, main)
                for e, main in entries
                if main and e.id not in seen and e.population >= floor
            )


def _add_loose_matches(
    found: dict[str, list[tuple[Entry, bool]]], keys: set[str], gaz: Gazetteer, lex: Lexicon
) -> dict[str, frozenset[int]]:
    """Villages (indexed only under loose keys) and other transliterations of a place's own
    name ('Kleshcheevka' for Klyshchiyivka); returns, per key, the ids so added.

    Only a place whose own name meets the key loosely is taken: another place's alias,
    twice removed, would match too much. These readings count only with more evidence
    (a unit holding them, a locative cue in the article's country: ``_supported``)."""
    wanted = [
        k
        for k in keys
        if len(k) >= 5 and k not in lex.stopnames and k not in lex.demonyms and not k.isdigit()
    ]
    added: dict[str, frozenset[int]] = {}
    if not wanted:
        return added
    for key, entries in gaz.candidates(wanted).items():
        loose = loose_key(key)
        known = found.get(key, [])
        seen = {e.id for e, _ in known}
        new = [e for e in entries if e.id not in seen and loose_key(e.name) == loose]
        if new:
            found.setdefault(key, []).extend((e, True) for e in new)
            added[key] = frozenset(e.id for e in new)
    return added


def _add_misspelt_units(
    doc: Doc,
    spans: dict[tuple[int, int], str],
    found: dict[str, list[tuple[Entry, bool]]],
    gaz: Gazetteer,
    lex: Lexicon,
) -> None:
    """'Donestk oblast': an unknown name before a unit word is read as the closest unit name.

    Only first-level units are tried (a few thousand names, one spelling slip away), and only
    when one unit is clearly closest, so a village's name is never bent into another's.
    """
    wanted = [
        key
        for (i, j), key in spans.items()
        if key not in found
        and len(key) >= 5
        and j < len(doc)
        and (doc[j].lower_ in lex.admin1_after or doc[j : j + 2].text.lower() in lex.admin1_after)
    ]
    if not wanted:
        return
    names = gaz.admin1_loose_names()
    for key in wanted:
        loose = loose_admin_name(key)
        close = gaz.closest_admin1_names(loose)
        if not close:
            continue
        best = difflib.SequenceMatcher(None, loose, close[0]).ratio()
        runner = difflib.SequenceMatcher(None, loose, close[1]).ratio() if len(close) > 1 else 0
        if best - runner < 0.05:
            continue  # two units about as close: no guess
        found[key] = [(unit, False) for unit in names[close[0]]]


def _container_slot(doc: Doc, i: int, j: int) -> bool:
    """Tokens [i, j) sit where a coder writes the unit holding a place: "(Nalgoda, TS)",
    "Kaushambi (UP)", "Budgam district, J&K." (after ',' or '(', before ')', ',' or the end)."""
    if i == 0 or doc[i - 1].text not in {",", "("}:
        return False
    return j >= len(doc) or doc[j].text in {")", ",", ".", ";"} or doc[j].is_sent_start


def _add_unit_codes(
    doc: Doc,
    spans: dict[tuple[int, int], str],
    found: dict[str, list[tuple[Entry, bool]]],
    gaz: Gazetteer,
) -> set[str]:
    """'(Mahabubnagar, TS)', 'Kaushambi (UP)': a state's short code in a unit's slot.

    Codes are ISO 3166-2's, in every country that has one; returns the keys so found, which
    need a place they contain or the article's country to count (``_supported``)."""
    coded: set[str] = set()
    for (i, j), key in spans.items():
        text = doc[i:j].text
        if (
            j - i != 1
            or key in found
            or not (2 <= len(text) <= 3 and text.isalpha() and text.isupper())
            or not _container_slot(doc, i, j)
        ):
            continue
        units = gaz.admin1_by_code(text)
        if units:
            found[key] = [(unit, False) for unit in units]
            coded.add(key)
    return coded


def _lowercase_after_locative(doc: Doc, lex: Lexicon) -> dict[tuple[int, int], str]:
    """'shelling in melitopol': a lower-case word right after 'in'/'near' may be a big town."""
    found: dict[tuple[int, int], str] = {}
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if (
            tok.lower_ in {"in", "near", "outside", "at"}
            and nxt.is_lower
            and nxt.is_alpha
            and len(nxt.text) > 4
            and not nxt.is_stop
            and nxt.lower_ not in lex.stopnames
            and nxt.pos_ in {"PROPN", "NOUN", "ADJ", "X"}
        ):
            found[(nxt.i, nxt.i + 1)] = fold(nxt.text)
    return found


def _contains(unit: Entry, place: Entry) -> bool:
    if unit.feature == "country":
        return unit.cc == place.cc
    if unit.feature == "admin1":
        return unit.cc == place.cc and unit.a1code == place.a1code
    if unit.feature == "admin2":
        if unit.cc != place.cc:
            return False
        if fold(unit.name) == fold(place.admin2 or ""):
            return True
        # a district's seat may carry no district name ("Kurnool city (Kurnool, AP)")
        return (
            place.feature == "city"
            and not place.admin2
            and unit.a1code == place.a1code
            and haversine_km(unit.lat, unit.lon, place.lat, place.lon) <= (unit.radius_km or 10)
        )
    radius = unit.radius_km or 30.0
    return haversine_km(unit.lat, unit.lon, place.lat, place.lon) <= radius + 15


def _building_name(m: Mention) -> bool:
    """A town name inside a building's name ("Drama Theater"), with no locative word before."""
    return (
        m.facility
        and m.choice is not None
        and m.choice.feature == "city"
        and (not m.cue or m.label == "FAC")  # the NER's FAC names the building here
    )


def _head_of_conjuncts(tok: Token) -> Token:
    """'the United States and Britain bombed': Britain shares the first conjunct's role."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok
