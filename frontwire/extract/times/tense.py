"""Tense from cue words and from the governing verb, which decides the side of publication a
bare weekday or yearless date falls on.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span, Token

from frontwire.extract.context import doc_text, per_doc
from frontwire.extract.times.handlers import _Ctx
from frontwire.extract.times.scan import _FROM_BEFORE, _FUTURE_BEFORE, _FUTURE_WORDS, _Found
from frontwire.extract.times.words import _WORDS

# ---------------------------------------------------------------------------------------
# Tense: from cue words and from the governing verb


def _governing_verb(token: Token) -> Token:
    """The nearest verb (or auxiliary) at or above ``token``; the sentence root otherwise."""
    seen = 0
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and seen < 50:
        token = token.head
        seen += 1
    return token


def _verb_tense(verb: Token) -> str | None:
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    future_aux = set(_WORDS["future_auxiliaries"])
    if any(a.lower_ in future_aux for a in auxes) or verb.lower_ in future_aux:
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _WORDS["future_governors"]:
        head_auxes = {c.lower_ for c in verb.head.children if c.dep_ in ("aux", "auxpass")}
        if verb.head.tag_ != "VBD" and not head_auxes & {"was", "were", "had"}:
            return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes):
        return "past"  # "shelled", "was shelled", "has been going on"
    return None


def _span(doc: Doc, start: int, end: int) -> Span | None:
    if start < 0 or end > len(doc_text(doc)) or start >= end:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


_ROOTS_KEY = "frontwire_times_roots"
_CLAUSES_KEY = "frontwire_times_clauses"


def _root_index(doc: Doc, start: int, end: int) -> int:
    """Index of the syntactic head of the tokens covering ``[start, end)``; -1 for none.

    Memoised on the Doc: every event and claim asks for the roots of the same few time
    expressions, and a ``char_span`` per expression per question was a tenth of the time.
    """
    roots: dict[tuple[int, int], int] = per_doc(doc, _ROOTS_KEY, dict)
    index = roots.get((start, end))
    if index is None:
        span = _span(doc, start, end)
        index = roots[(start, end)] = span.root.i if span is not None else -1
    return index


def _clause_at(doc: Doc, root: int) -> dict[int, int]:
    """``_clause_of`` the verb governing token ``root``, memoised on the Doc (read-only)."""
    clauses: dict[int, dict[int, int]] = per_doc(doc, _CLAUSES_KEY, dict)
    clause = clauses.get(root)
    if clause is None:
        clause = clauses[root] = _clause_of(_governing_verb(doc[root]))
    return clause


def _cue_tense(text: str, start: int, end: int, verb_tense: str | None) -> str | None:
    """Cue words just before an expression: 'next', 'from', 'by' (unless the verb is past)."""
    mention = text[start:end]
    if re.search(r"['’]s$", mention):  # "Monday's attack" happened
        return verb_tense or "past"
    before = text[max(0, start - 25) : start]
    if _FUTURE_BEFORE.search(before):
        return "future"
    if _FROM_BEFORE.search(before) and verb_tense != "past":
        return "future"
    return verb_tense


def _doc_ctx(
    doc: Doc, text: str, found: _Found, published: date | None, reference: date | None
) -> _Ctx:
    """Tense from the governing verb in the parse, then the cue words around the match."""
    verb_tense = None
    root = _root_index(doc, found.start, found.end)
    if root >= 0:
        verb_tense = _verb_tense(_governing_verb(doc[root]))
    tense = _cue_tense(text, found.start, found.end, verb_tense)
    return _Ctx(published, tense, reference, verb_tense == "future")


def _text_ctx(text: str, found: _Found, published: date | None, reference: date | None) -> _Ctx:
    """For a free-standing string: 'will'/'going to' anywhere, or a cue just before."""
    outside = text[: found.start] + " " + text[found.end :]
    verb_tense = "future" if _FUTURE_WORDS.search(outside) else None
    tense = _cue_tense(text, found.start, found.end, verb_tense)
    return _Ctx(published, tense, reference, verb_tense == "future")


_CLAUSAL_DEPS = {"ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "csubjpass"}


def _clause_of(verb: Token) -> dict[int, int]:
    """The verb's subtree less the clauses embedded in it: token index -> hops to the verb."""
    clause: dict[int, int] = {}
    stack = [(verb, 0)]
    while stack:
        token, depth = stack.pop()
        clause[token.i] = depth
        stack.extend((c, depth + 1) for c in token.children if c.dep_ not in _CLAUSAL_DEPS)
    return clause
