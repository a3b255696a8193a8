"""The API's reads: filtered, sorted, paged merged events and what hangs off them.

Built on the store's models (``frontwire.store.models``). Filters run in SQL, JSON fields
of the merged record included, so paging and counts stay right on large stores and the
same code serves SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnElement,
    Date,
    Float,
    Integer,
    Text,
    and_,
    case,
    cast,
    false,
    func,
    or_,
    select,
    table,
    union,
)
from sqlalchemy import (
    column as sa_column,
)
from sqlalchemy.orm import Session, selectinload

from frontwire.store import rollup, search
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
    #: Events reported as context (``background``) are left out unless this is set.
    include_background: bool = False

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise QueryError(f"start {self.start} is after end {self.end}")


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column: ColumnElement[Any], value: str) -> ColumnElement[bool]:
    return func.lower(column).like(_like(value), escape="\\")


def _reported_by(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """Merged events one of whose reports (event row + article) meets ``condition``."""
    return MergedEventRow.id.in_(
        select(MergedReportRow.merged_id)
        .join(EventRow, EventRow.id == MergedReportRow.event_row_id)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(condition)
    )


def _conditions(session: Session, flt: EventQuery) -> list[ColumnElement[bool]]:
    """The filters as SQL on merged_events' columns (indexed by migration 0002)."""
    m = MergedEventRow
    out: list[ColumnElement[bool]] = []
    if not flt.include_background:
        # ``= false``, not ``IS false``: only the equality is an index key on PostgreSQL.
        out.append(m.background == false())
    if flt.start:
        out.append(m.event_date >= flt.start.isoformat())
    if flt.end:
        # Dates may carry more than the day ("2024-05-01T..."): compare below the next day.
        out.append(m.event_date < (flt.end + timedelta(days=1)).isoformat())
    if flt.country:
        wanted = flt.country.lower()
        out.append(or_(func.lower(m.country) == wanted, func.lower(m.iso) == wanted))
    if flt.admin1:
        out.append(func.lower(m.admin1) == flt.admin1.lower())
    if flt.event_type:
        out.append(func.lower(m.event_type).in_([t.lower() for t in flt.event_type]))
    if flt.sub_event_type:
        out.append(func.lower(m.sub_event_type).in_([t.lower() for t in flt.sub_event_type]))
    if flt.plover:
        out.append(func.upper(m.plover) == flt.plover.upper())
    if flt.actor:
        out.append(m.actors.like(_like(flt.actor), escape="\\"))
    if flt.min_fatalities is not None:
        out.append(m.fatalities >= flt.min_fatalities)
    if flt.min_sources is not None:
        out.append(m.source_count >= flt.min_sources)
    if flt.q:
        # One id set from both full-text indexes: an OR of the two conditions would make
        # PostgreSQL compute every row's tsvector instead of using its GIN index.
        by_event = (
            select(MergedEventRow.id).where(search.events_matching(session, flt.q)).correlate(None)
        )
        by_article = (
            select(MergedReportRow.merged_id)
            .join(EventRow, EventRow.id == MergedReportRow.event_row_id)
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .where(search.articles_matching(session, flt.q))
            .correlate(None)
        )
        out.append(m.id.in_(union(by_event, by_article)))
    if flt.bbox:
        b = flt.bbox
        lon = (
            m.longitude.between(b.west, b.east)
            if b.west <= b.east  # a box across the antimeridian wraps round
            else or_(m.longitude >= b.west, m.longitude <= b.east)
        )
        out.append(and_(m.latitude.between(b.south, b.north), lon))
    if flt.article_id:
        out.append(_reported_by(ArticleRow.id == flt.article_id))
    return out


def _order(sort: str) -> list[Any]:
    key = sort.removeprefix("-")
    if key not in SORT_KEYS:
        raise QueryError(f"sort {sort!r}: use one of {', '.join(SORT_KEYS)} (prefix - to reverse)")
    column = getattr(MergedEventRow, key)
    if sort.startswith("-"):
        # Ties broken in the same direction, so one index on (key, id) serves the sort.
        return [column.desc().nulls_last(), MergedEventRow.id.desc()]
    return [column.asc().nulls_last(), MergedEventRow.id]


def event_summary(row: MergedEventRow) -> dict[str, Any]:
    """The fields a table row needs (the full record is ``event_detail``)."""
    data = row.data or {}
    return {
        **_point(row),
        "date_end": row.date_end,
        "time_precision": row.time_precision,
        "disorder_type": row.disorder_type,
        "geo_precision": data.get("geo_precision"),
        "civilian_targeting": bool(data.get("civilian_targeting")),
        "sources": data.get("sources") or [],
        "notes": data.get("notes") or "",
    }


