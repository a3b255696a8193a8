"""The report's reads from the store, in SQLAlchemy Core, bounded by the report's periods.

Only the events of the period (and of the previous period and quiet window, for the
comparisons) are read into Python; nothing here walks the whole store. The definition of
"the events of a period" is :func:`period_conditions`, in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select
from sqlalchemy.orm import Session

from frontwire.report.scope import ReportScope
from frontwire.store.models import ArticleRow, ClaimRow, EventRow, MergedEventRow, MergedReportRow

MERGED = MergedEventRow.__table__
REPORTS = MergedReportRow.__table__
EVENTS = EventRow.__table__
ARTICLES = ArticleRow.__table__
CLAIMS = ClaimRow.__table__


def _json_text(*path: str) -> ColumnElement[str]:
    """A string field of the merged record (``data``), as SQL on SQLite and PostgreSQL."""
    column = MERGED.c.data
    return (column[path[0]] if len(path) == 1 else column[path]).as_string()


def place_conditions(scope: ReportScope) -> list[ColumnElement[bool]]:
    """The country (name or ISO code) and admin-1 filters, case-insensitive."""
    out: list[ColumnElement[bool]] = []
    if scope.country:
        wanted = scope.country.lower()
        out.append(
            or_(func.lower(MERGED.c.country) == wanted, func.lower(_json_text("iso")) == wanted)
        )
    if scope.admin1:
        out.append(func.lower(_json_text("admin1")) == scope.admin1.lower())
    return out


def period_conditions(scope: ReportScope) -> list[ColumnElement[bool]]:
    """Which merged events belong to a period: dated inside it, in its place.

    Background events (context reported long before publication) are never part of one.
    """
    return [
        MERGED.c.background == false(),
        MERGED.c.event_date.between(*scope.iso()),
        *place_conditions(scope),
    ]


def period_ids(scope: ReportScope) -> Select[tuple[str]]:
    """The ids of a period's merged events, as a subquery for joins."""
    return select(MERGED.c.id).where(*period_conditions(scope))


@dataclass(frozen=True)
class EventLine:
    """What the report needs of one merged event."""

    id: str
    event_date: str
    event_type: str | None
    sub_event_type: str | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    fatalities: int
    source_count: int
    data: dict[str, Any]

    @property
    def plover(self) -> str | None:
        return (self.data.get("plover") or {}).get("event_type")

    @property
    def sources(self) -> list[str]:
        return list(self.data.get("sources") or [])


def period_events(session: Session, scope: ReportScope) -> list[EventLine]:
    """The period's merged events, oldest first (ties by id, so the order is stable)."""
    query = (
        select(
            MERGED.c.id,
            MERGED.c.event_date,
            MERGED.c.event_type,
            MERGED.c.sub_event_type,
            MERGED.c.country,
            MERGED.c.location,
            MERGED.c.latitude,
            MERGED.c.longitude,
            MERGED.c.fatalities,
            MERGED.c.source_count,
            MERGED.c.data,
        )
        .where(*period_conditions(scope))
        .order_by(MERGED.c.event_date, MERGED.c.id)
    )
    out = []
    for row in session.execute(query):
        data = row.data or {}
        out.append(
            EventLine(
                id=row.id,
                event_date=row.event_date,
                event_type=row.event_type,
                sub_event_type=row.sub_event_type,
                country=row.country,
                admin1=data.get("admin1"),
                location=row.location,
                latitude=row.latitude,
                longitude=row.longitude,
                fatalities=row.fatalities or 0,
                source_count=row.source_count or 0,
                data=data,
            )
        )
    return out


