"""The situation report (`frontwire report`, `/report`) on a store built from samples/.

The samples go through the real pipeline; a few hand-made articles (corpus_fixtures)
add what the samples lack in one period: a toll the sources dispute, an accusation
between actors and an article with a script tag. Every figure is checked against a
direct SQL query of the store, the HTML is read back from Chromium, and the PDF through
poppler (pdftotext, pdftoppm).
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import typer
from corpus_fixtures import corpus, store_url, strike_article
from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from frontwire.cli_report import register
from frontwire.ingest.text import read_text_file
from frontwire.model import Extraction
from frontwire.report.figures import build_report
from frontwire.report.formats import ReportFormat
from frontwire.report.render import render_report
from frontwire.store import open_store, relink, save_extraction
from frontwire.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SINCE, UNTIL = date(2024, 5, 20), date(2024, 5, 31)
PREVIOUS = (date(2024, 5, 8), date(2024, 5, 19))
QUIET = (date(2024, 4, 22), date(2024, 5, 19))
SCRIPT = "<script>alert(1)</script>"
SECTIONS = [
    "Headline figures",
    "Map and timeline",
    "Top events",
    "New activity",
    "Contested figures",
    "Most quoted speakers",
    "Where the numbers come from",
]

app = typer.Typer()
register(app)


@app.callback()
def _root() -> None:
    """Keep `report` a subcommand (a Typer app with one command would run it bare)."""


runner = CliRunner()


def _accusation() -> Extraction:
    extraction = strike_article(
        "Kyiv accused Moscow of deliberately targeting shoppers in Kharkiv on Sunday.",
        source="Kyiv Ledger",
        published=date(2024, 5, 26),
        event_date="2024-05-26",
        location="Kharkiv",
        lat=49.99,
        lon=36.23,
        fatalities=0,
        actor1="Government of Ukraine (2019-)",
        url="https://example.org/accuse",
    )
    event = dataclasses.replace(
        extraction.events[0],
        disorder_type=None,
        event_type=None,
        sub_event_type=None,
        plover={"event_type": "ACCUSE", "mode": None, "context": None},
        actor2="Military Forces of Russia (2000-)",
    )
    return dataclasses.replace(extraction, events=[event])


def _with_script() -> Extraction:
    return strike_article(
        f"A drone hit Sumy on Monday and killed three people near a sign reading {SCRIPT}.",
        source="Sumy Herald",
        published=date(2024, 5, 27),
        event_date="2024-05-27",
        location="Sumy",
        lat=50.91,
        lon=34.80,
        fatalities=3,
        url="https://example.org/sumy",
    )


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    """The samples through the real pipeline, plus the hand-made articles."""
    from frontwire.pipeline import extract_articles

    articles = [read_text_file(p) for p in sorted((ROOT / "samples").glob("*.txt"))]
    return [*extract_articles(articles), *corpus(), _accusation(), _with_script()]


def _fill(url: str, extractions: list[Extraction]) -> str:
    with open_store(url)() as session:
        for extraction in extractions:
            save_extraction(session, extraction)
        relink(session)
        session.commit()
    return url


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, extractions: list[Extraction]) -> str:
    return _fill(f"sqlite:///{tmp_path_factory.mktemp('report') / 'store.db'}", extractions)


def _sql(url: str, query: str, **params: object) -> list[tuple]:
    with open_store(url)() as session:
        return [tuple(row) for row in session.execute(text(query), params)]


def _between(since: date, until: date) -> dict[str, str]:
    return {"a": since.isoformat(), "b": until.isoformat()}


def test_every_figure_equals_a_direct_query_of_the_store(store: str) -> None:
    with open_store(store)() as session:
        report = build_report(session, SINCE, UNTIL)
    window = "event_date >= :a AND event_date <= :b"
    [(events, killed)] = _sql(
        store,
        f"SELECT count(*), coalesce(sum(fatalities), 0) FROM merged_events WHERE {window}",
        **_between(SINCE, UNTIL),
    )
    [(before, before_killed)] = _sql(
        store,
        f"SELECT count(*), coalesce(sum(fatalities), 0) FROM merged_events WHERE {window}",
        **_between(*PREVIOUS),
    )
    assert events >= 5 and before >= 1, "the fixture must fill both periods"
    assert report.total_events.value == events == len(report.total_events.ids)
    assert report.total_fatalities.value == killed
    assert (report.previous_total_events.value, report.previous_total_fatalities.value) == (
        before,
        before_killed,
    )
    assert report.events_change.startswith(f"+{events - before}")

    by_type = dict(
        _sql(
            store,
            f"SELECT coalesce(event_type, 'No ACLED type'), count(*) FROM merged_events "
            f"WHERE {window} GROUP BY 1",
            **_between(SINCE, UNTIL),
        )
    )
    assert {g.name: g.events.value for g in report.by_type if g.events.value} == by_type

    # One country this period and before: regions are admin-1 names.
    regions = dict(
        _sql(
            store,
            "SELECT coalesce(json_extract(data, '$.admin1'), 'region unknown'), count(*) "
            f"FROM merged_events WHERE {window} GROUP BY 1",
            **_between(SINCE, UNTIL),
        )
    )
    shown = {g.name: g.events.value for g in report.by_region if g.events.value}
    assert report.region_kind in {"region", "country"}
    if report.region_kind == "region":
        assert shown == regions

    top = _sql(
        store,
        f"SELECT id, fatalities FROM merged_events WHERE {window} "
        "ORDER BY fatalities DESC, source_count DESC, event_date, id LIMIT 1",
        **_between(SINCE, UNTIL),
    )
    assert report.top_fatal[0].event.id == top[0][0]
    assert report.top_fatal[0].event.fatalities == top[0][1] == 12
    assert report.top_fatal[0].sentence, "a top event quotes a sentence of evidence"
    most_sources = _sql(
        store,
        f"SELECT max(source_count) FROM merged_events WHERE {window}",
        **_between(SINCE, UNTIL),
    )[0][0]
    assert report.top_sourced[0].event.source_count == most_sources == 3

    places = {
        r[0]
        for r in _sql(
            store,
            f"SELECT lower(location) FROM merged_events WHERE {window} AND location IS NOT NULL",
            **_between(SINCE, UNTIL),
        )
    }
    quiet = {
        r[0]
        for r in _sql(
            store,
            f"SELECT lower(location) FROM merged_events WHERE {window} AND location IS NOT NULL",
            **_between(*QUIET),
        )
    }
    assert report.new_places_total.value == len(places - quiet) > 0
    assert {p.location.lower() for p in report.new_places} == places - quiet

    contested = _sql(
        store,
        f"SELECT id FROM merged_events WHERE {window} "
        "AND json_extract(data, '$.contested.fatalities') IS NOT NULL",
        **_between(SINCE, UNTIL),
    )
    assert len(contested) == 1
    kharkiv = next(c for c in report.contested if c.event.id == contested[0][0])
    assert sorted(v for v, _ in kharkiv.tolls) == [11, 12]
    assert dict(kharkiv.tolls)[11] == ["Frontline Wire"]

    [accusation] = report.accusations
    assert (accusation.accuser, accusation.kind) == ("Government of Ukraine (2019-)", "ACCUSE")
    assert accusation.target == "Military Forces of Russia (2000-)"
    accused = _sql(
        store,
        f"SELECT id FROM merged_events WHERE {window} "
        "AND json_extract(data, '$.plover.event_type') = 'ACCUSE'",
        **_between(SINCE, UNTIL),
    )
    assert list(accusation.events.ids) == [r[0] for r in accused]

    claims = _sql(
        store,
        "SELECT count(*) FROM claims WHERE speaker = 'the governor' AND article_id IN ("
        "SELECT e.article_id FROM merged_event_reports r JOIN events e ON e.id = r.event_row_id "
        "JOIN merged_events m ON m.id = r.merged_id "
        "WHERE m.event_date >= :a AND m.event_date <= :b) "
        "AND coalesce(date, (SELECT published FROM articles a WHERE a.id = claims.article_id)) "
        "BETWEEN :a AND :b",
        **_between(SINCE, UNTIL),
    )[0][0]
    governor = next(s for s in report.speakers if s.name == "the governor")
    assert governor.claims.value == claims >= 5
    assert governor.quote


def test_every_linked_number_points_to_its_events(store: str) -> None:
    with open_store(store)() as session:
        report = build_report(session, SINCE, UNTIL)
    html = render_report(report, ReportFormat.html)
    for figure in report.book.items:
        if figure.ids:
            assert f'href="#{figure.ref}"' in html, figure
            assert f'<tr id="{figure.ref}">' in html
    for event in report.events:
        assert f'id="ev-{event.id}"' in html
    markdown = render_report(report, ReportFormat.md)
    assert f"{report.total_events.value} [{report.total_events.ref}]" in markdown
    assert f"`{report.top_fatal[0].event.id}`" in markdown
    # The same store gives the same report, byte for byte.
    with open_store(store)() as session:
        again = build_report(session, SINCE, UNTIL)
    assert render_report(again, ReportFormat.html) == html
    assert render_report(again, ReportFormat.md) == markdown


def test_article_text_is_escaped_in_html_and_markdown(store: str) -> None:
    with open_store(store)() as session:
        report = build_report(session, SINCE, UNTIL)
    html = render_report(report, ReportFormat.html)
    assert SCRIPT not in html and "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    markdown = render_report(report, ReportFormat.md)
    assert SCRIPT not in markdown
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in markdown


def test_a_period_without_events_says_so(store: str) -> None:
    with open_store(store)() as session:
        report = build_report(session, date(2025, 1, 1), date(2025, 1, 7))
    assert report.empty
    html = render_report(report, ReportFormat.html)
    assert "No events were recorded in all places between 1 January 2025 and 7 January 2025" in html
    assert "Top events" not in html
    markdown = render_report(report, ReportFormat.md)
    assert "**No events were recorded in all places between 1 January 2025" in markdown


def test_cli_writes_markdown_and_a_bad_date_is_one_line(store: str, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    args = ["report", "--db", store, "--since", "2024-05-20", "--until", "2024-05-31"]
    done = runner.invoke(app, [*args, "--format", "md", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert out.read_text(encoding="utf-8").startswith("# Situation report: all places")
    bad = runner.invoke(app, ["report", "--db", store, "--since", "2024-13-01", "-o", str(out)])
    assert bad.exit_code == 2
    assert "--since" in bad.output and "Traceback" not in bad.output
    backwards = runner.invoke(app, [*args[:3], "--since", "2024-06-01", "--until", "2024-05-01",
                                    "-o", str(out)])  # fmt: skip
    assert backwards.exit_code == 2 and "is after --until" in backwards.output


def test_pdf_without_chromium_is_a_clear_error(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTWIRE_CHROMIUM", str(tmp_path / "no-such-chromium"))
    done = runner.invoke(app, ["report", "--db", store, "-f", "pdf", "-o", str(tmp_path / "x.pdf")])
    assert done.exit_code == 2
    assert "Chromium is not installed" in done.output
    assert not (tmp_path / "x.pdf").exists()


def test_web_report_links_to_event_pages(store: str) -> None:
    client = TestClient(create_app(store))
    page = client.get("/report", params={"since": "2024-05-20", "until": "2024-05-31"})
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    with open_store(store)() as session:
        report = build_report(session, SINCE, UNTIL)
    assert f'href="/events/{report.top_fatal[0].event.id}"' in page.text
    assert client.get(f"/events/{report.top_fatal[0].event.id}").status_code == 200
    assert 'href="/report?since=2024-05-20&amp;until=2024-05-31&amp;format=md"' in page.text
    period = {"since": "2024-05-20", "until": "2024-05-31"}
    md = client.get("/report", params={**period, "format": "md"})
    assert md.headers["content-type"].startswith("text/markdown")
    assert md.text == render_report(report, ReportFormat.md)
    bad = client.get("/report", params={"since": "yesterday"})
    assert bad.status_code == 400 and "since" in bad.text


def _need(tool: str) -> None:
    if shutil.which(tool) is None and not Path(tool).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing: scripts/install_browser.sh installs it")
        pytest.skip(f"{tool} is missing (run scripts/install_browser.sh)")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    _need(str(CHROMIUM))
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            yield chromium
        finally:
            chromium.close()


def test_html_report_in_chromium(store: str, tmp_path: Path, browser: object) -> None:
    with open_store(store)() as session:
        report = build_report(session, SINCE, UNTIL)
    path = tmp_path / "report.html"
    path.write_text(render_report(report, ReportFormat.html), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 1200})
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith("file:") else outside.append(r.url))
    page.goto(path.as_uri())
    titles = page.locator("h2").all_inner_texts()
    assert titles[: len(SECTIONS)] == SECTIONS
    lede = page.locator("p.lede").inner_text()
    assert f"{report.total_events.value} events were recorded" in lede
    assert f"{report.total_fatalities.value} reported fatalities" in lede
    body = page.locator("body").inner_text()
    assert SCRIPT in body, "the article's script tag is shown as text"
    assert page.locator("script").count() == 0
    located = [e for e in report.events if e.latitude is not None]
    assert page.locator("svg.map circle").count() == len(located)
    assert page.locator("svg.map path").first.get_attribute("d"), "country outlines drawn"
    assert page.locator("svg.timeline rect").count() >= 1
    # A number's link leads to the row that lists its events.
    page.locator(f'a.fig[href="#{report.total_events.ref}"]').first.click()
    row = page.locator(f"tr#{report.total_events.ref}")
    assert report.top_fatal[0].event.id in row.inner_text()
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=str(artifacts / "report.png"))
    page.close()
    assert outside == [], f"the report fetched from the network: {outside}"


def test_pdf_report_through_poppler(store: str, tmp_path: Path) -> None:
    _need(str(CHROMIUM))
    _need("pdftotext")
    _need("pdftoppm")
    out = tmp_path / "brief.pdf"
    done = runner.invoke(
        app,
        ["report", "--db", store, "--since", "2024-05-20", "--until", "2024-05-31", "-f", "pdf",
         "-o", str(out)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert out.read_bytes().startswith(b"%PDF")
    words = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for title in SECTIONS:
        assert title in words, title
    with open_store(store)() as session:
        report = build_report(session, SINCE, UNTIL)
    figure = report.total_events
    assert re.search(rf"\b{figure.value}\s*{figure.ref}\s+events were recorded", words), words[:600]
    assert report.top_fatal[0].event.id in words, "the PDF points to the events by id"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    pages = list(tmp_path.glob("page*.png"))
    assert len(pages) == 1 and pages[0].stat().st_size > 5_000


def test_postgres_gives_the_same_report(
    store: str, extractions: list[Extraction], tmp_path: Path
) -> None:
    url = _fill(store_url("postgresql", tmp_path), extractions)
    texts = []
    for db in (store, url):
        with open_store(db)() as session:
            brief = build_report(session, SINCE, UNTIL, country="ua")
        texts.append(render_report(brief, ReportFormat.md))
    assert "Government of Ukraine" in texts[0]
    assert texts[1] == texts[0]


def test_country_and_admin1_filters_match_the_store(store: str) -> None:
    january = (date(2024, 1, 1), date(2024, 1, 31))
    expected = _sql(
        store,
        "SELECT id FROM merged_events WHERE event_date BETWEEN :a AND :b "
        "AND lower(json_extract(data, '$.admin1')) = 'kharkiv' ORDER BY event_date, id",
        **_between(*january),
    )
    assert expected, "the Kupyansk sample lies in Kharkiv oblast"
    with open_store(store)() as session:
        region = build_report(session, *january, country="Ukraine", admin1="kharkiv")
        somalia = build_report(session, date(2023, 8, 1), date(2023, 8, 31), country="SO")
        elsewhere = build_report(session, *january, country="Somalia")
    assert list(region.total_events.ids) == [r[0] for r in expected]
    assert region.scope.where() == "kharkiv, Ukraine"
    assert [e.location for e in somalia.events] == ["Mogadishu"]
    assert elsewhere.empty


def test_web_report_as_pdf(store: str) -> None:
    _need(str(CHROMIUM))
    client = TestClient(create_app(store))
    pdf = client.get(
        "/report", params={"since": "2024-05-20", "until": "2024-05-31", "format": "pdf"}
    )
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
