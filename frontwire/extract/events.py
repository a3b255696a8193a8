"""What happened: event mentions found in clauses, merged per real-world event, coded.

Why this shape: news prose says the same event several times ("a new Russian attack",
"fierce fighting", "the fighting continues") and mixes events with what did not happen
("denied shelling", "could amount to attacks", "will mobilize"). We therefore

1. find trigger words over the dependency parse (tables in ``ontology/event_triggers.json``)
   and drop those that are negated, hypothetical, conditional or future
   (``ontology/event_cues.json``);
2. attach to each mention its clause, the claim that reports it, its actors, place and
   date (from the actors/places/times extractors);
3. merge mentions of one real-world event (same kind, same or compatible place);
4. code each merged event in ACLED and PLOVER terms: rules over weapons, targets and
   actors first (``ontology/weapons.json``), and where the rules are unsure, the small
   classifier fitted on ACLED's own notes (``frontwire.ontology.acled``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from frontwire.extract.actors import (
    FOCUS_KEY,
    actors_between,
    country_in_name,
    crowd_actor,
    interaction_code,
    policing_force,
    roles_for_trigger,
    state_force,
    unknown_perpetrator,
)
from frontwire.extract.casualties import casualties_in, cumulative_statement
from frontwire.extract.places import location_for_span
from frontwire.extract.times import date_for_span
from frontwire.model import Actor, Article, Claim, Event, Evidence, Place, TimeExpr
from frontwire.nlp import doc_text, per_doc
from frontwire.ontology import acled, plover
from frontwire.ontology.acled import load_json

#: Dependency labels whose subtrees are separate clauses (not part of a trigger's clause).
CLAUSE_DEPS = {"ccomp", "advcl", "parataxis", "relcl", "csubj"}
#: A classifier answer is used only when the rules are unsure and it is at least this sure.
CLASSIFIER_MIN_PROB = 0.45
#: A weak rule answer yields to any compatible classifier answer this sure.
CLASSIFIER_FREE_PROB = 0.6
#: ... and overrides a rule that had a clear cue only when it is this sure.
CLASSIFIER_OVERRIDE_PROB = 0.9
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
#: Classes of the violence group whose first actor need not be armed.
NOT_ARMED_CLASSES = {"protest", "riot", "mob", "arrest", "intervene"}
ARMED_INTER = {1, 2, 3, 4, 8}


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


#: ``doc.user_data`` keys of the per-document caches below.
LEMMAS_KEY = "frontwire_event_lemmas"
SENTS_KEY = "frontwire_event_sents"
LOWERS_KEY = "frontwire_event_lowers"


def _doc_lemmas(doc: Doc) -> list[str]:
    """Every token's lower-cased lemma, worked out once per document: the trigger scan
    and the coding rules ask for the same lemmas hundreds of thousands of times."""
    return per_doc(doc, LEMMAS_KEY, lambda: [t.lemma_.lower() for t in doc])


def _lemma(tok: Token) -> str:
    return _doc_lemmas(tok.doc)[tok.i]


def _span_lemmas(span: Span) -> list[str]:
    return _doc_lemmas(span.doc)[span.start : span.end]


def _doc_lowers(doc: Doc) -> list[str]:
    """Every token's lower-cased form, once per document (see ``_doc_lemmas``)."""
    return per_doc(doc, LOWERS_KEY, lambda: [t.lower_ for t in doc])


def _sent_of(tok: Token) -> Span:
    """The token's sentence; spaCy walks the parse on every ``Token.sent``, so the
    sentence of each token is looked up once per document."""
    doc = tok.doc
    return per_doc(doc, SENTS_KEY, lambda: [s for s in doc.sents for _ in range(len(s))])[tok.i]


def _pos_ok(tok: Token, allowed: list[str]) -> bool:
    pos = tok.pos_
    if pos == "AUX":
        pos = "VERB"
    if pos == "PROPN" and (not tok.is_title or tok.is_sent_start or not tok.ent_type_):
        # headlines and captions ("Shelled school") tag common words as names
        pos = "VERB" if tok.lower_.endswith("ed") else "NOUN"
    if pos == "ADJ" and tok.tag_ == "VBN":
        pos = "VERB"
    return pos in allowed or (pos == "ADJ" and "ADJ" in allowed)


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
    label = _label_tokens(doc)
    if any(m.token.i not in label for m in mentions):
        # "Property destruction: soldiers razed land": the label names the body's event
        mentions = [m for m in mentions if m.token.i not in label]
    kept = []
    for m in mentions:
        if not is_asserted(m.token, m.cls, lex) or background_statement(m.token, lex):
            continue
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
    for lemma in lemmas[1:]:
        match = next((c for c in near if _lemma(c) == lemma and c.i not in ids), None)
        if match is None:
            return None
        ids.append(match.i)
    return ids


def _walk_out(tok: Token, lex: Lexicon) -> bool:
    """A strike that is staged, called, held or gone on is a walk-out, not an attack; a
    strike that is launched or carried out is left to the other rules."""
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and _lemma(head) in lex.labour_verbs:
        return True
    return head.lower_ == "on" and head.dep_ == "prep" and _lemma(head.head) == "go"