#: Columns a map point needs: never the merged record itself (``data``).
_POINT_COLUMNS = (
    MergedEventRow.id,
    MergedEventRow.event_date,
    MergedEventRow.event_type,
    MergedEventRow.sub_event_type,
    MergedEventRow.plover,
    MergedEventRow.actor1,
    MergedEventRow.actor2,
    MergedEventRow.location,
    MergedEventRow.admin1,
    MergedEventRow.country,
    MergedEventRow.iso,
    MergedEventRow.latitude,
    MergedEventRow.longitude,
    MergedEventRow.fatalities,
    MergedEventRow.source_count,
)


def _point(row: Any) -> dict[str, Any]:
    """A map point's properties, from a row of ``_POINT_COLUMNS`` (or a merged event)."""
    return {
        "id": row.id,
        "event_date": row.event_date,
        "event_type": row.event_type,
        "sub_event_type": row.sub_event_type,
        "plover": row.plover,
        "actor1": row.actor1,
        "actor2": row.actor2,
        "location": row.location,
        "admin1": row.admin1,
        "country": row.country,
        "iso": row.iso,
        "iso3": iso3(row.iso or row.country),
        "latitude": row.latitude,
        "longitude": row.longitude,
        "fatalities": row.fatalities,
        "source_count": row.source_count,
    }


#: The covering index that every whole-store scan reads (migration 0004).
SCAN_INDEX = "ix_merged_events_scan"


def _scan(query: Any, flt: EventQuery, narrow_counts: bool = False) -> Any:
    """``query`` (a count, group or aggregate over merged events) read from the covering
    scan index on SQLite, unless a full-text or article filter picks a few rows first.

    SQLite's planner prices a row of the table like a row of the index, not knowing that
    each holds the large merged record (``data``), so left alone it scans the table: two
    to ten times slower at 100k events. PostgreSQL has real row widths and needs no hint.
    A plain count (``narrow_counts``) filtered only by dates or fatalities is left to the
    planner: a narrower index of 0004 answers it.
    """
    if flt.q or flt.article_id:
        return query
    if narrow_counts and _only_dates_and_tolls(flt):
        return query
    return query.with_hint(MergedEventRow, f"INDEXED BY {SCAN_INDEX}", "sqlite")


def _only_dates_and_tolls(flt: EventQuery) -> bool:
    return not (
        flt.country
        or flt.admin1
        or flt.event_type
        or flt.sub_event_type
        or flt.plover
        or flt.actor
        or flt.min_sources is not None
        or flt.bbox
    )


def count_events(session: Session, flt: EventQuery) -> int:
    """How many merged events pass ``flt``: from the rollup where its keys cover the
    filters (a sum over a few thousand groups, not a walk over every event)."""
    ready = _rollup_count(session, flt, mapped=False)
    if ready is not None:
        return ready
    query = select(func.count()).select_from(MergedEventRow).where(*_conditions(session, flt))
    return session.scalar(_scan(query, flt, narrow_counts=True)) or 0


def _rollup_count(session: Session, flt: EventQuery, mapped: bool) -> int | None:
    """The count of (mapped) events passing ``flt`` from ``merged_rollup``, or None
    where its keys cannot express the filters. A plain count with no filter at all is
    left to the live count, which a narrow index answers as fast."""
    if not mapped and _only_background(flt):
        return None
    keyed = _rollup_conditions(session, flt)
    if keyed is None:
        return None
    r = _ROLLUP.c
    total = session.scalar(select(func.sum(r.n_mapped if mapped else r.n)).where(*keyed))
    return int(total or 0)


