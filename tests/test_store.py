"""The store, on SQLite and on PostgreSQL: idempotent saves, replacements, round trips."""

from __future__ import annotations

from datetime import date

import pytest
from corpus_fixtures import BACKENDS, corpus, store_url, strike_article
from sqlalchemy import text

from frontwire.store import (
    EventFilter,
    counts,
    extractions,
    make_engine,
    merged_events,
    open_store,
    relink,
    save_extraction,
)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:
    return store_url(request.param, tmp_path)


def _fill(url: str) -> None:
    with open_store(url)() as session:
        for extraction in corpus():
            save_extraction(session, extraction)
        relink(session)
        session.commit()


def test_saving_the_same_articles_twice_changes_nothing(db_url: str) -> None:
    _fill(db_url)
    with open_store(db_url)() as session:
        first = counts(session)
        results = [save_extraction(session, e) for e in corpus()]
        relink(session)
        session.commit()
        assert results == ["unchanged"] * len(results)
        assert counts(session) == first
    assert first["articles"] == 5 and first["events"] == 5 and first["merged_events"] == 3


def test_a_changed_article_replaces_its_old_rows(db_url: str) -> None:
    _fill(db_url)
    changed = strike_article(
        "Russian bombs hit a hypermarket in Kharkiv on Saturday, killing 16 shoppers.",
        source="Frontline Wire",
        published=date(2024, 5, 25),
        event_date="2024-05-25",
        location="Kharkiv",
        lat=49.99,
        lon=36.23,
        fatalities=16,
        url="https://example.org/a",
    )
    with open_store(db_url)() as session:
        before = counts(session)
        assert save_extraction(session, changed) == "replaced"
        relink(session)
        session.commit()
        after = counts(session)
        stored = {e["article"]["url"]: e for e in extractions(session)}
    assert after == before
    assert stored["https://example.org/a"]["events"][0]["fatalities"] == 16
    assert "16 shoppers" in stored["https://example.org/a"]["events"][0]["notes"]


def test_stored_articles_read_back_as_the_contract(db_url: str) -> None:
    _fill(db_url)
    with open_store(db_url)() as session:
        stored = {e["article"]["id"]: e for e in extractions(session)}
    for extraction in corpus():
        assert stored[extraction.article.id] == extraction.to_dict()


def test_merged_events_and_filters(db_url: str) -> None:
    _fill(db_url)
    with open_store(db_url)() as session:
        every = merged_events(session)
        assert [e["source_count"] for e in every].count(3) == 1
        odesa = merged_events(session, EventFilter(location="odesa"))
        assert [e["location"] for e in odesa] == ["Odesa"]
        late = merged_events(session, EventFilter(since=date(2024, 5, 26)))
        assert [e["event_date"] for e in late] == ["2024-05-28"]
        deadly = merged_events(session, EventFilter(min_fatalities=5, actor="russia"))
        assert len(deadly) == 1 and deadly[0]["fatalities"] == 12
        assert merged_events(session, EventFilter(min_sources=2))[0]["source_count"] == 3


def test_sqlite_store_uses_wal(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'wal.db'}"
    open_store(url)
    with make_engine(url).connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
