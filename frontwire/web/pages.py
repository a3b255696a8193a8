"""The dashboard's server-rendered pages: overview, event, article, and paste-an-article.

Pages hold no inline script (the CSP forbids it); the dashboard's map, timeline and table
are drawn by /static/dashboard.js from the API. Article text is shown through
``highlight.runs`` and escaped by Jinja2, so markup in an article is shown, never run.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from frontwire import config
from frontwire.errors import FrontwireError
from frontwire.ingest.text import parse_date
from frontwire.web import queries
from frontwire.web.api import DB
from frontwire.web.assets import missing_assets
from frontwire.web.extracting import extract, make_article
from frontwire.web.geo import iso3
from frontwire.web.highlight import article_marks, runs
from frontwire.web.templating import templates

router = APIRouter(include_in_schema=False)

#: Event fields shown first on an event page, in ACLED's order; the rest follow.
FIELD_ORDER = (
    "event_date", "date_end", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "plover", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "country",
    "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "fatalities", "fatalities_text", "injured", "tags", "notes", "reported_by",
    "confidence", "source_count", "sources",
)  # fmt: skip
#: Parts of a record that the page shows in their own sections, not as fields.
SECTIONS = {"evidence", "claims", "reports", "contested", "articles", "event_id", "id"}


def fields(record: dict[str, Any]) -> list[tuple[str, Any]]:
    """(name, value) of every field of an event, known fields first."""
    names = [n for n in FIELD_ORDER if n in record]
    names += sorted(n for n in record if n not in SECTIONS and n not in FIELD_ORDER)
    return [(n, record[n]) for n in names]


def article_view(
    text: str,
    events: list[dict[str, Any]],
    claims: list[dict[str, Any]],
    focus: set[str] | None = None,
) -> dict[str, Any]:
    """What the article partial needs: marked runs and the claims in reading order."""
    return {
        "runs": runs(text, article_marks(events, claims, focus)),
        "claims": sorted(claims, key=lambda c: c.get("start", 0)),
    }


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "dashboard.html",
        {"missing": missing_assets(), "writable": request.app.state.writable},
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, db: DB, event_id: str) -> HTMLResponse:
    found = queries.event_detail(db, event_id)
    if found is None:
        raise HTTPException(404, f"event {event_id!r} not found")
    record, sources = found
    views = []
    for source in sources:
        linked = [c for c in source.claims if source.event["event_id"] in c.get("events", [])]
        views.append(
            {
                "source": source,
                "fields": fields(source.event),
                "linked_claims": linked,
                "view": article_view(
                    source.text, [source.event], source.claims, {source.event["event_id"]}
                ),
            }
        )
    return templates.TemplateResponse(
        request,
        "event.html",
        {
            "event": record,
            "fields": fields(record),
            "sources": views,
            "iso3": iso3(record.get("iso") or record.get("country")),
        },
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, db: DB, article_id: str) -> HTMLResponse:
    found = queries.article_detail(db, article_id)
    if found is None:
        raise HTTPException(404, f"article {article_id!r} not found")
    return templates.TemplateResponse(
        request,
        "article.html",
        {
            "result": found,
            "events": [(e, fields(e)) for e in found["events"]],
            "view": article_view(found["text"], found["events"], found["claims"]),
            "stored": True,
        },
    )


@router.get("/paste", response_class=HTMLResponse)
def paste_form(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "paste.html", {"form": {}, "result": None, "error": None}
    )


@router.post("/paste", response_class=HTMLResponse)
async def paste_submit(request: Request) -> HTMLResponse:
    """Extract a pasted article (form post) and show it as the article page does."""
    raw = (await request.body()).decode("utf-8", errors="replace")
    form = {k: v[0] for k, v in parse_qs(raw, keep_blank_values=True).items()}
    context: dict[str, Any] = {"form": form, "result": None, "error": None}
    try:
        text = form.get("text", "")
        if len(text) > config.MAX_ARTICLE_CHARS:
            raise FrontwireError(
                f"the article is {len(text):,} characters, over the limit of "
                f"{config.MAX_ARTICLE_CHARS:,}"
            )
        published: date | None = None
        if form.get("published", "").strip():
            published = parse_date(form["published"], "published")
        article = make_article(text, published, form.get("title"), form.get("source"))
    except FrontwireError as exc:
        context["error"] = str(exc)
        return templates.TemplateResponse(request, "paste.html", context, status_code=400)
    result = (await run_in_threadpool(extract, article)).to_dict()
    result["text"] = article.text
    context.update(
        result=result,
        events=[(e, fields(e)) for e in result["events"]],
        view=article_view(article.text, result["events"], result["claims"]),
        stored=False,
    )
    return templates.TemplateResponse(request, "paste.html", context)
