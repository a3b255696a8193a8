"""Whether two reports can describe the same event, and how alike they are.

Blocking rules are hard limits (event type, date window, distance); similarity of
actors and words then ranks the candidates that pass. Every decision is returned as
words so a merged event can say why it absorbed each report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from frontwire.extract.times import DEFAULT_DATE_TAG
from frontwire.geo import haversine_km
from frontwire.link.reports import Report
from frontwire.ontology.tables import load_table


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
    #: province holding a town), the outlets coded different event types, or a date is
    #: only the publication date the extractor fell back to.
    min_score_weak: float = 0.45
    #: Date part of the score when a date is only that fallback: agreeing with it says
    #: little, since every report of the day gets the same one.
    default_date_score: float = 0.3
    #: Added to the score when both reports give a death toll and the tolls agree within
    #: ``toll_tolerance`` (a share of the larger): outlets differ on tolls, but two
    #: matching ones are what a reader checks first. A missing toll costs nothing.
    toll_bonus: float = 0.05
    toll_tolerance: float = 0.2
    #: Two day-precision dates a day apart are the canonical near miss (a town shelled
    #: on consecutive days): such a pair links only if something ties it beyond place
    #: and actors: agreeing tolls or at least this text similarity. Night-time reports
    #: compare nights, so "late on Thursday" and "early on Friday" are not a day apart.
    min_text_day_apart: float = 0.3
    #: Weights of the similarity parts (date, place, actors, text).
    weights: tuple[float, float, float, float] = (0.25, 0.25, 0.2, 0.3)


@dataclass
class PairVerdict:
    """``compatible``: may be linked. ``blocked``: a hard rule (type, date, place) failed,
    so the two may never sit in one merged event, however they are reached."""

    compatible: bool
    score: float
    reasons: list[str]
    blocked: bool = False


_NON_WORD = re.compile(r"[^a-z0-9]+")
_PARENTHESES = re.compile(r"\([^)]*\)")


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


@lru_cache(maxsize=1)
def _tables() -> dict:
    return load_table("linking.json", required=("actor_equivalents",))


@lru_cache(maxsize=1)
def actor_equivalents() -> dict[str, str]:
    """Names compared as one actor (``ontology/linking.json`` says why)."""
    table = _tables()["actor_equivalents"]
    return {k: v for k, v in table.items() if not k.startswith("_")}


@lru_cache(maxsize=2)
def _night_pattern(side: str) -> re.Pattern[str]:
    words = sorted(_tables()["night_words"][side], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def night_of(report: Report) -> tuple[date, str] | None:
    """The evening that starts the night of the event, and the words that say so.

    Only for a date read from the text to the day, and only from the headline and
    the evidence: "rescuers searched late into the night" in a later paragraph says
    nothing of when the strike was.
    """
    day = _date(report.event.get("event_date"))
    if day is None or not dated_to_the_day(report):
        return None
    spans = [report.title or ""]
    spans.extend(ev.get("text", "") for ev in report.event.get("evidence") or [])
    text = " \n ".join(spans)
    if found := _night_pattern("evening").search(text):
        return day, found.group(0).lower()
    if found := _night_pattern("morning").search(text):
        return day - timedelta(days=1), found.group(0).lower()
    return None


def day_gap(a: Report, b: Report, da: date, db: date) -> tuple[int, str]:
    """Days between two events, counting a night as one time: with the words behind it.

    Two night-time reports compare their nights; a night-time report and a daytime one
    are a day apart only when the day is neither the night's evening nor its morning.
    """
    na, nb = night_of(a), night_of(b)
    if na and nb:
        gap = abs((na[0] - nb[0]).days)
        return gap, f"nights of {na[0]} ({na[1]!r}) and {nb[0]} ({nb[1]!r})"
    one = na or nb
    if one:
        (night, words), day = one, (db if na else da)
        gap = min(abs((day - night).days), abs((day - night - timedelta(days=1)).days))
        return gap, f"{day} and the night of {night} ({words!r})"
    return abs((da - db).days), f"dates {da} and {db}"


def actor_set(report: Report) -> set[str]:
    """The report's actor names, normalised and mapped through the equivalents table."""
    names = set()
    for key in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
        value = report.event.get(key)
        if value:
            for part in str(value).split(";"):
                if part.strip():
                    name = normalise_actor(part)
                    names.add(actor_equivalents().get(name, name))
    return names


def date_is_default(report: Report) -> bool:
    """Whether the event date is the publication date the extractor fell back to."""
    return DEFAULT_DATE_TAG in (report.event.get("tags") or [])


