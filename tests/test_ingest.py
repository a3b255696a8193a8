"""Ingest readers: every input kind gives Articles with stable ids and publication dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import httpx
import pytest

from frontwire.errors import InputError
from frontwire.ingest import FieldMap, read_sources
from frontwire.ingest.csv import read_csv
from frontwire.ingest.feed import read_feed_file
from frontwire.ingest.html import read_html_file
from frontwire.ingest.jsonl import read_jsonl
from frontwire.ingest.url import USER_AGENT, make_client, read_url

STORY = "Gunmen attacked a police post in Kidal on Tuesday, killing two officers."

PAGE = """<!doctype html><html><head>
<title>Kidal attack | Sahel Daily</title>
<meta property="og:title" content="Gunmen kill two officers in Kidal">
<meta property="og:site_name" content="Sahel Daily">
<meta property="article:published_time" content="2024-02-06T09:30:00Z">
<link rel="canonical" href="https://example.org/sahel/kidal-attack">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies.</div>
<article><h1>Gunmen kill two officers in Kidal</h1>
<p>Gunmen attacked a police post in Kidal on Tuesday, killing two officers, the regional
governor said. The attackers fled on motorbikes towards the desert after a short exchange
of fire with soldiers who arrived from the nearby camp.</p>
<p>"The situation is under control," the governor told reporters in the afternoon, adding
that reinforcements had been sent to secure the roads leading out of the town.</p>
</article>
<footer>Copyright 2024 Sahel Daily. Subscribe to our newsletter. Terms and privacy.</footer>
</body></html>"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Horn Observer</title><link>https://example.org/horn</link>
<item><title>Blast in Baidoa</title><link>https://example.org/horn/baidoa</link>
<pubDate>Thu, 14 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;A car bomb exploded at a checkpoint in Baidoa on Thursday.&lt;/p&gt;
</description>
</item>
<item><title>Clashes near Kismayo</title><link>https://example.org/horn/kismayo</link>
<pubDate>Fri, 15 Mar 2024 08:00:00 GMT</pubDate>
<description>Fighting broke out near Kismayo on Friday, elders said.</description>
</item></channel></rss>"""


def test_jsonl_with_custom_field_names(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    rows = [
        {"body": STORY, "headline": "Kidal", "date": "2024-02-06", "link": "https://x.org/1"},
        {"body": "Protesters marched in Bamako on Friday.", "date": "9 February 2024"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    fields = FieldMap.parse("text=body,title=headline,published=date,url=link")
    first, second = list(read_jsonl(path, fields))
    assert first.text == STORY and first.title == "Kidal" and first.url == "https://x.org/1"
    assert first.published == date(2024, 2, 6)
    assert second.published == date(2024, 2, 9)


def test_jsonl_bad_line_names_its_line_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"text": STORY}) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2: not valid JSON"):
        list(read_jsonl(path))


def test_csv_with_configurable_columns_and_long_texts(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    long_text = STORY + " " + "More details followed. " * 10000
    path.write_text(
        'content,outlet,when\n"' + long_text + '",Sahel Daily,2024-02-06\n', encoding="utf-8"
    )
    (article,) = read_csv(path, FieldMap(text="content", source="outlet", published="when"))
    assert article.source == "Sahel Daily" and article.published == date(2024, 2, 6)
    assert len(article.text) > 200_000


def test_csv_without_the_text_column_says_how_to_fix_it(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text("body,date\nsomething,2024-01-01\n", encoding="utf-8")
    with pytest.raises(InputError, match="--fields text=NAME"):
        list(read_csv(path))


def test_html_drops_boilerplate_and_reads_page_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_html_file(path)
    assert "Gunmen attacked a police post in Kidal on Tuesday" in article.text
    assert "cookies" not in article.text and "newsletter" not in article.text
    assert "Sport" not in article.text
    assert article.title == "Gunmen kill two officers in Kidal"
    assert article.published == date(2024, 2, 6)
    assert article.source == "Sahel Daily"
    assert article.url == "https://example.org/sahel/kidal-attack"


def test_feed_gives_one_article_per_entry_with_dates(tmp_path: Path) -> None:
    path = tmp_path / "horn.rss"
    path.write_text(FEED, encoding="utf-8")
    baidoa, kismayo = list(read_feed_file(path))
    assert baidoa.text == "A car bomb exploded at a checkpoint in Baidoa on Thursday."
    assert baidoa.published == date(2024, 3, 14) and baidoa.source == "Horn Observer"
    assert kismayo.url == "https://example.org/horn/kismayo"


def test_url_reader_sends_a_clear_user_agent_and_reads_pages_and_feeds() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        if request.url.path.endswith(".rss"):
            return httpx.Response(200, text=FEED, headers={"content-type": "application/rss+xml"})
        if request.url.path == "/missing":
            return httpx.Response(404)
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})

    client = make_client(transport=httpx.MockTransport(handler))
    (page,) = read_url("https://example.org/sahel/kidal-attack", client)
    assert page.title == "Gunmen kill two officers in Kidal"
    assert len(list(read_url("https://example.org/horn.rss", client))) == 2
    assert seen == [USER_AGENT, USER_AGENT]
    assert client.timeout.read is not None
    with pytest.raises(InputError, match="HTTP 404"):
        list(read_url("https://example.org/missing", client))


def test_directory_is_walked_recursively_by_extension(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a" / "one.txt").write_text(
        "title: One\npublished: 2024-02-06\nsource: Sahel Daily\n\n" + STORY, encoding="utf-8"
    )
    (tmp_path / "a" / "b" / "two.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "b" / "feed.xml").write_text(FEED, encoding="utf-8")
    (tmp_path / "a" / "rows.jsonl").write_text(json.dumps({"text": STORY}), encoding="utf-8")
    (tmp_path / ".hidden" / "skip.txt").write_text("not news", encoding="utf-8")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG\x00\x00")
    articles = list(read_sources([str(tmp_path)], published_default=date(2024, 1, 1)))
    assert len(articles) == 5
    titles = {a.title for a in articles}
    assert {"One", "Gunmen kill two officers in Kidal", "Blast in Baidoa"} <= titles
    by_title = {a.title: a for a in articles}
    assert by_title["One"].published == date(2024, 2, 6)  # the header wins over the default
    untitled = next(a for a in articles if a.title is None)
    assert untitled.published == date(2024, 1, 1)  # the default fills a missing date


def test_ids_are_stable_content_hashes(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"text": STORY, "url": "https://x.org/1"}), encoding="utf-8")
    (first,) = read_sources([str(path)])
    (again,) = read_sources([str(path)], published_default=date(2024, 1, 1))
    assert first.id == again.id
    path.write_text(json.dumps({"text": STORY + " Updated.", "url": "https://x.org/1"}))
    (changed,) = read_sources([str(path)])
    assert changed.id != first.id


def test_missing_source_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="no such file, directory or URL"):
        list(read_sources(["/nonexistent/news"]))
