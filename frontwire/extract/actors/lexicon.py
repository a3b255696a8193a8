"""The actor lexicon: actors.json (and a user's FRONTWIRE_ACTORS_FILE) merged once, matchers
compiled once, plus the dependency sets and per-doc keys the other actors modules share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from frontwire.extract.context import per_doc
from frontwire.ontology.tables import load_table

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"

#: Dependency labels under which a country or capital name acts rather than locates.
ACTING_DEPS = {"nsubj", "nsubjpass", "dobj", "poss", "agent", "dative"}
#: Prepositions after which a country name is an actor ("by Kyiv", "against Russia").
ACTING_PREPS = {"by", "against", "with", "between", "for", "from"}
NOUN_POS = {"NOUN", "PROPN", "PRON"}
#: Cache key (in the article context) under which Lexicon.gang_marked keeps its answer.
GANG_KEY = "frontwire_gang_marked"
#: Cache key under which _claimant keeps the subjects of a Doc's "X claimed the attack" verbs.
CLAIMANTS_KEY = "frontwire_claimant_subjects"
#: Prepositions that introduce the target of an attack ("fired at", "shelling on").
TARGET_PREPS = ("on", "against", "at", "upon", "targeting", "into", "toward", "towards")


# ---------------------------------------------------------------------------------------
# The actor lexicon: data files merged once, matchers compiled once


@dataclass(frozen=True)
class Entry:
    """One named actor of the dictionary."""

    name: str
    inter: int | None
    iso: str | None
    kind: str
    scoped: bool = False  # a unit name ("Military Police") that only holds in its country
    travels: bool = False  # a name that means this actor abroad too ("Akhmat" in Ukraine)


@dataclass(frozen=True)
class Template:
    """A generic noun ("civilians", "police") named with the country from context."""

    name: str
    fallback: str
    inter: int
    kind: str

    def render(self, country: str | None) -> str:
        if country:
            return self.name.replace("{country}", country)
        return self.name.replace(" ({country})", "").replace("{country}", "").strip()


class CommunityTable:
    """Words that name identity militias (``community_militias`` in actors.json)."""

    def __init__(self, data: dict[str, Any], derived: dict[str, Any]):
        self.strong = frozenset(data.get("strong_nouns", []))
        self.weak = frozenset(data.get("weak_nouns", []))
        self.kin: dict[str, str] = dict(data.get("kin_nouns", {}))
        self.modifiers = frozenset(data.get("modifiers", []))
        self.ethnic = frozenset([*data.get("ethnic_groups", []), *derived.get("ethnic_groups", [])])
        self.not_names = frozenset(data.get("not_names", []))


class Lexicon:
    """Actor names, templates, country words and role verbs, with compiled matchers."""

    def __init__(self, data: dict[str, Any], derived: dict[str, Any], demonyms: dict[str, Any]):
        self.countries: dict[str, dict[str, str]] = dict(derived.get("countries", {}))
        self._country_words: dict[str, tuple[str, str]] = {}
        for iso, info in demonyms["countries"].items():
            merged = self.countries.setdefault(iso, {})
            merged.setdefault("country", info["country"])
            for word in info["names"]:
                self._country_words[word] = (iso, "name")
            for word in info["demonyms"]:
                self._country_words.setdefault(word, (iso, "demonym"))
            for word in info["capitals"]:
                self._country_words.setdefault(word, (iso, "capital"))
        for iso, names in data.get("countries", {}).items():
            self.countries.setdefault(iso, {}).update(names)
        self.aliases: dict[str, list[Entry]] = {}
        for item in [*derived.get("actors", []), *data.get("actors", [])]:
            kind = item.get("kind") or _kind_of(item["name"], item.get("inter"))
            scoped = bool(item.get("iso")) and item["name"].startswith(
                ("Military Forces of", "Police Forces of", "Government of")
            )
            travels = bool(item.get("travels"))  # a unit fighting abroad by its own name
            entry = Entry(
                item["name"],
                item.get("inter"),
                item.get("iso"),
                kind,
                scoped and not travels,
                travels,
            )
            for alias in [*item.get("aliases", []), item["name"]]:
                bucket = self.aliases.setdefault(alias, [])
                # a later file overrides an earlier entry for the same alias and country
                bucket[:] = [e for e in bucket if e.iso != entry.iso]
                bucket.insert(0, entry)
        self.templates = {
            key: Template(t["name"], t.get("fallback", t["name"]), t["inter"], t["kind"])
            for key, t in data["templates"].items()
        }
        self._template_terms = {
            term.lower(): key for key, t in data["templates"].items() for term in t["terms"]
        }
        self.template_terms = set(self._template_terms)
        self.template_keys = dict(self._template_terms)
        self.weak_terms = {t.lower() for t in data.get("weak_terms", [])}
        self.group_nouns = {t.lower() for t in data.get("group_nouns", [])}
        self.force_modifiers = {t.lower() for t in data.get("force_modifiers", [])}
        self.dyads = [tuple(pair) for pair in data.get("dyads", [])]
        self.self_terms = [t.lower() for t in data.get("self_terms", [])]
        self.enemy_terms = [t.lower() for t in data.get("enemy_terms", [])]
        self.protest_lemmas = set(data.get("protest_lemmas", []))
        self.military_strike_modifiers = {
            t.lower() for t in data.get("military_strike_modifiers", [])
        }
        self.riot_lemmas = set(data.get("riot_lemmas", []))
        self.violent_lemmas = set(data.get("violent_lemmas", []))
        self.clash_lemmas = set(data.get("clash_lemmas", []))
        self.crowd_nouns = {t.lower() for t in data.get("crowd_nouns", [])}
        self.place_nouns = {t.lower() for t in data.get("place_nouns", [])}
        self.boundary_nouns = {t.lower() for t in data.get("boundary_nouns", [])}
        self.visit_lemmas = set(data.get("visit_lemmas", []))
        self.observe_lemmas = set(data.get("observe_lemmas", []))
        self.anaphora = {t.lower() for t in data.get("anaphora", [])}
        self.suffer_lemmas = set(data.get("suffer_lemmas", []))
        self.policing_terms = [t.lower() for t in data.get("policing_terms", [])]
        self.taken_from_lemmas = set(data.get("taken_from_lemmas", []))
        self.community = CommunityTable(data.get("community_militias", {}), derived)
        self.deployed_as: dict[str, dict[str, str]] = data.get("deployed_as", {})
        self.combos: dict[frozenset[str], Entry] = {}
        for alias, entries in self.aliases.items():
            parts = alias.split(" and/or ")
            if len(parts) == 2 and alias == entries[0].name:
                self.combos[frozenset(_base_name(p) for p in parts)] = entries[0]
        self.repel_lemmas = set(data.get("repel_lemmas", []))
        self.position_nouns = set(data.get("position_nouns", []))
        self.repelled_nouns = set(data.get("repelled_nouns", []))
        self.gang_markers = [t.lower() for t in data.get("gang_markers", [])]
        self._proper_aliases = {
            a.lower() for a in self.aliases if len(a) >= 3 and any(ch.isupper() for ch in a)
        }
        self._build_matchers()

    def is_proper_alias(self, text: str) -> bool:
        """Whether ``text`` begins with an alias written as a proper name ("NPA rebels",
        "Houthi forces"), not with a common one ("government forces")."""
        words = text.lower().split()
        return any(" ".join(words[:n]) in self._proper_aliases for n in range(len(words), 0, -1))

    def _build_matchers(self) -> None:
        from frontwire.nlp import get_nlp

        nlp = get_nlp()
        make = nlp.make_doc
        self._alias_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._alias_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._alias_by_key: dict[str, list[Entry]] = {}
        for alias, entries in self.aliases.items():
            key = alias if _is_short(alias) else alias.lower()
            self._alias_by_key[key] = entries
            matcher = self._alias_exact if _is_short(alias) else self._alias_lower
            matcher.add(key, [make(alias)])
        self._templates = PhraseMatcher(nlp.vocab, attr="LOWER")
        for term, key in self._template_terms.items():
            self._templates.add(key, [make(term)])
        self._countries = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._countries.add("COUNTRY", [make(word) for word in self._country_words])
        self._sides = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._sides.add("self", [make(t) for t in self.self_terms])
        self._sides.add("enemy", [make(t) for t in self.enemy_terms])
        self._gang = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._gang.add("GANG", [make(t) for t in self.gang_markers])

    def alias_matches(self, doc: Doc) -> list[tuple[Span, list[Entry]]]:
        found = []
        for matcher, lower in ((self._alias_exact, False), (self._alias_lower, True)):
            for _, start, end in matcher(doc):
                span = doc[start:end]
                key = span.text.lower() if lower else span.text
                entries = self._alias_by_key.get(key)
                if entries:
                    found.append((self._extend_group(span), entries))
        return found

    def _extend_group(self, span: Span) -> Span:
        """ "NAF" + "rebel forces", "Taliban" + "militants": the group noun is the alias's."""
        end = span.end
        doc = span.doc
        while end < len(doc) and end - span.end < 3:
            tok = doc[end]
            if tok.lower_ in self.group_nouns or tok.lower_ in ("rebel", "armed", "affiliated"):
                end += 1
                continue
            break
        return doc[span.start : end]

    def template_matches(self, doc: Doc) -> list[tuple[Span, str]]:
        return [
            (doc[start:end], self.nlp_string(match_id, doc))
            for match_id, start, end in self._templates(doc)
        ]

    def side_matches(self, doc: Doc) -> list[tuple[Span, str]]:
        return [
            (doc[start:end], self.nlp_string(match_id, doc))
            for match_id, start, end in self._sides(doc)
        ]

    def gang_marked(self, doc: Doc) -> bool:
        """Whether the text bears a mark of organised crime ("drive-by", "hands tied")."""
        # asked once per trigger: match the text once
        return per_doc(doc, GANG_KEY, lambda: bool(self._gang(doc)))

    def country_matches(self, doc: Doc) -> list[Span]:
        spans = [doc[start:end] for _, start, end in self._countries(doc)]
        return [s for s in spacy.util.filter_spans(spans)]

    @staticmethod
    def nlp_string(match_id: int, doc: Doc) -> str:
        return doc.vocab.strings[match_id]

    def country_of(self, word: str) -> str | None:
        hit = self._country_words.get(word)
        return hit[0] if hit else None

    def country_kind(self, word: str) -> str | None:
        hit = self._country_words.get(word)
        return hit[1] if hit else None

    def country_name(self, iso: str | None) -> str | None:
        if not iso:
            return None
        return self.countries.get(iso, {}).get("country")

    def opponent(self, iso: str | None) -> str | None:
        for a, b in self.dyads:
            if iso == a:
                return b
            if iso == b:
                return a
        return None