def dated_to_the_day(report: Report) -> bool:
    """Whether the text itself gives the event's day (not a week, a month or the fallback)."""
    return not date_is_default(report) and (report.event.get("time_precision") or 1) <= 1


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


def passes_hard_rules(a: Report, b: Report, cfg: LinkConfig) -> bool:
    """Whether type, date and place allow the two reports in one merged event at all.

    These rules never look at the wording, so the reports that can reach each other
    through them form groups that merging may treat one at a time.
    """
    if a.article_id == b.article_id:
        return False
    scratch: list[str] = []
    return (
        _kind_part(a, b, scratch) is not None
        and _date_part(a, b, cfg, scratch) is not None
        and _place_part(a, b, cfg, scratch) is not None
    )


def compare(
    a: Report, b: Report, text_similarity: float | Callable[[], float], cfg: LinkConfig
) -> PairVerdict:
    """Apply the blocking rules, then score; the reasons explain either outcome.

    ``text_similarity`` may be a callable so that it is only computed for pairs that
    pass the blocking rules (most pairs in a large corpus do not).
    """
    if a.article_id == b.article_id:
        return PairVerdict(
            False, 0.0, ["same article: distinct events by construction"], blocked=True
        )
    reasons: list[str] = []
    kind_score = _kind_part(a, b, reasons)
    if kind_score is None:
        return PairVerdict(False, 0.0, reasons, blocked=True)

    date_score = _date_part(a, b, cfg, reasons)
    if date_score is None:
        return PairVerdict(False, 0.0, reasons, blocked=True)
    place_score = _place_part(a, b, cfg, reasons)
    if place_score is None:
        return PairVerdict(False, 0.0, reasons, blocked=True)

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
    toll = _toll_part(a, b, cfg, reasons)
    score += toll
    weak = place_score <= 0.3 or kind_score < 1.0 or date_is_default(a) or date_is_default(b)
    threshold = cfg.min_score_weak if weak else cfg.min_score
    if (
        score >= threshold
        and _day_apart(a, b)
        and not toll
        and text_similarity < cfg.min_text_day_apart
    ):
        reasons.append("a day apart with nothing but place and actors in common")
        return PairVerdict(False, score, reasons)
    return PairVerdict(score >= threshold, score, reasons)


def _day_apart(a: Report, b: Report) -> bool:
    """Both dated to the day from the text, and those days (or nights) are consecutive."""
    if not (dated_to_the_day(a) and dated_to_the_day(b)):
        return False
    da, db = _date(a.event.get("event_date")), _date(b.event.get("event_date"))
    return da is not None and db is not None and day_gap(a, b, da, db)[0] == 1


def _toll_part(a: Report, b: Report, cfg: LinkConfig, reasons: list[str]) -> float:
    """The toll bonus when both reports count deaths and the counts agree."""
    ta, tb = a.event.get("fatalities") or 0, b.event.get("fatalities") or 0
    if ta <= 0 or tb <= 0 or abs(ta - tb) > cfg.toll_tolerance * max(ta, tb):
        return 0.0
    reasons.append(f"death tolls agree ({ta} and {tb})")
    return cfg.toll_bonus


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
    gap, what = (
        day_gap(a, b, da, db) if not vague else (abs((da - db).days), f"dates {da} and {db}")
    )
    if gap > window:
        reasons.append(f"{what} are {gap} days apart (limit {window})")
        return None
    reasons.append(f"{what}: {gap} days apart")
    score = (1.0 - gap / (window + 1)) ** 2
    if date_is_default(a) or date_is_default(b):
        reasons.append("one date is only the publication date")
        return min(score, cfg.default_date_score)
    return score


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
    """Whether ``outer`` is only a country or province that holds ``inner``'s place.

    By name ("Balochistan" is the admin1 of Quetta), or for a province-level report
    (geo_precision 3) by the admin1 both carry: gazetteers spell provinces differently
    ("North Kivu" / "Nord Kivu"), their codes agree.
    """
    name = normalise_actor(outer.get("location") or "")
    if not name or (outer.get("geo_precision") or 1) < 2 or not inner.get("location"):
        return None
    for level in ("country", "admin1"):
        value = inner.get(level)
        if value and normalise_actor(value) == name:
            return f"{inner['location']} lies in {outer['location']} ({level})"
    region = outer.get("admin1")
    if (
        (outer.get("geo_precision") or 1) >= 3
        and region
        and region == inner.get("admin1")
        and outer.get("iso") == inner.get("iso")
    ):
        return f"{inner['location']} lies in {outer['location']} (province {region})"
    return None
