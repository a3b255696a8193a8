"""Fatalities and injuries in an event's words, with ACLED's rules for vague counts.

Why: ACLED's ``fatalities`` is one integer, but reports say "three", "dozens",
"more than 20", "killed two soldiers and injured five others" or "no casualties". We keep
what the text says (the words, low/high bounds, injured apart from killed) next to the
integer, and apply the codebook's conventions: tens = 10, dozens = 12, hundreds = 100,
the most conservative figure when reports differ, 0 when no death is reported.
Tables: ``ontology/number_words.json`` and ``ontology/casualty_terms.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from frontwire.extract.context import doc_text
from frontwire.ontology.tables import load_table

DIGITS = re.compile(r"^\d{1,3}(?:[,.]\d{3})*$|^\d+$")


@dataclass
class Casualties:
    """What the text says about the dead and the hurt of one event."""

    fatalities: int  # ACLED integer (0 when none reported)
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    injured: int | None = None
    text: str | None = None  # the words, e.g. "hundreds of civilians"
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Quantity:
    """A count read from words: the ACLED value, its bounds and where it was written."""

    value: int
    low: int | None
    high: int | None
    start: int  # token index of the first word of the count
    end: int


@dataclass(frozen=True)
class Terms:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    vague: dict[str, dict[str, int | None]]
    qualifiers: dict[str, str]
    killed_verbs: frozenset[str]
    killed_adjectives: frozenset[str]
    killed_nouns: frozenset[str]
    institution_body_words: frozenset[str]
    injured_verbs: frozenset[str]
    injured_adjectives: frozenset[str]
    injured_nouns: frozenset[str]
    zero_phrases: tuple[str, ...]
    unknown_phrases: tuple[str, ...]
    cumulative: dict[str, Any]


@lru_cache(maxsize=1)
def terms() -> Terms:
    """Number words and casualty words, read once."""
    numbers = load_table("number_words.json", required=("units", "tens", "scales", "vague"))
    words = load_table("casualty_terms.json", required=("killed_verbs", "injured_verbs"))
    return Terms(
        units=numbers["units"],
        tens=numbers["tens"],
        scales=numbers["scales"],
        vague=numbers["vague"],
        qualifiers=numbers["qualifiers"],
        killed_verbs=frozenset(words["killed_verbs"]),
        killed_adjectives=frozenset(words["killed_adjectives"]),
        killed_nouns=frozenset(words["killed_nouns"]),
        institution_body_words=frozenset(words.get("institution_body_words", [])),
        injured_verbs=frozenset(words["injured_verbs"]),
        injured_adjectives=frozenset(words["injured_adjectives"]),
        injured_nouns=frozenset(words["injured_nouns"]),
        zero_phrases=tuple(p.lower() for p in words["zero_phrases"]),
        unknown_phrases=tuple(p.lower() for p in words["unknown_phrases"]),
        cumulative=words["cumulative"],
    )


# ---------------------------------------------------------------------------------------
# Numbers


def parse_number(words: list[str]) -> int | None:
    """Digits or number words ("twenty-five", "1,200", "two hundred") to an int."""
    t = terms()
    if not words:
        return None
    if len(words) == 1 and DIGITS.match(words[0]):
        return int(re.sub(r"[,.]", "", words[0]))
    total = 0
    current = 0
    seen = False
    for raw in words:
        word = raw.lower()
        parts = word.split("-") if "-" in word else [word]
        for part in parts:
            if DIGITS.match(part):
                current += int(re.sub(r"[,.]", "", part))
            elif part in t.units and part not in ("a", "an", "no", "both"):
                current += t.units[part]
            elif part in t.tens:
                current += t.tens[part]
            elif part in t.scales:
                current = max(current, 1) * t.scales[part]
                if t.scales[part] >= 1000:
                    total += current
                    current = 0
            elif part == "and" and seen:
                continue
            else:
                return None
            seen = True
    return total + current if seen else None


def quantity_before(doc: Doc, noun: Token, floor: int) -> Quantity | None:
    """The count written in front of a noun: "three soldiers", "more than 20 people",
    "dozens of civilians", "a man" (one). ``floor`` stops the search at a clause start."""
    t = terms()
    # "hundreds of civilians": the count is the head of "of", which heads the noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.i < noun.i:
        head = noun.head.head
        found = _quantity_at(doc, head.i, floor, t)
        if found:
            return found
    for child in noun.children:
        if child.dep_ in ("nummod", "quantmod") or child.like_num:
            found = _quantity_at(doc, child.i, floor, t)
            if found:
                return found
        if child.dep_ == "amod" and child.lower_ in t.vague:
            v = t.vague[child.lower_]
            return Quantity(int(v["value"] or 0), v["low"], v["high"], child.i, child.i + 1)
    if any(noun.lower_ in phrase.split() for phrase in t.vague):
        found = _quantity_at(doc, noun.i, floor, t)
        if found:
            return found
    for child in noun.children:
        if child.dep_ == "det" and child.lower_ in ("a", "an", "one", "another"):
            return Quantity(1, 1, 1, child.i, child.i + 1)
        if child.dep_ == "det" and child.lower_ in ("no",):
            return Quantity(0, 0, 0, child.i, child.i + 1)
    if noun.like_num:
        return _quantity_at(doc, noun.i, floor, t)
    if noun.lower_ in t.vague:
        return _quantity_at(doc, noun.i, floor, t)
    return None


def _quantity_at(doc: Doc, i: int, floor: int, t: Terms) -> Quantity | None:
    """Read the number phrase that ends at (or contains) token i, with its qualifiers."""
    # vague words: "dozens", "hundreds of", "several", "an unknown number of"
    for phrase, v in sorted(t.vague.items(), key=lambda kv: -len(kv[0].split())):
        n = len(phrase.split())
        for start in range(max(floor, i - n + 1), i + 1):
            words = [tok.lower_ for tok in doc[start : start + n]]
            if " ".join(words) == phrase and start <= i < start + n:
                low, high = v["low"], v["high"]
                return Quantity(int(v["value"] or 0), low, high, start, start + n)
    start = i
    end = i + 1
    while start - 1 >= floor and (
        _numeric(doc[start - 1], t) or _hyphen_between(doc, start - 1, floor, t)
    ):
        start -= 1
    while end < len(doc) and (_numeric(doc[end], t) or _hyphen_between(doc, end, floor, t)):
        end += 1
    while start < i and doc[start].lower_ in ("and", "-"):
        start += 1
    value = parse_number([tok.text for tok in doc[start:end] if tok.lower_ not in ("and", "-")])
    if value is None:
        return None
    low = high = value
    qual_start = start
    for phrase, kind in t.qualifiers.items():
        n = len(phrase.split())
        if start - n >= floor and " ".join(tok.lower_ for tok in doc[start - n : start]) == phrase:
            qual_start = start - n
            if kind == "low":
                high = None
            elif kind == "low_exclusive":
                low, high = value + 1, None
            elif kind == "high":
                low = None
            elif kind == "high_exclusive":
                low, high = None, value - 1
            else:
                low = high = None
            break
    # ACLED codes the conservative figure: "more than 20" is 20, "up to 30" is 30 (the
    # only figure given); ranges "20-30" and "20 to 30" take the lower bound.
    return Quantity(value, low, high, qual_start, end)


def _hyphen_between(doc: Doc, i: int, floor: int, t: Terms) -> bool:
    """ "Twenty-five" is tokenised as three tokens: the hyphen joins two number words."""
    return (
        doc[i].text == "-"
        and i - 1 >= floor
        and i + 1 < len(doc)
        and _numeric(doc[i - 1], t)
        and _numeric(doc[i + 1], t)
    )


def _numeric(tok: Token, t: Terms) -> bool:
    word = tok.lower_
    if DIGITS.match(word):
        return True
    parts = word.split("-")
    return all(p in t.tens or p in t.scales or (p in t.units and len(p) > 2) for p in parts) or (
        word == "and"
    )


# ---------------------------------------------------------------------------------------
# Casualty statements


def casualties_for_span(doc: Doc, start: int, end: int) -> Casualties:
    """Killed and injured counts stated in the sentences overlapping [start, end)."""
    sents = [s for s in doc.sents if s.end_char > start and s.start_char < end]
    if not sents:
        return Casualties(fatalities=0)
    return casualties_in(sents)


def follow_on(sents: list[Span], limit: int = 2) -> list[Span]:
    """The sentences right after an event's own that report its toll ("Three officers
    died. 3 fatalities."), within the paragraph and before another dated report."""
    if not sents:
        return []
    t = terms()
    doc = sents[-1].doc
    found: list[Span] = []
    i = sents[-1].end
    while i < len(doc) and len(found) < limit:
        nxt = doc[i].sent
        if "\n" in doc_text(doc)[doc[i - 1].idx : nxt.start_char] or _opens_new_report(nxt):
            break
        if any(_casualty_kind(tok, t) or tok.lower_ in ("fatalities", "fatality") for tok in nxt):
            found.append(nxt)
        i = nxt.end
    return found


