"""Oracle recall of the gazetteer: how many gold locations the index could resolve at all.

Run from the repository root:
``python -m bench.gazetteer_oracle --old OLD.sqlite --new frontwire/gazetteer/index.sqlite``
(OLD: e.g. ``python -m frontwire.gazetteer.build --no-villages --out OLD.sqlite``).
For each gold row of ``../shared/eval/acled`` (all rows, held-out rows: ``is_holdout``) and
``../shared/eval/cir``, a location counts when the index holds a place with the same folded
name (``fold``; for ACLED "City - District" also the part before the dash) within 25 km of
the gold point, and, for an index that has loose keys, with the same ``loose_key``. This is
the ceiling a geoparser can reach with that index, not what it reaches.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

from frontwire.evaluate.holdout import is_holdout
from frontwire.gazetteer.fold import fold
from frontwire.gazetteer.index import Gazetteer, haversine_km

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
WITHIN_KM = 25.0


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def gold_points(shared: Path) -> dict[str, list[tuple[list[str], float, float, bool]]]:
    """(names, lat, lon, is_ukraine) per gold set."""
    sets: dict[str, list] = {"acled": [], "acled_holdout": [], "cir": []}
    for row in _rows(shared / "acled" / "events.csv"):
        names = [row["location"]]
        if " - " in row["location"]:
            names.append(row["location"].split(" - ", 1)[0])
        point = (names, float(row["latitude"]), float(row["longitude"]), row["iso3"] == "UKR")
        sets["acled"].append(point)
        if is_holdout(row["event_id_cnty"]):
            sets["acled_holdout"].append(point)
    for row in _rows(shared / "cir" / "events.csv"):
        if row.get("town/city") and row.get("lat") and row.get("lon"):
            point = ([row["town/city"]], float(row["lat"]), float(row["lon"]),
                     row["country"] == "Ukraine")  # fmt: skip
            sets["cir"].append(point)
    return sets


def _has_loose(gaz: Gazetteer) -> bool:
    with gaz._lock:
        found = gaz._con.execute("SELECT 1 FROM sqlite_master WHERE name = 'loose_name'").fetchone()
    return found is not None


def recall(gaz: Gazetteer, points: list[tuple[list[str], float, float, bool]]) -> dict:
    exact = gaz.lookup({fold(n) for names, *_ in points for n in names})
    loose = gaz.candidates({n for names, *_ in points for n in names}) if _has_loose(gaz) else None
    counts: Counter = Counter()
    for names, lat, lon, ukraine in points:
        near_exact = any(
            haversine_km(lat, lon, e.lat, e.lon) <= WITHIN_KM
            for n in names
            for e, _ in exact.get(fold(n), [])
        )
        near_loose = loose is not None and any(
            haversine_km(lat, lon, e.lat, e.lon) <= WITHIN_KM for n in names for e in loose[n]
        )
        for scope in ("all", "ukraine") if ukraine else ("all",):
            counts[f"{scope}_rows"] += 1
            counts[f"{scope}_same_name"] += near_exact
            counts[f"{scope}_loose_name"] += near_exact or near_loose
    out: dict = {}
    for scope in ("all", "ukraine"):
        n = counts[f"{scope}_rows"]
        if n:
            out[scope] = {
                "rows": n,
                "same_name_25km": round(counts[f"{scope}_same_name"] / n, 3),
                "loose_name_25km": round(counts[f"{scope}_loose_name"] / n, 3)
                if loose is not None
                else None,
            }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, help="the index before (e.g. a GeoNames-only one)")
    parser.add_argument("--new", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args(argv)
    sets = gold_points(args.shared)
    report: dict = {}
    for label, path in (("old", args.old), ("new", args.new)):
        if path is None:
            continue
        gaz = Gazetteer(path)  # a missing or older index says how to rebuild it
        report[label] = {name: recall(gaz, points) for name, points in sets.items()}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
