"""Finding actors in a Doc: the focus country, lexicon matches, fighters of a named side,
definite generics, short forms, joined pairs and community militias.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from spacy.tokens import Doc, Span, Token

from frontwire.extract.actors.lexicon import Entry, Lexicon, _base_name, lexicon
from frontwire.extract.actors.make import (
    _generic_fighters,
    _names_left,
    _names_right,
    _strip_det,
    _without_overlaps,
    choose_entry,
    country_actor,
    make_actor,
    side_iso,
    state_actor,
    template_actor,
)
from frontwire.extract.context import context_of, doc_text
from frontwire.model import Actor, Article, Place
from frontwire.ontology.acled import ARMED_INTER


def extract_actors(doc: Doc, article: Article, places: list[Place]) -> list[Actor]:
    """Every actor mention in the article, resolved against the country in focus."""
    lex = lexicon()
    focus = focus_country(doc, places, lex)
    context_of(doc).focus = focus  # roles_for_trigger names crowds and victims with it
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
            and owner.inter in ARMED_INTER
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
