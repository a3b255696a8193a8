"""Directories walked recursively; each file goes to the reader its extension names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from frontwire.errors import InputError
from frontwire.ingest.common import FieldMap, report_or_raise
from frontwire.ingest.csv import read_csv
from frontwire.ingest.feed import read_feed_file
from frontwire.ingest.html import read_html_file
from frontwire.ingest.jsonl import read_jsonl
from frontwire.ingest.text import read_text_file
from frontwire.model import Article

TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES


def read_file(
    path: Path, fields: FieldMap | None = None, problems: list[InputError] | None = None
) -> Iterator[Article]:
    """Read one file by its extension; unknown extensions are read as plain text.

    Given ``problems``, bad records inside a JSONL/CSV/feed file are noted there and the
    good ones still come out; a file that cannot be read at all still raises.
    """
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, fields, problems)
    elif suffix in CSV_SUFFIXES:
        yield from read_csv(path, fields, problems)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path)
    elif suffix in FEED_SUFFIXES:
        yield from read_feed_file(path, problems)
    else:
        yield read_text_file(path)


def walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` in a stable (sorted) order, skipping hidden files and folders."""
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in KNOWN_SUFFIXES:
            yield path


def read_directory(
    root: str | Path, fields: FieldMap | None = None, problems: list[InputError] | None = None
) -> Iterator[Article]:
    """Every article under ``root``; given ``problems``, a bad file is noted and skipped."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(str(root), "is not a directory")
    for path in walk(root):
        try:
            yield from read_file(path, fields, problems)
        except InputError as exc:
            report_or_raise(exc, problems)
