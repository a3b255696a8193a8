"""Gazetteer cost: index build time and size, load time, resident memory after load.

Run from the repository root: ``python -m bench.gazetteer [--build]``. ``--build`` builds a
fresh index into a temporary file first (minutes) and reports its time; without it the
installed ``frontwire/gazetteer/index.sqlite`` is measured. Load and memory are measured in a
fresh child process so this process's imports do not count. Targets (issue 17): load <= 0.5 s,
RSS after load <= 300 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from frontwire.gazetteer.index import INDEX_PATH

_CHILD = r"""
import json, sys, time
from pathlib import Path
def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
before = rss_mb()
import frontwire.gazetteer.index as ix
imported = rss_mb()
t0 = time.perf_counter()
gaz = ix.Gazetteer(Path(sys.argv[1]))
gaz.lookup(["kyiv", "bakhmut", "avdiivka"])
gaz.admin1_loose_names()
loaded = time.perf_counter() - t0
t1 = time.perf_counter()
found = gaz.candidates(["Kleshcheevka", "Avdeevka", "Klishchiivka"])
lookup_ms = (time.perf_counter() - t1) * 1000
print(json.dumps({"load_s": round(loaded, 3), "rss_after_load_mb": round(rss_mb(), 1),
                  "rss_of_load_mb": round(rss_mb() - imported, 1),
                  "loose_lookup_ms": round(lookup_ms, 1),
                  "kleshcheevka_candidates": len(found["Kleshcheevka"])}))
"""


def measure(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="build a fresh index and time it")
    parser.add_argument("--index", type=Path, default=INDEX_PATH)
    args = parser.parse_args(argv)
    report: dict = {}
    path = args.index
    if args.build:
        from frontwire.gazetteer import build

        path = Path(tempfile.mkdtemp()) / "index.sqlite"
        started = time.perf_counter()
        counts = build.build(path)
        report["build_s"] = round(time.perf_counter() - started, 1)
        report["places"] = {k: v for k, v in counts.items() if k != "seconds"}
    if not path.exists():
        print(f"bench.gazetteer: no index at {path}; build it or pass --build", file=sys.stderr)
        return 2
    report["index_mb"] = round(path.stat().st_size / 2**20, 1)
    report.update(measure(path))
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
