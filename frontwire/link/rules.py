"""Whether two reports can describe the same event, and how alike they are.

Blocking rules are hard limits (event type, date window, distance); similarity of
actors and words then ranks the candidates that pass. Every decision is returned as
words so a merged event can say why it absorbed each report.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from frontwire.link.reports import Report


@dataclass(frozen=True)
class LinkConfig:
    """Thresholds for merging; defaults measured on tests/data/merge."""

    #: Days two exact (day-precision) dates may differ: reports written the next day
    #: sometimes resolve "yesterday" against a later dateline.
    date_window_days: int = 1
    #: Extra days allowed when either date is only known to the week or month.
    vague_date_window_days: int = 7
    #: Kilometres between two points still taken as the same place.
    max_distance_km: float = 30.0
    #: Kilometres allowed when either place is only a district or province (geo_precision 2-3).
    vague_distance_km: float = 60.0
    #: Minimum combined similarity for two reports that pass the blocking rules.
    min_score: float = 0.35
    #: Minimum when the evidence is weaker: the places only overlap by containment (a
    #: province holding a town) or the outlets coded different event types.
    min_score_weak: float = 0.45
    #: Weights of the similarity parts (date, place, actors, text).
    weights: tuple[float, float, float, float] = (0.25, 0.25, 0.2, 0.3)


@dataclass
class PairVerdict:
    compatible: bool
    score: float
    reasons: list[str]


_NON_WORD = re.compile(r"[^a-z0-9]+")
_PARENTHESES = re.compile(r"\([^)]*\)")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    radius = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def normalise_actor(name: str) -> str:
    """Compare actor names without their qualifiers: "Civilians (Sudan)" ~ "Civilians".

    The qualifiers (years of a government, the country of an unidentified group) are
    where extractors disagree most, and place and date already separate countries.
    """
    return _NON_WORD.sub(" ", _PARENTHESES.sub("", name.lower())).strip()


#: ACLED names a crowd after the event type it coded ("Protesters" in a protest,
#: "Rioters" in a riot); outlets that code one march differently still name one crowd.
_CROWD_NAMES = {"protesters": "crowd", "rioters": "crowd"}


def actor_set(report: Report) -> set[str]:
    names = set()
    for key in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
        value = report.event.get(key)
        if value:
            for part in str(value).split(";"):
                if part.strip():
                    name = normalise_actor(part)
                    names.add(_CROWD_NAMES.get(name, name))
    return names


def event_kind(report: Report) -> str | None:
    """ACLED event type when coded, else the PLOVER type."""
    event = report.event
    if event.get("event_type"):
        return f"acled:{event['event_type']}"
    plover = event.get("plover") or {}
    return f"plover:{plover['event_type']}" if plover.get("event_type") else None


def _disorder(report: Report) -> set[str]:
    value = report.event.get("disorder_type") or ""
    return {part.strip() for part in value.split(";") if part.strip()}


def block_keys(report: Report) -> set[str]:
    """Buckets a report can only match within: its disorder types, else its PLOVER type.

    Mirrors :func:`_kind_part`, so comparing only within buckets loses no candidate.
    """
    event = report.event
    if event.get("event_type"):
        return {f"disorder:{d}" for d in _disorder(report)} or {f"acled:{event['event_type']}"}
    kind = event_kind(report)
    return {kind} if kind else set()


def _kind_part(a: Report, b: Report, reasons: list[str]) -> float | None:
    """Same type scores 1; different ACLED types of one disorder type score 0.75.

    Outlets code one event differently (a prison raid as a battle or as an attack on
    civilians; a march as a protest or a riot), so the type blocks only across
    disorder types: political violence never merges with a demonstration or a
    strategic development.
    """
    kind_a, kind_b = event_kind(a), event_kind(b)
    if kind_a is not None and kind_a == kind_b:
        reasons.append(f"same event type {kind_a.split(':', 1)[1]!r}")
        return 1.0
    shared = _disorder(a) & _disorder(b)
    if kind_a and kind_b and kind_a.startswith("acled:") and kind_b.startswith("acled:") and shared:
        reasons.append(
            f"event types {kind_a[6:]!r} and {kind_b[6:]!r} both {' / '.join(sorted(shared))}"
        )
        return 0.75
    reasons.append(f"event types differ ({kind_a} vs {kind_b})")
    return None


def compare(
    a: Report, b: Report, text_similarity: float | Callable[[], float], cfg: LinkConfig
) -> PairVerdict:
    """Apply the blocking rules, then score; the reasons explain either outcome.

    ``text_similarity`` may be a callable so that it is only computed for pairs that
    pass the blocking rules (most pairs in a large corpus do not).
    """
    if a.article_id == b.article_id:
        return PairVerdict(False, 0.0, ["same article: distinct events by construction"])
    reasons: list[str] = []
    kind_score = _kind_part(a, b, reasons)
    if kind_score is None:
        return PairVerdict(False, 0.0, reasons)

    date_score = _date_part(a, b, cfg, reasons)
    if date_score is None:
        return PairVerdict(False, 0.0, reasons)
    place_score = _place_part(a, b, cfg, reasons)
    if place_score is None:
        return PairVerdict(False, 0.0, reasons)

    actors_a, actors_b = actor_set(a), actor_set(b)
    if actors_a and actors_b:
        shared = actors_a & actors_b
        actor_score = len(shared) / len(actors_a | actors_b)
        reasons.append(f"actors shared {len(shared)}/{len(actors_a | actors_b)}")
    else:
        actor_score = 0.5
        reasons.append("actors not known on both sides")
    if callable(text_similarity):
        text_similarity = text_similarity()
    reasons.append(f"text similarity {text_similarity:.2f}")

    w_date, w_place, w_actor, w_text = cfg.weights
    score = kind_score * (
        w_date * date_score
        + w_place * place_score
        + w_actor * actor_score
        + w_text * text_similarity
    )
    weak = place_score <= 0.3 or kind_score < 1.0
    threshold = cfg.min_score_weak if weak else cfg.min_score
    return PairVerdict(score >= threshold, score, reasons)


def _date_part(a: Report, b: Report, cfg: LinkConfig, reasons: list[str]) -> float | None:
    da, db = _date(a.event.get("event_date")), _date(b.event.get("event_date"))
    if da is None or db is None:
        pa, pb = a.published, b.published
        if pa and pb and abs((pa - pb).days) > cfg.vague_date_window_days:
            reasons.append(f"no event date and published {abs((pa - pb).days)} days apart")
            return None
        reasons.append("event date unknown on one side")
        return 0.3
    vague = max(a.event.get("time_precision") or 1, b.event.get("time_precision") or 1) > 1
    window = cfg.vague_date_window_days if vague else cfg.date_window_days
    gap = abs((da - db).days)
    if gap > window:
        reasons.append(f"dates {da} and {db} are {gap} days apart (limit {window})")
        return None
    reasons.append(f"dates {da} and {db}: {gap} days apart")
    return (1.0 - gap / (window + 1)) ** 2


def _place_part(a: Report, b: Report, cfg: LinkConfig, reasons: list[str]) -> float | None:
    """Near enough by distance; else one place holds the other; else the same name."""
    ea, eb = a.event, b.event
    inside = _contained(ea, eb) or _contained(eb, ea)
    coords = (ea.get("latitude"), ea.get("longitude"), eb.get("latitude"), eb.get("longitude"))
    if all(c is not None for c in coords):
        km = haversine_km(*coords)  # type: ignore[arg-type]
        vague = max(ea.get("geo_precision") or 1, eb.get("geo_precision") or 1) > 1
        limit = cfg.vague_distance_km if vague else cfg.max_distance_km
        if km <= limit:
            reasons.append(f"{ea.get('location')} / {eb.get('location')}: {km:.1f} km apart")
            return 1.0 - km / (limit + 1)
        if not inside:
            reasons.append(
                f"{ea.get('location')} and {eb.get('location')} are {km:.0f} km apart "
                f"(limit {limit:.0f})"
            )
            return None
    if inside:
        reasons.append(inside)
        return 0.3
    la, lb = ea.get("location"), eb.get("location")
    if la and lb:
        if normalise_actor(la) != normalise_actor(lb):
            reasons.append(f"places differ ({la} vs {lb}) and are not both geocoded")
            return None
        reasons.append(f"same place name {la!r}")
        return 0.8
    if la or lb:
        reasons.append(f"place known on one side only ({la or lb})")
        return None
    ca, cb = ea.get("country"), eb.get("country")
    if ca and cb and ca != cb:
        reasons.append(f"countries differ ({ca} vs {cb})")
        return None
    reasons.append("place unknown on both sides")
    return 0.3


def _contained(outer: dict, inner: dict) -> str | None:
    """Whether ``outer`` is only a country or province that holds ``inner``'s place."""
    name = normalise_actor(outer.get("location") or "")
    if not name or (outer.get("geo_precision") or 1) < 2:
        return None
    for level in ("country", "admin1"):
        value = inner.get(level)
        if value and normalise_actor(value) == name and inner.get("location"):
            return f"{inner['location']} lies in {outer['location']} ({level})"
    return None
