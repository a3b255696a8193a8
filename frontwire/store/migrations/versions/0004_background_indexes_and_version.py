"""Indexes that lead with ``background``, and a store version for response caches.

Every API read filters ``background = false`` (0003). The single-column index 0003 put
on it made SQLite answer "newest first" by sorting all 100k rows (it chose that index
over the date index), and the covering scan index of 0002 lacked the column, so every
scan went back to the table rows with their large ``data`` record. Here the sort
indexes and the scan index lead with ``background``: an equality then a range or an
order, one index walk.

``store_version`` holds one counter that triggers bump on every change to the tables the
API reads (articles, events, claims, merged events and their reports): a server keeps
responses cached while the counter stays put, whoever writes (``ingest``, ``link``, a
``--writable`` server, another process). Beside it two flags, set by triggers when event
rows are added or removed and cleared by the linker, let ``link_pending`` skip its two
whole-store passes (unlinked reports; merged events that lost one) when nothing of the
kind happened since the last link.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 01:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The scan index: background, then the default order, then every column a filter, a
#: group, an aggregate or a map point reads, so those never touch the table rows.
SCAN_COLUMNS = [
    "background",
    "event_date",
    "id",
    "event_type",
    "sub_event_type",
    "disorder_type",
    "plover",
    "country",
    "iso",
    "admin1",
    "location",
    "actor1",
    "actor2",
    "fatalities",
    "source_count",
    "latitude",
    "longitude",
    "actors",
]
_OLD_SCAN = [
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
]
#: Sorts of GET /api/events besides the date (which the scan index serves).
_SORTS = {
    "ix_merged_events_bg_fatalities": "fatalities",
    "ix_merged_events_bg_source_count": "source_count",
}
#: Tables whose changes bump the store version.
VERSIONED_TABLES = ("articles", "events", "claims", "merged_events", "merged_event_reports")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.drop_index("ix_merged_events_background", table_name="merged_events")
    op.drop_index("ix_merged_events_scan", table_name="merged_events")
    op.create_index("ix_merged_events_scan", "merged_events", SCAN_COLUMNS)
    if dialect == "postgresql":
        # The API sorts descending with nulls last: an index in that very order.
        op.execute("DROP INDEX IF EXISTS ix_merged_events_date_desc")
        op.execute(
            "CREATE INDEX ix_merged_events_date_desc ON merged_events "
            "(background, event_date DESC NULLS LAST, id DESC)"
        )
        for name, column in _SORTS.items():
            op.execute(
                f"CREATE INDEX {name} ON merged_events "
                f"(background, {column} DESC NULLS LAST, id DESC)"
            )
    else:
        for name, column in _SORTS.items():
            op.create_index(name, "merged_events", ["background", column, "id"])
    op.create_table(
        "store_version",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("events_added", sa.Integer(), nullable=False),
        sa.Column("events_removed", sa.Integer(), nullable=False),
    )
    # Both flags up: the first link after the upgrade checks everything.
    op.execute(
        "INSERT INTO store_version (id, version, events_added, events_removed) VALUES (1, 0, 1, 1)"
    )
    for statement in version_triggers(dialect):
        op.execute(statement)


def version_triggers(dialect: str) -> list[str]:
    """The statements that create the triggers bumping ``store_version``: per statement on
    PostgreSQL, per row on SQLite (which has no statement triggers)."""
    bump = "UPDATE store_version SET version = version + 1 WHERE id = 1"
    flag = {"INSERT": ", events_added = 1", "DELETE": ", events_removed = 1", "UPDATE": ""}
    if dialect == "postgresql":
        out = [
            "CREATE OR REPLACE FUNCTION frontwire_bump_version() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {bump}; RETURN NULL; END $$",
            "CREATE OR REPLACE FUNCTION frontwire_events_changed() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN UPDATE store_version SET version = version + 1, "
            "events_added = CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE events_added END, "
            "events_removed = CASE WHEN TG_OP = 'DELETE' THEN 1 ELSE events_removed END "
            "WHERE id = 1; RETURN NULL; END $$",
        ]
        out += [
            f"CREATE TRIGGER store_version_{table} AFTER INSERT OR UPDATE OR DELETE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION "
            + ("frontwire_events_changed()" if table == "events" else "frontwire_bump_version()")
            for table in VERSIONED_TABLES
        ]
        return out
    return [
        f"CREATE TRIGGER store_version_{table}_{op_name.lower()} AFTER {op_name} ON {table} "
        "BEGIN UPDATE store_version SET version = version + 1"
        + (flag[op_name] if table == "events" else "")
        + " WHERE id = 1; END"
        for table in VERSIONED_TABLES
        for op_name in ("INSERT", "UPDATE", "DELETE")
    ]


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table in VERSIONED_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS store_version_{table} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS frontwire_bump_version()")
        op.execute("DROP FUNCTION IF EXISTS frontwire_events_changed()")
        op.execute("DROP INDEX IF EXISTS ix_merged_events_date_desc")
        op.execute(
            "CREATE INDEX ix_merged_events_date_desc ON merged_events "
            "(event_date DESC NULLS LAST, id DESC)"
        )
        for name in _SORTS:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    else:
        for table in VERSIONED_TABLES:
            for op_name in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS store_version_{table}_{op_name}")
        for name in _SORTS:
            op.drop_index(name, table_name="merged_events")
    op.drop_table("store_version")
    op.drop_index("ix_merged_events_scan", table_name="merged_events")
    op.create_index("ix_merged_events_scan", "merged_events", _OLD_SCAN)
    op.create_index("ix_merged_events_background", "merged_events", ["background"])
