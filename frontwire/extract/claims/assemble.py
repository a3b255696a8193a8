"""Claims assembled from quotes, speech acts and speakers (``extract_claims``), their channels
and dates settled across statements, and ``claim_stance`` for the events extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.tokens import Doc, Token

from frontwire.extract.claims.acts import (
    _Act,
    _act_for,
    _channel,
    _content_children,
    _dates_speech,
    _own_date,
    _own_tokens,
    _time_tokens,
    _verb_entry,
)
from frontwire.extract.claims.lexicon import CLAUSE_DEPS, _Lexicon, _lexicon
from frontwire.extract.claims.quotes import Quote, find_quotes, paragraphs
from frontwire.extract.claims.speakers import (
    _Discourse,
    _Entity,
    _Mention,
    _mention_for,
    _surname,
)
from frontwire.extract.context import doc_text
from frontwire.extract.times import date_for_span
from frontwire.model import Article, Claim, TimeExpr

# --------------------------------------------------------------------------- claims


@dataclass
class _Draft:
    """A claim before ids, speakers and dates are settled."""

    start: int
    end: int
    kind: str
    act: _Act | None
    quote: Quote | None = None
    mention: _Mention | None = None
    entity: _Entity | None = None
    channel: str | None = None
    date: str | None = None
    para: int = 0
    same_as: _Draft | None = None  # an earlier claim this one repeats word for word
    #: Said, but no claim: "X acknowledged those frustrations" reports no proposition. Kept
    #: while reading, because the quote after it is X's, and left out of the output.
    anchor: bool = False


def _attribution(
    quote: Quote,
    quotes: list[Quote],
    k: int,
    doc: Doc,
    in_quote: list[bool],
    para_bounds: list[tuple[int, int]],
    lex: _Lexicon,
) -> _Act | None:
    """The speech act a quote belongs to: a reporting verb governing it or right next to it."""
    text = doc_text(doc)
    ps, pe = para_bounds[quote.paragraph]
    open_tok = doc.char_span(quote.open_mark, quote.open_mark + 1, alignment_mode="expand")
    sent_start = open_tok[0].sent.start_char if open_tok is not None else ps
    prev_close = quotes[k - 1].close_mark if k > 0 else None
    before_lo = max(sent_start, ps, (prev_close + 1) if prev_close is not None else 0)
    lead_in = text[:before_lo].rstrip()
    if not text[before_lo : quote.open_mark].strip() and lead_in.endswith(","):
        # "May said ..., noting, “...”": the parser began a sentence at the quote mark
        comma = doc.char_span(len(lead_in) - 1, len(lead_in), alignment_mode="expand")
        if comma is not None and (prev_close is None or prev_close < comma.start_char):
            before_lo = max(comma[0].sent.start_char, ps)
    if not text[before_lo : quote.open_mark].strip() and lead_in.endswith(":"):
        # "Gaidai wrote on Telegram:" closing the sentence or paragraph before the quote
        colon = doc.char_span(len(lead_in) - 1, len(lead_in), alignment_mode="expand")
        if colon is not None and (prev_close is None or prev_close < colon.start_char):
            before_lo = colon[0].sent.start_char
    # (lo, hi, only a verb that governs the quote): before it, after it up to the next
    # quote, and the rest of the sentence beyond ("an “expansionist Russia” and a “difficult
    # summer”, Downing Street says": the first quote is the sentence's too)
    windows = [(before_lo, quote.open_mark, False)]
    if quote.close_mark is not None:
        close_tok = doc.char_span(quote.close_mark, quote.close_mark + 1, alignment_mode="expand")
        sent_end = close_tok[0].sent.end_char if close_tok is not None else pe
        nxt = quotes[k + 1].open_mark if k + 1 < len(quotes) else len(text)
        end_para = next((e for s, e in para_bounds if s <= quote.close_mark < e), pe)
        windows.append((quote.close_mark + 1, min(sent_end, nxt, end_para), False))
        windows.append((nxt, min(sent_end, end_para), True))
    first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    first_tok = first[0] if first is not None else None
    candidates: list[tuple[bool, int, int, _Act]] = []
    for lo, hi, must_govern in windows:
        if hi <= lo:
            continue
        span = doc.char_span(lo, hi, alignment_mode="contract")
        if span is None:
            continue
        for tok in span:
            if in_quote[tok.i]:
                continue
            act = _act_for(tok, lex, in_quote)
            if act is None:
                continue
            if act.subject is not None and in_quote[act.subject.i]:
                continue  # "warned a “catastrophe” would threaten": the quote's own verb
            governs = first_tok is not None and tok.is_ancestor(first_tok)
            if must_govern and not governs:
                continue
            distance = min(abs(tok.idx - quote.open_mark), abs(tok.idx - (quote.close_mark or 0)))
            size = len(list(tok.subtree)) if governs else 10**6
            # dash speech closes with its attribution ("- We will respond - he said")
            closing = quote.dash and quote.close_mark is not None and lo > quote.close_mark
            candidates.append((not closing, size, distance, act))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    return candidates[0][3]


def _quote_kind(quote: Quote, previous: tuple[Quote, str] | None, doc: Doc) -> str:
    """direct: the quote is a sentence or a full clause of its own; partial: a fragment.
    A quote resumed after an attribution ("“A,” he said, “b.”") keeps the first one's kind."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None:
        return "partial"
    before = doc_text(doc)[: quote.open_mark].rstrip()
    sent_start = span[0].sent.start_char
    if not before or before[-1] in ".!?:\n" or quote.open_mark <= sent_start:
        return "direct"
    if previous is not None and before[-1] == ",":
        prev_quote, prev_kind = previous
        gap = doc_text(doc)[(prev_quote.close_mark or prev_quote.end) : quote.open_mark]
        if not re.search(r"[.!?\n]", gap):
            return prev_kind
    # the clause the quote opens with: is its verb, with its subject, inside the quote?
    ids = {t.i for t in span}
    verb = span[0]
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.i in ids and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i in ids for c in verb.children
    ):
        return "direct"
    return "partial"


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _indirect_drafts(
    doc: Doc, in_quote: list[bool], quotes: list[Quote], used: set[int], lex: _Lexicon
) -> list[_Draft]:
    """Reported clauses without quote marks: "Gaidai confirmed the withdrawal ..."."""
    text = doc_text(doc)
    drafts = []
    for tok in doc:
        if in_quote[tok.i] or tok.i in used:
            continue
        act = _act_for(tok, lex, in_quote)
        if act is None or act.subject is None:
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            continue
        if tok.lower_ in lex.according and _inside_reported(tok, lex, in_quote):
            continue  # "X reports that, according to analysts, ...": X's claim, X's source
        if any(
            c.dep_ == "aux" and c.tag_ == "MD" and not _surname(c)
            for v in act.chain
            for c in v.children
        ):
            # "NATO must promise not to ...", "Johnson will declare victory, saying ...":
            # a speech act asked for or foreseen, not made
            continue
        if act.entry.get("content") == [] and tok.lower_ in lex.according:
            phrase = {s.i for s in tok.subtree}
            content_tokens = [t for t in tok.head.subtree if t.i not in phrase]
        else:
            content_tokens = [t for c in _content_children(tok, act.entry) for t in c.subtree]
            content_tokens += _misparsed_participle_content(tok, act.entry)
            content_tokens += _misparsed_conjunct(tok, content_tokens)
            nested = {
                t.i
                for c in content_tokens
                if c.i != tok.i and c.dep_ in CLAUSE_DEPS and _verb_entry(c, lex) is not None
                for t in c.subtree
            }
            content_tokens = [t for t in content_tokens if t.i not in nested]
            while content_tokens and content_tokens[-1].dep_ in ("cc", "mark", "punct"):
                content_tokens = content_tokens[:-1]
        # what was said stays on the verb's line (a headline or teaser line has no full
        # stop, and the parser runs it into the next)
        line = (text.rfind("\n", 0, tok.idx) + 1, _line_end(text, tok.idx))
        content_tokens = [
            t for t in content_tokens if not t.is_space and line[0] <= t.idx < line[1]
        ]
        # "said that ...": the complementiser is no part of the claim; "if" and "whether" are
        while content_tokens and (content_tokens[0].lower_ == "that" or content_tokens[0].is_punct):
            content_tokens = content_tokens[1:]
            if content_tokens and content_tokens[0].lower_ in lex.according:
                source = {t.i for t in content_tokens[0].subtree}  # "according to analysts,"
                content_tokens = [t for t in content_tokens if t.i not in source]
        while content_tokens and content_tokens[-1].is_punct:
            content_tokens = content_tokens[:-1]
        if len(content_tokens) < 2:
            said_this = any(
                c.dep_ in ("dobj", "ccomp") and c.lower_ in ("this", "that", "so")
                for c in tok.children
            )
            if said_this:
                # "The Institute for the Study of War (ISW) said this": no claim, but the
                # speaker is met, and "the report said" next is theirs
                anchor = _Draft(tok.idx, tok.idx + len(tok.text), "indirect", act, anchor=True)
                drafts.append(anchor)
            continue
        start = content_tokens[0].idx
        end = content_tokens[-1].idx + len(content_tokens[-1].text)
        if any(q.open_mark < end and start <= (q.close_mark or q.end) for q in quotes):
            continue
        said = _proposition(content_tokens)
        if act.entry.get("content") != [] and _unmarked_speech(tok, content_tokens):
            said = False
        drafts.append(_Draft(start, end, "indirect", act, anchor=not said))
    return drafts


