"""Who: actor mentions resolved to ACLED-style names, inter codes and countries.

Why this shape: ACLED names actors by role and country ("Civilians (Somalia)",
"Military Forces of Yemen (2012-)") and by proper name for armed groups ("Al Shabaab").
News prose names them by demonym + force noun ("Afghan forces"), by metonym ("Moscow
said"), by alias ("pro-Houthi forces") or from a speaker's side ("our units", "the
enemy"). We find every such mention with its offsets and resolve it with the tables in
``frontwire/ontology/`` (the :class:`Lexicon` at the end of this module); the event
extractor then asks :func:`roles_for_trigger` who did what to whom.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from frontwire.errors import FrontwireError
from frontwire.model import Actor, Article, Claim, Place
from frontwire.nlp import doc_text, per_doc

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"

#: Dependency labels under which a country or capital name acts rather than locates.
ACTING_DEPS = {"nsubj", "nsubjpass", "dobj", "poss", "agent", "dative"}
#: Prepositions after which a country name is an actor ("by Kyiv", "against Russia").
ACTING_PREPS = {"by", "against", "with", "between", "for", "from"}
NOUN_POS = {"NOUN", "PROPN", "PRON"}
#: Key under which extract_actors leaves the focus country on the Doc.
FOCUS_KEY = "frontwire_focus_iso"
#: Key under which Lexicon.gang_marked remembers its answer for a Doc.
GANG_KEY = "frontwire_gang_marked"
#: Key under which roles_for_trigger keeps the token -> actor map of a Doc's actor list.
TOKENS_KEY = "frontwire_actor_tokens"
#: Key under which _claimant keeps the subjects of a Doc's "X claimed the attack" verbs.
CLAIMANTS_KEY = "frontwire_claimant_subjects"
#: Prepositions that introduce the target of an attack ("fired at", "shelling on").
TARGET_PREPS = ("on", "against", "at", "upon", "targeting", "into", "toward", "towards")


def extract_actors(doc: Doc, article: Article, places: list[Place]) -> list[Actor]:
    """Every actor mention in the article, resolved against the country in focus."""
    lex = lexicon()
    focus = focus_country(doc, places, lex)
    doc.user_data[FOCUS_KEY] = focus  # roles_for_trigger names crowds and victims with it
    return find_actors(doc, lex, focus, places)


def focus_country(doc: Doc, places: list[Place], lex: Lexicon | None = None) -> str | None:
    """The country the article is about: where its places are, else the most named country."""
    votes: Counter[str] = Counter()
    lex = lex or lexicon()
    for place in places:
        if not place.iso or place.role == "metonym":
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        if (
            root is not None
            and root.dep_ in ("compound", "amod", "nmod")
            and (root.head.lemma_.lower() not in lex.place_nouns)
        ):
            continue  # "the US dollar", "Russian-speaking": a modifier, not where it happened
        votes[place.iso] += 2 if place.feature != "country" else 1
    if votes:
        return votes.most_common(1)[0][0]
    for span in lex.country_matches(doc):
        if _modifier_only(span.root, lex):
            continue
        votes[lex.country_of(span.text)] += 1
    if not votes:
        # "the NPA and the military exchanged fire in Barangay Magdawat": no place or country
        # resolved, but a name that only one country's actor bears says where it happened
        for span, entries in lex.alias_matches(doc):
            # a common noun ("government forces") is no name; a proper one ("NPA") is
            iso = _bound_country(entries) if lex.is_proper_alias(span.text) else None
            if iso:
                votes[iso] += 1
    return votes.most_common(1)[0][0] if votes else None


def _bound_country(entries: list[Entry]) -> str | None:
    """The one country of an alias's actors ("NPA", "LNA"), else None: an alias shared by
    several countries' actors ("IS") or by a body without one (a UN agency) says nothing."""
    named = {e.name for e in entries if e.iso}
    isos = {e.iso for e in entries if e.iso}
    if len(isos) != 1 or any(e.iso is None and e.name not in named for e in entries):
        return None
    if any(e.kind == "organisation" for e in entries):
        return None
    return next(iter(isos))


