"""The ACLED and PLOVER tables: complete, consistent with each other, and loadable."""

from __future__ import annotations

import pytest

from frontwire.ontology import acled, plover
from frontwire.ontology.acled import load_json


def test_acled_taxonomy_has_six_types_and_25_sub_events() -> None:
    types = acled.taxonomy()["event_types"]
    assert len(types) == 6
    assert len(acled.sub_event_types()) == 25


@pytest.mark.parametrize(
    ("sub", "etype", "disorder"),
    [
        ("Armed clash", "Battles", "Political violence"),
        ("Air/drone strike", "Explosions/Remote violence", "Political violence"),
        ("Shelling/artillery/missile attack", "Explosions/Remote violence", "Political violence"),
        ("Attack", "Violence against civilians", "Political violence"),
        ("Peaceful protest", "Protests", "Demonstrations"),
        ("Excessive force against protesters", "Protests", "Political violence; Demonstrations"),
        ("Mob violence", "Riots", "Political violence; Demonstrations"),
        ("Arrests", "Strategic developments", "Strategic developments"),
    ],
)
def test_sub_event_maps_to_type_and_disorder(sub: str, etype: str, disorder: str) -> None:
    assert acled.event_type_for(sub) == etype
    assert acled.disorder_type_for(sub) == disorder


def test_every_acled_sub_event_has_a_plover_coding() -> None:
    for sub in acled.sub_event_types():
        plover_type, mode = plover.from_acled(sub)
        assert plover_type in plover.event_types()
        assert mode in plover.modes(plover_type)


def test_plover_coding_rejects_unknown_types_and_normalises_modes() -> None:
    with pytest.raises(ValueError, match="unknown PLOVER"):
        plover.coding("SHOUT", None, None)
    assert plover.coding("ASSAULT", "laser", "military")["mode"] == "unspecified"
    assert plover.is_verbal("ACCUSE") and not plover.is_verbal("ASSAULT")


def test_classifier_ships_and_reads_acled_style_notes() -> None:
    model = acled.classifier()
    assert model is not None
    assert set(model.classes) <= set(acled.sub_event_types())
    probs = model.predict_proba(
        "On 3 May 2020, around 200 teachers protested in front of the education ministry, "
        "demanding unpaid salaries. [size=around 200]"
    )
    assert max(probs, key=probs.__getitem__) == "Peaceful protest"
    assert abs(sum(probs.values()) - 1.0) < 1e-6


def test_classifier_text_drops_dates_sizes_and_digits() -> None:
    text = acled.classifier_text("On 9 May 2020, 12 people protested. [size=12]")
    assert "2020" not in text and "size" not in text and "12" not in text


def test_weapon_and_trigger_tables_are_well_formed() -> None:
    weapons = load_json("weapons.json")
    tags = {t["tag"] for t in weapons["terms"]}
    for wanted in ("cluster munitions", "unguided rockets", "artillery", "drones", "missiles"):
        assert wanted in tags
    assert "chemical weapons" in tags
    allegations = {a["tag"] for a in weapons["allegations"]}
    assert {"war crimes", "indiscriminate attacks"} <= allegations
    triggers = load_json("event_triggers.json")
    types = set(plover.event_types())
    for entry in triggers["words"] + triggers["phrases"]:
        assert entry["plover"] in types, entry
        assert entry["strength"] in ("strong", "weak")
