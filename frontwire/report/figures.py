"""The report's sections as data: every number with the ids of the events behind it.

``build_report`` reads the period, the previous period of equal length and the quiet
weeks before it (``queries``), and computes each section. Figures are numbered in the
order they are made (F1, F2, ...), so the renderers can link or point every number to its
events, and the same store always gives the same report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from frontwire.report import queries
from frontwire.report.evidence import evidence_sentence
from frontwire.report.queries import ClaimLine, EventLine, ReportLine
from frontwire.report.scope import ReportScope, resolve_scope
from frontwire.report.svg_timeline import Bucket, bucket_events

#: PLOVER types whose actor1 -> actor2 edges make "who accused whom".
ACCUSATION_TYPES = ("ACCUSE", "THREATEN", "DEMAND")
TOP_EVENTS = 8
TOP_SPEAKERS = 8
MAX_LISTED = 15
#: Rows of the by-type and by-region tables before the rest are summed as one.
MAX_ROWS = 12
#: Longest quote shown for a speaker; longer ones are cut at a word.
MAX_QUOTE = 300
NO_TYPE = "No ACLED type"


@dataclass(frozen=True)
class Figure:
    """A number of the report, its reference (F1...) and the events it counts or sums."""

    ref: str
    label: str
    value: int
    ids: tuple[str, ...]


class FigureBook:
    """Hands out figure references in order of creation."""

    def __init__(self) -> None:
        self.items: list[Figure] = []

    def add(self, label: str, value: int, ids: Iterable[str]) -> Figure:
        figure = Figure(f"F{len(self.items) + 1}", label, value, tuple(ids))
        self.items.append(figure)
        return figure

    def count(self, label: str, events: Sequence[EventLine]) -> Figure:
        return self.add(label, len(events), (e.id for e in events))

    def killed(self, label: str, events: Sequence[EventLine]) -> Figure:
        dead = [e for e in events if e.fatalities]
        return self.add(label, sum(e.fatalities for e in dead), (e.id for e in dead))


def change(current: int, previous: int) -> str:
    """The change from the previous period in words: "+3 (+25%)", "−2", "no change"."""
    delta = current - previous
    if delta == 0:
        return "no change"
    sign = "+" if delta > 0 else "−"
    text = f"{sign}{abs(delta):,}"
    if previous:
        text += f" ({sign}{abs(delta) * 100 / previous:.0f}%)"
    return text


@dataclass
class GroupRow:
    """One event type or region: this period, the previous one and the change."""

    name: str
    events: Figure
    fatalities: Figure
    previous_events: Figure
    previous_fatalities: Figure

    @property
    def change(self) -> str:
        return change(self.events.value, self.previous_events.value)


@dataclass
class TopEvent:
    event: EventLine
    sentence: str
    sentence_source: str | None


@dataclass
class NewPlace:
    location: str
    region: str
    events: Figure
    fatalities: Figure


@dataclass
class Contest:
    """One merged event whose sources disagree on the toll or on who did it."""

    event: EventLine
    tolls: list[tuple[int, list[str]]]
    perpetrators: list[tuple[str, list[str]]]


@dataclass
class Accusation:
    accuser: str
    kind: str
    target: str
    events: Figure


@dataclass
class Speaker:
    name: str
    organization: str | None
    claims: Figure
    articles: int
    quote: str
    quote_source: str | None
    quote_date: str | None


@dataclass
class Report:
    scope: ReportScope
    previous: ReportScope
    events: list[EventLine]
    previous_events: list[EventLine]
    book: FigureBook
    total_events: Figure
    total_fatalities: Figure
    previous_total_events: Figure
    previous_total_fatalities: Figure
    articles: Figure
    by_type: list[GroupRow]
    by_region: list[GroupRow]
    region_kind: str
    interval: str
    buckets: list[tuple[Bucket, Figure | None]]
    unlocated: Figure
    top_fatal: list[TopEvent]
    top_sourced: list[TopEvent]
    new_places: list[NewPlace]
    new_places_total: Figure
    contested: list[Contest]
    contested_total: Figure
    accusations: list[Accusation]
    speakers: list[Speaker]

    @property
    def empty(self) -> bool:
        return not self.events

    @property
    def events_change(self) -> str:
        return change(self.total_events.value, self.previous_total_events.value)

    @property
    def fatalities_change(self) -> str:
        return change(self.total_fatalities.value, self.previous_total_fatalities.value)

    @property
    def period_ids(self) -> set[str]:
        return {e.id for e in self.events}


def _grouped(
    book: FigureBook,
    what: str,
    current: Sequence[EventLine],
    previous: Sequence[EventLine],
    key: Callable[[EventLine], str],
) -> list[GroupRow]:
    """One row per group, busiest first; past ``MAX_ROWS`` the rest share one "other" row."""
    now: dict[str, list[EventLine]] = defaultdict(list)
    before: dict[str, list[EventLine]] = defaultdict(list)
    for event in current:
        now[key(event)].append(event)
    for event in previous:
        before[key(event)].append(event)
    names = sorted(set(now) | set(before), key=lambda n: (-len(now[n]), -len(before[n]), n))
    if len(names) > MAX_ROWS:
        rest = names[MAX_ROWS - 1 :]
        other = f"{len(rest)} other {what}s"
        now[other] = [e for n in rest for e in now[n]]
        before[other] = [e for n in rest for e in before[n]]
        names = [*names[: MAX_ROWS - 1], other]
    return [
        GroupRow(
            name,
            book.count(f"{what} {name}: events this period", now[name]),
            book.killed(f"{what} {name}: fatalities this period", now[name]),
            book.count(f"{what} {name}: events the previous period", before[name]),
            book.killed(f"{what} {name}: fatalities the previous period", before[name]),
        )
        for name in names
    ]


def _region_key(events: Sequence[EventLine]) -> tuple[str, Callable[[EventLine], str]]:
    """Countries when the report spans several, else the admin-1 regions of the one."""
    if len({e.country for e in events}) > 1:
        return "country", lambda e: e.country or "country unknown"
    return "region", lambda e: e.admin1 or "region unknown"


def _place_key(event: EventLine) -> tuple[str, str, str]:
    return ((event.country or "").lower(), (event.admin1 or "").lower(), event.location.lower())  # type: ignore[union-attr]


def _new_places(
    book: FigureBook, events: Sequence[EventLine], quiet: set[tuple[str, str, str]]
) -> tuple[list[NewPlace], Figure]:
    fresh: dict[tuple[str, str, str], list[EventLine]] = defaultdict(list)
    for event in events:
        if event.location and _place_key(event) not in quiet:
            fresh[_place_key(event)].append(event)
    ordered = sorted(
        fresh.values(),
        key=lambda es: (-len(es), -sum(e.fatalities for e in es), es[0].location or ""),
    )
    total = book.add(
        "places with events this period and none in the four weeks before",
        len(ordered),
        (e.id for es in ordered for e in es),
    )
    out = []
    for es in ordered[:MAX_LISTED]:
        first = es[0]
        region = ", ".join(x for x in (first.admin1, first.country) if x)
        out.append(
            NewPlace(
                first.location or "",
                region,
                book.count(f"events at {first.location} this period", es),
                book.killed(f"fatalities at {first.location} this period", es),
            )
        )
    return out, total


def _outlet(report: ReportLine) -> str:
    return report.source or f"article {report.article_id}"


def _contested(
    book: FigureBook, events: Sequence[EventLine], reports: Sequence[ReportLine]
) -> tuple[list[Contest], Figure]:
    by_event: dict[str, list[ReportLine]] = defaultdict(list)
    for report in reports:
        by_event[report.merged_id].append(report)
    found = []
    for event in events:
        tolls = [
            (int(item["value"]), list(item.get("sources") or []))
            for item in (event.data.get("contested") or {}).get("fatalities") or []
        ]
        actors: dict[str, set[str]] = defaultdict(set)
        for report in by_event.get(event.id, []):
            if report.actor1:
                actors[report.actor1].add(_outlet(report))
        perpetrators = sorted(
            ((name, sorted(outlets)) for name, outlets in actors.items()),
            key=lambda item: (-len(item[1]), item[0]),
        )
        if len(tolls) > 1 or len(perpetrators) > 1:
            found.append(
                Contest(
                    event,
                    tolls if len(tolls) > 1 else [],
                    perpetrators if len(perpetrators) > 1 else [],
                )
            )
    found.sort(key=lambda c: (-c.event.fatalities, -c.event.source_count, c.event.id))
    total = book.add(
        "events whose sources disagree on the toll or the perpetrator",
        len(found),
        (c.event.id for c in found),
    )
    return found[:MAX_LISTED], total


def _accusations(book: FigureBook, events: Sequence[EventLine]) -> list[Accusation]:
    edges: dict[tuple[str, str, str], list[EventLine]] = defaultdict(list)
    for event in events:
        kind = (event.plover or "").upper()
        if kind in ACCUSATION_TYPES:
            accuser = event.data.get("actor1") or "(not named)"
            target = event.data.get("actor2") or "(not named)"
            edges[(accuser, kind, target)].append(event)
    ordered = sorted(edges.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [
        Accusation(a, k, t, book.count(f"{a} {k} {t}", es))
        for (a, k, t), es in ordered[:MAX_LISTED]
    ]


def _quote(claims: Sequence[ClaimLine]) -> ClaimLine:
    """A speaker's most telling quote: a direct one if any, the longest that fits."""
    direct = [c for c in claims if c.kind == "direct"] or list(claims)
    fitting = [c for c in direct if len(c.text) <= MAX_QUOTE] or direct
    return max(fitting, key=lambda c: (len(c.text), c.article_id, -c.position))


