"""Rebuilding the merged events of a store from its per-article event rows.

Merged events are derived data: after each ingest the whole set is recomputed and
replaced in one transaction, so the result never depends on the order articles came in.
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from frontwire.link import LinkConfig, MergedEvent, Report, merge_reports
from frontwire.link.reports import article_lead
from frontwire.store.contract import claim_dict, event_dict
from frontwire.store.models import (
    ArticleRow,
    ClaimRow,
    EventRow,
    MergedEventRow,
    MergedReportRow,
)


def load_reports(session: Session) -> list[Report]:
    """Every stored event as a Report, with its article's outlet, date and claims."""
    articles = session.scalars(
        select(ArticleRow).options(
            selectinload(ArticleRow.events).selectinload(EventRow.evidence),
            selectinload(ArticleRow.claims).selectinload(ClaimRow.event_links),
        )
    )
    reports = []
    for article in articles:
        claims = [claim_dict(c) for c in article.claims]
        lead = article_lead(article.text)
        for event in article.events:
            reports.append(
                Report(
                    key=event.id,
                    article_id=article.id,
                    event=event_dict(event),
                    source=article.source,
                    published=article.published,
                    title=article.title,
                    claims=[c for c in claims if event.event_id in c["events"]],
                    lead=lead,
                )
            )
    return reports


def relink(session: Session, cfg: LinkConfig | None = None) -> list[MergedEvent]:
    """Recompute and replace all merged events; the caller commits."""
    merged = merge_reports(load_reports(session), cfg)
    session.execute(delete(MergedReportRow))
    session.execute(delete(MergedEventRow))
    for item in merged:
        event = item.event
        row = MergedEventRow(
            id=item.id,
            event_date=event.get("event_date"),
            date_end=event.get("date_end"),
            time_precision=event.get("time_precision") or 1,
            event_type=event.get("event_type"),
            sub_event_type=event.get("sub_event_type"),
            country=event.get("country"),
            location=event.get("location"),
            latitude=event.get("latitude"),
            longitude=event.get("longitude"),
            fatalities=event.get("fatalities") or 0,
            source_count=item.source_count,
            data=item.to_dict(),
        )
        row.reports = [
            MergedReportRow(
                event_row_id=report.key,
                position=n,
                reason=item.reasons[report.key],
                score=item.scores[report.key],
            )
            for n, report in enumerate(item.reports)
        ]
        session.add(row)
    session.flush()
    return merged