def _opens_new_report(sent: Span) -> bool:
    """ "On 9 May, ..." or "Separately, ...": a sentence that starts another event."""
    first = sent[0].lower_
    return first in ("separately", "meanwhile", "elsewhere", "also") or (
        first in ("on", "around") and any(tok.ent_type_ == "DATE" for tok in sent[1:4])
    )


def casualties_in(sents: list[Span]) -> Casualties:
    """Combine the statements of several sentences the way an ACLED coder would.

    Explicit tallies ("3 fatalities") win; otherwise counts joined in one clause add up
    ("killed two soldiers and three civilians" = 5) and repeated statements of the same
    deaths are not added (the largest single statement is kept).
    """
    t = terms()
    sents = [*sents, *[s for s in follow_on(sents) if s not in sents]]
    killed: list[tuple[Quantity, Token]] = []
    tallies: list[tuple[Quantity, Token]] = []
    injured: list[Quantity] = []
    zero = False
    for sent in sents:
        low = sent.text.lower()
        if any(p in low for p in t.zero_phrases):
            zero = True
        for tok in sent:
            lemma = tok.lemma_.lower()
            word = tok.lower_
            if lemma in ("fatality",) or word in ("fatalities", "fatality"):
                q = quantity_before(sent.doc, tok, sent.start) or _coded_as(tok, t)
                if q is not None:
                    tallies.append((q, tok))
                continue
            kind = _casualty_kind(tok, t)
            if kind is None or cumulative_statement(_statement_of(tok)):
                continue  # "has killed thousands since 2014" is background, not this event
            for q, counted in _counts_for(tok, sent, t):
                if kind == "killed":
                    killed.append((q, counted))
                else:
                    injured.append(q)
    if tallies:
        best_q, best_tok = min(tallies, key=lambda item: item[0].value)
        chosen = [(best_q, best_tok)]
    else:
        chosen = _combine(killed)
    injured_total = max((q.value for q in injured), default=None)
    if not chosen:
        return Casualties(fatalities=0, fatalities_low=0 if zero else None, injured=injured_total)
    value = sum(q.value for q, _ in chosen)
    doc = chosen[0][1].doc
    first = min(min(q.start, tok.i) for q, tok in chosen)
    last = max(max(q.end, tok.i + 1) for q, tok in chosen)
    span = doc[first:last]
    lows = [q.low for q, _ in chosen]
    highs = [q.high for q, _ in chosen]
    return Casualties(
        fatalities=value,
        fatalities_low=sum(lows) if None not in lows else None,  # type: ignore[arg-type]
        fatalities_high=sum(highs) if None not in highs else None,  # type: ignore[arg-type]
        injured=injured_total,
        text=span.text,
        start=span.start_char,
        end=span.end_char,
    )