def _inside_reported(tok: Token, lex: _Lexicon, in_quote: list[bool]) -> bool:
    """The token is inside what another reporting verb reports ("reports that, according
    to analysts, ..."), not beside it ("is accused of ..., according to US authorities")."""
    for verb in tok.ancestors:
        entry = _verb_entry(verb, lex)
        if entry is None or in_quote[verb.i]:
            continue
        if any(tok in c.subtree for c in _content_children(verb, entry)):
            return True
    return False


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return end if end >= 0 else len(text)


def _proposition(tokens: list[Token]) -> bool:
    """A reported claim states something: a clause with its own subject and verb ("that the
    strike killed two"), not a noun phrase ("denied these reports"), an accusation's object
    ("accused Washington of ...") or a relative clause ("which he said happened")."""
    if not tokens or tokens[0].lower_ in ("which", "who", "whom", "whose", "how", "what"):
        return False
    ids = {t.i for t in tokens}
    return any(
        t.dep_ in ("nsubj", "nsubjpass", "expl")
        and t.head.i in ids
        and t.head.pos_ in ("VERB", "AUX")
        and t.head.dep_ not in ("relcl", "acl")
        and t.lower_ not in ("that", "which", "who")
        for t in tokens
    )


def _unmarked_speech(verb: Token, tokens: list[Token]) -> bool:
    """ "... - he said. We have reasons ...": words that run on past the reporting verb's
    sentence, or open with a capital as a sentence of their own does, are someone's
    unmarked speech or the next sentence, not the clause reported."""
    first = tokens[0]
    if first.sent != verb.sent or tokens[-1].sent != verb.sent:
        return True
    opener = first.pos_ in ("PRON", "ADV", "CCONJ", "SCONJ", "INTJ", "ADP")  # We, However
    return first.i > verb.i and first.is_title and opener and first.text != "I"


