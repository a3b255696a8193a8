"""The claims lexicon (reporting verbs, channels, organisation words) from ontology/, read once,
and the quote marks and dependency sets the other claims modules share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from frontwire.ontology.tables import load_table

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
TRIM_TAIL = " \t\n,;:"
ISO_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")

#: Dependency relations that start a clause of their own: not part of the speech act.
CLAUSE_DEPS = frozenset(
    {"advcl", "conj", "ccomp", "xcomp", "relcl", "acl", "parataxis", "csubj", "dep", "pcomp"}
)
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "several", "two", "three"})


# --------------------------------------------------------------------------- lexicons


def _load(name: str) -> dict[str, Any]:
    return load_table(name)


@dataclass(frozen=True)
class _Lexicon:
    """The three tables this module reads, loaded once."""

    verbs: dict[str, dict[str, Any]]
    according: frozenset[str]
    channels: list[tuple[tuple[str, ...], str, int]]  # phrase words, label, rank (longest first)
    #: The same phrases keyed by their first word, so a token is checked only against its own.
    channels_by_first: dict[str, list[tuple[tuple[str, ...], str, int]]]
    person_nouns: frozenset[str]
    org_nouns: frozenset[str]
    generic: dict[str, frozenset[str]]
    titles: frozenset[str]
    particles: frozenset[str]
    pronouns: dict[str, list[str]]
    #: Lower-case words of country names, demonyms and capitals: "American" and "US" in
    #: "the American president" / "US President Joe Biden" say the same thing.
    country_words: dict[str, frozenset[str]]  # word -> ISO codes
    #: Title and role words that tell "he" from "she" (Mr, spokeswoman).
    gendered: dict[str, str]
    #: One-word channels ("report", "statement"): a subject that is one stands for its author.
    channel_nouns: frozenset[str]
    #: Words that tell no speaker from another ("the new prime minister").
    nondistinctive: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    verbs = _load("reporting_verbs.json")
    channels = _load("channels.json")["channels"]
    roles = _load("speaker_roles.json")
    phrases = [
        (tuple(p.split()), c["label"], int(c["rank"])) for c in channels for p in c["phrases"]
    ]
    phrases.sort(key=lambda item: -len(item[0]))
    by_first: dict[str, list[tuple[tuple[str, ...], str, int]]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0][0], []).append(phrase)
    return _Lexicon(
        verbs=verbs["verbs"],
        according=frozenset(verbs["according_to"]),
        channels=phrases,
        channels_by_first=by_first,
        person_nouns=frozenset(roles["person"]),
        org_nouns=frozenset(roles["organization"]),
        generic={kind: frozenset(words) for kind, words in roles["generic"].items()},
        titles=frozenset(roles["titles"]),
        particles=frozenset(roles["name_particles"]),
        pronouns=roles["pronouns"],
        country_words=_country_words(_load("demonyms.json")),
        gendered={w: p for p, words in roles.get("gendered", {}).items() for w in words},
        channel_nouns=frozenset(words[0] for words, _, _ in phrases if len(words) == 1),
        nondistinctive=frozenset(roles.get("nondistinctive", [])),
    )


def _country_words(demonyms: dict[str, Any]) -> dict[str, frozenset[str]]:
    """Each one-word country name, demonym or capital, with the countries it names."""
    codes: dict[str, set[str]] = {}
    for iso, entry in demonyms["countries"].items():
        for key in ("names", "demonyms", "capitals"):
            for name in entry.get(key, []):
                if " " not in name:
                    codes.setdefault(name.lower(), set()).add(iso)
    return {word: frozenset(isos) for word, isos in codes.items()}


@lru_cache(maxsize=1)
def reporting_lemmas() -> frozenset[str]:
    """The one-word reporting verbs ("say", "claim", "report"), as lemmas."""
    return frozenset(v for v in _load("reporting_verbs.json")["verbs"] if " " not in v)


@lru_cache(maxsize=1)
def speech_forms() -> frozenset[str]:
    """Inflected forms of the one-word reporting verbs ("said", "added", "emphasizes"), for
    reading dash speech from the text alone: "... - said Biden" closes a quote."""
    table = _load("reporting_verbs.json")
    forms: set[str] = set()
    for lemma in table["verbs"]:
        if " " in lemma:
            continue
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {lemma, f"{stem}ed", f"{lemma}s", f"{lemma}es"}
        if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            forms |= {f"{lemma[:-1]}ied", f"{lemma[:-1]}ies"}
    for irregular in table.get("irregular_forms", {}).values():
        forms |= set(irregular)
    return frozenset(forms)