def _is_year(tok: Token) -> bool:
    return (
        tok.like_num and len(tok.text) == 4 and tok.text.isdigit() and 1900 <= int(tok.text) <= 2100
    )


def _long_span(tok: Token, cum: dict[str, Any]) -> bool:
    """ "since 2014", "over the years", "this year", "since the start of the war"."""
    lemma = tok.lemma_.lower()
    if _is_year(tok):
        return tok.head.lower_ in cum["year_links"]
    if lemma not in cum["span_words"]:
        return False
    links = cum["span_links"]
    return tok.head.lower_ in links or any(c.lower_ in links for c in tok.children)


def cumulative_statement(verb: Token) -> bool:
    """True for a statement about a long stretch of time, told in the perfect: "the ADF
    has killed thousands of civilians" (a mass toll; "thousands had marched" is a crowd),
    "the conflict has displaced 2 million people", "they have been fighting since 2012".

    Such lines are a report's background: their tolls are no event's fatalities and
    their verbs no new event. A perfect with a short span ("have been fighting since
    Monday", "has killed 12 people") still reports the event.
    """
    if not any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" for c in verb.children):
        return False
    t = terms()
    cum = t.cumulative
    lemma = verb.lemma_.lower()
    tolls = lemma in t.killed_verbs or lemma in t.injured_verbs or lemma in cum["toll_verbs"]
    # "officials said hundreds had been killed" shifts one event's toll into the past
    # perfect; a mass toll is background only in the present perfect
    tolls = tolls and any(c.tag_ in ("VBZ", "VBP") for c in verb.children if c.dep_ == "aux")
    for child in verb.children:
        if child.dep_ in ("relcl", "ccomp", "parataxis", "csubj", "conj", "cc", "punct"):
            continue
        if (
            child.dep_ in ("nsubj", "nsubjpass")
            and child.lemma_.lower() in cum["background_subjects"]
        ):
            return True
        for tok in child.subtree:
            if (
                tolls
                and child.dep_ in ("dobj", "nsubjpass")
                and (
                    tok.lower_ in cum["mass_counts"]
                    or (
                        DIGITS.match(tok.text)
                        and not _is_year(tok)
                        and (parse_number([tok.text]) or 0) >= cum["mass_number_min"]
                    )
                )
            ):
                return True
            if _long_span(tok, cum):
                return True
    return False


