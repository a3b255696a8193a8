"""One table loader: the user's override reaches every reader, and broken tables are named."""

from __future__ import annotations

import json

import pytest

from frontwire.errors import FrontwireError
from frontwire.extract.places.lexicon import _focus_cues
from frontwire.ontology.tables import load_table, merge_tables


def test_the_actors_override_reaches_the_place_focus_cues(tmp_path, monkeypatch) -> None:
    user = {"actors": [{"name": "Qorvath Brigade", "aliases": ["Qorvath Brigade"], "iso": "NG"}]}
    path = tmp_path / "actors.json"
    path.write_text(json.dumps(user), encoding="utf-8")
    assert "Qorvath Brigade" not in _focus_cues()
    monkeypatch.setenv("FRONTWIRE_ACTORS_FILE", str(path))
    assert _focus_cues()["Qorvath Brigade"] == "NG"


def test_a_missing_override_file_is_named(monkeypatch) -> None:
    monkeypatch.setenv("FRONTWIRE_ACTORS_FILE", "/nonexistent/actors.json")
    with pytest.raises(FrontwireError, match=r"FRONTWIRE_ACTORS_FILE='/nonexistent/actors\.json'"):
        load_table("actors.json")


def test_a_table_without_a_required_key_is_refused_with_its_name() -> None:
    with pytest.raises(FrontwireError, match=r"ontology/weapons\.json lacks .*no_such_key"):
        load_table("weapons.json", required=("no_such_key",))


def test_merge_extends_lists_merges_dicts_and_replaces_the_rest() -> None:
    base = {"actors": [1], "templates": {"a": 1, "b": 2}, "version": 1}
    user = {"actors": [2], "templates": {"b": 3}, "version": 2}
    merged = merge_tables(base, user, extend=("actors",))
    assert merged == {"actors": [1, 2], "templates": {"a": 1, "b": 3}, "version": 2}
    assert base["actors"] == [1]  # the shipped table is not changed
