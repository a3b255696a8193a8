"""The REST API and server-rendered pages as a client meets them.

Two stores: one of hand-coded articles (written here, coded by hand) so every filter can
be checked against known answers, and one built by the real pipeline from samples/*.txt
for the end-to-end checks (counts agree, pages render, extraction works).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text as sql

from frontwire.ingest.text import read_text_file
from frontwire.model import Article, Claim, Event, Evidence, Extraction
from frontwire.store import make_engine, open_store, relink, save_extraction
from frontwire.web import queries
from frontwire.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent

KUPIANSK = (
    "Artillery shelled the town of Kupiansk on Wednesday, killing three civilians, the "
    'governor said. "The shelling did not stop all night," Governor Oleh Syniehubov wrote '
    "on Telegram."
)
YANGON = (
    "Hundreds of students marched through Yangon on Thursday. Placards read "
    "<script>alert(1)</script> and <b>free them</b>, witnesses said."
)
FASHER = (
    "The Rapid Support Forces attacked army positions in El Fasher on Saturday. Twelve "
    "fighters were killed in the clashes, a medical source said."
)


def _span(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence.of(text, start, start + len(phrase))


def _hand_coded() -> list[Extraction]:
    kup = Article(
        text=KUPIANSK,
        title="Shelling in Kupiansk",
        published=date(2024, 5, 2),
        source="Alpha Times",
        url="https://example.org/a",
    )
    quote = _span(KUPIANSK, "The shelling did not stop all night,")
    kup_x = Extraction(
        article=kup,
        events=[
            Event(
                event_id="e1",
                event_date="2024-05-01",
                time_precision=1,
                disorder_type="Political violence",
                event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack",
                plover={"event_type": "ASSAULT", "mode": "firearms", "context": None},
                actor1="Military Forces of Russia (2000-)",
                actor2="Civilians (Ukraine)",
                civilian_targeting=True,
                iso="UA",
                country="Ukraine",
                admin1="Kharkiv",
                location="Kupiansk",
                latitude=49.71,
                longitude=37.61,
                geo_precision=1,
                fatalities=3,
                evidence=[_span(KUPIANSK, "Artillery shelled the town of Kupiansk")],
            )
        ],
        claims=[
            Claim(
                id="c1",
                text=quote.text,
                start=quote.start,
                end=quote.end,
                kind="direct",
                speaker="Oleh Syniehubov",
                speaker_role="Governor",
                channel="Telegram",
                date="2024-05-01",
                events=["e1"],
            )
        ],
    )
    yan = Article(
        text=YANGON, title="March in Yangon", published=date(2024, 5, 10), source="Beta News"
    )
    yan_x = Extraction(
        article=yan,
        events=[
            Event(
                event_id="e1",
                event_date="2024-05-09",
                time_precision=1,
                disorder_type="Demonstrations",
                event_type="Protests",
                sub_event_type="Peaceful protest",
                plover={"event_type": "PROTEST", "mode": "demonstrate", "context": None},
                actor1="Protesters (Myanmar)",
                iso="MM",
                country="Myanmar",
                admin1="Yangon",
                location="Yangon",
                latitude=16.80,
                longitude=96.15,
                fatalities=0,
                evidence=[_span(YANGON, "Placards read <script>alert(1)</script>")],
            )
        ],
    )
    fas = Article(
        text=FASHER, title="Clashes in El Fasher", published=date(2024, 5, 20), source="Gamma"
    )
    fas_x = Extraction(
        article=fas,
        events=[
            Event(
                event_id="e1",
                event_date="2024-05-18",
                time_precision=1,
                disorder_type="Political violence",
                event_type="Battles",
                sub_event_type="Armed clash",
                plover={"event_type": "ASSAULT", "mode": "firearms", "context": None},
                actor1="Rapid Support Forces",
                actor2="Military Forces of Sudan (2019-)",
                iso="SD",
                country="Sudan",
                admin1="North Darfur",
                location="El Fasher",
                latitude=13.63,
                longitude=25.35,
                fatalities=12,
                evidence=[_span(FASHER, "Twelve fighters were killed in the clashes")],
            )
        ],
    )
    return [kup_x, yan_x, fas_x]


def _fill(url: str, extractions: list[Extraction]) -> None:
    sessions = open_store(url)
    with sessions() as session:
        for extraction in extractions:
            save_extraction(session, extraction)
        relink(session)
        session.commit()


@contextmanager
def _pg_schema(base_url: str) -> Iterator[str]:
    """A throwaway schema in the test PostgreSQL, so other tests' rows never mix in."""
    schema = f"fw_web_{uuid.uuid4().hex[:10]}"
    engine = make_engine(base_url)
    with engine.begin() as conn:
        conn.execute(sql(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base_url else "?"
    try:
        yield f"{base_url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(sql(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hand_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The hand-coded store, on SQLite and (where FRONTWIRE_TEST_PG_URL is set) PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('hand') / 'hand.db'}"
        _fill(url, _hand_coded())
        yield url
        return
    pg_url = os.environ.get("FRONTWIRE_TEST_PG_URL")
    if not pg_url:
        pytest.skip("FRONTWIRE_TEST_PG_URL is not set (scripts/start_postgres.sh prints it)")
    with _pg_schema(pg_url) as url:
        _fill(url, _hand_coded())
        yield url


@pytest.fixture(scope="module")
def client(hand_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(hand_db)) as c:
        yield c
        c.app.state.sessions.kw["bind"].dispose()


@pytest.fixture(scope="module")
def samples_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from frontwire.pipeline import extract_articles

    url = f"sqlite:///{tmp_path_factory.mktemp('samples') / 'samples.db'}"
    articles = [read_text_file(p) for p in sorted((ROOT / "samples").glob("*.txt"))]
    _fill(url, list(extract_articles(articles)))
    with TestClient(create_app(url)) as c:
        yield c


def locations(client: TestClient, **params: object) -> list[str]:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return sorted(item["location"] for item in response.json()["items"])


# ---- events and their filters ------------------------------------------------------------


def test_events_lists_every_merged_event_with_total(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 3
    assert [e["event_date"] for e in body["items"]] == ["2024-05-18", "2024-05-09", "2024-05-01"]
    first = body["items"][0]
    assert first["sources"] == ["Gamma"] and first["iso3"] == "sdn"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start": "2024-05-05"}, ["El Fasher", "Yangon"]),
        ({"end": "2024-05-09"}, ["Kupiansk", "Yangon"]),
        ({"start": "2024-05-02", "end": "2024-05-10"}, ["Yangon"]),
        ({"country": "sudan"}, ["El Fasher"]),
        ({"country": "UA"}, ["Kupiansk"]),
        ({"admin1": "north darfur"}, ["El Fasher"]),
        ({"event_type": "Protests"}, ["Yangon"]),
        ({"event_type": ["Protests", "Battles"]}, ["El Fasher", "Yangon"]),
        ({"sub_event_type": "Shelling/artillery/missile attack"}, ["Kupiansk"]),
        ({"plover": "assault"}, ["El Fasher", "Kupiansk"]),
        ({"actor": "rapid support"}, ["El Fasher"]),
        ({"actor": "civilians"}, ["Kupiansk"]),
        ({"min_fatalities": 3}, ["El Fasher", "Kupiansk"]),
        ({"min_sources": 1}, ["El Fasher", "Kupiansk", "Yangon"]),
        ({"q": "telegram"}, ["Kupiansk"]),
        ({"q": "fasher"}, ["El Fasher"]),
        ({"q": "100%"}, []),
        ({"bbox": "20,10,40,55"}, ["El Fasher", "Kupiansk"]),
        ({"bbox": "90,0,100,20"}, ["Yangon"]),
        ({"bbox": "90,0,-170,30"}, ["Yangon"]),
        ({"event_type": "Battles", "country": "Ukraine"}, []),
    ],
)
def test_event_filters(client: TestClient, params: dict, expected: list[str]) -> None:
    assert locations(client, **params) == expected


def test_event_filter_by_article(client: TestClient) -> None:
    article = client.get("/api/articles", params={"source": "Beta News"}).json()["items"][0]
    assert locations(client, article_id=article["id"]) == ["Yangon"]


def test_paging_and_sorting(client: TestClient) -> None:
    by_deaths = client.get("/api/events", params={"sort": "-fatalities"}).json()["items"]
    assert [e["fatalities"] for e in by_deaths] == [12, 3, 0]
    ascending = client.get("/api/events", params={"sort": "location"}).json()["items"]
    assert [e["location"] for e in ascending] == ["El Fasher", "Kupiansk", "Yangon"]
    pages = [
        client.get("/api/events", params={"sort": "event_date", "limit": 2, "offset": n}).json()
        for n in (0, 2)
    ]
    assert [len(p["items"]) for p in pages] == [2, 1]
    assert all(p["total"] == 3 for p in pages)
    assert pages[1]["items"][0]["location"] == "El Fasher"


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"start": "yesterday"}, "start"),
        ({"start": "2024-06-01", "end": "2024-05-01"}, "after end"),
        ({"bbox": "1,2,3"}, "west,south,east,north"),
        ({"bbox": "a,b,c,d"}, "4 numbers"),
        ({"bbox": "0,50,10,40"}, "south <= north"),
        ({"sort": "colour"}, "sort 'colour'"),
        ({"limit": 0}, "limit"),
        ({"limit": 100000}, "limit"),
        ({"offset": -1}, "offset"),
        ({"min_fatalities": -1}, "min_fatalities"),
        ({"min_fatalities": "many"}, "min_fatalities"),
        ({"q": "x" * 500}, "q"),
    ],
)
def test_bad_event_parameters_are_400_with_a_message(
    client: TestClient, params: dict, words: str
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 400
    assert words in response.json()["error"]


def test_one_event_has_sources_evidence_and_claims(client: TestClient) -> None:
    [kup] = client.get("/api/events", params={"q": "Kupiansk"}).json()["items"]
    body = client.get(f"/api/events/{kup['id']}").json()
    assert body["event_type"] == "Explosions/Remote violence"
    [source] = body["sources_detail"]
    assert source["article"]["source"] == "Alpha Times"
    [evidence] = source["evidence"]
    assert KUPIANSK[evidence["start"] : evidence["end"]] == evidence["text"]
    assert [c["speaker"] for c in source["claims"]] == ["Oleh Syniehubov"]


def test_unknown_event_and_article_are_404(client: TestClient) -> None:
    for path in ("/api/events/nope", "/api/articles/nope"):
        response = client.get(path)
        assert response.status_code == 404
        assert "not found" in response.json()["error"]
    page = client.get("/events/nope")
    assert page.status_code == 404 and "not found" in page.text


# ---- geojson and aggregates ------------------------------------------------------------------


def test_geojson_follows_the_filters(client: TestClient) -> None:
    every = client.get("/api/events.geojson").json()
    assert every["type"] == "FeatureCollection" and len(every["features"]) == 3
    feature = next(f for f in every["features"] if f["properties"]["location"] == "Yangon")
    assert feature["geometry"] == {"type": "Point", "coordinates": [96.15, 16.8]}
    battles = client.get("/api/events.geojson", params={"event_type": "Battles"}).json()
    assert [f["properties"]["location"] for f in battles["features"]] == ["El Fasher"]
    assert client.get("/api/events.geojson", params={"limit": 0}).status_code == 400


def test_aggregates_per_day_and_week(client: TestClient) -> None:
    daily = client.get("/api/aggregates", params={"interval": "day"}).json()
    assert len(daily["periods"]) == 18  # every day, so quiet days show as gaps
    assert (daily["periods"][0], daily["periods"][-1]) == ("2024-05-01", "2024-05-18")
    totals = {g["key"]: (g["events"], g["fatalities"]) for g in daily["groups"]}
    assert totals == {
        "Battles": (1, 12),
        "Explosions/Remote violence": (1, 3),
        "Protests": (1, 0),
    }
    weekly = client.get(
        "/api/aggregates", params={"interval": "week", "by": "country", "min_fatalities": 1}
    ).json()
    assert weekly["periods"] == ["2024-04-29", "2024-05-06", "2024-05-13"]  # Mondays
    assert sorted(g["key"] for g in weekly["groups"]) == ["Sudan", "Ukraine"]
    by_region = client.get("/api/aggregates", params={"by": "admin1"}).json()
    assert {g["key"] for g in by_region["groups"]} == {"Kharkiv", "Yangon", "North Darfur"}
    plover = client.get("/api/aggregates", params={"by": "plover", "interval": "month"}).json()
    assert plover["periods"] == ["2024-05"]
    assert {g["key"]: g["events"] for g in plover["groups"]} == {"ASSAULT": 2, "PROTEST": 1}


def test_auto_interval_follows_the_span(client: TestClient) -> None:
    assert client.get("/api/aggregates").json()["interval"] == "day"
    empty = client.get("/api/aggregates", params={"country": "Narnia"}).json()
    assert empty["periods"] == [] and empty["groups"] == []


def test_month_periods_cross_the_year() -> None:
    months = queries._all_periods(date(2023, 11, 20), date(2024, 2, 3), "month")
    assert months == ["2023-11", "2023-12", "2024-01", "2024-02"]


@pytest.mark.parametrize(
    ("params", "words"),
    [({"interval": "hour"}, "interval"), ({"by": "colour"}, "by 'colour'")],
)
def test_bad_aggregate_parameters(client: TestClient, params: dict, words: str) -> None:
    response = client.get("/api/aggregates", params=params)
    assert response.status_code == 400 and words in response.json()["error"]


def test_facets_list_the_values_present(client: TestClient) -> None:
    facets = client.get("/api/facets").json()
    assert [f["value"] for f in facets["event_type"]] == [
        "Battles",
        "Explosions/Remote violence",
        "Protests",
    ]
    assert {f["value"] for f in facets["plover"]} == {"ASSAULT", "PROTEST"}
    assert facets["dates"] == {"first": "2024-05-01", "last": "2024-05-18"}


# ---- articles, claims, speakers ------------------------------------------------------------------


def test_articles_list_filters_and_detail(client: TestClient) -> None:
    listing = client.get("/api/articles").json()
    assert listing["total"] == 3
    assert [a["source"] for a in listing["items"]] == ["Gamma", "Beta News", "Alpha Times"]
    assert client.get("/api/articles", params={"q": "students"}).json()["total"] == 1
    assert client.get("/api/articles", params={"start": "2024-05-05"}).json()["total"] == 2
    assert client.get("/api/articles", params={"end": "x"}).status_code == 400
    article_id = listing["items"][1]["id"]
    detail = client.get(f"/api/articles/{article_id}").json()
    assert detail["text"] == YANGON
    assert detail["events"][0]["merged_event"]


def test_claims_by_speaker_and_speakers(client: TestClient) -> None:
    claims = client.get("/api/claims", params={"speaker": "syniehubov"}).json()
    assert claims["total"] == 1
    assert claims["items"][0]["channel"] == "Telegram"
    assert claims["items"][0]["article_title"] == "Shelling in Kupiansk"
    assert client.get("/api/claims", params={"speaker": "nobody"}).json()["total"] == 0
    assert client.get("/api/claims", params={"q": "all night"}).json()["total"] == 1
    speakers = client.get("/api/speakers").json()["items"]
    assert speakers == [
        {"speaker": "Oleh Syniehubov", "organization": None, "claims": 1, "articles": 1}
    ]


# ---- writing, limits and safety ------------------------------------------------------------------


def test_read_only_by_default(client: TestClient) -> None:
    response = client.post("/api/articles", json={"text": "Troops clashed in Kherson."})
    assert response.status_code == 403
    assert "--writable" in response.json()["error"]


def test_bad_extract_bodies(client: TestClient) -> None:
    assert client.post("/api/extract", json={}).status_code == 400
    blank = client.post("/api/extract", json={"text": "   \n "})
    assert blank.status_code == 400 and "no text" in blank.json()["error"]
    bad_date = client.post("/api/extract", json={"text": "Hello.", "published": "June"})
    assert bad_date.status_code == 400 and "published" in bad_date.json()["error"]


def test_non_english_text_is_refused_not_miscoded(client: TestClient) -> None:
    german = (
        "Russische Truppen haben am Montag die Stadt Charkiw mit Raketen beschossen. Dabei "
        "wurden nach Angaben der Behörden mindestens vier Menschen getötet und zwölf weitere "
        "verletzt, darunter zwei Kinder, die in einem Wohnhaus im Zentrum schliefen."
    )
    response = client.post("/api/extract", json={"text": german})
    assert response.status_code == 400
    assert "not English" in response.json()["error"]


def test_request_size_limit(hand_db: str) -> None:
    with TestClient(create_app(hand_db, max_body=2000)) as small:
        response = small.post("/api/extract", json={"text": "word " * 1000})
        chunks = (b'{"text": "' + b"x" * 1500, b"x" * 1500 + b'"}')
        streamed = small.post(  # no Content-Length: counted while it arrives
            "/api/extract", content=iter(chunks), headers={"content-type": "application/json"}
        )
        pasted = small.post("/paste", data={"text": "word " * 1000})
    assert response.status_code == 413
    assert "limit" in response.json()["error"]
    assert streamed.status_code == 413
    assert pasted.status_code == 413 and "limit" in pasted.text


def test_pages_escape_article_markup_and_send_a_strict_csp(client: TestClient) -> None:
    [yangon] = client.get("/api/events", params={"country": "Myanmar"}).json()["items"]
    page = client.get(f"/events/{yangon['id']}")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert '<mark class="evidence"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_dashboard_docs_and_assets_are_served_locally(client: TestClient) -> None:
    home = client.get("/")
    assert home.status_code == 200 and 'id="map"' in home.text
    assert "http" not in "".join(
        line for line in home.text.splitlines() if "<script" in line or "stylesheet" in line
    )
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/lib/swagger-ui-bundle.js" in docs.text
    assert client.get("/openapi.json").json()["paths"]["/api/events"]
    for name in ("leaflet.js", "markercluster.js", "chart.umd.min.js", "countries-50m.json"):
        assert client.get(f"/static/lib/{name}").status_code == 200, name
    assert client.get("/static/admin1/ukr.json").json()["type"] == "Topology"
    assert client.get("/static/admin1/..%2Fx.json").status_code == 404
    assert client.get("/static/lib/../../app.py").status_code == 404


# ---- the real pipeline over the sample corpus ------------------------------------------------


def test_samples_store_counts_agree(samples_client: TestClient) -> None:
    listing = samples_client.get("/api/events", params={"limit": 1000}).json()
    assert listing["total"] == len(listing["items"]) >= 1
    geo = samples_client.get("/api/events.geojson").json()
    mapped = [e for e in listing["items"] if e["latitude"] is not None]
    assert len(geo["features"]) == len(mapped) >= 1
    agg = samples_client.get("/api/aggregates").json()
    dated = sum(g["events"] for g in agg["groups"])
    assert dated + agg["undated_events"] == listing["total"]
    assert samples_client.get("/api/articles").json()["total"] == 6


def test_samples_event_pages_render(samples_client: TestClient) -> None:
    items = samples_client.get("/api/events", params={"limit": 1000}).json()["items"]
    for item in items:
        page = samples_client.get(f"/events/{item['id']}")
        assert page.status_code == 200, item["id"]
    articles = samples_client.get("/api/articles").json()["items"]
    for article in articles:
        assert samples_client.get(f"/articles/{article['id']}").status_code == 200


def test_post_extract_returns_the_contract(samples_client: TestClient) -> None:
    text = (
        "Russian forces shelled Kherson on Monday, killing two civilians, "
        "the regional governor said."
    )
    response = samples_client.post(
        "/api/extract", json={"text": text, "published": "2023-03-21", "source": "Test"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) >= {"article", "events", "claims", "places", "times", "actors"}
    assert body["article"]["published"] == "2023-03-21"
    for place in body["places"]:
        assert text[place["start"] : place["end"]] == place["mention"]


def test_paste_page_shows_script_as_text(samples_client: TestClient) -> None:
    text = "Protesters gathered in Yangon on Sunday holding signs saying <script>alert(1)</script>."
    page = samples_client.post(
        "/paste", data={"text": text, "published": "2024-05-12", "title": "<i>t</i>"}
    )
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "&lt;i&gt;t&lt;/i&gt;" in page.text
    bad = samples_client.post("/paste", data={"text": "x", "published": "soon"})
    assert bad.status_code == 400 and "bad date" in bad.text


def test_writable_server_stores_posted_articles(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    text = "Police fired tear gas at protesters in Nairobi on Tuesday, witnesses said."
    with TestClient(create_app(url, writable=True)) as c:
        first = c.post("/api/articles", json={"text": text, "published": "2024-06-25"})
        again = c.post("/api/articles", json={"text": text, "published": "2024-06-25"})
        listing = c.get("/api/articles").json()
    assert first.status_code == 201 and first.json()["result"] == "new"
    assert again.json()["result"] == "unchanged"
    assert listing["total"] == 1


def test_serve_command_defaults_to_loopback_and_reports_bad_stores() -> None:
    import typer
    from typer.testing import CliRunner

    from frontwire.cli_web import register

    cli = typer.Typer()

    @cli.callback()
    def main() -> None:
        """frontwire."""

    register(cli)
    runner = CliRunner()
    shown = runner.invoke(cli, ["serve", "--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0
    for words in ("--db", "--host", "127.0.0.1", "--port", "--writable", "--max-body"):
        assert words in shown.output
    bad = runner.invoke(cli, ["serve", "--db", "postgresql://u:p@127.0.0.1:1/none"])
    assert bad.exit_code == 2
    assert "cannot open the database" in bad.output


def test_highlight_runs_cover_the_text_once_with_overlapping_marks() -> None:
    from frontwire.web.highlight import article_marks, runs

    text = 'Shells hit the port. "We lost power," mayor Ana Lee said.'
    evidence = _span(text, "Shells hit the port.")
    quote = _span(text, "We lost power,")
    speaker = _span(text, "Ana Lee")
    event = {"event_id": "e1", "event_type": "Battles", "evidence": [evidence.__dict__]}
    claim = {
        "id": "c1",
        "kind": "direct",
        "speaker": "Ana Lee",
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "speaker_start": speaker.start,
        "speaker_end": speaker.end,
    }
    cut = runs(text, [*article_marks([event], [claim]), *article_marks([], [claim])])
    assert "".join(r.text for r in cut) == text
    by_text = {r.text: r for r in cut}
    assert by_text["Shells hit the port."].classes == "evidence"
    assert by_text["We lost power,"].classes == "claim"
    assert [m.tag for m in by_text["We lost power,"].opens][:1] == ["Ana Lee"]
    assert by_text["Ana Lee"].classes == "speaker"
    outside = runs(
        text, article_marks([{"event_id": "e2", "evidence": [{"start": 5, "end": 999}]}], [])
    )
    assert [r.text for r in outside] == [text]  # a span past the end is dropped, not cut
