"""The unit of merging: one event as one article reports it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass
class Report:
    """An event from one article, with what merging needs to know about the article.

    ``key`` is unique across the corpus (the store uses ``article_id/event_id``).
    ``event`` is the contract's event dict; ``claims`` the contract dicts of the
    claims in the article that report it.
    """

    key: str
    article_id: str
    event: dict[str, Any]
    source: str | None = None
    published: date | None = None
    title: str | None = None
    claims: list[dict[str, Any]] = field(default_factory=list)
    #: The article's opening sentences: wire stories put who, what, where and when there.
    lead: str = ""

    @property
    def outlet(self) -> str:
        return self.source or self.article_id

    def text(self) -> str:
        """Words that describe the event: headline, evidence spans, notes, location, actors."""
        parts = [self.title or "", self.lead]
        parts.extend(ev.get("text", "") for ev in self.event.get("evidence", []))
        for name in ("notes", "location", "actor1", "actor2", "sub_event_type"):
            value = self.event.get(name)
            if value:
                parts.append(str(value))
        return " ".join(parts)


def article_lead(text: str, limit: int = 400) -> str:
    """The first sentences of an article, up to about ``limit`` characters."""
    head = text.strip()[: limit + 200]
    cut = head.rfind(". ", 0, limit)
    return head[: cut + 1] if cut > 0 else head[:limit]


def reports_from_extraction(
    extraction_dict: dict[str, Any], text: str | None = None
) -> list[Report]:
    """Reports for every event of one contract object (``Extraction.to_dict()``).

    ``text`` is the article text (the contract carries only evidence spans of it).
    """
    article = extraction_dict["article"]
    lead = article_lead(text) if text else ""
    published = date.fromisoformat(article["published"]) if article.get("published") else None
    reports = []
    for event in extraction_dict.get("events", []):
        event_id = event["event_id"]
        claims = [c for c in extraction_dict.get("claims", []) if event_id in c.get("events", [])]
        reports.append(
            Report(
                key=f"{article['id']}/{event_id}",
                article_id=article["id"],
                event=event,
                source=article.get("source"),
                published=published,
                title=article.get("title"),
                claims=claims,
                lead=lead,
            )
        )
    return reports
