"""Classifier fallback where the rules are unsure, and the PLOVER mode and context of an event."""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.tokens import Span

from frontwire.extract.config import extract_config
from frontwire.extract.events.merge import Cluster
from frontwire.extract.events.rules import _CLOSED_FAMILIES, _FAMILY
from frontwire.extract.events.tables import VIOLENT_TYPES
from frontwire.extract.events.tokens import _lemma
from frontwire.ontology import acled, plover
from frontwire.ontology.tables import load_table


def _ask_classifier(
    sents: list[Span], sub: str, strength: str, confidence: float
) -> tuple[str, float]:
    """Let the classifier pick among the sub-events close to the rules' answer.

    A weak rule answer (an attack with no weapon or target named) defers to the
    classifier; a strong one only when the classifier is nearly certain, which happens
    on text written like ACLED's notes and rarely on other prose.
    """
    model = acled.classifier()
    if model is None:
        return sub, confidence
    cfg = extract_config()
    allowed = _FAMILY.get(sub, {sub})
    probs = model.predict_proba(" ".join(s.text for s in sents))
    top = max(probs, key=probs.__getitem__)
    closed = sub in _CLOSED_FAMILIES and top not in allowed
    free = strength == "weak" and probs[top] >= cfg.classifier_free_prob and not closed
    if free and _same_kind(top, sub):
        return top, round(probs[top], 2)
    best = max(allowed, key=lambda c: probs.get(c, 0.0))
    needed = cfg.classifier_min_prob if strength == "weak" else cfg.classifier_override_prob
    if best != sub and probs.get(best, 0.0) >= needed:
        return best, round(probs[best], 2)
    return sub, max(confidence, round(probs.get(sub, 0.0), 2))


def _same_kind(candidate: str, sub: str) -> bool:
    """Demonstrations stay demonstrations, political violence stays violence."""
    demo = {"Protests", "Riots"}
    cand_type = acled.event_type_for(candidate)
    sub = "Attack" if sub in _CLOSED_FAMILIES else sub
    if sub == "damage":  # bare damage ("destroyed school") stays political violence
        return cand_type in VIOLENT_TYPES
    sub_type = (
        "Explosions/Remote violence" if sub.startswith("damage") else acled.event_type_for(sub)
    )
    if sub == "Violent demonstration":
        return cand_type != "Battles"  # "protesters clashed with police": not a battle
    if cand_type == "Protests" or sub_type == "Protests":
        return cand_type == sub_type or (sub_type in demo and cand_type in demo)
    if sub_type == "Strategic developments" and sub != "Looting/property destruction":
        return cand_type == sub_type  # a curfew's words ("after clashes") are not a battle
    return True


def _weapon_mode(weapons: list[dict[str, Any]], cluster: Cluster) -> str | None:
    for m in cluster.mentions:
        if m.weapon_mode:
            return m.weapon_mode
    modes = Counter(w["mode"] for w in weapons if w["cls"] not in ("intervene",))
    return modes.most_common(1)[0][0] if modes else None


#: Mode and context words and codes (``ontology/plover_coding.json``).
_PLOVER = load_table(
    "plover_coding.json",
    required=("accuse_modes", "accuse_default_mode", "fixed_modes", "contexts"),
)
_CONTEXTS: dict[str, Any] = _PLOVER["contexts"]


def _lemmas_match(rule: dict[str, Any], lemmas: set[str]) -> bool:
    """Every word of ``all`` among the lemmas and, where ``any`` is given, one of its words."""
    if not all(word in lemmas for word in rule.get("all", [])):
        return False
    return "any" not in rule or bool(lemmas & set(rule["any"]))


def _verbal_mode(plover_type: str, cluster: Cluster, lemmas: set[str]) -> str | None:
    if plover_type == "ACCUSE":
        for rule in _PLOVER["accuse_modes"]:
            if _lemmas_match(rule, lemmas):
                return rule["mode"]
        return _PLOVER["accuse_default_mode"]
    if plover_type == "CONSULT":
        return "visit" if any(_lemma(m.token) == "visit" for m in cluster.mentions) else "meeting"
    if plover_type in _PLOVER["fixed_modes"]:
        return _PLOVER["fixed_modes"][plover_type]
    if plover_type == "COERCE":
        if any(m.cls == "measure" for m in cluster.mentions):
            return "curfew"
        return "arrest" if any(m.cls == "arrest" for m in cluster.mentions) else "seize"
    available = plover.modes(plover_type)
    return "other" if "other" in available else available[0]


def _context(
    sub: str | None,
    plover_type: str,
    civ: bool,
    weapons: list[dict[str, Any]],
    cluster: Cluster,
    lemmas: set[str],
) -> str | None:
    if sub in _CONTEXTS["protest_subs"] or plover_type == "PROTEST":
        return "protest"
    if any(w["cls"] == "chemical" for w in weapons):
        return "cbrn"
    if sub in _CONTEXTS["terrorism_subs"]:
        return "terrorism"
    if civ or _lemmas_match(_CONTEXTS["human_rights"], lemmas):
        return "human rights"
    if plover_type in _CONTEXTS["territory_types"] or sub in _CONTEXTS["territory_subs"]:
        return "territory"
    if plover_type in _CONTEXTS["diplomatic_types"]:
        return "diplomatic"
    if plover_type == "AID":
        return "humanitarian"
    if plover_type == "ACCUSE":
        return "legal" if _lemmas_match(_CONTEXTS["accuse_legal"], lemmas) else "political"
    inters = {m.agent.inter for m in cluster.mentions if m.agent and m.agent.inter}
    if sub == "Arrests" or plover_type == "COERCE":
        political = inters & set(_CONTEXTS["political_arrest_inter"])
        return "crime" if not political else "political"
    return "military"
