"""The place lexicon: word lists and cue tables from gazetteer/ and ontology/, read once.

Every other places module reads its words through ``get_lexicon``; nothing here looks at a Doc.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from frontwire.gazetteer.fold import fold
from frontwire.ontology.tables import load_lines, load_table

_NAME_WORD_LISTS = (
    "connectors",
    "name_particles",
    "inner_particles",
    "weak_locatives",
    "arabic_articles",
)

#: Small words read around names (``gazetteer/name_words.json`` says what each list is for).
_WORDS = load_table("name_words.json", "gazetteer", required=_NAME_WORD_LISTS)

#: Keys of ``gazetteer/admin_terms.json`` the lexicon cannot do without.
_REQUIRED_TERMS = (
    "admin1_after",
    "admin2_after",
    "city_after",
    "near_after",
    "admin1_before",
    "admin2_before",
    "city_before",
    "near_before",
    "region_part_before",
    "subplace_after",
    "subplace_before",
    "locative_before",
)

MAX_NAME_TOKENS = 8
#: Lower-case words allowed inside a multi-word name ("Rostov-on-Don", "Rio de Janeiro").
_CONNECTORS = frozenset(_WORDS["connectors"])
#: Particles that put a capitalised word inside a person's name ("Ursula von der Leyen").
_NAME_PARTICLES = frozenset(_WORDS["name_particles"])
#: Lower-case particles that glue a name to the next word: a match right before one is only
#: the first part of a longer name. English words ("as", "at", "an", "on", "of") are left out.
_INNER_PARTICLES = frozenset(_WORDS["inner_particles"])
_FAR_ALIAS_KM = 150.0
_SPECIFICITY = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4}
_FEATURE_BASE = {"country": 7.0, "region": 4.5, "admin1": 3.5, "admin2": 2.0, "city": 0.0}
_WEAK_LOCATIVE = frozenset(_WORDS["weak_locatives"])
_ARABIC_ARTICLES = frozenset(_WORDS["arabic_articles"])
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
    contact_lines: tuple[ContactLine, ...] = ()
    resident_before: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactLine:
    """A front line some bodies report from only (``gazetteer/contact_lines.json``)."""

    name: str
    cues: re.Pattern[str]
    points: tuple[tuple[float, float], ...]
    buffer_km: float


def _contact_lines() -> tuple[ContactLine, ...]:
    table = load_table("contact_lines.json", "gazetteer").get("lines", {})
    lines = []
    for name, rec in table.items():
        cues = _phrase_pattern(rec.get("cues", []))
        points = tuple((float(lat), float(lon)) for lat, lon in rec.get("points", []))
        if cues is not None and len(points) >= 2:
            lines.append(ContactLine(name, cues, points, float(rec.get("buffer_km", 10))))
    return tuple(lines)


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    terms = load_table("admin_terms.json", "gazetteer", required=_REQUIRED_TERMS)
    countries = load_table("demonyms.json")
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for cc, rec in countries.get("countries", {}).items():
        for word in rec.get("demonyms", []):
            if len(word) > 3:  # "US" is a country name, not a demonym
                demonyms[fold(word)] = cc
        for cap in rec.get("capitals", []):
            capitals[fold(cap).removeprefix("the ")] = cc
    cue_cc = _focus_cues()
    variants = load_table("spelling_variants.json", "gazetteer")
    area_cues: dict[str, str] = load_table("focus_cues.json", "gazetteer").get("area_cues", {})
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
        stopnames=frozenset(load_lines("stopnames.txt", "gazetteer")),
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
        contact_lines=_contact_lines(),
        resident_before=tuple(terms.get("resident_before", [])),
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
    actors = load_table("actors.json")  # with the user's FRONTWIRE_ACTORS_FILE merged
    for actor in actors.get("actors", []):
        cc = actor.get("iso")
        if not cc:
            continue
        for alias in actor.get("aliases", []):
            # a lower-case alias ("separatists") is a common word; two letters are too short
            if len(alias) >= 3 and any(ch.isupper() for ch in alias):
                owners.setdefault(alias, set()).add(cc)
    extra = load_table("focus_cues.json", "gazetteer")
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
