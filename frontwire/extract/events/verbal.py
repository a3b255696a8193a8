"""Verbal and material PLOVER triggers whose type depends on the words around them.

Why: a verb alone does not say which PLOVER event a sentence reports. "Russia threatened
Kyiv" is a threat, "the war threatened to ruin the economy" is a risk; "warned that if
Moscow attacks, we will respond" is a threat, "warned that troops are poised to invade"
accuses the other side; "insisted on a ceasefire" demands, "insisted that diplomacy is
possible" only asserts; "sent missiles to Kyiv" is aid, "sent a letter" is not. Each
refiner returns the (class, PLOVER type) the mention keeps, or ``(None, type)`` to drop it.
The word lists live in ``ontology/event_cues.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from frontwire.extract.events.tables import Lexicon
from frontwire.extract.events.tokens import _lemma, _sent_of

if TYPE_CHECKING:
    from frontwire.extract.events.merge import Cluster

Refined = tuple[str | None, str]

#: Entity labels that name someone who can threaten, warn or send.
AGENT_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Cue groups of ``event_cues.json`` whose words name people or bodies that can act.
PERSON_CUE_GROUPS = (
    "state_speaker_words",
    "armed_agent_words",
    "state_agent_words",
    "nonstate_agent_words",
    "generic_person_words",
    "civilian_target_words",
    "demonstrator_words",
    "police_words",
    "mob_words",
    "crowd_words",
)
#: Tags of a verb that states a fact ("insisted that talks are possible"), never a
#: subjunctive: VBP ("that they leave") may be either, so it is left a demand.
STATED_TAGS = frozenset({"VBZ", "VBD"})
#: Tags of a finite verb or modal: a sentence without one is a headline or a caption.
FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})


def _subject(tok: Token) -> Token | None:
    """The active subject of a verb; a relative pronoun stands for the noun it modifies."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.lower_ in ("that", "which", "who") and tok.dep_ == "relcl":
        return tok.head
    return subject


def _can_act(subject: Token, lex: Lexicon) -> bool:
    """Whether a subject can be someone (a person, state, body or force), not a situation,
    a rule or a thing ("the war threatened", "laws that threaten prison terms", "the
    situation demands", "a video condemning the war"). Nouns for people and bodies are
    open-ended ("the authorities refused"), so a common noun acts unless it is one of
    the things of ``non_agent_subjects``."""
    if subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in AGENT_ENTITIES:
        return True
    words = lex.cue("threat_agent_words")
    for group in PERSON_CUE_GROUPS:
        words |= lex.cue(group)
    lemma = _lemma(subject)
    return lemma in words or lemma not in lex.cue("non_agent_subjects")


def _threaten(tok: Token, cls: str, plover_type: str, lex: Lexicon) -> Refined:
    """A threat made by someone; not a risk ("the war threatened to ruin the economy") nor
    a description ("a pariah state that threatens global security", "laws that threaten
    long prison terms": a relative clause in the simple present says what a thing is)."""
    if tok.pos_ != "VERB":
        return cls, plover_type
    subject = _subject(tok)
    if subject is not None and not _can_act(subject, lex):
        return None, plover_type
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    relative = tok.dep_ == "relcl" or (subject is not None and subject.tag_ == "WDT")
    if relative and tok.tag_ in ("VBZ", "VBP") and not auxes:
        return None, plover_type
    return cls, plover_type


def _content(tok: Token) -> list[Token]:
    """What a warning says: its clause ("warned that ..."), or what it is "of"/"about"."""
    out = [c for c in tok.children if c.dep_ in ("ccomp", "acl", "advcl", "xcomp", "relcl")]
    out += [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in ("of", "about", "against")
        for g in c.children
    ]
    return out


def _warn(tok: Token, cls: str, plover_type: str, lex: Lexicon) -> Refined:
    """A warning with a condition is a threat; a warning of the other side's attack accuses
    it; any other warning ("warned of a food crisis") is neither."""
    subject = _subject(tok) if tok.pos_ == "VERB" else None
    if subject is not None and not _can_act(subject, lex):
        return None, plover_type  # "the crisis warns of worse to come"
    content = [t for c in _content(tok) for t in c.subtree]
    if not content:
        return None, plover_type
    marks = lex.cue("warning_threat_marks")
    if any(t.dep_ == "mark" and t.lower_ in marks for t in content):
        return "threaten", "THREATEN"
    violent = {"violence"}
    for t in content:
        entries = lex.words.get(_lemma(t), [])
        if any(lex.group_of.get(e["cls"]) in violent for e in entries):
            return "accuse", "ACCUSE"
        if _lemma(t) in lex.cue("invasion_words"):
            return "accuse", "ACCUSE"
    return None, plover_type


