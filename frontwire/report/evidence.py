"""One sentence of evidence for an event: the article sentence around its best span.

Evidence spans are clauses ("killing four civilians"); a brief quotes the whole sentence,
cut from the article text at sentence ends, so the reader sees the words in context.
"""

from __future__ import annotations

import re
from typing import Any

#: Longest sentence quoted whole; a longer one is cut to the span itself.
MAX_SENTENCE = 360

_END = re.compile(r"[.!?][\"'”’)]*(?=\s|$)|\n")


def best_span(event: dict[str, Any]) -> dict[str, Any] | None:
    """The span that carries the toll if there is one, else the longest of the first article."""
    spans = [s for s in event.get("evidence") or [] if s.get("text")]
    if not spans:
        return None
    toll = (event.get("fatalities_text") or "").lower()
    if toll:
        for span in spans:
            if toll in span["text"].lower():
                return span
    first = spans[0].get("article_id")
    own = [s for s in spans if s.get("article_id") == first]
    return max(own, key=lambda s: (len(s["text"]), -s.get("start", 0)))


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``, whitespace tidied."""
    if not (0 <= start <= end <= len(text)):
        return ""
    begin = 0
    for match in _END.finditer(text, 0, start):
        begin = match.end()
    found = _END.search(text, max(end - 1, begin))
    stop = found.end() if found else len(text)
    sentence = " ".join(text[begin:stop].split())
    if len(sentence) > MAX_SENTENCE:
        sentence = " ".join(text[start:end].split())
    return sentence


def evidence_sentence(event: dict[str, Any], texts: dict[str, str]) -> tuple[str, str | None]:
    """(sentence, article id) quoting an event; the bare span when the article is not at hand."""
    span = best_span(event)
    if span is None:
        return "", None
    article_id = span.get("article_id")
    text = texts.get(article_id or "")
    if text is not None and text[span["start"] : span["end"]] == span["text"]:
        return sentence_around(text, span["start"], span["end"]), article_id
    return " ".join(span["text"].split()), article_id
