"""ACLED's taxonomy and the small sub-event classifier, both read from data files here.

The taxonomy (``acled_taxonomy.json``) says which event type and disorder type each
sub-event type belongs to. The classifier (``event_classifier.json``) is a linear
TF-IDF model fitted by ``scripts/train_event_classifier.py`` on ACLED coders' notes;
the event extractor asks it only when its own rules are unsure.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Any

from frontwire.ontology.tables import has_table, load_table

#: ACLED inter codes of armed, organised actors: state forces (1), rebels (2), political
#: (3) and identity (4) militias, external forces (8).
ARMED_INTER = frozenset({1, 2, 3, 4, 8})

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SIZE = re.compile(r"\[size=[^\]]*\]", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_DATE_LEAD = re.compile(
    r"\b(?:on|around|between|as reported on|as of)?\s*\d{1,2}(?:\s*(?:-|and)\s*\d{1,2})?\s+"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\s+\d{4}\b",
    re.IGNORECASE,
)


def load_json(name: str) -> Any:
    """Read one of the ontology's JSON tables shipped with the package."""
    return load_table(name)


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, Any]:
    return load_json("acled_taxonomy.json")


@lru_cache(maxsize=1)
def _sub_to_type() -> dict[str, str]:
    return {
        sub: etype
        for etype, spec in taxonomy()["event_types"].items()
        for sub in spec["sub_event_types"]
    }


def sub_event_types() -> list[str]:
    return list(_sub_to_type())


def event_type_for(sub_event_type: str) -> str:
    """The ACLED event type a sub-event type belongs to (KeyError for unknown names)."""
    return _sub_to_type()[sub_event_type]


def disorder_type_for(sub_event_type: str) -> str:
    """ACLED's disorder type; a few sub-events (excessive force, mob violence) carry two."""
    mixed = taxonomy()["mixed_disorder"]
    if sub_event_type in mixed:
        return mixed[sub_event_type]
    return taxonomy()["event_types"][event_type_for(sub_event_type)]["disorder_type"]


def classifier_text(text: str) -> str:
    """Normalise text the same way at training and at run time.

    Dates, digits and ACLED's ``[size=...]`` markers are dropped so the model learns
    from what happened rather than from the formula of the notes.
    """
    text = _SIZE.sub(" ", text)
    text = _DATE_LEAD.sub(" ", text)
    text = _DIGITS.sub("0", text)
    return text.lower()


def featurize(text: str) -> Counter[str]:
    """Word counts of the normalised text (bigrams did not help on held-out notes)."""
    return Counter(_TOKEN.findall(classifier_text(text)))


class SubEventClassifier:
    """A multinomial logistic regression over TF-IDF features, stored as plain JSON."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.classes: list[str] = spec["classes"]
        self.idf: dict[str, float] = spec["idf"]
        self.intercept: list[float] = spec["intercept"]
        # weights: feature -> {class index (as str): weight}
        self.weights: dict[str, dict[str, float]] = spec["weights"]

    def predict_proba(self, text: str) -> dict[str, float]:
        counts = featurize(text)
        vec = {f: (1.0 + math.log(c)) * self.idf[f] for f, c in counts.items() if f in self.idf}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        scores = list(self.intercept)
        for feat, value in vec.items():
            for cls, weight in self.weights.get(feat, {}).items():
                scores[int(cls)] += weight * value / norm
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}


@lru_cache(maxsize=1)
def classifier() -> SubEventClassifier | None:
    """The shipped classifier, or None when the package was built without it."""
    if not has_table("event_classifier.json"):
        return None
    return SubEventClassifier(load_table("event_classifier.json"))
