"""The seam for event typing: what a typer reads (``TypingFeatures``), what it answers
(``Coding``: ACLED sub-event, hence event and disorder type, and the PLOVER coding), and the
one place that says which typer runs (``event_typer``).

Today's typer is the ACLED rule tree with the classifier where the rules are unsure
(``coding.RulesTyper``). Another one (a learned model, an ablation) implements
``EventTyper``, is added with ``register_typer`` and chosen by name in
``ExtractConfig.event_typer`` (``FRONTWIRE_EVENT_TYPER``): nothing else in events changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from spacy.tokens import Span

from frontwire.errors import FrontwireError
from frontwire.extract.config import extract_config
from frontwire.extract.events.clues import (
    _agent_inter,
    _armed_among_victims,
    _armed_means,
    _armed_presence,
    _crowd_agent,
    _crowd_fight,
    _sentences,
    _struck_things,
    _target_kind,
    _terms_in,
)
from frontwire.extract.events.merge import Cluster
from frontwire.extract.events.tables import Lexicon
from frontwire.extract.events.tokens import _span_lemmas
from frontwire.ontology import acled


@dataclass
class Coding:
    """A typer's answer for one merged event: the ACLED sub-event type (None where ACLED
    has no category for it) and the PLOVER type, mode and context."""

    sub_event_type: str | None
    plover_type: str
    mode: str | None
    context: str | None
    confidence: float
    civilian_targeting: bool = False
    tags: list[str] = field(default_factory=list)

    @property
    def event_type(self) -> str | None:
        """ACLED's event type of the sub-event (its disorder type follows from it)."""
        return acled.event_type_for(self.sub_event_type) if self.sub_event_type else None


class TypingFeatures:
    """The inputs of the typing rules for one merged event, worked out once.

    The cheap ones are read when the features are made; the crowd and armed flags, each a
    walk over the mentions, when first asked for.
    """

    def __init__(self, cluster: Cluster, lex: Lexicon) -> None:
        self.cluster = cluster
        self.lex = lex
        #: The sentences that mention the event.
        self.sentences: list[Span] = _sentences(cluster)
        #: Trigger classes of its mentions ("attack", "protest", "shelling" ...).
        self.classes: set[str] = {m.cls for m in cluster.mentions}
        struck = _struck_things(cluster, lex)
        #: Weapon terms in those sentences ("set fire to a presidential plane": the plane
        #: was hit, it did not strike, so it is left out).
        self.weapons: list[dict[str, Any]] = [
            w
            for w in _terms_in(self.sentences, lex.weapons)
            if not (w["cls"] == "air" and len(w["lemmas"]) == 1 and w["lemmas"][0] in struck)
        ]
        #: How many weapon terms of each class ("firearms", "air", "explosive" ...).
        self.weapon_classes: Counter[str] = Counter(w["cls"] for w in self.weapons)
        #: The sentences' text, lower-cased, and their lemmas.
        self.text: str = " ".join(s.text for s in self.sentences).lower()
        self.lemmas: set[str] = {lemma for s in self.sentences for lemma in _span_lemmas(s)}
        #: What was hit: "civilian", "armed", ... or None.
        self.target_kind: str | None = _target_kind(cluster, lex)
        #: ACLED inter code of the acting side, where the mentions name one.
        self.agent_inter: int | None = _agent_inter(cluster)

    @cached_property
    def crowd_agent(self) -> bool:
        """Rioters who attacked are a crowd, not one person."""
        return _crowd_agent(self.cluster, self.lex)

    @cached_property
    def crowd_fight(self) -> bool:
        """A fight whose one side is a crowd and no side an armed organisation."""
        return _crowd_fight(self.cluster, self.weapon_classes, self.lemmas, self.lex)

    @cached_property
    def armed_means(self) -> bool:
        """The attackers are said to be armed: guns, bombs, or "armed" men."""
        return _armed_means(self.weapon_classes, self.lemmas, self.lex)

    @cached_property
    def armed_presence(self) -> bool:
        """An organised armed actor takes part."""
        return _armed_presence(self.cluster, self.lemmas, self.lex)

    @cached_property
    def armed_victims(self) -> bool:
        """Soldiers or fighters are among those hit."""
        return _armed_among_victims(self.cluster.mentions, self.lex)


class EventTyper(Protocol):
    """Types one merged event in ACLED and PLOVER terms."""

    def type_event(self, features: TypingFeatures) -> Coding: ...


#: Typers by name, each made from the event tables.
_TYPERS: dict[str, Callable[[Lexicon], EventTyper]] = {}


def register_typer(name: str, factory: Callable[[Lexicon], EventTyper]) -> None:
    """Make a typer choosable by ``name`` (``ExtractConfig.event_typer``)."""
    _TYPERS[name] = factory


def event_typer(lex: Lexicon, name: str | None = None) -> EventTyper:
    """The typer in force (``name``, else the configured one), made from the tables."""
    if "rules" not in _TYPERS:
        from frontwire.extract.events.coding import RulesTyper

        _TYPERS["rules"] = RulesTyper
    chosen = name or extract_config().event_typer
    factory = _TYPERS.get(chosen)
    if factory is None:
        raise FrontwireError(
            f"unknown event typer {chosen!r} (FRONTWIRE_EVENT_TYPER): "
            f"choose one of {', '.join(sorted(_TYPERS))}"
        )
    return factory(lex)