def list_events(
    session: Session, flt: EventQuery, sort: str = "-event_date", limit: int = 100, offset: int = 0
) -> dict[str, Any]:
    """One page of filtered events, with the total so a client can page."""
    order = _order(sort)
    query = (
        select(MergedEventRow)
        .where(*_conditions(session, flt))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    items = [event_summary(row) for row in session.scalars(query)]
    return {"total": count_events(session, flt), "limit": limit, "offset": offset, "items": items}


def _mapped(session: Session, flt: EventQuery) -> list[ColumnElement[bool]]:
    return [
        *_conditions(session, flt),
        MergedEventRow.latitude.is_not(None),
        MergedEventRow.longitude.is_not(None),
    ]


def events_geojson(
    session: Session, flt: EventQuery, limit: int, offset: int = 0
) -> dict[str, Any]:
    """One page of the filtered events that have coordinates, as a GeoJSON FeatureCollection.

    Newest first; ``total`` and ``next_offset`` (null on the last page) let a client page.
    """
    conditions = _mapped(session, flt)
    query = (
        select(*_POINT_COLUMNS)
        .where(*conditions)
        .order_by(*_order("-event_date"))
        .limit(limit)
        .offset(offset)
    )
    # The scan index leads with (background, event_date, id) and holds every point column.
    features = [
        {
            "type": "Feature",
            "id": row.id,
            "geometry": {"type": "Point", "coordinates": [row.longitude, row.latitude]},
            "properties": _point(row),
        }
        for row in session.execute(_scan(query, flt))
    ]
    total = _rollup_count(session, flt, mapped=True)
    if total is None:
        total = session.scalar(
            _scan(select(func.count()).select_from(MergedEventRow).where(*conditions), flt)
        )
        total = total or 0
    more = offset + len(features) < total
    return {
        "type": "FeatureCollection",
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + len(features) if more else None,
        "features": features,
    }


#: The rollups of migration 0005 (``frontwire.store.rollup``), kept by triggers.
_ROLLUP = table(
    "merged_rollup",
    sa_column("background", Boolean),
    sa_column("month", Text),
    sa_column("date_kind", Text),
    *(sa_column(key, Text) for key in rollup.GROUP_KEYS),
    sa_column("n", BigInteger),
    sa_column("n_mapped", BigInteger),
    sa_column("fatalities", BigInteger),
)
_CELLS = table(
    "merged_cells",
    sa_column("zoom", Integer),
    sa_column("background", Boolean),
    sa_column("cx", Integer),
    sa_column("cy", Integer),
    sa_column("n", BigInteger),
    sa_column("fatalities", BigInteger),
    sa_column("sum_lat", Float),
    sa_column("sum_lon", Float),
    sa_column("one_id", Text),
)


def _rollup_conditions(session: Session, flt: EventQuery) -> list[ColumnElement[bool]] | None:
    """The filters as conditions on ``merged_rollup``, or None where its keys cannot
    express them (admin-1, actor, tolls, sources, text, box, article; dates that are not
    whole months, or any date filter while some event dates are text other than a day)."""
    if (
        flt.admin1
        or flt.actor
        or flt.min_fatalities is not None
        or flt.min_sources is not None
        or flt.q
        or flt.bbox
        or flt.article_id
    ):
        return None
    if flt.start and flt.start.day != 1:
        return None
    if flt.end and (flt.end + timedelta(days=1)).day != 1:
        return None
    r = _ROLLUP.c
    out: list[ColumnElement[bool]] = []
    if not flt.include_background:
        out.append(r.background == false())
    if flt.start or flt.end:
        odd = session.scalar(select(func.count()).select_from(_ROLLUP).where(r.date_kind == "u"))
        if odd:
            return None
        out.append(r.date_kind == "d")  # a NULL date never passes a date filter
    if flt.start:
        out.append(r.month >= flt.start.isoformat()[:7])
    if flt.end:
        out.append(r.month <= flt.end.isoformat()[:7])
    if flt.country:
        wanted = flt.country.lower()
        out.append(or_(func.lower(r.country) == wanted, func.lower(r.iso) == wanted))
    if flt.event_type:
        out.append(func.lower(r.event_type).in_([t.lower() for t in flt.event_type]))
    if flt.sub_event_type:
        out.append(func.lower(r.sub_event_type).in_([t.lower() for t in flt.sub_event_type]))
    if flt.plover:
        out.append(func.upper(r.plover) == flt.plover.upper())
    return out


def _only_background(flt: EventQuery) -> bool:
    """Whether ``flt`` filters nothing but the background flag."""
    return flt == EventQuery(include_background=flt.include_background)


def _unkeyed(value: ColumnElement[str], none: Any) -> ColumnElement[Any]:
    """A rollup key read back: its ``''`` stands for NULL."""
    return case((value == "", none), else_=value)


#: Grid cells across one 256-pixel map tile: a cluster stands for about 64 pixels.
CELLS_PER_TILE = 4
#: Below this many mapped events in view, the map gets every point and no clusters.
POINTS_BELOW = 400
#: Most single points returned beside the clusters.
MAX_POINTS = 2000


def _cell(session: Session, column: ColumnElement[float], offset: float, size: float) -> Any:
    shifted = (column + offset) / size
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.floor(shifted), Integer)
    return cast(shifted, Integer)  # non-negative here, so truncation is the floor


