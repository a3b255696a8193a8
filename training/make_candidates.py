"""Write the candidate event sentences of the development corpora for labelling.

Usage: .venv/bin/python -m training.make_candidates OUT_DIR [--corpus news-ukraine ...]

A candidate is the sentence of a produced event's first evidence span (what the relevance
model will judge at run time), plus, for recall, sentences with a violence or verbal cue word
that produced no event. Output goes OUTSIDE the repo (it holds news text for the labellers);
labels come back as (corpus, doc, start, end) only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from frontwire.nlp import get_nlp
from frontwire.pipeline import extract_doc
from training.corpus_io import CORPORA

CUES = re.compile(
    r"\b(kill|shell|strike|struck|attack|bomb|missile|drone|fight|clash|explo|wound|dead|"
    r"died|shot|fire[ds]?\b|raid|captur|seiz|arrest|detain|protest|rall|demonstrat|"
    r"accus|condemn|threat|warn|demand|sanction|agree|talks|met\b|meeting|retreat|withdr)",
    re.IGNORECASE,
)


def candidates_for(corpus: str, doc_id: str, article, doc) -> list[dict]:
    extraction = extract_doc(doc, article)
    sentences = list(doc.sents)
    out: list[dict] = []
    covered: set[int] = set()

    def sentence_at(offset: int):
        for index, sent in enumerate(sentences):
            if sent.start_char <= offset < sent.end_char:
                return index, sent
        return None, None

    for event in extraction.to_dict()["events"]:
        if not event["evidence"]:
            continue
        index, sent = sentence_at(event["evidence"][0]["start"])
        if sent is None or index in covered:
            continue
        covered.add(index)
        out.append(
            {
                "corpus": corpus,
                "doc": doc_id,
                "start": sent.start_char,
                "end": sent.end_char,
                "published": article.published.isoformat(),
                "text": sent.text,
                "system": {
                    "event_type": event["event_type"],
                    "sub_event_type": event["sub_event_type"],
                    "plover": event["plover"]["event_type"],
                    "event_date": event["event_date"],
                    "fatalities": event["fatalities"],
                    "actor1": event["actor1"],
                },
            }
        )
    rng = random.Random(doc_id)
    misses = [(i, s) for i, s in enumerate(sentences) if i not in covered and CUES.search(s.text)]
    for _index, sent in rng.sample(misses, min(2, len(misses))):
        out.append(
            {
                "corpus": corpus,
                "doc": doc_id,
                "start": sent.start_char,
                "end": sent.end_char,
                "published": article.published.isoformat(),
                "text": sent.text,
                "system": None,
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", nargs="*", default=list(CORPORA))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    nlp = get_nlp()
    for corpus in args.corpus:
        items = list(CORPORA[corpus]())
        rows: list[dict] = []
        docs = nlp.pipe((a.text for _, a in items), batch_size=16)
        for (doc_id, article), doc in zip(items, docs, strict=True):
            rows.extend(candidates_for(corpus, doc_id, article, doc))
        with (args.out / f"{corpus}.jsonl").open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(corpus, len(items), "articles,", len(rows), "candidates")


if __name__ == "__main__":
    main()
