"""The report's output formats and reading targets (light: the CLI imports it at start)."""

from __future__ import annotations

from enum import StrEnum


class ReportFormat(StrEnum):
    html = "html"
    md = "md"
    pdf = "pdf"


class Target(StrEnum):
    """Where the HTML will be read: a standalone file, the web app, or a printed PDF."""

    file = "file"
    web = "web"
    print = "print"
