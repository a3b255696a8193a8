"""Articles and feeds over HTTP(S), politely: timeouts and a user agent naming frontwire."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import httpx

from frontwire import config
from frontwire.errors import InputError
from frontwire.ingest.feed import articles_from_feed
from frontwire.ingest.html import article_from_html
from frontwire.ingest.text import article_from_text, decode_bytes
from frontwire.model import Article

USER_AGENT = "frontwire/0.1 (+conflict news extraction)"
TIMEOUT = httpx.Timeout(config.FETCH_TIMEOUT_S, connect=min(10.0, config.FETCH_TIMEOUT_S))
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


def fetch(url: str, client: httpx.Client | None = None) -> tuple[httpx.Response, bytes]:
    """GET a URL; network and HTTP errors become InputErrors naming the URL."""
    own = client is None
    client = client or make_client()
    try:
        with client.stream("GET", url) as response:
            response.raise_for_status()
            body = _read_limited(response, url)
    except httpx.HTTPStatusError as exc:
        raise InputError(url, f"HTTP {exc.response.status_code} from the server") from exc
    except httpx.TimeoutException as exc:
        raise InputError(
            url,
            f"timed out after {config.FETCH_TIMEOUT_S:g} s ({type(exc).__name__}); "
            "set FRONTWIRE_FETCH_TIMEOUT to wait longer",
        ) from exc
    except httpx.HTTPError as exc:
        raise InputError(url, f"cannot be fetched ({type(exc).__name__}: {exc})") from exc
    finally:
        if own:
            client.close()
    return response, body


def _read_limited(response: httpx.Response, url: str) -> bytes:
    """Read the body, refusing one over MAX_FETCH_BYTES before it fills memory."""
    limit = config.MAX_FETCH_BYTES
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise InputError(url, f"body of {int(declared):,} bytes is over the limit of {limit:,}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise InputError(
                url,
                f"body is over the limit of {limit:,} bytes "
                "(set FRONTWIRE_MAX_FETCH_BYTES to raise it)",
            )
        chunks.append(chunk)
    return b"".join(chunks)


def read_url(
    url: str, client: httpx.Client | None = None, problems: list[InputError] | None = None
) -> Iterator[Article]:
    """Fetch a page or a feed and read it with the matching reader."""
    response, body = fetch(url, client)
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if any(t in kind for t in _FEED_TYPES) or body.lstrip()[:200].find(b"<rss") >= 0:
        yield from articles_from_feed(body, url, problems)
    elif kind.startswith("text/plain"):
        article = article_from_text(decode_bytes(body, url), url)
        # The id hashes the URL too, so rebuild rather than mutate.
        yield article if article.url else replace(article, url=str(response.url), id="")
    else:
        yield article_from_html(body, url, url=str(response.url))
