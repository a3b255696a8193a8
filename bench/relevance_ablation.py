"""End-to-end ablation of the relevance judgement: rules only, the shipped model, variants.

Run from the repository root:
    .venv/bin/python -m bench.relevance_ablation [--variants rules,model] [--cost 50]
        [--model-json NAME=PATH ...] [--skip-acled]

For each variant it runs ``evaluate`` on ``../shared/eval/news`` (violent recall and
precision, ACLED precision, verbal recall, PLOVER precision) and on the held-out rows of
``../shared/eval/acled`` (event type, sub-event type, actor1), then the extraction time of
the first ``--cost`` articles of ``corpus/news-ukraine`` parsed once (the bare spaCy parse
is the same for every variant, so the ratio full / bare parse is comparable), and the peak
RSS of the process at the end. ``rules`` is ``FRONTWIRE_RELEVANCE=rules``; ``model`` the
shipped ``relevance_model.json``; ``model@0.6`` the shipped model dropping a candidate
only when P(not or total) >= 0.6 (the default is 0.5); ``--model-json NAME=PATH`` plugs
in another JSON written by ``training.train_relevance --out PATH`` under the name NAME.
The gold sets only measure.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from spacy.tokens import Doc

from bench.relevance_minilm import MiniLMLinearJudge, embed, recording_sentences
from frontwire import config
from frontwire.evaluate.acled import evaluate_acled
from frontwire.evaluate.news import evaluate_news
from frontwire.extract.events import relevance
from frontwire.model import Article
from frontwire.nlp import get_nlp
from frontwire.pipeline import extract_doc
from training.corpus_io import SHARED, news_ukraine

NEWS_FIGURES = (
    ("viol R", "violent_recall"),
    ("viol P", "violent_precision"),
    ("ACLED P", "acled_precision"),
    ("verb R", "verbal_recall"),
    ("PLOVER P", "plover_precision"),
)


@contextmanager
def variant(name: str, judges: dict[str, relevance.RelevanceJudge]) -> Iterator[list[str]]:
    """Run the body with one relevance setting, then restore the shipped one; yields the
    sentences the relevance step judged meanwhile."""
    saved = config.RELEVANCE, config.RELEVANCE_DROP_AT, relevance.relevance_model
    seen: list[str] = []
    try:
        if name == "rules":
            config.RELEVANCE = "rules"
        else:
            config.RELEVANCE = "model"
            if "@" in name:  # model@0.6: drop when P(not or total) >= 0.6
                config.RELEVANCE_DROP_AT = float(name.split("@", 1)[1])
            if name in judges:
                judge = judges[name]
                relevance.relevance_model = lambda: judge
                if isinstance(judge, MiniLMLinearJudge):
                    judge.sentences = seen  # it scores the sentence last made features for
        with recording_sentences(seen):
            yield seen
    finally:
        config.RELEVANCE, config.RELEVANCE_DROP_AT, relevance.relevance_model = saved


def run_variant(
    name: str,
    judges: dict[str, relevance.RelevanceJudge],
    docs: list[Doc],
    articles: list[Article],
    acled: bool,
) -> tuple[dict[str, float], dict[str, float], float, list[str], int]:
    """News figures, ACLED held-out scores, extraction seconds of the cost articles, every
    sentence judged, and how many of them were judged in the cost articles."""
    with variant(name, judges) as seen:
        news = evaluate_news(SHARED / "eval" / "news")["figures"]
        scores = {}
        if acled:
            path = SHARED / "eval" / "acled" / "events.csv"
            scores = evaluate_acled(path, holdout_only=True)["scores"]
        before = len(seen)
        started = time.perf_counter()
        for doc, article in zip(docs, articles, strict=True):
            extract_doc(doc, article)
        extract_s = time.perf_counter() - started
        return news, scores, extract_s, list(seen), len(seen) - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", default="rules,model")
    parser.add_argument("--model-json", action="append", default=[], metavar="NAME=PATH")
    parser.add_argument("--cost", type=int, default=50, help="news-ukraine articles timed")
    parser.add_argument("--skip-acled", action="store_true")
    parser.add_argument("--minilm-python", default=None, help="venv python for minilm+linear")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/relevance_ablation"))
    args = parser.parse_args()
    judges: dict[str, relevance.RelevanceJudge] = {}
    for item in args.model_json:
        name, path = item.split("=", 1)
        spec = json.loads(Path(path).read_text(encoding="utf-8"))
        judges[name] = relevance.LinearRelevanceModel(spec)
    names = args.variants.split(",") + [n for n in judges if n not in args.variants]
    articles = [article for _, article in news_ukraine()][: args.cost]
    nlp = get_nlp()
    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    parse_s = time.perf_counter() - started
    rows = []
    extra_ms: dict[str, float] = {}
    if "minilm+linear" in names:
        args.cache.mkdir(parents=True, exist_ok=True)
        minilm = MiniLMLinearJudge(args.minilm_python, args.cache)
        *_, sentences, _ = run_variant("model", judges, docs, articles, not args.skip_acled)
        minilm.embeddings, ms_each = embed(sentences, args.minilm_python, args.cache)
        judges["minilm+linear"] = minilm
    for name in names:
        news, acled, extract_s, _, judged = run_variant(
            name, judges, docs, articles, not args.skip_acled
        )
        if name == "minilm+linear":
            extra_ms[name] = ms_each * judged / max(len(articles), 1)
        rows.append((name, news, acled, extract_s))
        print(f"{name}: news {news}; acled {acled}; extraction {extract_s:.1f} s", flush=True)
    print(f"\nbare spaCy parse of {len(articles)} news-ukraine articles: {parse_s:.1f} s")
    head = "  ".join(label for label, _ in NEWS_FIGURES)
    print(f"variant        {head}  | ACLED holdout: type   sub    actor1 | ms/article  full/parse")
    for name, news, acled, extract_s in rows:
        cells = "  ".join(f"{news[key]:.3f}".rjust(len(label)) for label, key in NEWS_FIGURES)
        acled_cells = "  ".join(
            f"{acled.get(k, float('nan')):.3f}" for k in ("event_type", "sub_event_type", "actor1")
        )
        # MiniLM's own cost (measured by the embedding run) on the sentences it judged
        extract_ms = 1000 * extract_s / max(len(articles), 1) + extra_ms.get(name, 0.0)
        ratio = (parse_s + extract_ms * len(articles) / 1000) / parse_s
        print(f"{name:14s} {cells}  |             {acled_cells} | {extract_ms:8.1f}  {ratio:6.2f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MiB (MiniLM's own is printed by its embedding run)")


if __name__ == "__main__":
    main()
