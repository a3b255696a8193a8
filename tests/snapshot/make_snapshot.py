"""Compute, and with ``--write`` store, the extraction snapshot that pins today's output.

Why: the extractors are being split into packages by pure moves; the snapshot proves a move
changed nothing. Inputs (each keyed by a stable id): every article in ``samples/``, the
merge-set articles and the geoparse texts in ``tests/data/``, the seed, the 30 articles of
``../shared/eval/news`` and the first 300 rows (by ``event_id_cnty``) of
``../shared/eval/acled/events.csv``. The value per input is ``Extraction.to_dict()``.

Regenerate only on purpose, and say in the commit which behaviour changed and why::

    PYTHONPATH=$PWD .venv/bin/python tests/snapshot/make_snapshot.py --write
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
SNAPSHOT = ROOT / "tests" / "data" / "snapshot" / "extraction.json.gz"
ACLED_ROWS = 300


def snapshot_inputs() -> dict[str, Any]:
    """Every input Article by id, read with the project's own readers."""
    from frontwire.evaluate.acled import read_rows
    from frontwire.evaluate.gold import load_gold
    from frontwire.ingest.text import read_text_file
    from frontwire.model import Article

    articles: dict[str, Article] = {}
    for path in sorted((ROOT / "samples").glob("*.txt")):
        articles[f"samples/{path.stem}"] = read_text_file(path)
    for path in sorted((ROOT / "tests" / "data" / "merge" / "articles").glob("*.txt")):
        articles[f"merge/{path.stem}"] = read_text_file(path)
    geoparse = ROOT / "tests" / "data" / "geoparse" / "texts.jsonl"
    for line in geoparse.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            articles[f"geoparse/{record['id']}"] = Article(text=record["text"])
    articles["seed"] = load_gold(SHARED_EVAL / "seed")[1]
    for gold_dir in sorted((SHARED_EVAL / "news").iterdir()):
        if (gold_dir / "gold.json").exists():
            articles[f"news/{gold_dir.name}"] = load_gold(gold_dir)[1]
    rows = sorted(read_rows(SHARED_EVAL / "acled" / "events.csv"), key=lambda r: r["event_id_cnty"])
    for row in rows[:ACLED_ROWS]:
        articles[f"acled/{row['event_id_cnty']}"] = Article(
            text=row["notes"],
            published=date.fromisoformat(row["event_date"]),
            source="acled-eval",
            id=row["event_id_cnty"],
        )
    return articles


def compute() -> dict[str, Any]:
    """Extraction.to_dict() per input id, round-tripped through JSON like the stored file."""
    from frontwire.pipeline import extract_articles

    articles = snapshot_inputs()
    ids = list(articles)
    result = {
        key: extraction.to_dict()
        for key, extraction in zip(ids, extract_articles(articles[k] for k in ids), strict=True)
    }
    return json.loads(dumps(result))


def dumps(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, sort_keys=True, ensure_ascii=False, indent=0)


def load() -> dict[str, Any]:
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def write(snapshot: dict[str, Any]) -> None:
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the file byte-identical when the output is.
    with open(SNAPSHOT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(dumps(snapshot).encode("utf-8"))


def differences(old: Any, new: Any, path: str = "", limit: int = 8) -> list[str]:
    """Up to ``limit`` field paths where two JSON values differ, each with both values."""
    found: list[str] = []
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if len(found) >= limit:
                break
            where = f"{path}.{key}" if path else str(key)
            if key not in old or key not in new:
                found.append(f"{where}: {'added' if key in new else 'removed'}")
            else:
                found += differences(old[key], new[key], where, limit - len(found))
    elif isinstance(old, list) and isinstance(new, list):
        if len(old) != len(new):
            found.append(f"{path}: {len(old)} items -> {len(new)} items")
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            if len(found) >= limit:
                break
            found += differences(a, b, f"{path}[{i}]", limit - len(found))
    elif old != new:
        found.append(f"{path}: {str(old)[:80]!r} -> {str(new)[:80]!r}")
    return found[:limit]


def report(old: dict[str, Any], new: dict[str, Any], inputs: int = 5) -> str:
    """A short diff: which inputs changed and, for the first few, which fields."""
    changed = [k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    lines = [f"{len(changed)} of {len(new)} inputs differ from the snapshot"]
    for key in changed[:inputs]:
        if key not in old or key not in new:
            lines.append(f"  {key}: {'new input' if key in new else 'input gone'}")
            continue
        lines.append(f"  {key}:")
        lines += [f"    {d}" for d in differences(old[key], new[key])]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the snapshot")
    args = parser.parse_args()
    snapshot = compute()
    if args.write:
        write(snapshot)
        print(f"wrote {len(snapshot)} inputs to {SNAPSHOT}")
        return 0
    old = load()
    if old == snapshot:
        print(f"{len(snapshot)} inputs match the snapshot")
        return 0
    print(report(old, snapshot))
    return 1


if __name__ == "__main__":
    sys.exit(main())