def _misparsed_conjunct(verb: Token, content: list[Token]) -> list[Token]:
    """ "said one woman was killed and two more injured in Donetsk": the parser hangs "two
    more injured" on the reporting verb; a verbless conjunct right after the reported
    clause is still part of it."""
    if not content:
        return []
    end = max(t.i for t in content)
    for child in verb.children:
        if child.dep_ != "conj" or child.pos_ in ("VERB", "AUX") or child.i <= end:
            continue
        own = sorted(child.subtree, key=lambda t: t.i)
        if own[0].i == end + 1 or (own[0].i == end + 2 and verb.doc[end + 1].dep_ == "cc"):
            return list(verb.doc[end + 1 : own[-1].i + 1])
    return []


def _misparsed_participle_content(verb: Token, entry: dict[str, Any]) -> list[Token]:
    """ "accused Russia ..., saying the attacks on Kharkiv, many of which ..., have killed
    hundreds": the parser often makes "the attacks" the participle's object and "have
    killed" a sibling of the main verb. Put the clause back together."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or "ccomp" not in entry.get("content", []):
        return []
    if any(c.dep_ == "ccomp" for c in verb.children):
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return []
    last = max(t.i for t in objects[0].subtree)
    for sibling in verb.head.children:
        if (
            sibling.dep_ == "conj"
            and sibling.i > last
            and sibling.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in sibling.children)
        ):
            own = [t for t in sibling.subtree if t.i > last]
            return [*objects[0].subtree, *own] if own else []
    return []


def _paragraph_index(bounds: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(bounds):
        if pos < e:
            return i if pos >= s else max(i - 1, 0)
    return max(len(bounds) - 1, 0)


def extract_claims(doc: Doc, article: Article, times: list[TimeExpr]) -> list[Claim]:
    """Every quote and reported claim in the article, with speaker, channel and date."""
    lex = _lexicon()
    text = doc_text(doc)
    bounds = paragraphs(text)
    # a quoted name ("The Washington Post" reports, the "Achmat" units) is nobody's words,
    # and may be a speaker
    quotes = [q for q in find_quotes(text) if q.dash or not _quoted_name(text, q)]
    in_quote = [False] * len(doc)
    for q in quotes:
        hi = q.close_mark + 1 if q.close_mark is not None else q.end
        span = doc.char_span(q.open_mark, hi, alignment_mode="expand")
        if span is not None:
            for t in span:
                in_quote[t.i] = True

    drafts: list[_Draft] = []
    used: set[int] = set()
    for k, q in enumerate(quotes):
        act = _attribution(q, quotes, k, doc, in_quote, bounds, lex)
        if act is not None:
            used.add(act.verb.i)
        previous = (quotes[k - 1], drafts[-1].kind) if k > 0 else None
        drafts.append(_Draft(q.start, q.end, _quote_kind(q, previous, doc), act, quote=q))
    drafts.extend(_indirect_drafts(doc, in_quote, quotes, used, lex))

    # speakers, in the order a reader meets the attributions
    discourse = _Discourse(lex)
    for d in drafts:
        d.para = _paragraph_index(bounds, d.start)
        if d.act is not None and d.act.subject is not None:
            d.mention = _mention_for(d.act.subject, lex)

    # named people doing other things are candidates for a later "he" or "she" too
    attributed = {d.mention.head.i for d in drafts if d.mention is not None}
    reading: list[tuple[int, _Mention, _Draft | None]] = [
        (d.mention.start, d.mention, d) for d in drafts if d.mention is not None
    ]
    # ... and so is every person the article names with a role ("US President Joe Biden"),
    # whom "the American president" may later stand for
    for ent in doc.ents:
        if ent.label_ == "PERSON" and not in_quote[ent.root.i]:
            discourse.register_named(ent)
    # ("Paweł Zalewski was talking about ...", "Zalewski was also asked about ...": the
    # "he said" that follows is his); a name no recogniser calls a person ("Kyiv") is not
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        if in_quote[tok.i] or tok.i in attributed:
            continue
        if tok.pos_ == "NOUN" and tok.lower_ not in lex.person_nouns:
            continue  # "Putin's goal", "the opinion of the Ombudsman": not the person
        other = _mention_for(tok, lex)
        if other.name is not None and other.kind == "person" and other.typed:
            words = doc.char_span(other.start, other.end, alignment_mode="expand") or []
            if any(t.ent_type_ == "PERSON" or _surname(t) for t in words):
                reading.append((other.start, other, None))
    reading.sort(key=lambda item: item[0])
    for pos, mention, draft in reading:
        para = _paragraph_index(bounds, pos)
        entity = discourse.resolve(mention, para)
        if entity is None:
            continue
        if mention.pronoun is not None and entity.channel_para == para:
            mention.antecedent_channel = entity.channel
        act = draft.act if draft is not None else None
        if act is None:
            head = mention.head.head
            act = _Act(head, {}, [head], mention.head)
        entity.channel = _channel(act, _own_tokens(act, in_quote), lex)
        entity.channel_para = para
        if draft is not None:
            draft.entity = entity
            entity.spoke_pos, entity.spoke_para = pos, para

    # quotes without attribution: a repeated quote, or a quote going on from the last one
    drafts.sort(key=lambda d: d.start)
    kept: list[_Draft] = []
    for d in drafts:
        if not _norm(text[d.start : d.end]):
            continue  # a quote of punctuation only
        if d.entity is None and d.quote is not None:
            same = next(
                (
                    e
                    for e in kept
                    if e.entity is not None
                    and _norm(text[e.start : e.end]) == _norm(text[d.start : d.end])
                ),
                None,
            )
            prev = kept[-1] if kept else None
            if same is not None:
                d.entity, d.same_as, d.act, d.mention = same.entity, same, None, None
            elif _goes_on(d, prev, text, bounds):
                assert prev is not None
                d.entity, d.act, d.mention = prev.entity, prev.act, None
            elif len(_norm(text[d.start : d.end]).split()) < 4:
                continue  # a scare quote or a title, not a claim
        kept.append(d)

    # a claim is somebody's: what no speaker could be found for, and what reports no
    # proposition, is left out
    kept = [d for d in kept if d.entity is not None and not d.anchor]

    _settle_channels_and_dates(kept, doc, in_quote, times, bounds, lex, article.published)
    return [_to_claim(article, n, d, text) for n, d in enumerate(kept, start=1)]


#: Words a title or name leaves in lower case ("Institute for the Study of War").
_NAME_PARTICLES = frozenset({"of", "the", "and", "for", "in", "on", "to", "a", "de", "al"})


def _quoted_name(text: str, quote: Quote) -> bool:
    """A short quote of capitalised words inside a sentence: a name or title (a newspaper,
    a unit, an operation), not speech."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", text[quote.start : quote.end])
    if not words or len(words) > 5 or re.search(r"[.!?,;:]\W*$", text[quote.start : quote.end]):
        return False
    if not words[0][:1].isupper() or not all(
        w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words
    ):
        return False
    line_start = text.rfind("\n", 0, quote.open_mark) + 1
    line_end = text.find("\n", quote.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return len(line.strip()) > quote.end - quote.start + 2  # not a heading of its own


def _heading(d: _Draft, text: str, bounds: list[tuple[int, int]]) -> bool:
    """A quote that is a whole line without a full stop: a section heading ("“Russia wants
    to take a break”"), whose words the text does not give anyone."""
    ps, pe = bounds[d.para]
    line = text[ps:pe].strip()
    inner = text[d.start : d.end].strip()
    return len(line) <= len(inner) + 4 and inner[-1:] not in ".!?…" and line[-1:] not in ".!?…"


def _goes_on(d: _Draft, prev: _Draft | None, text: str, bounds: list[tuple[int, int]]) -> bool:
    """A quote with no attribution of its own goes on from the claim just before it, in
    this or the previous paragraph: the last quote, or the sentence that reported someone's
    words ("X acknowledged the frustrations. “...”").
    Never in a headline or teaser line (no closing full stop): the text does not say who."""
    if prev is None or prev.entity is None or _heading(d, text, bounds):
        return False
    if d.kind != "direct":
        # a second fragment of the same sentence ("was “striking”, given it “has not ...”")
        gap = text[prev.end : d.start]
        return prev.quote is not None and prev.para == d.para and not re.search(r"[.!?]", gap)
    ps, pe = bounds[d.para]
    line = text[ps:pe].rstrip()
    if line and line[-1] not in '.!?"”»…':
        return False
    return d.para - prev.para <= 1


def _settle_channels_and_dates(
    drafts: list[_Draft],
    doc: Doc,
    in_quote: list[bool],
    times: list[TimeExpr],
    bounds: list[tuple[int, int]],
    lex: _Lexicon,
    published: date | None,
) -> None:
    """Channel and date from the speech act; else continue the same speaker's last claim."""

    def speech_pos(d: _Draft) -> int:
        return d.act.verb.idx if d.act is not None else d.start

    previous: _Draft | None = None
    for d in sorted(drafts, key=speech_pos):
        own_date = None
        if d.same_as is not None:
            d.channel, d.date = d.same_as.channel, d.same_as.date
        if d.act is not None:
            own = _own_tokens(d.act, in_quote)
            d.channel = d.channel or _channel(d.act, own, lex)
            if d.mention is not None:
                d.channel = d.channel or d.mention.antecedent_channel
            own_date = _own_date(d.act, own, times)
            d.date = d.date or own_date
        para = _paragraph_index(bounds, speech_pos(d))
        if (
            previous is not None
            and _continues(d, previous)
            and para - _paragraph_index(bounds, speech_pos(previous)) <= 1
        ):
            # "she added", "he said": the same statement goes on, same channel and time
            if own_date is None or own_date == previous.date:
                d.channel = d.channel or previous.channel
            d.date = d.date or previous.date
        if d.date is None:
            d.date = _context_date(d, doc, times, published, in_quote)
        previous = d


def _continues(d: _Draft, previous: _Draft) -> bool:
    """A pronoun, a role or no attribution at all continues the same speaker's statement;
    naming the speaker again ("On Sunday, Gaidai warned") starts a new one."""
    if d.entity is None or previous.entity is not d.entity:
        return False
    return d.mention is None or d.mention.name is None


def _context_date(
    d: _Draft, doc: Doc, times: list[TimeExpr], published: date | None, in_quote: list[bool]
) -> str | None:
    """The date the times extractor gives the speech act's words (its sentence, else its
    paragraph), unless that date is only the publication default or comes from the words
    reported (a quote, or the claim itself: "said the strike on Sunday ...")."""
    pos = d.act.verb.idx if d.act is not None else d.start
    end = pos + len(d.act.verb.text) if d.act is not None else d.end
    choice = date_for_span(doc, times, pos, end, published)
    if choice is None or choice.is_default or choice.time is None:
        return None
    te = choice.time
    if te.start < d.end and d.start < te.end:
        return None
    tokens = _time_tokens(doc, te)
    if tokens is None or any(in_quote[i] for i, _ in tokens) or not _dates_speech(te):
        return None
    return choice.value


def _to_claim(article: Article, n: int, d: _Draft, text: str) -> Claim:
    ent = d.entity
    mention = d.mention if ent is not None else None
    return Claim(
        id=f"{article.id}-Q{n}",
        text=text[d.start : d.end],
        start=d.start,
        end=d.end,
        kind=d.kind,
        speaker=ent.name if ent else None,
        speaker_role=ent.role if ent else None,
        organization=ent.organization if ent else None,
        channel=d.channel,
        date=d.date,
        speaker_start=mention.start if mention else None,
        speaker_end=mention.end if mention else None,
    )


def claim_stance(doc: Doc, claim: Claim) -> str:
    """'deny' when the claim's speech act rejects what it reports ("denied that ..."), else
    'assert'. For the events extractor: an event one party reports and another denies is
    contested. The speech act is the reporting verb that governs the claim's words, else
    the verb its speaker mention is subject of."""
    lex = _lexicon()
    starts: list[Token] = []
    words = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    if words is not None:
        starts.append(words[0])
    if claim.speaker_start is not None and claim.speaker_end is not None:
        who = doc.char_span(claim.speaker_start, claim.speaker_end, alignment_mode="expand")
        if who is not None:
            starts.append(who.root)
    for tok in starts:
        for verb in tok.ancestors:
            if words is not None and words.start <= verb.i < words.end:
                continue
            entry = _verb_entry(verb, lex)
            if entry is not None:
                negated = any(c.dep_ == "neg" for c in verb.children)
                return "deny" if (entry.get("stance") == "deny") != negated else "assert"
    return "assert"
