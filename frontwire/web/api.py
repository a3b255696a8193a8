"""The REST API under /api: events (filters, paging, sorting, GeoJSON, aggregates),
articles, claims and speakers, and extraction of posted text.

Every bad parameter is a 400 whose ``error`` names the parameter and what to send.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from frontwire import config
from frontwire.store import counts, link_pending, save_extraction
from frontwire.web import queries
from frontwire.web.extracting import extract, make_article
from frontwire.web.queries import BBox, EventQuery

router = APIRouter(prefix="/api", tags=["api"])


class JSON(Response):
    """JSON written straight from the query's dicts: no per-field re-encoding pass."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode(
            "utf-8"
        )


MAX_PAGE = 1000
MAX_FEATURES = 10_000


def session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as s:
        yield s


DB = Annotated[Session, Depends(session)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip (for paging).")]


def event_query(
    start: Annotated[date | None, Query(description="Earliest event date, YYYY-MM-DD.")] = None,
    end: Annotated[date | None, Query(description="Latest event date, YYYY-MM-DD.")] = None,
    country: Annotated[
        str | None, Query(max_length=100, description="Country name or ISO code.")
    ] = None,
    admin1: Annotated[str | None, Query(max_length=200, description="Admin-1 region.")] = None,
    event_type: Annotated[
        list[str], Query(description="ACLED event type; repeat for several.")
    ] = [],  # noqa: B006  (FastAPI reads list defaults as query declarations)
    sub_event_type: Annotated[
        list[str], Query(description="ACLED sub-event type; repeat for several.")
    ] = [],  # noqa: B006
    plover: Annotated[
        str | None, Query(max_length=40, description="PLOVER event type, e.g. ASSAULT.")
    ] = None,
    actor: Annotated[
        str | None, Query(max_length=200, description="Words in actor 1 or 2 (or associates).")
    ] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, description="At least this many.")] = None,
    min_sources: Annotated[int | None, Query(ge=1, description="Reported by at least N.")] = None,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Words in the location, notes, actors or articles."),
    ] = None,
    bbox: Annotated[
        str | None, Query(description="west,south,east,north in degrees, e.g. 22,44,41,53.")
    ] = None,
    article_id: Annotated[
        str | None, Query(max_length=64, description="Only events reported by this article.")
    ] = None,
    include_background: Annotated[
        bool, Query(description="Also events reported as context (weeks or years old).")
    ] = False,
) -> EventQuery:
    return EventQuery(
        start=start,
        end=end,
        country=country or None,
        admin1=admin1 or None,
        event_type=tuple(t for t in event_type if t),
        sub_event_type=tuple(t for t in sub_event_type if t),
        plover=plover or None,
        actor=actor or None,
        min_fatalities=min_fatalities,
        min_sources=min_sources,
        q=q or None,
        bbox=BBox.parse(bbox) if bbox else None,
        article_id=article_id or None,
        include_background=include_background,
    )


Filters = Annotated[EventQuery, Depends(event_query)]


