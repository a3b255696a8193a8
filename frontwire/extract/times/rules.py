"""Rules, second half: the ordered table of patterns, each with the handler that resolves it
(``_MatchView`` lets one handler serve a rule's alternative branches).
"""

from __future__ import annotations

import re

from frontwire.extract.times.handlers import (
    _h_ago,
    _h_anaphoric_day,
    _h_day_range,
    _h_decade,
    _h_duration,
    _h_holiday,
    _h_iso,
    _h_later_earlier,
    _h_month,
    _h_month_position,
    _h_month_range,
    _h_month_relative_year,
    _h_month_year,
    _h_night_of,
    _h_night_range,
    _h_night_weekdays,
    _h_numeric,
    _h_ordinal_day,
    _h_overnight,
    _h_past_n,
    _h_relative_day,
    _h_relative_period,
    _h_season,
    _h_single_day,
    _h_this_part,
    _h_week_of,
    _h_weekday,
    _h_weekday_range,
    _h_weekend,
    _h_year,
    _h_year_range,
    _Handler,
)
from frontwire.extract.times.words import _compile


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
        "relative_period_in_the",
        _compile(
            r"(?P<pos>(?i:earlier|later))\s+(?i:in\s+the)\s+(?P<unit>(?i:week|month|year))"
            r"(?![a-z])"
        ),
        # "earlier in the week": the current one, as "earlier this week"
        lambda m, ctx: _h_relative_period(_MatchView(m, {"mod": "this"}), ctx),
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
        "month_relative_year",
        _compile(
            r"<MONTHF:m1>,?\s+(?:(?i:of)\s+)?(?P<mod>(?i:this|last|next|the\s+previous"
            r"|the\s+following))\s+(?i:year)(?![a-z])"
        ),
        _h_month_relative_year,
    ),
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
