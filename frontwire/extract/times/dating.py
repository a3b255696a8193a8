"""``date_for_span``: which expression dates an event or a speech act (its clause, sentence,
paragraph), and dates carried through "two days after ..." links.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Token

from frontwire.extract.context import doc_text, per_doc
from frontwire.extract.times.dates import DateChoice, _number, _shift, _unit, end_date, start_date
from frontwire.extract.times.tense import _clause_at, _governing_verb, _root_index
from frontwire.extract.times.words import _UNITS, _WORDS
from frontwire.model import TimeExpr


def _dates_events(t: TimeExpr, published: date | None) -> bool:
    """Can this expression date a reported (past) event? Not durations, futures, open ranges."""
    if t.value is None or t.precision in ("duration", "unknown") or t.future:
        return False
    if t.precision == "range" and t.end_value is None:
        return False
    first = start_date(t.value)
    return first is not None and (published is None or first <= published)


def _choice(t: TimeExpr, published: date | None) -> DateChoice | None:
    first = start_date(t.value)
    if first is None:
        return None
    if t.precision == "day":
        return DateChoice(first.isoformat(), None, 1, t, False)
    last = end_date(t.end_value) if t.end_value else end_date(t.value)
    if t.precision == "week" and not t.end_value:
        last = None
    if last is not None and published is not None and last > published:
        last = max(first, published)  # a reported event happened by publication
    if t.precision == "week":
        precision = 2
    elif t.precision == "range" and len(t.value or "") == 10 and last is not None:
        days = (last - first).days
        precision = 1 if days == 0 else 2 if days <= 7 else 3
    else:
        precision = 3
    end = last.isoformat() if last is not None and last != first else None
    return DateChoice(first.isoformat(), end, precision, t, False)


def _other_conjunct(doc: Doc, root: int, t_root: int) -> bool:
    """The expression dates a verb coordinated with the event's own ("killed five million
    people and was recognised as a genocide earlier this week"): the second verb's time."""
    if t_root < 0:
        return False
    for conj in _governing_verb(doc[root]).children:
        if conj.dep_ == "conj" and conj.pos_ in ("VERB", "AUX"):
            inside = {t.i for t in conj.subtree}
            if t_root in inside and root not in inside:
                return True
    return False


def _distance(t: TimeExpr, start: int, end: int) -> int:
    if t.start < end and start < t.end:
        return 0
    return t.start - end if t.start >= end else start - t.end


_PRECISION_RANK = {"day": 0, "week": 1, "range": 2, "month": 3, "year": 4}

_EVENT_LINKS: dict[str, int] = _WORDS["event_links"]
#: Where the search for an "after"/"before" phrase above an event stops: another speaker's
#: or another sentence's clause is not the event's own.
_LINK_STOP_DEPS = {"ccomp", "parataxis", "csubj", "csubjpass", "advcl", "ROOT"}


@dataclass
class _Link:
    """'two days after [an attack]': the phrase that dates one event against another."""

    head_start: int  # the token the phrase hangs on (its date is the other event's),
    head_end: int  # as character offsets: the link is memoised on the Doc
    inner: set[int]  # token indices of the linked event's own words
    sign: int  # -1: the linked event is earlier than the head's
    amount: float  # the count, in units (0 for "hours after")
    unit: str
    start: int  # character offsets of "two days after"
    end: int


_COUNT_DEPS = ("nummod", "det", "quantmod")


def _link_count(
    candidates: Iterable[Token], *, any_dep: bool = False
) -> tuple[float, str, Token] | None:
    """The count of a link ("two days", "a week", "hours"), or None when none is given."""
    for c in candidates:
        if (c.dep_ != "npadvmod" and not any_dep) or _unit(c.lower_) not in _UNITS:
            continue
        unit = _unit(c.lower_)
        words = [k for k in c.children if k.dep_ in _COUNT_DEPS]
        amount = _number(" ".join(k.text for k in words)) if words else None
        if amount is None and "hours" in _UNITS[unit]:
            amount = 1.0  # "hours after the blast": the same day
        if amount is not None:
            return amount, unit, c
    return None


def _link_above(doc: Doc, index: int) -> _Link | None:
    """The counted 'after'/'before' phrase whose object holds token ``index``, if any.

    "two days after an attack" (a preposition and its object) and "a day after a bomber
    struck" (a subordinate clause) both say when the named event was against the date of
    the clause they hang on; a phrase without a count ("after an attack") says too little.
    """
    links: dict[int, _Link | None] = per_doc(doc, _LINKS_KEY, dict)
    if index not in links:
        links[index] = _find_link(doc, index)
    return links[index]


