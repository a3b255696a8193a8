"""A large store, generated straight into the tables, for ``frontwire bench --api``.

Extracting 100,000 events' worth of articles would take hours, and the API bench needs
only what the store holds: so this writes articles, their events (with evidence),
claims, places and the merged events over them with bulk inserts, seeded (same seed,
same store). Events fall on real places of the gazetteer across conflict countries over
three years; each merged event is told by one to three outlets, and its merged record
is built by the linker's own representative-value code.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from frontwire.gazetteer.index import INDEX_PATH
from frontwire.link.merge import _build
from frontwire.link.reports import Report
from frontwire.store import rollup
from frontwire.store.linking import merged_values
from frontwire.store.models import (
    ArticleRow,
    ClaimEventLink,
    ClaimRow,
    EventRow,
    EvidenceRow,
    MergedEventRow,
    MergedReportRow,
    PlaceRow,
)

FIRST_DAY = date(2022, 1, 1)
SPAN_DAYS = 1095
#: Rows per INSERT batch.
BATCH = 2000


@dataclass(frozen=True)
class Place:
    name: str
    iso: str
    country: str
    admin1: str | None
    latitude: float
    longitude: float


@cache
def _templates() -> dict[str, Any]:
    path = resources.files("frontwire.scale").joinpath("store_templates.json")
    return json.loads(path.read_text("utf-8"))


def places() -> list[Place]:
    """The most populous towns of each country in the templates, from the gazetteer."""
    data = _templates()
    out: list[Place] = []
    with sqlite3.connect(f"file:{INDEX_PATH}?mode=ro", uri=True) as db:
        names = dict(db.execute("SELECT cc, name FROM place WHERE feature = 'country'"))
        for iso in data["countries"]:
            rows = db.execute(
                "SELECT name, admin1, lat, lon FROM place WHERE feature = 'city' AND cc = ? "
                "ORDER BY population DESC, id LIMIT ?",
                (iso, data["places_per_country"]),
            )
            for name, admin1, lat, lon in rows:
                out.append(Place(name, iso, names.get(iso, iso), admin1, lat, lon))
    return out


@dataclass
class _Rows:
    articles: list[dict[str, Any]]
    events: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    links: list[dict[str, Any]]
    places: list[dict[str, Any]]
    merged: list[dict[str, Any]]
    reports: list[dict[str, Any]]

    @classmethod
    def empty(cls) -> _Rows:
        return cls([], [], [], [], [], [], [], [])


def _report(
    rng: random.Random,
    index: int,
    n: int,
    seed: int,
    where: Place,
    day: date,
    kind: dict,
    actor1: tuple[str, int],
    actor2: tuple[str, int],
    fatalities: int,
    rows: _Rows,
) -> Report:
    """One article reporting merged event ``index`` (report ``n``), written into ``rows``."""
    data = _templates()
    speaker, role = rng.choice(data["speakers"])
    outlet = data["outlets"][(index * 7 + n * 5) % len(data["outlets"])]
    slots = {
        "actor1": f"{actor1[0]} of {where.country}",
        "actor2": actor2[0].lower(),
        "verb": kind["verb"],
        "noun": kind["noun"],
        "place": where.name,
        "admin1": where.admin1 or where.country,
        "country": where.country,
        "weekday": f"{day:%A}",
        "fatalities": fatalities,
        "speaker": speaker,
        "speaker_role": role,
    }
    lead = rng.choice(data["leads"]).format(**slots)
    lead = lead[0].upper() + lead[1:]
    bodies = rng.sample(data["bodies"], 3)
    text = " ".join([lead, *(b.format(**slots) for b in bodies)]) + "\n"
    published = day + timedelta(days=rng.randint(0, 2))
    # Sequential ids (not content hashes, as ingest gives) keep the bulk inserts in order.
    article_id = f"gen{seed}-{index:08d}-{n}"
    row_id = f"{article_id}/e1"
    event = {
        "event_id": "e1",
        "event_date": day.isoformat(),
        "date_end": None,
        "time_precision": 1,
        "disorder_type": kind["disorder_type"],
        "event_type": kind["event_type"],
        "sub_event_type": kind["sub_event_type"],
        "plover": {"event_type": kind["plover"], "mode": None, "context": None},
        "actor1": f"{actor1[0]} of {where.country}",
        "assoc_actor_1": None,
        "inter1": actor1[1],
        "actor2": f"{actor2[0]} ({where.country})",
        "assoc_actor_2": None,
        "inter2": actor2[1],
        "interaction": actor1[1] * 10 + actor2[1],
        "civilian_targeting": actor2[1] == 7,
        "iso": where.iso,
        "country": where.country,
        "admin1": where.admin1,
        "admin2": None,
        "location": where.name,
        "latitude": round(where.latitude + rng.uniform(-0.01, 0.01), 5),
        "longitude": round(where.longitude + rng.uniform(-0.01, 0.01), 5),
        "geo_precision": 1,
        "fatalities": fatalities,
        "fatalities_text": f"{fatalities} people" if fatalities else None,
        "injured": None,
        "tags": [],
        "notes": lead,
        "reported_by": [outlet],
        "confidence": round(rng.uniform(0.5, 0.95), 2),
    }
    rows.articles.append(
        {
            "id": article_id,
            "url": f"https://store.frontwire.invalid/{seed}/{index}/{n}",
            "title": f"{kind['noun'].capitalize()} in {where.name}",
            "published": published,
            "source": outlet,
            "language": "en",
            "text": text,
            "ingested_at": datetime(2025, 1, 1, tzinfo=UTC).replace(tzinfo=None),
        }
    )
    rows.events.append(
        {"id": row_id, "article_id": article_id, "position": 0, "extra": {}, **event}
    )
    evidence = {"start": 0, "end": len(lead), "text": lead}
    rows.evidence.append({"event_row_id": row_id, "position": 0, **evidence})
    quoted = next((b for b in bodies if speaker in b.format(**slots)), None)
    sentence = quoted.format(**slots) if quoted else lead
    start = text.index(sentence)
    claim = {
        "id": f"{article_id}/c1",
        "article_id": article_id,
        "position": 0,
        "claim_id": "c1",
        "text": sentence,
        "start": start,
        "end": start + len(sentence),
        "kind": "direct" if sentence.startswith('"') else "indirect",
        "speaker": speaker if quoted else None,
        "speaker_role": role,
        "organization": None,
        "channel": None,
        "date": day.isoformat(),
        "speaker_start": None,
        "speaker_end": None,
        "extra": {},
    }
    rows.claims.append(claim)
    rows.links.append(
        {"claim_row_id": claim["id"], "event_id": "e1", "event_row_id": row_id, "position": 0}
    )
    at = text.index(where.name)
    rows.places.append(
        {
            "article_id": article_id,
            "position": 0,
            "mention": where.name,
            "start": at,
            "end": at + len(where.name),
            "name": where.name,
            "feature": "city",
            "iso": where.iso,
            "latitude": where.latitude,
            "longitude": where.longitude,
            "country": where.country,
            "admin1": where.admin1,
            "role": "location",
            "extra": {},
        }
    )
    contract_claim = {
        k: v for k, v in claim.items() if k not in {"id", "article_id", "position", "claim_id"}
    }
    contract_claim.update(id="c1", events=["e1"])
    return Report(
        key=row_id,
        article_id=article_id,
        event={**event, "evidence": [evidence]},
        source=outlet,
        published=published,
        title=rows.articles[-1]["title"],
        claims=[contract_claim],
        lead=lead,
    )


def _merged_event(
    rng: random.Random, index: int, seed: int, pool: list[Place], rows: _Rows
) -> None:
    data = _templates()
    kinds = data["kinds"]
    kind = rng.choices(kinds, weights=[k["weight"] for k in kinds])[0]
    where = rng.choice(pool)
    day = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
    actor1, actor2 = rng.sample([tuple(a) for a in data["actors"]], 2)
    toll = 0 if kind["plover"] != "ASSAULT" else int(rng.expovariate(0.25))
    count = rng.choices([1, 2, 3], weights=[60, 30, 10])[0]
    reports = [
        _report(
            rng,
            index,
            n,
            seed,
            where,
            day,
            kind,
            actor1,
            actor2,
            max(0, toll + (rng.choice([0, 0, 1, -1]) if n else 0)),
            rows,
        )
        for n in range(count)
    ]
    reasons = {
        i: (f"generated by frontwire bench --api as one event with {reports[0].key}", 1.0)
        for i in range(1, count)
    }
    row, parts = merged_values(_build(list(range(count)), reports, reasons))
    rows.merged.append(row)
    rows.reports.extend(parts)


def _flush(session: Session, rows: _Rows) -> None:
    for table, values in (
        (ArticleRow.__table__, rows.articles),
        (EventRow.__table__, rows.events),
        (EvidenceRow.__table__, rows.evidence),
        (ClaimRow.__table__, rows.claims),
        (ClaimEventLink.__table__, rows.links),
        (PlaceRow.__table__, rows.places),
    ):
        if values:
            session.execute(insert(table), values)
    if rows.merged:
        session.execute(insert(MergedEventRow.__table__), rows.merged)
        session.execute(insert(MergedReportRow.__table__), rows.reports)


def reused(session: Session, n: int, seed: int) -> bool:
    """Whether the store holds just what ``generate_store(n, seed)`` writes (no article
    ingested since), so a bench can run on it again without generating it anew."""
    if session.get(ArticleRow, f"gen{seed}-{0:08d}-0") is None:
        return False
    articles = session.scalar(select(func.count()).select_from(ArticleRow))
    generated = session.scalar(
        select(func.count()).select_from(ArticleRow).where(ArticleRow.id.like(f"gen{seed}-%"))
    )
    merged = session.scalar(select(func.count()).select_from(MergedEventRow))
    return articles == generated and merged == n


def generate_store(
    session: Session,
    n: int,
    seed: int = 20241203,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Write ``n`` merged events (and everything under them) into an empty store."""
    if session.scalar(select(func.count()).select_from(ArticleRow)):
        raise ValueError("the store is not empty: bench --api generates into an empty store")
    rng = random.Random(seed)
    pool = places()
    sqlite = session.get_bind().dialect.name == "sqlite"
    if sqlite:
        # A page cache that holds the growing indexes: bulk inserts stay in memory.
        session.connection().exec_driver_sql("PRAGMA cache_size=-262144")
        deferred = _drop_indexes_and_triggers(session)
    else:
        deferred = _drop_pg_indexes(session)
    rows = _Rows.empty()
    totals = {"merged_events": 0, "articles": 0}
    try:
        for index in range(n):
            _merged_event(rng, index, seed, pool, rows)
            if len(rows.merged) >= BATCH * 5 or index == n - 1:
                totals["merged_events"] += len(rows.merged)
                totals["articles"] += len(rows.articles)
                _flush(session, rows)
                session.commit()
                rows = _Rows.empty()
                if progress:
                    progress(totals["merged_events"])
    finally:
        session.rollback()
        if sqlite:
            _restore(session, deferred)
        else:
            for statement in deferred:
                session.connection().exec_driver_sql(statement)
            session.commit()
        # SQLite's rollup triggers were dropped with the others: fill the rollups once.
        rollup.rebuild(session.connection())
        session.commit()
        # What was written is linked already: the next link need not look for work.
        session.connection().exec_driver_sql(
            "UPDATE store_version SET events_added = 0, events_removed = 0 WHERE id = 1"
        )
        session.commit()
    return totals


