"""The API's reads: filtered, sorted, paged merged events and what hangs off them.

Built on the store's models (``frontwire.store.models``). Filters run in SQL, JSON fields
of the merged record included, so paging and counts stay right on large stores and the
same code serves SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from frontwire.store.contract import article_dict, claim_dict, event_dict, extraction_dict
from frontwire.store.models import (
    ArticleRow,
    ClaimRow,
    EventRow,
    MergedEventRow,
    MergedReportRow,
)
from frontwire.web.geo import iso3

#: Sort keys the API accepts (a leading ``-`` sorts descending).
SORT_KEYS = ("event_date", "fatalities", "country", "event_type", "location", "source_count")
INTERVALS = ("auto", "day", "week", "month")
#: Longest run of periods an aggregate fills in (about 10 years of days).
MAX_PERIODS = 3700
GROUPS = ("event_type", "sub_event_type", "country", "admin1", "plover", "disorder_type")


class QueryError(ValueError):
    """A filter or parameter the user must fix; the API answers it with a 400."""


@dataclass(frozen=True)
class BBox:
    west: float
    south: float
    east: float
    north: float

    @classmethod
    def parse(cls, value: str) -> BBox:
        """Read ``west,south,east,north`` in degrees (WGS84)."""
        parts = value.split(",")
        if len(parts) != 4:
            raise QueryError(f"bbox {value!r}: expected west,south,east,north (4 numbers)")
        try:
            west, south, east, north = (float(p) for p in parts)
        except ValueError as exc:
            raise QueryError(f"bbox {value!r}: expected 4 numbers, e.g. 22,44,41,53") from exc
        if not (-180 <= west <= 180 and -180 <= east <= 180):
            raise QueryError(f"bbox {value!r}: longitudes must lie in -180..180")
        if not (-90 <= south <= north <= 90):
            raise QueryError(f"bbox {value!r}: latitudes must lie in -90..90 with south <= north")
        return cls(west, south, east, north)


@dataclass(frozen=True)
class EventQuery:
    """Every filter of ``GET /api/events`` (and the geojson and aggregates); None means any."""

    start: date | None = None
    end: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: Sequence[str] = ()
    sub_event_type: Sequence[str] = ()
    plover: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    min_sources: int | None = None
    q: str | None = None
    bbox: BBox | None = None
    article_id: str | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise QueryError(f"start {self.start} is after end {self.end}")


def _json_text(*path: str) -> ColumnElement[str]:
    """A string field of the merged record (``data``), as SQL."""
    if len(path) == 1:
        return MergedEventRow.data[path[0]].as_string()
    return MergedEventRow.data[path].as_string()


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column: ColumnElement[Any], value: str) -> ColumnElement[bool]:
    return func.lower(column).like(_like(value), escape="\\")


def _report_exists(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """True where one of the merged event's reports (event row + article) meets ``condition``."""
    return exists(
        select(MergedReportRow.merged_id)
        .join(EventRow, EventRow.id == MergedReportRow.event_row_id)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(MergedReportRow.merged_id == MergedEventRow.id, condition)
    )


def _conditions(flt: EventQuery) -> list[ColumnElement[bool]]:
    m = MergedEventRow
    out: list[ColumnElement[bool]] = []
    if flt.start:
        out.append(m.event_date >= flt.start.isoformat())
    if flt.end:
        out.append(m.event_date <= flt.end.isoformat())
    if flt.country:
        wanted = flt.country.lower()
        out.append(or_(func.lower(m.country) == wanted, func.lower(_json_text("iso")) == wanted))
    if flt.admin1:
        out.append(func.lower(_json_text("admin1")) == flt.admin1.lower())
    if flt.event_type:
        out.append(func.lower(m.event_type).in_([t.lower() for t in flt.event_type]))
    if flt.sub_event_type:
        out.append(func.lower(m.sub_event_type).in_([t.lower() for t in flt.sub_event_type]))
    if flt.plover:
        out.append(func.upper(_json_text("plover", "event_type")) == flt.plover.upper())
    if flt.actor:
        out.append(
            or_(
                *(
                    _contains(_json_text(k), flt.actor)
                    for k in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
                )
            )
        )
    if flt.min_fatalities is not None:
        out.append(m.fatalities >= flt.min_fatalities)
    if flt.min_sources is not None:
        out.append(m.source_count >= flt.min_sources)
    if flt.q:
        fields = ("location", "notes", "actor1", "actor2", "admin1", "sub_event_type")
        out.append(
            or_(
                *(_contains(_json_text(k), flt.q) for k in fields),
                _contains(m.country, flt.q),
                _report_exists(_contains(ArticleRow.text, flt.q)),
            )
        )
    if flt.bbox:
        b = flt.bbox
        lon = (
            m.longitude.between(b.west, b.east)
            if b.west <= b.east  # a box across the antimeridian wraps round
            else or_(m.longitude >= b.west, m.longitude <= b.east)
        )
        out.append(and_(m.latitude.between(b.south, b.north), lon))
    if flt.article_id:
        out.append(_report_exists(ArticleRow.id == flt.article_id))
    return out


