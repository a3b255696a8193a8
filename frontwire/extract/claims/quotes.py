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
    speech_forms,
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
    dash: bool = False  # direct speech marked with dashes, as translated outlets write it


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


#: A dash opening direct speech: at a paragraph's start or right after a sentence's end,
#: then a space and a capital ("- We will respond - he said.", "Donbas.- There is ...").
_DASH_OPEN = re.compile(
    r"(?:^|(?<=[.!?:…])|(?<=[.!?…][\"”»]))[ \t]*([-–—])[ \t]+(?=[\"“„«]?[A-Z0-9])", re.M
)
#: The dash closing it: a spaced dash before the lower-case attribution ("- he said",
#: "– said Biden", "— emphasised the minister").
_DASH_CLOSE = re.compile(r"[ \t]([-–—])[ \t]+(?=[a-z])")


#: A pronoun between the closing dash and its verb ("- he said").
_PRONOUN = re.compile(r"(?:he|she|they|we|it)\s+", re.I)


def _speech_close(text: str, ps: int, pe: int) -> re.Match[str] | None:
    """The first closing dash of the paragraph that a reporting verb follows ("- said Biden",
    "- he added"), when no dash opened the speech: translated outlets often drop it."""
    for close in _DASH_CLOSE.finditer(text, ps, pe):
        rest = text[close.end() : pe]
        pronoun = _PRONOUN.match(rest)
        word = re.match(r"[a-z]+", rest[pronoun.end() :] if pronoun else rest)
        if word is not None and word.group() in speech_forms():
            return close
    return None


def _dash_quotes(text: str, ps: int, pe: int, p: int) -> list[Quote]:
    """Direct speech marked with dashes in one paragraph ("- We will respond - he said."), or
    a paragraph that opens as a sentence and closes with "- said X" without the opening dash."""
    found: list[Quote] = []
    pos = ps
    first = _DASH_OPEN.search(text, ps, pe)
    close = _speech_close(text, ps, pe)
    lead = text[ps:pe].lstrip()
    unopened = close is not None and (first is None or first.start(1) > close.start(1))
    if close is not None and unopened and (lead[:1].isupper() or lead[:1] in '“"„«'):
        start, stop = _trim(text, ps, close.start(1))
        if stop > start:
            found.append(Quote(start, stop, start, close.start(1), p, dash=True))
        pos = close.end()
    while pos < pe:
        m = _DASH_OPEN.search(text, pos, pe)
        if m is None:
            break
        open_at = m.start(1)
        close = _DASH_CLOSE.search(text, m.end(), pe)
        sentence_end = re.search(r"[.!?…](?=\s*[-–—][ \t])", text[m.end() : pe])
        if close is not None and (
            sentence_end is None or m.end() + sentence_end.start() > close.start()
        ):
            start, stop = _trim(text, m.end(), close.start(1))
            if stop > start:
                found.append(Quote(start, stop, open_at, close.start(1), p, dash=True))
            pos = close.end()
            continue
        stop_at = m.end() + sentence_end.end() if sentence_end is not None else pe
        start, stop = _trim(text, m.end(), stop_at)
        if stop > start:
            found.append(Quote(start, stop, open_at, None, p, dash=True))
        pos = stop_at
    return found


def _attribution_in_marks(text: str, quote: Quote) -> bool:
    """'... at a crazy pace, "he warned, pointing out that" madness can prevail': marks
    put round the attribution instead of the speech (a careless translation)."""
    inner = text[quote.start : quote.end]
    pronoun = _PRONOUN.match(inner)
    word = re.match(r"[a-z]+", inner[pronoun.end() :]) if pronoun else None
    return (
        pronoun is not None
        and inner[:1].islower()
        and word is not None
        and word.group() in speech_forms()
        and len(inner.split()) <= 8
    )


def _speech_after(text: str, attribution: Quote) -> Quote | None:
    """The speech resumed after marks put round an attribution: up to the next mark of
    the paragraph (' "he warned, pointing out that" madness can prevail unexpectedly ".')."""
    if attribution.close_mark is None:
        return None
    line_end = text.find("\n", attribution.close_mark)
    pe = line_end if line_end >= 0 else len(text)
    lo = attribution.close_mark + 1
    marks = [j for j in range(lo, pe) if text[j] in CLOSERS or text[j] == STRAIGHT]
    hi = marks[0] if marks else pe
    start, stop = _trim(text, lo, hi)
    if stop <= start:
        return None
    close = marks[0] if marks else None
    return Quote(start, stop, attribution.close_mark, close, attribution.paragraph)


def find_quotes(text: str) -> list[Quote]:
    """Quote marks first, then dash-marked speech outside them ("As he noted, “...”. - Putin's
    goal was ... - he said." holds both)."""
    raw = _marked_quotes(text)
    attributions = [q for q in raw if _attribution_in_marks(text, q)]
    resumed = [_speech_after(text, q) for q in attributions]
    taken = {q.close_mark for q in resumed if q is not None and q.close_mark is not None}
    kept = [q for q in raw if q not in attributions and q.open_mark not in taken]
    quotes = [_dash_inside(text, q) for q in kept]
    quotes += [q for q in resumed if q is not None]
    marked = [(q.open_mark, q.close_mark if q.close_mark is not None else q.end) for q in quotes]
    marked += [(q.open_mark, q.close_mark or q.end) for q in attributions]
    attribution_marks = {q.open_mark for q in attributions}
    for p, (ps, pe) in enumerate(paragraphs(text)):
        for dq in _dash_quotes(text, ps, pe, p):
            hi = dq.close_mark if dq.close_mark is not None else dq.end
            later = sorted(lo for lo, end in marked if dq.open_mark < lo <= hi)
            if dq.close_mark is None and later:
                # dash speech never closed runs up to the quote marks after it
                dq.end = _trim(text, dq.start, later[0])[1]
                hi = dq.end
                if later[0] in attribution_marks:
                    dq.close_mark = later[0]  # '... pace, "he warned': its attribution
            overlaps = any(lo <= hi and dq.open_mark <= end for lo, end in marked)
            if dq.end > dq.start and not overlaps:
                quotes.append(dq)
    quotes.sort(key=lambda q: q.open_mark)
    return quotes


def _dash_inside(text: str, quote: Quote) -> Quote:
    """ "“- Russia does not produce ... missiles - said Nikolai Kulbaka, ...": a quote mark
    and a dash both open the speech, the dash before the reporting verb closes it."""
    if text[quote.start : quote.start + 2] not in {f"{d} " for d in "-–—"}:
        return quote
    close = _speech_close(text, quote.start + 2, quote.end)
    if close is None:
        return quote
    start, stop = _trim(text, quote.start + 2, close.start(1))
    if stop <= start:
        return quote
    return Quote(start, stop, quote.open_mark, close.start(1), quote.paragraph, dash=True)


def _marked_quotes(text: str) -> list[Quote]:
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
