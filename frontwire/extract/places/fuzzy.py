"""Misspelt town names read inside the unit named right after them (``_add_misspelt_towns``)
or, for provinces and sizeable towns, inside the article's country (``_add_misspelt_big_towns``).

Coders and reporters misspell and transliterate freely ("Culianca, Sinaloa" for Culiacan,
"Kotdiji town (Khairpur, Sindh)" for Kot Diji). A name the index does not know at all is
compared, letter by letter, with the towns of the province the note names right after it
(a few thousand names at most), never with the whole index: one spelling slip away inside
a province is a reading, one slip away anywhere on earth is noise.
"""

from __future__ import annotations

import difflib
from collections import Counter

from spacy.tokens import Doc

from frontwire.extract.places.lexicon import Lexicon, english_words
from frontwire.extract.places.mentions import Mention, _ent_label, _starts_name
from frontwire.gazetteer.fold import fold
from frontwire.gazetteer.index import Entry, Gazetteer
from frontwire.geo import haversine_km

#: difflib ratio a misspelling must reach, and its lead over a different town's name.
_MIN_RATIO = 0.8
_MIN_LEAD = 0.05
_MAX_NAME_TOKENS = 4
#: Towns a reporter names without their province, and how close a slip must be for them.
_BIG_TOWN = 20_000
_BIG_RATIO = 0.85
#: How far from a district's seat its villages lie (a territory of DR Congo spans ~100 km).
_DISTRICT_KM = 60.0


def _unknown_name_before(
    doc: Doc, k: int, taken: set[int], lex: Lexicon
) -> tuple[int, int] | None:
    """The capitalised run ending right before token ``k`` (a ',' or '('), skipping one
    part-of-place word ("Kotdiji town (", "Okpanan town ("); None if any token is taken."""
    j = k
    if j > 0 and doc[j - 1].lower_ in lex.city_after | lex.near_after:
        j -= 1
    end = j
    i = j
    while i > 0 and end - (i - 1) <= _MAX_NAME_TOKENS:
        tok = doc[i - 1]
        if tok.i in taken or not (_starts_name(tok) or tok.text == "-" or tok.lower_ == "de"):
            break
        i -= 1
    while i < end and not _starts_name(doc[i]):
        i += 1  # a run starts with a capital ("de Tuxtla" alone is no name)
    if i >= end or any(t in taken for t in range(i, end)):
        return None
    return i, end


def _best_town(key: str, towns: list[Entry], least: float = _MIN_RATIO) -> Entry | None:
    """The town whose name is clearly the closest spelling of ``key``, if close enough."""
    scored = sorted(
        ((difflib.SequenceMatcher(None, key, fold(e.name)).ratio(), e) for e in towns),
        # a town before the unit of its name, as the resolver reads a bare name ('Kharkiv')
        key=lambda se: (-se[0], se[1].feature != "city", -se[1].population),
    )
    if not scored or scored[0][0] < least:
        return None
    best_ratio, best = scored[0]
    for ratio, other in scored[1:]:
        if best_ratio - ratio >= _MIN_LEAD:
            break
        if fold(other.name) != fold(best.name):
            return None  # two towns about as close: no guess
    return best


def _add_misspelt_towns(
    doc: Doc, mentions: list[Mention], kept: list[Mention], gaz: Gazetteer, lex: Lexicon
) -> list[Mention]:
    """Mentions for unknown names written right before a kept province or district
    ("in Culianca, Sinaloa", "Okpanan town (Oshimili North, Delta)"), read as the town of
    that unit whose name is one slip away; ``kept`` with them added, in text order."""
    taken = {t for m in mentions for t in range(m.start, m.end)}
    by_start = {m.start: m for m in kept}
    added: list[Mention] = []
    for unit in kept:
        e = unit.choice
        if e is None or not e.cc or e.feature not in {"admin1", "admin2", "city"}:
            continue
        k = unit.start - 1
        if k < 1 or doc[k].text not in {",", "("}:
            continue
        if e.feature == "city" and not _holds_next(doc, unit, by_start):
            continue  # a town names a district only when its province follows
        span = _unknown_name_before(doc, k, taken, lex)
        if span is None or (span[0] > 0 and doc[span[0] - 1].text == "("):
            continue  # "(Khwlan, Sanaa)": the bracket's first name is a district, no town
        key = fold(doc[span[0] : span[1]].text)
        if len(key.replace(" ", "")) < 5 or key in lex.stopnames:
            continue
        province = gaz.admin1_of(e)
        if province is None:
            continue
        towns = [
            t for t in gaz.places_in(e.cc, province.name) if t.id != e.id and _near_unit(t, e)
        ]
        town = _best_town(key, towns)
        if town is None:
            continue
        m = Mention(start=span[0], end=span[1], key=key, entries=[(town, True)])
        m.choice, m.main, m.cue = town, True, True
        m.containers = [unit]
        added.append(m)
        taken.update(range(span[0], span[1]))
    return sorted([*kept, *added], key=lambda m: m.start)


