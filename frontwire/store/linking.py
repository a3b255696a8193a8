"""Keeping the merged events of a store in step with its per-article event rows.

Merging works group by group: reports that the hard rules (type, date window, place)
connect are merged together, and nothing outside a group changes what happens inside
it (:func:`frontwire.link.merge_reports`). So after an ingest only the groups that the
new reports reach need merging again: :func:`link_pending` finds them with indexed
queries (same type, near in time and place) and replaces just their merged events,
giving what :func:`relink` (everything, from scratch) gives, in time that grows with
the new articles, not with the store.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Text, and_, delete, func, insert, or_, select, type_coerce
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session, selectinload

from frontwire.link import LinkConfig, MergedEvent, Report, merge_reports
from frontwire.link.merge import _sort_date
from frontwire.link.reports import article_lead
from frontwire.link.rules import _kind_part, _place_part, block_keys, passes_hard_rules
from frontwire.store.contract import claim_dict, event_dict
from frontwire.store.models import (
    ArticleRow,
    ClaimRow,
    EventRow,
    MergedEventRow,
    MergedReportRow,
)

#: Characters of article text read for its lead (article_lead needs about 600).
_LEAD_CHARS = 4000
#: Above this share of unlinked reports, a full relink is quicker than following groups.
_FULL_RELINK_SHARE = 0.2
#: Kilometres per degree of latitude.
_KM_PER_DEGREE = 111.0


def _reports(session: Session, *conditions: Any) -> list[Report]:
    """Stored events matching ``conditions`` as Reports, in key order."""
    events = list(
        session.scalars(
            select(EventRow)
            .where(*conditions)
            .options(selectinload(EventRow.evidence))
            .order_by(EventRow.id)
        )
    )
    article_ids = sorted({e.article_id for e in events})
    articles: dict[str, Any] = {}
    claims: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start : start + 500]
        rows = session.execute(
            select(
                ArticleRow.id,
                ArticleRow.source,
                ArticleRow.published,
                ArticleRow.title,
                func.substr(ArticleRow.text, 1, _LEAD_CHARS),
            ).where(ArticleRow.id.in_(chunk))
        )
        for article_id, source, published, title, head in rows:
            articles[article_id] = (source, published, title, article_lead(head or ""))
        for claim in session.scalars(
            select(ClaimRow)
            .where(ClaimRow.article_id.in_(chunk))
            .options(selectinload(ClaimRow.event_links))
            .order_by(ClaimRow.article_id, ClaimRow.position)
        ):
            claims.setdefault(claim.article_id, []).append(claim_dict(claim))
    reports = []
    for event in events:
        source, published, title, lead = articles[event.article_id]
        reports.append(
            Report(
                key=event.id,
                article_id=event.article_id,
                event=event_dict(event),
                source=source,
                published=published,
                title=title,
                claims=[
                    c for c in claims.get(event.article_id, []) if event.event_id in c["events"]
                ],
                lead=lead,
            )
        )
    return reports


def load_reports(session: Session) -> list[Report]:
    """Every stored event as a Report, with its article's outlet, date and claims."""
    return _reports(session)


