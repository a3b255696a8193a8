"""Whether a trigger reports something that happened: not negated, hypothetical, conditional,
habitual or background; and the clause a trigger governs.
"""

from __future__ import annotations

from spacy.tokens import Token

from frontwire.extract.casualties import cumulative_statement
from frontwire.extract.events.tables import CLAUSE_DEPS, Lexicon, lexicon
from frontwire.extract.events.tokens import _lemma, _sent_of


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
    pending = lex.cue("pending_marks")
    if _sent_of(tok).text.rstrip().endswith(lex.cues["question_end"]):
        return False
    if _alleged_falsely(tok, lex) or _generic_in_speech(tok, lex):
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
            if child.dep_ == "mark" and low in pending and _pending(node, lex):
                return False  # "until the attack began, diplomacy is possible": not yet
        coordinate = came_from.dep_ == "conj" and came_from.head.i == node.i
        if node.i != tok.i and _lemma(node) in governors and not coordinate:
            # (a conjunct is a second act beside its head, not under it: "called the attack
            # vile and appealed for help"; what governs the head still governs both)
            if _spliced_before(came_from, node, lex):
                break  # "students protested ..., they also called for help": two clauses
            if _decreed(tok, node, cls, lex):
                break  # "ordered a partial mobilisation": the order is the call-up
            return False
        if node.dep_ == "pobj" and node.head.lower_ == "without":
            return False
        if node.dep_ == "acl" and _lemma(node.head) in lex.cue("modal_nouns"):
            return False  # "Ukraine's right to strike", "a plan to attack": not done
        if _reduced_participle(node):
            # "a coup that would involve gunmen attacking ministries": the participle has
            # no tense of its own, so what governs its noun decides whether it happened
            came_from, node = node, node.head
            continue
        if node.dep_ in ("relcl", "acl", "ROOT") or node.head.i == node.i:
            break  # a clause modifying a noun is its own assertion
        came_from, node = node, node.head
    return True


def _alleged_falsely(tok: Token, lex: Lexicon) -> bool:
    """ "claims of a Ukrainian attack were a fabricated attempt": an allegation the
    sentence calls false reports no event."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of" or tok.head.head.i == tok.head.i:
        return False
    if _lemma(tok.head.head) not in lex.cue("allegation_nouns"):
        return False
    return any(_lemma(t) in lex.cue("falsity_words") for t in _sent_of(tok))


def _reduced_participle(node: Token) -> bool:
    """Whether ``node`` is an -ing participle hung on a noun with no auxiliary or subject
    of its own ("gunmen attacking ministries"): a reduced clause, not its own assertion."""
    return (
        node.dep_ == "acl"
        and node.tag_ == "VBG"
        and node.head.i != node.i
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in node.children)
    )


def _pending(clause: Token, lex: Lexicon) -> bool:
    """Whether a clause under "until"/"before" is told as not yet happened: the clause it
    hangs on is in the present or under a modal ("until the attack began, diplomacy is
    always a possibility"); "lived in peace until the shelling began" narrates it."""
    if clause.dep_ != "advcl" or clause.head.i == clause.i:
        return False
    main = clause.head
    auxes = [c for c in main.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in lex.cue("hypothetical_modals") for c in auxes):
        return True
    tensed = auxes[0] if auxes else main
    return tensed.tag_ in ("VBZ", "VBP")


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


def _decreed(tok: Token, governor: Token, cls: str, lex: Lexicon) -> bool:
    """Whether a state act is the object of the verb that decrees it ("ordered a general
    mobilisation", "declared a mobilisation"): issuing it is the event, not a plan."""
    return (
        cls in lex.cue("decreed_classes")
        and tok.pos_ == "NOUN"
        and tok.dep_ == "dobj"
        and tok.head.i == governor.i
        and _lemma(governor) in lex.cue("decree_verbs")
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
    if _under_tally(tok, lex):
        return True  # "this number includes the forces that were killed and wounded"
    node = tok
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") and (_habitual(node, lex) or cumulative_statement(node)):
            return True
        if node.dep_ in ("relcl", "acl", "ROOT") or node.head.i == node.i:
            break
        node = node.head
    return False


def _under_tally(tok: Token, lex: Lexicon) -> bool:
    """ "this number includes the forces that were killed", "the toll covers ...": what a
    count is made of, not news; relative clauses included, up to the sentence root."""
    node = tok
    for _ in range(12):
        if _lemma(node) in lex.cue("tally_verbs") and any(
            c.dep_ == "nsubj" and _lemma(c) in lex.cue("tally_nouns") for c in node.children
        ):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _generic_in_speech(tok: Token, lex: Lexicon) -> bool:
    """ "saying that Ukrainians attack the Russians": a simple present under a past or
    -ing reporting verb tells what someone claims happens, not an event that did."""
    if tok.dep_ != "ccomp" or tok.tag_ not in ("VBP", "VBZ"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    head = tok.head
    return head.tag_ in ("VBD", "VBG", "VBN") and _lemma(head) in lex.cue("speech_verbs")


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
