"""Fuzzing the ingest readers: whatever the bytes, a reader yields articles or raises
one InputError naming the input, never any other exception.

Inputs are arbitrary bytes plus structured near-misses (broken HTML, JSON lines with
wrong types, ragged CSV, truncated feeds). ``scripts/fuzz_long.py`` runs these with many
more examples (FRONTWIRE_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontwire import config
from frontwire.errors import InputError
from frontwire.ingest.csv import read_csv
from frontwire.ingest.feed import articles_from_feed
from frontwire.ingest.html import article_from_html
from frontwire.ingest.jsonl import read_jsonl
from frontwire.ingest.text import article_from_text, decode_bytes
from frontwire.ingest.url import make_client, read_url
from frontwire.model import Article

EXAMPLES = int(os.environ.get("FRONTWIRE_FUZZ_EXAMPLES", "60"))
#: Inputs tried per reader (fuzz_long.py prints the totals).
TRIED: dict[str, int] = {"text": 0, "jsonl": 0, "csv": 0, "html": 0, "feed": 0}

SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize="FRONTWIRE_FUZZ_SEED" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_WORK = Path(tempfile.mkdtemp(prefix="frontwire-fuzz-"))

words = st.text(max_size=30)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "text": json_values | st.text(max_size=200),
        "title": json_values,
        "url": json_values,
        "published": json_values | st.sampled_from(["2024-02-30", "yesterday", "3024-01-01"]),
        "source": json_values,
    },
)


def _json_line(draw_value: object) -> str:
    return json.dumps(draw_value)


jsonl_bodies = st.one_of(
    st.binary(max_size=300),
    st.lists(
        st.one_of(records.map(_json_line), json_values.map(_json_line), st.text(max_size=40)),
        max_size=6,
    ).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass")),
)
csv_bodies = st.one_of(
    st.binary(max_size=300),
    st.lists(
        st.lists(st.one_of(words, st.sampled_from(['"', '""', ",", "\n", "\r"])), max_size=5),
        max_size=6,
    ).map(
        lambda rows: ("text,title,published\n" + "\n".join(",".join(r) for r in rows)).encode(
            "utf-8", "surrogatepass"
        )
    ),
)
_TAGS = [
    "<html>",
    "<body>",
    "<p>",
    "</p>",
    "<article>",
    "<title>",
    "<script>",
    "<!--",
    "]]>",
    "<meta name='date' content='2024-13-45'>",
    "<div",
    "&amp;",
    "&#xD800;",
    "</html>",
]
html_bodies = st.one_of(
    st.binary(max_size=300),
    st.lists(st.one_of(st.sampled_from(_TAGS), words), max_size=30).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
    ),
)
_FEED = [
    "<?xml version='1.0'?>",
    "<rss version='2.0'>",
    "<channel>",
    "<item>",
    "</item>",
    "<title>",
    "</title>",
    "<description>",
    "</description>",
    "<pubDate>",
    "Mon, 99 Foo 2024",
    "</pubDate>",
    "<feed xmlns='http://www.w3.org/2005/Atom'>",
    "<entry>",
    "<content type='html'>",
    "&lt;p&gt;",
    "<![CDATA[",
    "]]>",
    "</channel>",
]
feed_bodies = st.one_of(
    st.binary(max_size=300),
    st.lists(st.one_of(st.sampled_from(_FEED), words), max_size=40).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
    ),
)


def _check(read: Callable[[], Iterable[Article]], problems: list[InputError]) -> None:
    """The reader yields sound articles or raises InputError; nothing else escapes."""
    try:
        articles = list(read())
    except InputError as exc:
        assert exc.source and exc.problem
        return
    for article in articles:
        assert article.text.strip()
        assert len(article.text) <= config.MAX_ARTICLE_CHARS
        assert article.id
    assert all(p.source and p.problem for p in problems)


def _file(name: str, body: bytes) -> Path:
    path = _WORK / name
    path.write_bytes(body)
    return path


@SETTINGS
@given(body=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)))
def test_text_reader(body: bytes) -> None:
    TRIED["text"] += 1
    _check(lambda: [article_from_text(decode_bytes(body, "t.txt"), "t.txt")], [])


@SETTINGS
@given(body=jsonl_bodies, collect=st.booleans())
def test_jsonl_reader(body: bytes, collect: bool) -> None:
    TRIED["jsonl"] += 1
    problems: list[InputError] = []
    path = _file("f.jsonl", body)
    _check(lambda: read_jsonl(path, problems=problems if collect else None), problems)


@SETTINGS
@given(body=csv_bodies, collect=st.booleans())
def test_csv_reader(body: bytes, collect: bool) -> None:
    TRIED["csv"] += 1
    problems: list[InputError] = []
    path = _file("f.csv", body)
    _check(lambda: read_csv(path, problems=problems if collect else None), problems)


@SETTINGS
@given(body=html_bodies)
def test_html_reader(body: bytes) -> None:
    TRIED["html"] += 1
    _check(lambda: [article_from_html(body, "page.html")], [])


@SETTINGS
@given(body=feed_bodies, collect=st.booleans())
def test_feed_reader(body: bytes, collect: bool) -> None:
    TRIED["feed"] += 1
    problems: list[InputError] = []
    _check(lambda: articles_from_feed(body, "f.rss", problems if collect else None), problems)


def test_a_jsonl_file_with_one_bad_line_yields_the_good_ones_and_names_the_bad(
    tmp_path: Path,
) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(
        '{"text": "Troops clashed with rebels near Goma on Monday."}\n'
        "{not json\n"
        '{"text": "Protesters marched in Khartoum on Friday."}\n',
        encoding="utf-8",
    )
    problems: list[InputError] = []
    articles = list(read_jsonl(path, problems=problems))
    assert len(articles) == 2
    assert [p.source for p in problems] == [f"{path}:2"]
    assert "not valid JSON" in problems[0].problem


def _client(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
    return make_client(httpx.MockTransport(handler))


def test_a_feed_that_times_out_is_named_with_the_timeout() -> None:
    def hang(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer", request=request)

    with pytest.raises(InputError) as caught:
        list(read_url("https://feeds.example.org/slow.rss", _client(hang)))
    assert caught.value.source == "https://feeds.example.org/slow.rss"
    assert "timed out after" in caught.value.problem
    assert "FRONTWIRE_FETCH_TIMEOUT" in caught.value.problem


def test_an_oversized_page_is_refused_before_it_fills_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(config, "MAX_FETCH_BYTES", 10_000)

    def huge(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=b"<p>" + b"x" * 50_000, headers={"content-type": "text/html"}
        )

    with pytest.raises(InputError) as caught:
        list(read_url("https://example.org/huge", _client(huge)))
    assert "over the limit of 10,000" in caught.value.problem


def test_a_feed_with_one_oversized_entry_yields_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(config, "MAX_ARTICLE_CHARS", 500)
    items = "".join(
        f"<item><title>t{n}</title><description>{body}</description></item>"
        for n, body in enumerate(["Clashes in Goma on Monday.", "y " * 400, "Riot in Dhaka."])
    )
    feed = f"<?xml version='1.0'?><rss version='2.0'><channel>{items}</channel></rss>"
    problems: list[InputError] = []
    articles = list(articles_from_feed(feed.encode(), "wire.rss", problems))
    assert [a.title for a in articles] == ["t0", "t2"]
    assert problems[0].source == "wire.rss#2" and "over the limit" in problems[0].problem
