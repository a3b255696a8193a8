"""Query columns, indexes and full-text search, so the API stays fast on large stores.

merged_events gets copies of the merged-record fields the API filters and groups on
(admin1, iso, plover, disorder_type, actor1, actor2, a lower-cased line of all actors),
filled from ``data``, and indexes for every filter and sort. Full text: SQLite FTS5
tables (articles: external content kept by triggers; merged events: their descriptive
fields, kept by triggers); PostgreSQL GIN indexes on ``to_tsvector('english', ...)``
of the same text.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NEW_COLUMNS = ("admin1", "iso", "plover", "disorder_type", "actor1", "actor2", "actors")

_INDEXES = {
    "ix_merged_events_date_id": ("merged_events", ["event_date", "id"]),
    "ix_merged_events_fatalities": ("merged_events", ["fatalities"]),
    "ix_merged_events_source_count": ("merged_events", ["source_count"]),
    "ix_merged_events_location": ("merged_events", ["location"]),
    "ix_merged_events_sub_event_type": ("merged_events", ["sub_event_type"]),
    "ix_merged_events_lat_lon": ("merged_events", ["latitude", "longitude"]),
    "ix_merged_events_admin1": ("merged_events", ["admin1"]),
    "ix_merged_events_iso": ("merged_events", ["iso"]),
    "ix_merged_events_plover": ("merged_events", ["plover"]),
    # Every column a filter, group or aggregate reads: scans then never touch the table
    # rows, whose large ``data`` record sits before the columns added here.
    "ix_merged_events_scan": (
        "merged_events",
        [
            "event_date",
            "event_type",
            "sub_event_type",
            "disorder_type",
            "plover",
            "country",
            "iso",
            "admin1",
            "fatalities",
            "source_count",
            "latitude",
            "longitude",
            "actors",
            "id",
        ],
    ),
    "ix_merged_event_reports_event_row_id": ("merged_event_reports", ["event_row_id"]),
    "ix_articles_source": ("articles", ["source"]),
    # Covers GET /api/speakers (group by speaker, organisation; distinct articles) and
    # the speaker filter's scan.
    "ix_claims_speaker": ("claims", ["speaker", "organization", "article_id"]),
    "ix_events_lat_lon": ("events", ["latitude", "longitude"]),
}

#: The merged event's words that ``q`` searches (besides its articles' text).
_PG_EVENT_TEXT = (
    "coalesce(location, '') || ' ' || coalesce(country, '') || ' ' || coalesce(admin1, '')"
    " || ' ' || coalesce(sub_event_type, '') || ' ' || coalesce(actors, '')"
    " || ' ' || coalesce(data ->> 'notes', '')"
)
_PG_ARTICLE_TEXT = "coalesce(title, '') || ' ' || text"


def upgrade() -> None:
    with op.batch_alter_table("merged_events") as batch:
        for name in _NEW_COLUMNS:
            batch.add_column(sa.Column(name, sa.Text(), nullable=True))
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(
            "UPDATE merged_events SET admin1 = data ->> 'admin1', iso = data ->> 'iso', "
            "plover = data -> 'plover' ->> 'event_type', "
            "disorder_type = data ->> 'disorder_type', "
            "actor1 = data ->> 'actor1', actor2 = data ->> 'actor2', "
            "actors = lower(coalesce(data ->> 'actor1', '') || ' | ' || "
            "coalesce(data ->> 'assoc_actor_1', '') || ' | ' || "
            "coalesce(data ->> 'actor2', '') || ' | ' || coalesce(data ->> 'assoc_actor_2', ''))"
        )
    else:
        op.execute(
            "UPDATE merged_events SET admin1 = json_extract(data, '$.admin1'), "
            "iso = json_extract(data, '$.iso'), "
            "plover = json_extract(data, '$.plover.event_type'), "
            "disorder_type = json_extract(data, '$.disorder_type'), "
            "actor1 = json_extract(data, '$.actor1'), actor2 = json_extract(data, '$.actor2'), "
            "actors = lower(coalesce(json_extract(data, '$.actor1'), '') || ' | ' || "
            "coalesce(json_extract(data, '$.assoc_actor_1'), '') || ' | ' || "
            "coalesce(json_extract(data, '$.actor2'), '') || ' | ' || "
            "coalesce(json_extract(data, '$.assoc_actor_2'), ''))"
        )
    for name, (table, columns) in _INDEXES.items():
        op.create_index(name, table, columns)
    if dialect == "postgresql":
        # The API's default order (newest first, undated last) as one index scan.
        op.execute(
            "CREATE INDEX ix_merged_events_date_desc ON merged_events "
            "(event_date DESC NULLS LAST, id DESC)"
        )
        op.execute(
            "CREATE INDEX ix_articles_fts ON articles "
            f"USING gin (to_tsvector('english', {_PG_ARTICLE_TEXT}))"
        )
        op.execute(
            "CREATE INDEX ix_merged_events_fts ON merged_events "
            f"USING gin (to_tsvector('english', {_PG_EVENT_TEXT}))"
        )
        return
    _sqlite_search()


def _sqlite_search() -> None:
    """FTS5 tables beside articles and merged_events, kept in step by triggers."""
    op.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
        "content_rowid='rowid', tokenize='porter unicode61')"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); "
        "END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.rowid, old.title, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
        "VALUES ('delete', old.rowid, old.title, old.text); "
        "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); "
        "END"
    )
    op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    body = (
        "coalesce({p}.location, '') || ' ' || coalesce({p}.country, '') || ' ' || "
        "coalesce({p}.admin1, '') || ' ' || coalesce({p}.sub_event_type, '') || ' ' || "
        "coalesce({p}.actors, '') || ' ' || coalesce(json_extract({p}.data, '$.notes'), '')"
    )
    op.execute(
        "CREATE VIRTUAL TABLE merged_events_fts USING fts5(body, tokenize='porter unicode61')"
    )
    op.execute(
        "CREATE TRIGGER merged_events_fts_insert AFTER INSERT ON merged_events BEGIN "
        f"INSERT INTO merged_events_fts(rowid, body) VALUES (new.rowid, {body.format(p='new')}); "
        "END"
    )
    op.execute(
        "CREATE TRIGGER merged_events_fts_delete AFTER DELETE ON merged_events BEGIN "
        "DELETE FROM merged_events_fts WHERE rowid = old.rowid; END"
    )
    op.execute(
        "CREATE TRIGGER merged_events_fts_update AFTER UPDATE ON merged_events BEGIN "
        "DELETE FROM merged_events_fts WHERE rowid = old.rowid; "
        f"INSERT INTO merged_events_fts(rowid, body) VALUES (new.rowid, {body.format(p='new')}); "
        "END"
    )
    op.execute(
        "INSERT INTO merged_events_fts(rowid, body) "
        f"SELECT rowid, {body.format(p='merged_events')} FROM merged_events"
    )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_merged_events_date_desc")
        op.execute("DROP INDEX IF EXISTS ix_articles_fts")
        op.execute("DROP INDEX IF EXISTS ix_merged_events_fts")
    else:
        for trigger in (
            "articles_fts_insert",
            "articles_fts_delete",
            "articles_fts_update",
            "merged_events_fts_insert",
            "merged_events_fts_delete",
            "merged_events_fts_update",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
        op.execute("DROP TABLE IF EXISTS merged_events_fts")
    for name, (table, _columns) in _INDEXES.items():
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("merged_events") as batch:
        for name in _NEW_COLUMNS:
            batch.drop_column(name)
