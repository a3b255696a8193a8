"""Scanning a text with the rule table: matches, names that only look like dates, cue words
around a match, and resolving one match to a TimeExpr.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontwire.extract.times.dates import start_date
from frontwire.extract.times.handlers import _Ctx, _Res
from frontwire.extract.times.rules import _RULES
from frontwire.extract.times.words import _WORDS, _alt
from frontwire.model import TimeExpr

_SINCE = re.compile(r"(?:" + _alt(_WORDS["open_range_prefixes"]) + r")\s+$")
_APPROX_BEFORE = re.compile(r"(?<![\w])(?:" + _alt(_WORDS["approximate_prefixes"]) + r")\s+$")
_APPROX_AFTER = re.compile(r"^\s*(?:" + _alt(_WORDS["approximate_suffixes"]) + r")")
_FUTURE_BEFORE = re.compile(r"(?<![\w])(?:" + _alt(_WORDS["future_cues"]) + r")\s+$")
_FROM_BEFORE = re.compile(
    r"(?<![\w])(?:" + _alt(_WORDS["future_from_cues"]) + r")\s+(?:(?i:on)\s+)?$"
)
_FUTURE_WORDS = re.compile(
    r"(?<![\w’'])(?:" + _alt(_WORDS["future_auxiliaries"]) + r"|(?i:going\s+to))(?![\w])"
)


@dataclass
class _Found:
    start: int
    end: int
    rule: int
    match: re.Match[str]


_NAME_AFTER = re.compile(r"^\s+(?:" + _alt(_WORDS["name_heads"]) + r")(?![a-z])")
_YEARLESS_DAY_RULES = {"date_dm", "date_md", "date_ordinal_words"}


def _is_name(text: str, start: int, end: int, rule: str, match: re.Match[str]) -> bool:
    """'July 7 neighbourhood', 'the October revolution', 'at 7 July': names, not dates."""
    if _NAME_AFTER.match(text[end : end + 30]):
        return True
    return (
        rule in _YEARLESS_DAY_RULES
        and not match["y1"]
        and re.search(r"(?i)\bat\s+$", text[max(0, start - 4) : start]) is not None
    )


def _scan(text: str) -> list[_Found]:
    """Every rule's matches, then the longest that do not overlap (earlier rule on a tie)."""
    found, names = [], []
    for i, (name, pattern, _) in enumerate(_RULES):
        for m in pattern.finditer(text):
            if _is_name(text, m.start(), m.end(), name, m):
                names.append((m.start(), m.end()))
            elif m.end() > m.start():
                found.append(_Found(m.start(), m.end(), i, m))
    # what overlaps a name is part of it ("of July" in "area of July 7 neighbourhood")
    found = [f for f in found if all(f.end <= s or f.start >= e for s, e in names)]
    found.sort(key=lambda f: (-(f.end - f.start), f.rule, f.start))
    taken: list[_Found] = []
    for f in found:
        if all(f.end <= t.start or f.start >= t.end for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f.start)


def _resolve(text: str, found: _Found, ctx: _Ctx) -> TimeExpr | None:
    """One match -> a TimeExpr.

    Without a publication date what needs one stays in the list, unresolved (value None,
    precision unknown); with one, a match that still does not resolve ("31 June", "2016-2014")
    is not a time expression and gives None.
    """
    _, _, handler = _RULES[found.rule]
    start, end = found.start, found.end
    try:
        res = handler(found.match, ctx)
    except (ValueError, OverflowError, KeyError):  # impossible calendar arithmetic
        res = None
    if res is None or (res.value is None and res.precision not in ("duration", "unknown")):
        if ctx.published is not None:
            return None
        return TimeExpr(text[start:end], start, end, None, "unknown")
    if res.value is None and res.precision == "unknown":  # a day the text does not give
        return TimeExpr(text[start:end], start, end, None, "unknown")
    before = text[max(0, start - 30) : start]
    if res.precision != "duration" and (since := _SINCE.search(before)):
        # "since 2014": an open range from the value on
        start = max(0, start - 30) + since.start()
        res = _Res(res.value, "range", None, False)
    elif res.precision == "day" and res.end_value is None:
        approx = _APPROX_BEFORE.search(before)
        after = _APPROX_AFTER.match(text[end : end + 20])
        if approx or after:  # "around 9 May", "On 2 May 2020 (or around)"
            if approx:
                start = max(0, start - 30) + approx.start()
            if after:
                end += after.end()
            res = _Res(res.value, "week", None, res.future)
    first = start_date(res.value)
    future = res.future or bool(
        ctx.published and first and res.precision != "duration" and first > ctx.published
    )
    if ctx.verb_future and ctx.published and first and first >= ctx.published:
        future = True  # "will decide today"
    return TimeExpr(text[start:end], start, end, res.value, res.precision, res.end_value, future)
