"""Read-only access to the place index built by ``frontwire.gazetteer.build``.

The index stays on disk (SQLite, opened immutable); only countries and first-level units,
a few thousand rows, are kept in memory. Look-ups are by folded name, many keys per query,
so one article costs one or two queries.
"""

from __future__ import annotations

import difflib
import math
import re
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from frontwire.errors import FrontwireError
from frontwire.gazetteer.fold import fold, loose_key
from frontwire.geo import haversine_km

INDEX_PATH = Path(__file__).resolve().parent / "index.sqlite"
#: Bumped when the table layout changes; an older index must be rebuilt.
SCHEMA_VERSION = "3"
_COLUMNS = (
    "id, name, feature, cc, lat, lon, population, geonameid, a1code, admin1, admin2, "
    "radius_km, iso3166_2, seat_lat, seat_lon, placetype, wof_id, source"
)
_UNIT_WORDS = re.compile(
    r"\b(oblast|oblasts|province|governorate|region|state|prefecture|department|muhafazat|"
    r"ska|skyi|kraj|krai|autonomous republic of|republic of|city of|the)\b"
)


@dataclass(frozen=True)
class Entry:
    """One place of the index."""

    id: int
    name: str
    feature: str  # city | admin1 | admin2 | country | region
    cc: str | None
    lat: float
    lon: float
    population: int
    geonameid: int | None
    a1code: str | None
    admin1: str | None
    admin2: str | None
    radius_km: float | None
    iso3166_2: str | None
    seat_lat: float | None = None  # admin-1 only: its largest town, where ACLED puts it
    seat_lon: float | None = None
    placetype: str | None = None  # GeoNames feature code (PPL...) or WOF placetype
    wof_id: int | None = None  # the Who's On First record it came from or was merged with
    source: str = "geonames"  # "wof": a village only Who's On First has


def loose_admin_name(name: str | None) -> str:
    """'Kharkivska oblast', 'Kharkiv Oblast' and 'Kharkiv' all give 'kharkiv'."""
    key = _UNIT_WORDS.sub(" ", fold(name or ""))
    key = re.sub(r"(ska|skyi|s?kaya)$", "", key.replace(" ", ""))
    return key


