"""``GET /report``: the situation report served by the web app, linked to its event pages.

The same report as ``frontwire report``: ``format=html`` (default) is the page, ``md``
the Markdown text, ``pdf`` the PDF printed through Chromium. Bad dates are a 400. The
handler is synchronous, so FastAPI runs it (and Chromium) in its thread pool.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from frontwire.report.figures import build_report
from frontwire.report.formats import ReportFormat, Target
from frontwire.report.pdf import html_to_pdf
from frontwire.report.render import render_report
from frontwire.web.api import DB

router = APIRouter(include_in_schema=False)


@router.get("/report")
def report_page(
    request: Request,
    db: DB,
    since: Annotated[date | None, Query(description="First day, YYYY-MM-DD.")] = None,
    until: Annotated[date | None, Query(description="Last day, YYYY-MM-DD.")] = None,
    country: Annotated[str | None, Query(description="Country name or ISO code.")] = None,
    admin1: Annotated[str | None, Query(description="Admin-1 region.")] = None,
    format: Annotated[ReportFormat, Query(description="html, md or pdf.")] = ReportFormat.html,
) -> Response:
    brief = build_report(db, since, until, country, admin1)
    if format is ReportFormat.md:
        return PlainTextResponse(
            render_report(brief, ReportFormat.md), media_type="text/markdown; charset=utf-8"
        )
    if format is ReportFormat.pdf:
        html = render_report(brief, ReportFormat.html, Target.print)
        pdf = html_to_pdf(html)
        name = f"frontwire-report-{brief.scope.since}-{brief.scope.until}.pdf"
        return Response(
            pdf,
            media_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{name}"'},
        )
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "format"])
    return HTMLResponse(render_report(brief, ReportFormat.html, Target.web, query))
