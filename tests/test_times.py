"""Time expressions (issue 3): normalisation table, the seed article, and event dating."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Doc

from frontwire.extract.times import (
    DateChoice,
    date_for_span,
    extract_times,
    resolve_expression,
)
from frontwire.model import Article, TimeExpr
from frontwire.nlp import parse

P = date(2022, 6, 14)  # the seed article's publication date, a Tuesday
PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")  # contract.schema.json's partialDate

# (expression, published, value, end_value, precision)
CASES = [
    # weekdays on both sides of publication
    ("Sunday", P, "2022-06-12", None, "day"),
    ("On Sunday", P, "2022-06-12", None, "day"),
    ("on Tuesday", P, "2022-06-14", None, "day"),
    ("Wednesday", P, "2022-06-08", None, "day"),
    ("last Monday", P, "2022-06-13", None, "day"),
    ("last Tuesday", P, "2022-06-07", None, "day"),
    ("next Tuesday", P, "2022-06-21", None, "day"),
    ("next Friday", P, "2022-06-17", None, "day"),
    ("this coming Saturday", P, "2022-06-18", None, "day"),
    ("the talks will resume on Thursday", P, "2022-06-16", None, "day"),
    ("from Monday", P, "2022-06-20", None, "day"),
    ("Friday's attack", P, "2022-06-10", None, "day"),
    ("Monday or Tuesday", P, "2022-06-13", "2022-06-14", "range"),
    # a month with the year named relative to publication, not the nearest such month
    ("in March this year", P, "2022-03", None, "month"),
    ("September of last year", P, "2021-09", None, "month"),
    ("January next year", P, "2023-01", None, "month"),
    ("earlier in the week", P, "2022-06-13", "2022-06-14", "week"),
    ("later in the month", P, "2022-06", None, "month"),
    ("will mobilize all its forces from Monday or Tuesday", P, "2022-06-20", "2022-06-21", "range"),
    ("Saturday and Sunday", P, "2022-06-11", "2022-06-12", "range"),
    # parts of day keep the date; a night is named after its evening
    ("Sunday evening", P, "2022-06-12", None, "day"),
    ("Monday morning", P, "2022-06-13", None, "day"),
    ("early Sunday", P, "2022-06-12", None, "day"),
    ("late on Monday", P, "2022-06-13", "2022-06-14", "day"),
    ("late Monday afternoon", P, "2022-06-13", None, "day"),
    ("late yesterday", P, "2022-06-13", "2022-06-14", "day"),
    ("early on Tuesday", P, "2022-06-14", None, "day"),
    ("before dawn on Sunday", P, "2022-06-12", None, "day"),
    ("in the early hours of Sunday", P, "2022-06-12", None, "day"),
    ("Saturday night", P, "2022-06-11", "2022-06-12", "day"),
    ("yesterday morning", P, "2022-06-13", None, "day"),
    ("this morning", P, "2022-06-14", None, "day"),
    ("last night", P, "2022-06-13", "2022-06-14", "day"),
    ("overnight", P, "2022-06-13", "2022-06-14", "day"),
    ("overnight into Monday", P, "2022-06-12", "2022-06-13", "day"),
    ("tonight", P, "2022-06-14", "2022-06-15", "day"),
    ("on the night of 12 to 13 June", P, "2022-06-12", "2022-06-13", "day"),
    ("the night of 12 June", P, "2022-06-12", "2022-06-13", "day"),
    # relative days and counts back
    ("yesterday", P, "2022-06-13", None, "day"),
    ("today", P, "2022-06-14", None, "day"),
    ("tomorrow", P, "2022-06-15", None, "day"),
    ("the day before yesterday", P, "2022-06-12", None, "day"),
    ("two days ago", P, "2022-06-12", None, "day"),
    ("48 hours ago", P, "2022-06-12", None, "day"),
    ("a week ago", P, "2022-06-07", None, "week"),
    ("three months ago", P, "2022-03", None, "month"),
    ("a year ago", P, "2021", None, "year"),
    ("a few days ago", P, "2022-06-07", "2022-06-12", "range"),
    # weeks, weekends, months, years
    ("last week", P, "2022-06-06", "2022-06-12", "week"),
    ("this week", P, "2022-06-13", "2022-06-19", "week"),
    ("earlier this week", P, "2022-06-13", "2022-06-14", "week"),
    ("next week", P, "2022-06-20", "2022-06-26", "week"),
    ("by the end of next week", P, "2022-06-20", "2022-06-26", "week"),
    ("last weekend", P, "2022-06-11", "2022-06-12", "range"),
    ("over the weekend", P, "2022-06-11", "2022-06-12", "range"),
    ("last month", P, "2022-05", None, "month"),
    ("earlier this month", P, "2022-06", None, "month"),
    ("next month", P, "2022-07", None, "month"),
    ("last year", P, "2021", None, "year"),
    ("earlier this year", P, "2022", None, "year"),
    ("in the past 24 hours", P, "2022-06-13", "2022-06-14", "range"),
    ("over the past week", P, "2022-06-07", "2022-06-14", "range"),
    ("in recent days", P, "2022-06-07", "2022-06-14", "range"),
    ("in the coming days", P, "2022-06-14", "2022-06-21", "range"),
    # absolute dates, ranges, ordinals, numeric forms
    ("23 and 24 June", P, "2022-06-23", "2022-06-24", "range"),
    ("24 June", P, "2022-06-24", None, "day"),
    ("June 23-24", P, "2022-06-23", "2022-06-24", "range"),
    ("30 April to 2 May 2020", P, "2020-04-30", "2020-05-02", "range"),
    ("9 May 2020", P, "2020-05-09", None, "day"),
    ("May 9, 2020", P, "2020-05-09", None, "day"),
    ("On 9th May 2020", P, "2020-05-09", None, "day"),
    ("Monday, 13 June 2022", P, "2022-06-13", None, "day"),
    ("the 5th of May", P, "2022-05-05", None, "day"),
    ("the fifth of May 2020", P, "2020-05-05", None, "day"),
    ("1st May", P, "2022-05-01", None, "day"),
    ("on the 12th", P, "2022-06-12", None, "day"),
    ("12/06/2022", P, "2022-06-12", None, "day"),  # both orders possible: nearest, not after
    ("25/12/2021", P, "2021-12-25", None, "day"),  # only D/M fits
    ("12/25/2021", P, "2021-12-25", None, "day"),  # only M/D fits
    ("2022-06-12", P, "2022-06-12", None, "day"),
    ("Around 9 May 2020", P, "2020-05-09", None, "week"),
    ("As reported on 28 April 2020", P, "2020-04-28", None, "week"),
    # dates and months without a year, across New Year
    ("28 December", date(2023, 1, 3), "2022-12-28", None, "day"),
    ("3 January", date(2022, 12, 30), "2023-01-03", None, "day"),
    ("in December", date(2023, 1, 10), "2022-12", None, "month"),
    ("Christmas Eve", date(2023, 1, 2), "2022-12-24", None, "day"),
    ("mid-March", P, "2022-03", None, "month"),
    ("in March", P, "2022-03", None, "month"),
    ("last May", P, "2022-05", None, "month"),
    ("early May 2020", P, "2020-05", None, "month"),
    ("May 2020", P, "2020-05", None, "month"),
    # years, open ranges, decades, seasons
    ("since 2014", P, "2014", None, "range"),
    ("since March", P, "2022-03", None, "range"),
    ("in 2019", P, "2019", None, "year"),
    ("between 2014 and 2016", P, "2014", "2016", "range"),
    ("the 1990s", P, "1990", "1999", "range"),
    ("last summer", P, "2021-06", "2021-08", "range"),
    # durations are durations, not dates (the contract's value holds dates only)
    ("within 48 hours", P, None, None, "duration"),
    ("for several weeks", P, None, None, "duration"),
    ("for two days", P, None, None, "duration"),
    ("a 48-hour ceasefire", P, None, None, "duration"),
    ("for years", P, None, None, "duration"),
    # anaphora counts from the date before it
    ("police detained him on 9 May 2020 and freed him the next day", P, "2020-05-10", None, "day"),
    ("clashes began on 3 June and ended two days later", P, "2022-06-05", None, "day"),
    # without a publication date nothing relative is resolved
    ("yesterday", None, None, None, "unknown"),
    ("On Sunday", None, None, None, "unknown"),
    ("9 May 2020", None, "2020-05-09", None, "day"),
    ("within 48 hours", None, None, None, "duration"),
]


def test_the_table_is_big_enough() -> None:
    assert len(CASES) >= 60
    assert len({(text, published) for text, published, *_ in CASES}) == len(CASES)


@pytest.mark.parametrize(("text", "published", "value", "end_value", "precision"), CASES)
def test_resolve_expression(
    text: str, published: date | None, value: str | None, end_value: str | None, precision: str
) -> None:
    t = resolve_expression(text, published)
    assert t is not None, text
    assert (t.value, t.end_value, t.precision) == (value, end_value, precision)
    assert (t.mention, t.start, t.end) == (text, 0, len(text))
    # the output contract: values are (partial) calendar dates or null
    assert all(v is None or PARTIAL_DATE.fullmatch(v) for v in (t.value, t.end_value))


@pytest.mark.parametrize(
    ("text", "future"),
    [
        ("next Tuesday", True),
        ("tomorrow", True),
        ("23 and 24 June", True),
        ("will mobilize from Monday or Tuesday", True),
        ("by the end of next week", True),
        ("Sunday", False),
        ("yesterday", False),
        ("last week", False),
        ("since 2014", False),
    ],
)
def test_future_flag(text: str, future: bool) -> None:
    t = resolve_expression(text, P)
    assert t is not None and t.future is future


@pytest.mark.parametrize("text", ["", "   ", "no date here", "the enemy wants to isolate the city"])
def test_no_expression(text: str) -> None:
    assert resolve_expression(text, P) is None


@pytest.mark.parametrize(
    "text",
    [
        "fired at Ad Dubyani area of July 7 neighbourhood",
        "hundreds of October revolution protesters marched",
        "a 25-year-old man was arrested",
        "there were 2000 people in the square",
        "May God help us",
    ],
)
def test_names_and_numbers_are_not_dates(text: str) -> None:
    doc = parse(text)
    assert extract_times(doc, Article(text=text, published=P)) == []


# --- the reference article ---------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(seed_article: Article) -> tuple[Doc, Article, list[TimeExpr]]:
    doc = parse(seed_article.text)
    return doc, seed_article, extract_times(doc, seed_article)


def test_seed_gold_times(seed: tuple[Doc, Article, list[TimeExpr]], shared_eval: Path) -> None:
    _, article, times = seed
    gold = json.loads((shared_eval / "seed" / "gold.json").read_text(encoding="utf-8"))
    for want in gold["times"]:
        hits = [
            t
            for t in times
            if (
                want["mention"].lower() in t.mention.lower()
                or t.mention.lower() in want["mention"].lower()
            )
            and t.value == want["value"]
            and t.end_value == want.get("end", t.end_value)
            and (
                "paragraph" not in want or article.text.count("\n", 0, t.start) == want["paragraph"]
            )
        ]
        assert hits, f"no time expression for {want}"
    for t in times:
        assert article.text[t.start : t.end] == t.mention


def test_seed_durations_and_futures(seed: tuple[Doc, Article, list[TimeExpr]]) -> None:
    _, _, times = seed
    by_mention = {t.mention: t for t in times}
    assert by_mention["within 48 hours"].precision == "duration"
    assert by_mention["for several weeks"].precision == "duration"
    assert by_mention["Monday or Tuesday"].future
    assert (by_mention["Monday or Tuesday"].value, by_mention["Monday or Tuesday"].end_value) == (
        "2022-06-20",
        "2022-06-21",
    )
    assert by_mention["by the end of next week"].future


def _date_of(seed: tuple[Doc, Article, list[TimeExpr]], phrase: str, word: str) -> DateChoice:
    doc, article, times = seed
    at = article.text.index(word, article.text.index(phrase))
    choice = date_for_span(doc, times, at, at + len(word), article.published)
    assert choice is not None
    return choice


@pytest.mark.parametrize(
    ("phrase", "word", "value"),
    [
        ("Amnesty International yesterday accused", "accused", "2022-06-13"),  # E4
        ("the human rights organization stated", "stated", "2022-06-13"),  # Q1
        ("announced its withdrawal", "withdrawal", "2022-06-13"),  # E3
        ("launched an attack on Severodonetsk", "attack", "2022-06-13"),  # E2
        ("the General Staff of Ukraine said", "said", "2022-06-13"),  # Q4: paragraph date
        ("he wrote on Facebook", "wrote", "2022-06-13"),  # Q5
        ("On Sunday, Gaidai warned", "warned", "2022-06-12"),  # Q6
        ("he said, expressing fears", "said", "2022-06-12"),  # Q7: paragraph date
        ("spoke of", "spoke", "2022-06-12"),  # Q9, Q10
    ],
)
def test_seed_dates_for_events_and_speech_acts(
    seed: tuple[Doc, Article, list[TimeExpr]], phrase: str, word: str, value: str
) -> None:
    choice = _date_of(seed, phrase, word)
    assert (choice.value, choice.time_precision, choice.is_default) == (value, 1, False)
    assert choice.time is not None and choice.time.precision == "day"


def test_durations_never_date_an_event(seed: tuple[Doc, Article, list[TimeExpr]]) -> None:
    choice = _date_of(seed, "fighting has been going on", "going")
    assert choice.time is not None and choice.time.precision != "duration"
    assert choice.value == "2022-06-13"


@pytest.mark.parametrize(
    ("phrase", "word"),
    [
        ("Russia will mobilize all its forces", "mobilize"),  # only "Monday or Tuesday" (future)
        ("Ursula von der Leyen acknowledged", "acknowledged"),  # "23 and 24 June", next week
        ("the agency added", "added"),  # nothing in the paragraph
    ],
)
def test_future_or_missing_dates_default_to_publication(
    seed: tuple[Doc, Article, list[TimeExpr]], phrase: str, word: str
) -> None:
    choice = _date_of(seed, phrase, word)
    assert choice == DateChoice("2022-06-14", None, 3, None, True)


# --- ACLED notes and odd input -------------------------------------------------------------


@pytest.mark.parametrize(
    ("notes", "trigger", "value", "precision"),
    [
        (
            "On 9 May 2020, Al Shabaab militants attacked Jubaland forces near Bar-Sanguun.",
            "attacked",
            "2020-05-09",
            1,
        ),
        (
            "Around 8 May 2020 (from 7 - 8 May), the Taliban released 48 soldiers.",
            "released",
            "2020-05-08",
            2,
        ),
        (
            "As reported on 28 April 2020, 1 Taliban commander was killed in Darrah.",
            "killed",
            "2020-04-28",
            2,
        ),
        (
            "On 9 May 2020, steel workers, whose plant closed a few years ago, held a protest.",
            "held",
            "2020-05-09",
            1,
        ),
    ],
)
def test_acled_notes(notes: str, trigger: str, value: str, precision: int) -> None:
    published = date.fromisoformat(value)
    doc = parse(notes)
    times = extract_times(doc, Article(text=notes, published=published))
    at = notes.index(trigger)
    choice = date_for_span(doc, times, at, at + len(trigger), published)
    assert choice is not None
    assert (choice.value, choice.time_precision, choice.is_default) == (value, precision, False)


def test_undated_one_liner_defaults_to_publication() -> None:
    text = "Supermarket on fire after shelling in Donetsk"
    doc = parse(text)
    times = extract_times(doc, Article(text=text, published=date(2022, 5, 14)))
    choice = date_for_span(doc, times, 0, 11, date(2022, 5, 14))
    assert choice == DateChoice("2022-05-14", None, 3, None, True)


def test_without_publication_date() -> None:
    text = "Russian forces shelled Kharkiv yesterday. On 9 May 2020 they attacked Izium."
    doc = parse(text)
    times = extract_times(doc, Article(text=text))
    by_mention = {t.mention: t for t in times}
    assert (by_mention["yesterday"].value, by_mention["yesterday"].precision) == (None, "unknown")
    assert by_mention["9 May 2020"].value == "2020-05-09"
    shelled = text.index("shelled")
    assert date_for_span(doc, times, shelled, shelled + 7, None) is None
    attacked = text.index("attacked")
    choice = date_for_span(doc, times, attacked, attacked + 8, None)
    assert choice is not None and choice.value == "2020-05-09"


def test_week_and_month_choices() -> None:
    text = "Russian forces shelled Kharkiv last week. Earlier this month, Ukraine retook Izium."
    doc = parse(text)
    times = extract_times(doc, Article(text=text, published=P))
    shelled = text.index("shelled")
    week = date_for_span(doc, times, shelled, shelled + 7, P)
    assert week == DateChoice("2022-06-06", "2022-06-12", 2, week.time, False)
    retook = text.index("retook")
    month = date_for_span(doc, times, retook, retook + 6, P)
    # a month: its first day, and its last day no later than publication
    assert month == DateChoice("2022-06-01", "2022-06-14", 3, month.time, False)


@pytest.mark.parametrize(
    ("start", "end"),
    [(-5, 3), (0, 0), (10, 5), (1000, 2000), (3, 10**9)],
)
def test_date_for_span_never_raises(start: int, end: int) -> None:
    text = "Shelling hit Kharkiv on Sunday."
    doc = parse(text)
    times = extract_times(doc, Article(text=text, published=P))
    junk = [TimeExpr("x", 0, 1, "not a date", "day"), TimeExpr("y", 50, 60, "2022-06-01", "day")]
    choice = date_for_span(doc, times + junk, start, end, P)
    assert choice is not None


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "Тиждень тому 12.13.2022 ??? 31 June 2022 29 February 2023 since since 9999"],
)
def test_odd_text(text: str) -> None:
    doc = parse(text)
    times = extract_times(doc, Article(text=text, published=P))
    assert all(t.value is None or PARTIAL_DATE.fullmatch(t.value) for t in times)
    assert date_for_span(doc, times, 0, len(text), P) is not None


# --------------------------------------------------------------------------- speed-ups


@pytest.mark.parametrize("year", [1900, 2000, 2023, 2024])
def test_the_calendar_reads_day_month_year_as_dateparser_does(year: int) -> None:
    """Dates the grammar has read are checked on the calendar instead of by dateparser:
    every day of a century, a leap, a common and a leap year gives the same answer."""
    import calendar

    from frontwire.extract.times import _calendar_day, _parse_absolute

    for month in range(1, 13):
        for day in range(1, 32):
            written = f"{day} {calendar.month_name[month]} {year}"
            assert _calendar_day(day, month, str(year)) == _parse_absolute(written), written


def test_phrase_lists_match_as_a_flat_longest_first_alternation() -> None:
    """The prefix-tree form of a word list finds what the plain list found, including
    when the longer phrase must give way for the rest of the pattern to match."""
    import random

    from frontwire.extract.times import _alt

    words = ["a", "a few", "a couple of", "an", "few", "seven", "seventy", "seventeen", "Sept"]
    flat = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len)[::-1])
    pairs = [
        (re.compile(rf"\b(?:{body})\s+(days|weeks)\b"), re.compile(rf"\b{tree}\s+(days|weeks)\b"))
        for body, tree in (
            (f"(?i:{flat})", _alt(words)),
            (f"(?:{flat})", _alt(words, ignore_case=False)),
        )
    ]
    pieces = [
        "a",
        "few",
        "A",
        "couple",
        "of",
        "seven",
        "SEVENTY",
        "seventeen",
        "days",
        "weeks",
        "an",
    ]
    rnd = random.Random(5)
    for _ in range(3000):
        text = " ".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 7)))
        for plain, tree in pairs:
            assert [m.span() for m in plain.finditer(text)] == [
                m.span() for m in tree.finditer(text)
            ], text


def test_dating_many_spans_of_one_doc_gives_the_same_answers_each_time() -> None:
    """Roots of the time expressions are worked out once per Doc and reused."""
    text = (
        "Russian forces shelled Kherson on Sunday, officials said on Monday.\n"
        "On 3 May 2023 a drone hit a depot, police said."
    )
    doc = parse(text)
    article = Article(text=text, published=date(2023, 5, 9))
    times = extract_times(doc, article)
    spans = [(m.start(), m.end()) for m in re.finditer(r"shelled|said|hit", text)]
    first = [date_for_span(doc, times, s, e, article.published) for s, e in spans]
    again = [date_for_span(doc, times, s, e, article.published) for s, e in spans]
    assert first == again
    assert [c.value for c in first] == ["2023-05-07", "2023-05-08", "2023-05-03", "2023-05-03"]


def _dates(text: str, published: date, *triggers: str) -> list[DateChoice | None]:
    doc = parse(text)
    times = extract_times(doc, Article(text=text, published=published))
    spans = [(text.index(w), text.index(w) + len(w)) for w in triggers]
    return [date_for_span(doc, times, a, b, published) for a, b in spans]


FRI = date(2024, 9, 20)  # a Friday


@pytest.mark.parametrize(
    "text",
    [
        "Troops entered the town on Monday. The blast came two days later.",
        "Troops entered the town on Monday. Two days later, a bomb exploded near the market.",
    ],
)
def test_later_in_a_past_narrative_dates_the_event(text: str) -> None:
    times = extract_times(parse(text), Article(text=text, published=FRI))
    later = next(t for t in times if "later" in t.mention.lower())
    assert (later.value, later.future) == ("2024-09-18", False)
    word = "blast" if "blast" in text else "exploded"
    (choice,) = _dates(text, FRI, word)
    assert choice is not None and (choice.value, choice.is_default) == ("2024-09-18", False)


def test_later_with_nothing_dated_before_is_not_a_future() -> None:
    text = "The blast came two days later."
    (t,) = extract_times(parse(text), Article(text=text, published=FRI))
    assert (t.value, t.precision, t.future) == (None, "unknown", False)
    (choice,) = _dates(text, FRI, "blast")
    assert choice is not None and choice.is_default  # neither publication + 2 nor future


@pytest.mark.parametrize(
    ("text", "later", "later_date", "earlier", "earlier_date"),
    [
        (
            "The death toll rose to 30 on Monday, a day after a suicide bomber struck a "
            "crowded market in Kabul.",
            "rose",
            "2024-09-16",
            "struck",
            "2024-09-15",
        ),
        (
            "Families buried dozens of trainee police officers on Thursday, two days after "
            "an attack by gunmen on their school killed 77 people.",
            "buried",
            "2024-09-19",
            "attack",
            "2024-09-17",
        ),
        (
            "Police arrested three men on Friday, two days after an attack on a checkpoint.",
            "arrested",
            "2024-09-20",
            "attack",
            "2024-09-18",
        ),
        (
            "Two days after the ambush, the army sent reinforcements on Thursday.",
            "sent",
            "2024-09-19",
            "ambush",
            "2024-09-17",
        ),
        (
            # the date inside the phrase is the earlier event's; the arrest is after it
            "Police arrested three men two days after an attack on a checkpoint on Monday.",
            "arrested",
            "2024-09-18",
            "attack",
            "2024-09-16",
        ),
        (
            "Soldiers were deployed on Wednesday, a day before the vote.",
            "vote",
            "2024-09-19",
            "deployed",
            "2024-09-18",
        ),
    ],
)
def test_an_event_dated_against_another(
    text: str, later: str, later_date: str, earlier: str, earlier_date: str
) -> None:
    """The event that is "after" something is the later one; the anchor event is earlier."""
    late, early = _dates(text, FRI, later, earlier)
    assert late is not None and early is not None
    assert (late.value, late.time_precision, late.is_default) == (later_date, 1, False)
    assert (early.value, early.time_precision, early.is_default) == (earlier_date, 1, False)
    for choice in (late, early):  # the words that date it, with exact offsets
        assert choice.time is not None
        assert text[choice.time.start : choice.time.end] == choice.time.mention


def test_an_uncounted_after_keeps_the_clause_date() -> None:
    """'after an attack' says the attack came first, not by how much: no guessing."""
    text = "Police arrested three men on Thursday after an attack on a checkpoint."
    arrest, attack = _dates(text, FRI, "arrested", "attack")
    assert arrest is not None and attack is not None
    assert arrest.value == attack.value == "2024-09-19"


def test_an_event_with_its_own_date_inside_the_phrase() -> None:
    text = (
        "Families buried their dead on Thursday, two days after the attack. "
        "The attack on September 17 was the deadliest in the capital in years."
    )
    (second,) = _dates(text, FRI, "attack on")
    assert second is not None and second.value == "2024-09-17"


def test_an_overnight_story_stays_within_one_night() -> None:
    """'late on Thursday' is the night of Thursday; 'early on Friday' is its morning."""
    text = (
        "Gunmen attacked an army post late on Thursday, officials said. Heavy fighting "
        "went on overnight, and the shelling continued early on Friday before dawn."
    )
    times = {t.mention: t for t in extract_times(parse(text), Article(text=text, published=FRI))}
    late, night, early = times["late on Thursday"], times["overnight"], times["early on Friday"]
    assert (late.value, late.end_value, late.precision) == ("2024-09-19", "2024-09-20", "day")
    assert (night.value, night.end_value) == (late.value, late.end_value)
    assert (early.value, early.end_value, early.precision) == ("2024-09-20", None, "day")
    attacked, continued = _dates(text, FRI, "attacked", "continued")
    assert attacked is not None and attacked.value == "2024-09-19"
    assert continued is not None and continued.value == "2024-09-20"


def test_overnight_after_a_named_night_is_that_night() -> None:
    """Published on Saturday, the story's "overnight" is the night it has just named."""
    text = "Gunmen attacked an army post late on Thursday. Fighting went on overnight."
    saturday = date(2024, 9, 21)
    times = {
        t.mention: t for t in extract_times(parse(text), Article(text=text, published=saturday))
    }
    assert (times["overnight"].value, times["overnight"].end_value) == ("2024-09-19", "2024-09-20")
    # with no night named before, overnight is the night before publication
    alone = "Fighting went on overnight."
    (t,) = extract_times(parse(alone), Article(text=alone, published=saturday))
    assert (t.value, t.end_value) == ("2024-09-20", "2024-09-21")


def test_a_sentence_ending_its_paragraph_takes_no_date_from_the_next_paragraph() -> None:
    text = (
        "Officials said a man was killed and two more injured in the Zaporizhzhia region.\n\n"
        "Kyiv and Moscow have also traded accusations over a series of strikes this month "
        "on the port of Odesa."
    )
    published = date(2024, 5, 20)
    doc = parse(text)
    times = extract_times(doc, Article(text=text, published=published))
    sent = next(iter(doc.sents))
    choice = date_for_span(doc, times, sent.start_char, sent.end_char, published)
    assert choice is not None and choice.value == "2024-05-20" and choice.is_default