def _combine(killed: list[tuple[Quantity, Token]]) -> list[tuple[Quantity, Token]]:
    """Add counts of one statement, keep the largest statement among repeats."""
    groups: dict[int, list[tuple[Quantity, Token]]] = {}
    for q, tok in killed:
        groups.setdefault(_statement_of(tok).i, []).append((q, tok))
    best: list[tuple[Quantity, Token]] = []
    best_value = -1
    for items in groups.values():
        unique = {(q.start, q.end): (q, tok) for q, tok in items}
        value = sum(q.value for q, _ in unique.values())
        if value > best_value:
            best, best_value = list(unique.values()), value
    return best


def _statement_of(tok: Token) -> Token:
    """The verb that carries a casualty statement (its clause root)."""
    node = tok
    while node.dep_ not in ("ROOT",) and node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _to_death(tok: Token) -> bool:
    """ "shot dead", "stabbed to death", "beaten to death": the verb kills."""
    for child in tok.children:
        if child.lower_ == "dead" and child.dep_ in ("oprd", "acomp", "advmod", "xcomp", "dobj"):
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ == "to"
            and any(g.lower_ == "death" for g in child.children)
        ):
            return True
    return False


def _casualty_kind(tok: Token, t: Terms) -> str | None:
    lemma = tok.lemma_.lower()
    word = tok.lower_
    if tok.pos_ in ("VERB", "AUX") and _to_death(tok):
        return "killed"
    if word == "dead" and tok.head.pos_ == "VERB" and _to_death(tok.head):
        return None  # counted with its verb
    if tok.pos_ == "VERB" or tok.tag_ in ("VBN", "VBD", "VBG"):
        if lemma in t.killed_verbs or word in t.killed_adjectives:
            return "killed"
        if lemma in t.injured_verbs or word in t.injured_adjectives:
            return "injured"
    if tok.pos_ == "ADJ":
        if word in t.killed_adjectives:
            return "killed"
        if word in t.injured_adjectives:
            return "injured"
    if tok.pos_ in ("NOUN", "PROPN"):
        if lemma == "body" and any(c.lower_ in t.institution_body_words for c in tok.children):
            return None  # "one of its key bodies": an institution
        if word in ("deaths", "death", "dead", "bodies", "body") or lemma in ("death", "body"):
            return "killed"
        if word in ("injuries", "injured", "wounded", "casualties") or lemma == "injury":
            return "injured"
    return None


