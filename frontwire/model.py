"""The records that flow through frontwire, one dataclass per kind of fact.

Every extracted record carries character offsets (``start``/``end``) into the
article text, so each field can be checked against the words that support it.
``to_dict`` gives the JSON shape of the output contract (see DESIGN.md and
``frontwire/schema/contract.schema.json``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """A span of the article text that supports a field."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Evidence:
        return cls(start=start, end=end, text=text[start:end])


@dataclass
class Article:
    """One news article as read by an ingest reader."""

    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    id: str = ""
    #: What the cleaner removed or inserted, in the raw text's offsets (ingest/clean.py).
    cleaning: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text, self.url)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "language": self.language,
            "cleaning": self.cleaning,
        }


def content_id(text: str, url: str | None = None) -> str:
    """A stable id: the same text (and URL) always gives the same id, so ingestion is idempotent."""
    digest = hashlib.sha256()
    digest.update((url or "").encode("utf-8"))
    digest.update(b"\0")
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()[:16]


@dataclass
class TimeExpr:
    """A time expression resolved against the publication date.

    ``value`` is ISO (YYYY-MM-DD, YYYY-MM or YYYY) or None when unresolvable;
    ``precision`` is one of day, week, month, year, range, duration, unknown.
    """

    mention: str
    start: int
    end: int
    value: str | None
    precision: str
    end_value: str | None = None
    future: bool = False


@dataclass
class Place:
    """A toponym resolved to a gazetteer entry."""

    mention: str
    start: int
    end: int
    name: str
    feature: str  # city | admin1 | admin2 | country | region
    iso: str | None
    latitude: float | None
    longitude: float | None
    geonameid: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    radius_km: float | None = None
    role: str = "location"  # location | metonym (a capital standing for a state)


@dataclass
class Actor:
    """A mention of an actor with its ACLED-style name and inter code."""

    mention: str
    start: int
    end: int
    name: str
    inter: int | None
    iso: str | None = None
    kind: str | None = None  # state, rebel, militia, civilians, organisation, person …


@dataclass
class Claim:
    """A quote or reported statement, with who made it, how and when."""

    id: str
    text: str
    start: int
    end: int
    kind: str  # direct | partial | indirect
    speaker: str | None
    speaker_role: str | None = None
    organization: str | None = None
    channel: str | None = None
    date: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    events: list[str] = field(default_factory=list)


@dataclass
class Event:
    """One real-world event in ACLED and PLOVER terms, with its evidence."""

    event_id: str
    event_date: str | None
    time_precision: int
    disorder_type: str | None
    event_type: str | None
    sub_event_type: str | None
    plover: dict[str, str | None]
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: bool = False
    iso: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    date_end: str | None = None
    fatalities: int = 0
    fatalities_text: str | None = None
    injured: int | None = None
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    reported_by: list[str] = field(default_factory=list)
    confidence: float = 0.5
    evidence: list[Evidence] = field(default_factory=list)
    #: Reported as context (weeks or years before publication), not as news.
    background: bool = False


@dataclass
class Extraction:
    """Everything frontwire found in one article: the output contract's object."""

    article: Article
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "events": [dataclasses.asdict(e) for e in self.events],
            "claims": [dataclasses.asdict(c) for c in self.claims],
            "places": [dataclasses.asdict(p) for p in self.places],
            "times": [dataclasses.asdict(t) for t in self.times],
            "actors": [dataclasses.asdict(a) for a in self.actors],
        }
