"""Reading events back out of the store, with the filters the CLI and exports offer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Select, false, func, select
from sqlalchemy.orm import Session, selectinload

from frontwire.store.contract import extraction_dict
from frontwire.store.models import ArticleRow, ClaimRow, EventRow, MergedEventRow


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by ``frontwire events`` and ``frontwire export``; None means any."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    location: str | None = None
    min_fatalities: int | None = None
    min_sources: int | None = None
    limit: int | None = None
    #: Events reported as context (``background``) are left out unless this is set.
    include_background: bool = False

    def matches(self, event: dict[str, Any]) -> bool:
        """The same test in Python, for per-article events (JSON lines export)."""
        if event.get("background") and not self.include_background:
            return False
        day = event.get("event_date")
        if self.since and (not day or day < self.since.isoformat()):
            return False
        if self.until and (not day or day > self.until.isoformat()):
            return False
        for name in ("country", "event_type", "sub_event_type"):
            wanted = getattr(self, name)
            if wanted and (event.get(name) or "").lower() != wanted.lower():
                return False
        if self.location and self.location.lower() not in (event.get("location") or "").lower():
            return False
        if self.actor:
            names = " | ".join(
                str(event.get(k) or "")
                for k in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
            )
            if self.actor.lower() not in names.lower():
                return False
        return not (
            self.min_fatalities is not None and (event.get("fatalities") or 0) < self.min_fatalities
        )


def _merged_select(flt: EventFilter) -> Select[tuple[MergedEventRow]]:
    query = select(MergedEventRow)
    if not flt.include_background:
        query = query.where(MergedEventRow.background == false())
    if flt.since:
        query = query.where(MergedEventRow.event_date >= flt.since.isoformat())
    if flt.until:
        query = query.where(MergedEventRow.event_date <= flt.until.isoformat())
    if flt.country:
        query = query.where(func.lower(MergedEventRow.country) == flt.country.lower())
    if flt.event_type:
        query = query.where(func.lower(MergedEventRow.event_type) == flt.event_type.lower())
    if flt.sub_event_type:
        query = query.where(func.lower(MergedEventRow.sub_event_type) == flt.sub_event_type.lower())
    if flt.location:
        query = query.where(MergedEventRow.location.ilike(f"%{flt.location}%"))
    if flt.min_fatalities is not None:
        query = query.where(MergedEventRow.fatalities >= flt.min_fatalities)
    if flt.min_sources is not None:
        query = query.where(MergedEventRow.source_count >= flt.min_sources)
    return query.order_by(MergedEventRow.event_date, MergedEventRow.id)


def merged_events(session: Session, flt: EventFilter | None = None) -> list[dict[str, Any]]:
    """Merged events (one per real-world event) as dicts, oldest first."""
    flt = flt or EventFilter()
    out = []
    for row in session.scalars(_merged_select(flt)):
        if flt.matches(row.data):
            out.append(row.data)
            if flt.limit is not None and len(out) >= flt.limit:
                break
    return out


def extractions(session: Session, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Stored articles as contract objects; with filters, only their matching events."""
    flt = flt or EventFilter()
    query = (
        select(ArticleRow)
        .options(
            selectinload(ArticleRow.events).selectinload(EventRow.evidence),
            selectinload(ArticleRow.claims).selectinload(ClaimRow.event_links),
            selectinload(ArticleRow.places),
            selectinload(ArticleRow.actors),
            selectinload(ArticleRow.times),
        )
        .order_by(ArticleRow.published, ArticleRow.id)
    )
    filtered = replace(flt, include_background=False, limit=None) != EventFilter()
    for count, row in enumerate(session.scalars(query)):
        if flt.limit is not None and count >= flt.limit:
            break
        item = extraction_dict(row)
        if not flt.include_background:  # the article stays; its context events do not
            item["events"] = [e for e in item["events"] if not e.get("background")]
        if filtered:
            item["events"] = [e for e in item["events"] if flt.matches(e)]
            if not item["events"]:
                continue
        yield item


def counts(session: Session) -> dict[str, int]:
    """Row counts per table (used by tests and ``frontwire ingest``'s summary)."""
    from frontwire.store.models import Base

    return {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in sorted(Base.metadata.tables.items())
    }