def clusters(session: Session, flt: EventQuery, zoom: int, rollups: bool = True) -> dict[str, Any]:
    """The mapped events for a map at ``zoom``: grid clusters computed in SQL, or points.

    Cells are 1/4 of a map tile wide at that zoom; a cell holding one event comes back as
    a point, so the counts of ``clusters`` and ``points`` add up to ``total``.
    ``unmapped`` counts the filtered events without coordinates. With ``rollups`` the
    counts and, at zoom levels 0 to 4 without filters, the cells come from the rollups of
    migration 0005; ``rollups=False`` computes everything from the events (the tests
    compare both).
    """
    conditions = _mapped(session, flt)
    m = MergedEventRow
    mapped = and_(m.latitude.is_not(None), m.longitude.is_not(None))
    # One pass for the counts and the countries in view (for the admin-1 outlines).
    keyed = _rollup_conditions(session, flt) if rollups else None
    if keyed is not None:
        r = _ROLLUP.c
        place = _unkeyed(_unkeyed(r.iso, r.country), None)
        by_place = select(place, func.sum(r.n), func.sum(r.n_mapped)).where(*keyed).group_by(place)
    else:
        place = func.coalesce(m.iso, m.country)
        by_place = _scan(
            select(place, func.count(), func.count(case((mapped, 1))))
            .where(*_conditions(session, flt))
            .group_by(place),
            flt,
        )
    total, everything, isos = 0, 0, set()
    for value, n_all, n_mapped in session.execute(by_place):
        everything += int(n_all or 0)
        total += int(n_mapped or 0)
        if n_mapped and (code := iso3(value)):
            isos.add(code)
    size = 360.0 / (2**zoom * CELLS_PER_TILE)
    out: dict[str, Any] = {
        "zoom": zoom,
        "cell_degrees": size,
        "total": total,
        "unmapped": everything - total,
        "clusters": [],
        "points": [],
        "isos": sorted(isos)[:300],
    }
    if total <= POINTS_BELOW:
        rows = session.execute(select(*_POINT_COLUMNS).where(*conditions).order_by(m.id))
        out["points"] = [_point(row) for row in rows]
        return out
    cx, cy = _cell(session, m.longitude, 180.0, size), _cell(session, m.latitude, 90.0, size)
    if rollups and zoom in rollup.CELL_ZOOMS and _only_background(flt):
        cells = _ready_cells(session, flt, zoom, cx, cy)
    else:
        cells = session.execute(
            _scan(
                select(
                    func.count(),
                    func.sum(m.fatalities),
                    func.avg(m.latitude),
                    func.avg(m.longitude),
                    func.min(m.id),
                )
                .where(*conditions)
                .group_by(cx, cy),
                flt,
            )
        ).all()
    singles = []
    for count, killed, lat, lon, first in cells:
        if count == 1 and len(singles) < MAX_POINTS:
            singles.append(first)
        else:
            out["clusters"].append(
                {
                    "latitude": round(float(lat), 5),
                    "longitude": round(float(lon), 5),
                    "count": count,
                    "fatalities": int(killed or 0),
                }
            )
    for start in range(0, len(singles), 500):
        rows = session.execute(
            select(*_POINT_COLUMNS).where(m.id.in_(singles[start : start + 500]))
        )
        out["points"].extend(_point(row) for row in rows)
    out["points"].sort(key=lambda p: p["id"])
    out["clusters"].sort(key=lambda c: (-c["count"], c["latitude"], c["longitude"]))
    return out


def _ready_cells(
    session: Session, flt: EventQuery, zoom: int, cx: Any, cy: Any
) -> list[tuple[int, int, float, float, str]]:
    """The grid cells at ``zoom`` from ``merged_cells``, as the live grouping's rows
    (count, fatalities, mean latitude, mean longitude, the id of a lone event).

    A lone event whose id the triggers lost (its cell held two, one went) is looked up
    among the events of those cells, in one query.
    """
    c = _CELLS.c
    query = select(
        c.cx,
        c.cy,
        func.sum(c.n),
        func.sum(c.fatalities),
        func.sum(c.sum_lat),
        func.sum(c.sum_lon),
        func.max(c.one_id),
    ).where(c.zoom == zoom)
    if not flt.include_background:
        query = query.where(c.background == false())
    rows = session.execute(query.group_by(c.cx, c.cy).order_by(c.cx, c.cy)).all()
    lost = [(x, y) for x, y, n, _k, _a, _o, one in rows if int(n) == 1 and one is None]
    found: dict[tuple[int, int], str] = {}
    if lost:
        m = MergedEventRow
        cell_of = select(cx.label("x"), cy.label("y"), m.id).where(
            *_mapped(session, flt), or_(*(and_(cx == x, cy == y) for x, y in lost))
        )
        found = {(x, y): ident for x, y, ident in session.execute(cell_of)}
    return [
        (
            int(n),
            int(killed or 0),
            float(lat_sum) / int(n),
            float(lon_sum) / int(n),
            one if one is not None else found.get((x, y), ""),
        )
        for x, y, n, killed, lat_sum, lon_sum, one in rows
        if int(n) > 0
    ]


