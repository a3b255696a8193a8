"""Is this a specific, real, recent event the article reports? A learned judgement.

On real news most candidate events were not events at all: history ("the Holodomor killed
millions"), running totals ("killing 1,000 troops every day"), generic statements,
threats of what might happen, figures of speech and boilerplate. Which of these a sentence
is depends on wording that rules chase one phrase at a time, so a small linear model,
trained on hand-labelled sentences of real news (``training/train_relevance.py``, data card
``relevance_model.md``), reads the sentence of each candidate event and says one of
``event``, ``background``, ``total`` or ``not``. Its inputs are words and word pairs, the
cue groups of ``ontology/relevance_cues.json``, years and the gap between the event's date
and the publication date, and the type the rules gave the event.

The model is plain JSON scored without scikit-learn (microseconds per sentence).
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

from spacy.tokens import Doc, Span

from frontwire.extract.config import extract_config
from frontwire.extract.events.build import LINKED_DATE_TAG
from frontwire.extract.events.clues import _terms_in
from frontwire.extract.events.tables import lexicon
from frontwire.model import Article, Claim, Event
from frontwire.ontology.acled import load_json
from frontwire.ontology.tables import has_table, load_table

LABELS = ("event", "background", "total", "not")
MODEL_FILE = "relevance_model.json"

_WORD = re.compile(r"[a-z][a-z'’-]*|\d+")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_QUOTE_OPEN = re.compile(r"^\s*[\"“‘'\-–—]")


@dataclass(frozen=True)
class Verdict:
    """The model's label for one sentence and the probability of each label."""

    label: str
    probabilities: dict[str, float]

    @property
    def p_not_news(self) -> float:
        return self.probabilities.get("not", 0.0) + self.probabilities.get("total", 0.0)


class RelevanceJudge(Protocol):
    """Anything that can say whether a candidate event's sentence reports a real event."""

    def judge(self, features: dict[str, float]) -> Verdict: ...


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    groups = load_json("relevance_cues.json")["groups"]
    return tuple(
        (name, re.compile(r"\b(?:" + "|".join(map(re.escape, phrases)) + r")\b"))
        for name, phrases in groups.items()
    )


def _gap_bucket(days: int) -> str:
    if days < 0:
        return "future"
    if days <= 2:
        return "0-2"
    if days <= 30:
        return "3-30"
    if days <= 365:
        return "31-365"
    return "365+"


def _year_bucket(gap: int) -> str:
    if gap < 0:
        return "future"
    if gap == 0:
        return "same"
    if gap == 1:
        return "1"
    return "2-5" if gap <= 5 else "6+"


#: How much text before the sentence the model reads for context ("the Battle of
#: Stalingrad ... Over a million people perished in the battle").
CONTEXT_CHARS = 250


def sentence_features(
    sentence: str,
    published: date | None = None,
    event_date: str | None = None,
    event_kind: str | None = None,
    before: str = "",
) -> dict[str, float]:
    """The model's inputs for one candidate: the same function at training and run time.

    ``before`` is the text just before the sentence (at most ``CONTEXT_CHARS``); its years
    and cue groups are features of their own ("ctx:").
    """
    lower = sentence.lower()
    words = [("0" if w.isdigit() else w) for w in _WORD.findall(lower)]
    features: dict[str, float] = {f"w:{w}": 1.0 for w in words}
    features.update({f"b:{a}_{b}": 1.0 for a, b in itertools.pairwise(words)})
    for name, pattern in _cue_patterns():
        hits = len(pattern.findall(lower))
        if hits:
            features[f"cue:{name}"] = float(min(hits, 3))
    if published is not None:
        for year in _YEAR.findall(sentence):
            features[f"year:{_year_bucket(published.year - int(year))}"] = 1.0
        if event_date:
            try:
                when = date.fromisoformat(event_date[:10])
            except ValueError:
                when = None
            if when is not None:
                features[f"gap:{_gap_bucket((published - when).days)}"] = 1.0
    context = before[-CONTEXT_CHARS:].lower()
    for name, pattern in _cue_patterns():
        if name in ("history", "future", "rate", "generic") and pattern.search(context):
            features[f"ctx:{name}"] = 1.0
    if published is not None:
        for year in _YEAR.findall(context):
            features[f"ctx_year:{_year_bucket(published.year - int(year))}"] = 1.0
    features[f"kind:{event_kind or 'none'}"] = 1.0
    if _QUOTE_OPEN.match(sentence):
        features["quoted"] = 1.0
    features[f"len:{min(len(words) // 10, 5)}"] = 1.0
    return features


