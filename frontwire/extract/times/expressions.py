"""The public entry points for time expressions: ``extract_times`` over a Doc (with the NER
fallback) and ``resolve_expression`` for one piece of text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc

from frontwire.extract.context import doc_text
from frontwire.extract.times.dates import _parse_absolute, start_date
from frontwire.extract.times.handlers import _Ctx
from frontwire.extract.times.scan import _Found, _resolve, _scan
from frontwire.extract.times.tense import _doc_ctx, _text_ctx
from frontwire.model import Article, TimeExpr
from frontwire.ontology.tables import load_table

log = logging.getLogger(__name__)
# ---------------------------------------------------------------------------------------
# Public API


def _resolve_in_order(
    text: str, found: list[_Found], make_ctx: Callable[[_Found, date | None], _Ctx]
) -> list[tuple[_Found, TimeExpr]]:
    """Resolve matches in text order; each dated one is what the next anaphor counts from."""
    resolved = []
    reference: date | None = None
    night = False
    for f in found:
        ctx = make_ctx(f, reference)
        ctx.reference_night = night
        t = _resolve(text, f, ctx)
        if t is None:
            continue
        resolved.append((f, t))
        if t.value and t.precision in ("day", "week", "range") and len(t.value) == 10:
            reference = start_date(t.value)
            night = t.precision == "day" and t.end_value is not None
    return resolved


def extract_times(doc: Doc, article: Article) -> list[TimeExpr]:
    """Every time expression in the article, resolved against its publication date."""
    text = doc_text(doc)
    published = article.published
    found = _scan(text)
    resolved = _resolve_in_order(text, found, lambda f, ref: _doc_ctx(doc, text, f, published, ref))
    speech = _transcript_anchor(text, [t for _, t in resolved], published)
    if speech is not None:
        lead_end, spoken = speech
        resolved = _resolve_in_order(
            text,
            found,
            lambda f, ref: _doc_ctx(doc, text, f, published if f.start < lead_end else spoken, ref),
        )
    times = [t for _, t in resolved]
    times.extend(_ner_fallback(doc, times, published))
    times.sort(key=lambda t: t.start)
    if published is None:
        unresolved = sum(1 for t in times if t.value is None)
        if unresolved:
            log.info(
                "%s: no publication date, %d relative time expression(s) left unresolved "
                "(give --published or a date in the input's metadata)",
                article.title or article.id,
                unresolved,
            )
    return times


@lru_cache(maxsize=1)
def _transcript_cues() -> tuple[re.Pattern[str], tuple[str, ...], int, int]:
    """``transcript_cues.json`` read once (every article is checked): the speech nouns as
    one pattern, the cues announcing the text, how far they are looked for, and how long
    before publication the address may be."""
    cues = load_table("transcript_cues.json", required=("speech_nouns", "follows_cues"))
    words = "|".join(re.escape(w) for w in cues["speech_nouns"])
    return (
        re.compile(rf"\b(?:{words})\b"),
        tuple(cues["follows_cues"]),
        cues.get("lead_chars", 600),
        cues.get("max_days_before", 3),
    )


def _transcript_anchor(
    text: str, times: list[TimeExpr], published: date | None
) -> tuple[int, date] | None:
    """Where a reproduced speech starts and the day it was given, when the lead dates an
    address and announces its text ("In Zelensky's address on Thursday evening, July 21
    ... Read the full address below"); None for other articles."""
    if published is None:
        return None
    speech_nouns, follows_cues, lead_chars, max_days_before = _transcript_cues()
    lead_end = text.find("\n")
    lead_end = len(text) if lead_end < 0 else lead_end
    lead = text[:lead_end].lower()
    opening = text[:lead_chars].lower()
    if not speech_nouns.search(lead):
        return None
    if not any(c in opening for c in follows_cues):
        return None
    dated = [
        t
        for t in times
        if t.end <= lead_end and t.value and len(t.value) == 10 and t.precision == "day"
    ]
    if not dated:
        return None
    spoken = date.fromisoformat(dated[0].value)
    gap = (published - spoken).days
    if not 0 < gap <= max_days_before:
        return None
    return lead_end, spoken


def _ner_fallback(doc: Doc, times: list[TimeExpr], published: date | None) -> list[TimeExpr]:
    """NER DATE entities the grammar missed, kept only when dateparser reads a full date."""
    extra = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or not re.search(r"\b(?:1[89]|20)\d\d\b", ent.text):
            continue
        if any(ent.start_char < t.end and t.start < ent.end_char for t in times):
            continue
        d = _parse_absolute(ent.text)
        if d is not None:
            future = bool(published and d > published)
            extra.append(
                TimeExpr(ent.text, ent.start_char, ent.end_char, d.isoformat(), "day", None, future)
            )
    return extra


def resolve_expression(text: str, published: date | None) -> TimeExpr | None:
    """Normalise a free-standing expression ("next Tuesday", "23 and 24 June").

    The result spans the whole string (offsets 0..len(text)); None when the string holds
    no time expression. Words around the expression count as cues ("will meet on Monday").
    """
    if not text or not text.strip():
        return None
    resolved = _resolve_in_order(
        text, _scan(text), lambda f, ref: _text_ctx(text, f, published, ref)
    )
    if not resolved:
        return None
    _, t = max(resolved, key=lambda r: r[0].end - r[0].start)
    return TimeExpr(text, 0, len(text), t.value, t.precision, t.end_value, t.future)
