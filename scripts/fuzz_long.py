"""The long fuzz/property run (issue 10): many generated inputs over extractors and readers.

CI runs the same properties (tests/test_properties.py, tests/test_fuzz_readers.py) with
a few dozen fixed examples each; this script runs them with thousands of fresh random
inputs, in several rounds per property (hypothesis stops a round at its first failure and
shrinks it), then prints how many inputs were tried and every distinct crash with its
minimal input. Exit 1 on any crash.

    .venv/bin/python scripts/fuzz_long.py                    # ~10,500 inputs, ~3 min
    .venv/bin/python scripts/fuzz_long.py --extract 6000 --readers 3000 --rounds 10
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
import time
import traceback
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
_FRAME = re.compile(r'File "([^"]+)", line (\d+)')
_ERROR = re.compile(r"^[\s|]*(\w+(?:Error|Exception|Failure)):", flags=re.M)


def _run(module: object, name: str) -> str | None:
    """Run one hypothesis test once; the failure text (with its minimal input), or None."""
    try:
        getattr(module, name)()
    except Exception:  # a crash is the result we report, with its minimal input
        return traceback.format_exc(limit=8)
    return None


def _signature(failure: str) -> str:
    """Where a crash was raised (last file:line and exception), to count distinct crashes."""
    frames = _FRAME.findall(failure)
    last = f"{Path(frames[-1][0]).name}:{frames[-1][1]}" if frames else "?"
    kinds = _ERROR.findall(failure)
    return f"{last} {kinds[-1] if kinds else ''}".strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", type=int, default=3000, help="inputs for the extractors")
    parser.add_argument("--readers", type=int, default=1500, help="inputs per reader (5)")
    parser.add_argument("--rounds", type=int, default=6, help="random runs per property")
    args = parser.parse_args()
    os.environ["FRONTWIRE_FUZZ_SEED"] = str(int(time.time()))  # fresh inputs every run
    sys.path.insert(0, str(TESTS))
    # Each test module reads its per-run example count when imported.
    os.environ["FRONTWIRE_FUZZ_EXAMPLES"] = str(max(1, args.extract // args.rounds))
    props = importlib.import_module("test_properties")
    os.environ["FRONTWIRE_FUZZ_EXAMPLES"] = str(max(1, args.readers // args.rounds))
    readers = importlib.import_module("test_fuzz_readers")

    plan = [(props, "test_extraction_never_raises_and_offsets_slice_the_text")]
    plan += [(readers, f"test_{kind}_reader") for kind in ("text", "jsonl", "csv", "html", "feed")]
    crashes: dict[str, str] = {}
    failed_runs = 0
    started = time.monotonic()
    for module, name in plan:
        t0 = time.monotonic()
        for _ in range(args.rounds):
            failure = _run(module, name)
            if failure:
                failed_runs += 1
                crashes.setdefault(f"{name} at {_signature(failure)}", failure)
        print(f"{name}: {time.monotonic() - t0:.0f} s", flush=True)
    tried = {"extract": props.TRIED["extract"], **readers.TRIED}
    print("inputs tried: " + ", ".join(f"{k} {v:,}" for k, v in tried.items()))
    print(
        f"total inputs: {sum(tried.values()):,}; failed runs: {failed_runs}; "
        f"distinct crashes: {len(crashes)}; {time.monotonic() - started:.0f} s"
    )
    for where, failure in crashes.items():
        print(f"\n--- {where}\n{failure}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
