"""Toponyms: find place names by gazetteer match, resolve each to one place, as a coder would.

Finding: every run of capitalised tokens is looked up in the offline index (the NER is one
signal among others: the small model tags Kyiv or Donbass as PERSON). Unit words around a
name choose the kind of place ("the Luhansk region" is the oblast, "Kharkiv city" the town).

Resolving: among the entries sharing a name, the score weighs the kind of place, its
population, the article's country focus (countries, demonyms and unambiguous places named),
admin containment ("Severodonetsk, Luhansk", "(Kismaayo, Lower Juba)") and nearness to the
other places of the article. Capitals used as the state ("Moscow was deploying", "controlled
by Kyiv") keep their coordinates but get ``role="metonym"`` so events are not placed there.

``location_for_span`` then picks the place that governs an event's trigger.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from frontwire.gazetteer.fold import fold
from frontwire.gazetteer.index import (
    Entry,
    Gazetteer,
    get_gazetteer,
    haversine_km,
    loose_admin_name,
)
from frontwire.model import Article, Place
from frontwire.nlp import doc_text, per_doc

_GAZ_DIR = Path(__file__).resolve().parent.parent / "gazetteer"
_ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"

MAX_NAME_TOKENS = 8
#: Lower-case words allowed inside a multi-word name ("Rostov-on-Don", "Rio de Janeiro").
_CONNECTORS = frozenset(
    [
        "of",
        "de",
        "del",
        "della",
        "di",
        "da",
        "do",
        "dos",
        "das",
        "la",
        "le",
        "les",
        "al",
        "el",
        "ad",
        "ash",
        "as",
        "ar",
        "az",
        "an",
        "am",
        "bin",
        "ibn",
        "upon",
        "on",
        "sur",
        "en",
        "und",
        "y",
        "e",
        "i",
        "los",
        "las",
        "des",
        "du",
        "sub",
    ]
)
#: Particles that put a capitalised word inside a person's name ("Ursula von der Leyen").
_NAME_PARTICLES = frozenset(
    ["von", "van", "der", "den", "de", "da", "di", "du", "le", "la", "bin", "ibn", "abu"]
)
#: Lower-case particles that glue a name to the next word: a match right before one is only
#: the first part of a longer name. English words ("as", "at", "an", "on", "of") are left out.
_INNER_PARTICLES = frozenset(
    [
        "al",
        "el",
        "ash",
        "ad-",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "das",
        "du",
        "des",
        "los",
        "las",
        "bin",
        "ibn",
    ]
)
_FAR_ALIAS_KM = 150.0
_SPECIFICITY = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}
_FEATURE_BASE = {"country": 7.0, "region": 4.5, "admin1": 3.5, "admin2": 2.0, "city": 0.0}
_WEAK_LOCATIVE = frozenset({"from", "to", "over", "on", "of", "via", "through", "beyond"})
_ARABIC_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "an", "az", "at", "ad-"})
_FUNCTION_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PRON", "AUX", "PART", "NUM", "ADV"})
_METONYM_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
_METONYM_PREPS = frozenset({"by", "for", "with", "against", "from"})


@dataclass(frozen=True)
class Lexicon:
    """The data tables the matcher reads: unit words, cues, demonyms, capitals, stop names."""

    admin1_after: frozenset[str]
    admin2_after: frozenset[str]
    city_after: frozenset[str]
    near_after: frozenset[str]
    admin1_before: tuple[str, ...]
    admin2_before: tuple[str, ...]
    city_before: tuple[str, ...]
    near_before: tuple[str, ...]
    part_before: tuple[str, ...]
    subplace_after: frozenset[str]
    subplace_before: tuple[str, ...]
    locative_before: frozenset[str]
    reference_before: tuple[str, ...]
    seat_after: frozenset[str]
    demonyms: dict[str, str]
    capitals: dict[str, str]
    stopnames: frozenset[str]
    water_after: frozenset[str]
    facility_after: frozenset[str]
    media_after: frozenset[str]
    district_first_level: frozenset[str]
    word_variants: dict[str, list[str]]
    letter_variants: tuple[tuple[str, str], ...]
    focus_cues: re.Pattern[str] | None
    focus_cue_cc: dict[str, str]
    area_cues: re.Pattern[str] | None
    area_cue_region: dict[str, str]


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    terms = json.loads((_GAZ_DIR / "admin_terms.json").read_text(encoding="utf-8"))
    countries = json.loads((_ONTOLOGY_DIR / "demonyms.json").read_text(encoding="utf-8"))
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for cc, rec in countries.get("countries", {}).items():
        for word in rec.get("demonyms", []):
            if len(word) > 3:  # "US" is a country name, not a demonym
                demonyms[fold(word)] = cc
        for cap in rec.get("capitals", []):
            capitals[fold(cap).removeprefix("the ")] = cc
    stop_lines = (_GAZ_DIR / "stopnames.txt").read_text(encoding="utf-8").splitlines()
    cue_cc = _focus_cues()
    variants = json.loads((_GAZ_DIR / "spelling_variants.json").read_text(encoding="utf-8"))
    area_cues: dict[str, str] = json.loads(
        (_GAZ_DIR / "focus_cues.json").read_text(encoding="utf-8")
    ).get("area_cues", {})
    return Lexicon(
        admin1_after=frozenset(terms["admin1_after"]),
        admin2_after=frozenset(terms["admin2_after"]),
        city_after=frozenset(terms["city_after"]),
        near_after=frozenset(terms["near_after"]),
        admin1_before=tuple(terms["admin1_before"]),
        admin2_before=tuple(terms["admin2_before"]),
        city_before=tuple(terms["city_before"]),
        near_before=tuple(terms["near_before"]),
        part_before=tuple(terms["region_part_before"]),
        subplace_after=frozenset(terms["subplace_after"]),
        subplace_before=tuple(terms["subplace_before"]),
        locative_before=frozenset(terms["locative_before"]),
        reference_before=tuple(terms.get("reference_before", [])),
        seat_after=frozenset(terms.get("seat_after", [])),
        demonyms=demonyms,
        capitals=capitals,
        stopnames=frozenset(
            line.strip() for line in stop_lines if line.strip() and not line.startswith("#")
        ),
        focus_cues=_phrase_pattern(cue_cc),
        focus_cue_cc=cue_cc,
        water_after=frozenset(terms.get("water_after", [])),
        facility_after=frozenset(terms.get("facility_after", [])),
        media_after=frozenset(terms.get("media_after", [])),
        district_first_level=frozenset(terms.get("district_first_level", [])),
        word_variants=variants.get("words", {}),
        letter_variants=tuple((a, b) for a, b in variants.get("letters", [])),
        area_cues=_phrase_pattern(area_cues),
        area_cue_region=area_cues,
    )


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for whole-word, case-sensitive matches of any phrase, longest first."""
    ordered = sorted(phrases, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")


def _focus_cues() -> dict[str, str]:
    """Names bound to one country: armed groups from the actor table, plus ``focus_cues.json``.

    A short ACLED note often names no country ("the OSCE SMM observed explosions near
    Kalinovo"); the actors it names still say where it happens. A name that several
    countries' actors share ("IS", "Fulani militia") says nothing and is left out.
    """
    owners: dict[str, set[str]] = {}
    actors = json.loads((_ONTOLOGY_DIR / "actors.json").read_text(encoding="utf-8"))
    for actor in actors.get("actors", []):
        cc = actor.get("iso")
        if not cc:
            continue
        for alias in actor.get("aliases", []):
            # a lower-case alias ("separatists") is a common word; two letters are too short
            if len(alias) >= 3 and any(ch.isupper() for ch in alias):
                owners.setdefault(alias, set()).add(cc)
    extra = json.loads((_GAZ_DIR / "focus_cues.json").read_text(encoding="utf-8"))
    for alias, cc in extra.get("cues", {}).items():
        owners.setdefault(alias, set()).add(cc)
    return {alias: next(iter(ccs)) for alias, ccs in owners.items() if len(ccs) == 1}


@lru_cache(maxsize=4)
def english_words(kinds: tuple[str, ...] = ("verb", "adj", "adv")) -> frozenset[str]:
    """English verbs, adjectives and adverbs known to the pipeline's lemmatizer tables.

    A capitalised common word ("Market", "Bridge") that is only an alternate name of some
    town is nearly always part of a facility's name in news text.
    """
    from frontwire.nlp import get_nlp

    nlp = get_nlp()
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    words: set[str] = set()
    for pos in kinds:  # nouns also hold famous places ("odessa", "basra"): asked for apart
        if pos in table:
            words.update(w for w in table[pos] if w.isalpha())
    return frozenset(words)


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


def _find_mentions(
    doc: Doc, gaz: Gazetteer, lex: Lexicon
) -> tuple[list[Mention], Counter, frozenset[str]]:
    """Gazetteer matches, longest first, without overlaps; demonyms feed the country focus.

    Also returns the countries of the bodies named (focus cues such as "LNA", "NPA"): unlike
    a demonym ("Russian shelling of Kharkiv"), such a body says where the story happens."""
    spans = _candidate_keys(doc)
    spans.update(_lowercase_after_locative(doc, lex))
    focus: Counter = Counter()
    for tok in doc:
        if tok.text[:1].isupper():
            cc = lex.demonyms.get(fold(tok.text))
            if cc is not None:
                focus[cc] += 0.5
    cue_ccs: set[str] = set()
    cue_spans: list[tuple[int, int, str]] = []  # a body's name: "Fano militiamen" in Ethiopia
    if lex.focus_cues is not None:
        for match in lex.focus_cues.finditer(doc_text(doc)):
            focus[lex.focus_cue_cc[match.group(1)]] += 0.5
            cue_spans.append((match.start(1), match.end(1), lex.focus_cue_cc[match.group(1)]))
            if not any(fold(w) in lex.demonyms for w in match.group(1).split()):
                # "Russian military" acts abroad too; "NPA", "LNA" work at home
                cue_ccs.add(lex.focus_cue_cc[match.group(1)])
    keys = {k.removeprefix("the ") for k in spans.values()}
    found = gaz.lookup(keys)
    _add_variant_matches(found, keys, gaz, lex)
    _add_misspelt_units(doc, spans, found, gaz, lex)
    coded = _add_unit_codes(doc, spans, found, gaz)
    taken = [False] * len(doc)
    mentions: list[Mention] = []
    for (i, j), key in sorted(spans.items(), key=lambda kv: (kv[0][0] - kv[0][1], kv[0][0])):
        key = key.removeprefix("the ")
        entries = found.get(key)
        if not entries or any(taken[i:j]) or key in lex.demonyms:
            continue
        entries = [(e, main or _same_transliteration(key, e.name)) for e, main in entries]
        entries = _inside_body_name(doc, i, j, entries, cue_spans)
        if not entries:
            continue
        mention = Mention(start=i, end=j, key=key, entries=entries, sent=doc[i].sent.start)
        mention.code = key in coded
        if not doc[i].text[:1].isupper():
            mention.lowercase = True
            mention.entries = [
                (e, main) for e, main in entries if e.population >= 50_000 and e.feature == "city"
            ]
            if not mention.entries:
                continue
        if not _plausible(doc, mention, lex):
            continue
        for t in range(i, j):
            taken[t] = True
        mentions.append(mention)
    mentions.sort(key=lambda m: m.start)
    return mentions, focus, frozenset(cue_ccs)


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


def _plausible(doc: Doc, m: Mention, lex: Lexicon) -> bool:
    """Reject matches that are surely not places: person names, titles, common words.

    Weaker evidence is weighed after resolution (``_supported``), once the country focus
    of the article is known.
    """
    first = doc[m.start]
    label, ent = _ent_label(doc, m.start, m.end)
    m.label = label
    prev = doc[m.start - 1] if m.start > 0 else None
    if (
        prev is not None
        and prev.lower_ in _NAME_PARTICLES
        and prev.i > 0
        and (_starts_name(doc[prev.i - 1]) or doc[prev.i - 1].lower_ in _NAME_PARTICLES)
    ):
        return False
    single = m.end - m.start == 1
    if m.end < len(doc) and doc[m.end].lower_ in lex.water_after:
        return False  # "the Dnipro river" is not the city of Dnipro
    if m.end < len(doc) and doc[m.end].lower_ in lex.media_after and _starts_name(doc[m.end]):
        return False  # "Dnipro Daily", "Kyiv Post": a news outlet
    if single and len(first.text) <= 3 and not first.text.isupper():
        # "CAR" is an acronym of a country; "Car" starting a headline is a car
        m.entries = [(e, main) for e, main in m.entries if main or e.feature != "country"]
        if not m.entries:
            return False
    kinds = {e.feature for e, _ in m.entries}
    if single and m.key in lex.stopnames:
        return False
    if single and first.is_stop and first.pos_ in _FUNCTION_POS and first.tag_ != "NNP":
        return False  # "On", "As", "No" at a sentence start
    if single and first.is_sent_start and first.is_stop and first.tag_ not in {"NNP", "NNPS"}:
        return False  # "Most of the victims", "Several were hurt": a quantifier, not Most
    if (
        first.text.isupper()
        and len(first.text) <= 6
        and single
        and "country" not in kinds
        and not (kinds == {"admin1"} and _container_slot(doc, m.start, m.end))
    ):
        return False  # acronyms ("UTICA", "INC") are bodies, not towns; "(Budgam, J&K)" is one
    if label == "PERSON" and ent is not None and len(ent) > (m.end - m.start):
        m.label = "PERSON_PART"  # "Victoria" in "Victoria Nuland", or a mis-tagged phrase
    before = _words_before(doc, m.start, 4)
    # The word right before the name; whitespace-only context (" Ma") has none.
    last_word = before.split()[-1] if before.split() else ""
    m.cue = (
        label in {"GPE", "LOC", "FAC"}
        or last_word in lex.locative_before
        or _ends_with_phrase(before, lex.near_before) is not None
        or _ends_with_phrase(before, lex.city_before) is not None
    )
    m.weak_cue = last_word in _WEAK_LOCATIVE
    m.sent_initial = first.is_sent_start or (prev is not None and prev.text in {'"', "“", "(", "'"})
    m.modifier = doc[m.end - 1].dep_ in {"compound", "amod", "npadvmod"}
    m.agent = _head_of_conjuncts(doc[m.end - 1]).dep_ in _METONYM_DEPS
    m.common_word = single and first.lower_ in english_words()
    m.adjective = first.tag_ == "JJ"
    m.proper = all(t.tag_ in {"NNP", "NNPS"} or not t.is_alpha for t in doc[m.start : m.end])
    m.partial = _continues_name(prev, lex)
    m.facility = _facility_word_after(doc, m.end, lex) is not None
    # "Peremoha cinema in Bakhmut": the building's own town is named right after it
    m.facility_elsewhere = m.facility and any(
        tok.lower_ in {"in", "at"} and tok.i + 1 < len(doc) and _starts_name(doc[tok.i + 1])
        for tok in doc[m.end + 1 : m.end + 4]
    )
    m.partial_next = _continues_name(doc[m.end] if m.end < len(doc) else None, lex, after=True)
    m.hyphen_next = m.partial_next and doc[m.end].text == "-"
    return True


def _facility_word_after(doc: Doc, k: int, lex: Lexicon) -> Token | None:
    """The building word naming a site after a town: "Drama Theater", "Zaporizhzhia nuclear
    plant", "Kharkiv thermal power plant" (up to two modifiers in between)."""
    for j in range(k, min(k + 3, len(doc))):
        tok = doc[j]
        if tok.lower_ in lex.facility_after:
            return tok
        if tok.is_stop or not tok.is_lower or tok.pos_ not in {"ADJ", "NOUN"}:
            return None  # a capitalised word is the next name ("Mariupol Drama Theater")
        if tok.lower_ in lex.city_after or tok.lower_ in lex.admin1_after:
            return None  # "Kharkiv city hospital" names the town first
    return None


def _continues_name(tok: Token | None, lex: Lexicon, after: bool = False) -> bool:
    """A capitalised word (or '-Word') glued to a match: the match is part of a longer name."""
    if tok is None or (not after and tok.is_sent_start):
        return False
    doc = tok.doc
    if tok.text == "-" and after and tok.i + 1 < len(doc):
        return _starts_name(doc[tok.i + 1]) and not tok.whitespace_
    if after and tok.lower_ in _INNER_PARTICLES:
        # "Wadi al-Rabi", "Wadi al Washka", "San Andres de Tuxtla": an article or
        # preposition that only joins the parts of one name, then its next word
        k = tok.i + 1
        if k < len(doc) and doc[k].text == "-" and not tok.whitespace_:
            k += 1
        return k < len(doc) and _starts_name(doc[k]) and not doc[k].is_sent_start
    if not _starts_name(tok) or tok.tag_ not in {"NNP", "NNPS"}:
        return False
    word = fold(tok.text)
    if word in lex.demonyms or word in lex.admin1_after or word in lex.admin2_after:
        return False
    if not after:
        return True  # "City Hall", "Myrna Dolyna": a name word glued before the match
    return word not in lex.city_after and word not in lex.near_after


def _supported(
    m: Mention, focus: dict[str, float], alone: bool = False, cues: frozenset[str] = frozenset()
) -> bool:
    """Keep a resolved match only if enough signals say it is a place in this article."""
    e = m.choice
    if e is None:
        return False
    strict = bool(e.cc) and focus.get(e.cc, 0.0) >= 0.5
    in_focus = strict or (alone and bool(e.cc))
    elsewhere = not alone and not focus.get(e.cc or "", 0.0)  # other places point elsewhere
    pop = e.population if e.feature == "city" else e.population // 4
    contained = any(c.choice is not None and _contains(c.choice, e) for c in m.containers)
    if contained and m.main:
        return True  # "Faskari LGA (Katsina)": a unit that holds it locates it, NER aside
    if m.code:
        # "(Nalgoda, TS)" after an Indian town; "Ukraine (AP)" is a news agency
        held = any(_contains(e, x.choice) for x in m.inner if x.choice is not None)
        return held or strict or (alone and m.container_pos and len(m.entries) == 1)
    if m.partial and (not m.main or pop < 100_000):
        return False  # "Dolyna" in "Myrna Dolyna": part of a longer, unknown name
    if m.label == "PERSON_PART":
        # "Hussein" in "Hussein al-Ezzi" is only another name of a district: not enough
        named_unit = m.main or m.hint is not None or m.container_pos or e.feature == "country"
        return (e.feature != "city" and named_unit) or (in_focus and pop >= 20_000 and m.main)
    if m.label == "NORP" and not m.main and m.adjective:
        return False  # "Chechen" is an alternate name of Chechnya, but here an adjective
    if contained or e.feature in {"country", "region"}:
        return True
    unique = len({o.cc for o, _ in m.entries}) == 1
    if not m.main and m.common_word:
        return False  # "Market" is an old name of Marquette, "Bridge" one of Norwalk
    rival = any(share > 0 for cc, share in focus.items() if cc != e.cc)
    if not m.main and e.feature == "city" and cues and e.cc not in cues:
        return False  # "Samar" in an NPA story is a Philippine province, not Samara, Russia
    if (
        not m.main
        and elsewhere
        and e.feature == "city"
        and (not m.cue or m.modifier or pop < 1_000_000)
    ):
        return False  # "Jang" is another name of Anyang, China; the note is about Pakistan
    if _building_name(m) and (elsewhere or (m.facility_elsewhere and pop < 20_000)):
        return False  # "the Peremoha cinema in Bakhmut": the cinema, not the village
    weak = not m.main and not strict and pop < (10_000 if m.cue or alone else 50_000)
    if weak and not (m.cue and unique and not elsewhere):
        return False  # an alternate spelling of a small place: not enough here
    if m.partial and (not m.main or pop < 100_000):
        return False  # "Dolyna" in "Myrna Dolyna": part of a longer, unknown name
    if (
        m.partial_next
        and (
            pop < 20_000
            or not in_focus
            or (rival and not strict and not m.hyphen_next and pop < 50_000)
        )
        and not (m.facility and in_focus and m.main)
    ):
        return False  # "Bani" in "Bani Siyah", unless a known town names a building
    if elsewhere and e.feature == "city" and pop < 20_000:
        return False  # a hamlet abroad while the rest of the article is elsewhere
    if m.cue or (m.weak_cue and m.main and m.proper and in_focus):
        return True
    if e.feature == "admin1":
        return in_focus or e.population >= 500_000 or m.proper
    if m.label == "ORG" and in_focus and m.main and m.proper and pop >= 5_000:
        return True  # the small model tags many towns as ORG ("flying above Popasna")
    if m.label in {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}:
        return pop >= (20_000 if in_focus else 50_000)
    if m.sent_initial and not m.proper:
        return pop >= (20_000 if in_focus else 40_000)
    if not m.proper:
        return pop >= 200_000
    return pop >= (500 if in_focus else 50_000) or m.end - m.start > 1


def _unit_hints(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """'the Luhansk region', 'Kharkiv city', 'the town of X', 'X district' set the kind."""
    for m in mentions:
        nxt = doc[m.end] if m.end < len(doc) else None
        nxt2 = doc[m.end : m.end + 2].text.lower() if m.end + 1 < len(doc) else ""
        before = _words_before(doc, m.start, 4)
        if nxt is not None and not nxt.is_sent_start:
            word = nxt.lower_
            if nxt2 in lex.admin1_after or nxt2 in lex.admin2_after:
                word = nxt2
                span_end = doc[m.end + 1].idx + len(doc[m.end + 1].text)
            else:
                span_end = nxt.idx + len(nxt.text)
            kind = (
                "admin1"
                if word in lex.admin1_after
                else "admin2"
                if word in lex.admin2_after
                else "city"
                if word in lex.city_after
                else None
            )
            if kind is not None:
                m.hint = kind
                m.end_char_extra = span_end - (doc[m.end - 1].idx + len(doc[m.end - 1].text))
        prev = doc[m.start - 1] if m.start > 0 else None
        if (
            m.hint is None
            and prev is not None
            and prev.text in {"Oblast", "Province", "Region"}
            and (prev.i == 0 or doc[prev.i - 1].text in {",", "("})
        ):
            m.hint = "admin1"  # "near Velyka Komyshuvakha, Oblast Kharkiv": the word order
        if m.hint is None:
            if _ends_with_phrase(before, lex.admin1_before):
                m.hint = "admin1"
            elif _ends_with_phrase(before, lex.admin2_before):
                m.hint = "admin2"
            elif _ends_with_phrase(before, lex.city_before):
                m.hint = "city"
        if m.hint is not None:
            m.cue = True
        words = m.key.split()
        if (
            (nxt is not None and nxt.lower_ in lex.subplace_after)
            or _ends_with_phrase(before, lex.subplace_before)
            or (len(words) > 1 and words[0] in lex.subplace_before)
        ):
            m.subplace = True


def _end_char(doc: Doc, m: Mention) -> int:
    last = doc[m.end - 1]
    return last.idx + len(last.text) + m.end_char_extra


def _link_containers(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """'X, Y', 'X (Z, Y)', 'X district of Y', 'X in the Y region': Y (and Z) contain X.

    A pair is linked only if some reading of Y can hold some reading of X, so that a list
    ("Kharkiv, Kyiv and Odesa") is not taken for containment.
    """
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        chain: list[Mention] = []
        cur = m
        while True:
            k = cur.end
            while k < len(doc) and doc[k].idx < _end_char(doc, cur):
                k += 1
            if k + 1 < len(doc) and doc[k].lower_ in lex.near_after | lex.seat_after:
                k += 1  # "Tell Abiad front in Ar-Raqqa", "Ghoryan district center, Herat"
            if k >= len(doc) or doc[k].text not in {",", "(", "in", "of"}:
                break
            if doc[k].text == "of" and cur.hint not in {"admin2", "city"}:
                break
            if doc[k].text == "in" and k + 1 < len(doc) and doc[k + 1].lower_ == "the":
                k += 1
            nxt = by_start.get(k + 1)
            if nxt is None and doc[k].text == "(":
                nxt = _after_unknown_in_brackets(doc, k + 1, by_start)
            if nxt is None or doc[k].sent != doc[nxt.start].sent:
                break
            if doc[k].text == "in" and not (
                nxt.hint in {"admin1", "admin2"}
                or (cur is m and any(e.feature in {"admin1", "admin2"} for e, _ in nxt.entries))
            ):
                break
            if not _can_contain(nxt, m) or (
                any(e.feature == "admin1" for e, _ in m.entries) and _listed_together(doc, cur, nxt)
            ):  # a list of states, not a town in its state ("Atlanta, Georgia and Miami")
                break
            chain.append(nxt)
            cur = nxt
        if chain:
            m.containers = chain
            m.cue = True
            for c in chain:
                c.container_pos = True
                c.cue = True
            chain[0].inner.append(m)
    for m in mentions:
        k = m.end
        while k < len(doc) and doc[k].idx < _end_char(doc, m):
            k += 1
        if k + 1 < len(doc) and doc[k].text == ",":
            m.following = by_start.get(k + 1)
        if not m.containers:
            m.orphan_in = _unlinked_container(doc, m, k, by_start, lex)
        if not m.container_pos and _after_unknown_name(doc, m, by_start):
            m.container_pos = True
            m.cue = True
        if m.hint == "admin2":
            m.host = _host_town(doc, m, mentions, by_start, lex)
        elif (
            m.start >= 2
            and doc[m.start - 1].text == "-"
            and not doc[m.start - 1].whitespace_
            and not doc[m.start - 2].whitespace_
        ):  # "Lima-La Victoria", "Belgrade-Vracar": a quarter after its city
            m.host = next((o for o in mentions if o.end == m.start - 1), None)


def _host_town(
    doc: Doc, m: Mention, mentions: list[Mention], by_start: dict[int, Mention], lex: Lexicon
) -> Mention | None:
    """The town a district is part of: "Odesa's Kyivskyi district", "the city's Kyivskyi
    district" (the last town named before), "the Kyivskyi district of Odesa"."""
    k = m.end
    while k < len(doc) and doc[k].idx < _end_char(doc, m):
        k += 1
    if k + 1 < len(doc) and doc[k].lower_ == "of":
        after = by_start.get(k + 1)
        if after is not None and any(e.feature == "city" for e, _ in after.entries):
            return after
    i = m.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].text not in {"'s", "’s"}:
        return None
    owner = doc[i - 1]
    for o in mentions:
        if o.start <= owner.i < o.end:
            return o
    if owner.lower_ not in lex.city_after and owner.lower_ != "capital":
        return None
    earlier = [o for o in mentions if o.end <= owner.i and o.hint != "admin2"]
    towns = [o for o in earlier if any(e.feature == "city" for e, _ in o.entries)]
    return towns[-1] if towns else None


def _after_unknown_in_brackets(doc: Doc, k: int, by_start: dict[int, Mention]) -> Mention | None:
    """'Kagara (Rafi LGA, Niger)': the unit after an unknown district name in brackets."""
    j = k
    while j < len(doc) and j - k < 5 and doc[j].text not in {",", ")", "("}:
        if j in by_start or doc[j].is_sent_start:
            return None
        j += 1
    if j == k or j + 1 >= len(doc) or doc[j].text != "," or not _starts_name(doc[k]):
        return None
    return by_start.get(j + 1)


def _listed_together(doc: Doc, a: Mention, b: Mention) -> bool:
    """'Bihar, Madhya Pradesh and Odisha': members of one 'and' list hold no one another."""
    head_a, head_b = doc[a.end - 1], doc[b.end - 1]
    group = head_a.conjuncts
    if head_b not in group:
        return False
    return any(child.dep_ == "cc" for tok in (head_a, *group) for child in tok.children)


def _link_peers(doc: Doc, mentions: list[Mention]) -> None:
    """Names coordinated in one list are usually places of one kind (states, towns)."""
    by_head = {m.end - 1: m for m in mentions}
    for m in mentions:
        head = doc[m.end - 1]
        for tok in head.conjuncts:
            other = by_head.get(tok.i)
            if other is not None and other is not m:
                m.peers.append(other)


def _unlinked_container(
    doc: Doc, m: Mention, k: int, by_start: dict[int, Mention], lex: Lexicon
) -> Mention | None:
    """'near Vesele, Donetsk.' or 'Gota area of Ahmedabad' where no Vesele lies in Donetsk.

    The second name is then a unit holding an unknown place of the first name.
    """
    if any(e.population >= 100_000 and main for e, main in m.entries):
        return None  # a known town, not an unknown village ("Kharkiv, Kyiv."); "Bala" is
        # only another name of Basel
    part_of = k < len(doc) and doc[k].lower_ in lex.near_after | lex.subplace_after
    if k < len(doc) and doc[k].lower_ == "in":
        # 'Komyshuvakha in the Luhansk Oblast' with no Komyshuvakha there
        k += 2 if k + 1 < len(doc) and doc[k + 1].lower_ == "the" else 1
        outer = by_start.get(k)
        if outer is None or outer.hint not in {"admin1", "admin2"}:
            return None
        outer.container_pos = True
        outer.cue = True
        return outer
    if part_of:
        k += 1
        if k >= len(doc) or doc[k].lower_ != "of":
            return None
    elif k >= len(doc) or doc[k].text != ",":
        return None
    outer = by_start.get(k + 1)
    if outer is None and not part_of:
        # "Pipri, Kaushambi (UP)": village, unknown district, then the state holding both
        outer = _bracket_after_unknown(doc, k + 1, by_start)
    if outer is None:
        return None
    if not part_of and (
        not any(e.feature != "city" for e, _ in outer.entries) or not _closes_phrase(doc, outer)
    ):
        return None
    outer.container_pos = True
    outer.cue = True
    return outer


def _bracket_after_unknown(doc: Doc, k: int, by_start: dict[int, Mention]) -> Mention | None:
    """The unit in '(Y)' right after an unknown name starting at token k ('Kaushambi (UP)')."""
    j = k
    while j < len(doc) and j - k < 4 and _starts_name(doc[j]) and j not in by_start:
        j += 1
    if j == k or j + 1 >= len(doc) or doc[j].text != "(":
        return None
    return by_start.get(j + 1)


def _closes_phrase(doc: Doc, m: Mention) -> bool:
    """Whether a mention ends its phrase: sentence end, '.', ')' or ';' after it."""
    k = m.end
    while k < len(doc) and doc[k].idx < _end_char(doc, m):
        k += 1
    if k >= len(doc) or doc[k].is_sent_start:
        return True
    return doc[k].text in {".", ")", ";", ":"}


def _can_contain(outer: Mention, inner: Mention) -> bool:
    units = [e for e, _ in outer.entries if e.feature != "city"] or [e for e, _ in outer.entries]
    return any(_contains(u, e) for u in units[:30] for e, _ in inner.entries[:60])


def _after_unknown_name(doc: Doc, m: Mention, by_start: dict[int, Mention]) -> bool:
    """'near Zolote-5, Luhansk.': a name we do not know, then this one closing the phrase."""
    if m.start < 2 or doc[m.start - 1].text not in {",", "("}:
        return False
    name = doc[m.start - 2]
    if not (_starts_name(name) or (name.text[:1].isdigit() and doc[m.start - 3].text == "-")):
        return False
    if any(o.start <= name.i < o.end and not o.partial for o in by_start.values()):
        return False  # a known place; "Mejia" in "Ramos Mejia" is only part of a name
    k = m.end
    while k < len(doc) and doc[k].idx < _end_char(doc, m):
        k += 1
    if k >= len(doc) or doc[k].is_sent_start:
        return True
    nxt = doc[k]
    if nxt.text in {".", ")", ";", ":"}:
        return True
    return nxt.text == "," and not (k + 1 < len(doc) and _starts_name(doc[k + 1]))


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


def _score(
    m: Mention, e: Entry, main: bool, focus: dict[str, float], anchors: list[Entry]
) -> float:
    """How well one index entry fits one mention; the highest wins."""
    score = _FEATURE_BASE[e.feature]
    if e.feature == "city":
        score += 0.7 * math.log10(e.population + 10)
    elif e.feature in {"admin1", "admin2"} and not m.container_pos and _has_namesake_town(m, e):
        score -= 3.0  # a unit named after its town: the bare name means the town
    if e.feature != "city":
        score += 0.01 * math.log10(e.population + 10)  # two units of one name: the bigger
    score += 0.5 if main else 0.0
    if m.hint is not None:
        wanted = {"admin1": {"admin1", "region"}, "admin2": {"admin2"}, "city": {"city"}}
        score += 7.0 if e.feature in wanted[m.hint] else -1.0
    if m.container_pos and e.feature in {"admin1", "region"}:
        score += 5.0
    elif m.container_pos and e.feature == "country":
        score += 4.0  # "(Borgu LGA, Niger)": after a district comes its state, not a country
    elif m.container_pos and e.feature == "admin2":
        score += 3.0
    if (
        m.inner
        and e.feature != "city"
        and any(
            _contains(e, x) and _SPECIFICITY[x.feature] < _SPECIFICITY[e.feature]
            for inner in m.inner
            for x, _ in inner.entries[:60]
        )
    ):
        score += 6.0  # "Atlanta, Georgia": the Georgia that holds an Atlanta
        # (a unit, not a town nearby: "near Pivdenne, Donetsk" names the oblast)
    if e.feature == "country" and not main:
        score -= 3.0  # "Gaza Strip" is also listed as a name of Palestine
    if e.feature == "admin1" and any(
        p.choice is not None and p.choice.feature == "admin1" and p.choice.cc == e.cc
        for p in m.peers
    ):
        score += 4.0  # "Uttar Pradesh, Bihar, Madhya Pradesh and Odisha": states, not towns
    if e.cc and focus:
        score += 3.0 * focus.get(e.cc, 0.0)
    held_by = [*m.containers, m.orphan_in] if m.orphan_in is not None else m.containers
    for unit in (c.choice for c in held_by):
        if unit is not None:
            score += 8.0 if _contains(unit, e) else -2.0
    towns = [a for a in anchors if a.feature in {"city", "admin2"}]
    if towns and e.feature in {"city", "admin2"}:
        dist = min(haversine_km(a.lat, a.lon, e.lat, e.lon) for a in towns)
        score += 3.0 if dist < 50 else 2.0 if dist < 150 else 1.0 if dist < 400 else 0.0
    units = [a for a in anchors if a.feature in {"admin1", "region"} and a.radius_km]
    if units and e.feature == "city" and any(_contains(u, e) for u in units):
        score += 1.5  # inside a region or province the article also names ("Donbass")
    return score


def _building_name(m: Mention) -> bool:
    """A town name inside a building's name ("Drama Theater"), with no locative word before."""
    return (
        m.facility
        and m.choice is not None
        and m.choice.feature == "city"
        and (not m.cue or m.label == "FAC")  # the NER's FAC names the building here
    )


def _foreign_building(m: Mention, mentions: list[Mention]) -> bool:
    """'Mariupol Drama Theater': a building named after a town abroad (Drama, Greece)."""
    if not _building_name(m) or m.choice is None:
        return False
    return any(
        o is not m
        and o.choice is not None
        and o.choice.cc not in (m.choice.cc, None)
        and o.main
        and not _building_name(o)
        and (o.cue or o.choice.feature != "city" or o.choice.population >= 20_000)
        for o in mentions
    )


def _has_namesake_town(m: Mention, unit: Entry) -> bool:
    """A sizeable town of the same name inside the unit ('Kharkiv' the city, not the oblast)."""
    return any(
        o.feature == "city"
        and o.cc == unit.cc
        and o.a1code == unit.a1code
        and o.population >= 10_000
        for o, _ in m.entries
    )


def _focus_shares(counts: Counter) -> dict[str, float]:
    """Each country's share of the evidence; one lone mention gives at most half."""
    top = max(counts.values(), default=0)
    return {cc: n / max(top, 2) for cc, n in counts.items() if cc} if top else {}


def _choice_counts(focus: Counter, mentions: list[Mention]) -> Counter:
    """Country evidence of the resolved mentions; a town named twice is one piece of it."""
    counts = Counter(focus)
    seen: set[tuple[str, str | None]] = set()
    for m in mentions:
        cc = m.choice.cc if m.choice else None
        if m.choice is not None and m.choice.feature != "country":
            if (m.key, cc) in seen:
                continue
            seen.add((m.key, cc))
        counts[cc] += _weight(m)
    return counts


def _acting_state(m: Mention) -> bool:
    return m.agent and m.choice is not None and m.choice.feature == "country"


def _weight(m: Mention) -> int:
    """How much one mention says about the article's country focus."""
    if m.choice is None or not m.choice.cc:
        return 0
    # a state as modifier or actor ("Britain bombed ... Hodeidah") says less about the scene
    return 2 if m.choice.feature == "country" and not m.modifier and not m.agent else 1


def _choose(m: Mention, shares: dict[str, float], anchors: list[Entry]) -> None:
    best = max(
        ((e, main, _score(m, e, main, shares, anchors)) for e, main in m.entries),
        key=lambda es: es[2],
    )
    m.choice, m.main, m.score = best


def _area_anchors(doc: Doc, gaz: Gazetteer, lex: Lexicon) -> list[Entry]:
    """Regions implied by the bodies an article names ("the DPR", "the OSCE SMM")."""
    if lex.area_cues is None:
        return []
    names = {lex.area_cue_region[m.group(1)] for m in lex.area_cues.finditer(doc_text(doc))}
    if not names:
        return []
    found = gaz.lookup(fold(n) for n in names)
    return [
        e
        for n in names
        for e, main in found.get(fold(n), [])
        if main and e.feature == "region" and e.radius_km
    ]


def _resolve(
    mentions: list[Mention],
    focus: Counter,
    areas: list[Entry] | None = None,
    cues: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Resolve every mention; return those the evidence supports.

    First pass: containers first, country focus from countries, demonyms and names found in
    one country only. Unsupported matches are then dropped from the focus, and a second pass
    adds nearness to the places already chosen.
    """
    counts = Counter(focus)
    for m in mentions:
        ccs = {e.cc for e, _ in m.entries if e.cc}
        if len(ccs) == 1:
            counts[next(iter(ccs))] += 1
    order = sorted(mentions, key=lambda m: (not m.container_pos, m.start))
    shares = _focus_shares(counts)
    areas = areas or []
    for m in order:
        _choose(m, shares, areas)
    counts = _choice_counts(focus, mentions)
    kept = [
        m for m in mentions if _supported(m, _shares_without(counts, m), _alone(mentions, m), cues)
    ]
    counts = _choice_counts(focus, kept)
    shares = _focus_shares(counts)
    # One anchor per distinct place and name: a list of 2,500 repeated names must not make
    # every mention compare itself with every other one.
    distinct = {
        (o.key, o.choice.feature, o.choice.lat, o.choice.lon): (o.key, o.choice)
        for o in kept
        if o.choice is not None and o.choice.feature in {"city", "admin2", "admin1", "region"}
    }
    for m in order:
        anchors = [choice for key, choice in distinct.values() if key != m.key]
        _choose(m, shares, anchors + areas)
    kept = [
        m
        for m in mentions
        if _supported(m, _shares_without(counts, m), _alone(kept, m), cues)
        and not _outside_containers(m)
        and not _foreign_building(m, mentions)
        and not _outside_areas(m, areas)
    ]
    return [m for m in kept if not _stray_subplace(m, kept) and not _far_alias(m, kept)]


def _outside_areas(m: Mention, areas: list[Entry]) -> bool:
    """'The OSCE SMM observed explosions near Viktorivka': the monitors work in Donbas only,
    so a village of that name near Odesa is not the one meant (the index lacks it)."""
    e = m.choice
    if not areas or e is None or e.feature != "city":
        return False
    abroad = all(a.cc != e.cc for a in areas)  # "near Mine 6/7" is no town in Japan
    if e.population >= (100_000 if abroad else 20_000):
        return False
    if m.containers or m.orphan_in is not None:
        return False  # a unit named with it says where it is
    return all(haversine_km(a.lat, a.lon, e.lat, e.lon) > (a.radius_km or 0) for a in areas)


def _far_alias(m: Mention, kept: list[Mention]) -> bool:
    """'police fired near Rampura' in a Dhaka story: not Rangpur, 300 km away, of which
    'Rampura' is only an old alternate name. A town matched by another place's alias must lie
    near the towns the article names in its country; a name the index lacks (a neighbourhood)
    is dropped rather than snapped to a distant town."""
    e = m.choice
    if e is None or m.main or e.feature != "city" or m.containers or m.hint == "city":
        return False
    if not any(main and not _contains(o, e) for o, main in m.entries):
        return False  # "Mogilev": the English name of a town and its province, no other's
    if difflib.SequenceMatcher(None, m.key, fold(e.name)).ratio() >= 0.8:
        return False  # "Basra" for Basrah: a spelling of the town's name, not another name
    towns = [
        o.choice
        for o in kept
        if o is not m
        and o.key != m.key
        and o.main
        and o.choice is not None
        and o.choice.feature in {"city", "admin2"}
        and o.choice.cc == e.cc
    ]
    return bool(towns) and all(
        haversine_km(t.lat, t.lon, e.lat, e.lon) > _FAR_ALIAS_KM for t in towns
    )


def _stray_subplace(m: Mention, kept: list[Mention]) -> bool:
    """'in Manaus, Amazonas ... Grande Vitoria neighborhood': not the Vitoria 2,800 km away."""
    if m.choice is None:
        return False
    host = m.host.choice if m.host is not None else None
    if (
        m.host is not None
        and host is not None
        and m.choice.feature == "city"
        and host.feature in {"city", "admin2"}
        and haversine_km(host.lat, host.lon, m.choice.lat, m.choice.lon) > 40
    ):
        if m.hint == "admin2":
            # "the city's Kyivskyi district" in Odesa: not Kyivskyi near Donetsk
            return m.host in kept
        # "Lima-La Victoria": a quarter of Lima, not the Venezuelan town; two towns of like
        # size ("Beirut-Damascus highway") are a road's ends
        return host.cc != m.choice.cc or host.population >= 10 * m.choice.population
    if m.hint == "admin2" and m.choice.feature == "city" and m.following in kept:
        # "Kyiv District, Donetsk": a district of the town named next, not Kyiv itself
        town = m.following.choice
        return (
            town is not None
            and haversine_km(town.lat, town.lon, m.choice.lat, m.choice.lon) > 40
            # "Ghoryan district, Herat": Herat names the province holding Ghoryan
            and (town.cc, town.a1code) != (m.choice.cc, m.choice.a1code)
        )
    if not m.subplace or _big_town(m):
        return False  # "Vila Velha" is a city of 400,000, whatever its first word says
    others = [
        o.choice
        for o in kept
        if o is not m
        and o.sent == m.sent
        and o.choice is not None
        and (not o.subplace or _big_town(o))
    ]  # another part of town ("Boa Vista community") says nothing about this one
    towns = [o for o in others if o.feature in {"city", "admin2"}]
    units = [o for o in others if o.feature == "admin1"]
    if not towns and not units:
        return False
    near = any(haversine_km(t.lat, t.lon, m.choice.lat, m.choice.lon) <= 40 for t in towns)
    return not near and not any(_contains(u, m.choice) for u in units if not towns)


def _big_town(m: Mention) -> bool:
    """A city's own name that only starts with a part-of-town word ('Vila Velha')."""
    words = m.key.split()
    return (
        len(words) > 1
        and words[0] in get_lexicon().subplace_before
        and m.main
        and m.choice is not None
        and m.choice.population >= 100_000
    )


def _alone(mentions: list[Mention], m: Mention) -> bool:
    """No other place of the article points to another country (demonyms aside)."""
    own = m.choice.cc if m.choice is not None else None
    return all(
        o is m or o.choice is None or o.choice.cc in (own, None) or _acting_state(o)
        for o in mentions
    )


def _shares_without(counts: Counter, m: Mention) -> dict[str, float]:
    """Focus shares as the rest of the article sees them (a name is no evidence for itself)."""
    rest = Counter(counts)
    if m.choice is not None and m.choice.cc:
        rest[m.choice.cc] -= _weight(m)
    rest.pop(None, None)
    return _focus_shares(+rest)


def _head_of_conjuncts(tok: Token) -> Token:
    """'the United States and Britain bombed': Britain shares the first conjunct's role."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok


def _role(doc: Doc, m: Mention, entry: Entry, lex: Lexicon) -> str:
    """'metonym' for a capital or country standing for its government."""
    is_capital = lex.capitals.get(m.key) == entry.cc and entry.feature == "city"
    if not is_capital and entry.feature != "country":
        return "location"
    if m.hint is not None:
        return "location"
    head = doc[m.end - 1]
    if head.dep_ == "poss" and _names_place_part(head.head, lex):
        return "location"  # "Beirut's Hamra district", "Kyiv's suburbs": part of the town
    head = _head_of_conjuncts(head)
    if head.dep_ in _METONYM_DEPS:
        return "metonym"
    if head.dep_ == "pobj" and head.head.lower_ in _METONYM_PREPS and is_capital:
        return "metonym"
    return "location"


def _names_place_part(tok: Token, lex: Lexicon) -> bool:
    """Whether a possessed noun is a part of a place (district, suburbs, airport, streets)."""
    word = tok.lower_
    singular = tok.lemma_.lower()
    parts = lex.city_after | lex.near_after | lex.subplace_after | lex.admin2_after
    return word in parts or singular in parts or singular in lex.facility_after


def _unit_is_scene(doc: Doc, m: Mention, lex: Lexicon) -> bool:
    """'fighting in Kherson Oblast': the unit is the scene, not the home of a place named
    before it ('Zaghniya village in Diyala province', 'Kigamba commune (Cankuzo)')."""
    if m.container_pos:
        return False
    i = m.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 0 or doc[i].lower_ not in {"in", "across", "throughout", "around", "at", "into"}:
        return False
    before = doc[i - 1] if i > 0 else None
    if before is None or before.is_punct:
        return True
    parts = lex.city_after | lex.admin2_after | lex.near_after | lex.subplace_after
    if before.lower_ in parts:
        return False
    # an unknown name right before ("Kagara in Niger State"), unless it names a body or person
    return (
        not _starts_name(before)
        or before.ent_type_ in {"PERSON", "ORG", "NORP", "FAC"}
        or before.lower_ in english_words(("noun",))  # "the National Police in ..."
    )


def _to_place(doc: Doc, m: Mention, gaz: Gazetteer, lex: Lexicon) -> Place:
    entry = m.choice
    assert entry is not None
    start = doc[m.start].idx
    end = doc[m.end - 1].idx + len(doc[m.end - 1].text) + m.end_char_extra
    text = doc_text(doc)
    country = gaz.country(entry.cc)
    admin1 = entry.admin1 if entry.feature != "country" else None
    lat, lon = entry.lat, entry.lon
    if entry.feature == "region":
        unit = gaz.admin1_named(entry.cc, entry.name)  # "Rakhine State", "Cabo Delgado"
        admin1 = unit.name if unit is not None else None
    if entry.cc in lex.district_first_level and entry.feature in {"city", "admin2"}:
        district = entry.admin2 if entry.feature == "city" else entry.name
        if district:  # "Gulu District" is Uganda's first-level unit, not "Northern Region"
            admin1 = re.sub(r"\s+District$", "", district)
    if entry.feature == "admin1":
        admin1 = entry.name
        if (
            entry.seat_lat is not None
            and entry.seat_lon is not None
            and _unit_is_scene(doc, m, lex)
        ):
            # named as the place itself ("in Kherson Oblast"): ACLED's point is the capital;
            # a unit that only holds an unknown village keeps its centre
            lat, lon = entry.seat_lat, entry.seat_lon
        elif (
            m.container_pos
            and entry.radius_km is not None
            and entry.radius_km <= 60
            and not (m.end < len(doc) and doc[m.end].lower_ in lex.near_after)
        ):
            # "Abu Salim (Tripoli)": a small unit that is mostly its city locates the
            # unknown quarter at the city, not at the unit's centre
            town = max(
                (
                    e
                    for e, _ in m.entries
                    if e.feature == "city" and e.cc == entry.cc and e.a1code == entry.a1code
                ),
                key=lambda e: e.population,
                default=None,
            )
            if town is not None and town.population >= 100_000:
                lat, lon = town.lat, town.lon
    return Place(
        mention=text[start:end],
        start=start,
        end=end,
        name=entry.name,
        feature=entry.feature,
        iso=entry.cc,
        latitude=lat,
        longitude=lon,
        geonameid=entry.geonameid,
        country=country.name if country else None,
        admin1=admin1,
        admin2=entry.admin2 if entry.feature in {"city", "admin2"} else None,
        radius_km=entry.radius_km,
        role=_role(doc, m, entry, lex),
    )


def extract_places(doc: Doc, article: Article) -> list[Place]:
    """Every toponym of the article, resolved, in text order."""
    gaz = get_gazetteer()
    lex = get_lexicon()
    mentions, focus, cues = _find_mentions(doc, gaz, lex)
    _unit_hints(doc, mentions, lex)
    _link_containers(doc, mentions, lex)
    _link_peers(doc, mentions)
    kept = _resolve(mentions, focus, _area_anchors(doc, gaz, lex), cues)
    return [_to_place(doc, m, gaz, lex) for m in kept]


def _outside_containers(m: Mention) -> bool:
    """'Novopavlivka, Kharkiv Oblast' with no such town in Kharkiv: an unknown village."""
    unit = m.orphan_in.choice if m.orphan_in is not None else None
    if (
        unit is not None
        and m.choice is not None
        and not _contains(unit, m.choice)
        and m.choice.population < 100_000
    ):
        return True
    units = [c.choice for c in m.containers if c.choice is not None]
    return bool(units) and m.choice is not None and not any(_contains(u, m.choice) for u in units)


@dataclass
class LocationChoice:
    """The place that governs an event, with ACLED's geo_precision and its evidence."""

    place: Place
    geo_precision: int  # 1 the town itself, 2 near / part of it, 3 only the region known
    evidence_start: int
    evidence_end: int


def _precision(doc: Doc, place: Place, lex: Lexicon) -> int:
    if place.feature == "region" and place.radius_km is not None and place.radius_km <= 10:
        return 1  # a site named as such (Snake Island, a power plant)
    if place.feature in {"admin1", "region", "country"}:
        return 3
    if place.feature == "admin2":
        return 2
    before = " ".join(doc_text(doc)[max(0, place.start - 40) : place.start].lower().split()[-4:])
    after = doc_text(doc)[place.end : place.end + 20].lower().split()[:2]
    if _ends_with_phrase(before, lex.near_before) or _ends_with_phrase(before, lex.part_before):
        return 2
    if after and (after[0].strip(",.;") in lex.near_after or " ".join(after) in lex.near_after):
        return 2
    return 1


def _paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _is_container(text: str, place: Place, located: list[Place]) -> bool:
    """'Binga (Lisala, Mongala)', 'Opytne, Donetsk': a unit named only to locate the place before.

    Such a name is never the event's own place while the place it locates is known, even
    when it is a town itself (ACLED's bracketed district is often named after its seat).
    """
    before = [q for q in located if q.end <= place.start and q is not place]
    if not before:
        return False
    prev = max(before, key=lambda q: q.end)
    between = text[prev.end : place.start].strip()
    words = between.rstrip(",").split()
    seat = len(words) == 1 and between.endswith(",") and words[0].lower() in seat_words()
    if between not in {"(", ","} and not seat:
        return False
    if place.iso != prev.iso:
        return False
    if place.feature in {"admin1", "region", "country"}:
        return True
    if place.feature == "admin2" or _is_container(text, prev, located):
        return True  # the second name inside brackets
    if text[prev.end : place.start].strip() == "(":
        # "Hays district in western Yemen (Al Hudaydah)": a bracket after a place locates it
        return prev.feature == "country" or (
            prev.feature in {"city", "admin2"}
            and bool(place.admin1)
            and place.admin1 == prev.admin1
        )  # but "Punjab (Lahore)" names the town inside the province
    return False


def seat_words() -> frozenset[str]:
    """Words naming a district's seat or a part of a place, allowed between two names."""
    lex = get_lexicon()
    return lex.seat_after | lex.near_after


def _is_reference(text: str, place: Place) -> bool:
    """'west of Marib city', '10 km from Kherson': a point that locates another place."""
    before = " ".join(text[max(0, place.start - 40) : place.start].lower().split()[-4:])
    return _ends_with_phrase(before, get_lexicon().reference_before) is not None


def _is_anchored(text: str, place: Place, located: list[Place]) -> bool:
    """'in Sain Alto, Zacatecas': a place a unit named right after locates, as coders write
    the place of an event (later bare names are often hamlets inside it)."""
    after = [q for q in located if q.start >= place.end and q is not place]
    if not after or place.feature not in {"city", "admin2"}:
        return False
    nxt = min(after, key=lambda q: q.start)
    return _is_container(text, nxt, located) and not _is_container(text, place, located)


def _pick(candidates: list[Place], start: int, end: int, text: str = "") -> Place | None:
    if not candidates:
        return None
    # a reference point ("west of Marib city") yields only to another town or district
    local = any(
        p.feature in {"city", "admin2"}
        and not _is_reference(text, p)
        and not _is_container(text, p, candidates)
        for p in candidates
    )
    return min(
        candidates,
        key=lambda p: (
            p.feature == "country",  # a town or unit named in brackets after it is more precise
            _is_container(text, p, candidates),
            local and _is_reference(text, p),
            not _is_anchored(text, p, candidates),
            _SPECIFICITY.get(p.feature, 5),
            min(abs(p.start - end), abs(start - p.end)),
        ),
    )


def _names_site(doc: Doc, place: Place, lex: Lexicon) -> bool:
    """A town named only as part of a site's name ("the Zaporizhzhia nuclear plant")."""
    if place.feature != "city":
        return False
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in {"in", "near", "at", "outside", "into"}:
        return False  # "a hospital in Kharkiv city": the town itself
    return _facility_word_after(doc, span.end, lex) is not None


def _main_place(places: list[Place]) -> Place | None:
    """The article's main place: its most named town or unit, else its most named country."""
    located = [p for p in places if p.role == "location"]
    for features in ({"city", "admin2"}, {"admin1", "region"}, {"country"}):
        group = [p for p in located if p.feature in features]
        if group:
            counts = Counter((p.name, p.iso) for p in group)
            name, iso = counts.most_common(1)[0][0]
            return next(p for p in group if (p.name, p.iso) == (name, iso))
    return None


def location_for_span(doc: Doc, places: list[Place], start: int, end: int) -> LocationChoice | None:
    """The place governing an event whose trigger spans [start, end).

    Looks in the trigger's sentence, then the earlier sentences of its paragraph (nearest
    first), then the article's main place; prefers the most specific place and never a
    metonym ("Kyiv said").
    """
    lex = get_lexicon()
    located = [p for p in places if p.role == "location"]
    if not located:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    sent = span.sent if span is not None and len(span) else None
    choice: Place | None = None
    if sent is not None:
        choice = _pick(
            [p for p in located if sent.start_char <= p.start < sent.end_char],
            start,
            end,
            doc_text(doc),
        )
        if choice is None:
            para_start, _ = _paragraph_bounds(doc_text(doc), start)
            for prev in reversed(list(doc[: sent.start].sents) if sent.start else []):
                if prev.end_char <= para_start:
                    break
                choice = _pick(
                    [p for p in located if prev.start_char <= p.start < prev.end_char],
                    start,
                    end,
                    doc_text(doc),
                )
                if choice is not None:
                    break
    if choice is not None and _names_site(doc, choice, lex):
        # "across the river from the Zaporizhzhia nuclear plant": the plant's town is no
        # scene while the story names another town
        other = _main_place([p for p in places if not _names_site(doc, p, lex)])
        choice = other or choice
    if choice is None:
        choice = _main_place([p for p in places if not _names_site(doc, p, lex)])
        choice = choice or _main_place(places)
    if choice is None:
        return None
    return LocationChoice(
        place=choice,
        geo_precision=_precision(doc, choice, lex),
        evidence_start=choice.start,
        evidence_end=choice.end,
    )


def admin_names_for_point(lat: float, lon: float, iso: str | None) -> tuple[str | None, str | None]:
    """(admin1, admin2) of the populated place nearest to a point, if one lies within 60 km."""
    entry = get_gazetteer().nearest_city(lat, lon, iso)
    if entry is None:
        return None, None
    return entry.admin1, entry.admin2
