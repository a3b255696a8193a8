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
shipped ``relevance_model.json``; ``--model-json NAME=PATH`` plugs in another JSON written
by ``training.train_relevance --out PATH`` under the name NAME. The gold sets only measure.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from frontwire import config
from frontwire.evaluate.acled import evaluate_acled
from frontwire.evaluate.news import evaluate_news
from frontwire.extract.events import relevance
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
def variant(name: str, model_files: dict[str, Path]) -> Iterator[None]:
    """Run the body with one relevance setting, then restore the shipped one."""
    saved_mode, saved_loader = config.RELEVANCE, relevance.relevance_model
    try:
        if name == "rules":
            config.RELEVANCE = "rules"
        else:
            config.RELEVANCE = "model"
            if name in model_files:
                spec = json.loads(model_files[name].read_text(encoding="utf-8"))
                model = relevance.LinearRelevanceModel(spec)
                relevance.relevance_model = lambda: model
        yield
    finally:
        config.RELEVANCE, relevance.relevance_model = saved_mode, saved_loader


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", default="rules,model")
    parser.add_argument("--model-json", action="append", default=[], metavar="NAME=PATH")
    parser.add_argument("--cost", type=int, default=50, help="news-ukraine articles timed")
    parser.add_argument("--skip-acled", action="store_true")
    args = parser.parse_args()
    model_files = {k: Path(v) for k, v in (item.split("=", 1) for item in args.model_json)}
    names = args.variants.split(",") + [n for n in model_files if n not in args.variants]
    articles = [article for _, article in news_ukraine()][: args.cost]
    nlp = get_nlp()
    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    parse_s = time.perf_counter() - started
    rows = []
    for name in names:
        with variant(name, model_files):
            news = evaluate_news(SHARED / "eval" / "news")["figures"]
            acled = {}
            if not args.skip_acled:
                acled = evaluate_acled(SHARED / "eval" / "acled", holdout_only=True)["scores"]
            started = time.perf_counter()
            for doc, article in zip(docs, articles, strict=True):
                extract_doc(doc, article)
            extract_s = time.perf_counter() - started
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
        per_article = 1000 * extract_s / max(len(articles), 1)
        ratio = (parse_s + extract_s) / parse_s
        print(
            f"{name:14s} {cells}  |             {acled_cells} | {per_article:8.1f}  {ratio:6.2f}x"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
