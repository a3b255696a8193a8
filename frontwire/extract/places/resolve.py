"""Resolving each mention to one gazetteer entry (score, focus, anchors), dropping strays, and the
Place it becomes: ``extract_places``.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
from collections import Counter

from spacy.tokens import Doc, Token

from frontwire.extract.context import doc_text
from frontwire.extract.places.containers import _link_containers, _link_peers, _outside_containers
from frontwire.extract.places.finding import _find_mentions, _supported, _unit_hints
from frontwire.extract.places.fuzzy import _add_misspelt_big_towns, _add_misspelt_towns
from frontwire.extract.places.lexicon import (
    _FAR_ALIAS_KM,
    _FEATURE_BASE,
    _METONYM_DEPS,
    _METONYM_PREPS,
    _SPECIFICITY,
    ContactLine,
    Lexicon,
    english_words,
    get_lexicon,
)
from frontwire.extract.places.mentions import (
    Mention,
    _building_name,
    _contains,
    _head_of_conjuncts,
    _starts_name,
)
from frontwire.gazetteer.fold import fold
from frontwire.gazetteer.index import Entry, Gazetteer, get_gazetteer, haversine_km
from frontwire.geo import distance_to_line_km
from frontwire.model import Article, Place


def _score(
    m: Mention,
    e: Entry,
    main: bool,
    focus: dict[str, float],
    anchors: list[Entry],
    areas: list[Entry] | None = None,
    lines: tuple[ContactLine, ...] = (),
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
    if e.id in m.loose_ids:
        score -= 1.0  # a loose spelling or a village: an exact name of like standing wins
    if m.hint is not None:
        wanted = {"admin1": {"admin1", "region"}, "admin2": {"admin2"}, "city": {"city"}}
        score += 7.0 if e.feature in wanted[m.hint] else -1.0
    if m.container_pos and e.feature in {"admin1", "region"}:
        score += 5.0
        if any(h.choice is not None and _contains(e, h.choice) for h in m.holds):
            # "near Novotroitske, Donetsk": the oblast holding the village just read, not
            # the city of Donetsk, however near the village
            score += 4.0
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
            if x.id not in inner.loose_ids  # a village namesake abroad proves no unit
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
    if areas and m.hint is None and e.feature == "city" and any(_contains(a, e) for a in areas):
        # "the OSCE SMM observed ... near Sokilnyky": the monitors work in Donbas only, so
        # its namesake there beats a bigger one near Lviv
        score += 2.5
    if lines and m.hint is None and not m.container_pos:
        # "the OSCE SMM observed explosions near Vodyane": the monitors count fire along the
        # line of contact, so of Donetsk oblast's four Vodyanes the one on the line is meant
        # (the nearer the line, the likelier: the line is drawn through a few towns only)
        score += _line_bonus(e, lines)
    return score


def _line_bonus(e: Entry, lines: tuple[ContactLine, ...]) -> float:
    """2 to 3 points for a village within a named front line's buffer (3 on the line)."""
    if e.feature != "city" or e.population >= _LINE_TOWN_MAX:
        return 0.0
    best = 0.0
    for line in lines:
        dist = distance_to_line_km(e.lat, e.lon, line.points)
        if dist <= line.buffer_km:
            best = max(best, 3.0 - dist / line.buffer_km)
    return best


#: Towns this big are known by name; the line of contact only decides among villages.
_LINE_TOWN_MAX = 50_000


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


def _choose(
    m: Mention,
    shares: dict[str, float],
    anchors: list[Entry],
    areas: list[Entry],
    lines: tuple[ContactLine, ...] = (),
) -> None:
    best = max(
        ((e, main, _score(m, e, main, shares, anchors, areas, lines)) for e, main in m.entries),
        key=lambda es: es[2],
    )
    m.choice, m.main, m.score = best
    m.on_line = bool(lines) and _line_bonus(m.choice, lines) > 0


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


def _contact_lines_named(doc: Doc, lex: Lexicon) -> tuple[ContactLine, ...]:
    """The front lines whose reporting bodies the article names ("the OSCE SMM observed")."""
    text = doc_text(doc)
    return tuple(li for li in lex.contact_lines if li.cues.search(text))


def _resolve(
    mentions: list[Mention],
    focus: Counter,
    areas: list[Entry] | None = None,
    cues: frozenset[str] = frozenset(),
    lines: tuple[ContactLine, ...] = (),
) -> list[Mention]:
    """Resolve every mention; return those the evidence supports.

    First pass: containers first, country focus from countries, demonyms and names found in
    one country only. Unsupported matches are then dropped from the focus, and a second pass
    adds nearness to the places already chosen.
    """
    counts = Counter(focus)
    for m in mentions:
        # villages found loosely say nothing here: every name has namesakes in 37 countries
        ccs = {e.cc for e, _ in m.entries if e.cc and e.id not in m.loose_ids}
        if len(ccs) == 1:
            counts[next(iter(ccs))] += 1
    for m in mentions:
        # "Novotroitske, Donetsk", "Opytne (Donetsk)"; not "Desnianskyi district of Kyiv",
        # where the unit word before 'of' already says what the first name is
        m.holds = [o for o in mentions if m in o.containers and m.start - o.end == 1]
    order = sorted(mentions, key=lambda m: (not m.container_pos, m.start))
    shares = _focus_shares(counts)
    areas = areas or []
    for m in order:
        _choose(m, shares, areas, areas, lines)
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
        _choose(m, shares, anchors + areas, areas, lines)
    kept = [
        m
        for m in mentions
        if _supported(m, _shares_without(counts, m), _alone(kept, m), cues)
        and not _outside_containers(m)
        and not _foreign_building(m, mentions)
        and not _outside_areas(m, areas)
    ]
    return [
        m
        for m in kept
        if not _stray_subplace(m, kept) and not _far_alias(m, kept) and not _far_village(m, kept)
    ]


