"""What the coding rules read from a merged event: target kind, struck things, crowds, armed
means and presence, the agent's inter code.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.tokens import Span, Token

from frontwire.extract.events.assertion import _has_subject
from frontwire.extract.events.conform import _is_default
from frontwire.extract.events.merge import Cluster
from frontwire.extract.events.tables import Lexicon
from frontwire.extract.events.tokens import _doc_lowers, _lemma, _pos_ok, _sent_of, _span_lemmas
from frontwire.extract.events.triggers import Mention
from frontwire.ontology.acled import ARMED_INTER

# ---------------------------------------------------------------------------------------
# Coding


def _sentences(cluster: Cluster) -> list[Span]:
    seen: dict[int, Span] = {}
    for m in cluster.mentions:
        seen.setdefault(m.sent.start, m.sent)
    return [seen[k] for k in sorted(seen)]


def _terms_in(sents: list[Span], index: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Weapon or allegation entries whose lemma sequence occurs in the sentences."""
    found: list[dict[str, Any]] = []
    for sent in sents:
        lemmas = _span_lemmas(sent)
        lowers = _doc_lowers(sent.doc)[sent.start : sent.end]
        covered: set[int] = set()
        for i in range(len(lemmas)):
            if i in covered or (lemmas[i] not in index and lowers[i] not in index):
                continue
            options = [e for key in {lemmas[i], lowers[i]} for e in index.get(key, [])]
            for entry in sorted(options, key=lambda e: -len(e["lemmas"])):
                seq = entry["lemmas"]
                window_l = lemmas[i : i + len(seq)]
                window_w = lowers[i : i + len(seq)]
                if seq not in (window_l, window_w):
                    continue
                if "pos" in entry and not _pos_ok(sent[i], entry["pos"]):
                    continue
                nxt = entry.get("needs_next")
                if nxt and (i + 1 >= len(lemmas) or lemmas[i + 1] not in nxt):
                    continue
                found.append(entry)
                covered.update(range(i, i + len(seq)))
                break
    return found


def _has_any(text: str, lemmas: set[str], phrases: frozenset[str]) -> bool:
    return any((p in lemmas) if " " not in p else (p in text) for p in phrases)


def _target_kind(cluster: Cluster, lex: Lexicon) -> str | None:
    """'civilian', 'armed' or None: the trigger's own object words first ("shot dead a
    laborer", "opened fire on two children"), then the target actors.

    The grammar of the trigger is surer than an actor guessed from elsewhere in the text
    ("police said the motive for the attack was unclear" names no victim).
    """
    violent = [m for m in cluster.mentions if m.cls not in ("arrest", "protest", "intervene")]
    if _armed_among_victims(violent, lex):
        return "armed"
    civilian = lex.cue("civilian_target_words")
    armed = lex.cue("armed_target_words")
    # "a member of the regime's intelligence", "two men": the actor says who they are
    plain = civilian - lex.cue("generic_person_words")
    scenes = lex.cue("scene_at_nouns")
    found = [pair for m in violent for pair in _object_words(m.token, scenes)]
    # "fired at the positions of X" names a target; "on two children at a checkpoint"
    # names the target, then the scene
    for hit in ([w for w, at in found if not at], [w for w, at in found if at]):
        if any(words & armed for words in hit):
            return "armed"  # bodyguards killed with the mayor: two armed sides met
        if any(words & plain for words in hit):
            return "civilian"
    for m in violent:
        t = m.target
        if t is not None and t.inter is not None:
            if t.inter == 7:
                return "civilian"
            if t.inter in ARMED_INTER:
                return "armed"
    return None


def _object_words(tok: Token, scenes: frozenset[str]) -> list[tuple[set[str], bool]]:
    """Lemmas of each thing a trigger acts on: its object, passive subject, or the noun
    after "on/against/at", each with its compounds and adjectives, and whether it is a
    place "at" which it happened ("at a checkpoint") rather than the target."""
    objs = [
        c
        for c in tok.children
        if c.dep_ in ("dobj", "nsubjpass", "pobj")
        or (c.dep_ == "prep" and c.lower_ in ("on", "against", "at"))
    ]
    out: list[tuple[set[str], bool]] = []
    for o in objs:
        heads = [o] if o.dep_ != "prep" else [g for g in o.children if g.dep_ == "pobj"]
        heads += [c for h in heads for c in h.children if c.dep_ == "conj"]  # "X and a base"
        for h in heads:
            words = {_lemma(h)}
            words.update(_lemma(c) for c in h.children if c.dep_ in ("compound", "amod"))
            words.update(_possessors(h))
            if h.ent_type_ == "NORP" and h.tag_ in ("NNS", "NNPS"):
                words.add("civilian")  # "hurled tear gas at Palestinians": its civilians
            out.append((words, o.lower_ == "at" and _lemma(h) in scenes))
    return out