class LinearRelevanceModel:
    """Multinomial logistic regression over binary features, read from JSON."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.classes: list[str] = spec["classes"]
        self.intercept: list[float] = spec["intercept"]
        self.weights: dict[str, list[float]] = spec["weights"]
        self.thresholds: dict[str, float] = spec.get("thresholds", {})

    def judge(self, features: dict[str, float]) -> Verdict:
        scores = list(self.intercept)
        for name, value in features.items():
            row = self.weights.get(name)
            if row is None:
                continue
            for index, weight in enumerate(row):
                scores[index] += weight * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        probabilities = {c: e / total for c, e in zip(self.classes, exps, strict=True)}
        label = max(probabilities, key=probabilities.__getitem__)
        return Verdict(label=label, probabilities=probabilities)


@lru_cache(maxsize=1)
def relevance_model() -> LinearRelevanceModel | None:
    """The shipped model, or None when the package was built without it."""
    if not has_table(MODEL_FILE):
        return None
    return LinearRelevanceModel(load_table(MODEL_FILE))


FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _sentence_at(doc: Doc, offset: int) -> Span | None:
    token = next((t for t in doc if t.idx <= offset < t.idx + max(len(t), 1)), None)
    return token.sent if token is not None else None


def is_clause(sentence: Span) -> bool:
    """A sentence with a finite verb: the prose the model was trained on.

    Captions, headlines and notes without one ("Aftermath of strike on Kharkiv
    substation") are outside what the model has seen, so it does not judge them.
    """
    return any(token.tag_ in FINITE_VERB_TAGS for token in sentence)


def _days_before(article: Article, event: Event) -> int | None:
    if article.published is None or not event.event_date:
        return None
    try:
        return (article.published - date.fromisoformat(event.event_date[:10])).days
    except ValueError:
        return None


def _dated_recent(event: Event) -> bool:
    """The event is dated by counting from the article's news ("one week after Tuesday's
    blasts"), so it is recent, whatever the model reads as recollection in "come a week
    after". (A date taken from elsewhere in the paragraph says nothing of the sort.)"""
    return LINKED_DATE_TAG in event.tags


def recalled_in_clause(doc: Doc, offset: int, published: date | None) -> bool:
    """The trigger sits in a clause describing a past named event: "the Battle of
    Stalingrad, which saw the Soviet army capture 91,000 troops", "the 2014 annexation,
    when troops seized ...". The sentence may report news; that clause does not."""
    token = next((t for t in doc if t.idx <= offset < t.idx + max(len(t), 1)), None)
    history = dict(_cue_patterns())["history"]
    node = token
    for _ in range(6):
        if node is None or node.head.i == node.i:
            return False
        if node is not token and history.fullmatch(node.lower_):
            return True  # "to mark the anniversary of ... the Battle of Stalingrad"
        if node.dep_ in ("relcl", "acl"):
            phrase = [
                t for t in node.head.subtree if t.i < node.left_edge.i or t.i > node.right_edge.i
            ]
            text = " ".join(t.lower_ for t in phrase)
            years = [int(y) for y in _YEAR.findall(text)]
            old = published is not None and any(published.year - y >= 2 for y in years)
            return bool(history.search(text)) or old
        node = node.head
    return False


#: How sure the model must be that a later sentence of a merged event reports it, for that
#: sentence to keep an event its first sentence would drop: merging joins loose mentions
#: ("rallying the world" to "an attack on one is an attack on all"), so only a plain
#: report in the writer's words that names the weapon ("missiles slammed into it on
#: Monday afternoon"), not a quoted speech, speaks for the event.
SUPPORT_P_EVENT = 0.8
#: Marks that open a quoted sentence.
QUOTE_MARKS = frozenset("\"“”‘’'«")


def _plain_report(sentence: Span, verdict: Verdict) -> bool:
    """A sentence in the writer's words that the model is sure reports an event and that
    names the weapon used ("Russian missiles slammed into it on Monday afternoon")."""
    if verdict.probabilities.get("event", 0.0) < SUPPORT_P_EVENT:
        return False
    if sentence.text.lstrip()[:1] in QUOTE_MARKS:
        return False
    weapons = _terms_in([sentence], lexicon().weapons)
    return any(w["cls"] not in ("none", "intervene", "melee") for w in weapons)


def _strike_report(sentence: Span, event: Event) -> bool:
    """A strike told in the writer's words with its weapon and its town ("The occupiers
    fired at the Sloviansk community with Uragans and hit Kramatorsk with Iskanders"):
    a report of a specific attack, whatever the words around it. Not when the sentence
    speaks of what usually happens, will happen or happened long ago."""
    if event.event_type != "Explosions/Remote violence" or event.geo_precision != 1:
        return False
    if sentence.text.lstrip()[:1] in QUOTE_MARKS:
        return False
    lower = sentence.text.lower()
    cues = dict(_cue_patterns())
    if any(
        cues[name].search(lower) for name in ("future", "rate", "generic", "history", "negation")
    ):
        return False
    weapons = _terms_in([sentence], lexicon().weapons)
    return any(w["cls"] == "shelling" or w["cls"] == "air" for w in weapons)


def _evidence_sentences(doc: Doc, event: Event) -> list[Span]:
    """The distinct clause sentences of an event's mentions, first mention first.

    A merged event is real news when any sentence reporting it is: "The assurances come
    as Russian attacks destroyed a TV tower" reads as context, while "missiles slammed
    into it on Monday afternoon" later in the article reports the strike itself."""
    found: dict[int, Span] = {}
    for evidence in event.evidence:
        sentence = _sentence_at(doc, evidence.start)
        if sentence is not None and is_clause(sentence):
            found.setdefault(sentence.start, sentence)
    return list(found.values())


TOLL_FOLLOW_ON_SENTENCES = 2


def keep_own_toll(doc: Doc, event: Event, sentence: Span) -> None:
    """An event's toll is stated in its own sentence or the next two (the follow-on the
    casualty reader uses); in a full article a count from elsewhere in a merged cluster
    ("Over a million people perished" three sentences after a speech) is not its toll."""
    if not event.fatalities or not event.fatalities_text:
        return
    end = sentence.end
    for _ in range(TOLL_FOLLOW_ON_SENTENCES):
        if end >= len(doc):
            break
        end = doc[end].sent.end
    if event.fatalities_text in doc[sentence.start : end].text:
        return
    stated = f"{event.fatalities} fatalities."
    event.notes = " ".join(event.notes.replace(stated, "").split())
    event.fatalities, event.fatalities_text = 0, None
    event.tags.append("fatalities: stated for another event, not counted")


def judge_events(
    doc: Doc, article: Article, events: list[Event], claims: list[Claim]
) -> list[Event]:
    """Drop candidates that report no real event; mark the old ones as background.

    An event dated more than ``BACKGROUND_DAYS`` before publication is background whatever
    the model says; the model judges the rest of the events with an ACLED type. Verbal
    acts (PLOVER only) are left to the rules: on eval/news the model dropped true ones
    (verbal recall 0.47 -> 0.35) and no more false ones than true. Claims lose their links
    to dropped events.
    """
    cfg = extract_config()
    model = relevance_model() if cfg.relevance == "model" else None
    full_article = len(doc) >= cfg.relevance_min_words
    if not full_article:
        model = None
    kept: list[Event] = []
    verdicts: dict[tuple[int, str | None, str | None], Verdict] = {}
    for event in events:
        days = _days_before(article, event)
        if days is not None and days > cfg.background_days:
            event.background = True
        sentence = _sentence_at(doc, event.evidence[0].start) if event.evidence else None
        judged = model is not None and sentence is not None and is_clause(sentence)
        if judged and event.event_type:  # verbal acts: the model cost recall, bought nothing
            kind = event.event_type or event.plover.get("event_type")
            best: Verdict | None = None
            for n, said in enumerate(_evidence_sentences(doc, event)):
                key = (said.start, kind, event.event_date)
                if key not in verdicts:
                    before = doc.text[max(0, said.start_char - CONTEXT_CHARS) : said.start_char]
                    features = sentence_features(
                        said.text, article.published, event.event_date, kind, before
                    )
                    verdicts[key] = model.judge(features)
                verdict = verdicts[key]
                if n and not _plain_report(said, verdict):
                    continue  # a later mention rescues the event only when plainly news
                if best is None or verdict.p_not_news < best.p_not_news:
                    best = verdict
            if (
                best is not None
                and best.p_not_news >= cfg.relevance_drop_at
                and not _strike_report(sentence, event)
            ):
                continue
            if best is not None and best.label == "background" and not _dated_recent(event):
                event.background = True
        if sentence is not None and recalled_in_clause(
            doc, event.evidence[0].start, article.published
        ):
            event.background = True
        if full_article and sentence is not None:
            keep_own_toll(doc, event, sentence)
        kept.append(event)
    if len(kept) < len(events):
        ids = {e.event_id for e in kept}
        for claim in claims:
            claim.events = [i for i in claim.events if i in ids]
    return kept
