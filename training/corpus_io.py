"""Read the development corpora of ``../shared/corpus`` as Articles, keyed by a stable id.

Training and labelling scripts use this; the product never does (it never reads ../shared).
Labels refer to texts by (corpus, doc id, start, end), so no news text is copied into the repo.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from frontwire.model import Article

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS = SHARED / "corpus"


def news_ukraine(corpus: Path = CORPUS) -> Iterator[tuple[str, Article]]:
    """The 310 scraped Ukraine-war articles (``news-ukraine/articles.jsonl``)."""
    with (corpus / "news-ukraine" / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            published = date.fromisoformat(row["published"])
            yield row["id"], Article(text=row["text"], published=published, source=row["id"])


def guardian(corpus: Path = CORPUS) -> Iterator[tuple[str, Article]]:
    """The 237 Guardian Syria/IS articles; the doc id is the CSV's row number column."""
    path = corpus / "guardian-sample" / "Guardian_SDF_sample.csv.zip"
    with zipfile.ZipFile(path) as archive:
        name = archive.namelist()[0]
        reader = csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8"))
        for row in reader:
            doc_id = f"g{row['']}"
            published = date.fromisoformat(row["date"][:10])
            yield doc_id, Article(text=row["text"], published=published, source="Guardian")


CORPORA = {"news-ukraine": news_ukraine, "guardian-sample": guardian}


def load_texts(corpus_name: str) -> dict[str, Article]:
    """Every article of one corpus by doc id."""
    return dict(CORPORA[corpus_name]())
