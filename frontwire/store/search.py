"""Full-text search conditions: SQLite FTS5 tables, PostgreSQL ``tsvector`` GIN indexes.

Both are built by migration 0002. A query is split into words, all of which must occur
(stemmed English: "students" finds "student"); punctuation is never FTS syntax, so any
user input is safe and a query of no words matches nothing.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, false, literal_column, select, table, text
from sqlalchemy.orm import Session

_WORD = re.compile(r"\w+", re.UNICODE)

#: The texts the PostgreSQL GIN indexes of migration 0002 are built on (kept identical).
PG_ARTICLE_TEXT = "coalesce(articles.title, '') || ' ' || articles.text"
PG_EVENT_TEXT = (
    "coalesce(merged_events.location, '') || ' ' || coalesce(merged_events.country, '')"
    " || ' ' || coalesce(merged_events.admin1, '') || ' ' || "
    "coalesce(merged_events.sub_event_type, '') || ' ' || coalesce(merged_events.actors, '')"
    " || ' ' || coalesce(merged_events.data ->> 'notes', '')"
)


def words(query: str) -> list[str]:
    return _WORD.findall(query.lower())


def _fts5(query: str) -> str:
    """An FTS5 query of quoted words (implicit AND); quotes keep them out of FTS syntax."""
    return " ".join(f'"{w}"' for w in words(query))


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def articles_matching(session: Session, query: str, name: str = "article_q") -> ColumnElement[bool]:
    """Articles whose title or text holds every word of ``query``."""
    if not words(query):
        return false()
    if _dialect(session) == "postgresql":
        return text(
            f"to_tsvector('english', {PG_ARTICLE_TEXT}) @@ plainto_tsquery('english', :{name})"
        ).bindparams(**{name: query})
    fts = table("articles_fts")
    hits = (
        select(literal_column("articles_fts.rowid"))
        .select_from(fts)
        .where(literal_column("articles_fts").op("MATCH")(_fts5(query)))
    )
    return literal_column("articles.rowid").in_(hits)


def events_matching(session: Session, query: str, name: str = "event_q") -> ColumnElement[bool]:
    """Merged events whose place, region, type, actors or notes hold every word."""
    if not words(query):
        return false()
    if _dialect(session) == "postgresql":
        return text(
            f"to_tsvector('english', {PG_EVENT_TEXT}) @@ plainto_tsquery('english', :{name})"
        ).bindparams(**{name: query})
    fts = table("merged_events_fts")
    hits = (
        select(literal_column("merged_events_fts.rowid"))
        .select_from(fts)
        .where(literal_column("merged_events_fts").op("MATCH")(_fts5(query)))
    )
    return literal_column("merged_events.rowid").in_(hits)


__all__ = ["articles_matching", "events_matching", "words"]
