"""The server's response cache: repeated reads cost no SQL, and every write to the store
(an ingest by another process, a replaced article, a POST to a writable server) shows
at the very next request."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from corpus_fixtures import _pg_url
from fastapi.testclient import TestClient
from sqlalchemy import event, select

from frontwire.model import Article, Event, Evidence, Extraction
from frontwire.scale.store_gen import generate_store
from frontwire.store import link_pending, make_engine, open_store, save_extraction
from frontwire.store.db import store_version
from frontwire.store.models import MergedEventRow
from frontwire.web.app import create_app

URL = "https://example.org/harbour-raid"
FIRST = (
    "Gunmen raided the harbour of Zanzibar City on Monday, killing four dock workers, police said."
)
SECOND = (
    "Gunmen raided the harbour of Zanzibar City on Monday, killing seven dock workers, "
    "police said on Tuesday."
)


def _raid(text: str, fatalities: int) -> Extraction:
    """A hand-made extraction of one attack, its evidence the article's first clause."""
    article = Article(
        text=text, title="Harbour raid", published=date(2031, 3, 4), source="Gamma", url=URL
    )
    lead = "Gunmen raided the harbour of Zanzibar City"
    return Extraction(
        article=article,
        events=[
            Event(
                event_id="e1",
                event_date="2031-03-03",
                time_precision=1,
                disorder_type="Political violence",
                event_type="Violence against civilians",
                sub_event_type="Attack",
                plover={"event_type": "ASSAULT", "mode": None, "context": None},
                actor1="Unidentified Armed Group (Tanzania)",
                actor2="Civilians (Tanzania)",
                civilian_targeting=True,
                iso="TZ",
                country="Tanzania",
                admin1="Zanzibar Urban/West",
                location="Zanzibar City",
                latitude=-6.16,
                longitude=39.19,
                geo_precision=1,
                fatalities=fatalities,
                evidence=[Evidence.of(text, 0, len(lead))],
            )
        ],
    )


def _ingest(url: str, extraction: Extraction) -> str:
    """Store and link one extraction from outside the server (as `frontwire ingest`)."""
    factory = open_store(url)
    with factory() as session:
        result = save_extraction(session, extraction)
        session.commit()
        link_pending(session)
        session.commit()
    factory.kw["bind"].dispose()
    return result


