"""Candidate event mentions: trigger words found over the dependency parse, refined to an
ACLED class and PLOVER type by the words around them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from frontwire.extract.events.assertion import (
    background_statement,
    clause_span,
    entry_strength,
    is_asserted,
)
from frontwire.extract.events.tables import CLAUSE_DEPS, Lexicon, lexicon
from frontwire.extract.events.tokens import _doc_lemmas, _lemma, _pos_ok, _sent_of, _span_lemmas
from frontwire.extract.events.verbal import (
    VERBAL_REFINERS,
    carried_by_cyberattack,
    conditional_threats,
    refine_verbal,
)
from frontwire.model import Actor, Claim
from frontwire.ontology.tables import load_table

# ---------------------------------------------------------------------------------------
# Mentions


@dataclass
class Mention:
    """One trigger in one clause, with what the other extractors say about it."""

    token: Token
    cls: str
    plover: str
    strength: str
    start: int  # clause span (characters)
    end: int
    weapon_mode: str | None = None
    swap_roles: bool = False
    claim: Claim | None = None
    reporter: str | None = None
    agent: Actor | None = None
    target: Actor | None = None
    place: Any = None  # places.LocationChoice
    place_in_clause: bool = False
    date: Any = None  # times.DateChoice

    @property
    def sent(self) -> Span:
        return _sent_of(self.token)

    @property
    def group(self) -> str:
        return lexicon().group_of.get(self.cls, self.cls)


def _caption_lemma(tok: Token, lex: Lexicon) -> str:
    """The lemma, also for a caption's capitalised verb that the tagger took for a name
    and left unlemmatised ("Targeted building", "Drone Dropping Bomb")."""
    lemma = _lemma(tok)
    if tok.pos_ != "PROPN" or lemma in lex.words:
        return lemma
    low = tok.lower_
    for suffix in ("ing", "ed", "d", "s"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)]
            for form in (stem, stem[:-1] if stem[-1:] == stem[-2:-1] else stem):
                if form in lex.words:
                    return form
    return lemma


_VIOLENCE_CUE_LISTS = (
    "digital_targets",
    "cyber_words",
    "modifier_heads",
    "weapon_kind_participles",
    "material_nouns",
    "material_verbs",
    "material_nouns_of",
    "policy_subjects",
    "state_participles",
)


@lru_cache(maxsize=1)
def _violence_cues() -> dict[str, frozenset[str]]:
    """The word lists of ``violence_cues.json``, read once: the checks below run on every
    violence trigger of every article."""
    table = load_table("violence_cues.json", required=_VIOLENCE_CUE_LISTS)
    return {key: frozenset(table[key]) for key in _VIOLENCE_CUE_LISTS}


def _describes_noun(tok: Token, lex: Lexicon) -> bool:
    """A violence noun that only qualifies another noun: a kind of weapon ("strike and air
    defence missiles", "attack helicopters") or a thing named for violence ("air raid
    shelter", "bomb shelter"), not an event."""
    if tok.dep_ not in ("compound", "nmod", "amod"):
        return False
    if _starts_weapon_name(tok, lex):
        return True  # "Storm Shadow missiles"
    cues = _violence_cues()
    if tok.pos_ not in ("NOUN", "PROPN"):
        # "shoulder-fired grenades": a participle naming a kind of weapon
        kinds = cues["weapon_kind_participles"]
        return (
            tok.dep_ == "amod"
            and (_lemma(tok) in kinds or tok.lower_ in kinds)
            and _single_weapon(tok.head, lex)
        )
    node = tok.head
    while node.dep_ == "compound" and node.head.i != node.i and node.head.pos_ == "NOUN":
        node = node.head  # "air raid shelter": raid -> shelter
    head = _lemma(node)
    if node.i == tok.i or node.pos_ not in ("NOUN", "PROPN"):
        return False
    return _single_weapon(node, lex) or head in cues["modifier_heads"]


def _traded_material(tok: Token) -> bool:
    """'used to produce gunpowder, rocket propellants and other explosives', 'smuggled
    explosives', 'imports of explosives': a material named as goods, not a blast."""
    cues = _violence_cues()
    if tok.pos_ != "NOUN" or _lemma(tok) not in cues["material_nouns"]:
        return False
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head  # the first noun of a list carries the list's role
    head = node.head
    if node.dep_ == "dobj" and head.pos_ in ("VERB", "AUX"):
        return _lemma(head) in cues["material_verbs"]
    if node.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return _lemma(head.head) in cues["material_nouns_of"]
    return False


def _measure_as_subject(tok: Token) -> bool:
    """'The sanctions target importers', 'new tariffs hit exporters': the verb's doer is a
    measure, not a force, so it names no violence."""
    if tok.pos_ != "VERB":
        return False
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    subjects += [g for s in subjects for g in s.conjuncts]
    return bool(subjects) and all(
        _lemma(s) in _violence_cues()["policy_subjects"] for s in subjects
    )


def _holding_participle(tok: Token) -> bool:
    """'occupied territory', 'Russian-occupied Kherson': a participle naming who holds a
    place, not an event of taking it."""
    words = _violence_cues()["state_participles"]
    if tok.tag_ != "VBN" or not (_lemma(tok) in words or tok.lower_ in words):
        return False
    if tok.dep_ == "amod":
        return tok.head.pos_ in ("NOUN", "PROPN")
    # "the western part of Crimea occupied by Russia", "Crimea occupied by Russians": a
    # reduced relative after a place says who holds it, unless a time says when it fell
    by_agent = any(c.dep_ == "agent" for c in tok.children)
    undated = not any(c.ent_type_ in ("DATE", "TIME") for c in tok.subtree)
    place_head = tok.head.pos_ == "PROPN" or tok.head.ent_type_ in ("GPE", "LOC")
    if tok.dep_ == "relcl":
        # "Bucha, which was briefly occupied by Russia": a place described, not news
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        return passive and by_agent and place_head and undated
    return tok.dep_ == "acl" and (place_head or by_agent) and undated


def _single_weapon(tok: Token, lex: Lexicon) -> bool:
    """The token alone names a weapon ("missiles", "drones"; not "car" of "car bomb")."""
    return any(len(e["lemmas"]) == 1 for e in lex.weapons.get(_lemma(tok), []))


def _starts_weapon_name(tok: Token, lex: Lexicon) -> bool:
    """The token opens a weapon's name of several words ("Storm Shadow")."""
    doc = tok.doc
    for entry in lex.weapons.get(tok.lower_, []):
        seq = entry["lemmas"]
        words = [t.lower_ for t in doc[tok.i : tok.i + len(seq)]]
        if len(seq) > 1 and words == seq:
            return True
    return False


def _digital_target(tok: Token) -> bool:
    """The thing attacked is a website, a server or a network, or the sentence names a
    cyberattack and no weapon: the attack is a cyberattack."""
    cues = _violence_cues()
    hit = [c for c in tok.children if c.dep_ in ("nsubjpass", "dobj")]
    if any(
        _lemma(c) in cues["digital_targets"] or c.lower_ in cues["digital_targets"] for c in hit
    ):
        return True
    sent = tok.sent
    words = {t.lower_ for t in sent}
    if not words & cues["cyber_words"]:
        return False
    return not {_lemma(t) for t in sent} & set(lexicon().weapons)


def find_mentions(doc: Doc) -> list[Mention]:
    """Every asserted trigger in the document, phrases first, then single words."""
    lex = lexicon()
    mentions: list[Mention] = []
    used: set[int] = set()
    doc_lemmas = _doc_lemmas(doc)
    for i, first in enumerate(doc_lemmas):
        if first not in lex.phrases:
            continue
        tok = doc[i]
        for phrase in lex.phrases[first]:
            lemmas = phrase["lemmas"]
            if phrase.get("head_pos") and tok.pos_ not in phrase["head_pos"]:
                continue  # "their call on Monday" is a phone call, not "called on"
            if doc_lemmas[i : i + len(lemmas)] != lemmas:
                gapped = _gapped_phrase(tok, lemmas)
                if gapped is None:
                    continue
                head, span_ids = tok, gapped
            else:
                head = doc[i + phrase["head"]]
                span_ids = list(range(i, i + len(lemmas)))
            if any(j in used for j in span_ids):
                continue
            used.update(span_ids)
            if lex.group_of.get(phrase["cls"], phrase["cls"]) == "violence" and _describes_noun(
                head, lex
            ):
                continue  # "an air raid shelter", "air strike capability"
            mentions.append(
                Mention(
                    token=head,
                    cls=phrase["cls"],
                    plover=phrase["plover"],
                    strength=phrase["strength"],
                    start=0,
                    end=0,
                    weapon_mode=phrase.get("weapon"),
                    swap_roles=bool(phrase.get("swap_roles")),
                )
            )
    for tok in doc:
        if tok.i in used:
            continue
        entries = lex.words.get(_caption_lemma(tok, lex), []) or lex.words.get(tok.lower_, [])
        if not entries:
            continue
        caption = tok.is_sent_start and tok.lower_.endswith("ed")  # "Shelled school" captions
        nominal = tok.pos_ in ("NOUN", "PROPN")  # a verb parsed as compound is a parse slip
        if tok.dep_ == "compound" and nominal and not caption and not _event_head(tok.head, lex):
            continue  # "attack helicopter", "fire station" name things, not events
        for entry in entries:
            if not _pos_ok(tok, entry["pos"]):
                continue
            cls, plover_type = _refine(tok, entry["cls"], entry["plover"], lex)
            if cls is None:
                break
            mentions.append(
                Mention(
                    token=tok,
                    cls=cls,
                    plover=plover_type,
                    strength=entry["strength"],
                    start=0,
                    end=0,
                )
            )
            used.add(tok.i)
            break
    threats = [
        Mention(token=t, cls="threaten", plover="THREATEN", strength="strong", start=0, end=0)
        for t in conditional_threats(doc, lex)
        if t.i not in used
    ]
    label = _label_tokens(doc)
    if any(m.token.i not in label for m in mentions):
        # "Property destruction: soldiers razed land": the label names the body's event
        mentions = [m for m in mentions if m.token.i not in label]
    kept = []
    for m in mentions:
        if not is_asserted(m.token, m.cls, lex) or background_statement(m.token, lex):
            continue
        if m.group in ("violence", "protest") and _scare_quoted(m.token):
            continue
        m.start, m.end = clause_span(m.token)
        kept.append(m)
    for m in threats:  # "we will respond" is future by form: a threat is made, not carried out
        m.start, m.end = clause_span(m.token)
        kept.append(m)
    kept.sort(key=lambda m: m.token.i)
    return kept


def _label_tokens(doc: Doc, longest: int = 6) -> set[int]:
    """Token ids of a verbless heading before a colon that opens the text ("Arrests: ...").

    Such a label restates the report's own event; coded on its own it becomes a second,
    placeless event that can outvote the real one.
    """
    for tok in doc[: longest + 1]:
        if tok.text == ":":
            head = doc[: tok.i]
            if (
                len(head)
                and tok.i + 1 < len(doc)
                and not any(t.pos_ in ("VERB", "AUX") for t in head)
            ):
                return {t.i for t in head}
            return set()
        if tok.is_punct:
            return set()
    return set()


def _event_head(head: Token, lex: Lexicon) -> bool:
    """Whether a compound's head is itself an event noun ("protest rally", "protest sit-in")."""
    return _lemma(head) in lex.words or _lemma(head) in lex.cue("compound_heads_ok")


def _gapped_phrase(tok: Token, lemmas: list[str]) -> list[int] | None:
    """Token ids of a verb phrase with words between ("set the house on fire"), or None."""
    if tok.pos_ not in ("VERB", "AUX") or len(lemmas) < 2:
        return None
    ids = [tok.i]
    near = sorted(
        (c for c in tok.subtree if c.i != tok.i and abs(c.i - tok.i) <= 10),
        key=lambda c: abs(c.i - tok.i),
    )
    for n, lemma in enumerate(lemmas[1:]):
        match = next((c for c in near if _lemma(c) == lemma and c.i not in ids), None)
        if match is None or (n == 0 and not _hangs_on(match, tok)):
            # the word after the verb hangs on the verb: "set the house on fire",
            # "responded to the fire"; not "what it calls a cyberattack on its website"
            return None
        ids.append(match.i)
    return ids


def _hangs_on(word: Token, verb: Token) -> bool:
    """Whether a word depends on the verb directly or through one of its prepositions."""
    head = word.head
    return head.i == verb.i or (head.dep_ in ("prep", "prt") and head.head.i == verb.i)


def _walk_out(tok: Token, lex: Lexicon) -> bool:
    """A strike that is staged, called, held or gone on is a walk-out, not an attack; a
    strike that is launched or carried out is left to the other rules."""
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and _lemma(head) in lex.labour_verbs:
        return True
    return head.lower_ == "on" and head.dep_ == "prep" and _lemma(head.head) == "go"


def _state_subject(tok: Token) -> bool:
    """The verb's subject is a country or its capital ("Moscow blocked gas supplies")."""
    return any(c.dep_ == "nsubj" and c.ent_type_ in ("GPE", "NORP") for c in tok.children)


#: Marks that open or close a quotation, as tokens (straight ones do both).
_QUOTE_TOKENS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»"})
_CLOSING_QUOTES = frozenset({"”", "’", "»"})
_OPENING_QUOTES = frozenset({"“", "‘", "«"})


def _scare_quoted(tok: Token, widest: int = 4) -> bool:
    """A trigger inside a short quoted phrase with no verb ("under “direct attack”", "a
    ‘special military operation’"): somebody's word for something, not a reported event."""
    sent = _sent_of(tok)
    left = next((t for t in reversed(sent[: tok.i - sent.start]) if t.text in _QUOTE_TOKENS), None)
    right = next((t for t in sent[tok.i - sent.start + 1 :] if t.text in _QUOTE_TOKENS), None)
    if left is None or right is None or left.text in _CLOSING_QUOTES:
        return False  # "with “Uragans” and hit Kramatorsk": between two quotations
    if right.text in _OPENING_QUOTES:
        return False
    inside = right.i - left.i - 1
    if not (0 < inside <= widest and left.i >= tok.i - widest and right.i <= tok.i + widest):
        return False
    # a name for something, not a short quoted sentence ("“They shelled us,” she said")
    quoted = tok.doc[left.i + 1 : right.i]
    return not any(t.pos_ in ("VERB", "AUX") for t in quoted)


def _diplomatic_protest(tok: Token, lex: Lexicon) -> bool:
    """A state's objection, not a demonstration: "lodged a strong protest", "Poland
    protested it was under attack", "the ministry protested the decision"."""
    if tok.pos_ == "NOUN":
        own = {_lemma(c) for c in tok.children if c.dep_ in ("amod", "compound")}
        return bool(own & set(lex.cue("diplomatic_protest_modifiers"))) or (
            tok.dep_ == "dobj" and _lemma(tok.head) in lex.cue("diplomatic_protest_verbs")
        )
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    state_words = set(lex.cue("state_speaker_words"))
    crowd = set(lex.cue("demonstrator_words")) | set(lex.cue("crowd_words"))
    if {_lemma(t) for t in _sent_of(tok)} & crowd:
        return False  # "residents and traders protested": people in the street
    return any(s.ent_type_ == "GPE" or _lemma(s) in state_words for s in subjects)


def _refine(tok: Token, cls: str, plover_type: str, lex: Lexicon) -> tuple[str | None, str]:
    """Resolve words whose class depends on their context (strike, seize, bomb...)."""
    if lex.group_of.get(cls, cls) == "violence" and _describes_noun(tok, lex):
        return None, plover_type  # "strike and air defence missiles", "bomb shelter"
    if lex.group_of.get(cls, cls) == "violence" and (
        _traded_material(tok) or _measure_as_subject(tok) or _holding_participle(tok)
    ):
        return None, plover_type  # "used to produce ... other explosives"
    lemma = _caption_lemma(tok, lex)
    if lex.group_of.get(cls) == "violence" and carried_by_cyberattack(tok, lex):
        return None, plover_type
    if lemma == "strike":
        context = set(_span_lemmas(_sent_of(tok)))
        own = {_lemma(c) for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss")}
        if tok.pos_ == "NOUN" and own & set(lex.cue("military_strike_modifiers")):
            return cls, plover_type  # "threatened a tactical nuclear strike": no walk-out
        if tok.pos_ == "NOUN" and own & lex.labour:
            return "protest", "PROTEST"  # "a general strike", "a nationwide strike"
        if tok.pos_ == "NOUN" and _walk_out(tok, lex):
            return "protest", "PROTEST"  # "dockworkers staged a strike", "went on strike"
        if tok.pos_ == "NOUN" and _struck_target(tok, lex):
            return cls, plover_type  # "strikes on homes", "a strike ... killed four"
        if tok.pos_ == "NOUN" and context & lex.labour:
            return "protest", "PROTEST"
        return cls, plover_type
    obj = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "pobj")]
    obj += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    obj_lemmas = {_lemma(t) for c in obj for t in c.subtree}
    sent_lemmas = set(_span_lemmas(_sent_of(tok)))
    if cls == "disrupt":
        if obj_lemmas & lex.seize_weapons or (lemma in ("thwart", "foil", "defuse", "dismantle")):
            return cls, plover_type
        if lemma == "intercept":
            return "attack", "ASSAULT"  # "intercepted the mayor's vehicle and shot him"
        if obj_lemmas & lex.seize_goods:
            return "loot", "COERCE"
        return None, plover_type
    if cls == "arrest" and tok.pos_ == "NOUN" and tok.head.lower_ in ("against", "over", "for"):
        return None, plover_type  # a protest "against the arrest of" is not an arrest event
    if lemma == "burn" and not any(c.dep_ == "dobj" for c in tok.children):
        return "damage", plover_type  # "fuel depot burning" is damage, not arson by someone
    if lemma == "death":
        of_people = {_lemma(g) for c in tok.children if c.lower_ == "of" for g in c.children}
        if _lemma(tok.head) in ("result", "cause", "lead") or of_people & lex.cue(
            "civilian_target_words"
        ):
            return cls, plover_type
        return None, plover_type
    if lemma == "use":
        # "used Brimstone missiles against Russian forces"; not "is using artillery en masse"
        against = any(c.dep_ == "prep" and c.lower_ in ("against", "on") for c in tok.subtree)
        return (cls, plover_type) if against and obj_lemmas & set(lex.weapons) else (None, "")
    if lemma in ("body", "dead", "deceased") or tok.lower_ == "bodies":
        # "bodies found", "deceased civilians"; not "a governing body" or "dead end"
        if lemma == "body" and tok.lower_ != "bodies" and _lemma(tok.head) != "find":
            return None, plover_type
        if lemma in ("dead", "deceased") and not (
            tok.dep_ == "amod"
            and _lemma(tok.head) in lex.cue("civilian_target_words") | {"soldier"}
        ):
            return None, plover_type
        return cls, plover_type
    if lemma in ("throw", "hurl", "lob", "plant", "drop"):
        # "threw a grenade into a salon", "dropped chlorine gas"; not "dropped charges"
        armed = obj_lemmas & (set(lex.weapons) | lex.seize_weapons)
        return (cls, plover_type) if armed else (None, plover_type)
    if lemma == "arrival":
        # OSINT jargon: "arrivals of cruise missiles" are impacts; "arrival of refugees" not
        return (cls, plover_type) if obj_lemmas & set(lex.weapons) else (None, plover_type)
    if lemma == "launch":
        # "launched two missiles" / "launched an attack" are attacks; "launched a website" not
        if obj_lemmas & (set(lex.weapons) | set(lex.words)):
            return cls, plover_type
        return None, plover_type
    if cls == "attack" and tok.pos_ == "VERB" and _digital_target(tok):
        return None, plover_type  # "its website was attacked from Russian territory"
    if cls in ("attack", "fight") and tok.pos_ == "NOUN":
        own = {_lemma(c) for c in tok.children if c.dep_ in ("amod", "compound")}
        if own & set(lex.cue("non_physical_attack_modifiers")):
            return None, plover_type  # "cyber attacks", "a hostile attack" in an interview
        if _person_attack(tok, lex):
            return None, plover_type  # "the minister's hostile attack contradicts ..."
    if (
        lemma == "fire"
        and tok.dep_ == "dobj"
        and _lemma(tok.head) in lex.cue("fire_restraint_verbs")
    ):
        return None, plover_type  # "the Ukrainians had held their fire": no shot fired
    if lemma == "protest" and _diplomatic_protest(tok, lex):
        return None, plover_type
    if cls == "protest" and lemma == "block" and _state_subject(tok):
        return None, plover_type  # "Moscow blocked gas supplies": a state's measure
    if cls == "protest" and tok.pos_ == "NOUN":
        own = {_lemma(c) for c in tok.children if c.dep_ in ("amod", "compound")}
        if own & lex.cue("not_a_crowd_modifiers"):
            return None, plover_type  # "the continuing diplomatic procession to Moscow"
    if cls == "protest" and entry_strength(lemma, lex) == "weak":
        return (
            (cls, plover_type)
            if sent_lemmas & lex.cue("protest_gather_cues")
            else (
                None,
                plover_type,
            )
        )
    deploy = cls == "mobilize" and lemma == "deploy" and tok.pos_ == "VERB"
    if deploy and obj and not obj_lemmas & lex.cue("deploy_objects"):
        return None, plover_type  # "deploying scorched-earth tactics": no force moved
    if cls == "mobilize" and lemma in ("move", "movement", "arrive"):
        near = {_lemma(c) for c in tok.children for c in c.subtree} | obj_lemmas
        return (cls, plover_type) if near & lex.mobilize_subjects else (None, plover_type)
    if cls == "capture":
        if obj_lemmas & lex.seize_weapons:
            return "disrupt", "COERCE"
        if obj_lemmas & lex.seize_goods:
            return "loot", "COERCE"
        if (
            lemma == "seize"
            and not (obj_lemmas & lex.cue("territory_objects"))
            and not any(c.ent_type_ in ("GPE", "LOC", "FAC") for o in obj for c in o.subtree)
        ):
            return "arrest" if obj_lemmas & {"man", "suspect", "people", "person"} else "loot", (
                "COERCE"
            )
        if lemma != "seize" and obj and not _territory_object(obj, lex):
            return "attack", "ASSAULT"  # "gunmen overran the prison": a facility, not land
        return cls, plover_type
    if lemma == "bomb" and tok.pos_ == "NOUN":
        # "a bomb exploded" is an event; "used cluster bombs" names a weapon
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return "explosion", plover_type
        return None, plover_type
    if lemma in ("die",):
        # "died of his injuries" reports a death, but only with a violent cue around
        # ("died and were found wrapped in blankets": a body found, someone killed them)
        words = {_lemma(t) for t in tok.subtree}
        if not words & lex.cue("violent_death_cues"):
            return None, plover_type
    if cls == "mobilize" and tok.pos_ == "NOUN" and _hit_by_violence(tok, lex):
        return None, plover_type  # "a police convoy was shot", "ambushed a patrol": a target
    if cls == "mobilize" and lemma == "convoy":
        return cls, plover_type
    if cls == "fight" and lemma == "combat" and tok.pos_ == "VERB":
        return None, plover_type  # "to combat the spread of the virus"
    if lemma == "raid" and any(
        c.dep_ == "compound" and _lemma(c) in lex.cue("arrest_raid_words") for c in tok.children
    ):
        return None, plover_type  # "arrest raids": its "arrest" is the event, not an attack
    if cls == "fight" and _fights_no_enemy(tok, lex):
        return None, plover_type
    if (
        cls == "damage"
        and lemma in lex.cue("fire_nouns")
        and _lemma(tok.head) in lex.cue("firefighting_verbs")
    ):
        return None, plover_type  # "crews battled the blaze", "a fire broke out": the fire
    if lex.group_of.get(cls, cls) in lex.cue("verbal_groups") or cls in VERBAL_REFINERS:
        cls, plover_type = refine_verbal(tok, cls, plover_type, lex)
        if cls is None:
            return None, plover_type
    if cls == "consult" and lemma == "meet":
        # "met with resistance", "meet demands" are not meetings
        objs = {_lemma(c) for c in tok.subtree}
        if objs & {"resistance", "demand", "requirement", "need", "fire"}:
            return None, plover_type
    return cls, plover_type


