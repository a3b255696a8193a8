"""Today's event typer (``RulesTyper``, one ``EventTyper``): one merged event coded in ACLED
and PLOVER terms, rules first, then the classifier.
"""

from __future__ import annotations

from frontwire.extract.config import extract_config
from frontwire.extract.events.merge import Cluster
from frontwire.extract.events.modes import _ask_classifier, _context, _verbal_mode, _weapon_mode
from frontwire.extract.events.rules import _CLOSED_FAMILIES, _WEAPON_SUBS, _rule_sub_event
from frontwire.extract.events.tables import VIOLENT_TYPES, Lexicon
from frontwire.extract.events.typer import Coding, TypingFeatures
from frontwire.ontology import acled, plover

__all__ = ["Coding", "RulesTyper", "code_cluster"]


class RulesTyper:
    """The ACLED rule tree with the classifier where the rules are unsure."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def type_event(self, features: TypingFeatures) -> Coding:
        return code_cluster(features.cluster, self.lex, features)


def code_cluster(cluster: Cluster, lex: Lexicon, features: TypingFeatures | None = None) -> Coding:
    """ACLED sub-event and PLOVER coding of one merged event (rules, then the classifier)."""
    features = features or TypingFeatures(cluster, lex)
    sents = features.sentences
    classes = features.classes
    weapons = features.weapons
    wcls = features.weapon_classes
    tags = list(dict.fromkeys(w["tag"] for w in weapons))
    text = features.text
    lemmas = features.lemmas
    target = features.target_kind
    agent_inter = features.agent_inter
    sub, strength = _rule_sub_event(cluster, classes, wcls, text, lemmas, target, agent_inter, lex)
    cfg = extract_config()
    strong = strength in ("strong", "certain")
    confidence = cfg.rule_confidence_strong if strong else cfg.rule_confidence_weak
    if sub is not None and strength != "certain":
        rule_sub = sub
        sub, confidence = _ask_classifier(sents, sub, strength, confidence)
        if (
            rule_sub in _WEAPON_SUBS
            and strength == "strong"
            and sub == "Armed clash"
            and not wcls.get("firearms")
            and "fight" not in classes
        ):
            # "a convoy hit an IED, killing two soldiers": soldiers as victims read like a
            # clash to the classifier, but with no gunfire or fighting there was no battle
            sub, confidence = rule_sub, cfg.rule_confidence_strong
    if sub in ("damage", "damage_by"):
        sub = "Shelling/artillery/missile attack"
    if sub in _CLOSED_FAMILIES:
        sub = "Attack"
    if sub is None:
        plover_type = cluster.first.plover
        mode = _verbal_mode(plover_type, cluster, lemmas)
    else:
        plover_type, mode = plover.from_acled(sub)
        weapon_mode = _weapon_mode(weapons, cluster)
        if weapon_mode and plover_type in ("ASSAULT", "FIGHT"):
            mode = weapon_mode
    civ = False
    if sub is not None and acled.event_type_for(sub) in VIOLENT_TYPES | {"Riots"}:
        civ = acled.event_type_for(sub) == "Violence against civilians" or target == "civilian"
    context = _context(sub, plover_type, civ, weapons, cluster, lemmas)
    return Coding(sub, plover_type, mode, context, confidence, civ, tags)
