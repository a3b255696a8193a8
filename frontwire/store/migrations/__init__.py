"""Alembic migrations shipped with frontwire; run by frontwire.store.db.migrate."""
