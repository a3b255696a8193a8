"""Loading the spaCy pipeline once per process, and parsing texts in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from frontwire import config
from frontwire.errors import FrontwireError


@cache
def get_nlp(model: str | None = None) -> Language:
    """The shared pipeline; loaded on first use and reused by every extractor."""
    name = model or config.SPACY_MODEL
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise FrontwireError(
            f"spaCy pipeline {name!r} is not installed: run the setup (scripts/setup.sh) "
            f"or set FRONTWIRE_SPACY_MODEL to an installed pipeline ({exc})"
        ) from exc
    nlp.max_length = max(nlp.max_length, config.MAX_ARTICLE_CHARS + 1)
    return nlp


def parse(text: str) -> Doc:
    return get_nlp()(text)


def parse_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches through ``nlp.pipe`` (much faster than one by one)."""
    yield from get_nlp().pipe(texts, batch_size=batch_size)
