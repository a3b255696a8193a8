"""The MiniLM + linear relevance judge, plugged into the pipeline for the end-to-end ablation.

frontwire does not depend on torch, so this never ships: the bench collects the sentences
the shipped model judges on the gold sets, embeds them once in the separate MiniLM venv
(``training/embed_minilm.py``), fits the candidate on the training sets (the same rows and
features as ``training.ablation_relevance``'s ``minilm+linear``) and then scores each
sentence from those cached embeddings. The MiniLM cost per sentence is measured by the
embedding run and reported beside the extraction time.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from frontwire.extract.events import relevance
from frontwire.extract.events.relevance import Verdict
from training.ablation_relevance import minilm_matrix
from training.train_relevance import EXTRA_WEIGHT, acled_items, disaster_items, labelled_items

HERE = Path(__file__).resolve().parent.parent / "training"


@contextmanager
def recording_sentences(seen: list[str]) -> Iterator[None]:
    """Note the text of every sentence the relevance step makes features for."""
    original = relevance.sentence_features

    def wrapped(sentence: str, *args: Any, **kwargs: Any) -> dict[str, float]:
        seen.append(sentence)
        return original(sentence, *args, **kwargs)

    relevance.sentence_features = wrapped
    try:
        yield
    finally:
        relevance.sentence_features = original


def embed(texts: list[str], python: str, cache: Path) -> tuple[dict[str, np.ndarray], float]:
    """Embeddings of ``texts`` by text, and the measured milliseconds per sentence."""
    unique = sorted(set(texts))
    source, target = cache / "bench-texts.json", cache / "bench-minilm.npy"
    source.write_text(json.dumps(unique), encoding="utf-8")
    run = subprocess.run(
        [python, str(HERE / "embed_minilm.py"), str(source), str(target)],
        check=True,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    print(run.stdout.strip())
    found = re.search(r"\(([\d.]+) ms each", run.stdout)
    vectors = np.load(target)
    return dict(zip(unique, vectors, strict=True)), float(found.group(1)) if found else 0.0


class MiniLMLinearJudge:
    """Logistic regression over the linear features plus the scaled MiniLM embedding."""

    def __init__(self, python: str, cache: Path, c: float = 0.5) -> None:
        labelled = labelled_items()
        items = labelled + acled_items() + disaster_items()
        dense = minilm_matrix([i.sentence for i in items], cache, python)
        if dense is None:
            raise SystemExit("minilm+linear needs --minilm-python or cached embeddings")
        self.mean, self.std = dense.mean(axis=0), dense.std(axis=0) + 1e-6
        self.vectorizer = DictVectorizer()
        linear = self.vectorizer.fit_transform([i.features() for i in items])
        matrix = sparse.hstack([linear, sparse.csr_matrix((dense - self.mean) / self.std)])
        weights = [1.0] * len(labelled) + [EXTRA_WEIGHT] * (len(items) - len(labelled))
        self.model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        self.model.fit(matrix.tocsr(), [i.label for i in items], sample_weight=weights)
        self.classes = [str(k) for k in self.model.classes_]
        self.embeddings: dict[str, np.ndarray] = {}
        #: The sentences the relevance step made features for, the last one being judged.
        self.sentences: list[str] = []

    def judge(self, features: dict[str, float]) -> Verdict:
        vector = (self.embeddings[self.sentences[-1]] - self.mean) / self.std
        row = sparse.hstack(
            [self.vectorizer.transform([features]), sparse.csr_matrix(vector[None, :])]
        )
        probabilities = self.model.predict_proba(row.tocsr())[0]
        by_class = {c: float(p) for c, p in zip(self.classes, probabilities, strict=True)}
        return Verdict(label=max(by_class, key=by_class.__getitem__), probabilities=by_class)