@router.get("/events")
def events(
    db: DB,
    flt: Filters,
    sort: Annotated[
        str, Query(description=f"One of {', '.join(queries.SORT_KEYS)}; prefix - to reverse.")
    ] = "-event_date",
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """Merged events (one per real-world event) matching the filters, one page at a time."""
    return JSON(queries.list_events(db, flt, sort=sort, limit=limit, offset=offset))


@router.get("/events.geojson")
def events_geojson(
    db: DB,
    flt: Filters,
    limit: Annotated[
        int, Query(ge=1, le=MAX_FEATURES, description="Features per page (newest first).")
    ] = 1000,
    offset: Offset = 0,
) -> Response:
    """One page of the filtered events that have coordinates, as a GeoJSON FeatureCollection.

    ``total`` and ``next_offset`` (null on the last page) say how to fetch the rest.
    """
    return JSON(queries.events_geojson(db, flt, limit, offset))


@router.get("/clusters")
def clusters(
    db: DB,
    flt: Filters,
    zoom: Annotated[int, Query(ge=0, le=18, description="The map's zoom level.")] = 2,
) -> Response:
    """The map's view: the filtered events (``bbox`` = the view) as grid clusters for this
    zoom, plus single events as points; a few hundred events come back as points only."""
    return JSON(queries.clusters(db, flt, zoom))


@router.get("/events/{event_id}")
def event(db: DB, event_id: str) -> Response:
    """One merged event: every field, its sources with their evidence spans, and claims."""
    found = queries.event_detail(db, event_id)
    if found is None:
        raise HTTPException(404, f"event {event_id!r} not found")
    record, sources = found
    record["sources_detail"] = [
        {
            "article": s.article,
            "reason": s.report["reason"],
            "score": s.report["score"],
            "event": s.event,
            "evidence": s.event.get("evidence", []),
            "claims": [c for c in s.claims if s.event["event_id"] in c.get("events", [])],
        }
        for s in sources
    ]
    return JSON(record)


@router.get("/aggregates")
def aggregates(
    db: DB,
    flt: Filters,
    interval: Annotated[str, Query(description="auto, day, week (from Monday) or month.")] = "auto",
    by: Annotated[
        str, Query(description=f"Group by one of {', '.join(queries.GROUPS)}.")
    ] = "event_type",
) -> Response:
    """Events and fatalities per period and group (type, region...), for the timeline."""
    return JSON(queries.aggregates(db, flt, interval, by))


@router.get("/facets")
def facets(db: DB) -> Response:
    """The values present in the store (types, countries, regions) with their counts."""
    return JSON(queries.facets(db))


@router.get("/articles")
def articles(
    db: DB,
    start: Annotated[date | None, Query(description="Published on or after.")] = None,
    end: Annotated[date | None, Query(description="Published on or before.")] = None,
    source: Annotated[str | None, Query(max_length=200, description="Outlet name.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in title or text.")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """Stored articles, newest first."""
    return JSON(queries.list_articles(db, start, end, source, q, limit, offset))


@router.get("/articles/{article_id}")
def article(db: DB, article_id: str) -> Response:
    """One article's output contract, its text, and the merged event of each event."""
    found = queries.article_detail(db, article_id)
    if found is None:
        raise HTTPException(404, f"article {article_id!r} not found")
    return JSON(found)


@router.get("/claims")
def claims(
    db: DB,
    speaker: Annotated[
        str | None, Query(max_length=200, description="Words in the speaker.")
    ] = None,
    organization: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the claim.")] = None,
    article_id: Annotated[str | None, Query(max_length=64)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """Claims (quotes and reported statements) by speaker, organisation or words."""
    return JSON(queries.list_claims(db, speaker, organization, q, article_id, limit, offset))


@router.get("/speakers")
def speakers(db: DB, limit: Limit = 100, offset: Offset = 0) -> Response:
    """Who is quoted, most often first."""
    return JSON(queries.list_speakers(db, limit, offset))


class ArticleIn(BaseModel):
    """An article to extract: its text and what the pipeline should know about it."""

    text: str = Field(min_length=1, max_length=config.MAX_ARTICLE_CHARS)
    published: date | None = Field(
        None, description="Publication date: relative dates ('yesterday') resolve against it."
    )
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=200)
    url: str | None = Field(None, max_length=2000)
    language: str = Field("en", max_length=16)


def _article(body: ArticleIn) -> Any:
    return make_article(body.text, body.published, body.title, body.source, body.url, body.language)


@router.post("/extract")
def extract_text(body: ArticleIn) -> dict[str, Any]:
    """Run the pipeline on posted text and return the output contract (nothing is stored)."""
    return extract(_article(body)).to_dict()


@router.post("/articles", status_code=201)
def add_article(request: Request, db: DB, body: ArticleIn) -> dict[str, Any]:
    """Extract and store an article, then link its events (only with ``serve --writable``)."""
    if not request.app.state.writable:
        raise HTTPException(
            403, "this server is read-only: start it with `frontwire serve --writable`"
        )
    extraction = extract(_article(body))
    result = save_extraction(db, extraction)
    link_pending(db)
    db.commit()
    return {"result": result, **extraction.to_dict()}


@router.get("/status")
def status(request: Request, db: DB) -> dict[str, Any]:
    """Counts and mode of this server."""
    return {"writable": request.app.state.writable, "counts": counts(db)}
