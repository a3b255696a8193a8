"""SQL tables for the output contract, one row per record, plus the cross-article merges.

Per-article rows (events, evidence, claims, places, actors, times) hang off their article
with ON DELETE CASCADE, so replacing a changed article is one delete and one insert.
Merged events are derived data: rebuilt from the event rows by :mod:`frontwire.store.linking`.
Fields a later model version adds and that have no column yet are kept in ``extra``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


_CASCADE = "all, delete-orphan"


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str | None] = mapped_column(Text, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    source: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16), default="en")
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    #: What the cleaner removed or inserted, in the scraped text's offsets (migration 0003).
    cleaning: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)

    events: Mapped[list[EventRow]] = relationship(
        back_populates="article",
        cascade=_CASCADE,
        passive_deletes=True,
        order_by="EventRow.position",
    )
    claims: Mapped[list[ClaimRow]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="ClaimRow.position"
    )
    places: Mapped[list[PlaceRow]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="PlaceRow.position"
    )
    actors: Mapped[list[ActorRow]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="ActorRow.position"
    )
    times: Mapped[list[TimeRow]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="TimeRow.position"
    )


def _article_fk() -> Mapped[str]:
    return mapped_column(
        String(64), ForeignKey("articles.id", ondelete="CASCADE"), index=True, nullable=False
    )


class EventRow(Base):
    """One event as one article reports it (``id`` = article id / event id)."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    article_id: Mapped[str] = _article_fk()
    position: Mapped[int] = mapped_column(Integer)
    event_id: Mapped[str] = mapped_column(String(128))
    event_date: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10))
    time_precision: Mapped[int] = mapped_column(Integer)
    disorder_type: Mapped[str | None] = mapped_column(Text)
    event_type: Mapped[str | None] = mapped_column(Text, index=True)
    sub_event_type: Mapped[str | None] = mapped_column(Text)
    plover: Mapped[dict[str, Any]] = mapped_column(JSON)
    actor1: Mapped[str | None] = mapped_column(Text)
    assoc_actor_1: Mapped[str | None] = mapped_column(Text)
    inter1: Mapped[int | None] = mapped_column(Integer)
    actor2: Mapped[str | None] = mapped_column(Text)
    assoc_actor_2: Mapped[str | None] = mapped_column(Text)
    inter2: Mapped[int | None] = mapped_column(Integer)
    interaction: Mapped[int | None] = mapped_column(Integer)
    civilian_targeting: Mapped[bool] = mapped_column(Boolean, default=False)
    iso: Mapped[str | None] = mapped_column(String(8))
    country: Mapped[str | None] = mapped_column(Text, index=True)
    admin1: Mapped[str | None] = mapped_column(Text)
    admin2: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int] = mapped_column(Integer, default=0)
    fatalities_text: Mapped[str | None] = mapped_column(Text)
    injured: Mapped[int | None] = mapped_column(Integer)
    tags: Mapped[list[str]] = mapped_column(JSON)
    notes: Mapped[str] = mapped_column(Text, default="")
    reported_by: Mapped[list[str]] = mapped_column(JSON)
    confidence: Mapped[float] = mapped_column(Float)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: Reported as context, not news (migration 0003).
    background: Mapped[bool] = mapped_column(Boolean, default=False)

    article: Mapped[ArticleRow] = relationship(back_populates="events")
    evidence: Mapped[list[EvidenceRow]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="EvidenceRow.position"
    )


class EvidenceRow(Base):
    """A span of the article text supporting an event."""

    __tablename__ = "event_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_row_id: Mapped[str] = mapped_column(
        String(200), ForeignKey("events.id", ondelete="CASCADE"), index=True, nullable=False
    )
    position: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class ClaimRow(Base):
    __tablename__ = "claims"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    article_id: Mapped[str] = _article_fk()
    position: Mapped[int] = mapped_column(Integer)
    claim_id: Mapped[str] = mapped_column(String(128))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    speaker: Mapped[str | None] = mapped_column(Text)
    speaker_role: Mapped[str | None] = mapped_column(Text)
    organization: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(10))
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON)

    event_links: Mapped[list[ClaimEventLink]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="ClaimEventLink.position"
    )


class ClaimEventLink(Base):
    """A claim that reports an event (the contract's ``claims[].events``)."""

    __tablename__ = "claim_events"

    claim_row_id: Mapped[str] = mapped_column(
        String(200), ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    event_row_id: Mapped[str | None] = mapped_column(
        String(200), ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class PlaceRow(Base):
    __tablename__ = "places"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = _article_fk()
    position: Mapped[int] = mapped_column(Integer)
    mention: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    feature: Mapped[str] = mapped_column(String(32))
    iso: Mapped[str | None] = mapped_column(String(8))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geonameid: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(Text)
    admin1: Mapped[str | None] = mapped_column(Text)
    admin2: Mapped[str | None] = mapped_column(Text)
    radius_km: Mapped[float | None] = mapped_column(Float)
    role: Mapped[str] = mapped_column(String(32), default="location")
    extra: Mapped[dict[str, Any]] = mapped_column(JSON)


class ActorRow(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = _article_fk()
    position: Mapped[int] = mapped_column(Integer)
    mention: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text, index=True)
    inter: Mapped[int | None] = mapped_column(Integer)
    iso: Mapped[str | None] = mapped_column(String(8))
    kind: Mapped[str | None] = mapped_column(String(32))
    extra: Mapped[dict[str, Any]] = mapped_column(JSON)


class TimeRow(Base):
    __tablename__ = "times"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = _article_fk()
    position: Mapped[int] = mapped_column(Integer)
    mention: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    value: Mapped[str | None] = mapped_column(String(32))
    precision: Mapped[str] = mapped_column(String(16))
    end_value: Mapped[str | None] = mapped_column(String(32))
    future: Mapped[bool] = mapped_column(Boolean, default=False)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON)


class MergedEventRow(Base):
    """One real-world event, merged from the reports of one or more articles."""

    __tablename__ = "merged_events"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_date: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10))
    time_precision: Mapped[int] = mapped_column(Integer)
    event_type: Mapped[str | None] = mapped_column(Text, index=True)
    sub_event_type: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text, index=True)
    location: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    fatalities: Mapped[int] = mapped_column(Integer, default=0)
    source_count: Mapped[int] = mapped_column(Integer)
    # Copies of merged-record fields the API filters and groups on (migration 0002).
    admin1: Mapped[str | None] = mapped_column(Text)
    iso: Mapped[str | None] = mapped_column(Text)
    plover: Mapped[str | None] = mapped_column(Text)
    disorder_type: Mapped[str | None] = mapped_column(Text)
    actor1: Mapped[str | None] = mapped_column(Text)
    actor2: Mapped[str | None] = mapped_column(Text)
    #: Actor 1, its associates, actor 2 and its associates, lower case, joined by " | ".
    actors: Mapped[str | None] = mapped_column(Text)
    #: Every report of it is background (context); left out unless asked for (0003).
    background: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    #: The merged record in the contract's event shape, plus sources and contested values.
    data: Mapped[dict[str, Any]] = mapped_column(JSON)

    reports: Mapped[list[MergedReportRow]] = relationship(
        cascade=_CASCADE, passive_deletes=True, order_by="MergedReportRow.position"
    )


class MergedReportRow(Base):
    """Which per-article event a merged event absorbed, and why."""

    __tablename__ = "merged_event_reports"

    merged_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("merged_events.id", ondelete="CASCADE"), primary_key=True
    )
    event_row_id: Mapped[str] = mapped_column(
        String(200), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