def _refine(tok: Token, cls: str, plover_type: str, lex: Lexicon) -> tuple[str | None, str]:
    """Resolve words whose class depends on their context (strike, seize, bomb...)."""
    lemma = _caption_lemma(tok, lex)
    if lemma == "strike":
        context = set(_span_lemmas(_sent_of(tok)))
        own = {_lemma(c) for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "poss")}
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
    if cls == "protest" and entry_strength(lemma, lex) == "weak":
        return (
            (cls, plover_type)
            if sent_lemmas & lex.cue("protest_gather_cues")
            else (
                None,
                plover_type,
            )
        )
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
    if cls == "consult" and lemma == "meet":
        # "met with resistance", "meet demands" are not meetings
        objs = {_lemma(c) for c in tok.subtree}
        if objs & {"resistance", "demand", "requirement", "need", "fire"}:
            return None, plover_type
    return cls, plover_type


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


def entry_strength(lemma: str, lex: Lexicon) -> str:
    entries = lex.words.get(lemma, [])
    return entries[0]["strength"] if entries else "strong"


def is_asserted(tok: Token, cls: str, lex: Lexicon | None = None) -> bool:
    """False when the trigger is negated, hypothetical, conditional, wished, feared or future.

    We climb from the trigger through its governors up to the clause root (a relative
    clause is its own assertion, so we stop there) and look for a negation, a modal or
    future auxiliary, a conditional mark, or a governing verb such as "deny", "plan",
    "fear", "threaten" or "could amount to".
    """
    lex = lex or lexicon()
    negations = lex.cue("negation_words")
    modals = lex.cue("hypothetical_modals")
    epistemic = lex.cue("epistemic_perfect_ok")
    governors = lex.cue("blocking_governors")
    marks = lex.cue("conditional_marks")
    if _sent_of(tok).text.rstrip().endswith(lex.cues["question_end"]):
        return False
    no_one = lex.cue("negated_subjects")
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in no_one for c in tok.children):
        return False  # "Nobody was killed"
    node = came_from = tok
    for _ in range(8):
        for child in node.children:
            low = child.lower_
            if child.dep_ == "neg" or (
                child.dep_ in ("det", "advmod") and low in negations and low != "without"
            ):
                return False
            if child.dep_ in ("aux", "auxpass") and (_lemma(child) in modals or low in modals):
                following = [c for c in node.children if c.dep_ == "aux" and c.i > child.i]
                perfect = any(_lemma(c) == "have" for c in following)
                heard = low == "can" and _lemma(node) in ("hear", "see", "observe", "show")
                if not (low in epistemic and perfect) and not heard:
                    return False
            if child.dep_ == "mark" and low in marks:
                return False
        if node.i != tok.i and _lemma(node) in governors:
            if _spliced_before(came_from, node, lex):
                break  # "students protested ..., they also called for help": two clauses
            return False
        if node.dep_ == "pobj" and node.head.lower_ == "without":
            return False
        if node.dep_ in ("relcl", "acl", "ROOT") or node.head.i == node.i:
            break  # a clause modifying a noun is its own assertion
        came_from, node = node, node.head
    return True


def _spliced_before(clause: Token, governor: Token, lex: Lexicon) -> bool:
    """Whether ``clause`` is a whole clause written before a verb that only governs what
    follows it ("call for", "urge", "plan to"): the parser hangs a comma-spliced clause
    on the next verb, but "students protested, ... they called for aid" asserts both."""
    return (
        clause.dep_ in ("ccomp", "parataxis")
        and clause.i < governor.i
        and _lemma(governor) in lex.cue("forward_governors")
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    )


