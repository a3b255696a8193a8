"""Fit the ACLED sub-event classifier on coders' notes and ship it as small JSON.

Usage: .venv/bin/python scripts/train_event_classifier.py ../shared/eval/acled/events.csv
       [--holdout 0.5]  (with --holdout, fit on one part and print accuracy on the rest)

Rows that ``frontwire.evaluate.holdout.is_holdout`` reserves for scoring are never fitted.

The model is TF-IDF (unigrams, sublinear tf) + multinomial logistic
regression. Features and weights are pruned so the artefact stays under a few MB;
``frontwire.ontology.acled.SubEventClassifier`` scores it without scikit-learn.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression

from frontwire.evaluate.holdout import is_holdout
from frontwire.ontology.acled import SubEventClassifier, featurize

OUT = Path(__file__).resolve().parent.parent / "frontwire" / "ontology" / "event_classifier.json"


def fit(rows: list[dict[str, str]], min_df: int = 2, prune: float = 0.05) -> dict:
    feats = [featurize(r["notes"]) for r in rows]
    labels = [r["sub_event_type"] for r in rows]
    df: dict[str, int] = {}
    for f in feats:
        for k in f:
            df[k] = df.get(k, 0) + 1
    keep = {k for k, n in df.items() if n >= min_df}
    feats = [{k: v for k, v in f.items() if k in keep} for f in feats]
    vec = DictVectorizer()
    counts = vec.fit_transform(feats)
    tfidf = TfidfTransformer(sublinear_tf=True)
    x = tfidf.fit_transform(counts)
    model = LogisticRegression(C=50.0, max_iter=3000)
    model.fit(x, labels)
    names = vec.get_feature_names_out()
    weights: dict[str, dict[str, float]] = {}
    for j, name in enumerate(names):
        col = {
            str(i): round(float(model.coef_[i, j]), 3)
            for i in range(len(model.classes_))
            if abs(model.coef_[i, j]) >= prune
        }
        if col:
            weights[str(name)] = col
    return {
        "about": "ACLED sub-event classifier (TF-IDF + logistic regression) fitted on ACLED notes.",
        "classes": [str(c) for c in model.classes_],
        "idf": {str(n): round(float(v), 4) for n, v in zip(names, tfidf.idf_, strict=True)},
        "intercept": [round(float(b), 4) for b in model.intercept_],
        "weights": weights,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("csv", type=Path)
    parser.add_argument("--holdout", type=float, default=0.0)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with args.csv.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if not is_holdout(r["event_id_cnty"])]
    if args.holdout:
        random.Random(13).shuffle(rows)
        cut = int(len(rows) * (1 - args.holdout))
        spec = fit(rows[:cut])
        clf = SubEventClassifier(spec)
        test = rows[cut:]
        hits = sum(
            max(clf.predict_proba(r["notes"]).items(), key=lambda kv: kv[1])[0]
            == r["sub_event_type"]
            for r in test
        )
        print(f"held-out sub_event_type accuracy: {hits / len(test):.3f} on {len(test)} rows")
        return
    spec = fit(rows)
    args.out.write_text(json.dumps(spec, separators=(",", ":")), encoding="utf-8")
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, "
        f"{len(spec['weights'])} features)"
    )


if __name__ == "__main__":
    main()