_LINKS_KEY = "frontwire_times_links"


def _find_link(doc: Doc, index: int) -> _Link | None:
    """``_link_above`` without the memo: climb from the token to the first clause edge."""
    node = doc[index]
    for _ in range(40):
        dep = node.dep_
        mark = None
        if dep == "advcl":
            mark = next(
                (c for c in node.children if c.dep_ == "mark" and c.lower_ in _EVENT_LINKS), None
            )
        if mark is not None:
            word, head, inner_root = mark, node.head, node
            count = _link_count([*mark.children, *node.children])
            if count is None:  # "came one week after two people were killed"
                count = _link_count(c for c in node.head.children if c.i < mark.i)
        elif dep == "prep" and node.lower_ in _EVENT_LINKS and node.i != index:
            word, head, inner_root = node, node.head, None
            count = _link_count(node.children)
            if count is None and (count := _link_count([node.head], any_dep=True)):
                head = node.head.head  # "a day before the vote", the count as the head
            if count is None:  # "the blasts come one week after ...": the count on the verb
                count = _link_count(c for c in node.head.children if c.i < node.i)
        elif node.head.i == node.i:
            return _root_link(doc, node, index)
        elif dep in _LINK_STOP_DEPS and not _participle_adjunct(node):
            return None
        else:
            node = node.head
            continue
        if count is None:
            return None
        amount, unit, counter = count
        if inner_root is None:
            inner = {t.i for c in word.children if c.i != counter.i for t in c.subtree}
        else:
            inner = {t.i for t in inner_root.subtree} - {t.i for t in counter.subtree}
        if head.dep_ == "ROOT" and head.i < word.i:
            # "X came a week after one person was killed ... in explosions at an airbase":
            # after the main verb, the rest of the sentence is the earlier event, however
            # the parser hung its last phrases
            inner |= set(range(word.i + 1, head.sent.end))
        own = [counter, word, *(k for k in counter.children if k.dep_ in _COUNT_DEPS)]
        start = min(k.idx for k in own)
        end = max(k.idx + len(k) for k in own)
        sign = _EVENT_LINKS[word.lower_]
        return _Link(head.idx, head.idx + len(head), inner, sign, amount, unit, start, end)
    return None


def _participle_adjunct(node: Token) -> bool:
    """ "..., killing 20 people": an -ing clause with no mark of its own goes on with the
    clause it hangs on, so it shares that clause's date."""
    return (
        node.dep_ == "advcl"
        and node.tag_ == "VBG"
        and not any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in node.children)
    )


def _root_link(doc: Doc, root: Token, index: int) -> _Link | None:
    """A counted link on the main verb before the token whose sentence-long scope holds it.

    "The blasts come one week after one person was killed and five more injured in
    explosions at an airbase": the parser hangs "explosions" outside the "after" phrase.
    """
    for child in root.children:
        if child.i >= index:
            break
        if child.dep_ == "prep" and child.lower_ in _EVENT_LINKS:
            inside = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
        elif child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _EVENT_LINKS for c in child.children
        ):
            inside = child
        else:
            continue
        if inside is None or inside.i == index:
            continue
        link = _find_link(doc, inside.i)
        if link is not None and index in link.inner:
            return link
    return None


def _shifted(choice: DateChoice, link: _Link, sign: int, text: str) -> DateChoice | None:
    """``choice`` moved by the link's count (sign -1: back), dated by the link's words."""
    first = start_date(choice.value)
    if first is None:
        return None
    value = _shift(first, sign * link.amount, link.unit)
    last = start_date(choice.end_value) if choice.end_value else None
    end = _shift(last, sign * link.amount, link.unit).isoformat() if last else None
    words = TimeExpr(text[link.start : link.end], link.start, link.end, value.isoformat(), "day")
    return DateChoice(value.isoformat(), end, choice.time_precision, words, False, linked=True)


def _linked_date(
    doc: Doc, times: list[TimeExpr], usable: list[TimeExpr], link: _Link, published: date | None
) -> DateChoice | None:
    """The date of an event named inside 'two days after ...'.

    Its own date comes first ("two days after an attack on 17 September"); else the date
    of the clause the phrase hangs on, moved by the count: the event that is "after"
    something is the later one, so the attack is two days before the burial.
    """
    text = doc_text(doc)
    own = [
        t
        for t in usable
        if (r := _root_index(doc, t.start, t.end)) >= 0 and r in link.inner and t.end <= len(text)
    ]
    if own:
        choice = _choice(min(own, key=lambda t: t.start), published)
        if choice is not None:
            return choice
    anchor = date_for_span(doc, times, link.head_start, link.head_end, published)
    if anchor is None:
        return None
    shifted = _shifted(anchor, link, link.sign, text)
    if shifted is not None and anchor.is_default:
        # "The explosions come a week after ...": the clause reports the news of the day,
        # so the earlier event is about a week before publication, not on it
        shifted = replace(shifted, time_precision=2)
    return shifted


