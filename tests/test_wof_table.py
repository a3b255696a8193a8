"""The village table built from Who's On First: its merge, drop and transliteration rules
on a few fixture lines, and the shipped table's villages found by ACLED's spellings."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwire.gazetteer import build, wof
from frontwire.gazetteer.fold import fold, loose_key
from frontwire.gazetteer.index import Gazetteer

FIXTURE = Path(__file__).resolve().parent / "data" / "wof" / "ua.tsv"


def _city(gnid: int, name: str, cc: str, lat: float, lon: float, pop: int, alts: list[str]):
    return {
        "geonameid": gnid, "name": name, "countrycode": cc, "latitude": lat,
        "longitude": lon, "population": pop, "alternatenames": alts,
    }  # fmt: skip


CITIES = {
    "713174": _city(713174, "Bakhmut", "UA", 48.594, 37.999, 80500, ["Artemivsk", "Bachmut"]),
    "694403": _city(694403, "Siversk", "UA", 48.865, 38.097, 10875, ["Seversk"]),
    "703448": _city(703448, "Kramatorsk", "UA", 48.7233, 37.5563, 150000, []),
    "756135": _city(756135, "Warsaw", "PL", 52.2298, 21.0118, 1700000, ["Warszawa"]),
}


def _table() -> tuple[list[wof.WofRecord], wof.Report]:
    return wof.build_table([FIXTURE], CITIES, {"kabul": "AF", "warsaw": "PL"})


def _by_id(records: list[wof.WofRecord]) -> dict[int, wof.WofRecord]:
    return {r.wof_id: r for r in records}


def test_a_village_and_its_wof_copy_become_one_record() -> None:
    records = _by_id(_table()[0])
    assert 101868777 not in records  # the Cyrillic copy 1.3 km away, no geonameid
    village = records[1293482617]
    assert fold("Kleshcheevka") in village.folded_names()  # its names were merged in


def test_names_borrowed_from_a_bigger_place_are_dropped() -> None:
    records, report = _table()
    siversk = [r for r in records if "siversk" in r.folded_names()]
    assert len(siversk) == 1 and siversk[0].gn_merge == 694403  # the copy merged into it
    bakhmut_named = [r for r in records if {"bakhmut", "artemivsk", "bachmut"} & r.folded_names()]
    assert bakhmut_named == []  # Bakhmut itself is cities500's; no Siversk record takes its names
    assert report.counts["names dropped: another, bigger place's"] >= 3


def test_misplaced_records_are_dropped() -> None:
    records = _by_id(_table()[0])
    assert 101999001 not in records  # 'Kabul' with no GeoNames id in Donetsk oblast
    assert 101999002 not in records  # a Ukrainian record among Warsaw's streets
    assert 101870000 not in records  # regions are not villages


def test_cyrillic_only_records_get_the_national_latin_name() -> None:
    records = _by_id(_table()[0])
    assert records[101868097].name == "Novoluhanske"


def test_records_are_tied_to_the_geonames_town_they_copy() -> None:
    records = _by_id(_table()[0])
    assert records[101999003].gn_merge == 703448  # same name 2.5 km from cities500's Kramatorsk
    assert records[1293482617].gn_merge is None  # a village cities500 lacks: a new place
    assert records[1108815983].placetype == "county"


def test_the_table_round_trips(tmp_path: Path) -> None:
    records, _ = _table()
    path = tmp_path / "t.tsv.xz"
    wof.write_table(records, path)
    rows = list(wof.read_table(path))
    assert len(rows) == len(records)
    assert {r["wof_id"] for r in rows} == {str(r.wof_id) for r in records}
    assert list(wof.read_table(path, countries={"SY"})) == []


def test_acled_spellings_share_one_loose_key() -> None:
    assert loose_key("Klishchiivka") == loose_key("Kleshcheevka") == loose_key("Klyshchiyivka")
    assert loose_key("Avdiivka") == loose_key("Avdeevka") == loose_key("Awdijiwka")
    assert loose_key("Kharkiv") == loose_key("Harkiv")
    assert loose_key("Avdiivka") != loose_key("Andriivka")


@pytest.fixture(scope="module")
def ukraine_index(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """Ukraine's index with the fixture villages, built as setup.sh builds the real one."""
    folder = tmp_path_factory.mktemp("wof")
    records, _ = wof.build_table([FIXTURE], build.load_geonames_cities(), {"kabul": "AF"})
    wof.write_table(records, folder / "villages.tsv.xz")
    counts = build.build(folder / "index.sqlite", {"UA"}, folder / "villages.tsv.xz")
    assert counts["wof city added"] >= 1  # Klishchiivka, new to cities500
    assert counts["wof merged into geonames"] >= 2  # Siversk, Kramatorsk, Novoluhanske
    return Gazetteer(folder / "index.sqlite")


def test_a_village_is_found_by_acled_spellings(ukraine_index: Gazetteer) -> None:
    found = ukraine_index.candidates(["Klishchiivka", "Kleshcheevka"], admin1="Donetsk")
    for spelling in ("Klishchiivka", "Kleshcheevka"):
        villages = [e for e in found[spelling] if e.feature == "city"]
        assert villages, spelling
        assert abs(villages[0].lat - 48.53) < 0.05 and abs(villages[0].lon - 37.96) < 0.05
        assert villages[0].admin1 == "Donetsk" and villages[0].placetype == "PPL"


def test_candidates_narrow_to_a_unit_or_a_point(ukraine_index: Gazetteer) -> None:
    everywhere = ukraine_index.candidates(["Mykolaivka"])["Mykolaivka"]
    near = ukraine_index.candidates(["Mykolaivka"], near=(48.86, 37.77), within_km=10)
    assert len(everywhere) > 5  # a common town name
    assert len(near["Mykolaivka"]) == 1
    in_donetsk = ukraine_index.places_in("UA", admin1="Donetsk Oblast")
    assert len(in_donetsk) > 100 and {e.admin1 for e in in_donetsk} == {"Donetsk"}
    around = ukraine_index.places_near(48.53, 37.96, 3.0)
    assert any(e.wof_id == 1293482617 for _, e in around)  # Klishchiivka, 0 km


def test_a_wof_copy_of_a_town_adds_names_not_a_place(ukraine_index: Gazetteer) -> None:
    found = ukraine_index.lookup(["kramatorskaya"])["kramatorskaya"]  # a WOF-only name
    towns = [e for e, _ in found if e.feature == "city" and e.cc == "UA"]
    assert len(towns) == 1 and towns[0].wof_id == 101999003 and towns[0].population > 100000
    assert not ukraine_index.lookup(["kabul"]).get("kabul")
