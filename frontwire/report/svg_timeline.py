"""The report's timeline: events per day (week, month for long periods) as stacked bars.

Every period of the report has its bar, empty or not, so quiet days show as gaps. Bars are
stacked by ACLED event type in the dashboard's colours; each links to the events behind it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape

from frontwire.report.colors import color_for
from frontwire.report.queries import EventLine

WIDTH = 760
HEIGHT = 220
LEFT, RIGHT, TOP, BOTTOM = 36, 10, 12, 40


@dataclass
class Bucket:
    """One bar: its first day, its label, and the events in it."""

    start: date
    label: str
    ids: list[str] = field(default_factory=list)
    by_type: Counter[str] = field(default_factory=Counter)
    fatalities: int = 0


def interval_for(days: int) -> str:
    """Days for up to three months, weeks up to two years, months beyond (as the dashboard)."""
    return "day" if days <= 92 else "week" if days <= 730 else "month"


def _start_of(day: date, interval: str) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def _next(day: date, interval: str) -> date:
    if interval == "day":
        return day + timedelta(days=1)
    if interval == "week":
        return day + timedelta(days=7)
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def bucket_events(
    events: Sequence[EventLine], since: date, until: date
) -> tuple[str, list[Bucket]]:
    """The interval and every bucket from ``since`` to ``until``, filled with the events."""
    interval = interval_for((until - since).days + 1)
    buckets: dict[date, Bucket] = {}
    current = _start_of(since, interval)
    while current <= until:
        label = current.isoformat()[:7] if interval == "month" else current.isoformat()
        buckets[current] = Bucket(current, label)
        current = _next(current, interval)
    for event in events:
        try:
            day = date.fromisoformat(event.event_date[:10])
        except ValueError:
            continue
        bucket = buckets.get(_start_of(day, interval))
        if bucket is None:
            continue
        bucket.ids.append(event.id)
        bucket.by_type[event.event_type or "No ACLED type"] += 1
        bucket.fatalities += event.fatalities
    return interval, list(buckets.values())


def _ticks(top: int) -> list[int]:
    """Round values (steps of 1, 2, 5 times a power of ten) from 0 to at least ``top``."""
    step, scale = 1, 1
    while math.ceil(top / step) > 4:
        for factor in (1, 2, 5, 10):
            step = factor * scale
            if math.ceil(top / step) <= 4:
                break
        scale *= 10
    return list(range(0, step * math.ceil(top / step) + 1, step))


def _short(label: str) -> str:
    """A day's label without its year (MM-DD); weeks and months as they are."""
    return label[5:] if len(label) == 10 else label


def timeline_svg(buckets: Sequence[Bucket], href: Callable[[Bucket], str | None]) -> str:
    """The stacked bar chart as SVG text; ``href`` gives the link for a bar (None: none)."""
    if not buckets:
        return ""
    ticks = _ticks(max(1, max(len(b.ids) for b in buckets)))
    top = ticks[-1]
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / len(buckets)
    bar = max(1.0, slot * 0.8)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="Events per period">'
    ]
    for tick in ticks:
        y = TOP + plot_h - plot_h * tick / top
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e1e4e8"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="#566573">{tick}</text>'
        )
    order = sorted({t for b in buckets for t in b.by_type})
    for index, bucket in enumerate(buckets):
        x = LEFT + index * slot + (slot - bar) / 2
        y = TOP + plot_h
        parts = []
        for event_type in order:
            count = bucket.by_type.get(event_type, 0)
            if not count:
                continue
            h = plot_h * count / top
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{color_for(None if event_type == "No ACLED type" else event_type)}">'
                f"<title>{escape(bucket.label)}: {count} × {escape(event_type)}</title></rect>"
            )
        link = href(bucket)
        if parts and link:
            out.append(f'<a href="{escape(link)}">' + "".join(parts) + "</a>")
        else:
            out.extend(parts)
    # Date labels: about eight, evenly spread, always the first and the last.
    every = max(1, round(len(buckets) / 8))
    shown = set(range(0, len(buckets), every)) | {len(buckets) - 1}
    for index in sorted(shown):
        if index != len(buckets) - 1 and len(buckets) - 1 - index < every / 2:
            continue
        x = LEFT + index * slot + slot / 2
        out.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" text-anchor="middle" '
            f'fill="#566573">{escape(_short(buckets[index].label))}</text>'
        )
    out.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" '
        'stroke="#8c8c80"/></svg>'
    )
    return "".join(out)
