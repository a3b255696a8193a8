"""Running the pipeline for the web (POST /api/extract, the paste page, writable ingest).

spaCy pipelines are not documented as thread-safe and FastAPI runs sync routes in a
thread pool, so one lock serialises extraction; reads are not blocked by it.
"""

from __future__ import annotations

import threading
from datetime import date

from frontwire.errors import InputError
from frontwire.ingest.clean import clean_article
from frontwire.ingest.language import check_english
from frontwire.model import Article, Extraction

_LOCK = threading.Lock()


def make_article(
    text: str,
    published: date | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    language: str = "en",
) -> Article:
    """An Article from posted text; browsers send CRLF line ends, offsets use LF."""
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        raise InputError("text", "the article has no text: paste or post the article's words")
    check_english(body, "text")
    return clean_article(
        Article(
            text=body,
            published=published,
            title=title or None,
            source=source or None,
            url=url or None,
            language=language or "en",
        )
    )


def extract(article: Article) -> Extraction:
    """The full pipeline over one article (the output contract as an Extraction)."""
    from frontwire.pipeline import extract_article

    with _LOCK:
        return extract_article(article)