def _is_village(m: Mention, e: Entry) -> bool:
    """A reading of the kind that has namesakes everywhere: a WOF-only or tiny place (a
    town found by a loose spelling, 'Avdivka' for Avdiivka, is still a town)."""
    return e.feature == "city" and (e.source == "wof" or e.population < _VILLAGE_POP)


def _far_village(m: Mention, kept: list[Mention]) -> bool:
    """'Residents of Beni buried victims ... in the villages of Masala and Mahihi': not the
    Masala 1,000 km away in Katanga, the only one the index has. A village named without a
    unit that holds it must lie within ``_FAR_VILLAGE_KM`` of a town or unit the article names
    (villages do not vouch for each other); otherwise the index lacks the one meant."""
    e = m.choice
    if e is None or not _is_village(m, e) or m.containers or m.orphan_in is not None:
        return False
    anchors = [
        o.choice
        for o in kept
        if o is not m
        and o.key != m.key
        and o.choice is not None
        and o.choice.feature in {"city", "admin2", "admin1", "region"}
        and not _is_village(o, o.choice)
    ]
    if not anchors:
        return False
    return all(_km_outside(a, e) > _FAR_VILLAGE_KM for a in anchors)


def _km_outside(unit: Entry, e: Entry) -> float:
    """How far a place lies from a town, or outside a unit's radius."""
    dist = haversine_km(unit.lat, unit.lon, e.lat, e.lon)
    if unit.feature in {"admin1", "region"} and unit.radius_km:
        return max(0.0, dist - unit.radius_km)
    return dist


_VILLAGE_POP = 1_000
_FAR_VILLAGE_KM = 300.0


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


def _role(doc: Doc, m: Mention, entry: Entry, lex: Lexicon) -> str:
    """'metonym' for a capital or country standing for its government."""
    is_capital = lex.capitals.get(m.key) == entry.cc and entry.feature == "city"
    if not is_capital and entry.feature != "country":
        return "location"
    if m.hint is not None:
        return "location"
    if _state_participle_after(doc, m.end):
        return "metonym"  # "Moscow-annexed Crimea", "Kyiv-controlled territory"
    head = doc[m.end - 1]
    if head.dep_ == "poss" and _names_place_part(head.head, lex):
        return "location"  # "Beirut's Hamra district", "Kyiv's suburbs": part of the town
    head = _head_of_conjuncts(head)
    if head.dep_ in _METONYM_DEPS:
        return "metonym"
    if head.dep_ == "pobj" and head.head.lower_ in _METONYM_PREPS and is_capital:
        return "metonym"
    return "location"


def _state_participle_after(doc: Doc, end: int) -> bool:
    """A capital or country joined by a hyphen to a participle ("Moscow-annexed",
    "Kremlin-backed"): the state that did it, in a modifier of another place."""
    if end + 1 >= len(doc) or doc[end].text != "-" or doc[end - 1].whitespace_:
        return False
    word = doc[end + 1]
    return word.tag_ == "VBN" or (word.is_lower and word.lower_.endswith("ed"))


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


def _share_cues(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """'gains in Bakhmut and Avdivka', 'fighting around Bakhmut or Soledar': a name joined by
    'and' or 'or' to a place right after a locative word shares that word, whatever the
    tagger made of it. Only forward, from a locative word: 'The White House and the UK
    government' gives the White House no cue (and a comma often puts a province after its
    town: no share)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in itertools.pairwise(ordered):
        if doc[a.start].sent != doc[b.start].sent or b.start <= a.end or b.cue:
            continue
        between = " ".join(t.lower_ for t in doc[a.end : b.start])
        if between.removesuffix(" the") not in {"and", "or", ", and", ", or"}:
            continue
        if a.conjunct or _after_locative(doc, a, lex):
            b.cue = b.conjunct = True


def _after_locative(doc: Doc, m: Mention, lex: Lexicon) -> bool:
    i = m.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ in lex.locative_before


def extract_places(doc: Doc, article: Article) -> list[Place]:
    """Every toponym of the article, resolved, in text order."""
    gaz = get_gazetteer()
    lex = get_lexicon()
    mentions, focus, cues = _find_mentions(doc, gaz, lex)
    _unit_hints(doc, mentions, lex)
    _share_cues(doc, mentions, lex)
    _link_containers(doc, mentions, lex)
    _link_peers(doc, mentions)
    areas = _area_anchors(doc, gaz, lex)
    kept = _resolve(mentions, focus, areas, cues, _contact_lines_named(doc, lex))
    kept = _add_misspelt_towns(doc, mentions, kept, gaz, lex)
    kept = _add_misspelt_big_towns(doc, mentions, kept, gaz, lex)
    return [_to_place(doc, m, gaz, lex) for m in kept]