def _possessors(noun: Token) -> set[str]:
    """Lemmas of whoever owns a struck thing: "the soldiers' school" and "gendarmes ...
    an attack on their school" strike the gendarmes' school, not a civilian one.

    "their" stands for the nearest plural noun before it in the sentence, leaving out
    times ("two days after") and the doers of the sentence (subjects, "by" phrases),
    whose own houses a report names otherwise."""
    out: set[str] = set()
    for child in noun.children:
        if child.dep_ != "poss":
            continue
        if child.pos_ != "PRON":
            out.add(_lemma(child))
            continue
        if child.lower_ != "their":
            continue
        for prev in reversed(_sent_of(noun)[: child.i - _sent_of(noun).start]):
            if prev.tag_ != "NNS" or prev.ent_type_ in ("DATE", "TIME", "CARDINAL"):
                continue
            doer = prev.dep_ in ("nsubj", "nsubjpass", "agent") or (
                prev.dep_ == "pobj" and prev.head.lower_ == "by"
            )
            if not doer:
                out.add(_lemma(prev))
            break
    return out


def _struck_things(cluster: Cluster, lex: Lexicon) -> set[str]:
    """Lemmas of what the event's verbs acted on ("destroyed a helicopter", "set fire to
    a plane"), so that a hit aircraft is not read as the weapon."""
    out: set[str] = set()
    launchers = lex.cue("weapon_launch_verbs")
    for m in cluster.mentions:
        if _lemma(m.token) in launchers:
            continue  # "launched drones at Odesa": the object is the weapon, not its target
        for c in m.token.children:
            if c.dep_ in ("dobj", "nsubjpass"):
                out.add(_lemma(c))
            elif c.dep_ == "prep" and c.lower_ in ("to", "on"):
                out.update(_lemma(g) for g in c.children if g.dep_ == "pobj")
    return out


def _police_step_in_next(cluster: Cluster, lex: Lexicon) -> bool:
    """Whether the sentence after the protest says the police broke it up ("Police
    dispersed the crowd."), a sentence that names no event of its own."""
    last = _sentences(cluster)[-1]
    doc = last.doc
    if last.end >= len(doc):
        return False
    nxt = _sent_of(doc[last.end])
    lemmas = {_lemma(t) for t in nxt}
    if not lemmas & (lex.cue("police_words") | lex.cue("state_agent_words")):
        return False
    if any(t.dep_ == "neg" for t in nxt):
        return False  # "the police did not intervene"
    return _has_any(nxt.text.lower(), lemmas, lex.cue("protest_intervention"))


def _crowd_agent(cluster: Cluster, lex: Lexicon, inters: tuple[int, ...] = (5,)) -> bool:
    """Whether the civilians who attacked are a crowd ("villagers", "a group of men"),
    not one person ("a man threw stones": ACLED's unidentified armed attacker)."""
    collective = lex.cue("mob_words")
    for m in cluster.mentions:
        agent = m.agent
        if agent is None or agent.inter not in inters:
            continue
        if _lemma(m.token) in lex.cue("victim_subject_verbs"):
            continue  # "three people died": the dead, not a crowd that killed
        span = m.token.doc.char_span(agent.start, agent.end) if agent.mention else None
        if span is None or _is_default(agent, m):
            return True
        head = span.root
        if head.tag_ in ("NNS", "NNPS") or _lemma(head) in collective:
            return True
    return False


def _crowd_fight(cluster: Cluster, wcls: Counter[str], lemmas: set[str], lex: Lexicon) -> bool:
    """A fight whose one side is a crowd (villagers, party supporters, youths) and no side
    is said to carry guns or to be a rebel group: ACLED's mob violence, not a battle."""
    doc = cluster.first.token.doc
    fights = [m for m in cluster.mentions if m.cls == "fight"]
    sides = {
        _lemma(t)
        for m in fights
        for t in doc.char_span(m.start, m.end, alignment_mode="expand") or []
    }  # the fight's own clause: "residents told local media" names no side
    named = [t for m in fights for t in _fight_sides(m.token)]
    sides.update(_lemma(t) for t in named)
    # "clashes erupted between Palestinians and Israeli forces": a people, not a force
    people = any(t.ent_type_ == "NORP" and t.tag_ in ("NNS", "NNPS") for t in named)
    if not (sides & lex.cue("crowd_words") or people) or _armed_means(wcls, lemmas, lex):
        return False
    return not any(
        actor is not None and actor.inter == 2
        for m in cluster.mentions
        for actor in (m.agent, m.target)
    )


def _fight_sides(tok: Token) -> list[Token]:
    """The sides a fight names after "between"/"with", on the noun ("clashes between X
    and Y") or on the verb it is subject of ("clashes broke out between X and Y")."""
    owners = [tok] + ([tok.head] if tok.dep_ in ("nsubj", "nsubjpass") else [])
    out: list[Token] = []
    for owner in owners:
        for prep in owner.children:
            if prep.dep_ == "prep" and prep.lower_ in ("between", "with"):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        out += [obj, *obj.conjuncts]
    return out


