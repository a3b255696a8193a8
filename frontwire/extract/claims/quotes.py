"""Quotes found in the raw text, mark by mark, so a quote over several sentences or paragraphs,
or one an editor left unbalanced, is still one quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontwire.extract.claims.lexicon import (
    CLOSERS,
    OPENERS,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    STRAIGHT,
    TRIM_TAIL,
)

# --------------------------------------------------------------------------- quotes


@dataclass
class Quote:
    """A quoted passage: ``start``/``end`` cover the words, without the marks."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None when the quote was never closed
    paragraph: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line block; journalists' paragraphs are lines."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in TRIM_TAIL:
        end -= 1
    return start, end


def _opens_straight(text: str, i: int) -> bool:
    """A straight quote opens when a word follows it directly."""
    return i + 1 < len(text) and not text[i + 1].isspace()


def _single_quote_end(text: str, i: int, para_end: int) -> int | None:
    """Where a top-level ‘single quote’ closes: a ’ not followed by a letter (not Kyiv’s)."""
    if i > 0 and not (text[i - 1].isspace() or text[i - 1] in "([{—–-:"):
        return None
    for j in range(i + 2, para_end):
        closes = text[j] == SINGLE_CLOSE and not text[j - 1].isspace()
        if closes and (j + 1 >= len(text) or not text[j + 1].isalnum()):
            return j
    return None


def find_quotes(text: str) -> list[Quote]:
    """Every quoted passage, tolerant of the ways real copy gets quotes wrong.

    - A quote still open at a paragraph's end continues when the next paragraph opens
      with a quote mark (the journalists' convention); otherwise it ends there.
    - A closing mark with no quote open extends the paragraph's last quote to it
      ("… is covered in blood.” but not only with our blood …”").
    - An opening mark inside an open quote ends the open quote just before it.
    """
    quotes: list[Quote] = []
    open_at: int | None = None
    open_para = 0
    last_end = 0

    def close(end_mark: int | None, end: int) -> None:
        nonlocal open_at
        assert open_at is not None
        start, stop = _trim(text, open_at + 1, end)
        if stop > start:
            quotes.append(Quote(start, stop, open_at, end_mark, open_para))
        open_at = None

    for p, (ps, pe) in enumerate(paragraphs(text)):
        i = ps
        if open_at is not None:
            first = ps + len(text[ps:pe]) - len(text[ps:pe].lstrip())
            if text[first] in OPENERS or text[first] == STRAIGHT:
                i = first + 1  # the same quote goes on in this paragraph
            else:
                close(None, last_end)
        while i < pe:
            c = text[i]
            if open_at is None:
                if c in OPENERS or (c == STRAIGHT and _opens_straight(text, i)):
                    open_at, open_para = i, p
                elif c in CLOSERS or c == STRAIGHT:
                    last = quotes[-1] if quotes else None
                    if last is not None and last.close_mark is not None and last.paragraph == p:
                        last.end = _trim(text, last.start, i)[1]
                        last.close_mark = i
                elif c == SINGLE_OPEN:
                    j = _single_quote_end(text, i, pe)
                    if j is not None:
                        start, stop = _trim(text, i + 1, j)
                        if stop > start:
                            quotes.append(Quote(start, stop, i, j, p))
                        i = j
            elif c in CLOSERS or c == STRAIGHT or (c == "“" and text[open_at] == "„"):
                close(i, i)  # „German style“ closes with the English opening mark
            elif c in OPENERS:
                close(None, i)
                open_at, open_para = i, p
            i += 1
        last_end = pe
    if open_at is not None:
        close(None, last_end)
    return quotes
