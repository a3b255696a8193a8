"""The situation report: a brief of one period, made from the store, that opens offline.

``scope`` fixes the period and filters, ``queries`` reads the figures from the store,
``figures`` turns them into the report's sections (every number with the events behind it),
``svg_map`` and ``svg_timeline`` draw the pictures, ``render`` writes HTML or Markdown from
the templates, ``pdf`` prints the HTML through Chromium, and ``route`` serves ``/report``.
"""

from __future__ import annotations

from frontwire.report.figures import Report, build_report
from frontwire.report.render import ReportFormat, render_report
from frontwire.report.scope import ReportScope, resolve_scope

__all__ = [
    "Report",
    "ReportFormat",
    "ReportScope",
    "build_report",
    "render_report",
    "resolve_scope",
]
