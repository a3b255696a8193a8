"""Rebuild the shipped village table from the Who's On First extracts in ../shared/data/wof.

Usage (from the repository root): ``python scripts/build_wof_table.py [--wof DIR] [--out FILE]``.
Run it when the extracts change, then commit ``frontwire/gazetteer/data/wof_places.tsv.xz``
and the counts it prints into ``frontwire/gazetteer/data/README.md``. The product never runs
this: the index build reads the committed table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from frontwire.gazetteer import build as index_build  # noqa: E402
from frontwire.gazetteer import wof  # noqa: E402
from frontwire.gazetteer.fold import fold  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wof", type=Path, default=ROOT.parent / "shared" / "data" / "wof")
    parser.add_argument("--out", type=Path, default=wof.TABLE_PATH)
    args = parser.parse_args(argv)
    paths = sorted(args.wof.glob("*.tsv.gz"))
    if not paths:
        print(f"build_wof_table: no <cc>.tsv.gz extracts in {args.wof}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    cities = index_build.load_geonames_cities()
    capitals = {
        fold(c["capital"]): cc
        for cc, c in index_build.load_geonames_countries().items()
        if c.get("capital")
    }
    records, report = wof.build_table(paths, cities, capitals)
    wof.write_table(records, args.out)
    counts = dict(report.counts)
    counts["seconds"] = round(time.perf_counter() - started)
    counts["bytes"] = args.out.stat().st_size
    print(json.dumps({"table": str(args.out), "extracts": len(paths), **counts}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
