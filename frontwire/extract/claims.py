"""Quotes and reported claims, with who made them, through which channel and when.

A reader finds a claim in three steps, and so does this module:

1. *Quotes* are found in the raw text, mark by mark (curly, straight, guillemets, and
   single curly quotes at the top level), so a quote that runs over several sentences or
   paragraphs, or that a careless editor left unbalanced, is still one quote.
2. *Attribution*: the reporting verb next to (or governing) the quote gives the speech
   act; its subject is the speaker mention. Verbs without their own subject ("..., noting
   that", "saying") borrow it from the verb they hang on. Verbs with a reported clause and
   no quote give *indirect* claims.
3. *Speakers* are resolved in reading order against the speakers met so far: a name is
   merged with the same person's other names ("Gaidai" = "Serhiy Gaidai"); a pronoun
   goes back to the last fitting speaker; "the governor" or "the agency" goes back to the
   speaker introduced with that role or of that kind.

Channel and date come from the words of the speech act only (the reporting verb's own
phrase: "on Facebook on Monday morning"), never from the reported content. Where the
speech act has no date of its own, a claim attributed by pronoun or role ("she added")
continues the same speaker's previous statement (same or previous paragraph); else the
times extractor's ``date_for_span`` dates the reporting verb (its clause, sentence, then
paragraph), unless that date comes from quoted or reported words. A claim whose only date
would be the publication-date default keeps ``date=None``: a default is not evidence.

A pronoun's claim without a channel of its own takes the channel of the sentence that
last named its speaker in the same paragraph ("In his video address, Zelensky thanked ...
“...,” he said").

``speaker_start``/``speaker_end`` point at the words that attribute this claim (possibly
a pronoun or "the agency"); ``speaker`` holds the resolved name. ``claim_stance`` tells
the events extractor whether a claim's speech act denies what it reports.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Token

from frontwire.extract.times import date_for_span
from frontwire.model import Article, Claim, TimeExpr
from frontwire.nlp import doc_text, per_doc

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
TRIM_TAIL = " \t\n,;:"
ISO_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")

#: Dependency relations that start a clause of their own: not part of the speech act.
CLAUSE_DEPS = frozenset(
    {"advcl", "conj", "ccomp", "xcomp", "relcl", "acl", "parataxis", "csubj", "dep", "pcomp"}
)
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "several", "two", "three"})


# --------------------------------------------------------------------------- lexicons


def _load(name: str) -> dict[str, Any]:
    return json.loads(resources.files("frontwire.ontology").joinpath(name).read_text("utf-8"))


@dataclass(frozen=True)
class _Lexicon:
    """The three tables this module reads, loaded once."""

    verbs: dict[str, dict[str, Any]]
    according: frozenset[str]
    channels: list[tuple[tuple[str, ...], str, int]]  # phrase words, label, rank (longest first)
    #: The same phrases keyed by their first word, so a token is checked only against its own.
    channels_by_first: dict[str, list[tuple[tuple[str, ...], str, int]]]
    person_nouns: frozenset[str]
    org_nouns: frozenset[str]
    generic: dict[str, frozenset[str]]
    titles: frozenset[str]
    particles: frozenset[str]
    pronouns: dict[str, list[str]]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    verbs = _load("reporting_verbs.json")
    channels = _load("channels.json")["channels"]
    roles = _load("speaker_roles.json")
    phrases = [
        (tuple(p.split()), c["label"], int(c["rank"])) for c in channels for p in c["phrases"]
    ]
    phrases.sort(key=lambda item: -len(item[0]))
    by_first: dict[str, list[tuple[tuple[str, ...], str, int]]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase[0][0], []).append(phrase)
    return _Lexicon(
        verbs=verbs["verbs"],
        according=frozenset(verbs["according_to"]),
        channels=phrases,
        channels_by_first=by_first,
        person_nouns=frozenset(roles["person"]),
        org_nouns=frozenset(roles["organization"]),
        generic={kind: frozenset(words) for kind, words in roles["generic"].items()},
        titles=frozenset(roles["titles"]),
        particles=frozenset(roles["name_particles"]),
        pronouns=roles["pronouns"],
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


# --------------------------------------------------------------------------- speakers


@dataclass
class _Mention:
    """Who a speech act's subject names, before it is resolved against earlier speakers."""

    start: int
    end: int
    head: Token
    name: str | None = None  # a proper name when the mention has one
    text: str = ""  # the noun phrase without its determiner
    kind: str = "person"  # person | organization
    role: str | None = None
    organization: str | None = None
    pronoun: str | None = None
    indefinite: bool = False  # "a military official" introduces someone new
    antecedent_channel: str | None = None  # "In his video address, X thanked ... he said"


