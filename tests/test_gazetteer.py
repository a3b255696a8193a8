"""The offline place index: built from installed packages only, small and quick to open."""

from __future__ import annotations

import socket
import sqlite3
import time
from pathlib import Path

import pytest

from frontwire.errors import FrontwireError
from frontwire.gazetteer import build
from frontwire.gazetteer.fold import fold
from frontwire.gazetteer.index import Gazetteer, get_gazetteer, loose_admin_name


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real build, limited to three countries so the test stays quick, with no network."""
    path = tmp_path_factory.mktemp("gaz") / "index.sqlite"

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the gazetteer build tried to use the network")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", refuse)
        mp.setattr(socket, "create_connection", refuse)
        counts = build.build(path, countries={"UA", "LB", "LY"})
    assert counts["city"] > 1000
    assert counts["admin1"] >= 27 + 8  # Ukraine's oblasts and Lebanon's governorates
    return path


def test_index_builds_offline_from_installed_packages(small_index: Path) -> None:
    gaz = Gazetteer(small_index)
    found = gaz.lookup(["syeverodonetsk", "severodonetsk", "sievierodonetsk"])
    for key in ("syeverodonetsk", "severodonetsk", "sievierodonetsk"):
        towns = [e for e, _ in found[key] if e.cc == "UA" and e.feature == "city"]
        assert towns, key
        assert abs(towns[0].lat - 48.95) < 0.05 and abs(towns[0].lon - 38.49) < 0.05
        assert towns[0].admin1 == "Luhansk"


def test_admin1_units_have_names_iso_codes_and_centroids(small_index: Path) -> None:
    gaz = Gazetteer(small_index)
    luhansk = [e for e, _ in gaz.lookup(["luhansk"])["luhansk"] if e.feature == "admin1"]
    assert len(luhansk) == 1
    unit = luhansk[0]
    # GeoNames code 14 is Luhansk; ISO 3166-2 calls it UA-09 (UA-14 is Donetsk).
    assert unit.a1code == "14" and unit.iso3166_2 == "UA-09"
    assert 48.0 < unit.lat < 49.6 and 38.0 < unit.lon < 40.0
    assert gaz.admin1[("UA", "05")].iso3166_2 == "UA-14"


def test_curated_regions_and_country_aliases_are_indexed(small_index: Path) -> None:
    gaz = Gazetteer(small_index)
    found = gaz.lookup(["donbass", "gaza strip", "ukraine", "drc"])
    assert any(e.feature == "region" and e.cc == "UA" for e, _ in found["donbass"])
    assert any(e.feature == "region" for e, _ in found["gaza strip"])
    assert any(e.feature == "country" and e.cc == "UA" for e, _ in found["ukraine"])
    assert any(e.feature == "country" and e.cc == "CD" for e, _ in found["drc"])


def test_both_tripolis_are_there(small_index: Path) -> None:
    found = Gazetteer(small_index).lookup(["tripoli"])["tripoli"]
    assert {e.cc for e, _ in found if e.feature == "city" and e.population > 100_000} == {
        "LB",
        "LY",
    }


def test_missing_index_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(FrontwireError, match=r"frontwire\.gazetteer\.build"):
        Gazetteer(tmp_path / "nothing.sqlite")


def test_shared_index_opens_fast_and_once() -> None:
    get_gazetteer.cache_clear()
    started = time.perf_counter()
    gaz = get_gazetteer()
    assert time.perf_counter() - started < 1.0
    assert get_gazetteer() is gaz
    assert len(gaz.countries) > 240


def test_fold_makes_spellings_meet() -> None:
    assert fold("Syeverodonets'k") == fold("Syeverodonetsk") == "syeverodonetsk"
    assert fold("Łuhańsk") == "luhansk"
    assert fold("Bar-Sanguun") == "bar sanguun"
    assert fold("U.S.") == "us"


def test_admin1_names_compare_loosely() -> None:
    gaz = get_gazetteer()
    assert loose_admin_name("Kharkivska oblast") == loose_admin_name("Kharkiv Oblast")
    assert gaz.same_admin1("Kiev City", "Kyiv City", "UA")
    assert gaz.same_admin1("Idlib", "Idleb", "SY")
    assert not gaz.same_admin1("Luhansk", "Donetsk", "UA")


def test_nearest_populated_place_gives_admin_names() -> None:
    town = get_gazetteer().nearest_city(48.95, 38.49, "UA")
    assert town is not None and town.admin1 == "Luhansk"
    assert get_gazetteer().nearest_city(0.0, -30.0) is None  # mid-Atlantic


def test_a_unit_keeps_its_capital_beside_its_centre(small_index: Path) -> None:
    gaz = Gazetteer(small_index)
    kherson = next(e for e, _ in gaz.lookup(["kherson"])["kherson"] if e.feature == "admin1")
    assert kherson.seat_lat is not None and kherson.seat_lon is not None
    assert abs(kherson.seat_lat - 46.64) < 0.1 and abs(kherson.seat_lon - 32.61) < 0.1
    # the centre stays the unit's own point, for villages known only by their province
    assert (kherson.lat, kherson.lon) != (kherson.seat_lat, kherson.seat_lon)


def test_units_read_as_conflict_data_spells_them(small_index: Path) -> None:
    gaz = Gazetteer(small_index)
    names = {e.name for (cc, _), e in gaz.admin1.items() if cc == "LY"}
    assert {"Sirt", "Benghazi", "Aljfara"} <= names  # GeoNames: Surt, Banghazi, Sha`biyat ...
    sirt = gaz.lookup(["surt"])["surt"]  # the old name stays an alias
    assert any(e.feature == "admin1" and e.name == "Sirt" for e, _ in sirt)


def test_misspelt_unit_names_find_the_closest_unit() -> None:
    units = get_gazetteer().admin1_loose_names()
    assert any(e.cc == "UA" and e.name == "Donetsk" for e in units["donetsk"])


def test_a_capital_missing_from_one_extract_still_gets_its_unit() -> None:
    # Bamako lies 5 km apart in the two GeoNames extracts: it is joined by name
    found = get_gazetteer().lookup(["bamako"])["bamako"]
    town = next(e for e, _ in found if e.feature == "city" and e.cc == "ML")
    assert town.admin1 == "Bamako"


def test_an_index_of_an_older_layout_says_how_to_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    con = sqlite3.connect(path)
    con.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);")
    con.execute("INSERT INTO meta VALUES ('schema', '1')")
    con.commit()
    con.close()
    with pytest.raises(FrontwireError, match="rebuild"):
        Gazetteer(path)


def test_first_level_units_by_state_code() -> None:
    names = {(e.cc, e.name) for e in get_gazetteer().admin1_by_code("up")}
    assert ("IN", "Uttar Pradesh") in names
    assert get_gazetteer().admin1_by_code("ZZZ") == []
