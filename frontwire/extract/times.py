"""Time expressions: find them, put them on the calendar, and date events by them.

News rarely gives full dates ("yesterday morning", "On Sunday", "23 and 24 June",
"overnight", "since 2014", "within 48 hours"). This module

* finds time expressions with its own grammar (the NER's DATE/TIME labels split
  "23 and 24 June" and miss others; they are only a fallback for odd absolute forms),
* normalises each to a ``TimeExpr``: ``value`` (YYYY-MM-DD, or YYYY-MM / YYYY for coarser
  ones; None for durations and for what cannot be resolved), ``end_value`` for ranges and
  ``precision`` (day, week, month, year, range, duration, unknown), and
* dates an event or a speech act by the expression that governs it (``date_for_span``).

Absolute forms the grammar reads into day, month and year ("9 May 2020", "May 9th, 2020")
are checked on the calendar; the others ("12/06/2022", NER dates) go to dateparser.
What dateparser does not know, the news anchoring, is done here, the way a careful
editor reads an article published on a known day:

* a bare weekday is the most recent such day on or before publication, unless a cue
  ("next", "coming", "from Monday", "by Friday") or the governing verb ("will") says future;
* parts of day keep their date ("Sunday evening"); a night is named after its evening
  (``value``) and carries the next morning as ``end_value``; "last night" and "overnight"
  are the night before publication;
* a date without a year takes the year that puts it nearest publication (on the side the
  verb's tense allows, when the tense is clear);
* durations ("within 48 hours", "for several weeks") are durations and never date events;
  "since 2014" is an open range (``precision`` range, no ``end_value``);
* "the next day", "two days later" count from the last dated expression before them, and
  are past when that day is; with nothing dated before them in a past narrative ("the blast
  came two days later") the day is unknown, not publication plus two;
* "late on Thursday" is Thursday's night (value Thursday, end_value Friday), "early on
  Friday" that night's morning (Friday); "overnight" right after a named night is that night;
* an event named inside "two days after ..." / "a day before ..." takes its own date if the
  phrase gives one, else the date of the clause the phrase hangs on, moved by the count
  ("buried them on Thursday, two days after an attack": the attack is Tuesday's).

Without a publication date nothing relative is resolved (``value`` None, ``precision``
unknown); absolute dates with a year still are.

The words (month and weekday names, parts of day, cue words, number words) live in
``frontwire/ontology/time_words.json``.
"""

from __future__ import annotations

import calendar
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span, Token

from frontwire.model import Article, TimeExpr
from frontwire.nlp import doc_text, per_doc

log = logging.getLogger(__name__)

_WORDS = json.loads(
    (Path(__file__).resolve().parent.parent / "ontology" / "time_words.json").read_text(
        encoding="utf-8"
    )
)

#: Tag an event gets when its date is the publication date by default, not from the text.
DEFAULT_DATE_TAG = "date: publication date (default)"


@dataclass
class DateChoice:
    """The date an event (or a speech act) takes, and where it comes from."""

    value: str  # ISO date YYYY-MM-DD (event_date)
    end_value: str | None  # last day, for ranges (date_end)
    time_precision: int  # ACLED: 1 day, 2 week or range within a week, 3 month or vaguer
    time: TimeExpr | None  # the governing expression, None when defaulted
    is_default: bool  # True when we fell back to the publication date


# ---------------------------------------------------------------------------------------
# Word lists -> regular expressions


def _alt(words: Iterable[str], *, ignore_case: bool = True) -> str:
    """An alternation of phrases, longest first, any run of spaces between words.

    Written as a prefix tree ("seven(?:teen|ty)?"): the regex engine tries each branch
    of a flat list in turn at every word start, for every rule over every article, and
    that was most of the scanning time. It matches what the flat longest-first list
    matched: phrases that can match at one place are prefixes of one another, and the
    tree tries the longer first.
    """
    tree: dict[str, dict] = {}
    for word in set(words):
        node = tree
        for char in word:
            unit = r"\s+" if char == " " else re.escape(char)
            if ignore_case and char.isascii():
                unit = unit.lower()  # one branch for "S" and "s": (?i) matches both alike
            node = node.setdefault(unit, {})
        node[""] = {}  # a phrase ends here
    body = _tree_pattern(tree)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def _tree_pattern(node: dict[str, dict]) -> str:
    """The regex of a prefix-tree node: its branches, then (optionally) the end here."""
    branches = [unit + _tree_pattern(child) for unit, child in node.items() if unit]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return (body if len(branches) > 1 else "(?:" + body + ")") + "?"


def _capitalised(names: Iterable[str]) -> list[str]:
    return [v for n in names for v in (n.capitalize(), n.upper())]


def _lookbehind(words: Iterable[str]) -> str:
    """Zero-width: the text just before is one of ``words`` and a space (or a hyphen)."""
    # One look-behind per width (Python's must be fixed-width), not one per word.
    by_width: dict[tuple[int, str], list[str]] = {}
    for w in set(words):
        sep = "" if w.endswith("-") else r"\s"
        by_width.setdefault((len(w), sep), []).append(re.escape(w))
    parts = [
        f"(?<=\\b(?i:{'|'.join(sorted(escaped))}){sep})"
        for (_, sep), escaped in sorted(by_width.items(), reverse=True)
    ]
    return "(?:" + "|".join(parts) + ")"


_MONTHS: dict[str, int] = {**_WORDS["months"], **_WORDS["month_abbreviations"]}
_WEEKDAYS: dict[str, int] = {**_WORDS["weekdays"], **_WORDS["weekday_abbreviations"]}
_ORDINALS: dict[str, int] = _WORDS["ordinal_words"]
_NUMBERS: dict[str, float] = _WORDS["number_words"]
_TENS: dict[str, int] = _WORDS["tens_words"]
_UNITS: dict[str, dict] = _WORDS["units"]
_PARTS: dict[str, str] = _WORDS["parts_of_day"]
_RELATIVE_DAYS: dict[str, int] = _WORDS["relative_days"]
_SEASONS: dict[str, list[int]] = _WORDS["seasons"]
_HOLIDAYS: dict[str, str] = _WORDS["holidays"]
_RECENT: dict[str, list[float]] = _WORDS["recent"]

_MONTH_RE = (
    "(?:"
    + "|".join(sorted(_capitalised(_WORDS["months"]), key=len, reverse=True))
    + "|(?:"
    + "|".join(sorted(_capitalised(_WORDS["month_abbreviations"]), key=len, reverse=True))
    + r")\.?)(?![A-Za-z])"
)
_MONTH_FULL_RE = (
    "(?:"
    + "|".join(sorted(_capitalised(_WORDS["months"]), key=len, reverse=True))
    + ")(?![A-Za-z])"
)
_WEEKDAY_RE = (
    "(?:"
    + "|".join(sorted(_capitalised(_WORDS["weekdays"]), key=len, reverse=True))
    + "|(?:"
    + "|".join(sorted(_capitalised(_WORDS["weekday_abbreviations"]), key=len, reverse=True))
    + r")\.)(?![a-z])"
)
_UNIT_NAMES = "|".join(sorted(_UNITS, key=len, reverse=True))
_DIGIT_WORDS = {w: int(v) for w, v in _NUMBERS.items() if " " not in w and v in range(1, 10)}
_DIGIT_WORDS = {w: v for w, v in _DIGIT_WORDS.items() if w not in ("a", "an")}

