"""Dashboard security: stored XSS through article fields, SQL injection through every
filter, path traversal through the file-serving routes.

The store is filled with an article whose text, title, source and URL are attack
strings; every page and API answer must carry them as inert text.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from corpus_fixtures import strike_article
from fastapi.testclient import TestClient

from frontwire.store import counts, open_store, relink, save_extraction
from frontwire.web.app import create_app

SCRIPT = "<script>alert('xss')</script>"
IMG = '<img src=x onerror="alert(1)">'
JS_URL = "javascript:alert(document.cookie)"
SVG = "<svg/onload=alert(2)>"
TEXT = f"Shelling hit Kharkiv on Saturday, killing 4 people. {SCRIPT} {SVG} said the mayor."

INJECTIONS = [
    "' OR '1'='1",
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "%' UNION SELECT id, text FROM articles --",
    "\\'; SELECT pg_sleep(5); --",
    "\x00",
]
TEXT_FILTERS = [
    "country",
    "admin1",
    "event_type",
    "sub_event_type",
    "plover",
    "actor",
    "q",
    "article_id",
    "bbox",
    "start",
    "end",
    "sort",
    "min_fatalities",
    "min_sources",
    "limit",
    "offset",
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, str, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('sec') / 'sec.db'}"
    x = strike_article(
        TEXT,
        source=IMG,
        published=date(2024, 5, 25),
        event_date="2024-05-25",
        location="Kharkiv",
        lat=49.99,
        lon=36.23,
        fatalities=4,
        url=JS_URL,
    )
    article = dataclasses.replace(x.article, title=f"{SCRIPT} title", id="")
    x = dataclasses.replace(x, article=article)
    x.events[0].notes = f"{SCRIPT} notes"
    with open_store(url)() as session:
        save_extraction(session, x)
        merged = relink(session)
        session.commit()
    with TestClient(create_app(url)) as client:
        yield client, article.id, merged[0].id


def _pages(client: TestClient, article_id: str, event_id: str) -> list[str]:
    paths = ["/", f"/articles/{article_id}", f"/events/{event_id}", "/paste", "/docs"]
    bodies = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "script-src" in response.headers["content-security-policy"]
        bodies.append(response.text)
    return bodies


def test_attack_strings_in_stored_fields_render_as_text(hostile) -> None:
    client, article_id, event_id = hostile
    bodies = _pages(client, article_id, event_id)
    joined = "\n".join(bodies)
    for attack in (SCRIPT, IMG, SVG):
        assert attack not in joined, attack
    assert "&lt;script&gt;alert(" in joined  # shown, escaped
    for body in bodies:
        _assert_inert_dom(body)


def _assert_inert_dom(body: str) -> None:
    """No element the attacker made: no handlers, no inline alert, no javascript: links."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(body)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"<{element.tag} {name}=...>"
            assert not value.strip().lower().startswith("javascript:"), f"{name}={value}"
        if element.tag in ("script", "svg", "img"):
            assert "alert(" not in (element.text or ""), "an injected script element"
            assert element.get("src") != "x"


def test_the_api_returns_attack_strings_as_json_data_not_html(hostile) -> None:
    client, article_id, _ = hostile
    response = client.get(f"/api/articles/{article_id}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.json()["article"]["title"].startswith(SCRIPT)


@pytest.mark.parametrize("param", TEXT_FILTERS)
@pytest.mark.parametrize("attack", INJECTIONS, ids=range(len(INJECTIONS)))
def test_sql_injection_through_filters_is_inert(hostile, param: str, attack: str) -> None:
    client, _, _ = hostile
    for path in (
        "/api/events",
        "/api/events.geojson",
        "/api/aggregates",
        "/api/articles",
        "/api/claims",
    ):
        response = client.get(path, params={param: attack})
        assert response.status_code in (200, 400, 422), (path, param, response.text[:300])
        matched = response.status_code == 200 and path == "/api/events"
        if matched and param in ("q", "actor") and attack != "\x00":
            assert response.json()["total"] == 0, "an injection matched rows"
        if response.status_code == 400:
            assert response.json()["error"], "a 400 must say what was wrong"


def test_the_store_is_intact_after_the_injections(hostile) -> None:
    client, _, _ = hostile
    for attack in INJECTIONS:
        client.get("/api/events", params={"q": attack, "country": attack})
    assert client.get("/api/events").json()["total"] == 1
    assert client.get("/api/articles").json()["total"] == 1


TRAVERSALS = [
    "/static/lib/../../../../etc/passwd",
    "/static/lib/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/lib/%2e%2e/%2e%2e/pyproject.toml",
    "/static/admin1/..%2f..%2f..%2fetc%2fpasswd.json",
    "/static/admin1/....json",
    "/static/..%2f..%2fpyproject.toml",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/../frontwire/config.py",
    "/articles/..%2f..%2fetc%2fpasswd",
    "/static//etc/passwd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_is_refused(hostile, path: str) -> None:
    client, _, _ = hostile
    response = client.get(path)
    assert response.status_code in (400, 404), (path, response.status_code)
    assert "root:" not in response.text
    assert "[project]" not in response.text
    assert "MAX_ARTICLE_CHARS" not in response.text


def test_counts_helper_sees_one_article(hostile, tmp_path: Path) -> None:
    """The fixture stored exactly the one hostile article (guards the tests above)."""
    client, _, _ = hostile
    url = client.app.state.db_url
    with open_store(url)() as session:
        assert counts(session)["articles"] == 1