def _modifier_only(root: Token, lex: Lexicon) -> bool:
    """ "the US dollar", "Russian-speaking": a country word that modifies, not a setting."""
    return root.dep_ in ("compound", "amod", "nmod") and (
        root.head.lemma_.lower() not in lex.place_nouns
        and root.head.lower_ not in lex.template_terms
    )


def find_actors(
    doc: Doc, lex: Lexicon, focus: str | None, places: list[Place] | None = None
) -> list[Actor]:
    """Match aliases, force nouns (with their country) and acting country names."""
    places = places or []
    country_spans = {(s.start, s.end): s for s in lex.country_matches(doc)}
    candidates: list[tuple[Span, Actor]] = []
    for span, entries in lex.alias_matches(doc):
        entry = choose_entry(entries, focus, span.text)
        if entry:
            candidates.append((span, make_actor(span, entry, focus, lex)))
    n_aliases = len(candidates)
    for span, key in lex.template_matches(doc):
        found = template_actor(doc, span, key, lex, focus, country_spans)
        if found:
            candidates.append(found)
    for span, side in lex.side_matches(doc):
        iso = side_iso(side, focus, lex)
        candidates.append((span, state_actor(span, iso, "military", focus, lex, kind=side)))
    for span in country_spans.values():
        found = country_actor(doc, span, lex, focus)
        if found:
            candidates.append(found)
    militias, covered = community_militias(doc, lex, focus)
    named = {t for span, _ in candidates[:n_aliases] for t in range(span.start, span.end)}
    militias = [(span, a) for span, a in militias if not named & set(range(span.start, span.end))]
    if militias:
        # "Tiv militias": the group noun belongs to the named militia, not to "militias"
        # as an unidentified armed group (a dictionary name, "Mayi Mayi", stays as it is)
        candidates = [
            (span, actor)
            for i, (span, actor) in enumerate(candidates)
            if i < n_aliases or not any(lo <= span.start and span.end <= hi for lo, hi in covered)
        ]
    candidates.extend(militias)
    candidates = _under_umbrella(doc, candidates, n_aliases)
    place_chars = {i for p in places for i in range(p.start, p.end)}
    known = {
        t
        for i, (span, actor) in enumerate(candidates)
        if actor.kind == "state" or (i < n_aliases and actor.kind != "organisation")
        for t in range(span.start, span.end)
    }
    for ent in doc.ents:
        if ent.label_ == "ORG" and known & set(range(ent.start, ent.end)):
            # "the Divisional Police Officer of Faskari" is a policeman, "GNA air force"
            # the GNA's forces: the actor inside names them better than the entity
            continue
        if ent.label_ == "ORG" and ent.start_char not in place_chars:
            org = _strip_det(ent)
            # one capitalised word tagged ORG is as often a town or a surname: acronyms only
            named = len(org) > 1 or (len(org) == 1 and org.text.isupper() and len(org.text) > 1)
            if named and org.text.lower() not in lex.template_terms:
                entry = Entry(name=org.text, inter=None, iso=None, kind="organisation")
                candidates.append((org, make_actor(org, entry, focus, lex)))
    found = _short_forms(_joined_pairs(doc, _without_overlaps(candidates), lex))
    return _definite_generics(doc, _fighters_of(doc, found, lex), lex)


def _fighters_of(doc: Doc, actors: list[Actor], lex: Lexicon) -> list[Actor]:
    """ "gunmen of the 22nd Armored Brigade", "fighters from the Islamic State": the
    generic word names the members of the group after it, not an unidentified group."""
    text = doc_text(doc)
    out = list(actors)
    for i, actor in enumerate(out[:-1]):
        owner = out[i + 1]
        between = text[actor.end : owner.start].strip().lower()
        if (
            _generic_fighters(actor, lex)
            and between in ("of", "of the", "from", "from the", "belonging to", "belonging to the")
            and owner.inter in (1, 2, 3, 4, 8)
            and not _generic_fighters(owner, lex)
        ):
            out[i] = dataclasses.replace(
                actor, name=owner.name, inter=owner.inter, iso=owner.iso, kind=owner.kind
            )
    return out