_P: dict[str, str] = {
    "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?![\d:])(?:st|nd|rd|th)?",
    "DAYNUM": r"(?:3[01]|[12]\d|0?[1-9])(?![\d:])(?:st|nd|rd|th)",
    "ORDW": _alt(_ORDINALS),
    "MONTH": _MONTH_RE,
    "MONTHF": _MONTH_FULL_RE,
    "YEAR": r"(?:1[89]\d\d|20\d\d)(?![\d])",
    "WD": _WEEKDAY_RE,
    "PART": _alt(_PARTS) + r"(?![a-z])",
    "DMOD": _alt(_WORDS["part_of_day_modifiers"]),
    "NUM": (
        r"(?:\d{1,3}(?:\.\d+)?(?![\d,])|"
        + _alt(_TENS)
        + r"(?:[-\s]"
        + _alt(_DIGIT_WORDS)
        + r")?|"
        + _alt(_NUMBERS)
        + r")"
    ),
    "VAGUE": _alt(_WORDS["vague_quantities"]),
    "UNIT": rf"(?i:(?:{_UNIT_NAMES})s?)(?![a-z])",
    "UNITS": rf"(?i:(?:{_UNIT_NAMES})s)(?![a-z])",
    "UNIT1": rf"(?i:{_UNIT_NAMES})(?![a-z])",
    "SEP": r"(?:\s*[-–—]\s*|\s+(?i:to|through|thru|until|till|and|or|into)\s+)",
    "DPREP": _alt(_WORDS["duration_prepositions"]),
    "DQUAL": _alt(_WORDS["duration_qualifiers"]),
    "MPOS": _alt(_WORDS["month_positions"]),
    "MCUE": _lookbehind(_WORDS["month_cues"]),
    "YCUE": _lookbehind(_WORDS["year_cues"]),
    "SEASON": _alt(_SEASONS),
    "HOLIDAY": _alt(_HOLIDAYS, ignore_case=False),
    "RELDAY": _alt(_RELATIVE_DAYS),
}


def _compile(pattern: str) -> re.Pattern[str]:
    """Expand ``<NAME>`` and ``<NAME:group>`` placeholders and guard both ends of the match."""

    def sub(m: re.Match[str]) -> str:
        body = _P[m.group(1)]
        return f"(?P<{m.group(2)}>{body})" if m.group(2) else body

    expanded = re.sub(r"<([A-Z0-9]+)(?::(\w+))?>", sub, pattern)
    return re.compile(rf"(?<![\w.,/]){expanded}(?!\w)")


# ---------------------------------------------------------------------------------------
# Calendar helpers


def _iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + k
    return n // 12, n % 12 + 1


def _shift(d: date, amount: float, unit: str) -> date:
    """``d`` moved by ``amount`` units (negative: back), months on the calendar."""
    spec = _UNITS[unit]
    if "months" in spec:
        y, m = _add_months(d.year, d.month, round(amount * spec["months"]))
        return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))
    if "hours" in spec:  # "48 hours ago" is two days back, "six hours ago" the same day
        return d + timedelta(days=int(amount * spec["hours"] / 24))
    return d + timedelta(days=round(amount * spec["days"]))


def _weekday_near(wd: int, anchor: date, mode: str) -> date:
    """The weekday ``wd`` nearest ``anchor``; mode: before, on_or_before, after, on_or_after."""
    back = (anchor.weekday() - wd) % 7
    fwd = (wd - anchor.weekday()) % 7
    if mode == "on_or_before":
        return anchor - timedelta(days=back)
    if mode == "before":
        return anchor - timedelta(days=back or 7)
    if mode == "on_or_after":
        return anchor + timedelta(days=fwd)
    return anchor + timedelta(days=fwd or 7)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest_day(month: int, day: int, pub: date, tense: str | None) -> date | None:
    """Month and day without a year: the year that puts the date nearest publication.

    A clear tense moves the date to its side of publication, unless the nearest reading is
    within a month (publication dates are often a day or two off; a year is not).
    """
    options = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _valid(y, month, day))]
    if not options:
        return None
    # on a tie (six months either way) news means the past
    nearest = min(options, key=lambda d: (abs((d - pub).days), d > pub))
    if abs((nearest - pub).days) <= _CLOSE_DAYS:
        return nearest
    if tense == "past" and (past := [d for d in options if d <= pub]):
        return max(past)
    if tense == "future" and (future := [d for d in options if d >= pub]):
        return min(future)
    return nearest


#: A year-less date this close to publication keeps its nearest reading whatever the tense.
_CLOSE_DAYS = 31


def _nearest_month(month: int, pub: date, tense: str | None, mod: str | None) -> tuple[int, int]:
    here = pub.year * 12 + pub.month - 1
    options = [(y, month) for y in (pub.year - 1, pub.year, pub.year + 1)]
    if mod in ("last", "past", "this past", "previous"):
        options = [o for o in options if o[0] * 12 + o[1] - 1 < here]
    elif mod in ("next", "coming", "this coming", "upcoming"):
        options = [o for o in options if o[0] * 12 + o[1] - 1 > here]
    elif mod == "this":
        return pub.year, month
    elif tense == "past":
        options = [o for o in options if o[0] * 12 + o[1] - 1 <= here] or options
    elif tense == "future":
        options = [o for o in options if o[0] * 12 + o[1] - 1 >= here] or options
    return min(options, key=lambda o: (abs(o[0] * 12 + o[1] - 1 - here), o[0] * 12 + o[1] > here))


@lru_cache(maxsize=4096)
def start_date(value: str | None) -> date | None:
    """The first day a resolved value covers (YYYY-MM-DD, YYYY-MM or YYYY); None otherwise.

    Memoised: dating each event and claim asks this of every time expression again.
    """
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return date(int(value[:4]), int(value[5:]), 1)
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def end_date(value: str | None) -> date | None:
    """The last day a resolved value covers."""
    first = start_date(value)
    if first is None or value is None:
        return None
    if len(value) == 7:
        return date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    if len(value) == 4:
        return date(first.year, 12, 31)
    return first


# ---------------------------------------------------------------------------------------
# dateparser for the absolute forms


@lru_cache(maxsize=8)
def _parser(order: str) -> DateDataParser:
    # A leap year as the base, so that "29 February" without a year parses; the year of
    # year-less dates is chosen afterwards, against the publication date.
    return DateDataParser(
        languages=["en"],
        settings={
            "DATE_ORDER": order,
            "PREFER_DAY_OF_MONTH": "first",
            "RELATIVE_BASE": datetime(2020, 1, 1),
            "PREFER_DATES_FROM": "current_period",
        },
    )


