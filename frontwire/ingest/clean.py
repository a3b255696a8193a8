"""Scraped pages carry text that is not the story; take it out before anything reads it.

Newsletter and sign-up lines, "ADVERTISEMENT", "CLICK HERE", share buttons, linked
headlines and photo credits become false events ("you agree to our Terms of Service" was
coded AGREE eleven times) and sentences glued without a space ("heard.The") are read as
one. The cleaner removes the first and repairs the second, and records every change as an
``Edit`` in the raw text's coordinates, so nothing disappears silently and every offset
into the cleaned (stored) text maps back to the text as scraped (``raw_offset``).

The patterns are data: ``ontology/boilerplate.json``.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from frontwire.model import Article
from frontwire.ontology.tables import load_table

GLUED_SENTENCE = re.compile(
    r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[a-z]{2}[.!?][\"”’])(?=[A-Z])"
    r"|(?<=[a-z]{3})(?=(?:He|She|They|We) [a-z])"  # "the ForeignHe emphasizes"
)
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])|(?<=[.!?][\"”’])\s+(?=[A-Z])")


@dataclass(frozen=True)
class Edit:
    """Raw text ``[start, end)`` replaced by ``insert``, and why."""

    start: int
    end: int
    reason: str
    text: str
    insert: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class BoilerplateRules:
    """The compiled tables of ``boilerplate.json``."""

    lines: tuple[tuple[str, re.Pattern[str]], ...]
    sentences: tuple[tuple[str, re.Pattern[str]], ...]
    caps_min_words: int
    caps_max_chars: int
    caps_min_upper: float

    def line_reason(self, line: str) -> str | None:
        for reason, pattern in self.lines:
            if pattern.fullmatch(line):
                return reason
        if self._is_caps_headline(line):
            return "linked-story"
        return None

    def sentence_reason(self, sentence: str) -> str | None:
        for reason, pattern in self.sentences:
            if pattern.fullmatch(sentence):
                return reason
        return None

    def _is_caps_headline(self, line: str) -> bool:
        if len(line) > self.caps_max_chars or line[-1:] in '.!?:;,"”':
            return False
        if len(line.split()) < self.caps_min_words:
            return False
        letters = [c for c in line if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        return bool(letters) and upper / len(letters) >= self.caps_min_upper


def _compile(groups: dict[str, list[str]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (reason, re.compile(pattern, re.IGNORECASE))
        for reason, patterns in groups.items()
        for pattern in patterns
    )


@lru_cache(maxsize=1)
def load_rules() -> BoilerplateRules:
    table = load_table("boilerplate.json", required=("all_caps_headline", "lines", "sentences"))
    caps = table["all_caps_headline"]
    return BoilerplateRules(
        lines=_compile(table["lines"]),
        sentences=_compile(table["sentences"]),
        caps_min_words=caps["min_words"],
        caps_max_chars=caps["max_chars"],
        caps_min_upper=caps["min_upper_share"],
    )


def _line_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, next_start) of every non-empty line; next_start skips the line breaks."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if not match.group().strip():
            continue
        following = re.compile(r"\n*").match(text, match.end())
        spans.append((match.start(), match.end(), following.end() if following else match.end()))
    return spans


def _glue_point(line: str, at: int) -> int:
    """Where the space goes: after a straight quote that closes ('ended." The'), before one
    that opens ('Russia."It would be ...," Biden said' is 'Russia. "It would ...')."""
    if at > 0 and line[at - 1] == '"' and line[: at - 1].count('"') % 2 == 0:
        return at - 1
    return at


def _edits_in_line(text: str, start: int, end: int, rules: BoilerplateRules) -> list[Edit]:
    """Sentence-level drops and glue repairs inside one kept line."""
    line = text[start:end]
    breaks = [start + _glue_point(line, m.start()) for m in GLUED_SENTENCE.finditer(line)]
    edits = [Edit(at, at, "glued sentence", "", " ") for at in breaks]
    cuts = sorted({start, end, *breaks, *(start + m.end() for m in SENTENCE_BREAK.finditer(line))})
    dropped = []
    for left, right in itertools.pairwise(cuts):
        sentence = text[left:right].strip()
        reason = rules.sentence_reason(sentence) if sentence else None
        if reason:
            dropped.append(Edit(left, right, reason, text[left:right]))
    if not dropped:
        return edits
    if sum(e.end - e.start for e in dropped) >= len(line.strip()):
        return [Edit(start, end, dropped[0].reason, line)]
    inside = [e for e in edits if not any(d.start < e.start < d.end for d in dropped)]
    return sorted(inside + dropped, key=lambda e: (e.start, e.end))


def find_edits(text: str, rules: BoilerplateRules | None = None) -> list[Edit]:
    """Every change the cleaner makes to ``text``, in order, in raw coordinates."""
    rules = rules or load_rules()
    edits: list[Edit] = []
    spans = _line_spans(text)
    kept_any = False
    for index, (start, end, next_start) in enumerate(spans):
        reason = rules.line_reason(text[start:end].strip())
        if reason is None:
            edits.extend(_edits_in_line(text, start, end, rules))
            kept_any = True
            continue
        is_last = index == len(spans) - 1
        if is_last and kept_any:  # take the breaks before it, so no trailing blank lines grow
            previous_end = spans[index - 1][1]
            start = max(previous_end, edits[-1].end if edits else previous_end)
            next_start = len(text)
        edits.append(Edit(start, next_start, reason, text[start:next_start]))
    if not kept_any:  # a page of nothing but boilerplate: keep it rather than lose it
        return [e for e in edits if e.insert]
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    pieces, cursor = [], 0
    for edit in edits:
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.insert)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def raw_offset(edits: list[dict[str, Any]] | list[Edit], offset: int) -> int:
    """Where an offset into the cleaned text falls in the text as scraped."""
    shift = 0
    for edit in edits:
        e = edit if isinstance(edit, Edit) else Edit(**edit)
        clean_start = e.start + shift
        if offset < clean_start:
            break
        if offset < clean_start + len(e.insert):
            return e.start
        shift += len(e.insert) - (e.end - e.start)
    return offset - shift


def clean_article(article: Article) -> Article:
    """The article with boilerplate removed and glued sentences split; its id is kept."""
    if article.cleaning:
        return article
    edits = find_edits(article.text)
    if not edits:
        return article
    return dataclasses.replace(
        article,
        text=apply_edits(article.text, edits),
        cleaning=[e.to_dict() for e in edits],
    )
