"""Loading the spaCy pipeline once per process, and parsing texts in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from frontwire import config
from frontwire.errors import FrontwireError

# per_doc and doc_text live with the article context (frontwire.extract.context); the names
# stay importable from here for code written before it.
from frontwire.extract.context import doc_text, per_doc

__all__ = [
    "SENTENCE_CAP",
    "cap_sentence_length",
    "doc_text",
    "get_nlp",
    "parse",
    "parse_many",
    "per_doc",
]


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
    if "parser" in nlp.pipe_names and SENTENCE_CAP not in nlp.pipe_names:
        nlp.add_pipe(SENTENCE_CAP, before="parser")
    return nlp


SENTENCE_CAP = "frontwire_sentence_cap"
_SENTENCE_END = frozenset(".!?")


@Language.component(SENTENCE_CAP)
def cap_sentence_length(doc: Doc) -> Doc:
    """Start a new sentence every MAX_SENTENCE_CHARS in runs with no sentence punctuation.

    Scraped pages bring tables, lists and junk with no full stops; one such "sentence"
    of 100k characters makes the parser slow and its trees meaningless. Marking sentence
    starts (the parser keeps them) bounds that cost without changing the text, so every
    character offset still slices the article exactly.
    """
    limit = config.MAX_SENTENCE_CHARS
    run_start = 0
    previous_ends = True
    previous_break = False
    for token in doc:
        if previous_break and not token.is_space and _starts_line(token):
            token.is_sent_start = True  # a headline or a paragraph ends at its line break
        if previous_ends:
            run_start = token.idx
        elif token.idx - run_start > limit and token.i > 0:
            token.is_sent_start = True
            run_start = token.idx
        previous_ends = token.text in _SENTENCE_END or "\n" in token.text
        previous_break = "\n" in token.text or (previous_break and token.is_space)
    return doc


def _starts_line(token: object) -> bool:
    """A line that opens with a capital, a digit, a quote or a dash starts a sentence;
    one in lower case continues a hard-wrapped sentence."""
    first = token.text[:1]  # type: ignore[attr-defined]
    return not first.islower()


def parse(text: str) -> Doc:
    return get_nlp()(text)


def parse_many(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches through ``nlp.pipe`` (much faster than one by one)."""
    yield from get_nlp().pipe(texts, batch_size=batch_size)
