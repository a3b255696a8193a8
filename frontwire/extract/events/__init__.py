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

from frontwire.extract.events.assertion import (
    background_statement,
    clause_span,
    entry_strength,
    is_asserted,
)
from frontwire.extract.events.build import build_event, write_notes
from frontwire.extract.events.coding import Coding, RulesTyper, code_cluster
from frontwire.extract.events.conform import conform_actors
from frontwire.extract.events.extract import extract_events
from frontwire.extract.events.merge import Cluster, merge_mentions
from frontwire.extract.events.tables import (
    CLAUSE_DEPS,
    NOT_ARMED_CLASSES,
    VIOLENT_TYPES,
    Lexicon,
    lexicon,
)
from frontwire.extract.events.tokens import LEMMAS_KEY, LOWERS_KEY, SENTS_KEY, _lemma, _sent_of
from frontwire.extract.events.triggers import Mention, find_mentions
from frontwire.extract.events.typer import (
    EventTyper,
    TypingFeatures,
    event_typer,
    register_typer,
)
from frontwire.ontology.acled import ARMED_INTER

__all__ = [
    "ARMED_INTER",
    "CLAUSE_DEPS",
    "LEMMAS_KEY",
    "LOWERS_KEY",
    "NOT_ARMED_CLASSES",
    "SENTS_KEY",
    "VIOLENT_TYPES",
    "Cluster",
    "Coding",
    "EventTyper",
    "Lexicon",
    "Mention",
    "RulesTyper",
    "TypingFeatures",
    "_lemma",
    "_sent_of",
    "background_statement",
    "build_event",
    "clause_span",
    "code_cluster",
    "conform_actors",
    "entry_strength",
    "event_typer",
    "extract_events",
    "find_mentions",
    "is_asserted",
    "lexicon",
    "merge_mentions",
    "register_typer",
    "write_notes",
]