def _select(flt: EventQuery) -> Select[tuple[MergedEventRow]]:
    return select(MergedEventRow).where(*_conditions(flt))


def _order(sort: str) -> list[Any]:
    key = sort.removeprefix("-")
    if key not in SORT_KEYS:
        raise QueryError(f"sort {sort!r}: use one of {', '.join(SORT_KEYS)} (prefix - to reverse)")
    column = getattr(MergedEventRow, key)
    ordered = column.desc() if sort.startswith("-") else column.asc()
    return [ordered.nulls_last(), MergedEventRow.id]


def event_summary(row: MergedEventRow) -> dict[str, Any]:
    """The fields a table row or map marker needs (the full record is ``event_detail``)."""
    data = row.data or {}
    plover = data.get("plover") or {}
    return {
        "id": row.id,
        "event_date": row.event_date,
        "date_end": row.date_end,
        "time_precision": row.time_precision,
        "disorder_type": data.get("disorder_type"),
        "event_type": row.event_type,
        "sub_event_type": row.sub_event_type,
        "plover": plover.get("event_type"),
        "actor1": data.get("actor1"),
        "actor2": data.get("actor2"),
        "location": row.location,
        "admin1": data.get("admin1"),
        "country": row.country,
        "iso": data.get("iso"),
        "iso3": iso3(data.get("iso") or row.country),
        "latitude": row.latitude,
        "longitude": row.longitude,
        "geo_precision": data.get("geo_precision"),
        "fatalities": row.fatalities,
        "civilian_targeting": bool(data.get("civilian_targeting")),
        "source_count": row.source_count,
        "sources": data.get("sources") or [],
        "notes": data.get("notes") or "",
    }


def count_events(session: Session, flt: EventQuery) -> int:
    query = select(func.count()).select_from(MergedEventRow).where(*_conditions(flt))
    return session.scalar(query) or 0


def list_events(
    session: Session, flt: EventQuery, sort: str = "-event_date", limit: int = 100, offset: int = 0
) -> dict[str, Any]:
    """One page of filtered events, with the total so a client can page."""
    query = _select(flt).order_by(*_order(sort)).limit(limit).offset(offset)
    items = [event_summary(row) for row in session.scalars(query)]
    return {"total": count_events(session, flt), "limit": limit, "offset": offset, "items": items}


