"""HTML pages: trafilatura removes navigation, ads and footers and reads the page metadata."""

from __future__ import annotations

from pathlib import Path

import trafilatura

from frontwire.errors import InputError
from frontwire.ingest.common import coerce_date, make_article
from frontwire.model import Article


def article_from_html(html: str | bytes, source_name: str, url: str | None = None) -> Article:
    """Extract the main text and title/date/site/URL of one page."""
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError(source_name, "no article text found in the HTML page")
    published = None
    if doc.date:
        published = coerce_date(doc.date, f"{source_name} (page date)")
    return make_article(
        doc.text,
        source_name,
        title=doc.title,
        published=published,
        source=doc.sitename or doc.hostname,
        url=doc.url or url,
        language=doc.language,
    )


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment (feed summaries), without boilerplate removal."""
    text = trafilatura.extract(f"<html><body>{html}</body></html>", fast=True)
    if text:
        return text
    from lxml import html as lxml_html

    return lxml_html.fromstring(f"<div>{html}</div>").text_content().strip()


def read_html_file(path: str | Path) -> Article:
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from exc
    return article_from_html(raw, name)