def _auto_interval(first: date, last: date) -> str:
    """Days for up to three months, weeks up to two years, months beyond."""
    span = (last - first).days
    return "day" if span <= 92 else "week" if span <= 730 else "month"


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


def _dated(session: Session) -> ColumnElement[bool]:
    """Merged events whose date starts with a YYYY-MM-DD day."""
    column = MergedEventRow.event_date
    if session.get_bind().dialect.name == "postgresql":
        return column.op("~")(r"^\d{4}-\d{2}-\d{2}")
    return column.op("GLOB")("[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*")


def _is_day(value: str | None) -> bool:
    """Whether a stored event date starts with a YYYY-MM-DD day (as ``_dated`` tests)."""
    if not value or len(value) < 10:
        return False
    try:
        date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


def _period_sql(session: Session, interval: str) -> ColumnElement[str]:
    day = func.substr(MergedEventRow.event_date, 1, 10)
    if interval == "day":
        return day
    if interval == "month":
        return func.substr(MergedEventRow.event_date, 1, 7)
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.date_trunc("week", cast(day, Date)), "YYYY-MM-DD")
    # The Sunday that ends the ISO week, less six days: its Monday.
    return func.date(day, "weekday 0", "-6 days")


def aggregates(
    session: Session, flt: EventQuery, interval: str, by: str, rollups: bool = True
) -> dict[str, Any]:
    """Events and fatalities per period (day, ISO week from Monday, month) and group.

    ``periods`` runs without gaps from the first to the last dated event; ``auto`` picks
    the interval from that span. Counted in SQL, one row per period and group; by month
    from ``merged_rollup`` (migration 0005) where its keys cover the filters and the group.
    """
    if interval not in INTERVALS:
        raise QueryError(f"interval {interval!r}: use one of {', '.join(INTERVALS)}")
    if by not in GROUPS:
        raise QueryError(f"by {by!r}: use one of {', '.join(GROUPS)}")
    if rollups and by in rollup.GROUP_KEYS and interval in ("auto", "month"):
        keyed = _rollup_conditions(session, flt)
        ready = None if keyed is None else _monthly(session, flt, keyed, interval, by)
        if ready is not None:
            return ready
    m = MergedEventRow
    conditions = _conditions(session, flt)
    dated = _dated(session)
    first, last, n_all = session.execute(
        _scan(select(func.min(m.event_date), func.max(m.event_date), func.count()), flt).where(
            *conditions
        )
    ).one()
    if not (_is_day(first) and _is_day(last)):
        # Some dates are not days (undated or malformed): find the first and last day.
        first, last = session.execute(
            _scan(
                select(
                    func.min(case((dated, m.event_date))), func.max(case((dated, m.event_date)))
                ),
                flt,
            ).where(*conditions)
        ).one()
    out = _no_series(interval, by, n_all)
    if first is None:
        return out
    first_day, last_day = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    if interval == "auto":
        interval = _auto_interval(first_day, last_day)
    out["interval"] = interval
    period = _period_sql(session, interval).label("period")
    group = func.coalesce(getattr(m, by), "(none)").label("grp")
    rows = session.execute(
        _scan(
            select(period, group, func.count(), func.coalesce(func.sum(m.fatalities), 0))
            .where(*conditions, dated)
            .group_by(period, group),
            flt,
        )
    )
    return _series(out, rows, first_day, last_day, interval)


def _no_series(interval: str, by: str, events: int | None) -> dict[str, Any]:
    """An aggregates answer with no periods yet, every event counted as undated until
    ``_series`` places them."""
    return {
        "interval": interval if interval != "auto" else "day",
        "by": by,
        "periods": [],
        "groups": [],
        "undated_events": int(events or 0),
    }


