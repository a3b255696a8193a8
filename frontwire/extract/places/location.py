"""``location_for_span``: the place that governs an event's trigger, with ACLED's geo_precision."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from frontwire.extract.context import doc_text
from frontwire.extract.places.finding import _facility_word_after
from frontwire.extract.places.lexicon import _SPECIFICITY, Lexicon, get_lexicon
from frontwire.extract.places.mentions import _ends_with_phrase
from frontwire.gazetteer.index import get_gazetteer
from frontwire.model import Place


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
    raw = text[prev.end : place.start].strip()
    between = _without_part_words(raw)
    words = between.rstrip(",").split()
    seat = len(words) == 1 and between.endswith(",") and words[0].lower() in seat_words()
    if between.lower() == "in" and _town_in_its_province(prev, place):
        return True
    if between not in {"(", ","} and not seat:
        return False
    if place.iso != prev.iso:
        return False
    if between != raw and prev.admin1 and place.admin1 and prev.admin1 != place.admin1:
        return False  # "Al Qahrah area (Qaatabah, Ad Dali)": not if the index's Al Qahrah is
        # another province's (the bracket still locates the unknown one)
    if place.feature in {"admin1", "region", "country"}:
        return True
    if place.feature == "admin2" or _is_container(text, prev, located):
        return True  # the second name inside brackets
    if (
        place.feature == "city"
        and prev.feature == "city"
        and prev.admin1
        and place.admin1 == prev.admin1
        and _unit_follows(text, place, located)
    ):
        # "San Joaquin, Valencia, Carabobo state", "Kouakourou area (Djenne, Mopti)": a
        # town between a place and its province is the district (named after its seat)
        return True
    if text[prev.end : place.start].strip() == "(":
        # "Hays district in western Yemen (Al Hudaydah)": a bracket after a place locates it
        return prev.feature == "country" or (
            prev.feature in {"city", "admin2"}
            and bool(place.admin1)
            and place.admin1 == prev.admin1
        )  # but "Punjab (Lahore)" names the town inside the province
    return False


def _town_in_its_province(prev: Place, place: Place) -> bool:
    """'Ras al Ain in al-Hasakeh', 'Soba in Khartoum': a town, then 'in' and a town of its
    province (often the name the province shares with its capital) that only locates it."""
    return (
        place.feature == "city"
        and prev.feature in {"city", "admin2"}
        and prev.iso == place.iso
        and bool(prev.admin1)
        and prev.admin1 == place.admin1
        and prev.name != place.name
    )


def _without_part_words(between: str) -> str:
    """'area (' -> '(': a part-of-place word after a name ("Kouakourou area (Djenne, Mopti)")
    leaves the bracket that follows it a container's."""
    lex = get_lexicon()
    words = between.split()
    parts = lex.near_after | lex.city_after | lex.subplace_after
    while len(words) > 1 and words[0].lower() in parts:
        words = words[1:]
    return " ".join(words) if words else between


def _unit_follows(text: str, place: Place, located: list[Place]) -> bool:
    """A province or region of the place's country named right after it, by ',' or '('."""
    after = [q for q in located if q.start >= place.end and q is not place]
    if not after:
        return False
    nxt = min(after, key=lambda q: q.start)
    between = text[place.end : nxt.start].strip()
    return (
        between in {"(", ","}
        and nxt.feature in {"admin1", "region"}
        and nxt.iso == place.iso
        and (not place.admin1 or nxt.admin1 in (None, place.admin1))
    )


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


def _in_other_relative_clause(doc: Doc, place: Place, trigger: Span) -> bool:
    """Whether a place sits in a relative clause that does not hold the trigger ("killed
    in Donetsk province, which together with Luhansk makes up the Donbas"): that clause
    describes another noun, so its places are not where the event happened."""
    tok_span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if tok_span is None or not len(tok_span):
        return False
    node = tok_span.root
    for _ in range(12):
        if node.dep_ == "relcl":
            # the event's span starts inside the clause when the clause tells the event
            # ("Nikopol, where two people were killed"); it starts before it otherwise
            return not node.left_edge.i <= trigger[0].i <= node.right_edge.i
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _outside_other_clauses(doc: Doc, candidates: list[Place], trigger: Span | None) -> list[Place]:
    """The candidates left once places in other relative clauses are set aside, unless
    that would leave none (then the sentence's places stand as they are)."""
    if trigger is None or not len(trigger):
        return candidates
    kept = [p for p in candidates if not _in_other_relative_clause(doc, p, trigger)]
    return kept or candidates


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
        own = [p for p in located if sent.start_char <= p.start < sent.end_char]
        choice = _pick(_outside_other_clauses(doc, own, span), start, end, doc_text(doc))
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


def choice_for_place(doc: Doc, place: Place) -> LocationChoice:
    """A given place as an event's location, with its geo_precision (one place of a list
    an event fans out over)."""
    return LocationChoice(
        place=place,
        geo_precision=_precision(doc, place, get_lexicon()),
        evidence_start=place.start,
        evidence_end=place.end,
    )


def is_reference_point(text: str, place: Place) -> bool:
    """'north of Kyiv': a place named to locate another, not a scene."""
    return _is_reference(text, place)


def names_site(doc: Doc, place: Place) -> bool:
    """A town named only as part of a site's name ("the Zaporizhzhia nuclear plant")."""
    return _names_site(doc, place, get_lexicon())


def is_container(text: str, place: Place, located: list[Place]) -> bool:
    """'Opytne, Donetsk': a unit named only to locate the place before it."""
    return _is_container(text, place, located)