def _armed_means(wcls: Counter[str], lemmas: set[str], lex: Lexicon) -> bool:
    """Whether the attackers are said to be armed: guns, bombs, or "armed" men."""
    if any(k not in ("melee", "intervene", "none") for k in wcls):
        return True
    return bool(lemmas & lex.cue("armed_means_words"))


def _all_intercepted(cluster: Cluster, classes: set[str]) -> bool:
    """A launch whose weapons were all stopped: nothing is said hit, damaged or killed,
    except the weapon itself ("intercepted and destroyed")."""
    stops = {m.token.i for m in cluster.mentions if m.cls == "disrupt"}
    stops = {
        i for i in stops if _lemma(cluster.first.token.doc[i]) in ("intercept", "interception")
    }
    if not stops or classes & {"kill", "explosion", "air", "shelling", "bombing"}:
        return False
    return all(m.token.head.i in stops for m in cluster.mentions if m.cls == "damage")


def _armed_among_victims(mentions: list[Mention], lex: Lexicon, window: int = 5) -> bool:
    """Whether the dead or wounded include armed men ("12 people were killed, among them
    three prison guards"): then two armed sides met, which ACLED codes as a clash."""
    armed = lex.cue("armed_target_words")
    listing = lex.cue("victim_list_words")
    for m in mentions:
        if m.cls not in ("kill", "attack"):
            continue
        sent = m.sent
        for tok in sent:
            if tok.lower_ not in listing:
                continue
            after = sent.doc[tok.i + 1 : min(tok.i + 1 + window, sent.end)]
            if any(_lemma(t) in armed for t in after):
                return True
    return False


def _armed_presence(cluster: Cluster, lemmas: set[str], lex: Lexicon) -> bool:
    """Whether an organised armed actor takes part (else a clash is mob violence)."""
    for m in cluster.mentions:
        for actor in (m.agent, m.target):
            if actor is not None and actor.inter in ARMED_INTER:
                return True
    if lemmas & lex.cue("armed_agent_words"):
        return True
    weapons = _terms_in(_sentences(cluster), lex.weapons)
    return any(w["cls"] not in ("melee", "intervene") for w in weapons)


def _describes_weapon(m: Mention, lex: Lexicon) -> bool:
    """A participle that qualifies a weapon ("a missile fired by X", "drones launched")."""
    return m.token.dep_ in ("acl", "relcl") and _lemma(m.token.head) in lex.weapons


def _done_by_actor(m: Mention, lex: Lexicon) -> bool:
    """Whether the text names who did it ("soldiers destroyed", "destroyed by militants")."""
    if m.agent is None or not m.agent.mention:
        return False
    children = list(m.token.children)
    if m.token.dep_ == "conj" and not _has_subject(m.token):
        children += list(m.token.head.children)  # "soldiers found and destroyed ..."
    for child in children:
        if child.dep_ == "nsubj":
            # the subject must be people: in the caption "Children rehabilitation center
            # destroyed" the centre was destroyed, not by children; "a group of X" did it
            words = range(child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
            people = _lemma(child) in lex.cue("armed_agent_words") | lex.cue("mob_words")
            if m.agent.start <= child.idx < m.agent.end or (people and m.agent.start in words):
                return True
        elif child.dep_ == "agent":
            words = range(child.left_edge.idx, child.right_edge.idx + len(child.right_edge))
            if m.agent.start in words:
                return True
    return False


def _police_against_crowd(cluster: Cluster, lemmas: set[str], lex: Lexicon) -> bool:
    """Police on one side, unarmed people (workers, vendors, students) on the other."""
    police = lex.cue("police_words")
    others = lex.cue("armed_agent_words") - police - {"armed", "force", "forces", "unit"}
    if not lemmas & police or lemmas & others:
        return False
    return bool(lemmas & (lex.cue("civilian_target_words") - {"officer", "member", "leader"}))


def _agent_inter(cluster: Cluster) -> int | None:
    counts = Counter(m.agent.inter for m in cluster.mentions if m.agent and m.agent.inter)
    return counts.most_common(1)[0][0] if counts else None


def _scene_noun(tok: Token, lex: Lexicon) -> bool:
    """A noun that only says where something happened ("exploded at a checkpoint")."""
    return (
        tok.pos_ == "NOUN"
        and tok.dep_ == "pobj"
        and tok.head.lower_ in lex.cue("scene_prepositions")
    )


def _imposed(tok: Token, lex: Lexicon) -> bool:
    """A measure someone put in place ("imposed a curfew", "a ban was declared"), not one
    named as background ("during the lockdown")."""
    verbs = lex.cue("imposing_verbs")
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and _lemma(head) in verbs:
        return True
    return (
        tok.dep_ == "conj" and head.dep_ in ("dobj", "nsubjpass") and (_lemma(head.head) in verbs)
    )
