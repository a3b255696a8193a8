"""Reading stored rows back into the output contract's dict shape."""

from __future__ import annotations

from typing import Any

from frontwire.store.models import ArticleRow, Base, ClaimRow, EventRow

_ROW_ONLY = {"article_id", "position", "extra", "claim_id"}


def _plain(row: Base, rename: dict[str, str] | None = None) -> dict[str, Any]:
    """Columns of a row (minus storage-only ones) merged with its ``extra`` fields."""
    out: dict[str, Any] = {}
    for column in row.__table__.columns:
        if column.key in _ROW_ONLY or column.key == "id":
            continue
        out[column.key] = getattr(row, column.key)
    out.update(getattr(row, "extra", None) or {})
    for old, new in (rename or {}).items():
        out[new] = out.pop(old)
    return out


def event_dict(row: EventRow) -> dict[str, Any]:
    out = _plain(row)
    out["evidence"] = [{"start": e.start, "end": e.end, "text": e.text} for e in row.evidence]
    return out


def claim_dict(row: ClaimRow) -> dict[str, Any]:
    out = _plain(row)
    out["id"] = row.claim_id
    out["events"] = [link.event_id for link in row.event_links]
    return out


def article_dict(row: ArticleRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "published": row.published.isoformat() if row.published else None,
        "source": row.source,
        "url": row.url,
        "language": row.language,
        "cleaning": row.cleaning or [],
    }


def extraction_dict(row: ArticleRow) -> dict[str, Any]:
    """The contract object of one stored article, as ``Extraction.to_dict()`` gave it."""
    return {
        "article": article_dict(row),
        "events": [event_dict(e) for e in row.events],
        "claims": [claim_dict(c) for c in row.claims],
        "places": [_plain(p) for p in row.places],
        "times": [_plain(t) for t in row.times],
        "actors": [_plain(a) for a in row.actors],
    }