def events_geojson(session: Session, flt: EventQuery, limit: int) -> dict[str, Any]:
    """The filtered events that have coordinates, as a GeoJSON FeatureCollection."""
    query = (
        _select(flt)
        .where(MergedEventRow.latitude.is_not(None), MergedEventRow.longitude.is_not(None))
        .order_by(*_order("-event_date"))
        .limit(limit)
    )
    features = []
    for row in session.scalars(query):
        props = event_summary(row)
        features.append(
            {
                "type": "Feature",
                "id": row.id,
                "geometry": {"type": "Point", "coordinates": [row.longitude, row.latitude]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _period_start(when: date, interval: str) -> date:
    if interval == "week":
        return when - timedelta(days=when.weekday())
    if interval == "month":
        return when.replace(day=1)
    return when


def _period(when: date, interval: str) -> str:
    """The period's label: YYYY-MM-DD (day, or the Monday of a week) or YYYY-MM."""
    start = _period_start(when, interval)
    return start.isoformat()[:7] if interval == "month" else start.isoformat()


def _auto_interval(first: date, last: date) -> str:
    """Days for up to three months, weeks up to two years, months beyond."""
    span = (last - first).days
    return "day" if span <= 92 else "week" if span <= 730 else "month"


def _all_periods(first: date, last: date, interval: str) -> list[str]:
    """Every period from first to last, so gaps in time show as gaps in the chart."""
    out: list[str] = []
    current = _period_start(first, interval)
    while current <= last and len(out) < MAX_PERIODS:
        out.append(_period(current, interval))
        if interval == "day":
            current += timedelta(days=1)
        elif interval == "week":
            current += timedelta(days=7)
        else:
            current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return out


def aggregates(session: Session, flt: EventQuery, interval: str, by: str) -> dict[str, Any]:
    """Events and fatalities per period (day, ISO week from Monday, month) and group.

    ``periods`` runs without gaps from the first to the last dated event; ``auto`` picks
    the interval from that span.
    """
    if interval not in INTERVALS:
        raise QueryError(f"interval {interval!r}: use one of {', '.join(INTERVALS)}")
    if by not in GROUPS:
        raise QueryError(f"by {by!r}: use one of {', '.join(GROUPS)}")
    rows: list[tuple[date, str, int]] = []
    undated = 0
    for row in session.scalars(_select(flt)):
        try:
            when = date.fromisoformat((row.event_date or "")[:10])
        except ValueError:
            undated += 1
            continue
        data = row.data or {}
        if by in {"event_type", "sub_event_type", "country"}:
            value = getattr(row, by)
        elif by == "plover":
            value = (data.get("plover") or {}).get("event_type")
        else:
            value = data.get(by)
        rows.append((when, value or "(none)", row.fatalities or 0))
    if interval == "auto":
        interval = (
            _auto_interval(min(r[0] for r in rows), max(r[0] for r in rows)) if rows else "day"
        )
    events: Counter[tuple[str, str]] = Counter()
    deaths: Counter[tuple[str, str]] = Counter()
    for when, group, killed in rows:
        key = (_period(when, interval), group)
        events[key] += 1
        deaths[key] += killed
    series: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for period, group in sorted(events):
        series[group].append(
            {
                "period": period,
                "events": events[(period, group)],
                "fatalities": deaths[(period, group)],
            }
        )
    periods = (
        _all_periods(min(r[0] for r in rows), max(r[0] for r in rows), interval) if rows else []
    )
    return {
        "interval": interval,
        "by": by,
        "periods": periods,
        "groups": [
            {
                "key": group,
                "events": sum(x["events"] for x in items),
                "fatalities": sum(x["fatalities"] for x in items),
                "series": items,
            }
            for group, items in sorted(series.items())
        ],
        "undated_events": undated,
    }


def facets(session: Session) -> dict[str, Any]:
    """Distinct values with counts, for the dashboard's filter menus, and the date span."""
    m = MergedEventRow
    out: dict[str, Any] = {}
    columns: dict[str, ColumnElement[Any]] = {
        "event_type": m.event_type,
        "sub_event_type": m.sub_event_type,
        "country": m.country,
        "admin1": _json_text("admin1"),
        "plover": _json_text("plover", "event_type"),
    }
    for name, column in columns.items():
        query = (
            select(column, func.count())
            .where(column.is_not(None))
            .group_by(column)
            .order_by(column)
        )
        out[name] = [{"value": v, "count": n} for v, n in session.execute(query) if v]
    first, last = session.execute(select(func.min(m.event_date), func.max(m.event_date))).one()
    out["dates"] = {"first": first, "last": last}
    return out


@dataclass
class Source:
    """One article's report of a merged event: the row, its article and its claims."""

    report: dict[str, Any]
    event: dict[str, Any]
    article: dict[str, Any]
    text: str
    claims: list[dict[str, Any]] = field(default_factory=list)


def event_detail(session: Session, event_id: str) -> tuple[dict[str, Any], list[Source]] | None:
    """A merged event's full record and, for each source article, what it said."""
    row = session.get(MergedEventRow, event_id)
    if row is None:
        return None
    sources = []
    reports = session.scalars(
        select(MergedReportRow)
        .where(MergedReportRow.merged_id == event_id)
        .order_by(MergedReportRow.position)
    )
    for report in reports:
        event_row = session.scalars(
            select(EventRow)
            .where(EventRow.id == report.event_row_id)
            .options(selectinload(EventRow.evidence), selectinload(EventRow.article))
        ).one_or_none()
        if event_row is None:
            continue
        article = event_row.article
        claims = session.scalars(
            select(ClaimRow)
            .where(ClaimRow.article_id == article.id)
            .options(selectinload(ClaimRow.event_links))
            .order_by(ClaimRow.position)
        )
        sources.append(
            Source(
                report={"reason": report.reason, "score": report.score, "key": event_row.id},
                event=event_dict(event_row),
                article=article_dict(article),
                text=article.text,
                claims=[claim_dict(c) for c in claims],
            )
        )
    return dict(row.data or {}, id=row.id), sources


def list_articles(
    session: Session,
    start: date | None,
    end: date | None,
    source: str | None,
    q: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """Stored articles, newest first, with how many events each reports."""
    if start and end and start > end:
        raise QueryError(f"start {start} is after end {end}")
    conditions: list[ColumnElement[bool]] = []
    if start:
        conditions.append(ArticleRow.published >= start)
    if end:
        conditions.append(ArticleRow.published <= end)
    if source:
        conditions.append(func.lower(ArticleRow.source) == source.lower())
    if q:
        conditions.append(or_(_contains(ArticleRow.title, q), _contains(ArticleRow.text, q)))
    total = session.scalar(select(func.count()).select_from(ArticleRow).where(*conditions)) or 0
    n_events = (
        select(func.count())
        .select_from(EventRow)
        .where(EventRow.article_id == ArticleRow.id)
        .scalar_subquery()
    )
    query = (
        select(ArticleRow, n_events)
        .where(*conditions)
        .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id)
        .limit(limit)
        .offset(offset)
    )
    items = [
        dict(article_dict(row), events=count, characters=len(row.text))
        for row, count in session.execute(query)
    ]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def article_detail(session: Session, article_id: str) -> dict[str, Any] | None:
    """A stored article's contract object, its text, and the merged events of its events."""
    row = session.scalars(
        select(ArticleRow)
        .where(ArticleRow.id == article_id)
        .options(
            selectinload(ArticleRow.events).selectinload(EventRow.evidence),
            selectinload(ArticleRow.claims).selectinload(ClaimRow.event_links),
            selectinload(ArticleRow.places),
            selectinload(ArticleRow.actors),
            selectinload(ArticleRow.times),
        )
    ).one_or_none()
    if row is None:
        return None
    out = extraction_dict(row)
    out["text"] = row.text
    links = session.execute(
        select(MergedReportRow.event_row_id, MergedReportRow.merged_id).where(
            MergedReportRow.event_row_id.in_([e.id for e in row.events])
        )
    )
    merged = {row_id: merged_id for row_id, merged_id in links}
    for event, event_row in zip(out["events"], row.events, strict=True):
        event["merged_event"] = merged.get(event_row.id)
    return out


def list_claims(
    session: Session,
    speaker: str | None,
    organization: str | None,
    q: str | None,
    article_id: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """Claims (quotes and reported statements), filtered by who made them."""
    conditions: list[ColumnElement[bool]] = []
    if speaker:
        conditions.append(_contains(ClaimRow.speaker, speaker))
    if organization:
        conditions.append(_contains(ClaimRow.organization, organization))
    if q:
        conditions.append(_contains(ClaimRow.text, q))
    if article_id:
        conditions.append(ClaimRow.article_id == article_id)
    total = session.scalar(select(func.count()).select_from(ClaimRow).where(*conditions)) or 0
    query = (
        select(ClaimRow, ArticleRow)
        .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
        .where(*conditions)
        .options(selectinload(ClaimRow.event_links))
        .order_by(ArticleRow.published.desc().nulls_last(), ClaimRow.article_id, ClaimRow.position)
        .limit(limit)
        .offset(offset)
    )
    items = [
        dict(claim_dict(claim), article_id=article.id, article_title=article.title)
        for claim, article in session.execute(query)
    ]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def list_speakers(session: Session, limit: int, offset: int) -> dict[str, Any]:
    """Who is quoted, how often, across how many articles."""
    key = (ClaimRow.speaker, ClaimRow.organization)
    grouped = (
        select(
            *key,
            func.count().label("claims"),
            func.count(func.distinct(ClaimRow.article_id)).label("articles"),
        )
        .where(ClaimRow.speaker.is_not(None))
        .group_by(*key)
    )
    total = session.scalar(select(func.count()).select_from(grouped.subquery())) or 0
    rows = session.execute(
        grouped.order_by(func.count().desc(), ClaimRow.speaker).limit(limit).offset(offset)
    )
    items = [{"speaker": s, "organization": o, "claims": c, "articles": a} for s, o, c, a in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}
