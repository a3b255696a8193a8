"""The dashboard in a real browser (Debian's Chromium driven by Playwright).

A store built by the real pipeline from samples/*.txt is served by uvicorn on a free
loopback port; the test looks at the map, filters, opens an event and pastes an article
with a script tag, saving screenshots under test-artifacts/ as it goes.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from frontwire.ingest.text import read_text_file
from frontwire.store import open_store, relink, save_extraction
from frontwire.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WAIT_MS = 20_000

sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from frontwire.pipeline import extract_articles

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'samples.db'}"
    sessions = open_store(url)
    articles = [read_text_file(p) for p in sorted((ROOT / "samples").glob("*.txt"))]
    with sessions() as session:
        for extraction in extract_articles(articles):
            save_extraction(session, extraction)
        relink(session)
        session.commit()
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped while starting"
        assert time.monotonic() < deadline, "uvicorn did not start within 20 s"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: scripts/install_browser.sh installs it")
        pytest.skip(f"{CHROMIUM} is missing (run scripts/install_browser.sh)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[object]:
    """A fresh page that records script errors and any request leaving the app."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    errors: list[str] = []
    outside: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("request", lambda r: None if r.url.startswith(base_url) else outside.append(r.url))
    try:
        yield pg
    finally:
        context.close()
    assert errors == [], f"script errors: {errors}"
    assert outside == [], f"requests outside the app (CDN?): {outside}"


def _wait_ready(page: object) -> None:
    page.wait_for_selector("body[data-ready='1']", timeout=WAIT_MS)


def _rows(page: object) -> list[object]:
    return page.locator("#events tbody tr[data-id]").all()


def test_dashboard_map_filter_and_event_page(base_url: str, page: object) -> None:
    page.goto(base_url + "/")
    _wait_ready(page)
    markers = page.locator("path.event-marker").count() + page.locator(".marker-cluster").count()
    assert markers >= 1, "no event markers on the map"
    assert page.locator("#map path.leaflet-interactive, #map svg path").count() > 1  # basemap
    total = httpx.get(base_url + "/api/events", params={"limit": 1000}).json()["total"]
    assert len(_rows(page)) == min(total, 50) >= 1
    assert page.locator("#timeline").is_visible()
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    options = page.locator("select[name=event_type] option").all()
    chosen = next(o.get_attribute("value") for o in options if o.get_attribute("value"))
    page.select_option("select[name=event_type]", chosen)
    _wait_ready(page)
    expected = httpx.get(base_url + "/api/events", params={"event_type": chosen}).json()["total"]
    rows = _rows(page)
    assert len(rows) == expected >= 1
    for row in rows:
        assert row.locator("td").nth(1).inner_text().strip() == chosen
    assert f"event_type={chosen.split('/')[0]}" in page.url.replace("%2F", "/")
    page.screenshot(path=str(ARTIFACTS / "dashboard-filtered.png"), full_page=True)

    rows[0].locator("a").click()
    page.wait_for_url("**/events/**")
    evidence = page.locator(".article-text mark.evidence")
    assert evidence.count() >= 1
    assert evidence.first.is_visible()
    assert chosen in page.locator("h1").inner_text()
    if page.locator("#event-map").count():  # events with coordinates get a small map
        page.wait_for_selector("#event-map path.event-marker")
    page.screenshot(path=str(ARTIFACTS / "event.png"), full_page=True)


def test_pasted_script_is_shown_as_text_and_never_runs(base_url: str, page: object) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    text = (
        "Police fired tear gas at hundreds of protesters in Nairobi on Tuesday, witnesses "
        "said. One banner read <script>alert(1)</script> in large letters.\n\n"
        '"We will come back every week," organiser Jane Mwangi told reporters.'
    )
    page.goto(base_url + "/paste")
    page.fill("textarea[name=text]", text)
    page.fill("input[name=published]", "2024-06-26")
    page.fill("input[name=title]", "<img src=x onerror=alert(2)>")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=article-text]")
    shown = page.locator("[data-testid=article-text]").inner_text()
    assert "<script>alert(1)</script>" in shown
    assert page.locator("script", has_text="alert").count() == 0
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("textarea[name=text]").input_value().count("<script>") == 1
    page.screenshot(path=str(ARTIFACTS / "paste.png"), full_page=True)
    page.wait_for_timeout(300)
    assert dialogs == []


def test_api_docs_are_served_without_a_cdn(base_url: str, page: object) -> None:
    page.goto(base_url + "/docs")
    page.wait_for_selector(".opblock", timeout=WAIT_MS)
    assert page.locator(".opblock").count() >= 8