@dataclass
class _Entity:
    """One speaker, whatever names the article gives them."""

    name: str
    kind: str
    proper: bool
    role: str | None = None
    organization: str | None = None
    last_pos: int = 0
    last_para: int = 0
    words: set[str] = field(default_factory=set)
    channel: str | None = None  # the channel of the sentence that last named them
    channel_para: int = -1


def _strip_det(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    return tokens


def _text_of(doc: Doc, tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]


def _np_tokens(head: Token, appositions: bool = True) -> list[Token]:
    """A noun phrase without relative or trailing clauses (and, if asked, appositions)."""
    skip = CLAUSE_DEPS if appositions else CLAUSE_DEPS | {"appos"}
    keep: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        keep.append(tok)
        stack.extend(
            c
            for c in tok.children
            if c.dep_ not in skip and (c.dep_ != "prep" or c.lower_ in ("of", "for"))
        )
    keep.sort(key=lambda t: t.i)
    # keep the contiguous block around the head
    block = [head]
    by_i = {t.i: t for t in keep}
    i = head.i - 1
    while i in by_i:
        block.insert(0, by_i[i])
        i -= 1
    i = head.i + 1
    while i in by_i:
        block.append(by_i[i])
        i += 1
    return block


def _is_name_token(tok: Token, lex: _Lexicon) -> bool:
    if tok.lower_ in lex.particles and tok.dep_ == "compound":
        return True
    return tok.pos_ == "PROPN" and tok.text[:1].isupper()


def _name_runs(tokens: list[Token], lex: _Lexicon) -> list[list[Token]]:
    runs: list[list[Token]] = []
    for tok in tokens:
        if _is_name_token(tok, lex) and tok.text[:1].isalpha():
            if runs and runs[-1][-1].i == tok.i - 1:
                runs[-1].append(tok)
            else:
                runs.append([tok])
    # a run may not start or end with a lower-case particle
    cleaned = []
    for run in runs:
        while run and run[0].lower_ in lex.particles and run[0].text.islower():
            run = run[1:]
        while run and run[-1].lower_ in lex.particles and run[-1].text.islower():
            run = run[:-1]
        if run:
            cleaned.append(run)
    return cleaned


def _is_org_word(tok: Token, lex: _Lexicon) -> bool:
    return tok.lower_ in lex.org_nouns or tok.lemma_.lower() in lex.org_nouns


def _mention_for(subject: Token, lex: _Lexicon) -> _Mention:
    """Read a subject noun phrase the way a reader does: name, role, organisation."""
    doc = subject.doc
    if subject.lower_ in lex.pronouns:
        return _Mention(
            subject.idx,
            subject.idx + len(subject),
            subject,
            text=subject.text,
            pronoun=subject.lower_,
        )
    tokens = _np_tokens(subject)
    runs = _name_runs(tokens, lex)
    name_run: list[Token] | None = None
    for run in runs:
        if subject in run or any(t.dep_ == "appos" for t in run):
            name_run = run
    if name_run is not None:
        # an organisation's name goes on through "of" and "for": General Staff of Ukraine,
        # Institute for the Study of War
        if any(_is_org_word(t, lex) for t in name_run):
            while name_run[-1].i + 2 < len(doc) and doc[name_run[-1].i + 1].lower_ in ("of", "for"):
                end = name_run[-1].i
                gap_ok = {end + 2} | ({end + 3} if doc[end + 2].lower_ == "the" else set())
                rest = [r for r in runs if r[0].i in gap_ok]
                if not rest:
                    break
                name_run = [*name_run, *doc[end + 1 : rest[0][-1].i + 1]]
        # titles written before a person's name belong to the role
        titles = {t.rstrip(".") for t in lex.titles}
        if not any(_is_org_word(t, lex) for t in name_run):
            while len(name_run) > 1 and name_run[0].lower_.rstrip(".") in titles:
                name_run = name_run[1:]
    span_tokens = _strip_det(tokens)
    start = span_tokens[0].idx if span_tokens else subject.idx
    last = span_tokens[-1] if span_tokens else subject
    mention = _Mention(start, last.idx + len(last), subject, text=_text_of(doc, span_tokens))
    mention.indefinite = any(
        c.dep_ == "det" and c.lower_ in INDEFINITE for c in subject.children
    ) or (
        subject.tag_ in ("NNS", "NNPS")
        and not any(c.dep_ in ("det", "poss") for c in subject.children)
    )
    head_lemma = subject.lemma_.lower()
    if name_run is not None:
        name_ids = {t.i for t in name_run}
        mention.name = _text_of(doc, name_run)
        role_tokens = _strip_det([t for t in span_tokens if t.i not in name_ids])
        # a role is words around the name; drop a lone comma-bound appositive remnant
        role_tokens = [t for t in role_tokens if not (t.is_punct and t.text in ",")]
        mention.role = _text_of(doc, role_tokens) if role_tokens else None
        if any(_is_org_word(t, lex) for t in name_run):
            mention.kind = "organization"
        elif any(t.ent_type_ == "PERSON" for t in name_run) or any(
            t.lower_ in lex.person_nouns or t.lower_ in lex.titles for t in role_tokens
        ):
            mention.kind = "person"
        elif any(t.ent_type_ in ("ORG", "NORP", "GPE") for t in name_run):
            mention.kind = "organization"
        mention.organization = _organization_in(role_tokens, lex)
    else:
        if head_lemma in lex.org_nouns or subject.lower_ in lex.org_nouns:
            mention.kind = "organization"
        elif head_lemma in lex.person_nouns:
            mention.kind = "person"
        else:
            mention.kind = "organization" if subject.pos_ == "PROPN" else "person"
        if mention.kind == "person":  # an organisation needs no organisation of its own
            others = [t for t in span_tokens if t.i != subject.i]
            mention.organization = _organization_in(others, lex)
    return mention


def _organization_in(role_tokens: list[Token], lex: _Lexicon) -> str | None:
    """The organisation a role belongs to: "commander of the Ukrainian army" -> Ukrainian army."""
    if not role_tokens:
        return None
    doc = role_tokens[0].doc
    for tok in role_tokens:
        if tok.lower_ in ("of", "for"):
            obj = [c for c in tok.children if c.dep_ == "pobj"]
            if obj and (_is_org_word(obj[0], lex) or obj[0].ent_type_ == "ORG"):
                return _text_of(doc, _strip_det(_np_tokens(obj[0], appositions=False))) or None
    org_idx = [i for i, t in enumerate(role_tokens) if _is_org_word(t, lex)]
    if org_idx and not any(t.lower_ == "of" for t in role_tokens[: org_idx[-1]]):
        return _text_of(doc, _strip_det(role_tokens[: org_idx[-1] + 1])) or None
    return None


class _Discourse:
    """The speakers met so far, in reading order; resolves each new mention."""

    def __init__(self, lex: _Lexicon) -> None:
        self.lex = lex
        self.entities: list[_Entity] = []

    def _touch(self, ent: _Entity, pos: int, para: int) -> _Entity:
        ent.last_pos, ent.last_para = pos, para
        return ent

    def _same_named(self, mention: _Mention) -> _Entity | None:
        assert mention.name is not None
        words = [w.lower() for w in mention.name.split()]
        for ent in reversed(self.entities):
            if not ent.proper:
                continue
            ent_words = [w.lower() for w in ent.name.split()]
            if ent.name.lower() == mention.name.lower():
                return ent
            if mention.kind == "person" or ent.kind == "person":
                if words[-1] == ent_words[-1]:
                    return ent
            elif _contains(ent_words, words) or _contains(words, ent_words):
                return ent
        return None

    def resolve(self, mention: _Mention, para: int) -> _Entity | None:
        pos = mention.start
        if mention.pronoun is not None:
            return self._pronoun(mention.pronoun, pos, para)
        if mention.name is not None:
            ent = self._same_named(mention)
            if ent is None:
                ent = _Entity(mention.name, mention.kind, proper=True)
                self.entities.append(ent)
            elif len(mention.name) > len(ent.name) or not ent.proper:
                ent.name = mention.name
            ent.role = ent.role or mention.role
            ent.organization = ent.organization or self._organization(mention.organization)
            ent.words |= _content_words(mention.role or "")
            return self._touch(ent, pos, para)
        ent = None if mention.indefinite else self._back_reference(mention)
        if ent is None:
            ent = _Entity(mention.text or mention.head.text, mention.kind, proper=False)
            ent.organization = self._organization(mention.organization)
            ent.words |= _content_words(mention.text)
            self.entities.append(ent)
        return self._touch(ent, pos, para)

    def _organization(self, name: str | None) -> str | None:
        """ "spokesman for the group": the group is the organisation last met of that kind."""
        words = _content_words(name or "")
        if len(words) != 1 or not words & self.lex.org_nouns:
            return name
        generic = self.lex.generic["organization"]
        for ent in sorted(self.entities, key=lambda e: -e.last_pos):
            if ent.kind == "organization" and (
                words <= ent.words | _content_words(ent.name) or words & generic
            ):
                return ent.name
        return name

    def _back_reference(self, mention: _Mention) -> _Entity | None:
        """'the governor', 'the agency', 'the human rights organization' -> an earlier speaker."""
        head = mention.head.lemma_.lower()
        words = _content_words(mention.text)
        for ent in sorted(self.entities, key=lambda e: -e.last_pos):
            if words and words <= ent.words | _content_words(ent.name):
                return ent
        generic = self.lex.generic.get(mention.kind, frozenset())
        if head in generic or mention.head.lower_ in generic:
            for ent in sorted(self.entities, key=lambda e: -e.last_pos):
                if ent.kind == mention.kind:
                    return ent
                if mention.kind == "organization" and ent.organization:
                    # "the agency" after the ICRC's spokeswoman: the spokeswoman's employer
                    org = _Entity(ent.organization, "organization", proper=True)
                    org.words |= _content_words(ent.organization)
                    self.entities.append(org)
                    return org
        return None

    def _pronoun(self, pronoun: str, pos: int, para: int) -> _Entity | None:
        kinds = self.lex.pronouns[pronoun]
        recent = sorted(self.entities, key=lambda e: -e.last_pos)
        # the preferred kind if it was met in this or the previous paragraph
        for ent in recent:
            if ent.kind == kinds[0] and para - ent.last_para <= 1:
                return self._touch(ent, pos, para)
        for ent in recent:
            if ent.kind in kinds:
                return self._touch(ent, pos, para)
        return None


def _content_words(text: str) -> set[str]:
    """Lower-case words that tell one speaker from another ("russia", "defence", "ministry")."""
    return set(re.findall(r"\w+", text.lower())) - {"s", "the", "of", "a", "an", "for"}


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


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
            subject = subjects[0]
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
    return _Act(verb, entry, chain, None)


DASHES = frozenset({"-", "–", "—", "--"})


def _real_subject(subject: Token, verb: Token, lex: _Lexicon) -> Token:
    """Undo two common misreadings of a speaker.

    - A wire dateline ("KYIV, March 3 (Reuters) - The ministry said") parsed as the
      subject: the speaker is the phrase after the dash.
    - A channel as subject ("A statement from the regional administration said"): the
      speaker is whoever the statement is from.
    """
    doc = subject.doc
    dashes = [t for t in doc[subject.i + 1 : verb.i] if t.text in DASHES]
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
    if not text[before_lo : quote.open_mark].strip() and lead_in.endswith(":"):
        # "Gaidai wrote on Telegram:" closing the sentence or paragraph before the quote
        colon = doc.char_span(len(lead_in) - 1, len(lead_in), alignment_mode="expand")
        if colon is not None and (prev_close is None or prev_close < colon.start_char):
            before_lo = colon[0].sent.start_char
    windows = [(before_lo, quote.open_mark)]
    if quote.close_mark is not None:
        close_tok = doc.char_span(quote.close_mark, quote.close_mark + 1, alignment_mode="expand")
        sent_end = close_tok[0].sent.end_char if close_tok is not None else pe
        nxt = quotes[k + 1].open_mark if k + 1 < len(quotes) else len(text)
        end_para = next((e for s, e in para_bounds if s <= quote.close_mark < e), pe)
        windows.append((quote.close_mark + 1, min(sent_end, nxt, end_para)))
    first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    first_tok = first[0] if first is not None else None
    candidates: list[tuple[int, int, _Act]] = []
    for lo, hi in windows:
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
            governs = first_tok is not None and tok.is_ancestor(first_tok)
            distance = min(abs(tok.idx - quote.open_mark), abs(tok.idx - (quote.close_mark or 0)))
            size = len(list(tok.subtree)) if governs else 10**6
            candidates.append((size, distance, act))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (c[0], c[1]))
    return candidates[0][2]


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
    drafts = []
    for tok in doc:
        if in_quote[tok.i] or tok.i in used:
            continue
        act = _act_for(tok, lex, in_quote)
        if act is None or act.subject is None:
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            continue
        if act.entry.get("content") == [] and tok.lower_ in lex.according:
            phrase = {s.i for s in tok.subtree}
            content_tokens = [t for t in tok.head.subtree if t.i not in phrase]
        else:
            content_tokens = [t for c in _content_children(tok, act.entry) for t in c.subtree]
            content_tokens += _misparsed_participle_content(tok, act.entry)
            nested = {
                t.i
                for c in content_tokens
                if c.i != tok.i and c.dep_ in CLAUSE_DEPS and _verb_entry(c, lex) is not None
                for t in c.subtree
            }
            content_tokens = [t for t in content_tokens if t.i not in nested]
            while content_tokens and content_tokens[-1].dep_ in ("cc", "mark", "punct"):
                content_tokens = content_tokens[:-1]
        content_tokens = [t for t in content_tokens if not t.is_space]
        while content_tokens and (content_tokens[0].dep_ == "mark" or content_tokens[0].is_punct):
            content_tokens = content_tokens[1:]
        while content_tokens and content_tokens[-1].is_punct:
            content_tokens = content_tokens[:-1]
        if len(content_tokens) < 2:
            continue
        start = content_tokens[0].idx
        end = content_tokens[-1].idx + len(content_tokens[-1].text)
        if any(q.open_mark < end and start <= (q.close_mark or q.end) for q in quotes):
            continue
        drafts.append(_Draft(start, end, "indirect", act))
    return drafts


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
    quotes = find_quotes(text)
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
    for tok in doc:
        if tok.dep_ != "nsubj" or tok.pos_ not in ("PROPN", "NOUN"):
            continue
        if in_quote[tok.i] or tok.i in attributed:
            continue
        other = _mention_for(tok, lex)
        if other.name is not None and other.kind == "person":
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

    # quotes without attribution: a repeated quote, or a quote going on from the last one
    drafts.sort(key=lambda d: d.start)
    kept: list[_Draft] = []
    for d in drafts:
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
                d.entity, d.same_as, d.act = same.entity, same, None
            elif (
                prev is not None
                and prev.quote is not None
                and prev.entity is not None
                and d.kind == "direct"
                and d.para - prev.para <= 1
            ):
                d.entity, d.act = prev.entity, prev.act
            elif len(_norm(text[d.start : d.end]).split()) < 4:
                continue  # a scare quote or a title, not a claim
        kept.append(d)

    _settle_channels_and_dates(kept, doc, in_quote, times, bounds, lex, article.published)
    return [_to_claim(article, n, d, text) for n, d in enumerate(kept, start=1)]


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
