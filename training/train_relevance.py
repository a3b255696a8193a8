"""Fit the relevance model (is this candidate a real, recent event?) and ship it as JSON.

Usage:
    .venv/bin/python -m training.train_relevance [--folds 5] [--sample N] [--out PATH]

Training data (read from ``../shared``, never copied into the repo):
- ``training/labels/relevance.jsonl``: candidate sentences of ``corpus/news-ukraine`` and
  ``corpus/guardian-sample`` labelled by hand with the codebook ``training/CODEBOOK.md``
  (ids and offsets only);
- ACLED coders' notes of ``eval/acled`` (not the held-out rows) as events;
- ``corpus/disaster-news`` news sentences not marked military, as non-events.
Never ``eval/news`` or ``eval/seed``: they measure.

``--folds`` cross-validates on the labelled news sentences, grouped by article, and prints
accuracy and the event/not-event precision and recall; ``--sample N`` fits on N labelled
rows only (CI runs this to prove the script works). The artefact is multinomial logistic
regression over binary features, pruned, as ``frontwire/ontology/relevance_model.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from frontwire.evaluate.holdout import is_holdout
from frontwire.extract.events.relevance import (
    CONTEXT_CHARS,
    LABELS,
    MODEL_FILE,
    sentence_features,
)
from training.corpus_io import CORPUS, SHARED, load_texts

ROOT = Path(__file__).resolve().parent.parent
LABEL_FILE = ROOT / "training" / "labels" / "relevance.jsonl"
OUT = ROOT / "frontwire" / "ontology" / MODEL_FILE
#: How the codebook's labels fold into the model's four.
FOLD = {
    "event": "event",
    "background": "background",
    "total": "total",
    "generic": "not",
    "unreal": "not",
    "metaphor": "not",
    "disaster": "not",
    "crime": "not",
    "boilerplate": "not",
    "none": "not",
}
EXTRA_WEIGHT = 1.0  # ACLED notes and disaster messages: short reports the news sentences lack


@dataclass(frozen=True)
class Item:
    """One training sentence with what the model's features are made from."""

    sentence: str
    label: str
    group: str
    published: date | None = None
    event_date: str | None = None
    kind: str | None = None
    before: str = ""
    #: The gold ACLED sub-event type where the annotators gave one (events and background).
    sub_event: str = ""
    #: The sub-event type the rules gave the candidate.
    rules_sub_event: str = ""

    def features(self) -> dict[str, float]:
        return sentence_features(
            self.sentence, self.published, self.event_date, self.kind, self.before
        )


def labelled_items(limit: int | None = None) -> list[Item]:
    """The hand-labelled news sentences, texts read from ``../shared/corpus``."""
    rows = [json.loads(line) for line in LABEL_FILE.open(encoding="utf-8")]
    if limit:
        rows = rows[:limit]
    texts = {name: load_texts(name) for name in {r["corpus"] for r in rows}}
    out = []
    for row in rows:
        article = texts[row["corpus"]][row["doc"]]
        system = row["system"] or {}
        out.append(
            Item(
                sentence=article.text[row["start"] : row["end"]],
                label=FOLD[row["rel"]],
                group=f"{row['corpus']}/{row['doc']}",
                published=article.published,
                event_date=system.get("event_date"),
                kind=system.get("event_type") or system.get("plover"),
                before=article.text[max(0, row["start"] - CONTEXT_CHARS) : row["start"]],
                sub_event=row.get("acled") or "",
                rules_sub_event=system.get("sub_event_type") or "",
            )
        )
    return out


def acled_items(limit: int | None = None) -> list[Item]:
    """ACLED coders' notes of the rows ``is_holdout`` does not reserve, as events."""
    path = SHARED / "eval" / "acled" / "events.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if not is_holdout(r["event_id_cnty"])]
    rows = rows[:limit] if limit else rows
    return [
        Item(
            sentence=row["notes"],
            label="event",
            group=f"acled/{row['event_id_cnty']}",
            published=date.fromisoformat(row["event_date"]),
            event_date=row["event_date"],
            kind=row["event_type"],
            sub_event=row["sub_event_type"],
        )
        for row in rows
    ]