def state_name(lex: Lexicon, iso: str | None, role: str) -> str:
    """ACLED's name for a country's state forces, with the period ACLED uses where known."""
    names = lex.countries.get(iso or "", {})
    if role in names:
        return names[role]
    country = names.get("country")
    template = lex.templates[role]
    if country:
        return template.fallback.replace("{country}", _with_article(country))
    return template.fallback.replace(" of {country}", "").replace("{country}", "")


def _with_article(country: str) -> str:
    """ACLED writes "Military Forces of the Philippines"; the names that take "the"."""
    plural = country.endswith("s") and country not in ("Honduras", "Laos", "Barbados")
    if plural or country.startswith(("Democratic Republic", "Central African", "United ")):
        return f"the {country}"
    return country


def _is_short(alias: str) -> bool:
    """Acronyms and short names ("IS", "AA", "CV") match case-sensitively."""
    return len(alias) <= 4 or (alias.isupper() and len(alias) <= 6)


def _kind_of(name: str, inter: int | None) -> str:
    if name.startswith(("Military Forces of", "Police Forces of", "Government of")):
        return "state"
    return {
        1: "state",
        2: "rebel",
        3: "militia",
        4: "militia",
        5: "rioters",
        6: "protesters",
        7: "civilians",
        8: "external",
    }.get(inter or 0, "organisation")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Shipped tables, with the user's FRONTWIRE_ACTORS_FILE merged over them; built once."""
    return Lexicon(
        load_table("actors.json", required=("actors",)),
        load_table("acled_actors.json"),
        load_table("demonyms.json"),
    )


def _base_name(name: str) -> str:
    """ "Islamic State (West Africa)" -> "islamic state": the group without its branch."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", name).strip().lower()
