"""`frontwire report`: a situation report of one period, as HTML, Markdown or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from frontwire.cli_corpus import (
    DbOption,
    SinceOption,
    UntilOption,
    _date_option,
    _fail,
    _open_existing,
)
from frontwire.errors import FrontwireError, InputError
from frontwire.report.formats import ReportFormat, Target


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to the frontwire CLI."""

    @app.command()
    def report(
        out: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
        db: DbOption = None,
        since: SinceOption = None,
        until: UntilOption = None,
        country: Annotated[str | None, typer.Option(help="Country name or ISO code.")] = None,
        admin1: Annotated[str | None, typer.Option(help="Admin-1 region (oblast, state).")] = None,
        output_format: Annotated[
            ReportFormat, typer.Option("--format", "-f", help="html, md or pdf.")
        ] = ReportFormat.html,
    ) -> None:
        """Write a brief of one period: figures, map, timeline, top events, what is new and
        contested, who accused whom and who was quoted. Default: the last 7 days with events."""
        from frontwire.report.figures import build_report
        from frontwire.report.pdf import html_to_pdf
        from frontwire.report.render import render_report

        try:
            with _open_existing(db)() as session:
                brief = build_report(
                    session,
                    since=_date_option(since, "--since"),
                    until=_date_option(until, "--until"),
                    country=country,
                    admin1=admin1,
                )
            if output_format is ReportFormat.pdf:
                data = html_to_pdf(render_report(brief, ReportFormat.html, Target.print))
            else:
                data = render_report(brief, output_format).encode("utf-8")
            try:
                out.write_bytes(data)
            except OSError as exc:
                raise InputError(str(out), f"cannot write ({exc.strerror})") from None
        except FrontwireError as exc:
            raise _fail(exc) from None
        typer.echo(
            f"{output_format.value} report of {brief.scope.since}..{brief.scope.until} "
            f"({brief.scope.where()}): {brief.total_events.value} events, "
            f"{brief.total_fatalities.value} fatalities; written to {out}",
            err=True,
        )
