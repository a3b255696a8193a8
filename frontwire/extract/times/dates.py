"""Calendar helpers (months, weekdays near an anchor, nearest day and month to publication),
dateparser for the absolute forms, and the ``DateChoice`` an event is dated with.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from frontwire.extract.times.words import (
    _DIGIT_WORDS,
    _MONTHS,
    _NUMBERS,
    _ORDINALS,
    _TENS,
    _UNITS,
    _WEEKDAYS,
)
from frontwire.model import TimeExpr

DEFAULT_DATE_TAG = "date: publication date (default)"


@dataclass
class DateChoice:
    """The date an event (or a speech act) takes, and where it comes from."""

    value: str  # ISO date YYYY-MM-DD (event_date)
    end_value: str | None  # last day, for ranges (date_end)
    time_precision: int  # ACLED: 1 day, 2 week or range within a week, 3 month or vaguer
    time: TimeExpr | None  # the governing expression, None when defaulted
    is_default: bool  # True when we fell back to the publication date
    linked: bool = False  # counted from another event's date ("a week after the blasts")


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
