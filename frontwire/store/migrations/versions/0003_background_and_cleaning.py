"""Background events and the cleaning record of scraped articles.

events.background and merged_events.background mark events reported as context (weeks or
years before publication): the API, exports and the dashboard leave them out unless asked.
articles.cleaning keeps what the ingest cleaner removed or inserted, in the offsets of the
text as scraped, so nothing disappears silently.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(
            sa.Column("background", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("merged_events") as batch:
        batch.add_column(
            sa.Column("background", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_index("ix_merged_events_background", "merged_events", ["background"])
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("cleaning", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("cleaning")
    op.drop_index("ix_merged_events_background", table_name="merged_events")
    with op.batch_alter_table("merged_events") as batch:
        batch.drop_column("background")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("background")