def latest_event_date(session: Session, country: str | None, admin1: str | None) -> date | None:
    """The newest event date among the events in the report's place (for the default period)."""
    place = ReportScope(date.min, date.max, country, admin1)
    value = session.scalar(select(func.max(MERGED.c.event_date)).where(*place_conditions(place)))
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def place_keys(session: Session, scope: ReportScope) -> set[tuple[str, str, str]]:
    """(country, admin1, location) of every located event of a period, lower-cased."""
    key = (
        func.lower(func.coalesce(MERGED.c.country, "")),
        func.lower(func.coalesce(_json_text("admin1"), "")),
        func.lower(MERGED.c.location),
    )
    query = select(*key).where(*period_conditions(scope), MERGED.c.location.is_not(None)).distinct()
    return {tuple(row) for row in session.execute(query)}  # type: ignore[misc]


@dataclass(frozen=True)
class ReportLine:
    """One article's report of one of the period's merged events."""

    merged_id: str
    article_id: str
    source: str | None
    actor1: str | None
    fatalities: int


def period_reports(session: Session, scope: ReportScope) -> list[ReportLine]:
    """Every source report behind the period's events: who each article says did it, and toll."""
    query = (
        select(
            REPORTS.c.merged_id,
            EVENTS.c.article_id,
            ARTICLES.c.source,
            EVENTS.c.actor1,
            EVENTS.c.fatalities,
        )
        .join(EVENTS, EVENTS.c.id == REPORTS.c.event_row_id)
        .join(ARTICLES, ARTICLES.c.id == EVENTS.c.article_id)
        .where(REPORTS.c.merged_id.in_(period_ids(scope)))
        .order_by(REPORTS.c.merged_id, REPORTS.c.position)
    )
    return [
        ReportLine(r.merged_id, r.article_id, r.source, r.actor1, r.fatalities or 0)
        for r in session.execute(query)
    ]


@dataclass(frozen=True)
class ClaimLine:
    """A quote or reported statement from an article behind the period's events."""

    article_id: str
    position: int
    speaker: str
    organization: str | None
    kind: str
    text: str
    date: str | None
    source: str | None


def period_claims(
    session: Session, scope: ReportScope, article_ids: Iterable[str]
) -> list[ClaimLine]:
    """The attributed claims made in the period, in the articles reporting its events.

    A claim is dated by its own date, or else by its article's publication, so a later
    article that recalls this period's events does not bring its present-day quotes.
    """
    said_then = or_(
        and_(CLAIMS.c.date.is_not(None), CLAIMS.c.date.between(*scope.iso())),
        and_(CLAIMS.c.date.is_(None), ARTICLES.c.published.between(scope.since, scope.until)),
    )
    ids = sorted(set(article_ids))
    out: list[ClaimLine] = []
    # In chunks: SQLite caps the number of bound parameters in one statement.
    for start in range(0, len(ids), 500):
        query = (
            select(
                CLAIMS.c.article_id,
                CLAIMS.c.position,
                CLAIMS.c.speaker,
                CLAIMS.c.organization,
                CLAIMS.c.kind,
                CLAIMS.c.text,
                CLAIMS.c.date,
                ARTICLES.c.source,
            )
            .join(ARTICLES, ARTICLES.c.id == CLAIMS.c.article_id)
            .where(
                CLAIMS.c.article_id.in_(ids[start : start + 500]),
                CLAIMS.c.speaker.is_not(None),
                said_then,
            )
            .order_by(CLAIMS.c.article_id, CLAIMS.c.position)
        )
        out.extend(ClaimLine(*row) for row in session.execute(query))
    return out


def article_texts(session: Session, article_ids: Iterable[str]) -> dict[str, str]:
    """The text of a few articles (the top events' sources), to quote whole sentences."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    query = select(ARTICLES.c.id, ARTICLES.c.text).where(ARTICLES.c.id.in_(ids))
    return {row.id: row.text for row in session.execute(query)}


def article_dates(session: Session, article_ids: Iterable[str]) -> dict[str, str | None]:
    """Publication dates (ISO) of articles, keyed by id."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    query = select(ARTICLES.c.id, ARTICLES.c.published).where(ARTICLES.c.id.in_(ids))
    return {
        row.id: row.published.isoformat() if row.published else None
        for row in session.execute(query)
    }