def _habitual(verb: Token, lex: Lexicon) -> bool:
    """ "al-Shabaab often targets government forces", "police regularly arrest",
    "militants have repeatedly attacked": what a group tends to do, not what it did."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    perfect = any(_lemma(c) == "have" for c in auxes)
    present = verb.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in auxes)
    if not (perfect or present):
        return False  # "shells frequently fell overnight" narrates one night
    words = lex.cue("perfect_habitual_adverbs") if perfect else lex.cue("habitual_adverbs")
    return any(c.dep_ == "advmod" and c.lower_ in words for c in verb.children)


def background_statement(tok: Token, lex: Lexicon | None = None) -> bool:
    """True when the trigger's clause is context rather than a report of an event.

    Habitual lines ("often targets", "have repeatedly attacked") and cumulative ones in
    the perfect ("has killed thousands of civilians", "have been fighting since 2012")
    describe a conflict's background; a coder records no event from them.
    """
    lex = lex or lexicon()
    node = tok
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") and (_habitual(node, lex) or cumulative_statement(node)):
            return True
        if node.dep_ in ("relcl", "acl", "ROOT") or node.head.i == node.i:
            break
        node = node.head
    return False


def clause_span(tok: Token) -> tuple[int, int]:
    """Character span of the trigger's clause: its governing predicate minus sub-clauses.

    For a noun trigger we keep the noun phrase itself ("a new Russian attack on this
    city"); for a verb, its subtree without embedded clauses.
    """
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("ROOT",):
        excluded = {c.i for c in tok.children if c.dep_ in ("relcl",) for c in c.subtree}
        ids = [t.i for t in tok.subtree if t.i not in excluded]
    else:
        excluded: set[int] = set()
        for child in tok.children:
            if child.dep_ in CLAUSE_DEPS or (
                child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and _has_subject(child)
            ):
                excluded.update(t.i for t in child.subtree)
        ids = [t.i for t in tok.subtree if t.i not in excluded]
    doc = tok.doc
    first, last = min(ids), max(ids)
    while last > first and (doc[last].is_punct or doc[last].dep_ in ("cc", "mark")):
        last -= 1
    while first < last and (doc[first].is_punct or doc[first].dep_ in ("cc", "mark")):
        first += 1
    return doc[first].idx, doc[last].idx + len(doc[last])


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


# ---------------------------------------------------------------------------------------
# Attributes of mentions: claim, reporter, actors, place, date


def _claim_of(tok: Token, claims: list[Claim]) -> Claim | None:
    inside = [c for c in claims if c.start <= tok.idx < c.end]
    return min(inside, key=lambda c: c.end - c.start) if inside else None


def _reporter(tok: Token, lex: Lexicon) -> str | None:
    """The subject of a speech verb that governs the trigger ("X said that ... attacked")."""
    speech = lex.cue("speech_verbs")
    node = tok.head
    for _ in range(6):
        if node.i == tok.i:
            break
        if _lemma(node) in speech:
            subj = [c for c in node.children if c.dep_ in ("nsubj", "agent")]
            if subj:
                span = tok.doc[subj[0].left_edge.i : subj[0].right_edge.i + 1]
                if span.root.pos_ in ("PROPN", "NOUN"):
                    return span.text
        if node.head.i == node.i:
            break
        node = node.head
    return None


def _attach(
    m: Mention,
    doc: Doc,
    article: Article,
    times: list[TimeExpr],
    places: list[Place],
    actors: list[Actor],
    claims: list[Claim],
    lex: Lexicon,
) -> None:
    m.claim = _claim_of(m.token, claims)
    m.reporter = _reporter(m.token, lex)
    m.agent, m.target = roles_for_trigger(doc, m.token, actors, speaker=m.claim)
    if m.swap_roles:  # "pushed our units out": the units are the ones who retreat
        m.agent, m.target = m.target, None
    if _observer(m.agent) and m.group == "violence" and m.cls not in NOT_ARMED_CLASSES:
        # "the SMM observed 36 explosions": monitors and rights groups report violence
        iso = (m.target.iso if m.target else None) or doc.user_data.get(FOCUS_KEY)
        m.agent = unknown_perpetrator(iso, m.token.text, m.token.idx, doc)
    sent = m.sent
    m.place = location_for_span(doc, places, m.start, m.end)
    lo, hi = _governing_clause(m)
    m.place_in_clause = any(p.start >= lo and p.end <= hi and p.role == "location" for p in places)
    if m.place is None:
        m.place = location_for_span(doc, places, sent.start_char, sent.end_char)
    published = article.published
    m.date = date_for_span(doc, times, m.start, m.end, published)
    if m.date is None or getattr(m.date, "is_default", False):
        wider = date_for_span(doc, times, sent.start_char, sent.end_char, published)
        if wider is not None:
            m.date = wider
    m.date = _with_night_end(m.date, published)


def _observer(actor: Actor | None) -> bool:
    """An organisation with no ACLED inter code (a mission, an NGO, a newspaper)."""
    return actor is not None and actor.inter is None and actor.kind == "organisation"


def _governing_clause(m: Mention) -> tuple[int, int]:
    """The clause of the verb that governs a noun trigger ("reinforcements reached X")."""
    node = m.token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    if node.pos_ not in ("VERB", "AUX"):
        return m.start, m.end
    lo, hi = clause_span(node)
    return min(lo, m.start), max(hi, m.end)


def _future(m: Mention, published: date | None) -> bool:
    """A date after publication means the text announces, not reports, the event."""
    if published is None or m.date is None or getattr(m.date, "is_default", False):
        return False
    value = str(m.date.value or "")
    return len(value) == 10 and value > published.isoformat()


# ---------------------------------------------------------------------------------------
# Merging mentions into events


@dataclass
class Cluster:
    """Mentions of one real-world event."""

    group: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def place(self) -> Any:
        located = [m.place for m in self.mentions if m.place is not None]
        if not located:
            return None
        return min(located, key=lambda p: p.geo_precision or 3)

    @property
    def first(self) -> Mention:
        return self.mentions[0]


def _place_key(choice: Any) -> tuple[str | None, str | None, str | None]:
    p = choice.place
    return (p.name, p.admin1, p.iso)


def _compatible_places(a: Any, b: Any) -> bool:
    """Same place, or one is the region/country that contains the other."""
    if a is None or b is None:
        return True
    pa, pb = a.place, b.place
    if pa.name == pb.name:
        return True
    coarse = {"admin1", "admin2", "country", "region"}
    if pa.feature in coarse or pb.feature in coarse:
        fine, wide = (pa, pb) if pb.feature in coarse else (pb, pa)
        if wide.feature == "country":
            return fine.iso == wide.iso
        return bool(wide.admin1 and fine.admin1 == wide.admin1) or (
            wide.feature == "admin2" and fine.admin2 == wide.name
        )
    return False


def _same_actor(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or a.name == b.name


def merge_mentions(mentions: list[Mention]) -> list[Cluster]:
    """Group mentions per real-world event, in reading order.

    A mention joins an earlier event of the same group when their places agree (or it
    names none, and then it joins the latest such event); verbal events also need the
    same speaker-actor. Violence of any kind in one place is one event: coders record
    "clashes ... killing five" once.
    """
    clusters: list[Cluster] = []
    for m in mentions:
        target = None
        candidates = [c for c in clusters if c.group == m.group]
        verbal = m.group not in ("violence", "retreat", "mobilize")
        for c in reversed(candidates):
            if verbal and not _same_actor(c.first.agent, m.agent):
                continue
            if m.place is None:
                target = c
                break
            if c.place is None and c is candidates[-1]:
                target = c
                break
            if _compatible_places(c.place, m.place):
                target = c
                break
        if target is None:
            target = Cluster(group=m.group)
            clusters.append(target)
        target.mentions.append(m)
    return clusters


# ---------------------------------------------------------------------------------------
# Coding


@dataclass
class Coding:
    sub_event_type: str | None
    plover_type: str
    mode: str | None
    context: str | None
    confidence: float
    civilian_targeting: bool = False
    tags: list[str] = field(default_factory=list)


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


def code_cluster(cluster: Cluster, lex: Lexicon) -> Coding:
    """ACLED sub-event and PLOVER coding of one merged event (rules, then the classifier)."""
    sents = _sentences(cluster)
    classes = {m.cls for m in cluster.mentions}
    struck = _struck_things(cluster, lex)
    weapons = [
        w
        for w in _terms_in(sents, lex.weapons)
        if not (w["cls"] == "air" and len(w["lemmas"]) == 1 and w["lemmas"][0] in struck)
    ]  # "set fire to a presidential plane": the plane was hit, it did not strike
    wcls = Counter(w["cls"] for w in weapons)
    tags = list(dict.fromkeys(w["tag"] for w in weapons))
    text = " ".join(s.text for s in sents).lower()
    lemmas = {lemma for s in sents for lemma in _span_lemmas(s)}
    target = _target_kind(cluster, lex)
    agent_inter = _agent_inter(cluster)
    sub, strength = _rule_sub_event(cluster, classes, wcls, text, lemmas, target, agent_inter, lex)
    confidence = 0.8 if strength in ("strong", "certain") else 0.55
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
            sub, confidence = rule_sub, 0.8
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
        if agent_inter == 1 and (t_inter in (2, 3, 4) or regained):
            # "the army recaptured the village": ACLED's rule covers rival states too
            return "Government regains territory", "strong"
        if agent_inter in (2, 3, 4):
            return "Non-state actor overtakes territory", "strong"
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


#: Sub-event types the classifier may choose instead of a weak rule answer, per rule answer.
_FAMILY = {
    "Attack": {
        "Attack",
        "Armed clash",
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Abduction/forced disappearance",
        "Mob violence",
        "Looting/property destruction",
        "Sexual violence",
    },
    "attack_civilians": {
        "Attack",
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Abduction/forced disappearance",
        "Looting/property destruction",
        "Sexual violence",
    },
    "attack_civilians_any": {
        "Attack",
        "Mob violence",
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Abduction/forced disappearance",
        "Looting/property destruction",
        "Sexual violence",
    },
    "Armed clash": {
        "Armed clash",
        "Attack",
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Mob violence",
    },
    "Shelling/artillery/missile attack": {
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
        "Armed clash",
        "Attack",
        "Looting/property destruction",
        "Grenade",
    },
    "damage_by": {
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
        "Looting/property destruction",
    },
    "damage": {
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
    },
    "Air/drone strike": {
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
    },
    "Remote explosive/landmine/IED": {
        "Remote explosive/landmine/IED",
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Grenade",
        "Suicide bomb",
        "Disrupted weapons use",
        "Armed clash",
    },
    "Looting/property destruction": {
        "Looting/property destruction",
        "Attack",
        "Mob violence",
        "Violent demonstration",
        "Shelling/artillery/missile attack",
        "Change to group/activity",
        "Other",
    },
    "Violent demonstration": {
        "Violent demonstration",
        "Mob violence",
        "Protest with intervention",
        "Excessive force against protesters",
        "Peaceful protest",
    },
    "Excessive force against protesters": {
        "Excessive force against protesters",
        "Protest with intervention",
        "Violent demonstration",
    },
    "Protest with intervention": {
        "Protest with intervention",
        "Peaceful protest",
        "Violent demonstration",
        "Excessive force against protesters",
    },
    "Change to group/activity": {
        "Change to group/activity",
        "Headquarters or base established",
        "Other",
        "Non-violent transfer of territory",
    },
}


#: Sub-events the rules read from a planted or thrown weapon, not from who was hit.
#: (Shelling is left out: "projectiles in both directions of the frontline" is a clash.)
_WEAPON_SUBS = {"Remote explosive/landmine/IED", "Grenade"}

#: Rule answers whose family is a hard limit: the text named who was hit.
_CLOSED_FAMILIES = {"attack_civilians", "attack_civilians_any"}


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
    allowed = _FAMILY.get(sub, {sub})
    probs = model.predict_proba(" ".join(s.text for s in sents))
    top = max(probs, key=probs.__getitem__)
    closed = sub in _CLOSED_FAMILIES and top not in allowed
    free = strength == "weak" and probs[top] >= CLASSIFIER_FREE_PROB and not closed
    if free and _same_kind(top, sub):
        return top, round(probs[top], 2)
    best = max(allowed, key=lambda c: probs.get(c, 0.0))
    needed = CLASSIFIER_MIN_PROB if strength == "weak" else CLASSIFIER_OVERRIDE_PROB
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


def _verbal_mode(plover_type: str, cluster: Cluster, lemmas: set[str]) -> str | None:
    if plover_type == "ACCUSE":
        if "war" in lemmas and "crime" in lemmas:
            return "war crimes"
        if lemmas & {"abuse", "torture", "rights"}:
            return "human rights"
        if lemmas & {"aggression", "invasion", "attack"}:
            return "aggression"
        return "disapprove"
    if plover_type == "CONSULT":
        return "visit" if any(_lemma(m.token) == "visit" for m in cluster.mentions) else "meeting"
    if plover_type == "RETREAT":
        return "withdraw"
    if plover_type == "MOBILIZE":
        return "troops"
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
    if sub in ("Peaceful protest", "Protest with intervention", "Violent demonstration") or (
        plover_type == "PROTEST"
    ):
        return "protest"
    if any(w["cls"] == "chemical" for w in weapons):
        return "cbrn"
    if sub in ("Suicide bomb", "Remote explosive/landmine/IED"):
        return "terrorism"
    if civ or (lemmas & {"war crime", "crime"} and "war" in lemmas):
        return "human rights"
    if plover_type in ("RETREAT",) or sub in (
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    ):
        return "territory"
    if plover_type in ("CONSULT", "REQUEST", "DEMAND", "REJECT", "SANCTION", "AGREE", "THREATEN"):
        return "diplomatic"
    if plover_type == "AID":
        return "humanitarian"
    if plover_type == "ACCUSE":
        return "legal" if "crime" in lemmas else "political"
    inters = {m.agent.inter for m in cluster.mentions if m.agent and m.agent.inter}
    if sub == "Arrests" or plover_type == "COERCE":
        return "crime" if not inters & {1, 2, 3, 8} else "political"
    return "military"


# ---------------------------------------------------------------------------------------
# Building the Event records


def _is_default(actor: Actor | None, m: Mention) -> bool:
    """An actor made up for the trigger (unknown perpetrator, crowd), not named in the text."""
    return actor is not None and actor.start == m.token.idx and actor.mention == m.token.text


def _syntactic_agent(m: Mention) -> bool:
    """Whether the grammar ties the agent to the trigger ("Russian drones struck", "shelling
    by X", "X launched an attack"), rather than the agent being a guess from nearby names."""
    agent = m.agent
    if agent is None or _is_default(agent, m):
        return False
    heads = [m.token]
    if m.token.dep_ in ("dobj", "attr", "pobj") and m.token.head.pos_ in ("VERB", "AUX"):
        heads.append(m.token.head)
    if m.token.dep_ == "conj" and not _has_subject(m.token):
        heads.append(m.token.head)
    prep = m.token.head
    if m.token.dep_ == "pobj" and _lemma(prep.head) == "responsibility":
        heads.append(prep.head.head)  # "Al Shabaab claimed responsibility for the attack"
    for head in heads:
        for child in head.children:
            tied = child.dep_ in ("nsubj", "agent", "poss", "compound", "amod", "nmod") or (
                child.dep_ == "prep" and child.lower_ == "by"
            )
            if tied and child.left_edge.idx <= agent.start <= child.right_edge.idx:
                return True
    return False


def _pick_actor(
    values: list[Actor | None],
    exclude: str | None = None,
    ranks: list[int] | None = None,
) -> Actor | None:
    """The actor most mentions agree on, among the best-attested ones.

    Rank 0 is an agent the grammar ties to its trigger, 1 one guessed from nearby names,
    2 a made-up default. Without the ranks "an attack ... gunmen of X killed" would let two
    default "Unidentified Armed Group" votes outvote the one group the text names, and the
    army that reports an attack would outvote the side the sentence says did it.
    """
    ranks = ranks or [1] * len(values)
    pairs = [(a, r) for a, r in zip(values, ranks, strict=True) if a is not None]
    pairs = [(a, r) for a, r in pairs if a.name != exclude]
    if not pairs:
        return None
    best = min(r for _, r in pairs)
    pool = [a for a, r in pairs if r == best]
    counts = Counter(a.name for a in pool)
    if not counts:
        return None
    name = counts.most_common(1)[0][0]
    return next(a for a in pool if a.name == name)


def _event_iso(agent: Actor | None, target: Actor | None, place: Any) -> str | None:
    """The country whose crowd or civilians these are: where it happened, else the actors'."""
    if place is not None and getattr(place.place, "iso", None):
        return place.place.iso
    for actor in (agent, target):
        if actor is not None and actor.iso:
            return actor.iso
    return None


def _is_force(actor: Actor | None) -> bool:
    return actor is not None and actor.inter in (1, 8)


def conform_actors(
    agent: Actor | None,
    target: Actor | None,
    sub: str | None,
    iso: str | None,
    doc: Doc | None = None,
) -> tuple[Actor | None, Actor | None]:
    """Make the actors agree with the coded sub-event, as ACLED's coders do.

    A demonstration's first actor is always the crowd: "Protesters (Country)" when it is
    peaceful, "Rioters (Country)" when it turns violent, whoever the text named (party
    members, workers, residents); police who intervene are the second actor and a
    peaceful protest has none. Violence against civilians whose only named actor is a
    civilian ("a woman was found dead") is by an unknown perpetrator against civilians.
    Looting names the civilians robbed when the text names no victim.
    """
    if sub is None:
        return agent, target
    etype = acled.event_type_for(sub)
    if etype in ("Protests", "Riots"):
        kind = "protesters" if etype == "Protests" else "rioters"
        home = country_in_name(agent.name) if agent is not None and agent.inter in (3, 4) else None
        if home and home != iso:
            # "Israeli settlers attacked homes in Burin": the crowd is of the group's own
            # country (ACLED's "Rioters (Israel)"), not of the place it went to
            iso = home
        crowd_name = crowd_actor(kind, iso, "", 0).name
        old = agent
        if agent is None or agent.name != crowd_name:
            mention, start = (agent.mention, agent.start) if agent else ("", 0)
            agent = crowd_actor(kind, iso, mention, start)
        if sub == "Peaceful protest":
            return agent, None
        if _is_force(old) and (target is None or not _is_force(target)):
            target = old  # "police clashed with demonstrators" coded from the police side
        if etype == "Protests" and not _is_force(target):
            target = None
        if sub == "Protest with intervention" and target is None and iso:
            target = state_force(iso)  # force was used on the crowd; ACLED's default: police
        if sub == "Violent demonstration" and target is not None and target.inter in (5, 6):
            target = None  # the crowd is the first actor, not its own victim
        if target is not None and target.name == agent.name and etype == "Protests":
            target = None
        return agent, (policing_force(target) if target is not None else None)
    if sub == "Arrests" and agent is not None:
        agent = policing_force(agent)  # "security forces arrested": ACLED's police
    if sub == "Arrests" and iso and (target is None or target.inter is None):
        # "arrested the party's secretary general", "detained 12 members of the opposition":
        # ACLED codes those held as civilians (their party is an associated actor)
        mention, start = (target.mention, target.start) if target else ("", 0)
        target = crowd_actor("civilians", iso, mention, start)
    if agent is not None and agent.kind in ("rioters", "protesters") and etype in VIOLENT_TYPES:
        # ACLED's rioters riot; "a man was shot by two men" is an unknown armed group's attack
        agent = unknown_perpetrator(iso or agent.iso, agent.mention, agent.start, doc)
    if etype == "Violence against civilians" and agent is None and iso:
        # "a woman was found dead": someone killed her
        agent = unknown_perpetrator(iso, "", 0, doc)
    if etype == "Violence against civilians" and agent is not None and agent.inter == 7:
        target = target if target is not None and target.inter == 7 else agent
        agent = unknown_perpetrator(iso or agent.iso, agent.mention, agent.start, doc)
    if sub == "Looting/property destruction" and target is None and iso:
        target = crowd_actor("civilians", iso, "", 0)
    if etype == "Battles" and agent is not None and agent.inter in (6, 7):
        # "the fighting has forced people from their homes": civilians fight no battle
        agent = unknown_perpetrator(iso or agent.iso, agent.mention, agent.start, doc)
    if etype == "Battles" and target is not None and target.inter in (5, 6, 7):
        # a battle's second side is armed; the civilians it killed are its victims
        target = None
    unknown = agent is not None and agent.name.startswith("Unidentified Armed Group")
    if sub == "Armed clash" and target is None and agent is not None and unknown:
        # "a shoot-out took place": two unknown sides, coded as the same unknown group
        target = replace(agent)
    return agent, target


def _date_choice(cluster: Cluster) -> Any:
    dated = [m.date for m in cluster.mentions if m.date is not None]
    explicit = [d for d in dated if not getattr(d, "is_default", False)]
    return (explicit or dated or [None])[0]


def _with_night_end(choice: Any, published: date | None) -> Any:
    """The chosen date with its expression's last day: "overnight", "late on Thursday"
    resolve to a night that ends the next morning (``TimeExpr.end_value``), which the day
    choice leaves out; an event coded from such a raid spans both days (``date_end``)."""
    time = getattr(choice, "time", None)
    if choice is None or choice.end_value or time is None or not time.end_value:
        return choice
    if not (len(time.end_value) == 10 and time.end_value > choice.value):
        return choice
    if published is not None and time.end_value > published.isoformat():
        return choice  # a reported night cannot end after the report
    return replace(choice, end_value=time.end_value)


def _allegation_tags(cluster: Cluster, lex: Lexicon) -> list[str]:
    """Legal allegations ("war crimes") with who makes them."""
    tags: list[str] = []
    for sent in _sentences(cluster):
        found = _terms_in([sent], lex.allegations)
        if not found:
            continue
        sources = [m.claim.organization or m.claim.speaker for m in cluster.mentions if m.claim]
        sources += [m.reporter for m in cluster.mentions if m.reporter and m.sent == sent]
        accusers = [m.agent.name for m in cluster.mentions if m.cls == "accuse" and m.agent]
        source = next((s for s in accusers + sources if s), None)
        for entry in found:
            tags.append(entry["tag"])
            if source:
                tags.append(f"{entry['tag']} (alleged by {source})")
    return list(dict.fromkeys(tags))


def _human_date(value: str | None, lex: Lexicon) -> str | None:
    if not value:
        return None
    parts = value.split("-")
    months = lex.notes["months"]
    if len(parts) == 3:
        return f"{int(parts[2])} {months[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def write_notes(event: Event, cluster: Cluster, lex: Lexicon) -> str:
    """A note in ACLED's style: date, who did what to whom, where, fatalities, source."""
    table = lex.notes["acled"] if event.sub_event_type else lex.notes["plover"]
    key = event.sub_event_type or event.plover["event_type"]
    a1, a2 = event.actor1, event.actor2
    phrase = None
    for template in table.get(key, []):
        if "{a2}" in template and not (a1 and a2):
            continue
        if "{a1}" in template and not a1:
            continue
        phrase = template.format(a1=a1, a2=a2)
        break
    phrase = phrase or f"a {key} event took place"
    parts = []
    when = _human_date(event.event_date, lex)
    lead = f"On {when}, " if when else ""
    where = ""
    if event.location:
        region = ", ".join(x for x in (event.admin2, event.admin1) if x and x != event.location)
        where = f" in {event.location}" + (f" ({region})" if region else "")
    sentence = lead + phrase + where
    parts.append(sentence[0].upper() + sentence[1:] + ".")
    quote = cluster.first
    clause = doc_text(quote.token.doc)[quote.start : quote.end].strip()
    if clause:
        parts.append(f'The report says: "{clause}".')
    if event.fatalities:
        parts.append(f"{event.fatalities} fatalities.")
    if event.reported_by:
        names = [r for r in event.reported_by if not r.startswith(f"{event.event_id[:-1]}")]
        if names:
            parts.append("Reported by " + ", ".join(names) + ".")
    return " ".join(parts)


def _fallback_actor(cluster: Cluster, coding: Coding, role: str, iso_country: str | None) -> Any:
    """ACLED's generic actors where the text names none: the crowd, the victims."""
    if not iso_country or coding.sub_event_type is None:
        return None
    etype = acled.event_type_for(coding.sub_event_type)
    if role == "agent" and etype == "Protests":
        return Actor("", 0, 0, f"Protesters ({iso_country})", 6, kind="protesters")
    if role == "agent" and etype == "Riots":
        return Actor("", 0, 0, f"Rioters ({iso_country})", 5, kind="rioters")
    if role == "target" and coding.civilian_targeting:
        return Actor("", 0, 0, f"Civilians ({iso_country})", 7, kind="civilians")
    return None


def _anyone_hit(cas: Any) -> bool:
    """Whether the text reports anyone killed or hurt."""
    return cas is not None and bool(cas.fatalities or cas.injured)


def build_event(
    n: int, cluster: Cluster, coding: Coding, article: Article, doc: Doc, lex: Lexicon
) -> Event:
    sub = coding.sub_event_type
    etype = acled.event_type_for(sub) if sub else None
    place = cluster.place
    date_choice = _date_choice(cluster)
    leading = cluster.mentions
    if etype in ("Protests", "Riots"):  # the crowd, not the police who dispersed it
        leading = [m for m in cluster.mentions if m.cls in ("protest", "riot")] or leading
    agent = _pick_actor(
        [m.agent for m in leading],
        ranks=[2 if _is_default(m.agent, m) else 0 if _syntactic_agent(m) else 1 for m in leading],
    )
    targets = [m.target for m in cluster.mentions]
    if etype == "Battles":  # a battle is fought between armed sides; its victims are not one
        targets = [t for t in targets if t is not None and t.inter in ARMED_INTER] or targets
    target = _pick_actor(targets, exclude=agent.name if agent else None)
    if etype == "Battles" and (target is None or target.inter not in ARMED_INTER):
        # "an attack by JNIM ... killed 77 people, most of them gendarmes": the other
        # armed actor the event's sentences name is the second side
        sents = _sentences(cluster)
        named = actors_between(doc, sents[0].start_char, sents[-1].end_char)
        others = [
            a for a in named if a.inter in ARMED_INTER and (agent is None or a.name != agent.name)
        ]
        if others:
            target = others[0]
    country = place.place.country if place is not None else None
    if agent is None:
        agent = _fallback_actor(cluster, coding, "agent", country)
    sents = _sentences(cluster)
    violent = etype in VIOLENT_TYPES | {"Riots", "Protests"} or coding.plover_type in (
        "ASSAULT",
        "FIGHT",
    )
    cas = casualties_in(sents) if violent else None
    if target is None and (etype != "Explosions/Remote violence" or _anyone_hit(cas)):
        # shells on "villages and farms" with no one hurt: ACLED codes no second actor
        target = _fallback_actor(cluster, coding, "target", country)
    agent, target = conform_actors(agent, target, sub, _event_iso(agent, target, place), doc)
    tags = list(coding.tags) + _allegation_tags(cluster, lex)
    if date_choice is not None and getattr(date_choice, "is_default", False):
        tags.append("date: publication date (default)")
    if any(m.claim or m.reporter for m in cluster.mentions):
        tags.append("reported")
    reported: list[str] = []
    for m in cluster.mentions:
        if m.claim is not None:
            reported.append(m.claim.id)
            who = m.claim.organization or m.claim.speaker
            if who:
                reported.append(who)
        elif m.reporter:
            reported.append(m.reporter)
    evidence = [Evidence.of(doc_text(doc), m.start, m.end) for m in cluster.mentions]
    evidence = list(dict.fromkeys(evidence))
    precision = getattr(date_choice, "time_precision", None) if date_choice else None
    event = Event(
        event_id=f"{article.id}-E{n}",
        event_date=date_choice.value if date_choice else None,
        date_end=getattr(date_choice, "end_value", None) if date_choice else None,
        time_precision=int(precision) if isinstance(precision, int) else 3,
        disorder_type=acled.disorder_type_for(sub) if sub else None,
        event_type=etype,
        sub_event_type=sub,
        plover=plover.coding(coding.plover_type, coding.mode, coding.context),
        actor1=agent.name if agent else None,
        inter1=agent.inter if agent else None,
        actor2=target.name if target else None,
        inter2=target.inter if target else None,
        civilian_targeting=coding.civilian_targeting,
        tags=list(dict.fromkeys(tags)),
        reported_by=list(dict.fromkeys(reported)),
        confidence=coding.confidence,
        evidence=evidence,
    )
    event.interaction = interaction_code(event.inter1, event.inter2) if sub else None
    if place is not None:
        p = place.place
        event.location = p.name
        event.iso = p.iso
        event.country = p.country
        event.admin1 = p.admin1
        event.admin2 = p.admin2
        event.latitude = p.latitude
        event.longitude = p.longitude
        event.geo_precision = place.geo_precision
    if cas is not None:
        event.fatalities = cas.fatalities
        event.fatalities_text = cas.text
        event.injured = cas.injured
    event.notes = write_notes(event, cluster, lex)
    return event


def _drop_background_causes(mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Drop violence named only as the cause of a measure or a protest.

    "Authorities imposed a curfew after clashes", "students marched following the
    killing of a journalist": the report is about the curfew or the march; the clashes
    are background a coder records from the report that tells them, not as a battle
    with the curfew's place and date.
    """
    causes = lex.cue("cause_prepositions")
    owners = {m.token.i: m for m in mentions if m.group != "violence" or m.cls == "protest"}
    kept = []
    for m in mentions:
        tok = m.token
        if (
            m.group == "violence"
            and m.cls != "protest"
            and tok.pos_ == "NOUN"
            and tok.dep_ == "pobj"
            and tok.head.lower_ in causes
        ):
            verb = tok.head.head
            near = [verb, *verb.children]
            if any(t.i in owners and t.i != tok.i for t in near):
                continue
        kept.append(m)
    return kept


# ---------------------------------------------------------------------------------------
# Entry point


def extract_events(
    doc: Doc,
    article: Article,
    times: list[TimeExpr],
    places: list[Place],
    actors: list[Actor],
    claims: list[Claim],
) -> list[Event]:
    """Every event a coder would record in the article, merged and coded, with evidence."""
    lex = lexicon()
    mentions = _drop_background_causes(find_mentions(doc), lex)
    for m in mentions:
        _attach(m, doc, article, times, places, actors, claims, lex)
    mentions = [m for m in mentions if not _future(m, article.published)]
    protest_sents = {m.sent.start for m in mentions if m.cls == "protest"}
    mentions = [
        m
        for m in mentions
        if not (m.cls in ("demand", "request", "reject") and m.sent.start in protest_sents)
    ]  # what protesters demand is the protest's cause, not a separate event
    clusters = merge_mentions(mentions)
    events: list[Event] = []
    by_id = {c.id: c for c in claims}
    for cluster in clusters:
        if all(m.cls in lex.standalone_weak for m in cluster.mentions):
            continue  # "tear gas" alone is how an event was policed, not an event
        coding = code_cluster(cluster, lex)
        if coding.sub_event_type is None and cluster.group in ("violence", "measure"):
            continue
        if cluster.group == "mobilize" and not any(
            m.place_in_clause or m.cls == "base" for m in cluster.mentions
        ):
            continue  # a coder records troop movements at a place, not "Moscow deploys forces"
        event = build_event(len(events) + 1, cluster, coding, article, doc, lex)
        events.append(event)
        for m in cluster.mentions:
            if m.claim is not None and m.claim.id in by_id:
                claim = by_id[m.claim.id]
                if event.event_id not in claim.events:
                    claim.events.append(event.event_id)
    return events


__all__ = [
    "background_statement",
    "code_cluster",
    "extract_events",
    "find_mentions",
    "is_asserted",
    "merge_mentions",
]