def _series(
    out: dict[str, Any], rows: Any, first_day: date, last_day: date, interval: str
) -> dict[str, Any]:
    """Fill ``out``'s periods and groups from (period, group, events, fatalities) rows."""
    series: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for label, key, events, deaths in sorted(rows, key=lambda r: (r[1] or "", r[0])):
        series[key or "(none)"].append(
            {"period": label, "events": int(events), "fatalities": int(deaths)}
        )
        out["undated_events"] -= int(events)
    out["periods"] = _all_periods(first_day, last_day, interval)
    out["groups"] = [
        {
            "key": key,
            "events": sum(x["events"] for x in items),
            "fatalities": sum(x["fatalities"] for x in items),
            "series": items,
        }
        for key, items in sorted(series.items())
    ]
    return out


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return date(year + number // 12, number % 12 + 1, 1).isoformat()


def _monthly(
    session: Session, flt: EventQuery, keyed: list[ColumnElement[bool]], interval: str, by: str
) -> dict[str, Any] | None:
    """``aggregates`` by month from ``merged_rollup``; None when ``auto`` picks a finer
    interval. The first and last days come from the events of the first and last month
    only (a range of the scan index)."""
    r = _ROLLUP.c
    dated = r.date_kind == "d"
    first_month, last_month, n_all = session.execute(
        select(
            func.min(case((dated, r.month))), func.max(case((dated, r.month))), func.sum(r.n)
        ).where(*keyed)
    ).one()
    out = _no_series(interval, by, n_all)
    if first_month is None:
        return out
    m = MergedEventRow
    conditions = [*_conditions(session, flt), _dated(session)]

    def edge(extreme: Any, month: str) -> str | None:
        inside = (m.event_date >= f"{month}-01", m.event_date < _next_month(month))
        return session.scalar(_scan(select(extreme(m.event_date)).where(*conditions, *inside), flt))

    first, last = edge(func.min, first_month), edge(func.max, last_month)
    if first is None or last is None:
        return None
    first_day, last_day = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    if interval == "auto":
        interval = _auto_interval(first_day, last_day)
        if interval != "month":
            return None
    out["interval"] = interval
    group = _unkeyed(getattr(r, by), "(none)")
    rows = session.execute(
        select(r.month, group, func.sum(r.n), func.sum(r.fatalities))
        .where(*keyed, dated)
        .group_by(r.month, group)
    )
    return _series(out, rows, first_day, last_day, interval)


def facets(session: Session) -> dict[str, Any]:
    """Distinct values with counts, for the dashboard's filter menus, and the date span;
    the counts of the rollup's keys from ``merged_rollup``."""
    m = MergedEventRow
    out: dict[str, Any] = {}
    columns: dict[str, ColumnElement[Any]] = {
        "event_type": m.event_type,
        "sub_event_type": m.sub_event_type,
        "country": m.country,
        "admin1": m.admin1,
        "plover": m.plover,
    }
    r = _ROLLUP.c
    for name, column in columns.items():
        if name in rollup.GROUP_KEYS:  # every event, background too: the whole rollup
            key = getattr(r, name)
            query = select(key, func.sum(r.n)).where(key != "").group_by(key).order_by(key)
        else:
            query = (
                select(column, func.count())
                .where(column.is_not(None))
                .group_by(column)
                .order_by(column)
            )
        out[name] = [{"value": v, "count": int(n)} for v, n in session.execute(query) if v]
    # Apart, so each is one step down the date index.
    first = session.scalar(select(func.min(m.event_date)))
    last = session.scalar(select(func.max(m.event_date)))
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
        conditions.append(search.articles_matching(session, q))
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
    # One grouping pass: the number of groups rides along as a window count.
    grouped = (
        select(
            *key,
            func.count().label("claims"),
            func.count(func.distinct(ClaimRow.article_id)).label("articles"),
            func.count().over().label("groups"),
        )
        .where(ClaimRow.speaker.is_not(None))
        .group_by(*key)
    )
    rows = session.execute(
        grouped.order_by(func.count().desc(), ClaimRow.speaker).limit(limit).offset(offset)
    ).all()
    if rows:
        total = rows[0].groups
    elif offset:
        total = session.scalar(select(func.count()).select_from(grouped.subquery())) or 0
    else:
        total = 0
    items = [
        {"speaker": s, "organization": o, "claims": c, "articles": a} for s, o, c, a, _ in rows
    ]
    return {"total": total, "limit": limit, "offset": offset, "items": items}