def _cut(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_QUOTE:
        return text
    return text[:MAX_QUOTE].rsplit(" ", 1)[0] + " …"


def _speakers(
    book: FigureBook,
    claims: Sequence[ClaimLine],
    reports: Sequence[ReportLine],
    published: dict[str, str | None],
) -> list[Speaker]:
    events_of: dict[str, set[str]] = defaultdict(set)
    for report in reports:
        events_of[report.article_id].add(report.merged_id)
    grouped: dict[tuple[str, str | None], list[ClaimLine]] = defaultdict(list)
    for claim in claims:
        grouped[(claim.speaker, claim.organization)].append(claim)
    ordered = sorted(
        grouped.items(),
        key=lambda kv: (-len(kv[1]), -len({c.article_id for c in kv[1]}), kv[0][0], kv[0][1] or ""),
    )
    out = []
    for (name, organization), said in ordered[:TOP_SPEAKERS]:
        ids = sorted({m for c in said for m in events_of[c.article_id]})
        quote = _quote(said)
        out.append(
            Speaker(
                name,
                organization,
                book.add(f"claims by {name}", len(said), ids),
                len({c.article_id for c in said}),
                _cut(quote.text),
                quote.source or f"article {quote.article_id}",
                quote.date or published.get(quote.article_id),
            )
        )
    return out


def _top(ranked: Sequence[EventLine], texts: dict[str, str]) -> list[TopEvent]:
    """The first events of a ranking, each with its sentence of evidence."""
    out = []
    for event in ranked[:TOP_EVENTS]:
        sentence, source = evidence_sentence(event.data, texts)
        out.append(TopEvent(event, sentence, source))
    return out


def build_report(
    session: Session,
    since: date | None = None,
    until: date | None = None,
    country: str | None = None,
    admin1: str | None = None,
) -> Report:
    """Everything the report shows, read from the store in a handful of bounded queries."""
    latest = queries.latest_event_date(session, country, admin1) if until is None else None
    scope = resolve_scope(since, until, country, admin1, latest)
    previous = scope.previous()
    events = queries.period_events(session, scope)
    before = queries.period_events(session, previous)
    book = FigureBook()
    total_events = book.count("events this period", events)
    total_fatalities = book.killed("fatalities this period", events)
    previous_total_events = book.count("events the previous period", before)
    previous_total_fatalities = book.killed("fatalities the previous period", before)
    reports = queries.period_reports(session, scope) if events else []
    article_ids = sorted({r.article_id for r in reports})
    articles = book.add(
        "source articles of this period's events",
        len(article_ids),
        sorted({r.merged_id for r in reports}),
    )
    by_type = _grouped(book, "type", events, before, lambda e: e.event_type or NO_TYPE)
    region_kind, region_key = _region_key([*events, *before])
    by_region = _grouped(book, region_kind, events, before, region_key)
    interval, buckets = bucket_events(events, scope.since, scope.until)
    bucket_figures = [
        (b, book.add(f"events of {b.label}", len(b.ids), b.ids) if b.ids else None) for b in buckets
    ]
    unlocated = book.count(
        "events without coordinates (not on the map)",
        [e for e in events if e.latitude is None or e.longitude is None],
    )
    top_fatal_events = [e for e in events if e.fatalities > 0]
    top_sourced_events = [e for e in events if e.source_count > 1] or list(events)
    by_fatal = sorted(
        top_fatal_events, key=lambda e: (-e.fatalities, -e.source_count, e.event_date, e.id)
    )
    by_sources = sorted(
        top_sourced_events, key=lambda e: (-e.source_count, -e.fatalities, e.event_date, e.id)
    )
    wanted = {
        span.get("article_id")
        for e in [*by_fatal[:TOP_EVENTS], *by_sources[:TOP_EVENTS]]
        for span in e.data.get("evidence") or []
    }
    texts = queries.article_texts(session, (a for a in wanted if a))
    quiet = queries.place_keys(session, scope.quiet_window()) if events else set()
    new_places, new_total = _new_places(book, events, quiet)
    contested, contested_total = _contested(book, events, reports)
    accusations = _accusations(book, events)
    claims = queries.period_claims(session, scope, article_ids)
    published = queries.article_dates(session, {c.article_id for c in claims})
    speakers = _speakers(book, claims, reports, published)
    return Report(
        scope=scope,
        previous=previous,
        events=events,
        previous_events=before,
        book=book,
        total_events=total_events,
        total_fatalities=total_fatalities,
        previous_total_events=previous_total_events,
        previous_total_fatalities=previous_total_fatalities,
        articles=articles,
        by_type=by_type,
        by_region=by_region,
        region_kind=region_kind,
        interval=interval,
        buckets=bucket_figures,
        unlocated=unlocated,
        top_fatal=_top(by_fatal, texts),
        top_sourced=_top(by_sources, texts),
        new_places=new_places,
        new_places_total=new_total,
        contested=contested,
        contested_total=contested_total,
        accusations=accusations,
        speakers=speakers,
    )
