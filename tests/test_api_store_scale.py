"""The API on a generated store (a few hundred events): what SQL computes equals a plain
computation over the same events; clusters add up; caching, gzip and full text behave."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from corpus_fixtures import _pg_url, reset_postgres
from fastapi.testclient import TestClient
from sqlalchemy import select

from frontwire.scale.store_gen import generate_store
from frontwire.store import open_store
from frontwire.store.models import ArticleRow
from frontwire.web import queries
from frontwire.web.app import create_app

EVENTS = 300


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('gen') / 'gen.db'}"
    else:
        url = _pg_url() or ""
        if not url:
            pytest.skip("FRONTWIRE_TEST_PG_URL unset (scripts/start_postgres.sh starts one)")
        reset_postgres(url)
    factory = open_store(url)
    with factory() as session:
        generate_store(session, EVENTS, seed=5)
    factory.kw["bind"].dispose()
    return url


@pytest.fixture(scope="module")
def client(store: str) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as c:
        yield c
        c.app.state.sessions.kw["bind"].dispose()


def _all(client: TestClient, **params: object) -> list[dict]:
    body = client.get("/api/events", params={"limit": 1000, **params}).json()
    assert body["total"] == len(body["items"])
    return body["items"]


def test_filters_count_what_a_plain_filter_counts(client: TestClient) -> None:
    every = _all(client)
    assert len(every) == EVENTS
    country = Counter(e["country"] for e in every).most_common(1)[0][0]
    wanted = [
        e
        for e in every
        if e["country"] == country
        and e["fatalities"] >= 2
        and e["event_type"] == "Battles"
        and "2023-01-01" <= e["event_date"] <= "2023-12-31"
    ]
    got = _all(
        client,
        country=country,
        min_fatalities=2,
        event_type="Battles",
        start="2023-01-01",
        end="2023-12-31",
    )
    assert sorted(e["id"] for e in got) == sorted(e["id"] for e in wanted)
    ordered = [e["fatalities"] for e in _all(client, sort="-fatalities")]
    assert ordered == sorted(ordered, reverse=True)


def test_aggregates_equal_a_plain_count_per_month_and_week(client: TestClient) -> None:
    every = _all(client)
    monthly = client.get("/api/aggregates", params={"interval": "month"}).json()
    expected = Counter((e["event_type"], e["event_date"][:7]) for e in every)
    deaths = Counter()
    for e in every:
        deaths[(e["event_type"], e["event_date"][:7])] += e["fatalities"]
    got = {
        (g["key"], s["period"]): (s["events"], s["fatalities"])
        for g in monthly["groups"]
        for s in g["series"]
    }
    assert got == {key: (n, deaths[key]) for key, n in expected.items()}
    first = min(e["event_date"] for e in every)[:7]
    assert monthly["periods"][0] == first and len(monthly["periods"]) == len(
        set(monthly["periods"])
    )

    weekly = client.get("/api/aggregates", params={"interval": "week", "by": "country"}).json()

    def monday(day: str) -> str:
        when = date.fromisoformat(day)
        return (when - timedelta(days=when.weekday())).isoformat()

    expected_weeks = Counter((e["country"], monday(e["event_date"])) for e in every)
    got_weeks = {
        (g["key"], s["period"]): s["events"] for g in weekly["groups"] for s in g["series"]
    }
    assert got_weeks == dict(expected_weeks)


def test_facets_count_the_values_present(client: TestClient) -> None:
    every = _all(client)
    facets = client.get("/api/facets").json()
    assert {f["value"]: f["count"] for f in facets["country"]} == Counter(
        e["country"] for e in every
    )
    assert {f["value"]: f["count"] for f in facets["plover"]} == Counter(e["plover"] for e in every)


@pytest.mark.parametrize("zoom", [1, 4, 9])
def test_clusters_add_up_to_the_filtered_count(
    client: TestClient, zoom: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "POINTS_BELOW", 20)
    for params in ({}, {"min_fatalities": 1}, {"bbox": "-20,-10,60,40"}):
        view = client.get("/api/clusters", params={"zoom": zoom, **params}).json()
        mapped = [e for e in _all(client, **params) if e["latitude"] is not None]
        counted = sum(c["count"] for c in view["clusters"]) + len(view["points"])
        assert counted == view["total"] == len(mapped)
        assert all(c["count"] >= 2 for c in view["clusters"])
        assert {p["id"] for p in view["points"]} <= {e["id"] for e in mapped}
    coarse = client.get("/api/clusters", params={"zoom": 1}).json()
    fine = client.get("/api/clusters", params={"zoom": 9}).json()
    assert len(coarse["clusters"]) + len(coarse["points"]) < len(fine["clusters"]) + len(
        fine["points"]
    )


def test_geojson_pages_cover_every_mapped_event_once(client: TestClient) -> None:
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = client.get("/api/events.geojson", params={"limit": 70, "offset": offset}).json()
        seen.extend(f["id"] for f in page["features"])
        offset = page["next_offset"]
    mapped = [e["id"] for e in _all(client) if e["latitude"] is not None]
    assert sorted(seen) == sorted(mapped) and len(seen) == page["total"]


def test_full_text_finds_words_of_articles_and_not_non_words(
    client: TestClient, store: str
) -> None:
    factory = open_store(store)
    with factory() as session:
        texts = [
            (row.id, f"{row.title} {row.text}".lower())
            for row in session.execute(select(ArticleRow.id, ArticleRow.title, ArticleRow.text))
        ]
    factory.kw["bind"].dispose()
    holding = {i for i, text in texts if re.search(r"\bhaddad\b", text)}
    assert 0 < len(holding) < len(texts)
    found = client.get("/api/articles", params={"q": "Haddad", "limit": 1000}).json()
    assert {a["id"] for a in found["items"]} == holding
    assert client.get("/api/articles", params={"q": "zqxjvw"}).json()["total"] == 0
    assert client.get("/api/events", params={"q": "zqxjvw"}).json()["total"] == 0
    # An event is found by a word of one of its articles.
    events = _all(client, q="Haddad")
    assert events and all(set(e["sources"]) for e in events)
    assert (
        client.get("/api/articles", params={"q": '"); DROP TABLE articles; --'}).status_code == 200
    )


def test_repeated_read_gets_304_and_assets_are_cached_for_good(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 5})
    etag = first.headers["etag"]
    again = client.get("/api/events", params={"limit": 5}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    other = client.get("/api/events", params={"limit": 6}, headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag
    big = client.get("/api/events", params={"limit": 300}, headers={"Accept-Encoding": "gzip"})
    assert big.headers["content-encoding"] == "gzip"
    raw = client.get("/api/events", params={"limit": 300}, headers={"Accept-Encoding": "identity"})
    assert len(gzip.compress(raw.content)) < len(raw.content)
    page = client.get("/").text
    script = re.search(r'src="(/static/dashboard\.js\?v=[0-9a-f]+)"', page)
    assert script, "dashboard.js is linked without a version"
    asset = client.get(script.group(1))
    assert asset.status_code == 200 and "immutable" in asset.headers["cache-control"]
    assert "immutable" not in client.get("/static/dashboard.js").headers.get("cache-control", "")
