"""Real-news sanity and cost on the 310 ``corpus/news-ukraine`` articles (issue: real news).

Run from the repository root: ``.venv/bin/python -m bench.news_ukraine [--limit N]``.
It prints what a new user would see after ingesting them: events, how many are
background, any non-background event dated before 2014, the ten largest fatality counts
with their evidence, and violent events whose first actor is unarmed; then the cost of
the full pipeline against the bare spaCy parse of the same texts, and peak memory.
This is a development benchmark: it reads ``../shared`` and is never run by the product.
"""

from __future__ import annotations

import argparse
import resource
import time

from frontwire.extract.events.tables import ARMED_INTER, VIOLENT_TYPES
from frontwire.nlp import get_nlp
from frontwire.pipeline import extract_doc
from training.corpus_io import news_ukraine


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    items = list(news_ukraine())[: args.limit]
    articles = [article for _, article in items]
    nlp = get_nlp()
    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    parse_s = time.perf_counter() - started
    started = time.perf_counter()
    extractions = [extract_doc(doc, article) for doc, article in zip(docs, articles, strict=True)]
    extract_s = time.perf_counter() - started
    events = [(x, e) for x in extractions for e in x.events]
    news = [(x, e) for x, e in events if not e.background]
    old = [(x, e) for x, e in news if e.event_date and e.event_date < "2014"]
    unarmed = [
        (x, e) for x, e in news if e.event_type in VIOLENT_TYPES and (e.inter1 not in ARMED_INTER)
    ]
    print(
        f"articles {len(articles)}; events {len(events)}, "
        f"of which background {len(events) - len(news)}"
    )
    print(f"non-background events dated before 2014: {len(old)}")
    for x, e in old[:10]:
        print(
            f"  {x.article.source} {e.event_date} {e.sub_event_type}: "
            f"{_short(e.evidence[0].text)!r}"
        )
    print("ten largest fatality counts (non-background):")
    for x, e in sorted(news, key=lambda pair: -pair[1].fatalities)[:10]:
        evidence = e.fatalities_text or (e.evidence[0].text if e.evidence else "")
        print(
            f"  {e.fatalities:>7,}  {x.article.source} {e.event_date} {e.sub_event_type}: "
            f"{_short(evidence)!r}"
        )
    print(f"violent events whose first actor is unarmed: {len(unarmed)}")
    for x, e in unarmed[:10]:
        print(
            f"  {x.article.source} {e.actor1} ({e.inter1}) {e.sub_event_type}: "
            f"{_short(e.evidence[0].text)!r}"
        )
    total = parse_s + extract_s
    print(
        f"cost: bare parse {parse_s:.1f} s, extraction {extract_s:.1f} s, "
        f"full / bare parse {total / parse_s:.2f}x (goal <= 2.0)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MiB (goal <= 1,536)")


if __name__ == "__main__":
    main()
