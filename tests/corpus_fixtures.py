"""Hand-made extractions for the corpus tests (ingest, store, link, export).

They stand in for the pipeline where a test is about storing, merging or exporting,
so those tests do not depend on how well the extractors do today.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from frontwire.model import Article, Claim, Event, Evidence, Extraction, Place, TimeExpr


def strike_article(
    text: str,
    *,
    source: str,
    published: date,
    event_date: str,
    location: str,
    lat: float,
    lon: float,
    fatalities: int,
    url: str | None = None,
    event_type: str = "Explosions/Remote violence",
    sub_event_type: str = "Shelling/artillery/missile attack",
    actor1: str | None = "Military Forces of Russia",
    iso: str = "UA",
    country: str = "Ukraine",
) -> Extraction:
    """One article reporting one event, with evidence, a place, a time and a claim."""
    article = Article(text=text, published=published, source=source, url=url)
    where = text.index(location)
    event = Event(
        event_id="e1",
        event_date=event_date,
        time_precision=1,
        disorder_type="Political violence",
        event_type=event_type,
        sub_event_type=sub_event_type,
        plover={"event_type": "ASSAULT", "mode": None, "context": None},
        actor1=actor1,
        inter1=8 if actor1 else None,
        iso=iso,
        country=country,
        location=location,
        latitude=lat,
        longitude=lon,
        geo_precision=1,
        fatalities=fatalities,
        tags=["local source"],
        notes=text.split(".")[0],
        reported_by=[source],
        confidence=0.7,
        evidence=[Evidence.of(text, 0, text.index(".") + 1)],
    )
    claim = Claim(
        id="c1",
        text=text[: text.index(".")],
        start=0,
        end=text.index("."),
        kind="indirect",
        speaker="the governor",
        events=["e1"],
    )
    place = Place(
        mention=location,
        start=where,
        end=where + len(location),
        name=location,
        feature="city",
        iso=iso,
        latitude=lat,
        longitude=lon,
    )
    return Extraction(
        article=article,
        events=[event],
        claims=[claim],
        places=[place],
        times=[TimeExpr("on Saturday", 0, 0, event_date, "day")],
    )


def corpus() -> list[Extraction]:
    """Three reports of one Kharkiv strike, a near miss a day later, one in Odesa."""
    return [
        strike_article(
            "Russian bombs hit a hypermarket in Kharkiv on Saturday, killing 11 shoppers.",
            source="Frontline Wire",
            published=date(2024, 5, 25),
            event_date="2024-05-25",
            location="Kharkiv",
            lat=49.99,
            lon=36.23,
            fatalities=11,
            url="https://example.org/a",
        ),
        strike_article(
            "The toll from Saturday's bombing of a Kharkiv hypermarket rose to 12.",
            source="Eastern Dispatch",
            published=date(2024, 5, 26),
            event_date="2024-05-25",
            location="Kharkiv",
            lat=49.98,
            lon=36.25,
            fatalities=12,
            url="https://example.org/b",
        ),
        strike_article(
            "Twelve people died when Russian glide bombs hit a Kharkiv store yesterday.",
            source="Kyiv Ledger",
            published=date(2024, 5, 26),
            event_date="2024-05-25",
            location="Kharkiv",
            lat=50.00,
            lon=36.22,
            fatalities=12,
            url="https://example.org/c",
        ),
        strike_article(
            "Russian shelling wounded three people in Kharkiv on Tuesday, officials said.",
            source="Kyiv Ledger",
            published=date(2024, 5, 28),
            event_date="2024-05-28",
            location="Kharkiv",
            lat=49.99,
            lon=36.23,
            fatalities=0,
            url="https://example.org/d",
        ),
        strike_article(
            "A Russian missile hit the port of Odesa on Saturday, killing two dock workers.",
            source="Black Sea News",
            published=date(2024, 5, 25),
            event_date="2024-05-25",
            location="Odesa",
            lat=46.48,
            lon=30.73,
            fatalities=2,
            url="https://example.org/e",
        ),
    ]


def _pg_url() -> str | None:
    url = os.environ.get("FRONTWIRE_TEST_PG_URL")
    if not url and os.environ.get("CI") == "true":
        pytest.fail("CI=true but FRONTWIRE_TEST_PG_URL is unset: run scripts/start_postgres.sh")
    return url


def reset_postgres(url: str) -> None:
    """Drop every table so each test starts from an empty, freshly migrated database."""
    from sqlalchemy import text

    from frontwire.store import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


#: The store back ends every store test runs on.
BACKENDS = ["sqlite", "postgresql"]


def store_url(backend: str, tmp_path: Path) -> str:
    """A fresh store URL: an SQLite file, or the (emptied) PostgreSQL test database."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url = _pg_url()
    if not url:
        pytest.skip("FRONTWIRE_TEST_PG_URL unset (scripts/start_postgres.sh starts one)")
    reset_postgres(url)
    return url
