"""Articles and feeds over HTTP(S), politely: timeouts and a user agent naming frontwire."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import httpx

from frontwire.errors import InputError
from frontwire.ingest.feed import articles_from_feed
from frontwire.ingest.html import article_from_html
from frontwire.ingest.text import article_from_text, decode_bytes
from frontwire.model import Article

USER_AGENT = "frontwire/0.1 (+conflict news extraction)"
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
_FEED_TYPES = ("rss", "atom", "xml")


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def make_client(transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """A client that names frontwire, follows redirects and never waits forever."""
    return httpx.Client(
        headers={"User-Agent": USER_AGENT},
        timeout=TIMEOUT,
        follow_redirects=True,
        transport=transport,
    )


def fetch(url: str, client: httpx.Client | None = None) -> httpx.Response:
    """GET a URL; network and HTTP errors become InputErrors naming the URL."""
    own = client is None
    client = client or make_client()
    try:
        response = client.get(url)
        response.raise_for_status()
    except httpx.HTTPStatusError as exc:
        raise InputError(url, f"HTTP {exc.response.status_code} from the server") from exc
    except httpx.HTTPError as exc:
        raise InputError(url, f"cannot be fetched ({type(exc).__name__}: {exc})") from exc
    finally:
        if own:
            client.close()
    return response


def read_url(url: str, client: httpx.Client | None = None) -> Iterator[Article]:
    """Fetch a page or a feed and read it with the matching reader."""
    response = fetch(url, client)
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    body = response.content
    if any(t in kind for t in _FEED_TYPES) or body.lstrip()[:200].find(b"<rss") >= 0:
        yield from articles_from_feed(body, url)
    elif kind.startswith("text/plain"):
        article = article_from_text(decode_bytes(body, url), url)
        # The id hashes the URL too, so rebuild rather than mutate.
        yield article if article.url else replace(article, url=str(response.url), id="")
    else:
        yield article_from_html(body, url, url=str(response.url))