@lru_cache(maxsize=8192)
def _parse_absolute(text: str, order: str = "DMY") -> date | None:
    """An absolute date written out ("9th May 2020", "May 9, 2020", "12/06/2022")."""
    try:
        data = _parser(order).get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None or data.period != "day":
        return None
    return data.date_obj.date()


def _day_number(text: str | None) -> int | None:
    if not text:
        return None
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    return _ORDINALS.get(re.sub(r"\s+", " ", text.lower()))


def _month_number(text: str | None) -> int | None:
    return _MONTHS.get(text.lower().rstrip(".")) if text else None


def _weekday_number(text: str | None) -> int | None:
    if not text:
        return None
    return _WEEKDAYS.get(re.sub(r"[’']s$", "", text).lower().rstrip("."))


def _number(text: str | None) -> float | None:
    if not text:
        return None
    t = re.sub(r"\s+", " ", text.lower()).strip()
    try:
        return float(t)
    except ValueError:
        pass
    if t in _NUMBERS:
        return _NUMBERS[t]
    parts = re.split(r"[-\s]", t)
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_DIGIT_WORDS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


def _unit(text: str) -> str:
    t = text.lower()
    return t[:-1] if t.endswith("s") and t[:-1] in _UNITS else t


# ---------------------------------------------------------------------------------------
# Rules: a pattern and how to resolve what it matched


@dataclass
class _Ctx:
    published: date | None
    tense: str | None = None  # "future" | "past" | None: from the verb and cue words
    reference: date | None = None  # what "the next day" counts from (else publication)
    verb_future: bool = False  # the governing verb itself is future ("will", "plans to")
    reference_night: bool = False  # the reference is a night ("late on Thursday")

    @property
    def anchor(self) -> date | None:
        return self.reference or self.published


@dataclass
class _Res:
    value: str | None
    precision: str
    end_value: str | None = None
    future: bool = False


_Handler = Callable[[re.Match[str], _Ctx], "_Res | None"]


def _day_res(d: date | None, *, night: bool = False, future: bool = False) -> _Res | None:
    if d is None:
        return None
    end = (d + timedelta(days=1)).isoformat() if night else None
    return _Res(d.isoformat(), "day", end, future)


#: Years whose day-month-year dates are checked on the calendar here, not by dateparser
#: (the years the grammar reads; tests/test_times.py compares both readings day by day
#: over century, leap and common years).
_CALENDAR_YEARS = range(1800, 2100)


def _calendar_day(day: int, month: int, year: str) -> date | None:
    """The date of a day, month and year the grammar has already read, or None if none.

    Sending "9 May 2020" to dateparser only to learn that it is 2020-05-09 cost a few
    milliseconds a date; the calendar answers the same (an impossible day gives None).
    """
    number = int(year)
    if number in _CALENDAR_YEARS:
        return _valid(number, month, day)
    return _parse_absolute(f"{day} {calendar.month_name[month]} {year}")


def _resolve_dm(day: int | None, month: int | None, year: str | None, ctx: _Ctx) -> date | None:
    """Day and month (and maybe year) -> a date, the year by proximity when not given."""
    if not day or not month:
        return None
    if year:
        return _calendar_day(day, month, year)
    # a year-less day is valid when it exists in a leap year ("29 February")
    if _valid(2020, month, day) is None or ctx.published is None:
        return None
    return _nearest_day(month, day, ctx.published, ctx.tense)


