"""RSS and Atom feeds: one Article per entry, from its full content or its summary."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import feedparser

from frontwire.errors import InputError
from frontwire.ingest.common import make_article, report_or_raise
from frontwire.ingest.html import html_to_text
from frontwire.model import Article


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    """The longest body the feed carries: full content beats the summary."""
    bodies = [c.get("value", "") for c in entry.get("content", [])]
    bodies.append(entry.get("summary", ""))
    best = max(bodies, key=len)
    return html_to_text(best) if "<" in best else best.strip()


def articles_from_feed(
    data: bytes | str, source_name: str, problems: list[InputError] | None = None
) -> Iterator[Article]:
    """Parse feed bytes; entries without any text are skipped (titles alone are not news).

    A bad entry (too long, bad date) stops the read, or, given ``problems``, is noted there.
    """
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        problem = getattr(feed, "bozo_exception", "unreadable")
        raise InputError(source_name, f"not a readable RSS/Atom feed ({problem})")
    site = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        text = _entry_text(entry)
        if not text:
            continue
        try:
            yield make_article(
                text,
                f"{source_name}#{number}",
                title=entry.get("title"),
                published=_entry_date(entry),
                source=site,
                url=entry.get("link"),
            )
        except InputError as exc:
            report_or_raise(exc, problems)


def read_feed_file(path: str | Path, problems: list[InputError] | None = None) -> Iterator[Article]:
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from exc
    return articles_from_feed(raw, name, problems)
