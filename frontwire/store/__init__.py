"""The store: SQLAlchemy tables for articles and their records, merged events, queries."""

from frontwire.store.db import make_engine, migrate, open_store
from frontwire.store.linking import link_pending, relink
from frontwire.store.queries import EventFilter, counts, extractions, merged_events
from frontwire.store.save import known_article_ids, save_extraction

__all__ = [
    "EventFilter",
    "counts",
    "extractions",
    "known_article_ids",
    "link_pending",
    "make_engine",
    "merged_events",
    "migrate",
    "open_store",
    "relink",
    "save_extraction",
]
