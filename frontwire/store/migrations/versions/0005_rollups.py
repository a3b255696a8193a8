"""Rollups of merged events per month and per map cell, kept by row triggers.

The aggregates over the whole store and the clusters of a world map grouped all merged
events at every request (80 to 170 ms fresh at 100k events). ``merged_rollup`` holds
counts, mapped counts and fatalities per background flag, month and the columns the
aggregates group by; ``merged_cells`` holds counts, fatalities and coordinate sums per
grid cell at zoom levels 0 to 4. Triggers on ``merged_events`` keep both in the writer's
transaction (``frontwire.store.rollup``), so a read never sees them behind the events.
PostgreSQL also gets expression indexes on the lower-cased columns the filters compare,
and articles indexed newest first.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 02:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from frontwire.store import rollup

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: PostgreSQL indexes: expressions for ``lower(column) = value`` filters; on claims,
#: ``lower(speaker)`` for its statistics (the planner then knows a speaker filter keeps
#: many claims and walks articles newest first instead of sorting every match); articles
#: in the very order the API lists them and pages claims by.
_LOWER = {
    "ix_merged_events_lower_country": ("merged_events", "background, lower(country)"),
    "ix_merged_events_lower_iso": ("merged_events", "background, lower(iso)"),
    "ix_merged_events_lower_event_type": ("merged_events", "background, lower(event_type)"),
    "ix_claims_lower_speaker": ("claims", "lower(speaker)"),
    "ix_articles_published_desc": ("articles", "published DESC NULLS LAST, id"),
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    text = {key: sa.Column(key, sa.Text(), nullable=False) for key in rollup.GROUP_KEYS}
    op.create_table(
        "merged_rollup",
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("month", sa.Text(), nullable=False),
        sa.Column("date_kind", sa.Text(), nullable=False),
        *text.values(),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.Column("n_mapped", sa.BigInteger(), nullable=False),
        sa.Column("fatalities", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("background", "month", "date_kind", *rollup.GROUP_KEYS),
    )
    op.create_table(
        "merged_cells",
        sa.Column("zoom", sa.Integer(), nullable=False),
        sa.Column("background", sa.Boolean(), nullable=False),
        sa.Column("cx", sa.Integer(), nullable=False),
        sa.Column("cy", sa.Integer(), nullable=False),
        sa.Column("n", sa.BigInteger(), nullable=False),
        sa.Column("fatalities", sa.BigInteger(), nullable=False),
        sa.Column("sum_lat", sa.Float(), nullable=False),
        sa.Column("sum_lon", sa.Float(), nullable=False),
        sa.Column("one_id", sa.Text()),
        sa.PrimaryKeyConstraint("zoom", "background", "cx", "cy"),
    )
    rollup.rebuild(op.get_bind())
    for statement in rollup.triggers(dialect):
        op.execute(statement)
    if dialect == "postgresql":
        for name, (table, columns) in _LOWER.items():
            op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for name in _LOWER:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    for statement in rollup.drop_triggers(dialect):
        op.execute(statement)
    op.drop_table("merged_cells")
    op.drop_table("merged_rollup")
