"""The ACLED rule tree (``_rule_sub_event``): weapons, targets and actors to a sub-event type,
and the families the classifier may pick from (``ontology/event_families.json``).
"""

from __future__ import annotations

from collections import Counter

from frontwire.extract.context import doc_text
from frontwire.extract.events.clues import (
    _all_intercepted,
    _armed_among_victims,
    _armed_means,
    _armed_presence,
    _crowd_agent,
    _crowd_fight,
    _describes_weapon,
    _done_by_actor,
    _has_any,
    _imposed,
    _object_words,
    _police_against_crowd,
    _police_step_in_next,
    _scene_noun,
)
from frontwire.extract.events.merge import Cluster
from frontwire.extract.events.tables import Lexicon
from frontwire.extract.events.tokens import _lemma
from frontwire.extract.events.triggers import _offensive
from frontwire.extract.events.verbal import national_mobilization
from frontwire.ontology.acled import ARMED_INTER
from frontwire.ontology.tables import load_table


def _rule_sub_event(
    cluster: Cluster,
    classes: set[str],
    wcls: Counter[str],
    text: str,
    lemmas: set[str],
    target: str | None,
    agent_inter: int | None,
    lex: Lexicon,
) -> tuple[str | None, str]:
    """ACLED's decision tree as rules; returns (sub-event type or None, strong|weak|certain)."""
    group = cluster.group
    if group == "agree":
        return ("Agreement", "strong") if "agreement" in classes else (None, "strong")
    if group == "measure":
        # curfews and lockdowns imposed by authorities: ACLED's "security measures"
        # "a blast at a checkpoint": a measure named as the scene is not one imposed
        imposed = [
            m
            for m in cluster.mentions
            if not _scene_noun(m.token, lex)
            and not (
                m.token.dep_ == "pobj" and m.token.head.lower_ in lex.cue("background_prepositions")
            )
        ]
        if imposed and (cluster.first.agent or any(_imposed(m.token, lex) for m in imposed)):
            return "Change to group/activity", "weak"
        return None, "weak"
    if group == "mobilize":
        if "base" in classes:
            return "Headquarters or base established", "strong"
        if national_mobilization(cluster, lex):
            return None, "strong"  # PLOVER's MOBILIZE: no armed group moved at a place
        return "Change to group/activity", "weak"
    if group != "violence":
        return None, "strong"
    remote = {"shelling", "air", "explosive", "grenade", "suicide", "chemical"}
    if "protest" in classes:
        demonstrators = lex.cue("demonstrator_words")
        if _has_any(text, lemmas, lex.cue("protest_excessive")) and agent_inter in (1, 2, 3):
            return "Excessive force against protesters", "weak"
        violent = lex.cue("protest_violent")
        # stones, barricades, arson: violent whatever else the crowd did (checked first so a
        # weak cue cannot hand "burned tyres on the road" to the classifier)
        if _has_any(text, lemmas, lex.cue("protest_violent_strong")):
            return "Violent demonstration", "strong"
        if classes & {"riot", "mob"} or (
            _has_any(text, lemmas, violent) and lemmas & demonstrators
        ):
            return "Violent demonstration", "weak"
        if "riot" in classes or _has_any(text, lemmas, violent):
            return "Violent demonstration", "weak"
        if "intervene" in classes or "arrest" in classes:
            return "Protest with intervention", "strong"
        if _police_step_in_next(cluster, lex):
            # a sentence of its own says the police broke it up; the classifier, which
            # reads only the protest's sentences, may not outvote that
            return "Protest with intervention", "strong"
        if _has_any(text, lemmas, lex.cue("protest_intervention")):
            return "Protest with intervention", "weak"  # "to demand the detained's release"
        return "Peaceful protest", "strong"
    if "chemical" in classes or ("chemical" in wcls and classes & {"attack", "kill"}):
        return "Chemical weapon", "strong"
    if "sexual" in classes:
        return "Sexual violence", "strong"
    if "suicide" in classes or "suicide" in wcls:
        return "Suicide bomb", "strong"
    if "riot" in classes:
        vandal = lex.cue("vandal_words")
        only_vandalism = all(
            m.cls != "riot" or _lemma(m.token) in vandal or m.token.lower_ in vandal
            for m in cluster.mentions
        )
        if only_vandalism and agent_inter in ARMED_INTER:
            # "militants vandalized the prefect's residence": destruction, not a riot
            return "Looting/property destruction", "strong"
        return "Violent demonstration", "strong"
    if "mob" in classes and not (classes & {"shelling", "air", "explosion", "bombing"}):
        if agent_inter in (5, 7) and not _crowd_agent(cluster, lex, (5, 7)):
            return "attack_civilians", "weak"  # "a man threw stones at a nurse": one attacker
        return "Mob violence", "strong"
    if "capture" in classes:
        target_inter = Counter(
            m.target.inter for m in cluster.mentions if m.target and m.target.inter
        )
        t_inter = target_inter.most_common(1)[0][0] if target_inter else None
        regained = any(
            m.cls == "capture" and _lemma(m.token) in lex.cue("regain_words")
            for m in cluster.mentions
        )
        # who took the ground fixes the sub-event (ACLED's convention), not the wording
        if agent_inter == 1 and (t_inter in (2, 3, 4) or regained):
            # "the army recaptured the village": ACLED's rule covers rival states too
            return "Government regains territory", "certain"
        if agent_inter in (2, 3, 4, 8):
            # ACLED's codebook: a non-state or a foreign state's force gaining ground
            return "Non-state actor overtakes territory", "certain"
        return "Armed clash", "weak"
    if (
        agent_inter == 5
        and classes & {"attack", "kill", "fight"}
        and _crowd_agent(cluster, lex)
        and not _armed_means(wcls, lemmas, lex)
    ):
        # villagers, traders, "a group of men" beating someone: an unorganised crowd with
        # no guns is mob violence (a riot), whoever its victim is
        return "Mob violence", "strong"
    armed = _armed_presence(cluster, lemmas, lex)
    if "fight" in classes:
        if (
            not armed
            or _police_against_crowd(cluster, lemmas, lex)
            or _crowd_fight(cluster, wcls, lemmas, lex)
        ):
            # villagers or rival families clashing; shopkeepers scuffling with police
            return "Mob violence", "weak"
        strong_fight = any(m.cls == "fight" and m.strength == "strong" for m in cluster.mentions)
        return "Armed clash", "strong" if strong_fight else "weak"
    violent_cls = classes & {"attack", "kill", "bombing", "explosion", "damage", "fight"}
    # "intercepted a missile fired by X": the firing describes the weapon that was stopped
    own_cls = {m.cls for m in cluster.mentions if not _describes_weapon(m, lex)}
    if "disrupt" in classes and not (own_cls & violent_cls) - {"damage"}:
        return "Disrupted weapons use", "strong"
    if _all_intercepted(cluster, classes):
        return "Disrupted weapons use", "strong"  # "fired a missile ... was intercepted"
    direct = classes & remote
    if "air" in classes or (direct == set() and wcls.get("air", 0) and classes & {"bombing"}):
        return "Air/drone strike", "strong"
    if "shelling" in classes:
        return "Shelling/artillery/missile attack", "strong"
    remote_w = {k: v for k, v in wcls.items() if k in remote}
    if wcls.get("firearms") and target == "armed" and (remote_w or "explosion" in classes):
        return "Armed clash", "strong"  # "fired mortars and small arms at the positions of"
    if remote_w and violent_cls:
        best = max(remote_w, key=lambda k: (remote_w[k], k == "shelling"))
        sub = {
            "shelling": "Shelling/artillery/missile attack",
            "air": "Air/drone strike",
            "explosive": "Remote explosive/landmine/IED",
            "grenade": "Grenade",
        }[best]
        return sub, "strong"
    if "abduct" in classes and "kill" not in classes:
        # "attacked the village, killed a resident and abducted others": ACLED codes the
        # killing (an attack or a clash) over the abduction
        return "Abduction/forced disappearance", "strong"
    if "explosion" in classes:
        return "Remote explosive/landmine/IED", "weak"
    if "bombing" in classes:
        return "Air/drone strike", "weak"
    if "loot" in classes and "kill" not in classes and target != "armed":
        return "Looting/property destruction", "weak"
    raids = [m for m in cluster.mentions if m.cls == "attack"]
    arrest_raid = (
        "arrest" in classes
        and "kill" not in classes
        and not wcls
        and all(_lemma(m.token) in lex.cue("raid_words") for m in raids)
    )  # "police raided a house and arrested two suspects": the raid is how they arrested
    if classes & {"attack", "kill"} and not arrest_raid:
        remote_words = lex.cue("remote_noun_heads")
        lowered = doc_text(cluster.first.token.doc).lower()
        if (agent_inter is None or agent_inter in ARMED_INTER) and any(
            p in lowered for p in lex.cue("armed_victim_phrases")
        ):
            # gang members shot by gunmen: ACLED codes a clash of armed sides, a rule the
            # classifier (which reads only the event's sentences) cannot see
            return "Armed clash", "certain"
        strikes = [m for m in cluster.mentions if m.cls == "attack"]
        if (
            "kill" not in classes
            and target != "armed"
            and all(_lemma(m.token) in remote_words and m.token.pos_ == "NOUN" for m in strikes)
            and not wcls.get("firearms")
        ):
            return "damage", "weak"  # "aftermath of a strike": remote violence, weapon unsaid
        if target == "armed" and agent_inter in ARMED_INTER:
            if _armed_among_victims(cluster.mentions, lex):
                return "Armed clash", "certain"  # the text lists armed men among the dead
            return "Armed clash", "strong"
        if target == "armed" and agent_inter != 7:
            return "Armed clash", "weak"
        if (
            target != "armed"
            and agent_inter in (1, 2, 3, 4)
            and "kill" not in classes
            and any(_offensive(m, lex) for m in strikes)
            and not any(
                words & lex.cue("civilian_target_words")
                for m in strikes
                for words, _ in _object_words(m.token, lex.cue("scene_at_nouns"))
            )
        ):
            # "rebels launched an assault on the town": an offensive by an armed force is
            # fought against whoever holds the place, a battle unless its object names
            # civilians (a victim guessed from the country does not count)
            return "Armed clash", "strong"
        if agent_inter == 7 and all(
            _lemma(m.token) in lex.cue("found_dead_words") for m in cluster.mentions
        ):
            # "police recovered the bodies of five men": killed by someone unnamed, an
            # attack on civilians; no second armed side is in the text
            return "attack_civilians", "weak"
        if target == "civilian":
            # one armed side only: never a clash; a mob only if no force or rebel named
            forces = agent_inter in (1, 2, 8)
            return ("attack_civilians" if forces else "attack_civilians_any"), "weak"
        return "Attack", "weak"
    if "arrest" in classes:
        if agent_inter in (2, 3, 4):
            return "Abduction/forced disappearance", "weak"  # ACLED: armed groups abduct
        return "Arrests", "strong"
    if "loot" in classes:
        return "Looting/property destruction", "weak"
    if "damage" in classes:
        by_someone = any(m.cls == "damage" and _done_by_actor(m, lex) for m in cluster.mentions)
        if by_someone and not any(k in remote for k in wcls):
            # "soldiers destroyed an airstrip", "settlers razed land": no weapon fired
            return "Looting/property destruction", "strong"
        # the classifier picks the sub-event: remote violence, or property destruction
        # when someone is said to have destroyed something ("soldiers destroyed an airstrip")
        return ("damage_by" if by_someone else "damage"), "weak"
    if "intervene" in classes:
        return None, "weak"
    return None, "weak"


_FAMILIES = load_table(
    "event_families.json", required=("families", "weapon_subs", "closed_families")
)
#: Sub-event types the classifier may choose instead of a weak rule answer, per rule answer.
_FAMILY: dict[str, set[str]] = {rule: set(subs) for rule, subs in _FAMILIES["families"].items()}
#: Sub-events the rules read from a planted or thrown weapon, not from who was hit.
_WEAPON_SUBS: set[str] = set(_FAMILIES["weapon_subs"])
#: Rule answers whose family is a hard limit: the text named who was hit.
_CLOSED_FAMILIES: set[str] = set(_FAMILIES["closed_families"])