@contextmanager
def _private_schema(base_url: str) -> Iterator[str]:
    """A throwaway PostgreSQL schema: other test runs on the same database never touch it."""
    schema = f"fw_cache_{uuid.uuid4().hex[:10]}"
    engine = make_engine(base_url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in base_url else "?"
    try:
        yield f"{base_url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        engine.dispose()


def _generated(url: str) -> str:
    factory = open_store(url)
    with factory() as session:
        generate_store(session, 60, seed=11)
    factory.kw["bind"].dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield _generated(f"sqlite:///{tmp_path / 'cache.db'}")
        return
    base = _pg_url() or ""
    if not base:
        pytest.skip("FRONTWIRE_TEST_PG_URL unset (scripts/start_postgres.sh starts one)")
    with _private_schema(base) as url:
        yield _generated(url)


@pytest.fixture
def client(store: str) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as c:
        yield c
        c.app.state.sessions.kw["bind"].dispose()
        c.app.state.version_engine.dispose()


def _statements(client: TestClient) -> list[str]:
    """A list that fills with every SQL statement the server runs from now on."""
    seen: list[str] = []
    engine = client.app.state.sessions.kw["bind"]

    @event.listens_for(engine, "before_cursor_execute")
    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    return seen


def _reads_of_the_store(statements: list[str]) -> list[str]:
    """The statements that read or write the articles' or merged events' tables."""
    table = r"\b(FROM|JOIN|INTO|UPDATE)\s+(events|merged_events|merged_event_reports|articles)\b"
    return [s for s in statements if re.search(table, s)]


def _tanzania(client: TestClient) -> list[dict]:
    return client.get("/api/events", params={"country": "Tanzania"}).json()["items"]


def test_a_repeated_read_runs_no_query_but_the_version_check(client: TestClient) -> None:
    first = client.get("/api/aggregates", params={"interval": "month"})
    seen = _statements(client)
    again = client.get("/api/aggregates", params={"interval": "month"})
    assert again.status_code == 200 and again.content == first.content
    assert [s for s in seen if "store_version" not in s] == []
    # A forced reload computes the answer again (and gets the same one).
    reload = client.get(
        "/api/aggregates", params={"interval": "month"}, headers={"Cache-Control": "no-cache"}
    )
    assert reload.content == first.content
    assert any("merged_events" in s for s in seen)


def test_an_ingest_elsewhere_shows_at_the_next_request(client: TestClient, store: str) -> None:
    before = client.get("/api/events", params={"limit": 1}).json()["total"]
    facets = client.get("/api/facets").json()
    assert _tanzania(client) == []
    assert "Tanzania" not in {f["value"] for f in facets["country"]}

    assert _ingest(store, _raid(FIRST, 4)) == "new"
    assert client.get("/api/events", params={"limit": 1}).json()["total"] == before + 1
    [raid] = _tanzania(client)
    assert raid["fatalities"] == 4 and raid["location"] == "Zanzibar City"
    assert "Tanzania" in {f["value"] for f in client.get("/api/facets").json()["country"]}

    # The same URL with new text replaces the article: the cached toll must not survive.
    assert _ingest(store, _raid(SECOND, 7)) == "replaced"
    [raid] = _tanzania(client)
    assert raid["fatalities"] == 7
    assert client.get("/api/events", params={"limit": 1}).json()["total"] == before + 1


def test_a_cached_answer_still_gets_its_304(client: TestClient) -> None:
    first = client.get("/api/facets")
    etag = first.headers["etag"]
    again = client.get("/api/facets", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/api/facets", headers={"If-None-Match": '"other"'}).status_code == 200


def test_answers_differ_by_encoding_and_by_query(client: TestClient) -> None:
    plain = client.get("/api/facets", headers={"Accept-Encoding": "identity"})
    zipped = client.get("/api/facets", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.json() == plain.json()
    five = client.get("/api/events", params={"limit": 5}).json()["items"]
    six = client.get("/api/events", params={"limit": 6}).json()["items"]
    assert len(five) == 5 and len(six) == 6


def test_every_write_bumps_the_store_version(store: str) -> None:
    factory = open_store(store)
    engine = factory.kw["bind"]
    start = store_version(engine)
    assert start is not None
    _ingest(store, _raid(FIRST, 4))
    after_ingest = store_version(engine)
    assert after_ingest is not None and after_ingest > start
    factory.kw["bind"].dispose()


def test_a_writable_servers_post_shows_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    text = "Police fired tear gas at protesters in Nairobi on Tuesday, witnesses said."
    with TestClient(create_app(url, writable=True)) as c:
        assert c.get("/api/articles").json()["total"] == 0
        assert c.post("/api/articles", json={"text": text, "published": "2024-06-25"}).is_success
        assert c.get("/api/articles").json()["total"] == 1
        c.app.state.sessions.kw["bind"].dispose()


def test_simultaneous_requests_for_one_answer_compute_it_once(client: TestClient) -> None:
    import asyncio

    import httpx

    seen = _statements(client)

    async def ten() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=client.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await asyncio.gather(
                *(c.get("/api/clusters", params={"zoom": 3}) for _ in range(10))
            )

    answers = asyncio.run(ten())
    assert {a.status_code for a in answers} == {200}
    assert len({a.content for a in answers}) == 1
    grids = [s for s in seen if "GROUP BY" in s and "avg(merged_events.latitude)" in s]
    points = [s for s in seen if "merged_events" in s and "store_version" not in s]
    # One computation: one grid (or, on a small store, one points query) for ten answers.
    assert len(grids) <= 1 and 0 < len(points) <= 3


def test_a_link_with_nothing_new_skips_its_whole_store_passes(store: str) -> None:
    factory = open_store(store)
    engine = factory.kw["bind"]
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    with factory() as session:
        assert link_pending(session).reports == 0
        session.commit()
    assert _reads_of_the_store(seen) == []
    # A new article raises the flag; its link merges it, and leaves nothing for the next.
    with factory() as session:
        save_extraction(session, _raid(FIRST, 4))
        session.commit()
        assert link_pending(session).reports >= 1
        session.commit()
        seen.clear()
        assert link_pending(session).reports == 0
    assert _reads_of_the_store(seen) == []
    # A replaced article removes event rows: the next link repairs the merged event.
    with factory() as session:
        assert save_extraction(session, _raid(SECOND, 7)) == "replaced"
        session.commit()
        assert link_pending(session).replaced >= 1
        session.commit()
        tolls = [
            e.fatalities
            for e in session.scalars(select(MergedEventRow).where(MergedEventRow.iso == "TZ"))
        ]
    assert tolls == [7]
    engine.dispose()
