"""One entry point for every kind of input: files, directories, URLs and standard input."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from frontwire.errors import InputError
from frontwire.ingest.common import FieldMap
from frontwire.ingest.directory import read_directory, read_file
from frontwire.ingest.text import read_text_file
from frontwire.ingest.url import is_url, read_url
from frontwire.model import Article


def read_source(source: str, fields: FieldMap | None = None) -> Iterator[Article]:
    """Articles from one source string: ``-`` (stdin), a URL, a directory or a file."""
    if source == "-":
        yield read_text_file("-")
    elif is_url(source):
        yield from read_url(source)
    else:
        path = Path(source)
        if path.is_dir():
            yield from read_directory(path, fields)
        elif path.is_file():
            yield from read_file(path, fields)
        else:
            raise InputError(source, "no such file, directory or URL")


def read_sources(
    sources: Iterable[str],
    fields: FieldMap | None = None,
    published_default: date | None = None,
) -> Iterator[Article]:
    """Every article of every source, in order; ``published_default`` fills missing dates."""
    for source in sources:
        for article in read_source(source, fields):
            if article.published is None and published_default is not None:
                article = replace(article, published=published_default)
            yield article
