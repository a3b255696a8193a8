"""One entry point for every kind of input: files, directories, URLs and standard input."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from frontwire.errors import InputError
from frontwire.ingest.common import FieldMap, report_or_raise
from frontwire.ingest.directory import read_directory, read_file
from frontwire.ingest.text import read_text_file
from frontwire.ingest.url import is_url, read_url
from frontwire.model import Article


def read_source(
    source: str, fields: FieldMap | None = None, problems: list[InputError] | None = None
) -> Iterator[Article]:
    """Articles from one source string: ``-`` (stdin), a URL, a directory or a file."""
    if source == "-":
        yield read_text_file("-")
    elif is_url(source):
        yield from read_url(source, problems=problems)
    else:
        path = Path(source)
        if path.is_dir():
            yield from read_directory(path, fields, problems)
        elif path.is_file():
            yield from read_file(path, fields, problems)
        else:
            raise InputError(source, "no such file, directory or URL")


def read_sources(
    sources: Iterable[str],
    fields: FieldMap | None = None,
    published_default: date | None = None,
    problems: list[InputError] | None = None,
) -> Iterator[Article]:
    """Every article of every source, in order; ``published_default`` fills missing dates.

    Without ``problems`` the first bad input raises. With it, every bad file, record or
    non-English article is noted there and the reading goes on, so a batch stores all
    its good articles and reports the bad ones at the end.
    """
    for source in sources:
        try:
            for article in read_source(source, fields, problems):
                if article.published is None and published_default is not None:
                    article = replace(article, published=published_default)
                yield article
        except InputError as exc:
            report_or_raise(exc, problems)
