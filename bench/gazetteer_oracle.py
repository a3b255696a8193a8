"""Oracle recall of the gazetteer: how many gold locations the index could resolve at all.

Run from the repository root:
``python -m bench.gazetteer_oracle --old OLD.sqlite --new frontwire/gazetteer/index.sqlite``
(OLD: a GeoNames-only index, e.g. ``build --no-villages --out OLD.sqlite`` or an older one).
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
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

from frontwire.evaluate.holdout import is_holdout
from frontwire.gazetteer.fold import fold, loose_key
from frontwire.gazetteer.index import haversine_km

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


def _points_by_key(con: sqlite3.Connection, table: str, keys: set[str]) -> dict[str, list]:
    """Folded (or loose) key -> [(lat, lon)] of the places the index holds under it."""
    found: dict[str, list] = defaultdict(list)
    wanted = sorted(keys)
    for i in range(0, len(wanted), 400):
        chunk = wanted[i : i + 400]
        sql = (
            f"SELECT n.key, p.lat, p.lon FROM {table} n JOIN place p ON p.id = n.pid "
            f"WHERE n.key IN ({','.join('?' * len(chunk))})"
        )
        for key, lat, lon in con.execute(sql, chunk):
            found[key].append((lat, lon))
    return found


def recall(path: Path, points: list[tuple[list[str], float, float, bool]]) -> dict:
    """Shares of gold points with a same-name (and loose-name) place within 25 km. Reads the
    index with plain SQL, so an index of an older layout (no loose keys) is measured too."""
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    has_loose = (
        con.execute("SELECT 1 FROM sqlite_master WHERE name = 'loose_name'").fetchone() is not None
    )
    names = {n for names, *_ in points for n in names}
    exact = _points_by_key(con, "name", {fold(n) for n in names})
    loose = _points_by_key(con, "loose_name", {loose_key(n) for n in names}) if has_loose else {}
    counts: Counter = Counter()

    def near(found: dict[str, list], keys: list[str], lat: float, lon: float) -> bool:
        return any(
            haversine_km(lat, lon, plat, plon) <= WITHIN_KM
            for key in keys
            for plat, plon in found.get(key, ())
        )

    for names_, lat, lon, ukraine in points:
        same = near(exact, [fold(n) for n in names_], lat, lon)
        similar = same or near(loose, [loose_key(n) for n in names_], lat, lon)
        for scope in ("all", "ukraine") if ukraine else ("all",):
            counts[f"{scope}_rows"] += 1
            counts[f"{scope}_same_name"] += same
            counts[f"{scope}_loose_name"] += similar
    con.close()
    out: dict = {}
    for scope in ("all", "ukraine"):
        n = counts[f"{scope}_rows"]
        if n:
            out[scope] = {
                "rows": n,
                "same_name_25km": round(counts[f"{scope}_same_name"] / n, 3),
                "loose_name_25km": round(counts[f"{scope}_loose_name"] / n, 3)
                if has_loose
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
        if not path.exists():
            raise SystemExit(f"gazetteer_oracle: no index at {path}")
        report[label] = {name: recall(path, points) for name, points in sets.items()}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
