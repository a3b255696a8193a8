"""The event tables (triggers, cues, weapons, targets from ontology/), read once, and the
thresholds and code sets the other events modules share.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from frontwire.ontology.acled import ARMED_INTER as ARMED_INTER  # kept importable from here
from frontwire.ontology.acled import load_json

#: Dependency labels whose subtrees are separate clauses (not part of a trigger's clause).
CLAUSE_DEPS = {"ccomp", "advcl", "parataxis", "relcl", "csubj"}
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
#: Classes of the violence group whose first actor need not be armed.
NOT_ARMED_CLASSES = {"protest", "riot", "mob", "arrest", "intervene"}


# ---------------------------------------------------------------------------------------
# Tables


@dataclass(frozen=True)
class Lexicon:
    """The event tables, indexed for lookup by lemma."""

    words: dict[str, list[dict[str, Any]]]
    phrases: dict[str, list[dict[str, Any]]]
    weapons: dict[str, list[dict[str, Any]]]
    allegations: dict[str, list[dict[str, Any]]]
    group_of: dict[str, str]
    cues: dict[str, Any]
    labour: frozenset[str]
    labour_verbs: frozenset[str]  # "staged a strike", "went on strike": a walk-out, whoever strikes
    seize_weapons: frozenset[str]
    seize_goods: frozenset[str]
    notes: dict[str, Any]
    standalone_weak: frozenset[str]
    mobilize_subjects: frozenset[str]

    def cue(self, name: str) -> frozenset[str]:
        return frozenset(self.cues[name])


def _index(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        out.setdefault(entry["lemmas"][0], []).append(entry)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    triggers = load_json("event_triggers.json")
    weapons = load_json("weapons.json")
    words: dict[str, list[dict[str, Any]]] = {}
    for entry in triggers["words"]:
        for lemma in entry["lemmas"]:
            words.setdefault(lemma, []).append(entry)
    group_of = {cls: group for group, classes in triggers["groups"].items() for cls in classes}
    return Lexicon(
        words=words,
        phrases=_index(triggers["phrases"]),
        weapons=_index(weapons["terms"]),
        allegations=_index(weapons["allegations"]),
        group_of=group_of,
        cues=load_json("event_cues.json"),
        labour=frozenset(triggers["labour_strike_cues"]),
        labour_verbs=frozenset(triggers["labour_strike_verbs"]),
        seize_weapons=frozenset(triggers["seize_cues"]["weapons"]),
        seize_goods=frozenset(triggers["seize_cues"]["goods"]),
        notes=load_json("event_notes.json"),
        standalone_weak=frozenset(triggers["standalone_weak"]),
        mobilize_subjects=frozenset(triggers["mobilize_subjects"]),
    )