def _through_link(doc: Doc, t: TimeExpr, span_root: int, text: str) -> _Link | None:
    """The link a chosen date sits in when the event is not inside that link's phrase.

    "Police arrested them two days after the attack on Monday": Monday dates the attack,
    and the arrest is two days later.
    """
    t_root = _root_index(doc, t.start, t.end) if 0 <= t.start < t.end <= len(text) else -1
    if t_root < 0:
        return None
    link = _link_above(doc, t_root)
    if link is None or t_root not in link.inner or span_root in link.inner:
        return None
    return link


def _nearest(candidates: list[TimeExpr], start: int, end: int) -> TimeExpr | None:
    if not candidates:
        return None
    return min(candidates, key=lambda t: (_distance(t, start, end), t.start))


def date_for_span(
    doc: Doc, times: list[TimeExpr], start: int, end: int, published: date | None
) -> DateChoice | None:
    """The date governing the event or speech act written at ``[start, end)``.

    In order: a time expression in the same clause (the subtree of the trigger's head verb,
    less embedded clauses), then in the same sentence (nearest first), then the paragraph's
    reported date (the last dated expression before the span, else the first after it);
    else the publication date with ``is_default`` True and time_precision 3. Durations,
    future expressions and open ranges ("since 2014") never date an event; a future or
    unresolvable expression in the clause itself ("will mobilise from Monday", "yesterday"
    with no publication date) stops the search at the default. None only when there is no
    publication date and nothing in the text dates the span.
    """
    text = doc_text(doc)
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while end > start and text[end - 1].isspace():
        end -= 1  # a sentence span ends with the blank line after it: that line is not
        # inside the paragraph, so the next paragraph's dates must not count as "after"
    usable = [t for t in times if _dates_events(t, published) and 0 <= t.start < t.end <= len(text)]
    usable_ids = {id(t) for t in usable}
    chosen = None
    blocked = False
    root = _root_index(doc, start, end if end > start else min(start + 1, len(text)))
    if root >= 0 and (link := _link_above(doc, root)) is not None:
        linked = _linked_date(doc, times, usable, link, published)
        if linked is not None:
            return linked
    if root >= 0:
        clause = _clause_at(doc, root)
        ranked = []
        for t in times:
            t_root = _root_index(doc, t.start, t.end) if 0 <= t.start < t.end <= len(text) else -1
            if t_root < 0 or t_root not in clause:
                continue
            if id(t) in usable_ids:
                # the most direct modifier of the verb, then the most precise, then the nearest
                key = (
                    clause[t_root],
                    _PRECISION_RANK.get(t.precision, 5),
                    _distance(t, start, end),
                )
                ranked.append((key, t.start, t))
            elif t.future or t.precision == "unknown":
                # the clause's own time is ahead of publication or cannot be resolved: no
                # other date in the text is this event's
                blocked = True
        chosen = min(ranked, key=lambda r: (r[0], r[1]))[2] if ranked else None
        if chosen is None and not blocked and usable:
            sent = doc[root].sent
            in_sentence = [
                t
                for t in usable
                if sent.start_char <= t.start < sent.end_char
                and not _other_conjunct(doc, root, _root_index(doc, t.start, t.end))
            ]
            chosen = _nearest(in_sentence, start, end)
        if chosen is not None and (link := _through_link(doc, chosen, root, text)) is not None:
            own = _choice(chosen, published)
            if own is not None and (shifted := _shifted(own, link, -link.sign, text)):
                return shifted
    if chosen is None and not blocked and usable:
        para_start = text.rfind("\n", 0, start) + 1
        para_end = text.find("\n", end)
        para_end = len(text) if para_end < 0 else para_end
        before = [t for t in usable if para_start <= t.start and t.end <= start]
        after = [t for t in usable if t.start >= end and t.end <= para_end]
        if before:
            chosen = max(before, key=lambda t: t.start)
        elif after:
            chosen = min(after, key=lambda t: t.start)
    if chosen is not None and (choice := _choice(chosen, published)) is not None:
        return choice
    if published is None:
        return None
    return DateChoice(published.isoformat(), None, 3, None, True)
