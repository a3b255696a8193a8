"""Shared helpers for the ingest readers: one way to build an Article and read a date.

Every reader funnels through :func:`make_article` so the size limit, empty-text check
and date handling are the same whatever the input format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import dateparser

from frontwire import config
from frontwire.errors import InputError
from frontwire.ingest.clean import clean_article
from frontwire.ingest.language import check_english
from frontwire.model import Article

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def report_or_raise(error: InputError, problems: list[InputError] | None) -> None:
    """Raise ``error``, or note it in ``problems`` so a batch reader can go on.

    Readers take an optional ``problems`` list: without one a bad record stops the read
    (the right thing for one file); with one, ``ingest`` stores every good record and
    lists the bad ones at the end.
    """
    if problems is None:
        raise error
    problems.append(error)


@dataclass(frozen=True)
class FieldMap:
    """Which record fields (JSON keys or CSV columns) hold each article attribute."""

    text: str = "text"
    title: str = "title"
    url: str = "url"
    published: str = "published"
    source: str = "source"

    @classmethod
    def parse(cls, spec: str | None) -> FieldMap:
        """Read ``text=body,published=date`` style overrides (used by ``--fields``)."""
        if not spec:
            return cls()
        values: dict[str, str] = {}
        for part in spec.split(","):
            key, sep, value = part.partition("=")
            key, value = key.strip(), value.strip()
            if not sep or key not in cls.__dataclass_fields__ or not value:
                raise InputError(
                    "--fields",
                    f"bad mapping {part!r}: use e.g. text=body,published=date "
                    f"(keys: {', '.join(cls.__dataclass_fields__)})",
                )
            values[key] = value
        return cls(**values)


def coerce_date(value: object, source: str) -> date | None:
    """Turn a metadata date (ISO, RFC 822, datetime, ...) into a date; None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if _ISO_DATE.match(text):
        try:
            return date.fromisoformat(text[:10])
        except ValueError as exc:
            raise InputError(source, f"bad date {text!r}") from exc
    parsed = dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    if parsed is None:
        raise InputError(source, f"bad date {text!r}: expected e.g. YYYY-MM-DD")
    return parsed.date()


def make_article(
    text: str,
    source_name: str,
    *,
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str | None = None,
) -> Article:
    """Build an Article, refusing empty or oversized texts with a message naming the input."""
    if len(text) > config.MAX_ARTICLE_CHARS:
        raise InputError(
            source_name,
            f"article is {len(text):,} characters, over the limit of "
            f"{config.MAX_ARTICLE_CHARS:,} (set FRONTWIRE_MAX_ARTICLE_CHARS to raise it)",
        )
    if not text.strip():
        raise InputError(source_name, "the article has no text")
    check_english(text, source_name)
    return clean_article(
        Article(
            text=text,
            title=(title or "").strip() or None,
            published=published,
            source=(source or "").strip() or None,
            url=(url or "").strip() or None,
            language=language or "en",
        )
    )