def _person_attack(tok: Token, lex: Lexicon) -> bool:
    """Whether an "attack" noun is a named person's words: its owner is a person ("the
    senator's attack", "Johnson's scathing attack on the plan"), it hits no place, and
    its sentence names no weapon and no one killed or hurt. Armies, states and groups
    are not persons, so "Russia's attack on Ukraine" stays an attack."""
    owners = [c for c in tok.children if c.dep_ == "poss"]
    if not owners or not all(o.ent_type_ == "PERSON" for o in owners):
        return False
    for prep in tok.children:
        if (
            prep.dep_ == "prep"
            and prep.lower_ in ("on", "against")
            and any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in prep.subtree)
        ):
            return False
    verb = tok.head if tok.head.pos_ in ("VERB", "AUX") else tok
    inner = {t.i for c in verb.children if c.dep_ in CLAUSE_DEPS for t in c.subtree}
    lemmas = {_lemma(t) for t in verb.subtree if t.i not in inner}
    if lemmas & (set(lex.weapons) | lex.seize_weapons):
        return False  # a weapon in its own clause ("X's attack with drones"), not in a
        # clause about something else ("contradicts assurances when sending missiles")
    sent = _sent_of(tok)
    harm = lex.cue("physical_harm_classes")
    for t in sent:
        if t.i != tok.i and any(e["cls"] in harm for e in lex.words.get(_lemma(t), [])):
            return False
    return True