def disaster_items(limit: int | None = None) -> list[Item]:
    """News-genre messages of ``corpus/disaster-news`` not marked military, as non-events."""
    out = []
    for name in ("disaster_response_test.csv", "disaster_response_validation.csv"):
        with (CORPUS / "disaster-news" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["genre"] == "news" and row.get("military") == "0":
                    out.append(
                        Item(sentence=row["message"], label="not", group=f"disaster/{row['id']}")
                    )
    return out[:limit] if limit else out


Example = tuple[dict[str, float], str, str]


def as_examples(items: list[Item]) -> list[Example]:
    """(features, label, group) triples, what ``fit`` takes."""
    return [(item.features(), item.label, item.group) for item in items]


def labelled_examples(limit: int | None = None) -> list[Example]:
    return as_examples(labelled_items(limit))


def acled_examples(limit: int | None = None) -> list[Example]:
    return as_examples(acled_items(limit))


def disaster_examples(limit: int | None = None) -> list[Example]:
    return as_examples(disaster_items(limit))


def fit(examples, extra, c: float = 0.5) -> tuple[DictVectorizer, LogisticRegression]:
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([f for f, _, _ in examples + extra])
    labels = [label for _, label, _ in examples + extra]
    weights = [1.0] * len(examples) + [EXTRA_WEIGHT] * len(extra)
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(matrix, labels, sample_weight=weights)
    return vectorizer, model


def cross_validate(examples, extra, folds: int, c: float, seed: int = 13) -> None:
    groups = sorted({g for _, _, g in examples})
    random.Random(seed).shuffle(groups)
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    confusion: Counter[tuple[str, str]] = Counter()
    for fold in range(folds):
        train = [e for e in examples if fold_of[e[2]] != fold]
        test = [e for e in examples if fold_of[e[2]] == fold]
        vectorizer, model = fit(train, extra, c)
        predicted = model.predict(vectorizer.transform([f for f, _, _ in test]))
        confusion.update(zip((label for _, label, _ in test), predicted, strict=True))
    total = sum(confusion.values())
    right = sum(n for (gold, got), n in confusion.items() if gold == got)
    print(f"cross-validated ({folds} folds by article): accuracy {right / total:.3f} on {total}")
    kept = {"event", "background"}
    tp = sum(n for (g, p), n in confusion.items() if g in kept and p in kept)
    fp = sum(n for (g, p), n in confusion.items() if g not in kept and p in kept)
    fn = sum(n for (g, p), n in confusion.items() if g in kept and p not in kept)
    print(
        f"  kept as an event (event or background): precision {tp / (tp + fp):.3f}, "
        f"recall {tp / (tp + fn):.3f}"
    )
    for gold in LABELS:
        row = "  ".join(f"{got}:{confusion[(gold, got)]}" for got in LABELS)
        print(f"  gold {gold:10s} -> {row}")


def export(vectorizer: DictVectorizer, model: LogisticRegression, prune: float = 0.02) -> dict:
    classes = [str(c) for c in model.classes_]
    coef = model.coef_
    weights = {}
    for name, index in vectorizer.vocabulary_.items():
        row = [round(float(coef[k, index]), 4) for k in range(len(classes))]
        if max(abs(w) for w in row) >= prune:
            weights[name] = row
    return {
        "about": "Relevance model: see extract/events/relevance.py and relevance_model.md.",
        "classes": classes,
        "intercept": [round(float(b), 4) for b in model.intercept_],
        "weights": dict(sorted(weights.items())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=0)
    parser.add_argument("--sample", type=int, default=None)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--c", type=float, default=0.5, help="inverse regularisation strength")
    args = parser.parse_args()
    examples = labelled_examples(args.sample)
    extra = acled_examples(args.sample) + disaster_examples(args.sample)
    print(f"labelled news sentences: {len(examples)} {dict(Counter(e[1] for e in examples))}")
    print(f"extra: {len(extra)} {dict(Counter(e[1] for e in extra))} (weight {EXTRA_WEIGHT})")
    if args.folds:
        cross_validate(examples, extra, args.folds, args.c)
    vectorizer, model = fit(examples, extra, args.c)
    spec = export(vectorizer, model)
    args.out.write_text(json.dumps(spec, separators=(",", ":")) + "\n", encoding="utf-8")
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({size:.2f} MB, {len(spec['weights'])} features)")


if __name__ == "__main__":
    main()