def _definite_generics(doc: Doc, actors: list[Actor], lex: Lexicon) -> list[Actor]:
    """ "Two Al Shabaab militants attacked a policeman. The militants shot him": "the
    militants" are the group the paragraph already named, not an unidentified one."""
    text = doc_text(doc)
    out: list[Actor] = []
    for actor in actors:
        definite = text[: actor.start].rstrip().lower().endswith("the")
        if definite and _generic_fighters(actor, lex):
            named = [
                a
                for a in out
                if a.inter in (2, 3, 4)
                and not _generic_fighters(a, lex)
                and "\n\n" not in text[a.end : actor.start]
            ]
            if named:
                ref = named[-1]
                actor = dataclasses.replace(
                    actor, name=ref.name, inter=ref.inter, iso=ref.iso, kind=ref.kind
                )
        out.append(actor)
    return out


def _short_forms(actors: list[Actor]) -> list[Actor]:
    """ "the Military Police ... The Police seized a pistol": a bare force noun after a
    named unit whose name contains it is that unit again."""
    out: list[Actor] = []
    units: list[Actor] = []
    for actor in actors:
        words = actor.mention.lower().split()
        if actor.kind == "state" and words:
            unit = next(
                (
                    u
                    for u in reversed(units)
                    if u.iso == actor.iso
                    and u.name != actor.name
                    and set(words) - {"the"} <= set(u.mention.lower().split())
                ),
                None,
            )
            if unit is not None:
                actor = dataclasses.replace(actor, name=unit.name, inter=unit.inter)
            elif ")" in actor.name and not actor.name.endswith(")"):
                units.append(actor)  # "Military Forces of Brazil (2019-) Military Police"
        out.append(actor)
    return out


def _joined_pairs(doc: Doc, actors: list[Actor], lex: Lexicon) -> list[Actor]:
    """ "Boko Haram/IS", "JNIM or ISGS militants": a pair ACLED codes as one actor when it
    cannot tell which of the two acted ("... and/or Islamic State (Greater Sahara)")."""
    if not lex.combos or len(actors) < 2:
        return actors
    text = doc_text(doc)
    out: list[Actor] = []
    i = 0
    while i < len(actors):
        a = actors[i]
        b = actors[i + 1] if i + 1 < len(actors) else None
        if b is not None and text[a.end : b.start].strip().lower() in ("/", "or", "and/or"):
            entry = lex.combos.get(frozenset((_base_name(a.name), _base_name(b.name))))
            if entry is not None:
                mention = text[a.start : b.end]
                out.append(
                    Actor(mention, a.start, b.end, entry.name, entry.inter, entry.iso, entry.kind)
                )
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _base_name(name: str) -> str:
    """ "Islamic State (West Africa)" -> "islamic state": the group without its branch."""
    return re.sub(r"\s*\([^()]*\)\s*$", "", name).strip().lower()


def _under_umbrella(
    doc: Doc, candidates: list[tuple[Span, Actor]], n_aliases: int
) -> list[tuple[Span, Actor]]:
    """ "Turkish forces and rebel factions, operating under OPS, shelled ...": ACLED codes
    the umbrella operation or coalition, so the armed actors named before "under X" in
    the sentence take X's name."""
    umbrellas = [
        (span, actor)
        for span, actor in candidates[:n_aliases]
        if span.start > 0
        and doc[span.start - 1].lower_ == "under"
        and not actor.name.startswith(("Military Forces", "Police Forces", "Government"))
    ]
    if not umbrellas:
        return candidates
    out = []
    for span, actor in candidates:
        for u_span, umbrella in umbrellas:
            armed = actor.inter in (1, 2, 3, 8) or actor.kind == "country"
            if armed and span.sent.start == u_span.sent.start and span.end < u_span.start:
                actor = dataclasses.replace(
                    actor, name=umbrella.name, inter=umbrella.inter, iso=umbrella.iso or actor.iso
                )
                break
        out.append((span, actor))
    return out