def _struck_target(tok: Token, lex: Lexicon) -> bool:
    """Whether a "strike" noun hit something: "strikes on homes and schools", "a strike
    killed four" are attacks, whatever labour word ("secretary general", "a doctor
    said") the sentence holds; "a strike on Monday" names only a day."""
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.lower_ != "on":  # "a strike against a law": labour
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.ent_type_ not in ("DATE", "TIME"):
                return True
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB":
        entries = lex.words.get(_lemma(tok.head), [])
        return any(e["cls"] in ("kill", "attack", "damage") for e in entries)
    return False


def _fights_no_enemy(tok: Token, lex: Lexicon) -> bool:
    """ "Firefighters battled the blaze", "doctors fought the outbreak", "battling for
    his life": a fight against fire, disease or death, with no armed side."""
    objects = lex.cue("non_violent_fight_objects")
    for child in tok.children:
        if child.dep_ in ("nsubj", "compound") and _lemma(child) in lex.cue("non_violent_fighters"):
            return True
        if child.dep_ in ("dobj", "nsubjpass") and _lemma(child) in objects:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ in ("against", "with", "for")
            and any(g.dep_ == "pobj" and _lemma(g) in objects for g in child.children)
        ):
            return True
    return False


def _territory_object(obj: list[Token], lex: Lexicon) -> bool:
    """Whether a capture verb's object is land ("the town of X", "Khwaja Ghar", "the
    district centre"), judged by the object's own words, not by where it stands."""
    heads = list(obj)
    heads += [g for o in obj for c in o.children if c.lower_ == "of" for g in c.children]
    words = heads + [c for h in heads for c in h.children if c.dep_ in ("compound", "amod")]
    if {_lemma(t) for t in words} & lex.cue("territory_objects"):
        return True
    return any(t.ent_type_ in ("GPE", "LOC") for t in words)


