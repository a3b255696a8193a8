"""Speech acts: the reporting verb, its real subject, its own words, and the channel and date
those words give (never the reported content's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from frontwire.extract.claims.lexicon import CLAUSE_DEPS, ISO_DATE, _Lexicon, _lexicon
from frontwire.extract.claims.speakers import person_surnames
from frontwire.extract.context import per_doc
from frontwire.model import TimeExpr

# --------------------------------------------------------------------------- speech acts


@dataclass
class _Act:
    """A reporting verb with everything hanging on it."""

    verb: Token
    entry: dict[str, Any]
    chain: list[Token]  # the verb, then the verbs it hangs on up to the one with a subject
    subject: Token | None
    #: ``_own_tokens`` once worked out: asked again when channels and dates are settled.
    own: list[Token] | None = field(default=None, repr=False, compare=False)


def _verb_entry(tok: Token, lex: _Lexicon) -> dict[str, Any] | None:
    if tok.pos_ != "VERB":
        return None
    lemma = tok.lemma_.lower()
    for prt in (c.lower_ for c in tok.children if c.dep_ == "prt"):
        entry = lex.verbs.get(f"{lemma} {prt}")
        if entry is not None:
            return entry
    return lex.verbs.get(lemma)


def _according_subject(tok: Token, lex: _Lexicon) -> Token | None:
    """'according to X': X is the source."""
    if tok.lower_ not in lex.according:
        return None
    for to in tok.children:
        if to.lower_ == "to":
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _act_for(verb: Token, lex: _Lexicon, in_quote: list[bool]) -> _Act | None:
    entry = _verb_entry(verb, lex)
    if entry is None:
        subject = _according_subject(verb, lex)
        if subject is None:
            return None
        return _Act(verb, {"content": []}, [verb], subject)
    chain = [verb]
    v = verb
    for _ in range(6):
        if in_quote[v.i] and v.head.i != v.i:
            # a quoted verb's subject is the speaker's words ("we"), not the speaker
            v = v.head
            continue
        subjects = [c for c in v.children if c.dep_ == "nsubj"]
        if subjects:
            subject = _pick_subject(v, subjects, in_quote)
            if subject.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                subject = v.head
            return _Act(verb, entry, chain, _real_subject(subject, v, lex))
        agents = [p for a in v.children if a.dep_ == "agent" for p in a.children]
        if agents:
            return _Act(verb, entry, chain, agents[0])
        if v.dep_ in ("advcl", "conj", "xcomp", "acl", "pcomp") and v.head.i != v.i:
            # "X denied that ..., saying ...": a subjectless reporting participle belongs
            # to the nearest reporting verb above it, not to the clause it hangs on
            v = next(
                (a for a in v.ancestors if not in_quote[a.i] and _verb_entry(a, lex) is not None),
                v.head,
            )
            chain.append(v)
            continue
        break
    return _Act(verb, entry, chain, _subject_left_of(verb, in_quote))


def _pick_subject(verb: Token, subjects: list[Token], in_quote: list[bool]) -> Token:
    """The speaker among a verb's subjects when the parser found more than one.

    - "... their goal is Kiev - said the President": after a dash or comma the words
      before the verb are the speech, the subject after it speaks.
    - "The US image company Maxar said", "... War With Russia Kallas said" (a misread
      apposition): the name next to the verb speaks.
    """
    if len(subjects) == 1:
        return subjects[0]
    doc = verb.doc
    after = [c for c in subjects if c.i > verb.i and not in_quote[c.i]]
    if after and verb.i > 0 and doc[verb.i - 1].text in DASHES | {","}:
        return after[0]
    names = [c for c in subjects if c.i < verb.i and c.pos_ == "PROPN"]
    if not names:
        return subjects[0]
    between = doc[subjects[0].i : names[-1].i]
    if any(t.lower_ in ("and", "or") for t in between):
        return subjects[0]  # "Johnson and other mini-Churchills will declare": coordinated
    return names[-1]


def _subject_left_of(verb: Token, in_quote: list[bool]) -> Token | None:
    """The speaker written right before a reporting verb the parser left without a subject
    ("In Munich, Germany's foreign minister, Annalena Baerbock, said ..." parsed as an
    apposition of "Munich"): the noun or name just before it, commas aside."""
    if in_quote[verb.i] or verb.dep_ not in ("ROOT", "ccomp", "conj"):
        return None
    j = verb.i - 1
    while j >= verb.sent.start and verb.doc[j].is_punct and not in_quote[j]:
        j -= 1
    if j < verb.sent.start or in_quote[j]:
        return None
    tok = verb.doc[j]
    if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ in ("appos", "conj", "pobj", "npadvmod", "nmod"):
        return tok
    if tok.i == verb.i - 1 and tok.text[:1].isupper() and tok.text in person_surnames(verb.doc):
        return tok  # "May said ...": the surname read as a modal verb
    return None


DASHES = frozenset({"-", "–", "—", "--"})


def _real_subject(subject: Token, verb: Token, lex: _Lexicon) -> Token:
    """Undo two common misreadings of a speaker.

    - A wire dateline ("KYIV, March 3 (Reuters) - The ministry said") parsed as the
      subject: the speaker is the phrase after the dash.
    - A channel as subject ("A statement from the regional administration said"): the
      speaker is whoever the statement is from.
    """
    doc = subject.doc
    # a dateline's dash stands apart ("(Reuters) - The"), not inside "Secretary-General"
    dashes = [
        t for t in doc[subject.i + 1 : verb.i] if t.text in DASHES and doc[t.i - 1].whitespace_
    ]
    if dashes and subject.i < dashes[-1].i < verb.i:
        after = doc[dashes[-1].i + 1 : verb.i]
        heads = [t for t in after if t.pos_ in ("NOUN", "PROPN", "PRON") and t.head not in after]
        if heads:
            subject = heads[0]
    if any((subject.lower_,) == words for words, _, _ in lex.channels):
        for prep in subject.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                objs = [c for c in prep.children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
        owners = [c for c in subject.children if c.dep_ == "poss"]
        if owners:
            return owners[0]
    return subject


def _content_children(verb: Token, entry: dict[str, Any]) -> list[Token]:
    deps = entry.get("content", [])
    return [
        c
        for c in verb.children
        if c.dep_ in deps or (c.dep_ == "prep" and f"prep:{c.lower_}" in deps)
    ]


def _own_tokens(act: _Act, in_quote: list[bool]) -> list[Token]:
    """Words of the speech act itself: the verbs, their subjects and adjuncts, not content."""
    if act.own is not None:  # the quote marks of a Doc do not change between calls
        return act.own
    chain_ids = {v.i for v in act.chain}
    own: set[int] = set()
    for v in act.chain:
        own.add(v.i)
        content = {c.i for c in _content_children(v, _verb_entry(v, _lexicon()) or {})}
        for c in v.children:
            if c.i in chain_ids or c.i in content or c.dep_ in CLAUSE_DEPS:
                continue
            own.update(t.i for t in c.subtree)
    doc = act.verb.doc
    act.own = [doc[i] for i in sorted(own) if not in_quote[i]]
    return act.own


def _channel(act: _Act, own: list[Token], lex: _Lexicon) -> str | None:
    best: tuple[int, int, str] | None = None
    implied = act.entry.get("channel")
    if implied:
        best = (1, 0, implied)
    own_ids = {t.i for t in own}
    doc = act.verb.doc
    consumed: set[int] = set()
    for tok in own:
        if tok.i in consumed:
            continue
        for words, label, rank in lex.channels_by_first.get(tok.lower_, ()):
            n = len(words)
            if tok.i + n > len(doc):
                continue
            if n > 1 and [doc[j].lower_ for j in range(tok.i + 1, tok.i + n)] != list(words[1:]):
                continue
            seq = [doc[j] for j in range(tok.i, tok.i + n)]
            if not all(t.i in own_ids for t in seq):
                continue
            if n == 1 and len(tok.text) == 1 and not tok.text.isupper():
                continue
            consumed.update(t.i for t in seq)
            cand = (rank, abs(tok.i - act.verb.i), label)
            if best is None or cand < best:
                best = cand
            break
    return best[2] if best else None


def _dates_speech(te: TimeExpr) -> bool:
    """A past day, week, month or year can date a statement; durations and plans cannot."""
    if te.value is None or te.future or not ISO_DATE.match(te.value):
        return False
    return te.precision != "duration" and not (te.precision == "range" and te.end_value is None)


def _own_date(act: _Act, own: list[Token], times: list[TimeExpr]) -> str | None:
    if not own:
        return None
    chars = {t.idx for t in own}
    best: tuple[int, str] | None = None
    doc = act.verb.doc
    for te in times:
        if not _dates_speech(te):
            continue
        tokens = _time_tokens(doc, te)
        if tokens is None or not any(idx in chars for _, idx in tokens):
            continue
        cand = (min(abs(i - act.verb.i) for i, _ in tokens), te.value)
        if best is None or cand < best:
            best = cand
    return best[1] if best else None


_TIME_TOKENS_KEY = "frontwire_claims_time_tokens"


def _time_tokens(doc: Doc, te: TimeExpr) -> list[tuple[int, int]] | None:
    """(index, character offset) of the tokens a time expression covers; None if none.

    Memoised on the Doc: every speech act looks at every time expression of the article.
    """
    memo: dict[tuple[int, int], list[tuple[int, int]] | None] = per_doc(doc, _TIME_TOKENS_KEY, dict)
    key = (te.start, te.end)
    if key not in memo:
        span = doc.char_span(te.start, te.end, alignment_mode="expand")
        memo[key] = None if span is None else [(t.i, t.idx) for t in span]
    return memo[key]