def community_militias(
    doc: Doc, lex: Lexicon, focus: str | None
) -> tuple[list[tuple[Span, Actor]], list[tuple[int, int]]]:
    """Identity militias named by their community: "Tiv militias", "militias from Odejo",
    "militiamen from the Leelkayse clan", "Al Muaili and Al Mahtam tribesmen".

    ACLED names them "<Name> Ethnic Militia (Country)" for an ethnic group, "<Name> Clan
    Militia", "<Name> Tribal Militia" or, for a village or district, "<Name> Communal
    Militia" (inter 4). Each name joined by "and" is its own militia; the mention is the
    name itself, so a clash between two communities has both sides. Also returned: the
    token ranges from the first name to the group noun, which name no other actor.
    """
    table = lex.community
    country = lex.country_name(focus)
    found: list[tuple[Span, Actor]] = []
    covered: list[tuple[int, int]] = []
    for tok in doc:
        low = tok.lower_
        kin = table.kin.get(low)
        strong = low in table.strong or kin is not None
        if not strong and low not in table.weak:
            continue
        groups = _names_left(doc, tok.i, lex)
        followed = tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "from"
        if not groups and low in table.strong and followed:
            # "militias from Umumubu and Omor"
            groups, end = _names_right(doc, tok.i + 2, lex)
            if groups and end < len(doc) and doc[end].lower_ in table.kin:
                # "militiamen from the Leelkayse clan": the clan names them
                covered.append((tok.i, end + 1))
                groups = []
        modifiers = {t.lower_ for t in doc[max(0, tok.i - 6) : tok.i]}
        named = 0
        for group in groups:
            name = group.text
            ethnic = name in table.ethnic or "ethnic" in modifiers
            if kin is not None:
                kind = kin
            elif ethnic:
                kind = "Ethnic"
            elif strong:
                kind = "Communal"
            else:
                continue  # "Fulani herdsmen" yes; "Bambara youths" only when known as ethnic
            label = f"{name} {kind} Militia" + (f" ({country})" if country else "")
            actor = Actor(group.text, group.start_char, group.end_char, label, 4, focus, "militia")
            found.append((group, actor))
            named += 1
        if named:
            covered.append((min(tok.i, groups[0].start), max(tok.i + 1, groups[-1].end)))
    return found, covered


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
        if focus and entry.iso == focus:
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
            return span, Actor(
                span.text,
                span.start_char,
                span.end_char,
                f"Civilians ({lex.country_name(iso)})",
                7,
                iso,
                "civilians",
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


# ---------------------------------------------------------------------------------------
# Roles: who did it, to whom


def roles_for_trigger(
    doc: Doc, trigger: Token, actors: list[Actor], speaker: Claim | None = None
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
    if agent is None:
        # "killing six people, including three soldiers": those hit are never the agent
        hit = [*_victim_spans(trigger), *_listed_victims(sent)] if violent else []
        if speaker is not None and speaker.speaker_start is not None:
            # "..., police said": the source of the report is not who used violence
            hit.append((speaker.speaker_start, speaker.speaker_end or speaker.speaker_start))
        pool = [a for a in in_sentence if not any(s <= a.start < e for s, e in hit)]
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
    if agent is None and violent:
        agent = _previous_armed(doc, sent, actors, exclude=target, hurt=hurt)
    if target is None and violent:
        # observers and rights groups (no inter code) report attacks; they are not hit
        target = _nearest(
            [a for a in in_sentence if a is not agent and a.inter is not None],
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
            if a.inter in (1, 2, 3, 4, 8)
            and not _generic_fighters(a, lex)
            and (agent is None or a.name != agent.name)
        ]
        if named:
            target = min(named, key=lambda a: abs(a.start - trigger.idx))
    speaker_iso = _speaker_iso(speaker) if speaker else None
    focus = doc.user_data.get(FOCUS_KEY) or _focus_from(actors)
    agent = _finish(agent, trigger, lex, speaker_iso, focus, violent, role="agent")
    target = _finish(target, trigger, lex, speaker_iso, focus, violent, role="target")
    lemma = trigger.lemma_.lower()
    protest = protest_word(trigger, lex) or trigger.lower_ in lex.crowd_nouns
    if protest and (target is None or not _is_force(target)):
        # a protest has a second actor only when state forces intervene
        target = next((a for a in in_sentence if _is_force(a)), None)
        target = dataclasses.replace(target) if target else None
    if agent is None and protest_word(trigger, lex):
        country = lex.country_name(focus)
        agent = Actor(
            trigger.text,
            trigger.idx,
            trigger.idx + len(trigger),
            f"Protesters ({country})" if country else "Protesters",
            6,
            focus,
            "protesters",
        )
    elif agent is None and violent and lemma not in lex.clash_lemmas:
        # ACLED's convention for an unknown perpetrator: an unidentified armed group
        # the perpetrator is of the country where it happened, not the victims' nationality
        iso = doc.user_data.get(FOCUS_KEY) or (target.iso if target else None) or focus
        agent = unknown_perpetrator(iso, trigger.text, trigger.idx, doc)
    if target is None and not violent and not protest and trigger.pos_ == "NOUN":
        target = _party_in_phrase(trigger, by_token, agent)
    if agent and target and agent.name == target.name:
        target = None
    return agent, target


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
    template = lex.templates[kind]
    name = template.render(lex.country_name(iso))
    return Actor(mention, start, start + len(mention), name, template.inter, iso, template.kind)


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
            if (a.inter in (1, 2, 3, 4, 8) or a.kind == "country")
            and (defender is None or a.name != defender.name)
        ]
        attacker = others[0] if others else None
    if attacker is None and defender is not None and lex.opponent(defender.iso):
        iso = lex.opponent(defender.iso)
        focus = trigger.doc.user_data.get(FOCUS_KEY)
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


def _pobj(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            return child
    return None


def _actor_tokens(doc: Doc, actors: list[Actor]) -> dict[int, Actor]:
    """Token index -> the actor whose mention covers it (the later actor on overlap).

    Every trigger of a document asks with the same actor list, so the map is built once
    and kept on the Doc; it is rebuilt when the list holds other objects or offsets.
    The map is shared between callers: read it, never change it.
    """
    offsets = tuple((a.start, a.end) for a in actors)
    cached = doc.user_data.get(TOKENS_KEY)
    if cached is not None and cached[0] == offsets and all(map(operator.is_, cached[1], actors)):
        return cached[2]
    by_token: dict[int, Actor] = {}
    for actor in actors:
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                by_token[tok.i] = actor
    # the actors themselves are kept so that their ids are not reused while cached
    doc.user_data[TOKENS_KEY] = (offsets, tuple(actors), by_token)
    return by_token


def actors_between(doc: Doc, start: int, end: int) -> list[Actor]:
    """The document's actors (as last resolved by ``roles_for_trigger``) whose mentions lie
    within the character range, in text order; copies, so callers may change them."""
    cached = doc.user_data.get(TOKENS_KEY)
    if cached is None:
        return []
    found = [a for a in cached[1] if start <= a.start and a.end <= end and a.end > a.start]
    return [dataclasses.replace(a) for a in sorted(found, key=lambda a: a.start)]


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
            a for a in pool if a.inter in (1, 2, 3, 4, 8) or a.kind in ("country", "enemy", "self")
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


def _generic_fighters(actor: Actor, lex: Lexicon) -> bool:
    """ "fighters", "militants", "gunmen": an unidentified-group word with nothing to say
    whose they are."""
    return actor.kind == "militia" and lex.template_keys.get(actor.mention.lower()) == (
        "unidentified"
    )


def _armed_sides(actors: list[Actor], known: Actor | None) -> list[Actor]:
    """Distinct armed actors in text order, without the side already known."""
    sides: list[Actor] = []
    for actor in sorted(actors, key=lambda a: a.start):
        armed = actor.inter in (1, 2, 3, 4, 8) or actor.kind in ("country", "enemy", "self")
        names = {a.name for a in sides} | ({known.name} if known else set())
        if armed and actor.name not in names:
            sides.append(actor)
    return sides


def _previous_armed(
    doc: Doc,
    sent: Span,
    actors: list[Actor],
    exclude: Actor | None,
    hurt: set[str] | frozenset[str] = frozenset(),
) -> Actor | None:
    """ "The attacks ... killed civilians" after "X accused Russia": the armed actor the
    paragraph already named (up to two sentences back, never across a paragraph break);
    never one of those this sentence says were hurt (``hurt``, by name)."""
    start = sent.start
    for _ in range(2):
        if start == 0:
            return None
        prev = doc[start - 1].sent
        if "\n" in doc_text(doc)[prev.end_char : sent.start_char] or "\n" in prev.text.strip():
            return None
        armed = [
            a
            for a in actors
            if prev.start_char <= a.start < prev.end_char
            and (a.inter in (1, 2, 3, 4, 8) or a.kind == "country")
            and (exclude is None or a.name != exclude.name)
            and a.name not in hurt
        ]
        if armed:
            return armed[-1]
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
    crowd = f" ({country})" if country else ""
    protest = protest_word(trigger, lex)
    if role == "agent" and violent and actor.inter == 7 and not protest:
        # civilians who use violence are a mob: ACLED codes them as rioters
        actor.name, actor.inter, actor.kind = f"Rioters{crowd}", 5, "rioters"
    if role == "agent" and protest and (actor.inter not in (1, 8) or actor.kind == "country"):
        # ACLED codes the crowd: party members, workers or residents who protest are
        # "Protesters (Country)" (the group itself would be an associated actor)
        actor.name, actor.inter, actor.kind = f"Protesters{crowd}", 6, "protesters"
        if _violent_crowd(trigger, lex):
            actor.name, actor.inter, actor.kind = f"Rioters{crowd}", 5, "rioters"
    elif role == "agent" and lemma in lex.riot_lemmas and actor.inter in (6, 7):
        actor.name, actor.inter, actor.kind = f"Rioters{crowd}", 5, "rioters"
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
            entry = Entry(item["name"], item.get("inter"), item.get("iso"), kind, scoped)
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
        if GANG_KEY not in doc.user_data:  # asked once per trigger: match the text once
            doc.user_data[GANG_KEY] = bool(self._gang(doc))
        return bool(doc.user_data[GANG_KEY])

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


def _read_json(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Shipped tables, with the user's FRONTWIRE_ACTORS_FILE merged over them; built once."""
    curated = _read_json(ONTOLOGY / "actors.json")
    user_file = os.environ.get("FRONTWIRE_ACTORS_FILE")
    if user_file:
        path = Path(user_file)
        if not path.is_file():
            raise FrontwireError(
                f"FRONTWIRE_ACTORS_FILE={user_file!r} is not a file: point it at a JSON file "
                "shaped like frontwire/ontology/actors.json, or unset it"
            )
        user = _read_json(path)
        curated["actors"] = [*curated.get("actors", []), *user.get("actors", [])]
        for key, value in user.items():
            if key == "actors":
                continue
            if isinstance(value, dict) and isinstance(curated.get(key), dict):
                curated[key] = {**curated[key], **value}
            else:
                curated[key] = value
    return Lexicon(
        curated,
        _read_json(ONTOLOGY / "acled_actors.json"),
        _read_json(ONTOLOGY / "demonyms.json"),
    )
