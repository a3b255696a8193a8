"""Writing a report as HTML (a file or the web page), Markdown or print-ready HTML.

The text comes from the Jinja2 templates in ``templates/``; HTML is autoescaped as the
dashboard's pages are, and Markdown passes every store string through :func:`md_escape`,
so article text can never become markup. Links: a file links each event to its own row
in the file (``#ev-ID``); the web page links to the dashboard's ``/events/ID``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from frontwire import __version__
from frontwire.report.colors import color_for
from frontwire.report.figures import Report
from frontwire.report.formats import ReportFormat, Target
from frontwire.report.outlines import countries
from frontwire.report.svg_map import map_svg
from frontwire.report.svg_timeline import timeline_svg

TEMPLATES = Path(__file__).with_name("templates")


def day(value: date | str | None) -> str:
    """ "3 March 2022" (no leading zero, English month, the same on every machine)."""
    if value is None:
        return "—"
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


def period(since: date, until: date) -> str:
    """ "1–28 February 2022", "28 February – 6 March 2022", or one day."""
    if since == until:
        return day(since)
    if (since.year, since.month) == (until.year, until.month):
        return f"{since.day}–{day(until)}"
    if since.year == until.year:
        return f"{since.day} {_MONTHS[since.month - 1]} – {day(until)}"
    return f"{day(since)} – {day(until)}"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|>~])")


def md_escape(value: Any) -> str:
    """Text safe in Markdown: no markup, no raw HTML, no line breaks that end a table row."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["day"] = day
    env.filters["md"] = md_escape
    env.filters["color"] = color_for
    env.filters["num"] = lambda n: f"{n:,}"
    # "+3 (+25%)" inside a parenthesis reads "+3, +25%".
    env.filters["inline"] = lambda change: change.replace(" (", ", ").rstrip(")")
    env.globals["period"] = period
    env.globals["version"] = __version__
    return env


_ENV = _environment()


def render_report(
    report: Report, fmt: ReportFormat, target: Target = Target.file, query: str = ""
) -> str:
    """The report as HTML or Markdown text (PDF is printed from ``Target.print`` HTML).

    ``query`` is the web page's query string, for its links to the other formats.
    """
    in_period = report.period_ids

    def event_href(event_id: str) -> str:
        if target is Target.web:
            return f"/events/{event_id}"
        return f"#ev-{event_id}"

    context: dict[str, Any] = {
        "r": report,
        "target": target.value,
        "event_href": event_href,
        "in_period": in_period,
        "figures": [f for f in report.book.items if f.ids],
        "query": query,
    }
    if fmt is ReportFormat.md:
        return _ENV.get_template("report.md").render(context)
    figure_of = {id(b): f for b, f in report.buckets}
    context["map_svg"] = Markup(map_svg(report.events, event_href))
    context["outlines_missing"] = not countries()
    context["timeline_svg"] = Markup(
        timeline_svg(
            [b for b, _ in report.buckets],
            lambda b: f"#{figure_of[id(b)].ref}" if figure_of.get(id(b)) else None,
        )
    )
    context["types_shown"] = sorted({e.event_type or "No ACLED type" for e in report.events})
    return _ENV.get_template("report.html").render(context)
