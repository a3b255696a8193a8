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

from frontwire.extract.times.dates import (
    DEFAULT_DATE_TAG,
    DateChoice,
    _parse_absolute,
    end_date,
    start_date,
)
from frontwire.extract.times.dating import date_for_span
from frontwire.extract.times.expressions import extract_times, log, resolve_expression
from frontwire.extract.times.handlers import _calendar_day
from frontwire.extract.times.words import _alt

__all__ = [
    "DEFAULT_DATE_TAG",
    "DateChoice",
    "_alt",
    "_calendar_day",
    "_parse_absolute",
    "date_for_span",
    "end_date",
    "extract_times",
    "log",
    "resolve_expression",
    "start_date",
]