def merged_values(item: MergedEvent) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The merged_events row of a merged event and its merged_event_reports rows."""
    event = item.event
    actors = " | ".join(
        str(event.get(k) or "") for k in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")
    )
    background = all(r.event.get("background") for r in item.reports)
    row = {
        "id": item.id,
        "event_date": event.get("event_date"),
        "date_end": event.get("date_end"),
        "time_precision": event.get("time_precision") or 1,
        "event_type": event.get("event_type"),
        "sub_event_type": event.get("sub_event_type"),
        "country": event.get("country"),
        "location": event.get("location"),
        "latitude": event.get("latitude"),
        "longitude": event.get("longitude"),
        "fatalities": event.get("fatalities") or 0,
        "source_count": item.source_count,
        "admin1": event.get("admin1"),
        "iso": event.get("iso"),
        "plover": (event.get("plover") or {}).get("event_type"),
        "disorder_type": event.get("disorder_type"),
        "actor1": event.get("actor1"),
        "actor2": event.get("actor2"),
        "actors": actors.lower(),
        "background": background,
        "data": {**item.to_dict(), "background": background},
    }
    reports = [
        {
            "merged_id": item.id,
            "event_row_id": report.key,
            "position": n,
            "reason": item.reasons[report.key],
            "score": item.scores[report.key],
        }
        for n, report in enumerate(item.reports)
    ]
    return row, reports


def insert_merged(session: Session, merged: Iterable[MergedEvent]) -> None:
    """Insert merged events and their report rows in bulk (Core, no ORM objects)."""
    rows: list[dict[str, Any]] = []
    reports: list[dict[str, Any]] = []
    for item in merged:
        row, parts = merged_values(item)
        rows.append(row)
        reports.extend(parts)
    for start in range(0, len(rows), 1000):
        session.execute(insert(MergedEventRow.__table__), rows[start : start + 1000])
    for start in range(0, len(reports), 1000):
        session.execute(insert(MergedReportRow.__table__), reports[start : start + 1000])
    session.expire_all()


def relink(session: Session, cfg: LinkConfig | None = None) -> list[MergedEvent]:
    """Recompute and replace all merged events; the caller commits."""
    _take_flags(session)
    merged = merge_reports(load_reports(session), cfg)
    session.execute(delete(MergedReportRow))
    session.execute(delete(MergedEventRow))
    insert_merged(session, merged)
    return merged


@dataclass
class LinkResult:
    """What an incremental link did: reports it merged again, merged events replaced."""

    reports: int = 0
    replaced: int = 0
    merged: int = 0
    full: bool = False


def _take_flags(session: Session) -> tuple[bool, bool]:
    """Whether event rows were added, and removed, since the last link (migration 0004's
    triggers raise the flags); lowered here, first thing in the link's transaction, so a
    concurrent ingest that adds rows after this raises them again for the next link.
    Both True on a store without the flags."""
    connection = session.connection()
    # A savepoint keeps PostgreSQL's transaction usable if the table is missing.
    guard = connection.begin_nested() if connection.dialect.name == "postgresql" else nullcontext()
    try:
        with guard:
            row = connection.exec_driver_sql(
                "SELECT events_added, events_removed FROM store_version WHERE id = 1"
            ).one_or_none()
    except (OperationalError, ProgrammingError):
        return True, True
    if row is None:
        return True, True
    added, removed = bool(row[0]), bool(row[1])
    if added or removed:
        connection.exec_driver_sql(
            "UPDATE store_version SET events_added = 0, events_removed = 0 WHERE id = 1"
        )
    return added, removed


def _unlinked_keys(session: Session) -> list[str]:
    linked = select(MergedReportRow.event_row_id).where(MergedReportRow.event_row_id == EventRow.id)
    return list(session.scalars(select(EventRow.id).where(~linked.exists())))


def _stale_merged(session: Session) -> list[str]:
    """Merged events that lost reports (their article was replaced or removed)."""
    counted = (
        select(MergedReportRow.merged_id, func.count().label("n"))
        .group_by(MergedReportRow.merged_id)
        .subquery()
    )
    query = (
        select(MergedEventRow.id)
        .outerjoin(counted, counted.c.merged_id == MergedEventRow.id)
        .where(func.coalesce(counted.c.n, 0) != MergedEventRow.source_count)
    )
    return list(session.scalars(query))


def _decoded(value: Any) -> Any:
    """A JSON column read as text (see ``_light_select``), decoded; driver-decoded as is."""
    return json.loads(value) if isinstance(value, str) else value


def _light_report(row: Any) -> Report:
    """A report with only the fields the hard rules' type and place parts read."""
    event = {
        "event_date": row.event_date,
        "time_precision": row.time_precision,
        "disorder_type": row.disorder_type,
        "event_type": row.event_type,
        "plover": _decoded(row.plover),
        "latitude": row.latitude,
        "longitude": row.longitude,
        "geo_precision": row.geo_precision,
        "location": row.location,
        "country": row.country,
        "admin1": row.admin1,
        "iso": row.iso,
        "tags": _decoded(row.tags),
    }
    return Report(key=row.id, article_id=row.article_id, event=event, published=row.published)


def _light_select(raw_json: bool) -> Any:
    """The light rows' query; ``raw_json`` reads the JSON columns as text (SQLite), so
    only rows not seen before pay for decoding them."""

    def json_column(column: Any) -> Any:
        return type_coerce(column, Text).label(column.key) if raw_json else column

    return select(
        EventRow.id,
        EventRow.article_id,
        EventRow.event_date,
        EventRow.time_precision,
        EventRow.disorder_type,
        EventRow.event_type,
        json_column(EventRow.plover),
        EventRow.latitude,
        EventRow.longitude,
        EventRow.geo_precision,
        EventRow.location,
        EventRow.country,
        EventRow.admin1,
        EventRow.iso,
        json_column(EventRow.tags),
        ArticleRow.published,
    ).join(ArticleRow, ArticleRow.id == EventRow.article_id)


