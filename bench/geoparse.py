"""Geoparsing benchmark: accuracy on our own toponym set, and the gazetteer's load cost.

Run from the repository root: ``.venv/bin/python -m bench.geoparse``. It prints the share of
gold toponyms resolved within 25 km and 161 km (100 miles, the usual geoparsing cut-off),
country accuracy, metonym accuracy, the index's load time and the process's peak memory.
The gold set is ``tests/data/geoparse/texts.jsonl`` (texts written for this project, with
coordinates of the places they name).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "geoparse" / "texts.jsonl"


@dataclass
class Score:
    """Counts over gold toponyms; a miss keeps what was produced for the report."""

    total: int = 0
    within_25: int = 0
    within_161: int = 0
    roles_total: int = 0
    roles_ok: int = 0
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        n = max(self.total, 1)
        return {
            "toponyms": self.total,
            "acc@25km": round(self.within_25 / n, 3),
            "acc@161km": round(self.within_161 / n, 3),
            "metonym_roles": f"{self.roles_ok}/{self.roles_total}",
        }


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _gold_span(text: str, gold: dict[str, Any]) -> tuple[int, int]:
    start = -1
    for _ in range(gold.get("n", 0) + 1):
        start = text.find(gold["mention"], start + 1)
    if start < 0:
        raise ValueError(f"gold mention {gold['mention']!r} is not in its text")
    return start, start + len(gold["mention"])


def score(records: list[dict[str, Any]]) -> Score:
    """Match each gold toponym to the produced place overlapping it, then measure."""
    from frontwire.extract.places import extract_places
    from frontwire.geo import haversine_km
    from frontwire.model import Article
    from frontwire.nlp import get_nlp

    result = Score()
    docs = get_nlp().pipe(r["text"] for r in records)
    for record, doc in zip(records, docs, strict=True):
        places = extract_places(doc, Article(text=record["text"]))
        for gold in record["places"]:
            result.total += 1
            start, end = _gold_span(record["text"], gold)
            found = [p for p in places if p.start < end and start < p.end]
            place = found[0] if found else None
            if place is None or place.latitude is None or place.longitude is None:
                result.misses.append(f"{record['id']}: {gold['mention']!r} not found")
                continue
            if gold.get("feature") == "country":
                ok = place.feature == "country" and place.iso == gold["iso"]
                dist = 0.0 if ok else float("inf")
            else:
                dist = haversine_km(gold["lat"], gold["lon"], place.latitude, place.longitude)
            slack = float(gold.get("radius_km", 0.0))
            result.within_25 += dist <= 25 + slack
            result.within_161 += dist <= 161 + slack
            if dist > 25 + slack:
                result.misses.append(
                    f"{record['id']}: {gold['mention']!r} -> {place.name} ({place.iso}, "
                    f"{place.feature}) {dist:.0f} km off"
                )
            if "role" in gold:
                result.roles_total += 1
                result.roles_ok += place.role == gold["role"]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="geoparsing accuracy and gazetteer cost")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    from frontwire.gazetteer.index import get_gazetteer

    get_gazetteer()
    load_s = time.perf_counter() - started
    rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    records = load_gold(args.gold)
    from frontwire.nlp import get_nlp

    get_nlp()
    started = time.perf_counter()
    result = score(records)
    elapsed = time.perf_counter() - started
    report = result.as_dict() | {
        "texts": len(records),
        "index_load_s": round(load_s, 3),
        "rss_after_index_mb": round(rss_after_load),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "texts_per_s": round(len(records) / elapsed, 1),
    }
    for key, value in report.items():
        print(f"{key:>20}: {value}")
    if args.misses:
        for line in result.misses:
            print("  miss", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