def _near_unit(town: Entry, unit: Entry) -> bool:
    """Inside a district's reach: '(Kalehe, Sud-Kivu)' names a territory around Kalehe, not
    all of the province (whose towns ``places_in`` lists)."""
    if unit.feature == "admin1":
        return True
    reach = _DISTRICT_KM if unit.feature == "city" else (unit.radius_km or _DISTRICT_KM) + 20
    return haversine_km(town.lat, town.lon, unit.lat, unit.lon) <= reach


def _holds_next(doc: Doc, unit: Mention, by_start: dict[int, Mention]) -> bool:
    """'(Khairpur, Sindh)': the town is followed by ', ' and a province holding it."""
    k = unit.end
    if k >= len(doc) or doc[k].text != ",":
        return False
    nxt = by_start.get(k + 1)
    return (
        nxt is not None
        and nxt.choice is not None
        and nxt.choice.feature == "admin1"
        and unit.choice is not None
        and nxt.choice.cc == unit.choice.cc
        and nxt.choice.a1code == unit.choice.a1code
    )


def _add_misspelt_big_towns(
    doc: Doc, mentions: list[Mention], kept: list[Mention], gaz: Gazetteer, lex: Lexicon
) -> list[Mention]:
    """'retook territory near Kharkhiv': a one-word name the index lacks, right after a
    locative word, read as a province or sizeable town of the article's country one slip
    away. Only the country most of the article's places lie in is searched, and only its
    units and towns of ``_BIG_TOWN`` people or more, which reporters name without a unit."""
    ccs = Counter(m.choice.cc for m in kept if m.choice is not None and m.choice.cc)
    if not ccs:
        return kept
    top = max(ccs.values())
    focus = [cc for cc, n in ccs.items() if n == top]  # "Russia shelled Ukraine": both
    taken = {t for m in mentions for t in range(m.start, m.end)}
    added: list[Mention] = []
    towns: list[Entry] | None = None
    for tok in doc:
        if tok.i in taken or tok.i == 0 or not _starts_name(tok) or not tok.is_alpha:
            continue
        if doc[tok.i - 1].lower_ not in lex.locative_before or tok.is_sent_start:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and _starts_name(nxt):
            continue  # one word only: "in Kyivstar Tower" is another name
        if _unit_slot_after(doc, tok.i + 1, lex):
            continue  # "Katarpura village (Dhar, ...)": the unit named after it says where
        label, _ = _ent_label(doc, tok.i, tok.i + 1)
        key = fold(tok.text)
        if (
            label in {"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}
            or len(key) < 5
            or key in lex.stopnames
            or key in lex.demonyms
            or tok.lower_ in english_words(("noun", "verb", "adj", "adv"))
        ):
            continue
        if towns is None:
            towns = [t for cc in focus for t in gaz.towns_of(cc, _BIG_TOWN)]
            towns += [u for (ucc, _), u in gaz.admin1.items() if ucc in focus]
        town = _best_town(key, towns, _BIG_RATIO)
        if town is None:
            continue
        m = Mention(start=tok.i, end=tok.i + 1, key=key, entries=[(town, True)])
        m.choice, m.main, m.cue = town, True, True
        added.append(m)
    return sorted([*kept, *added], key=lambda m: m.start) if added else kept


def _unit_slot_after(doc: Doc, k: int, lex: Lexicon) -> bool:
    """',' or '(' at token ``k``, or after one part-of-place word ('village (')."""
    if k < len(doc) and doc[k].lower_ in lex.city_after | lex.near_after:
        k += 1
    return k < len(doc) and doc[k].text in {",", "("}