class Gazetteer:
    """The place index: names to entries, and the admin units that contain a point."""

    def __init__(self, path: Path = INDEX_PATH) -> None:
        if not path.exists():
            raise FrontwireError(
                f"gazetteer index {path} is missing: build it once with "
                "`python -m frontwire.gazetteer.build` (scripts/setup.sh does this)"
            )
        self.path = path
        self._con = sqlite3.connect(
            f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()
        with self._lock:
            row = self._con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None or row[0] != SCHEMA_VERSION:
            raise FrontwireError(
                f"gazetteer index {path} is from an older frontwire: rebuild it with "
                "`FORCE=1 scripts/build_gazetteer.sh` (or `python -m frontwire.gazetteer.build`)"
            )
        rows = self._query(
            f"SELECT {_COLUMNS} FROM place WHERE feature IN ('country', 'admin1', 'region')"
        )
        self.countries: dict[str, Entry] = {}
        self.admin1: dict[tuple[str, str], Entry] = {}
        for entry in rows:
            if entry.feature == "country" and entry.cc:
                self.countries[entry.cc] = entry
            elif entry.feature == "admin1" and entry.cc and entry.a1code:
                self.admin1[(entry.cc, entry.a1code)] = entry
        self._admin1_aliases: dict[str, dict[str, set[str]]] | None = None
        self._admin1_by_loose: dict[str, list[Entry]] | None = None
        self._admin1_by_length: dict[int, list[str]] | None = None
        self._closest_cache: dict[tuple[str, float], list[str]] = {}
        self._admin1_by_code: dict[str, list[Entry]] | None = None

    def _aliases(self) -> dict[str, dict[str, set[str]]]:
        """Loose names of every admin-1 unit by country, read on first use."""
        if self._admin1_aliases is None:
            admin_ids = {e.id: e for e in self.admin1.values()}
            with self._lock:
                pairs = self._con.execute("SELECT key, pid FROM unit_name").fetchall()
            table: dict[str, dict[str, set[str]]] = defaultdict(dict)
            for key, pid in pairs:
                entry = admin_ids.get(pid)
                if entry is not None and entry.cc:
                    table[entry.cc].setdefault(entry.name, set()).add(loose_admin_name(key))
            self._admin1_aliases = table
        return self._admin1_aliases

    def admin1_named(self, cc: str | None, name: str) -> Entry | None:
        """The first-level unit of a country known by a name ('Rakhine State' -> Rakhine)."""
        key = loose_admin_name(name)
        if not cc or not key:
            return None
        for entry in self.admin1_loose_names().get(key, []):
            if entry.cc == cc:
                return entry
        return None

    def admin1_loose_names(self) -> dict[str, list[Entry]]:
        """First-level units by loose name ('donetsk'), for matching misspelt unit names."""
        if self._admin1_by_loose is None:
            by_name = {(e.cc, e.name): e for e in self.admin1.values()}
            table: dict[str, list[Entry]] = defaultdict(list)
            for cc, units in self._aliases().items():
                for name, keys in units.items():
                    entry = by_name.get((cc, name))
                    for key in keys:
                        if entry is not None and len(key) >= 4 and entry not in table[key]:
                            table[key].append(entry)
            self._admin1_by_loose = dict(table)
        return self._admin1_by_loose

    def closest_admin1_names(self, loose: str, cutoff: float = 0.85) -> list[str]:
        """The two unit names closest to ``loose`` (difflib's ratio >= cutoff), best first.

        Cached per name, and only names of a length that could reach the cutoff are compared:
        a ratio of 2*M/(a+b) >= c needs min(a,b)/max(a,b) >= c/(2-c). This ran for every
        unknown name before a unit word and was a tenth of extraction time.
        """
        key = (loose, cutoff)
        cached = self._closest_cache.get(key)
        if cached is not None:
            return cached
        if self._admin1_by_length is None:
            by_length: dict[int, list[str]] = defaultdict(list)
            for name in self.admin1_loose_names():
                by_length[len(name)].append(name)
            self._admin1_by_length = dict(by_length)
        share = cutoff / (2 - cutoff)
        size = len(loose)
        candidates = [
            name
            for length, names in self._admin1_by_length.items()
            if min(length, size) >= share * max(length, size)
            for name in names
        ]
        found = difflib.get_close_matches(loose, candidates, n=2, cutoff=cutoff)
        self._closest_cache[key] = found
        return found

    def admin1_by_code(self, code: str) -> list[Entry]:
        """First-level units whose ISO 3166-2 code ends with ``code`` ('UP' -> Uttar Pradesh,
        'TX' -> Texas), in every country that has one."""
        if self._admin1_by_code is None:
            table: dict[str, list[Entry]] = defaultdict(list)
            for entry in self.admin1.values():
                if entry.iso3166_2 and "-" in entry.iso3166_2:
                    table[entry.iso3166_2.split("-", 1)[1].upper()].append(entry)
            self._admin1_by_code = dict(table)
        return self._admin1_by_code.get(code.upper(), [])

    def _query(self, sql: str, params: Iterable = ()) -> list[Entry]:
        with self._lock:
            return [Entry(*row) for row in self._con.execute(sql, tuple(params))]

    def lookup(self, keys: Iterable[str]) -> dict[str, list[tuple[Entry, bool]]]:
        """Entries for each folded key, with whether the key is the entry's own name."""
        wanted = sorted(set(keys))
        found: dict[str, list[tuple[Entry, bool]]] = defaultdict(list)
        for i in range(0, len(wanted), 400):
            chunk = wanted[i : i + 400]
            marks = ",".join("?" * len(chunk))
            sql = (
                f"SELECT n.key, n.main, {', '.join('p.' + c.strip() for c in _COLUMNS.split(','))}"
                f" FROM name n JOIN place p ON p.id = n.pid WHERE n.key IN ({marks})"
            )
            with self._lock:
                rows = self._con.execute(sql, chunk).fetchall()
            for key, main, *rest in rows:
                found[key].append((Entry(*rest), bool(main)))
        return found

    def candidates(
        self,
        names: Iterable[str],
        *,
        cc: str | None = None,
        admin1: str | None = None,
        admin2: str | None = None,
        near: tuple[float, float] | None = None,
        within_km: float = 25.0,
    ) -> dict[str, list[Entry]]:
        """Places each name may denote, matched loosely (``fold.loose_key``: 'Kleshcheevka'
        finds Klishchiivka), optionally only in a country, an admin-1 or admin-2 unit (names
        compared loosely, 'Donetsk Oblast' = 'Donetsk') or within ``within_km`` of a point.
        Each list is ordered by population, largest first; the geoparser decides."""
        by_loose: dict[str, list[str]] = defaultdict(list)
        for name in names:
            by_loose[loose_key(name)].append(name)
        wanted = sorted(k for k in by_loose if k)
        found: dict[str, list[Entry]] = {name: [] for keys in by_loose.values() for name in keys}
        cols = ", ".join("p." + c.strip() for c in _COLUMNS.split(","))
        for i in range(0, len(wanted), 400):
            chunk = wanted[i : i + 400]
            sql = (
                f"SELECT n.key, {cols} FROM loose_name n JOIN place p ON p.id = n.pid "
                f"WHERE n.key IN ({','.join('?' * len(chunk))})"
            )
            with self._lock:
                rows = self._con.execute(sql, chunk).fetchall()
            for key, *rest in rows:
                entry = Entry(*rest)
                if self._inside(entry, cc, admin1, admin2, near, within_km):
                    for name in by_loose[key]:
                        found[name].append(entry)
        for entries in found.values():
            entries.sort(key=lambda e: (-(e.population or 0), e.id))
        return found

    def _inside(
        self,
        entry: Entry,
        cc: str | None,
        admin1: str | None,
        admin2: str | None,
        near: tuple[float, float] | None,
        within_km: float,
    ) -> bool:
        if cc and entry.cc != cc:
            return False
        if admin1 and not self.same_admin1(entry.admin1, admin1, entry.cc):
            return False
        if admin2 and loose_admin_name(entry.admin2) != loose_admin_name(admin2):
            return False
        if near is not None:
            return haversine_km(near[0], near[1], entry.lat, entry.lon) <= within_km
        return True

    def places_near(
        self, lat: float, lon: float, within_km: float, features: Iterable[str] = ("city",)
    ) -> list[tuple[float, Entry]]:
        """(distance, place) of every place of those features within ``within_km``, nearest
        first: the villages around a town the article names."""
        dlat = within_km / 111.0
        dlon = dlat / max(0.1, math.cos(math.radians(lat)))
        kinds = list(features)
        sql = (
            f"SELECT {_COLUMNS} FROM place WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? "
            f"AND feature IN ({','.join('?' * len(kinds))})"
        )
        params = [lat - dlat, lat + dlat, lon - dlon, lon + dlon, *kinds]
        out = [(haversine_km(lat, lon, e.lat, e.lon), e) for e in self._query(sql, params)]
        return sorted((d, e) for d, e in out if d <= within_km)

    def places_in(
        self, cc: str, admin1: str | None = None, admin2: str | None = None
    ) -> list[Entry]:
        """The towns and villages of a country's admin-1 unit (and admin-2 unit within it)."""
        unit = self.admin1_named(cc, admin1) if admin1 else None
        if admin1 and unit is None:
            return []
        sql = f"SELECT {_COLUMNS} FROM place WHERE feature = 'city' AND cc = ?"
        params: list = [cc]
        if unit is not None:
            sql += " AND a1code = ?"
            params.append(unit.a1code)
        entries = self._query(sql, params)
        if admin2:
            want = loose_admin_name(admin2)
            entries = [e for e in entries if loose_admin_name(e.admin2) == want]
        return entries

    def towns_of(self, cc: str, min_population: int) -> list[Entry]:
        """A country's towns of at least ``min_population`` people (for misspelt names)."""
        sql = f"SELECT {_COLUMNS} FROM place WHERE feature = 'city' AND cc = ? AND population >= ?"
        return self._query(sql, [cc, min_population])

    def country(self, cc: str | None) -> Entry | None:
        return self.countries.get(cc) if cc else None

    def admin1_of(self, entry: Entry) -> Entry | None:
        """The first-level unit holding a place (itself for an admin-1 unit)."""
        if not entry.cc or not entry.a1code:
            return None
        return self.admin1.get((entry.cc, entry.a1code))

    def nearest_city(
        self, lat: float, lon: float, cc: str | None = None, max_km: float = 60.0
    ) -> Entry | None:
        """The closest GeoNames town, optionally in one country, within ``max_km`` (villages
        only WOF has are left out: ``places_near`` lists them)."""
        dlat = max_km / 111.0
        dlon = dlat / max(0.1, math.cos(math.radians(lat)))
        sql = (
            f"SELECT {_COLUMNS} FROM place WHERE feature = 'city' AND lat BETWEEN ? AND ? "
            "AND lon BETWEEN ? AND ? AND source = 'geonames'"
        )
        params: list = [lat - dlat, lat + dlat, lon - dlon, lon + dlon]
        if cc:
            sql += " AND cc = ?"
            params.append(cc)
        best: tuple[float, Entry] | None = None
        for entry in self._query(sql, params):
            dist = haversine_km(lat, lon, entry.lat, entry.lon)
            if dist <= max_km and (best is None or dist < best[0]):
                best = (dist, entry)
        return best[1] if best else None

    def same_admin1(self, a: str | None, b: str | None, cc: str | None = None) -> bool:
        """Whether two admin-1 names denote one unit ('Kiev City' = 'Kyiv City' = 'Kyiv')."""
        la, lb = loose_admin_name(a), loose_admin_name(b)
        if not la or not lb:
            return la == lb
        if la == lb:
            return True
        table = self._aliases()
        for code in [cc] if cc else list(table):
            for aliases in table.get(code, {}).values():
                if la in aliases and lb in aliases:
                    return True
        return False


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The shared index, opened once per process."""
    return Gazetteer()
