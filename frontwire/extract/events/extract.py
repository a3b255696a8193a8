"""``extract_events``: find, attach, merge, code and build, then link events to their claims."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from frontwire.extract.events.attach import _attach, _future
from frontwire.extract.events.build import _drop_background_causes, build_event
from frontwire.extract.events.coding import Coding
from frontwire.extract.events.fanout import (
    anaphor_places,
    continued_strikes,
    coordinated_places,
    fan_out,
    share_tolls,
)
from frontwire.extract.events.merge import merge_mentions
from frontwire.extract.events.tables import VIOLENT_TYPES, lexicon
from frontwire.extract.events.triggers import find_mentions
from frontwire.extract.events.typer import TypingFeatures, event_typer
from frontwire.extract.events.verbal import national_mobilization
from frontwire.model import Actor, Article, Claim, Event, Place, TimeExpr
from frontwire.ontology import acled

# ---------------------------------------------------------------------------------------
# Entry point


def _violent_coding(coding: Coding) -> bool:
    sub = coding.sub_event_type
    return sub is not None and acled.event_type_for(sub) in VIOLENT_TYPES


def _plain_theft(cluster: Any, coding: Coding, lex: Any) -> bool:
    """A theft told with no armed group, state force or crowd acting: ordinary crime,
    which ACLED does not code (arson in communal violence stays property destruction)."""
    if coding.sub_event_type != "Looting/property destruction":
        return False
    thefts = lex.cue("theft_words")
    if not all(m.token.lemma_.lower() in thefts for m in cluster.mentions):
        return False
    return not any(
        m.agent is not None and m.agent.inter in (1, 2, 3, 4, 5, 6, 8) for m in cluster.mentions
    )


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
    typer = event_typer(lex)
    mentions = _drop_background_causes(find_mentions(doc), lex)
    for m in mentions:
        _attach(m, doc, article, times, places, actors, claims, lex)
    mentions = [m for m in mentions if not _future(m, article.published)]
    coordinated_places(mentions, doc, places)
    anaphor_places(mentions, doc)
    protest_sents = {m.sent.start for m in mentions if m.cls == "protest"}
    mentions = [
        m
        for m in mentions
        if not (m.cls in ("demand", "request", "reject") and m.sent.start in protest_sents)
    ]  # what protesters demand is the protest's cause, not a separate event
    clusters = merge_mentions(mentions)
    violent = {
        m.token.i
        for c in clusters
        if c.group == "violence" and _violent_coding(typer.type_event(TypingFeatures(c, lex)))
        for m in c.mentions
    }
    fanned = fan_out(mentions, doc, places, violent)
    fanned += continued_strikes(fanned, doc, places, violent)
    if len(fanned) > len(mentions):
        clusters = merge_mentions(sorted(fanned, key=lambda m: m.token.i))
    events: list[Event] = []
    built: list[tuple[Event, Any]] = []
    by_id = {c.id: c for c in claims}
    for cluster in clusters:
        if all(m.cls in lex.standalone_weak for m in cluster.mentions):
            continue  # "tear gas" alone is how an event was policed, not an event
        coding = typer.type_event(TypingFeatures(cluster, lex))
        if coding.sub_event_type is None and cluster.group in ("violence", "measure"):
            continue
        if _plain_theft(cluster, coding, lex):
            continue  # "He stole some jewelry": a theft with no armed group or crowd is crime
        if (
            cluster.group == "mobilize"
            and not any(m.place_in_clause or m.cls == "base" for m in cluster.mentions)
            and not national_mobilization(cluster, lex)
        ):
            continue  # a coder records troop movements at a place, not "Moscow deploys forces"
        event = build_event(len(events) + 1, cluster, coding, article, doc, lex)
        events.append(event)
        built.append((event, cluster.place))
        for m in cluster.mentions:
            if m.claim is not None and m.claim.id in by_id:
                claim = by_id[m.claim.id]
                if event.event_id not in claim.events:
                    claim.events.append(event.event_id)
    share_tolls(built, doc, places)
    return events
