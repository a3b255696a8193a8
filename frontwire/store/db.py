"""Engines and sessions: SQLite (WAL) by default, PostgreSQL by URL; schema via Alembic.

Opening a store always upgrades it to the newest migration, so an old ``frontwire.db``
keeps working after an upgrade of frontwire.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, FromClause, create_engine, event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from frontwire import config
from frontwire.errors import FrontwireError

MIGRATIONS = Path(__file__).with_name("migrations")


def normalise_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs and use the psycopg 3 driver for them."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if "://" not in url:
        # A bare path means an SQLite file.
        return f"sqlite:///{url}"
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers (events, export, serve) work while an ingest writes."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # Reads through the OS page cache, shared by every connection of every server worker,
    # instead of each connection's own 2 MB page cache: whole-index scans run 2x faster.
    cursor.execute("PRAGMA mmap_size=1073741824")
    cursor.close()


class _SQLiteHintCompiler(SQLiteCompiler):
    """SQLite's compiler with table hints (``INDEXED BY ix``) written after the table.

    SQLAlchemy drops ``with_hint`` text for SQLite; the API's scans need it (see
    ``frontwire.web.queries._scan``).
    """

    def get_from_hint_text(self, table: FromClause, text: str | None) -> str | None:
        return text


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: FRONTWIRE_DB or ``sqlite:///frontwire.db``)."""
    raw = url or config.DEFAULT_DB_URL
    target = normalise_url(raw)
    # A server's worker threads (40) each hold a connection: room for them.
    pool = {"pool_size": 10, "max_overflow": 30}
    if target.startswith("sqlite") and (":memory:" in target or target.rstrip("/") == "sqlite:"):
        pool = {}
    try:
        engine = create_engine(target, future=True, **pool)
    except (ArgumentError, ValueError) as exc:
        raise FrontwireError(f"{raw}: not a database URL ({exc})") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        engine.dialect.statement_compiler = _SQLiteHintCompiler
    return engine


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _is_current(engine: Engine, cfg: Config) -> bool:
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() == head


def migrate(engine: Engine, attempts: int = 5) -> None:
    """Bring the schema to the newest Alembic revision shipped in the package.

    A store already at the newest revision is only read, so readers never contend with
    a running ingest; two processes migrating a new store at once retry until one wins.
    """
    cfg = _alembic_config()
    shown = make_url(str(engine.url)).render_as_string(hide_password=True)
    for attempt in range(attempts):
        try:
            if _is_current(engine, cfg):
                return
            with engine.begin() as connection:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, "head")
            return
        except (OperationalError, ProgrammingError, IntegrityError) as exc:
            if attempt == attempts - 1:
                raise FrontwireError(f"{shown}: cannot open the database ({exc.orig})") from exc
            time.sleep(0.2 * (attempt + 1))


def open_store(url: str | None = None) -> sessionmaker[Session]:
    """Open (and migrate) a store; returns a session factory bound to it."""
    engine = make_engine(url)
    migrate(engine)
    return sessionmaker(engine, expire_on_commit=False)


def store_version(engine: Engine) -> int | None:
    """The store's change counter (migration 0004's triggers bump it on every write to
    the tables the API reads); None where the store has none, so nothing is cached."""
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql(
                "SELECT version FROM store_version WHERE id = 1"
            ).scalar()
    except (OperationalError, ProgrammingError):
        return None
