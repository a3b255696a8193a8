"""Plain-text articles, with an optional metadata header.

A header is a block of ``Key: value`` lines (title, published, source, url, language)
at the very top of the file, ended by a blank line. Files without one are read whole.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

from frontwire import config
from frontwire.errors import InputError
from frontwire.ingest.clean import clean_article
from frontwire.ingest.language import check_english
from frontwire.model import Article

HEADER_KEYS = ("title", "published", "source", "url", "language")
_HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z]+):[ \t]*(?P<value>.*)$")


def parse_date(value: str, source: str) -> date:
    """Read a YYYY-MM-DD date or raise an InputError naming where it came from."""
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise InputError(source, f"bad date {value!r}: expected YYYY-MM-DD") from exc


def decode_bytes(raw: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM); anything else is an error, not mojibake."""
    if b"\x00" in raw[:4096]:
        raise InputError(source, "looks like a binary file, not text (NUL bytes found)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"not valid UTF-8 text (byte {exc.start}): convert it to UTF-8 first"
        ) from exc


def split_header(text: str) -> tuple[dict[str, str], str, int]:
    """Return (metadata, body, offset of the body in ``text``) for a text with a header."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.strip():
            if meta:
                offset = sum(len(x) + 1 for x in lines[: index + 1])
                return meta, text[offset:], offset
            break
        match = _HEADER_LINE.match(line.rstrip("\r"))
        if not match or match["key"].lower() not in HEADER_KEYS:
            break
        meta[match["key"].lower()] = match["value"].strip()
    return {}, text, 0


def article_from_text(
    text: str,
    source_name: str,
    published: date | None = None,
    source: str | None = None,
) -> Article:
    """Build an Article from raw text; explicit arguments win over the header."""
    if len(text) > config.MAX_ARTICLE_CHARS:
        raise InputError(
            source_name,
            f"article is {len(text):,} characters, over the limit of "
            f"{config.MAX_ARTICLE_CHARS:,} (set FRONTWIRE_MAX_ARTICLE_CHARS to raise it)",
        )
    meta, body, _ = split_header(text)
    if not body.strip():
        raise InputError(source_name, "the article has no text")
    check_english(body, source_name)
    if published is None and meta.get("published"):
        published = parse_date(meta["published"], f"{source_name} (published header)")
    return clean_article(
        Article(
            text=body,
            title=meta.get("title") or None,
            published=published,
            source=source or meta.get("source") or None,
            url=meta.get("url") or None,
            language=meta.get("language") or "en",
        )
    )


def read_text_file(
    path: str | Path, published: date | None = None, source: str | None = None
) -> Article:
    """Read one article from a text file, or from standard input when path is ``-``."""
    name = str(path)
    if name == "-":
        raw = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        file_path = Path(path)
        if not file_path.exists():
            raise InputError(name, "no such file")
        if file_path.is_dir():
            raise InputError(name, "is a directory: give the article files inside it")
        try:
            raw = file_path.read_bytes()
        except OSError as exc:
            raise InputError(name, f"cannot be read ({exc.strerror})") from exc
    return article_from_text(decode_bytes(raw, name), name, published, source)
