"""Incremental linking: ingesting a few articles merges only the groups they reach, and the
merged events equal those of a full relink from scratch."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from corpus_fixtures import BACKENDS, store_url, strike_article
from sqlalchemy import select

from frontwire.model import Extraction
from frontwire.store import link_pending, open_store, relink, save_extraction
from frontwire.store.models import MergedEventRow

#: Towns close enough for chains (Kharkiv / Chuhuiv ~ 35 km) and far apart ones.
TOWNS = [
    ("Kharkiv", 49.99, 36.23),
    ("Chuhuiv", 49.84, 36.69),
    ("Izium", 49.21, 37.26),
    ("Kherson", 46.64, 32.62),
    ("Odesa", 46.48, 30.72),
    ("Sumy", 50.91, 34.80),
]
OUTLETS = ["Kyiv Ledger", "Frontline Wire", "Eastern Dispatch", "Steppe Post"]
PHRASES = [
    "Russian artillery shelled {town} on {day}, killing {n} people, officials said.",
    "{n} people were killed when shells hit {town} on {day}, the governor said.",
    "Shelling of {town} on {day} left {n} dead, according to local authorities.",
    "A missile strike on {town} killed {n} residents on {day}, rescuers reported.",
]


def _articles(seed: int, count: int) -> list[Extraction]:
    """Seeded reports: events in six towns over three weeks, each told by 1-3 outlets."""
    rng = random.Random(seed)
    out: list[Extraction] = []
    n = 0
    while len(out) < count:
        town, lat, lon = rng.choice(TOWNS)
        day = date(2024, 5, 1) + timedelta(days=rng.randrange(21))
        killed = rng.randrange(0, 9)
        for outlet in rng.sample(OUTLETS, rng.randint(1, 3)):
            n += 1
            text = rng.choice(PHRASES).format(town=town, day=day.strftime("%A"), n=killed)
            text += f" Report {n} by {outlet}."
            out.append(
                strike_article(
                    text,
                    source=outlet,
                    published=day + timedelta(days=rng.randint(0, 1)),
                    event_date=day.isoformat(),
                    location=town,
                    lat=lat + rng.uniform(-0.02, 0.02),
                    lon=lon + rng.uniform(-0.02, 0.02),
                    fatalities=max(0, killed + rng.choice([0, 0, 1, -1])),
                    url=f"https://example.org/{n}",
                )
            )
    return out[:count]


def _snapshot(factory) -> list[tuple]:
    """Every merged event: id, its report keys and reasons, its record."""
    with factory() as session:
        rows = session.scalars(select(MergedEventRow).order_by(MergedEventRow.id))
        return [
            (
                row.id,
                [(r.event_row_id, r.reason, r.score) for r in row.reports],
                row.data,
                (row.admin1, row.iso, row.plover, row.actors),
            )
            for row in rows
        ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_linking_in_batches_gives_the_merged_events_of_a_full_relink(
    backend: str, tmp_path: Path
) -> None:
    corpus = _articles(seed=7, count=90)
    factory = open_store(store_url(backend, tmp_path))
    with factory() as session:
        for start in range(0, len(corpus), 15):
            for extraction in corpus[start : start + 15]:
                save_extraction(session, extraction)
            result = link_pending(session)
            session.commit()
            assert not result.full
    incremental = _snapshot(factory)
    assert any(len(reports) >= 2 for _id, reports, _data, _cols in incremental)
    with factory() as session:
        relink(session)
        session.commit()
    assert _snapshot(factory) == incremental


def test_a_far_away_article_links_alone_and_a_replaced_one_is_repaired(tmp_path: Path) -> None:
    corpus = _articles(seed=3, count=60)
    factory = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    with factory() as session:
        for extraction in corpus:
            save_extraction(session, extraction)
        relink(session)
        session.commit()
        far = strike_article(
            "Shells hit Lviv on Monday, killing two people, officials said.",
            source="Kyiv Ledger",
            published=date(2024, 5, 6),
            event_date="2024-05-06",
            location="Lviv",
            lat=49.84,
            lon=24.03,
            fatalities=2,
        )
        save_extraction(session, far)
        result = link_pending(session)
        session.commit()
        # Only the new report is merged again: nothing in the store is near it.
        assert (result.reports, result.replaced, result.merged) == (1, 0, 1)
        # The same URL with new text replaces an article; its merged event is repaired.
        old = corpus[0]
        changed = strike_article(
            old.article.text + " Updated.",
            source=old.article.source or "",
            published=old.article.published or date(2024, 5, 1),
            event_date=old.events[0].event_date or "2024-05-01",
            location=old.events[0].location or "",
            lat=old.events[0].latitude or 0.0,
            lon=old.events[0].longitude or 0.0,
            fatalities=old.events[0].fatalities,
            url=old.article.url,
        )
        assert save_extraction(session, changed) == "replaced"
        result = link_pending(session)
        session.commit()
        assert 1 <= result.reports < 60
    incremental = _snapshot(factory)
    with factory() as session:
        relink(session)
        session.commit()
    assert _snapshot(factory) == incremental