def _recipient(tok: Token) -> bool:
    """Whether something is sent to someone: "to Ukraine", "for Kyiv", "sent Ukraine aid"."""
    for c in tok.children:
        if c.dep_ in ("dative", "iobj"):
            return True
        named = (g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_) for g in c.children)
        if c.dep_ == "prep" and c.lower_ in ("to", "for") and any(named):
            return True
    return False


def _unrealised(verb: Token) -> bool:
    """A command ("Send tanks to Ukraine!"): asked for, not sent. (An infinitive is left
    to the governor checks: "bowed to pressure to supply weapons" reports a decision.)"""
    subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
    return verb.tag_ == "VB" and not subject and verb.dep_ in ("ROOT", "conj", "parataxis")


def _aid_transfer(tok: Token, cls: str, plover_type: str, lex: Lexicon) -> Refined:
    """Weapons, aid or money handed to a named recipient ("sent missiles to Ukraine", "a $1
    billion weapons package for Ukraine"); not "supplied details" or "sent troops"."""
    goods = lex.cue("aid_transfer_objects") | set(lex.weapons)
    if tok.pos_ == "NOUN":
        own = {_lemma(c) for c in tok.children if c.dep_ in ("amod", "compound")}
        own |= {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}
        if own & lex.cue("aid_package_modifiers"):
            return cls, plover_type  # "a weapons package", "a security assistance package"
        if own & lex.cue("aid_package_weak_modifiers") and _recipient(tok):
            return cls, plover_type  # "a support package for Ukraine", not "life support"
        return None, plover_type
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects or not _recipient(tok) or _unrealised(tok):
        return None, plover_type
    words = {_lemma(t) for o in objects for t in o.subtree}
    return (cls, plover_type) if words & goods else (None, plover_type)


def _mobilize(tok: Token, cls: str, plover_type: str, lex: Lexicon) -> Refined:
    """Forces called up, not "party mobilization" or "mobilising voters"."""
    near = {_lemma(c) for c in tok.children if c.dep_ in ("amod", "compound", "dobj", "poss")}
    if near & lex.cue("civil_mobilization_words"):
        return None, plover_type
    return cls, plover_type


