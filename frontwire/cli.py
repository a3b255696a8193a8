"""`frontwire ...` commands. Each verb is a thin shell over one module.

User errors (FrontwireError) print one line naming the input and the problem and exit 2.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from frontwire.errors import FrontwireError, InputError
from frontwire.ingest.text import parse_date, read_text_file
from frontwire.model import Article, Extraction

app = typer.Typer(
    help="frontwire: conflict news in, checkable event data out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def fail(message: str) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code=2)


def _published_option(value: str | None) -> date | None:
    return parse_date(value, "--published") if value else None


def events_table(extractions: list[Extraction]) -> Table:
    """One row per event: what a reader wants to see first."""
    table = Table(title="Events", show_lines=False, expand=True)
    for column in (
        "date",
        "type / sub-event",
        "PLOVER",
        "actor 1",
        "actor 2",
        "where",
        "killed",
        "source",
    ):
        table.add_column(column, overflow="fold")
    for extraction in extractions:
        for event in extraction.events:
            where = ", ".join(x for x in (event.location, event.admin1, event.iso) if x)
            table.add_row(
                event.event_date or "?",
                " / ".join(x for x in (event.event_type, event.sub_event_type) if x) or "-",
                event.plover.get("event_type") or "-",
                event.actor1 or "-",
                event.actor2 or "-",
                where or "-",
                str(event.fatalities),
                extraction.article.source or extraction.article.title or extraction.article.id,
            )
    return table


def claims_table(extractions: list[Extraction]) -> Table:
    table = Table(title="Claims", expand=True)
    for column in ("speaker", "kind", "channel", "date", "said"):
        table.add_column(column, overflow="fold")
    for extraction in extractions:
        for claim in extraction.claims:
            text = claim.text if len(claim.text) <= 90 else claim.text[:87] + "..."
            table.add_row(
                claim.speaker or "?", claim.kind, claim.channel or "-", claim.date or "-", text
            )
    return table


def print_extractions(extractions: list[Extraction], output: OutputFormat) -> None:
    if output is OutputFormat.table:
        console.print(events_table(extractions))
        console.print(claims_table(extractions))
        return
    dicts: list[dict[str, Any]] = [x.to_dict() for x in extractions]
    if output is OutputFormat.jsonl:
        for item in dicts:
            sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    elif len(dicts) == 1:
        sys.stdout.write(json.dumps(dicts[0], ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(json.dumps(dicts, ensure_ascii=False, indent=2) + "\n")


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Article text files, or - for stdin.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD (overrides the header).")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source name for these articles.")] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table, json or jsonl.")
    ] = OutputFormat.table,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", help="Processes to extract with (default: all cores)."),
    ] = None,
) -> None:
    """Extract events, claims, places, times and actors from article files."""
    from frontwire.scale.parallel import ExtractionFailure, extract_articles_parallel

    problems: list[FrontwireError] = []
    try:
        when = _published_option(published)
    except FrontwireError as exc:
        raise fail(str(exc)) from None
    articles: list[Article] = []
    for path in paths:
        # One bad file is reported at the end; the good ones are still extracted.
        try:
            article = read_text_file(path, when, source)  # also refuses non-English
        except FrontwireError as exc:
            problems.append(exc)
            continue
        articles.append(article)
    try:
        missing = [a for a in articles if a.published is None]
        for article in missing:
            err_console.print(
                f"note: {article.title or article.id}: no publication date (give --published or a "
                "'published:' header); relative dates are left unresolved",
                highlight=False,
            )

        def failed(failure: ExtractionFailure) -> None:
            # One article that breaks an extractor is reported; the others still come out.
            name = failure.article.title or failure.article.id
            problems.append(FrontwireError(f"{name}: extraction failed ({failure.error})"))

        extractions = list(extract_articles_parallel(articles, workers, on_failure=failed))
    except FrontwireError as exc:
        raise fail(str(exc)) from None
    if extractions:
        print_extractions(extractions, output)
    for problem in problems:
        err_console.print(f"[bold red]error:[/] {problem}", highlight=False, soft_wrap=True)
    if problems:
        err_console.print(f"{len(problems)} of {len(paths)} inputs not extracted", highlight=False)
        raise typer.Exit(code=2)


@app.command()
def evaluate(
    folders: Annotated[list[Path], typer.Argument(help="Gold folders (seed, acled, cir, merge).")],
    holdout: Annotated[
        bool, typer.Option(help="ACLED: score only the held-out rows no fitting may use.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N rows.")] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the full report as JSON here.")
    ] = None,
) -> None:
    """Score the pipeline against gold files and print every figure and the misses."""
    from frontwire.evaluate.runner import evaluate_folder, format_report

    reports = []
    try:
        for folder in folders:
            report = evaluate_folder(folder, holdout=holdout, limit=limit)
            reports.append(report)
            console.print(format_report(report), highlight=False, markup=False, soft_wrap=True)
    except FrontwireError as exc:
        raise fail(str(exc)) from None
    if json_out:
        try:
            json_out.write_text(json.dumps(reports, indent=2, ensure_ascii=False), encoding="utf-8")
        except OSError as exc:
            raise fail(str(InputError(str(json_out), f"cannot write ({exc.strerror})"))) from None


def _register_commands() -> None:
    """The corpus, web, scale and report verbs live beside their modules; each adds its own."""
    from frontwire.cli_corpus import register as register_corpus
    from frontwire.cli_report import register as register_report
    from frontwire.cli_scale import register as register_scale
    from frontwire.cli_web import register as register_web

    register_corpus(app)
    register_web(app)
    register_scale(app)
    register_report(app)


_register_commands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
