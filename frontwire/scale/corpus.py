"""A reproducible corpus of news-like conflict articles for benchmarks and scale tests.

Real news cannot ship with the package, so the benchmark writes its own: about 500
words each, dense in places, dates, casualty counts and attributed quotes, which is
what makes extraction expensive. Article ``i`` depends only on ``(seed, i)``, so the
first 100 articles of a 1,000-article corpus are the 100-article corpus.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from frontwire.model import Article
from frontwire.ontology.tables import load_table

#: Publication dates fall in this window, so relative dates resolve to varied days.
FIRST_PUBLISHED = date(2023, 1, 1)
PUBLISHED_SPAN_DAYS = 730


@dataclass(frozen=True)
class CorpusSpec:
    """What to generate: how many articles, roughly how long, from which seed."""

    n: int = 1000
    words: int = 500
    seed: int = 20240601


@cache
def _templates() -> dict[str, Any]:
    return load_table("corpus_templates.json", folder="scale")


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def _slots(rng: random.Random, published: date) -> dict[str, str]:
    """Fill every template slot for one article, keeping a single theatre per article."""
    data = _templates()
    theatre = rng.choice(data["theatres"])
    (city, region), (city2, _), (city3, _) = rng.sample(theatre["cities"], 3)
    att, defender = rng.choice(theatre["attackers"]), rng.choice(theatre["defenders"])
    off_name, off_role = rng.choice(theatre["officials"])
    adv_name, adv_role = rng.choice(theatre["adversary_officials"])
    org_name, org_role, org = rng.choice(data["org_voices"])
    past = sorted(published - timedelta(days=rng.randint(1, 40)) for _ in range(3))
    last_month = past[-1].replace(day=1)
    first_month = (last_month - timedelta(days=rng.randint(32, 120))).replace(day=1)
    weapon = rng.choice(data["weapons"])
    quotes = data["quotes"]
    slots = {
        "city": city,
        "CITY": city.upper(),
        "city2": city2,
        "city3": city3,
        "region": region.removeprefix("the "),
        "country": theatre["country"],
        "att": att,
        "Att": att[0].upper() + att[1:],
        "def": defender,
        "Def": defender[0].upper() + defender[1:],
        "att_dem": theatre["attacker_demonym"],
        "att_Dem": theatre["attacker_demonym"].capitalize(),
        "def_dem": theatre["defender_demonym"],
        "off_name": off_name,
        "off_role": off_role,
        "adv_name": adv_name,
        "adv_role": adv_role,
        "org": org,
        "org_name": org_name,
        "org_role": org_role,
        "weapon": weapon,
        "weapon_sing": rng.choice(["drone", "missile", "rocket"]),
        "target": rng.choice(data["targets"]),
        "channel": rng.choice(data["channels"]),
        "rel1": rng.choice(data["relative_times"]),
        "rel2": rng.choice(data["relative_times"]),
        "count": rng.choice(data["count_words"]),
        "victims": rng.choice(data["victims"]),
        "num": str(rng.randint(3, 60)),
        "num2": f"{rng.randint(2, 90) * 1000:,}",
        "date1": _long_date(past[0]).rsplit(" ", 1)[0],
        "date2": _long_date(past[1]),
        "date3": f"{past[2].day} {past[2]:%B}",
        "month1": f"{first_month:%B}",
        "month2": f"{last_month:%B} {last_month.year}",
        "future_date": _long_date(published + timedelta(days=rng.randint(3, 20))),
        "pub_long": _long_date(published),
        "first_name": rng.choice(data["first_names"]),
    }
    for kind, options in quotes.items():
        slots[f"quote_{kind}"] = rng.choice(options)
    return slots


def make_article(index: int, spec: CorpusSpec) -> Article:
    """Article ``index`` of the corpus: a headline, a datelined lead and ~``words`` words."""
    rng = random.Random(f"{spec.seed}:{index}")
    data = _templates()
    published = FIRST_PUBLISHED + timedelta(days=rng.randrange(PUBLISHED_SPAN_DAYS))
    slots = _slots(rng, published)
    title = rng.choice(data["headlines"]).format(**slots)
    paragraphs = [rng.choice(data["lead"]).format(**slots)]
    words = len(paragraphs[0].split())
    pool = list(data["paragraphs"])
    rng.shuffle(pool)
    while words < spec.words:
        if not pool:
            pool = list(data["paragraphs"])
            rng.shuffle(pool)
            slots = {**slots, **_fresh_details(rng)}
        paragraph = pool.pop().format(**slots)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return Article(
        text="\n\n".join(paragraphs) + "\n",
        title=title,
        published=published,
        source="frontwire-bench",
        url=f"https://bench.frontwire.invalid/{spec.seed}/{index}",
    )


def _fresh_details(rng: random.Random) -> dict[str, str]:
    """New numbers, times and channels for a second pass over the paragraph templates."""
    data = _templates()
    return {
        "rel1": rng.choice(data["relative_times"]),
        "rel2": rng.choice(data["relative_times"]),
        "count": rng.choice(data["count_words"]),
        "victims": rng.choice(data["victims"]),
        "num": str(rng.randint(3, 60)),
        "channel": rng.choice(data["channels"]),
        "target": rng.choice(data["targets"]),
        "weapon": rng.choice(data["weapons"]),
    }


def generate(spec: CorpusSpec) -> Iterator[Article]:
    """The corpus, article by article (nothing is held in memory by the generator)."""
    for index in range(spec.n):
        yield make_article(index, spec)


def article_record(article: Article) -> dict[str, Any]:
    """The JSONL/Parquet record an ingest reader maps back to the same Article."""
    return {
        "id": article.id,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source,
        "url": article.url,
        "text": article.text,
    }


def write_text_files(articles: list[Article], folder: Path) -> list[Path]:
    """One ``.txt`` per article with the header ``frontwire extract`` reads."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    width = len(str(max(len(articles) - 1, 0)))
    for index, article in enumerate(articles):
        path = folder / f"article-{index:0{width}d}.txt"
        header = [
            f"title: {article.title}",
            f"published: {article.published.isoformat() if article.published else ''}",
            f"source: {article.source}",
            f"url: {article.url}",
        ]
        path.write_text("\n".join(header) + "\n\n" + article.text, encoding="utf-8")
        paths.append(path)
    return paths


def write_jsonl_shards(articles: list[Article], folder: Path, shards: int) -> list[Path]:
    """Split the corpus into ``shards`` JSONL files (round-robin keeps shards even)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"shard-{k:04d}.jsonl" for k in range(shards)]
    handles = [p.open("w", encoding="utf-8") for p in paths]
    try:
        for index, article in enumerate(articles):
            line = json.dumps(article_record(article), ensure_ascii=False)
            handles[index % shards].write(line + "\n")
    finally:
        for handle in handles:
            handle.close()
    return paths