class _Window:
    """Light rows of the stored events near a day (and a one-degree cell), read once each.

    For a precisely placed report only rows in reach of its cell, or without a precise
    place of their own, can pass the place rules; others get the whole date window.
    """

    def __init__(self, session: Session, cfg: LinkConfig) -> None:
        self.session = session
        self.cfg = cfg
        self.cache: dict[tuple[date, int | None, int | None], list[Report]] = {}
        #: Windows of nearby days overlap: each row becomes a Report once (profiled at
        #: 100k events: JSON decoding and ORM row handling were half of a link's time).
        self.seen: dict[str, Report] = {}
        self.light = _light_select(session.get_bind().dialect.name == "sqlite")

    def around(self, day: date, box: tuple[float, float, float, float] | None) -> list[Report]:
        cell = (math.floor(box[0]), math.floor(box[1])) if box else (None, None)
        key = (day, *cell)
        if key not in self.cache:
            out = []
            for row in self.session.connection().execute(self._query(day, cell)):
                report = self.seen.get(row.id)
                if report is None:
                    report = self.seen[row.id] = _light_report(row)
                out.append(report)
            self.cache[key] = out
        return self.cache[key]

    def _query(self, day: date, cell: tuple[int | None, int | None]) -> Any:
        window = timedelta(days=self.cfg.vague_date_window_days)
        if day == date.min:
            where: list[Any] = [EventRow.event_date.is_(None)]
        else:
            low, high = day - window, day + window + timedelta(days=1)
            where = [
                or_(
                    and_(
                        EventRow.event_date >= low.isoformat(),
                        EventRow.event_date < high.isoformat(),
                    ),
                    and_(EventRow.event_date.is_(None), ArticleRow.published.between(low, high)),
                )
            ]
        lat, lon = cell
        if lat is not None and lon is not None:
            reach = max(self.cfg.max_distance_km, self.cfg.vague_distance_km) + 1
            dlat = reach / _KM_PER_DEGREE
            top = min(89.0, max(abs(lat - dlat), abs(lat + 1 + dlat)))
            dlon = reach / (_KM_PER_DEGREE * max(0.01, math.cos(math.radians(top))))
            boxed = [EventRow.latitude.between(lat - dlat, lat + 1 + dlat)]
            if lon - dlon > -180 and lon + 1 + dlon < 180:
                boxed.append(EventRow.longitude.between(lon - dlon, lon + 1 + dlon))
            where.append(
                or_(
                    and_(*boxed),
                    EventRow.latitude.is_(None),
                    EventRow.longitude.is_(None),
                    EventRow.geo_precision >= 2,
                )
            )
        return self.light.where(*where)


def _box(report: Report, cfg: LinkConfig) -> tuple[float, float, float, float] | None:
    """Degrees around a precisely placed report beyond which no place rule can pass."""
    event = report.event
    lat, lon = event.get("latitude"), event.get("longitude")
    if lat is None or lon is None or (event.get("geo_precision") or 1) > 1:
        return None
    reach = max(cfg.max_distance_km, cfg.vague_distance_km) + 1
    dlat = reach / _KM_PER_DEGREE
    dlon = reach / (_KM_PER_DEGREE * max(0.01, math.cos(math.radians(min(89.0, abs(lat))))))
    return lat, lon, dlat, dlon


def _outside(box: tuple[float, float, float, float], other: Report) -> bool:
    """Precisely placed and too far from the box's report for any place rule."""
    event = other.event
    lat, lon = event.get("latitude"), event.get("longitude")
    if lat is None or lon is None or (event.get("geo_precision") or 1) > 1:
        return False
    clat, clon, dlat, dlon = box
    gap = abs(lon - clon)
    return abs(lat - clat) > dlat or min(gap, 360 - gap) > dlon


def _could_pair(a: Report, b: Report, cfg: LinkConfig) -> bool:
    """Bucket, date window and the type and place rules: what the light fields decide."""
    if a.article_id == b.article_id or not (block_keys(a) & block_keys(b)):
        return False
    if abs((_sort_date(a) - _sort_date(b)).days) > cfg.vague_date_window_days:
        return False
    scratch: list[str] = []
    return _kind_part(a, b, scratch) is not None and _place_part(a, b, cfg, scratch) is not None


def _candidates(window: _Window, report: Report, cfg: LinkConfig) -> list[Report]:
    """Stored events that might pass the hard rules with ``report`` (light reports)."""
    box = _box(report, cfg)
    return [
        c
        for c in window.around(_sort_date(report), box)
        if not (box and _outside(box, c)) and _could_pair(report, c, cfg)
    ]


def _by_keys(session: Session, keys: Iterable[str]) -> list[Report]:
    wanted = sorted(set(keys))
    out: list[Report] = []
    for start in range(0, len(wanted), 500):
        out.extend(_reports(session, EventRow.id.in_(wanted[start : start + 500])))
    return out


