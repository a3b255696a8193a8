"""Property tests over the extractors: any unicode text and any publication date.

Whatever the text, extraction must not raise, every offset must slice the article text
exactly, coordinates must be on the globe and every date must be a real ISO date.
The example count is small in CI; ``scripts/fuzz_long.py`` runs the same properties
with many more examples (FRONTWIRE_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import os
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontwire.model import Article, Extraction
from frontwire.pipeline import extract_article

EXAMPLES = int(os.environ.get("FRONTWIRE_FUZZ_EXAMPLES", "60"))
#: How many inputs the properties in this module have tried (fuzz_long.py prints it).
TRIED = {"extract": 0}

SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize="FRONTWIRE_FUZZ_SEED" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# News-like pieces, so generated texts reach the deeper paths (places, tolls, dates,
# quotes), mixed with arbitrary unicode.
_PIECES = [
    "Russian forces shelled",
    "Kharkiv",
    "on Tuesday",
    "killing 12 civilians",
    "at least three people were killed",
    "the governor said.",
    '"We will respond," the army said in a statement.',
    "Al-Shabaab militants attacked",
    "near Mogadishu, Somalia,",
    "last week",
    "on 3 March 2024",
    "since 2014",
    "2016-2014",
    "31 June",
    "between 5 and 10 soldiers",
    "police fired tear gas at protesters in Nairobi",
    "\n\n",
    ".",
    "0",
    "99999999999999999999",
    "yesterday",
    "next month",
    "Sudan's RSF",
    "according to Reuters",
]

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=12)), max_size=40).map(" ".join),
)
dates = st.one_of(st.none(), st.dates(), st.dates(date(1990, 1, 1), date(2035, 12, 31)))


def assert_iso(value: str | None, what: str) -> None:
    """None, or a real calendar date written YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return
    assert _ISO.match(value), f"{what}: {value!r} is not ISO"
    if len(value) == 10:
        date.fromisoformat(value)
    elif len(value) == 7:
        assert 1 <= int(value[5:]) <= 12, f"{what}: bad month in {value!r}"


def assert_span(text: str, start: int | None, end: int | None, shown: str | None, what: str):
    assert start is not None and end is not None, what
    assert 0 <= start <= end <= len(text), f"{what}: span {start}:{end} outside the text"
    if shown is not None:
        assert text[start:end] == shown, f"{what}: {text[start:end]!r} != {shown!r}"


def assert_globe(lat: float | None, lon: float | None, what: str) -> None:
    if lat is not None:
        assert -90 <= lat <= 90, f"{what}: latitude {lat}"
    if lon is not None:
        assert -180 <= lon <= 180, f"{what}: longitude {lon}"


def check_extraction(x: Extraction) -> None:
    """Every invariant a user relies on, for one extraction."""
    text = x.article.text
    for t in x.times:
        assert_span(text, t.start, t.end, t.mention, "time")
        assert_iso(t.value, "time value")
        assert_iso(t.end_value, "time end value")
    for p in x.places:
        assert_span(text, p.start, p.end, p.mention, "place")
        assert_globe(p.latitude, p.longitude, "place")
    for a in x.actors:
        assert_span(text, a.start, a.end, a.mention, "actor")
    for c in x.claims:
        assert_span(text, c.start, c.end, c.text, "claim")
        if c.speaker_start is not None:
            assert_span(text, c.speaker_start, c.speaker_end, None, "claim speaker")
        assert_iso(c.date, "claim date")
    for e in x.events:
        assert_iso(e.event_date, "event date")
        assert_iso(e.date_end, "event end date")
        assert_globe(e.latitude, e.longitude, "event")
        assert e.fatalities >= 0, "negative fatalities"
        for ev in e.evidence:
            assert_span(text, ev.start, ev.end, ev.text, "evidence")
    x.to_dict()  # serialisable, as the CLI and store need


@SETTINGS
@given(text=texts, published=dates)
def test_extraction_never_raises_and_offsets_slice_the_text(
    text: str, published: date | None
) -> None:
    TRIED["extract"] += 1
    check_extraction(extract_article(Article(text=text, published=published)))


def test_a_known_article_passes_the_same_checks() -> None:
    """The checker itself must accept a real extraction with events in it."""
    text = (
        "Russian forces shelled Kharkiv on Tuesday, killing 12 civilians, the governor "
        "said. Police fired tear gas at protesters in Nairobi on 3 March 2024."
    )
    x = extract_article(Article(text=text, published=date(2024, 3, 7)))
    check_extraction(x)
    assert x.places and x.times


def test_a_place_name_after_leading_whitespace_does_not_crash() -> None:
    """Found by scripts/fuzz_long.py: a name preceded by whitespace alone."""
    for text in (" Ma", " Rudan", " KhAR"):
        check_extraction(extract_article(Article(text=text, published=None)))


def test_a_run_without_full_stops_is_cut_into_bounded_sentences(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Scraped tables and lists have no full stops: the parser gets bounded sentences and
    every offset still slices the original text."""
    from frontwire import config
    from frontwire.nlp import get_nlp

    monkeypatch.setattr(config, "MAX_SENTENCE_CHARS", 300)
    text = " ".join(f"Kharkiv {n} shelled Odesa" for n in range(200)) + ". Calm returned."
    doc = get_nlp()(text)
    assert doc.text == text
    assert max(len(s.text) for s in doc.sents) <= 300 + 40
    x = extract_article(Article(text=text, published=date(2024, 5, 1)))
    check_extraction(x)