def _offensive(m: Mention, lex: Lexicon) -> bool:
    """A military offensive: "launched an assault", "assaulted the town"; not "assaulted
    a reporter", whose victim is a person."""
    if _lemma(m.token) not in lex.cue("military_assault_words"):
        return False
    if m.token.pos_ == "NOUN":
        return True
    objs = [c for c in m.token.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(objs) and _territory_object(objs, lex)


def _hit_by_violence(tok: Token, lex: Lexicon) -> bool:
    """Whether a noun is what a violent verb struck ("the convoy was ambushed"), or ran
    into a weapon ("a convoy hit an IED": the convoy is the target, not a deployment)."""
    node = tok.head.head if tok.dep_ == "pobj" else tok.head
    if tok.dep_ == "nsubj" and node.pos_ == "VERB":
        hit = {_lemma(t) for c in node.children if c.dep_ == "dobj" for t in c.subtree}
        if hit & set(lex.weapons) and any(
            lex.group_of.get(e["cls"]) == "violence" for e in lex.words.get(_lemma(node), [])
        ):
            return True
    if tok.dep_ not in ("dobj", "nsubjpass", "pobj") or node.pos_ not in ("VERB", "AUX"):
        return False
    entries = lex.words.get(_lemma(node), [])
    return any(lex.group_of.get(e["cls"]) == "violence" for e in entries)
