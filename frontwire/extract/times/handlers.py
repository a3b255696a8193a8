"""Rules, first half: the resolution context and one handler per kind of expression, turning
what a pattern matched into a value, a precision and an end.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from frontwire.extract.times.dates import (
    _add_months,
    _day_number,
    _iso_month,
    _month_number,
    _nearest_day,
    _nearest_month,
    _number,
    _parse_absolute,
    _shift,
    _unit,
    _valid,
    _weekday_near,
    _weekday_number,
)
from frontwire.extract.times.words import (
    _HOLIDAYS,
    _PARTS,
    _RECENT,
    _RELATIVE_DAYS,
    _SEASONS,
    _UNITS,
    _WORDS,
)

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
    if unit == "week" and sign == -1 and mod == "last" and anchor.weekday() == 6:
        # a Sunday paper's "last week" is the week that ends that day, Monday to Saturday
        monday, _ = _week_of(anchor)
        return _Res(monday.isoformat(), "week", (anchor - timedelta(days=1)).isoformat())
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


def _h_month_relative_year(m: re.Match[str], ctx: _Ctx) -> _Res | None:
    """'June this year', 'March of last year': the month in the year the phrase names,
    counted from the publication year, not the nearest June."""
    month = _month_number(m["m1"])
    if month is None or ctx.published is None:
        return None
    mod = re.sub(r"\s+", " ", m["mod"].lower())
    offset = {"this": 0, "last": -1, "the previous": -1, "next": 1, "the following": 1}[mod]
    year = ctx.published.year + offset
    future = (year, month) > (ctx.published.year, ctx.published.month)
    return _Res(_iso_month(year, month), "month", None, future)


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