def _drop_pg_indexes(session: Session) -> list[str]:
    """Drop the filled tables' secondary indexes (PostgreSQL; not those of primary keys
    or constraints), returning their definitions: the full-text GIN indexes above all
    cost far more grown row by row than built once."""
    connection = session.connection()
    found = connection.exec_driver_sql(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = ANY(%(tables)s) AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace)",
        {"tables": list(_FILLED)},
    ).all()
    for name, _definition in found:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    session.commit()
    return [definition for _name, definition in found]


#: Tables the generator fills, whose secondary indexes and triggers wait until the end.
_FILLED = (
    "articles",
    "events",
    "event_evidence",
    "claims",
    "claim_events",
    "places",
    "merged_events",
    "merged_event_reports",
)


def _drop_indexes_and_triggers(session: Session) -> list[str]:
    """Drop the filled tables' secondary indexes and triggers (SQLite), returning the SQL
    that recreates them: building an index once over sorted rows beats growing it row by
    row, and the full-text and version triggers would fire once per inserted row."""
    connection = session.connection()
    marks = ", ".join("?" * len(_FILLED))
    found = connection.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        f"AND sql IS NOT NULL AND tbl_name IN ({marks})",
        _FILLED,
    ).all()
    for kind, name, _sql in found:
        connection.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
    session.commit()
    # Indexes first, then triggers (a trigger never depends on an index, but keep order).
    return [sql for kind, _n, sql in found if kind == "index"] + [
        sql for kind, _n, sql in found if kind == "trigger"
    ]


def _restore(session: Session, statements: list[str]) -> None:
    """Recreate what ``_drop_indexes_and_triggers`` dropped, fill the full-text tables
    the triggers would have filled, bump the store version once, and ANALYZE."""
    connection = session.connection()
    for statement in statements:
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    connection.exec_driver_sql("DELETE FROM merged_events_fts")
    connection.exec_driver_sql(
        f"INSERT INTO merged_events_fts(rowid, body) SELECT rowid, {_EVENT_FTS_BODY} "
        "FROM merged_events"
    )
    connection.exec_driver_sql("UPDATE store_version SET version = version + 1 WHERE id = 1")
    session.commit()
    connection = session.connection()
    connection.exec_driver_sql("ANALYZE")
    session.commit()


#: The text migration 0002's triggers index for a merged event (kept identical).
_EVENT_FTS_BODY = (
    "coalesce(location, '') || ' ' || coalesce(country, '') || ' ' || "
    "coalesce(admin1, '') || ' ' || coalesce(sub_event_type, '') || ' ' || "
    "coalesce(actors, '') || ' ' || coalesce(json_extract(data, '$.notes'), '')"
)