def _counts_for(tok: Token, sent: Span, t: Terms) -> list[tuple[Quantity, Token]]:
    """Who the casualty word is about, and how many: object, subject or own count."""
    doc = sent.doc
    floor = sent.start
    word = tok.lower_
    lemma = tok.lemma_.lower()
    found: list[tuple[Quantity, Token]] = []
    # nouns: "12 deaths", "the bodies of three men", "the death toll rose to 20"
    if tok.pos_ in ("NOUN", "PROPN") and word not in ("dead", "injured", "wounded"):
        if lemma == "death" and any(
            c.dep_ == "compound" and c.lower_ == "toll" for c in tok.children
        ):
            return found
        q = quantity_before(doc, tok, floor)
        if q is not None and q.value > 0:
            found.append((q, tok))
            return found
        if lemma == "body":
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    inner = _pobj(child)
                    if inner is not None:
                        q = quantity_before(doc, inner, floor)
                        if q is not None:
                            found.append((q, inner))
        if (lemma in ("death",) and tok.head.lemma_ == "toll") or word == "toll":
            return _toll(tok, t)
        return found
    if word == "toll" or (tok.head.lower_ == "toll" and word == "death"):
        return _toll(tok, t)
    # "killing 3", "killed two soldiers and injured five others"
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    # "killed and injured hundreds of civilians": the shared object sits on the conjunct
    if not objects:
        for conj in tok.children:
            if conj.dep_ == "conj":
                objects += [c for c in conj.children if c.dep_ == "dobj"]
    if not objects and tok.dep_ == "conj":
        objects += [c for c in tok.head.children if c.dep_ in ("dobj", "nsubjpass")]
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    targets = objects or []
    if lemma in ("die", "perish", "succumb") or word in ("dead", "wounded", "injured", "hurt"):
        targets = subjects or targets
        if not targets and tok.dep_ in ("acomp", "oprd", "xcomp", "advcl", "amod", "conj"):
            head = tok.head
            # "left 12 dead" / "shot and wounded a man": the object, else the subject
            targets = [c for c in head.children if c.dep_ in ("nsubjpass", "dobj")] or [
                c for c in head.children if c.dep_ == "nsubj"
            ]
            if tok.dep_ == "amod":
                targets = [head]
    elif (
        not objects
        and tok.tag_ == "VBN"
        and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
    ):
        targets = subjects  # headline style: "Two soldiers killed, one from each side"
    if not targets and tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
        targets = [tok.head]  # "three soldiers killed in the attack"
    if not targets and tok.dep_ == "conj":
        targets = [c for c in tok.head.children if c.dep_ in ("nsubjpass", "nsubj")]
    # "the attacks killed 3" / "2 children were killed"
    for target in targets:
        members = [target, *[c for c in target.conjuncts if c.i > target.i]]
        for member in members:
            q = quantity_before(doc, member, floor)
            if q is None and member.like_num:
                q = _quantity_at(doc, member.i, floor, t)
            if member.lemma_ in ("body", "corpse", "remains"):
                inner = next(
                    (_pobj(c) for c in member.children if c.dep_ == "prep" and c.lower_ == "of"),
                    None,
                )
                if inner is not None:
                    member = inner
                    q = quantity_before(doc, member, floor)
            determined = any(c.dep_ in ("det", "poss", "compound") for c in member.children)
            if (
                q is None
                and member.tag_ in ("NN", "NNP")
                and (determined or member.tag_ == "NNP")
                and member.lemma_ not in ("toll", "number")
            ):
                # "the driver was shot dead", "a man was killed": one person
                q = Quantity(1, 1, 1, member.i, member.i + 1)
            if q is not None and member.pos_ != "PRON":
                found.append((q, member))
            elif member.lower_ in ("he", "she", "him", "her"):
                found.append((Quantity(1, 1, 1, member.i, member.i + 1), member))
    return found


def _coded_as(tok: Token, t: Terms) -> Quantity | None:
    """A coder's tally after the noun: "Fatalities coded as 0", "fatalities: 3"."""
    doc = tok.doc
    words = [w.lower_ for w in doc[tok.i + 1 : tok.i + 4]]
    if words[:2] == ["coded", "as"] and tok.i + 3 < len(doc):
        return _quantity_at(doc, tok.i + 3, tok.i + 3, t)
    if words[:1] == [":"] and tok.i + 2 < len(doc):
        return _quantity_at(doc, tok.i + 2, tok.i + 2, t)
    return None


def _toll(tok: Token, t: Terms) -> list[tuple[Quantity, Token]]:
    """ "the death toll rose to 20", "a death toll of 12", "the toll stands at 7"."""
    doc = tok.doc
    sent = tok.sent
    for later in doc[tok.i + 1 : sent.end]:
        if later.like_num or later.lower_ in t.vague:
            q = _quantity_at(doc, later.i, tok.i + 1, t)
            if q is not None:
                return [(q, later)]
    return []


def _pobj(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ == "pobj":
            return child
    return None
