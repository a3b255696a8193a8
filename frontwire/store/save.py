"""Writing extractions: idempotent by content id, replacing changed articles whole.

An article's id hashes its URL and text, so the same article ingested twice is found
by id and left alone; the same URL with new text is a changed article, whose old rows
are deleted (cascading to events, claims, ...) and the new ones written, all in the
caller's transaction.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from frontwire.model import Extraction
from frontwire.store.models import (
    ActorRow,
    ArticleRow,
    Base,
    ClaimEventLink,
    ClaimRow,
    EventRow,
    EvidenceRow,
    PlaceRow,
    TimeRow,
)

SaveResult = Literal["unchanged", "new", "replaced"]


def known_article_ids(session: Session, ids: list[str]) -> set[str]:
    """Which of these article ids are stored already (to skip re-extracting them)."""
    found: set[str] = set()
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        found.update(session.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(chunk))))
    return found


def save_extraction(session: Session, extraction: Extraction) -> SaveResult:
    """Store one extraction; the caller commits (one transaction per call or per batch)."""
    article = extraction.article
    if session.get(ArticleRow, article.id) is not None:
        return "unchanged"
    result: SaveResult = "new"
    if article.url:
        old_ids = list(
            session.scalars(
                select(ArticleRow.id).where(
                    ArticleRow.url == article.url, ArticleRow.id != article.id
                )
            )
        )
        if old_ids:
            # Bulk delete: ON DELETE CASCADE removes their events, claims, places ...
            session.execute(delete(ArticleRow).where(ArticleRow.id.in_(old_ids)))
            session.expire_all()
            result = "replaced"
    session.add(_article_row(extraction))
    session.flush()
    return result


def _split(record: Any, row_type: type[Base], skip: set[str]) -> dict[str, Any]:
    """Dataclass fields that have a column, with any others collected into ``extra``."""
    columns = set(row_type.__table__.columns.keys())
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name in skip:
            continue
        value = getattr(record, f.name)
        if f.name in columns and f.name not in {"id", "extra"}:
            values[f.name] = value
        else:
            extra[f.name] = _jsonable(value)
    if "extra" in columns:
        values["extra"] = extra
    return values


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _article_row(extraction: Extraction) -> ArticleRow:
    article = extraction.article
    row = ArticleRow(
        id=article.id,
        url=article.url,
        title=article.title,
        published=article.published,
        source=article.source,
        language=article.language,
        text=article.text,
        ingested_at=datetime.now(UTC).replace(tzinfo=None),
        cleaning=article.cleaning or None,
    )
    event_rows: dict[str, str] = {}
    for position, event in enumerate(extraction.events):
        row_id = f"{article.id}/{event.event_id}"
        event_rows[event.event_id] = row_id
        values = _split(event, EventRow, {"evidence", "event_id"})
        row.events.append(
            EventRow(
                id=row_id,
                position=position,
                event_id=event.event_id,
                evidence=[
                    EvidenceRow(position=n, start=ev.start, end=ev.end, text=ev.text)
                    for n, ev in enumerate(event.evidence)
                ],
                **values,
            )
        )
    for position, claim in enumerate(extraction.claims):
        values = _split(claim, ClaimRow, {"events", "id"})
        claim_row = ClaimRow(
            id=f"{article.id}/{claim.id}", claim_id=claim.id, position=position, **values
        )
        claim_row.event_links = [
            ClaimEventLink(event_id=event_id, event_row_id=event_rows.get(event_id), position=n)
            for n, event_id in enumerate(dict.fromkeys(claim.events))
        ]
        row.claims.append(claim_row)
    row.places = [
        PlaceRow(position=n, **_split(p, PlaceRow, set())) for n, p in enumerate(extraction.places)
    ]
    row.actors = [
        ActorRow(position=n, **_split(a, ActorRow, set())) for n, a in enumerate(extraction.actors)
    ]
    row.times = [
        TimeRow(position=n, **_split(t, TimeRow, set())) for n, t in enumerate(extraction.times)
    ]
    return row