def _merged_of(session: Session, keys: Iterable[str]) -> dict[str, list[str]]:
    """Stored merged events holding any of these reports, with all their report keys."""
    wanted = sorted(set(keys))
    ids: set[str] = set()
    for start in range(0, len(wanted), 500):
        ids.update(
            session.scalars(
                select(MergedReportRow.merged_id).where(
                    MergedReportRow.event_row_id.in_(wanted[start : start + 500])
                )
            )
        )
    out: dict[str, list[str]] = {i: [] for i in ids}
    listed = sorted(ids)
    for start in range(0, len(listed), 500):
        for merged_id, key in session.execute(
            select(MergedReportRow.merged_id, MergedReportRow.event_row_id).where(
                MergedReportRow.merged_id.in_(listed[start : start + 500])
            )
        ):
            out[merged_id].append(key)
    return out


def _groups_reached(
    session: Session, seeds: list[Report], cfg: LinkConfig
) -> tuple[dict[str, Report], set[str]]:
    """Every report connected to the seeds by the hard rules, and their merged events."""
    closure = {r.key: r for r in seeds}
    frontier = list(seeds)
    merged_ids: set[str] = set()
    window = _Window(session, cfg)
    while frontier:
        reached: dict[str, list[Report]] = {}
        for report in frontier:
            for candidate in _candidates(window, report, cfg):
                if candidate.key not in closure:
                    reached.setdefault(candidate.key, []).append(report)
        frontier = []
        for candidate in _by_keys(session, reached):
            if any(passes_hard_rules(r, candidate, cfg) for r in reached[candidate.key]):
                closure[candidate.key] = candidate
                frontier.append(candidate)
        # A stored merged event lies inside one group: pull in any report of it not seen yet.
        holders = _merged_of(session, [k for k in closure if k not in merged_ids])
        for merged_id, keys in holders.items():
            merged_ids.add(merged_id)
            missing = [k for k in keys if k not in closure]
            for extra in _by_keys(session, missing):
                closure[extra.key] = extra
                frontier.append(extra)
    return closure, merged_ids


def link_pending(session: Session, cfg: LinkConfig | None = None) -> LinkResult:
    """Link the reports no merged event holds yet (new articles), and repair merged
    events that lost reports (replaced articles); the caller commits.

    Only the groups those reports reach are merged again and replaced; the result is
    what :func:`relink` would give.
    """
    cfg = cfg or LinkConfig()
    added, removed = _take_flags(session)
    # Each is a pass over the whole store: skipped when no event row came or went.
    pending = _unlinked_keys(session) if added else []
    stale = _stale_merged(session) if removed else []
    if not pending and not stale:
        return LinkResult()
    total = session.scalar(select(func.count()).select_from(EventRow)) or 0
    if len(pending) > _FULL_RELINK_SHARE * total and total > 500:
        merged = relink(session, cfg)
        return LinkResult(reports=total, merged=len(merged), full=True)
    survivors = _merged_of_ids(session, stale)
    seed_keys = set(pending) | {k for keys in survivors.values() for k in keys}
    session.execute(delete(MergedReportRow).where(MergedReportRow.merged_id.in_(stale)))
    session.execute(delete(MergedEventRow).where(MergedEventRow.id.in_(stale)))
    closure, merged_ids = _groups_reached(session, _by_keys(session, seed_keys), cfg)
    reports = sorted(closure.values(), key=lambda r: r.key)
    articles = sorted({r.article_id for r in reports})
    siblings = [
        key
        for start in range(0, len(articles), 500)
        for key in session.scalars(
            select(EventRow.id).where(EventRow.article_id.in_(articles[start : start + 500]))
        )
        if key not in closure
    ]
    context = _by_keys(session, siblings)
    merged = merge_reports(reports, cfg, context=context)
    ids = sorted(merged_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(delete(MergedReportRow).where(MergedReportRow.merged_id.in_(chunk)))
        session.execute(delete(MergedEventRow).where(MergedEventRow.id.in_(chunk)))
    insert_merged(session, merged)
    return LinkResult(reports=len(reports), replaced=len(ids) + len(stale), merged=len(merged))


def _merged_of_ids(session: Session, merged_ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {i: [] for i in merged_ids}
    for start in range(0, len(merged_ids), 500):
        for merged_id, key in session.execute(
            select(MergedReportRow.merged_id, MergedReportRow.event_row_id).where(
                MergedReportRow.merged_id.in_(merged_ids[start : start + 500])
            )
        ):
            out[merged_id].append(key)
    return out
