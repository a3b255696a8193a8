"""Containment between mentions: "Severodonetsk, Luhansk", bracketed provinces, listed peers."""

from __future__ import annotations

from spacy.tokens import Doc

from frontwire.extract.places.lexicon import Lexicon
from frontwire.extract.places.mentions import Mention, _contains, _starts_name


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