def _h_single_day(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    day, month, year = _day_number(m["d1"]), _month_number(m["m1"]), m["y1"]
    d = _resolve_dm(day, month, year, ctx)
    if d is None and year and m["d1"][0].isdigit():
        # what the calendar refuses goes to dateparser as written, less a leading weekday
        # (a wrong weekday in the text must not move the date)
        d = _parse_absolute(m.group(0)[min(m.start("d1"), m.start("m1")) - m.start() :])
    return _day_res(d)


def _h_numeric(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    a, b, y = int(m["na"]), int(m["nb"]), m["ny"]
    year = int(y) if len(y) == 4 else 2000 + int(y)
    readings = []
    if b <= 12 and (d := _valid(year, b, a)):
        readings.append(("DMY", d))
    if a <= 12 and a != b and (d := _valid(year, a, b)):
        readings.append(("MDY", d))
    if not readings:
        return None
    order, guess = readings[0]
    if len(readings) == 2 and ctx.published is not None:
        # both readings possible: the one nearest publication, not after it if one is before
        pub = ctx.published
        order, guess = min(readings, key=lambda r: (r[1] > pub, abs((r[1] - pub).days)))
    return _day_res(_parse_absolute(m.group(0), order) or guess)


def _h_iso(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    return _day_res(_parse_absolute(m.group(0)[:10], "YMD"))


def _range_dates(m: re.Match[str], ctx: _Ctx) -> tuple[date, date] | None:
    d1, d2 = _day_number(m["d1"]), _day_number(m["d2"])
    m2 = _month_number(m["m2"])
    m1 = _month_number(m["m1"]) or m2
    y1 = m["y1"] if "y1" in m.groupdict() else None
    y0 = m["y0"] if "y0" in m.groupdict() else None
    if not (d1 and d2 and m1 and m2):
        return None
    if y0 or y1:
        end = _resolve_dm(d2, m2, y1 or y0, ctx)
        start_year = y0 or (str(int(y1) - 1) if (m1, d1) > (m2, d2) else y1)
        start = _resolve_dm(d1, m1, start_year, ctx)
    else:
        start = _resolve_dm(d1, m1, None, ctx)
        if start is None:
            return None
        year = start.year + (1 if (m1, d1) > (m2, d2) else 0)
        end = _resolve_dm(d2, m2, str(year), ctx)
    if start is None or end is None or end < start:
        return None
    return start, end


def _h_day_range(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    dates = _range_dates(m, ctx)
    if dates is None:
        return None
    start, end = dates
    if start == end:
        return _day_res(start)
    return _Res(start.isoformat(), "range", end.isoformat())


def _h_night_range(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    dates = _range_dates(m, ctx)
    if dates is None:
        return None
    start, end = dates
    return _Res(start.isoformat(), "day", end.isoformat())


def _h_night_of(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    d = _resolve_dm(_day_number(m["d1"]), _month_number(m["m1"]), m["y1"], ctx)
    return _day_res(d, night=True)


def _weekday_date(wd: int, mod: str | None, ctx: _Ctx) -> tuple[date | None, bool]:
    """A weekday against publication (or, after 'following'/'previous', the reference)."""
    pub = ctx.published
    mod = re.sub(r"\s+", " ", mod.lower()).strip() if mod else None
    if mod in ("following", "previous", "preceding"):
        anchor = ctx.anchor
        if anchor is None:
            return None, False
        mode = "after" if mod == "following" else "before"
        return _weekday_near(wd, anchor, mode), False
    if pub is None:
        return None, False
    if mod in ("next", "coming", "this coming", "upcoming"):
        return _weekday_near(wd, pub, "after"), True
    if mod in ("last", "past", "this past"):
        return _weekday_near(wd, pub, "before"), False
    if ctx.tense == "future":
        return _weekday_near(wd, pub, "on_or_after"), True
    return _weekday_near(wd, pub, "on_or_before"), False


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    wd = _weekday_number(m["wd1"])
    if wd is None:
        return None
    d, future = _weekday_date(wd, m["mod"], ctx)
    return _day_res(d, night=_is_night(m["dmod"], m["p1"]), future=future)


def _is_night(dmod: str | None, part: str | None) -> bool:
    """A night part ("Thursday night"), or "late" with no part ("late on Thursday").

    An overnight story says "late on Thursday" and "early on Friday" of one night: the
    first is that night (value Thursday, end_value Friday), the second its morning
    (Friday, a day), so both stay within the night's two dates.
    """
    if part:
        return _PARTS.get(part.lower()) == "night"
    return (dmod or "").lower() == "late"


def _h_weekday_range(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    wd1, wd2 = _weekday_number(m["wd1"]), _weekday_number(m["wd2"])
    if wd1 is None or wd2 is None:
        return None
    first, future = _weekday_date(wd1, m["mod"], ctx)
    if first is None:
        return None
    second = _weekday_near(wd2, first, "after")
    return _Res(first.isoformat(), "range", second.isoformat(), future)


def _h_night_weekdays(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """'the night of Sunday to Monday', 'overnight into Monday', 'overnight on Sunday'."""
    if m["wd1"]:  # the night of Sunday to Monday: named after its evening
        evening, future = _weekday_date(_weekday_number(m["wd1"]) or 0, None, ctx)
    elif m["wd3"]:  # overnight on Sunday
        evening, future = _weekday_date(_weekday_number(m["wd3"]) or 0, None, ctx)
    else:  # overnight into Monday: the evening before
        morning, future = _weekday_date(_weekday_number(m["wd4"]) or 0, None, ctx)
        evening = morning - timedelta(days=1) if morning else None
    return _day_res(evening, night=True, future=future)


def _h_relative_day(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    if ctx.published is None:
        return None
    word = re.sub(r"\s+", " ", m["rel"].lower())
    offset = _RELATIVE_DAYS[word]
    d = ctx.published + timedelta(days=offset)
    night = word in _WORDS["nights"] or _is_night(m["dmod"], m["p1"])
    later = (m["dmod"] or "").lower() == "later"
    return _day_res(d, night=night, future=offset > 0 or (later and offset == 0))


def _h_this_part(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """'this morning', 'last night', 'late last evening'."""
    if ctx.published is None:
        return None
    which, part = m["which"].lower(), m["p1"].lower()
    if which == "last":
        return _day_res(ctx.published - timedelta(days=1), night=part == "night")
    later = (m["dmod"] or "").lower() == "later"
    return _day_res(ctx.published, night=_PARTS.get(part) == "night", future=later)


def _h_overnight(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """The night before publication, or the night the text has just named.

    "Gunmen attacked late on Thursday ... fighting went on overnight" is Thursday's night
    even when the article appears on Saturday.
    """
    if ctx.published is None:
        return None
    if ctx.reference_night and ctx.reference is not None:
        return _day_res(ctx.reference, night=True)
    return _day_res(ctx.published - timedelta(days=1), night=True)


def _format_at(d: date, unit: str) -> str:
    if unit == "month":
        return _iso_month(d.year, d.month)
    if unit in ("year", "decade"):
        return f"{d.year:04d}"
    return d.isoformat()


def _precision_of(unit: str) -> str:
    return {"week": "week", "fortnight": "week", "month": "month", "year": "year"}.get(
        unit, "year" if unit == "decade" else "day"
    )


def _h_ago(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    return _counted(m, ctx, ctx.published, -1)


def _h_later_earlier(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """'two days later', 'a week earlier': counted from the last dated expression before.

    In a past narrative with nothing dated before ("the blast came two days later"), the
    count starts from an event the text does not date: the day is unknown, and neither
    publication plus two days nor a future.
    """
    word = m["dir"].lower()
    sign = 1 if word in ("later", "after") else -1
    if sign > 0 and ctx.reference is None and ctx.tense == "past" and ctx.published:
        return _Res(None, "unknown")
    return _counted(m, ctx, ctx.anchor, sign)


def _counted(m: re.Match[str], ctx: _Ctx, anchor: date | None, sign: int) -> _Res | None:
    """'two days ago', 'a week later', 'a few days ago' counted from ``anchor``."""
    if anchor is None:
        return None
    unit = _unit(m["u"])
    if m["v"]:  # a vague count: a range from the farthest to the nearest reading
        far, near = _RECENT.get(unit, [7, 2])
        a, b = _shift(anchor, sign * far, unit), _shift(anchor, sign * near, unit)
        lo, hi = min(a, b), max(a, b)
        return _Res(_format_at(lo, unit), "range", _format_at(hi, unit))
    n = _number(m["n"])
    if n is None:
        return None
    d = _shift(anchor, sign * n, unit)
    # "two days later" after a dated event is past when that day is: a date after
    # publication is marked future in _resolve, not here
    return _Res(_format_at(d, unit), _precision_of(unit))


def _week_of(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _weekend(pub: date, which: str, future: bool) -> tuple[date, date]:
    saturday_back = pub - timedelta(days=(pub.weekday() - 5) % 7)  # Saturday on or before
    if which in ("last", "past", "this past"):
        sat = (
            saturday_back
            if saturday_back + timedelta(days=1) < pub
            else saturday_back - timedelta(7)
        )
    elif which in ("next", "coming", "this coming"):
        sat = _weekday_near(5, pub, "after")
        if pub.weekday() == 6:  # on a Sunday "next weekend" is six days on
            sat = pub + timedelta(days=6)
    elif future and pub.weekday() < 5:
        sat = _weekday_near(5, pub, "on_or_after")
    else:
        sat = saturday_back
    return sat, sat + timedelta(days=1)


def _h_relative_period(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """'last week', 'earlier this month', 'by the end of next week', 'the past year'."""
    mod = re.sub(r"\s+", " ", m["mod"].lower())
    unit = m["unit"].lower()
    pos = re.sub(r"\s+", " ", (m["pos"] or "").lower())
    if mod in ("previous", "following"):
        anchor, sign = ctx.anchor, (-1 if mod == "previous" else 1)
    else:
        anchor, sign = ctx.published, {"last": -1, "this past": -1, "next": 1}.get(mod, 0)
        if mod in ("coming", "this coming", "upcoming"):
            sign = 1
    if anchor is None:
        return None
    future = mod in ("next", "coming", "this coming", "upcoming") or (pos == "later" and sign == 0)
    if mod == "past" and unit != "weekend":  # "the past week": the days up to publication
        start = _shift(anchor, -1, unit)
        return _Res(start.isoformat(), "range", anchor.isoformat())
    if unit == "weekend":
        if mod in ("previous", "following"):
            sat = _weekday_near(5, anchor, "before" if sign < 0 else "after")
            return _Res(sat.isoformat(), "range", (sat + timedelta(days=1)).isoformat())
        sat, sun = _weekend(anchor, mod, ctx.tense == "future")
        return _Res(sat.isoformat(), "range", sun.isoformat(), sat > anchor)
    if unit == "week":
        monday, sunday = _week_of(anchor + timedelta(days=7 * sign))
        if sign == 0 and pos == "earlier":
            sunday = anchor
        elif sign == 0 and pos == "later":
            monday = anchor
        return _Res(monday.isoformat(), "week", sunday.isoformat(), future)
    if unit == "month":
        y, mo = _add_months(anchor.year, anchor.month, sign)
        return _Res(_iso_month(y, mo), "month", None, future)
    return _Res(f"{anchor.year + sign:04d}", "year", None, future)


def _h_weekend(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    if ctx.published is None:
        return None
    sat, sun = _weekend(ctx.published, "this", ctx.tense == "future")
    return _Res(sat.isoformat(), "range", sun.isoformat(), sat > ctx.published)


def _h_past_n(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """'in the past 24 hours', 'over the last three weeks', 'in recent days', 'the coming days'."""
    pub = ctx.published
    if pub is None:
        return None
    unit = _unit(m["u"])
    direction = (m["dir"] or "past").lower()
    forward = direction in ("next", "coming")
    if m["v"] or direction == "recent" or (direction == "coming" and not m["n"]):
        n = _RECENT.get(unit, [7, 2])[0]
    else:
        n = _number(m["n"]) if m["n"] else 1
    if n is None:
        return None
    if forward:
        return _Res(pub.isoformat(), "range", _shift(pub, n, unit).isoformat(), True)
    return _Res(_shift(pub, -n, unit).isoformat(), "range", pub.isoformat())


def _h_duration(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """'within 48 hours', 'for several weeks', 'a 48-hour ceasefire': a length, not a date.

    The output contract's ``value`` holds calendar dates only, so a duration has none.
    """
    return _Res(None, "duration") if _unit(m["u"]) in _UNITS else None


def _h_anaphoric_day(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """'the next day', 'the previous evening', 'the day before', 'that day', 'the same day'."""
    anchor = ctx.anchor
    if anchor is None:
        return None
    which = re.sub(r"\s+", " ", m["which"].lower())
    offset = {"next": 1, "following": 1, "after": 1, "previous": -1, "preceding": -1}.get(which, 0)
    if which == "before":
        offset = -1
    part = (m["p1"] or "day").lower()
    d = anchor + timedelta(days=offset)
    return _day_res(
        d, night=_PARTS.get(part) == "night", future=bool(ctx.published and d > ctx.published)
    )


def _h_month_position(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """'mid-March', 'early May 2020', 'the end of June', 'late 2014'."""
    if m["y2"]:
        return _Res(m["y2"], "year")
    month = _month_number(m["m1"])
    if month is None:
        return None
    if m["y1"]:
        return _Res(_iso_month(int(m["y1"]), month), "month")
    if ctx.published is None:
        return None
    y, mo = _nearest_month(month, ctx.published, ctx.tense, None)
    return _Res(_iso_month(y, mo), "month")


def _h_month_year(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    month = _month_number(m["m1"])
    return _Res(_iso_month(int(m["y1"]), month), "month") if month else None


def _h_month(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    month = _month_number(m["m1"] or m["m2"])
    if month is None or ctx.published is None:
        return None
    mod = re.sub(r"\s+", " ", m["mod"].lower()) if m["mod"] else None
    y, mo = _nearest_month(month, ctx.published, ctx.tense, mod)
    return _Res(_iso_month(y, mo), "month", None, mod in ("next", "coming", "this coming"))


def _h_month_range(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    m1, m2 = _month_number(m["m1"]), _month_number(m["m2"])
    if not m1 or not m2:
        return None
    if m["y1"]:
        y2 = int(m["y1"])
        y1 = int(m["y0"]) if m["y0"] else (y2 - 1 if m1 > m2 else y2)
    elif ctx.published is not None:
        y2, _ = _nearest_month(m2, ctx.published, ctx.tense, None)
        y1 = y2 - 1 if m1 > m2 else y2
    else:
        return None
    return _Res(_iso_month(y1, m1), "range", _iso_month(y2, m2))


def _h_year(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    return _Res(m["y1"], "year")


def _h_year_range(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    y1 = int(m["y1"])
    y2 = m["y2"]
    end = int(y2) if len(y2) == 4 else (y1 // 100) * 100 + int(y2)
    if end <= y1 or end - y1 > 50:
        return None
    return _Res(str(y1), "range", str(end))


def _h_decade(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    start = int(m["dec"])
    return _Res(str(start), "range", str(start + 9))


def _h_season(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """'last summer', 'the winter of 2021': a range of months (northern hemisphere)."""
    first, last = _SEASONS[m["s"].lower()]

    def bounds(year: int) -> tuple[date, date]:
        end_year = year + 1 if first > last else year
        return date(year, first, 1), date(end_year, last, calendar.monthrange(end_year, last)[1])

    pub = ctx.published
    if m["y1"]:
        year = int(m["y1"])
    elif pub is not None:
        mod = m["mod"].lower() if m["mod"] else "this"
        years = range(pub.year - 2, pub.year + 2)
        if mod in ("last", "past"):
            year = max(y for y in years if bounds(y)[1] < pub)
        elif mod in ("next", "coming"):
            year = min(y for y in years if bounds(y)[0] > pub)
        else:
            year = min(
                years,
                key=lambda y: (
                    not bounds(y)[0] <= pub <= bounds(y)[1],
                    abs((bounds(y)[0] - pub).days),
                ),
            )
    else:
        return None
    lo, hi = bounds(year)
    future = bool(pub and lo > pub)
    return _Res(_iso_month(lo.year, lo.month), "range", _iso_month(hi.year, hi.month), future)


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    mm, dd = (int(x) for x in _HOLIDAYS[re.sub(r"\s+", " ", m["h"])].split("-"))
    if m["y1"]:
        return _day_res(_valid(int(m["y1"]), mm, dd))
    if ctx.published is None:
        return None
    return _day_res(_nearest_day(mm, dd, ctx.published, ctx.tense))


def _h_ordinal_day(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """'on the 12th': the nearest day of that number around publication."""
    day = _day_number(m["d1"])
    pub = ctx.published
    if not day or pub is None:
        return None
    options = []
    for k in (-1, 0, 1):
        y, mo = _add_months(pub.year, pub.month, k)
        if d := _valid(y, mo, day):
            options.append(d)
    if ctx.tense != "future":
        options = [d for d in options if d <= pub] or options
    return _day_res(min(options, key=lambda d: abs((d - pub).days))) if options else None


def _h_week_of(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    d = _resolve_dm(
        _day_number(m["d1"] or m["d2"]), _month_number(m["m1"] or m["m2"]), m["y1"], ctx
    )
    if d is None:
        return None
    return _Res(d.isoformat(), "week", (d + timedelta(days=6)).isoformat())


_DAY_DM = r"<DAY:d1>(?:\s+(?i:of))?\s+<MONTH:m1>(?:,?\s+<YEAR:y1>)?"
_LEAD_WD = r"(?:<WD:wd0>,?\s+(?:(?i:the)\s+)?)?"

#: (name, pattern, handler). Every match of every rule is a candidate; the longest win.
_RULES: list[tuple[str, re.Pattern[str], _Handler]] = [
    (
        "night_range",
        _compile(
            r"(?i:the\s+night\s+(?:of|from|between)\s+)<DAY:d1>(?:\s+<MONTH:m1>)?"
            r"<SEP><DAY:d2>\s+<MONTH:m2>(?:,?\s+<YEAR:y1>)?"
        ),
        _h_night_range,
    ),
    (
        "night_of",
        _compile(r"(?i:the\s+night\s+of\s+)" + _DAY_DM),
        _h_night_of,
    ),
    (
        "night_weekdays",
        _compile(
            r"(?:(?i:the\s+night\s+(?:of|from|between)\s+)<WD:wd1><SEP><WD:wd2>"
            r"|(?i:(?:overnight|the\s+night)\s+(?:into|to|before)\s+)<WD:wd4>"
            r"|(?i:overnight\s+(?:on\s+)?|the\s+night\s+of\s+)<WD:wd3>)"
        ),
        _h_night_weekdays,
    ),
    (
        "day_range",
        _compile(
            r"<DAY:d1>(?:\s+(?:(?i:of)\s+)?<MONTH:m1>(?:,?\s+<YEAR:y0>)?)?<SEP>"
            r"<DAY:d2>(?:\s+(?i:of))?\s+<MONTH:m2>(?:,?\s+<YEAR:y1>)?"
        ),
        _h_day_range,
    ),
    (
        "md_range",
        _compile(r"<MONTH:m1>\s+<DAY:d1><SEP>(?:<MONTH:m2>\s+)?<DAY:d2>(?:,?\s+<YEAR:y1>)?"),
        lambda m, ctx: _h_day_range(_MatchView(m, {"m2": m["m2"] or m["m1"]}), ctx),
    ),
    ("date_dm", _compile(_LEAD_WD + _DAY_DM), _h_single_day),
    (
        "date_md",
        _compile(r"(?:<WD:wd0>,?\s+)?<MONTH:m1>\s+<DAY:d1>(?:,?\s+<YEAR:y1>)?"),
        _h_single_day,
    ),
    (
        "date_ordinal_words",
        _compile(_LEAD_WD + r"(?:(?i:the)\s+)?<ORDW:d1>\s+(?i:of)\s+<MONTH:m1>(?:,?\s+<YEAR:y1>)?"),
        _h_single_day,
    ),
    (
        "date_numeric",
        _compile(
            r"(?:(?P<na>\d{1,2})(?P<s>[/.-])(?P<nb>\d{1,2})(?P=s)(?P<ny>(?:19|20)\d\d)"
            r"|(?P<na2>\d{1,2})/(?P<nb2>\d{1,2})/(?P<ny2>\d\d))(?![\d/.]\d)"
        ),
        lambda m, ctx: _h_numeric(
            _MatchView(
                m, {"na": m["na"] or m["na2"], "nb": m["nb"] or m["nb2"], "ny": m["ny"] or m["ny2"]}
            ),
            ctx,
        ),
    ),
    (
        "date_iso",
        _compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d(?:T[\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"),
        _h_iso,
    ),
    (
        "week_of",
        _compile(
            r"(?i:the\s+week\s+of\s+)(?:<DAY:d1>\s+<MONTH:m1>|<MONTH:m2>\s+<DAY:d2>)"
            r"(?:,?\s+<YEAR:y1>)?"
        ),
        _h_week_of,
    ),
    (
        "weekday_range",
        _compile(
            r"(?:(?P<mod>(?i:this\s+coming|this\s+past|last|next|coming|past|this))\s+)?"
            r"<WD:wd1><SEP><WD:wd2>(?:\s+<PART:p1>)?"
        ),
        _h_weekday_range,
    ),
    (
        "weekday",
        _compile(
            r"(?:(?P<mod>(?i:this\s+coming|this\s+past|the\s+following|the\s+previous|the\s+preceding"
            r"|last|next|coming|past|this|following|previous))\s+)?"
            r"(?:<DMOD:dmod>\s+(?:(?i:on)\s+)?)?<WD:wd1>(?:['’]s)?"
            r"(?:\s+<PART:p1>|\s+(?i:overnight))?"
        ),
        lambda m, ctx: _h_weekday(
            _MatchView(
                m,
                {
                    "mod": re.sub(r"(?i)^the\s+", "", m["mod"]) if m["mod"] else None,
                    "p1": m["p1"]
                    or ("night" if re.search(r"(?i)overnight$", m.group(0)) else None),
                },
            ),
            ctx,
        ),
    ),
    (
        "relative_day",
        _compile(r"(?:<DMOD:dmod>\s+)?<RELDAY:rel>(?:['’]s)?(?:\s+<PART:p1>)?"),
        _h_relative_day,
    ),
    (
        "this_part",
        _compile(
            r"(?:<DMOD:dmod>\s+)?(?P<which>(?i:this|last))\s+"
            r"(?P<p1>(?i:morning|afternoon|evening|night))(?![a-z])"
        ),
        _h_this_part,
    ),
    ("overnight", _compile(r"(?i:overnight)"), _h_overnight),
    (
        "ago",
        _compile(r"(?:<NUM:n>|<VAGUE:v>)\s+<UNIT:u>\s+(?i:ago)"),
        _h_ago,
    ),
    (
        "later_earlier",
        _compile(
            r"(?:<NUM:n>|<VAGUE:v>)\s+<UNIT:u>\s+(?P<dir>(?i:later|earlier))"
            r"|(?:<NUM:n2>)\s+<UNIT:u2>\s+(?P<dir2>(?i:before|after))(?=\s*[,.;:)]|\s*$)"
        ),
        lambda m, ctx: _h_later_earlier(
            _MatchView(
                m, {"n": m["n"] or m["n2"], "u": m["u"] or m["u2"], "dir": m["dir"] or m["dir2"]}
            ),
            ctx,
        ),
    ),
    (
        "anaphoric_day",
        _compile(
            r"(?i:the)\s+(?P<which>(?i:next|following|previous|preceding))\s+"
            r"(?P<p1>(?i:day|morning|afternoon|evening|night))(?![a-z])"
            r"|(?i:the\s+(?P<p2>day|night))\s+(?P<which2>(?i:before|after))(?=\s*[,.;:)]|\s*$)"
            r"|(?P<which3>(?i:that|the\s+same))\s+(?P<p3>(?i:day|morning|afternoon|evening|night))"
            r"(?![a-z])"
        ),
        lambda m, ctx: _h_anaphoric_day(
            _MatchView(
                m,
                {
                    "which": m["which"] or m["which2"] or "same",
                    "p1": m["p1"] or m["p2"] or m["p3"],
                },
            ),
            ctx,
        ),
    ),
    (
        "relative_period",
        _compile(
            r"(?:(?P<pos>(?i:early|late|mid|earlier|later|(?:at\s+|by\s+|until\s+)?the\s+"
            r"(?:end|beginning|start|middle)\s+of))[\s-]+(?:(?i:in)\s+)?)?"
            r"(?:(?i:the)\s+)?"
            r"(?P<mod>(?i:this\s+past|this\s+coming|last|this|next|past|previous|following|coming"
            r"|current|upcoming))\s+(?P<unit>(?i:weekend|week|month|year))(?![a-z])"
        ),
        _h_relative_period,
    ),
    (
        "weekend",
        _compile(r"(?i:(?:over|at|during|on)\s+the\s+weekend)"),
        _h_weekend,
    ),
    (
        "past_n",
        _compile(
            r"(?i:in|over|during|for|within|throughout)\s+(?i:the)\s+"
            r"(?P<dir>(?i:past|last|previous|next|coming))\s+"
            r"(?:(?:<NUM:n>|<VAGUE:v>)\s+)?<UNIT:u>"
            r"|(?i:the)\s+(?P<dir3>(?i:past|last|previous|next|coming))\s+"
            r"(?:<NUM:n3>|<VAGUE:v3>)\s+<UNIT:u3>"
            r"|(?i:in|over)\s+(?P<dir2>(?i:recent))\s+<UNITS:u2>"
        ),
        lambda m, ctx: _h_past_n(
            _MatchView(
                m,
                {
                    "u": m["u"] or m["u2"] or m["u3"],
                    "dir": m["dir"] or m["dir2"] or m["dir3"],
                    "n": m["n"] or m["n3"],
                    "v": m["v"] or m["v3"],
                },
            ),
            ctx,
        ),
    ),
    (
        "duration",
        _compile(
            r"<DPREP>\s+(?:(?:<DQUAL>|(?i:the\s+(?:next|following)))\s+)?"
            r"(?:<NUM:n>|<VAGUE:v>)\s+<UNIT:u>"
            r"|(?i:for|within|over)\s+(?:<DQUAL>\s+)?<UNITS:u2>"
            r"|<NUM:n3>-<UNIT1:u3>(?:-(?i:long))?(?!-)"
        ),
        lambda m, ctx: _h_duration(
            _MatchView(m, {"n": m["n"] or m["n3"], "u": m["u"] or m["u2"] or m["u3"]}), ctx
        ),
    ),
    (
        "month_position",
        _compile(
            r"(?:(?i:at|by|until)\s+)?<MPOS>[\s-]+(?:(?i:the\s+month\s+of)\s+)?"
            r"(?:<MONTHF:m1>(?:,?\s+<YEAR:y1>)?|<YEAR:y2>)"
        ),
        _h_month_position,
    ),
    ("month_year", _compile(r"<MONTH:m1>,?\s+(?:(?i:of)\s+)?<YEAR:y1>"), _h_month_year),
    (
        "month_range",
        _compile(
            r"<MONTHF:m1>(?:\s+<YEAR:y0>)?(?:\s*[-–—]\s*|\s+(?i:to|through|and|until)\s+)"
            r"<MONTHF:m2>(?:,?\s+<YEAR:y1>)?"
        ),
        _h_month_range,
    ),
    (
        "month",
        _compile(
            r"(?P<mod>(?i:this\s+past|this\s+coming|last|next|this|coming|past))\s+<MONTHF:m1>"
            r"|(?=<MONTHF>)<MCUE><MONTHF:m2>"  # the cheap month test before the cues
        ),
        _h_month,
    ),
    (
        "year_range",
        _compile(r"<YEAR:y1>\s*[-–—/]\s*(?P<y2>(?:1[89]|20)?\d\d)(?!\d)"),
        _h_year_range,
    ),
    (
        "year_range_words",
        _compile(r"(?i:between|from)\s+<YEAR:y1>\s+(?i:and|to|until|till)\s+(?P<y2><YEAR>)"),
        _h_year_range,
    ),
    ("year", _compile(r"(?=<YEAR>)<YCUE><YEAR:y1>"), _h_year),  # the digits before the cues
    (
        "decade",
        _compile(r"(?:(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?(?P<dec>(?:1[89]|20)\d0)['’]?s"),
        _h_decade,
    ),
    (
        "season",
        _compile(
            r"(?P<mod>(?i:last|this|next|past|coming))\s+<SEASON:s>"
            r"|(?:(?i:the)\s+)?<SEASON:s2>\s+(?:(?i:of)\s+)?<YEAR:y1>"
        ),
        lambda m, ctx: _h_season(_MatchView(m, {"s": m["s"] or m["s2"]}), ctx),
    ),
    ("holiday", _compile(r"<HOLIDAY:h>(?:,?\s+<YEAR:y1>)?"), _h_holiday),
    (
        "ordinal_day",
        _compile(
            r"(?:(?<=on\s)|(?<=since\s)|(?<=by\s)|(?<=until\s)|(?<=On\s))(?i:the)\s+<DAYNUM:d1>"
            r"(?=\s*[,.;:)]|\s*$|\s+(?i:of\s+(?:this|last|the)\s+month))"
        ),
        _h_ordinal_day,
    ),
]


class _MatchView:
    """A match with some groups renamed or merged, for rules with alternative branches."""

    def __init__(self, match: re.Match[str], overrides: dict[str, str | None]) -> None:
        self._m = match
        self._o = overrides

    def __getitem__(self, key: str) -> str | None:
        if key in self._o:
            return self._o[key]
        try:
            return self._m[key]
        except IndexError:
            return None

    def groupdict(self) -> dict[str, str | None]:
        return {**self._m.groupdict(), **self._o}

    def group(self, i: int = 0) -> str:
        return self._m.group(i)


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


# ---------------------------------------------------------------------------------------
# Tense: from cue words and from the governing verb


def _governing_verb(token: Token) -> Token:
    """The nearest verb (or auxiliary) at or above ``token``; the sentence root otherwise."""
    seen = 0
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and seen < 50:
        token = token.head
        seen += 1
    return token


def _verb_tense(verb: Token) -> str | None:
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    future_aux = set(_WORDS["future_auxiliaries"])
    if any(a.lower_ in future_aux for a in auxes) or verb.lower_ in future_aux:
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _WORDS["future_governors"]:
        head_auxes = {c.lower_ for c in verb.head.children if c.dep_ in ("aux", "auxpass")}
        if verb.head.tag_ != "VBD" and not head_auxes & {"was", "were", "had"}:
            return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes):
        return "past"  # "shelled", "was shelled", "has been going on"
    return None


def _span(doc: Doc, start: int, end: int) -> Span | None:
    if start < 0 or end > len(doc_text(doc)) or start >= end:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


_ROOTS_KEY = "frontwire_times_roots"
_CLAUSES_KEY = "frontwire_times_clauses"


def _root_index(doc: Doc, start: int, end: int) -> int:
    """Index of the syntactic head of the tokens covering ``[start, end)``; -1 for none.

    Memoised on the Doc: every event and claim asks for the roots of the same few time
    expressions, and a ``char_span`` per expression per question was a tenth of the time.
    """
    roots: dict[tuple[int, int], int] = per_doc(doc, _ROOTS_KEY, dict)
    index = roots.get((start, end))
    if index is None:
        span = _span(doc, start, end)
        index = roots[(start, end)] = span.root.i if span is not None else -1
    return index


def _clause_at(doc: Doc, root: int) -> dict[int, int]:
    """``_clause_of`` the verb governing token ``root``, memoised on the Doc (read-only)."""
    clauses: dict[int, dict[int, int]] = per_doc(doc, _CLAUSES_KEY, dict)
    clause = clauses.get(root)
    if clause is None:
        clause = clauses[root] = _clause_of(_governing_verb(doc[root]))
    return clause


def _cue_tense(text: str, start: int, end: int, verb_tense: str | None) -> str | None:
    """Cue words just before an expression: 'next', 'from', 'by' (unless the verb is past)."""
    mention = text[start:end]
    if re.search(r"['’]s$", mention):  # "Monday's attack" happened
        return verb_tense or "past"
    before = text[max(0, start - 25) : start]
    if _FUTURE_BEFORE.search(before):
        return "future"
    if _FROM_BEFORE.search(before) and verb_tense != "past":
        return "future"
    return verb_tense


def _doc_ctx(
    doc: Doc, text: str, found: _Found, published: date | None, reference: date | None
) -> _Ctx:
    """Tense from the governing verb in the parse, then the cue words around the match."""
    verb_tense = None
    root = _root_index(doc, found.start, found.end)
    if root >= 0:
        verb_tense = _verb_tense(_governing_verb(doc[root]))
    tense = _cue_tense(text, found.start, found.end, verb_tense)
    return _Ctx(published, tense, reference, verb_tense == "future")


def _text_ctx(text: str, found: _Found, published: date | None, reference: date | None) -> _Ctx:
    """For a free-standing string: 'will'/'going to' anywhere, or a cue just before."""
    outside = text[: found.start] + " " + text[found.end :]
    verb_tense = "future" if _FUTURE_WORDS.search(outside) else None
    tense = _cue_tense(text, found.start, found.end, verb_tense)
    return _Ctx(published, tense, reference, verb_tense == "future")


# ---------------------------------------------------------------------------------------
# Public API


def _resolve_in_order(
    text: str, found: list[_Found], make_ctx: Callable[[_Found, date | None], _Ctx]
) -> list[tuple[_Found, TimeExpr]]:
    """Resolve matches in text order; each dated one is what the next anaphor counts from."""
    resolved = []
    reference: date | None = None
    night = False
    for f in found:
        ctx = make_ctx(f, reference)
        ctx.reference_night = night
        t = _resolve(text, f, ctx)
        if t is None:
            continue
        resolved.append((f, t))
        if t.value and t.precision in ("day", "week", "range") and len(t.value) == 10:
            reference = start_date(t.value)
            night = t.precision == "day" and t.end_value is not None
    return resolved


def extract_times(doc: Doc, article: Article) -> list[TimeExpr]:
    """Every time expression in the article, resolved against its publication date."""
    text = doc_text(doc)
    published = article.published
    resolved = _resolve_in_order(
        text, _scan(text), lambda f, ref: _doc_ctx(doc, text, f, published, ref)
    )
    times = [t for _, t in resolved]
    times.extend(_ner_fallback(doc, times, published))
    times.sort(key=lambda t: t.start)
    if published is None:
        unresolved = sum(1 for t in times if t.value is None)
        if unresolved:
            log.info(
                "%s: no publication date, %d relative time expression(s) left unresolved "
                "(give --published or a date in the input's metadata)",
                article.title or article.id,
                unresolved,
            )
    return times


def _ner_fallback(doc: Doc, times: list[TimeExpr], published: date | None) -> list[TimeExpr]:
    """NER DATE entities the grammar missed, kept only when dateparser reads a full date."""
    extra = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or not re.search(r"\b(?:1[89]|20)\d\d\b", ent.text):
            continue
        if any(ent.start_char < t.end and t.start < ent.end_char for t in times):
            continue
        d = _parse_absolute(ent.text)
        if d is not None:
            future = bool(published and d > published)
            extra.append(
                TimeExpr(ent.text, ent.start_char, ent.end_char, d.isoformat(), "day", None, future)
            )
    return extra


def resolve_expression(text: str, published: date | None) -> TimeExpr | None:
    """Normalise a free-standing expression ("next Tuesday", "23 and 24 June").

    The result spans the whole string (offsets 0..len(text)); None when the string holds
    no time expression. Words around the expression count as cues ("will meet on Monday").
    """
    if not text or not text.strip():
        return None
    resolved = _resolve_in_order(
        text, _scan(text), lambda f, ref: _text_ctx(text, f, published, ref)
    )
    if not resolved:
        return None
    _, t = max(resolved, key=lambda r: r[0].end - r[0].start)
    return TimeExpr(text, 0, len(text), t.value, t.precision, t.end_value, t.future)


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


def _distance(t: TimeExpr, start: int, end: int) -> int:
    if t.start < end and start < t.end:
        return 0
    return t.start - end if t.start >= end else start - t.end


_CLAUSAL_DEPS = {"ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "csubjpass"}


def _clause_of(verb: Token) -> dict[int, int]:
    """The verb's subtree less the clauses embedded in it: token index -> hops to the verb."""
    clause: dict[int, int] = {}
    stack = [(verb, 0)]
    while stack:
        token, depth = stack.pop()
        clause[token.i] = depth
        stack.extend((c, depth + 1) for c in token.children if c.dep_ not in _CLAUSAL_DEPS)
    return clause


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
        elif dep == "prep" and node.lower_ in _EVENT_LINKS and node.i != index:
            word, head, inner_root = node, node.head, None
            count = _link_count(node.children)
            if count is None and (count := _link_count([node.head], any_dep=True)):
                head = node.head.head  # "a day before the vote", the count as the head
        elif dep in _LINK_STOP_DEPS or node.head.i == node.i:
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
        own = [counter, word, *(k for k in counter.children if k.dep_ in _COUNT_DEPS)]
        start = min(k.idx for k in own)
        end = max(k.idx + len(k) for k in own)
        sign = _EVENT_LINKS[word.lower_]
        return _Link(head.idx, head.idx + len(head), inner, sign, amount, unit, start, end)
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
    return DateChoice(value.isoformat(), end, choice.time_precision, words, False)


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
    if anchor is None or anchor.is_default:
        return None
    return _shifted(anchor, link, link.sign, text)


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
            in_sentence = [t for t in usable if sent.start_char <= t.start < sent.end_char]
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