def _drill(tok: Token, cls: str, plover_type: str, lex: Lexicon) -> Refined:
    """Military drills and exercises, not "a fire drill" or "the exercise of a right"."""
    own = {_lemma(c) for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
    if own & lex.cue("drill_modifiers"):
        return cls, plover_type
    if _lemma(tok) == "exercise":
        return None, plover_type
    sentence = {_lemma(t) for t in _sent_of(tok)}
    military = lex.cue("drill_modifiers") | lex.cue("drill_subject_words") | set(lex.weapons)
    return (cls, plover_type) if sentence & military else (None, plover_type)


def _demand(tok: Token, cls: str, plover_type: str, lex: Lexicon) -> Refined:
    """ "insisted on talks" / "insisted that Russia withdraw" demand; "insisted that
    diplomacy is always possible" states a view, a claim rather than an event."""
    if _lemma(tok) != "insist" or tok.pos_ != "VERB":
        return cls, plover_type
    for clause in (c for c in tok.children if c.dep_ == "ccomp"):
        auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
        obliging = any(a.lower_ in lex.cue("obligation_modals") for a in auxes)
        # "that diplomacy is possible" (VBZ/VBD) asserts; "that they withdraw" (the
        # subjunctive, a base form after a past "insisted") demands
        stated = clause.tag_ in STATED_TAGS or any(a.tag_ in STATED_TAGS for a in auxes)
        if stated and not obliging:
            return None, plover_type
    return cls, plover_type


def _agree(tok: Token, cls: str, plover_type: str, lex: Lexicon) -> Refined:
    """ "agreed to a ceasefire", "agreed on a deal", "signed a treaty" settle something;
    "agreed that we have great potential" only shares a view, and "signed a decree" or
    "signed the bill into law" is a government's own act, not an agreement between sides."""
    if tok.pos_ != "VERB":
        return cls, plover_type
    if _lemma(tok) == "sign":
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        objects += [g for c in tok.children if c.dep_ == "prep" for g in c.children]
        settled = {_lemma(t) for o in objects for t in o.subtree}
        return (cls, plover_type) if settled & lex.cue("agreement_words") else (None, plover_type)
    if _lemma(tok) != "agree":
        return cls, plover_type
    deps = {c.dep_ for c in tok.children}
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    clauses = [c for c in tok.children if c.dep_ == "ccomp"]
    course = any(  # "agreed that their countries should cooperate": a course of action
        a.dep_ == "aux" and a.lower_ in lex.cue("agreed_course_modals")
        for c in clauses
        for a in c.children
    )
    if clauses and not course and not (deps & {"dobj", "xcomp"}) and not (preps & {"to", "on"}):
        return None, plover_type
    return cls, plover_type


def _speaker(tok: Token) -> Token | None:
    """Who makes a speech act: the subject, the noun a relative clause or an -ing participle
    hangs on ("a video condemning the war": the video; not "a deal agreed between X and
    Y", whose participle is passive), or None."""
    subject = _subject(tok)
    if subject is None and tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ == "NOUN":
        if tok.i > 0 and tok.doc[tok.i - 1].is_punct:
            return None  # "removed a memorial, accusing Russia": said by the clause's subject
        return tok.head
    return subject


def _unreal_statement(tok: Token, lex: Lexicon) -> bool:
    """A verbal act named but not reported as done: recalled as the start of a period
    ("since the deal"), judged impossible or still to come ("negotiations were
    impossible", "sanctions are imminent"), a headline's plan ("UN chief to visit Kyiv"),
    or made by a thing ("a video condemning the war")."""
    if tok.pos_ == "NOUN":
        if tok.dep_ == "pobj" and tok.head.lower_ in lex.cue("verbal_background_preps"):
            return True
        if tok.dep_ in ("nsubj", "nsubjpass"):
            predicate = tok.head
            said = {_lemma(c) for c in predicate.children if c.dep_ in ("acomp", "attr")}
            return bool(said & lex.cue("unrealised_predicates"))
        return False
    if tok.dep_ == "amod":
        return True  # "a negotiated settlement", "a signed accord": a kind of thing
    if tok.pos_ != "VERB":
        return False
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if infinitive and not any(t.tag_ in FINITE_TAGS for t in _sent_of(tok)):
        return True  # a headline's "X to visit Y": no finite verb, a plan
    speaker = _speaker(tok)
    return speaker is not None and speaker.i != tok.i and not _can_act(speaker, lex)


def refine_verbal(tok: Token, cls: str, plover_type: str, lex: Lexicon) -> Refined:
    """The class a verbal or material PLOVER trigger keeps, after the checks every such
    act shares and then its own."""
    if _unreal_statement(tok, lex):
        return None, plover_type
    own = VERBAL_REFINERS.get(cls)
    return own(tok, cls, plover_type, lex) if own else (cls, plover_type)


VERBAL_REFINERS: dict[str, Callable[[Token, str, str, Lexicon], Refined]] = {
    "threaten": _threaten,
    "warn": _warn,
    "aid_transfer": _aid_transfer,
    "drill": _drill,
    "mobilize": _mobilize,
    "demand": _demand,
    "agree": _agree,
}


def national_mobilization(cluster: Cluster, lex: Lexicon) -> bool:
    """A state's call-up or military drill ("ordered a partial mobilisation", "announced
    nuclear drills"): a PLOVER MOBILIZE with no armed group moving to a place, which ACLED
    does not record; troop movements ("deployed forces to X") stay ACLED events."""
    words = lex.cue("placeless_mobilize_words")
    return all(m.cls == "drill" or _lemma(m.token) in words for m in cluster.mentions)


def conditional_threats(doc: Doc, lex: Lexicon) -> list[Token]:
    """Main verbs of "if you attack, we will respond": a promise of action against whoever
    does the violence of the condition, in the speaker's own voice, is PLOVER's THREATEN
    (a conditional punitive statement) whether or not a verb says "threatened"."""
    found: list[Token] = []
    voices = lex.cue("threat_first_person")
    marks = lex.cue("warning_threat_marks")
    for cond in doc:
        if cond.dep_ != "advcl" or not any(
            c.dep_ == "mark" and c.lower_ in marks for c in cond.children
        ):
            continue
        violent = {lex.group_of.get(e["cls"]) for e in lex.words.get(_lemma(cond), [])}
        if "violence" not in violent and _lemma(cond) not in lex.cue("invasion_words"):
            continue
        main = cond.head
        will = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in main.children)
        speaker = any(c.dep_ == "nsubj" and c.lower_ in voices for c in main.children)
        if will and speaker and main.pos_ == "VERB":
            found.append(main)
    return found


def carried_by_cyberattack(tok: Token, lex: Lexicon) -> bool:
    """A violent verb whose subject or object is a cyberattack ("a cyberattack hit the
    website", "hackers launched a cyber attack"): the cyberattack is the event, not a
    physical attack."""
    for c in tok.children:
        if c.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            continue
        if any(e["cls"] == "cyber" for e in lex.words.get(_lemma(c), [])):
            return True
        own = {_lemma(g) for g in c.children if g.dep_ in ("amod", "compound")}
        if own & lex.cue("non_physical_attack_modifiers"):
            return True
    return False
