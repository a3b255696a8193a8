"""Corpus commands: ``ingest`` (sources -> store), ``events`` (query) and ``export``.

``frontwire.cli`` calls :func:`register` to add them to its app. Each command is a
thin shell over :mod:`frontwire.ingest`, :mod:`frontwire.store` and :mod:`frontwire.export`.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy.orm import Session, sessionmaker

from frontwire.errors import FrontwireError, InputError
from frontwire.ingest.common import FieldMap
from frontwire.ingest.text import parse_date
from frontwire.model import Article

console = Console()
err_console = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Store URL (default: FRONTWIRE_DB or sqlite:///frontwire.db)."),
]

# The filters shared by `events` and `export`, declared once.
SinceOption = Annotated[str | None, typer.Option(help="From this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")]
CountryOption = Annotated[str | None, typer.Option(help="Country name.")]
EventTypeOption = Annotated[str | None, typer.Option("--type", help="ACLED event type.")]
ActorOption = Annotated[str | None, typer.Option(help="Words of an actor's name.")]
LocationOption = Annotated[str | None, typer.Option(help="Words of the location name.")]
MinFatalitiesOption = Annotated[int | None, typer.Option(help="At least this many killed.")]
MinSourcesOption = Annotated[int | None, typer.Option(help="Reported by at least N articles.")]
IncludeBackgroundOption = Annotated[
    bool,
    typer.Option(
        "--include-background",
        help="Also events reported as context (dated weeks or years before publication).",
    ),
]


class EventsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    jsonl = "jsonl"
    parquet = "parquet"


def _fail(exc: FrontwireError) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
    return typer.Exit(code=2)


def _open_existing(db: str | None) -> sessionmaker[Session]:
    """Open a store for reading; a missing SQLite file is an error, not a new empty store."""
    from sqlalchemy.engine import make_url

    from frontwire import config
    from frontwire.store import open_store
    from frontwire.store.db import normalise_url

    raw = db or config.DEFAULT_DB_URL
    url = make_url(normalise_url(raw))
    is_file = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
    if is_file and not Path(url.database).exists():
        raise InputError(raw, "no such store: run `frontwire ingest SOURCE...` first")
    return open_store(raw)


def _date_option(value: str | None, name: str) -> date | None:
    return parse_date(value, name) if value else None


def _batches(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest_sources(
    sources: list[str],
    db: str | None = None,
    published_default: date | None = None,
    fields: FieldMap | None = None,
    batch_size: int = 16,
    show_progress: bool = False,
    problems: list[InputError] | None = None,
    workers: int | None = None,
) -> dict[str, int]:
    """Read, extract and store every new article, then rebuild the merged events.

    Each article is committed on its own, so an interrupted run loses at most the
    article in flight; a re-run skips the stored ones (same content id) and finishes.
    Given ``problems``, bad inputs are collected there and the good ones still stored.
    ``workers`` extraction processes (default: all cores).
    """
    from frontwire.ingest import read_sources
    from frontwire.store import open_store

    factory = open_store(db)
    stats = {"read": 0, "new": 0, "replaced": 0, "unchanged": 0, "failed": 0, "merged_events": 0}
    progress = Progress(
        TextColumn("[bold]ingest[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
        console=err_console,
        disable=not show_progress,
    )
    with progress, factory() as session:
        task = progress.add_task("ingest", total=None, status="")
        articles = read_sources(
            sources, fields=fields, published_default=published_default, problems=problems
        )
        try:
            _ingest_batches(
                session,
                articles,
                batch_size,
                stats,
                lambda **kw: progress.update(task, **kw),
                workers,
            )
        except FrontwireError:
            # Keep the merged events in step with what was stored before the bad input.
            session.rollback()
            _relink_serialised(session)
            raise
        progress.update(task, status="merging reports across articles")
        stats["merged_events"] = _relink_serialised(session)
    return stats


#: Key of the PostgreSQL advisory lock that lets one relink run at a time.
_RELINK_LOCK = 0x66726F6E  # "fron"


def _relink_serialised(session: Session) -> int:
    """Link new reports under a store-wide write lock; returns the merged events' count.

    Linking reads the reports near the new ones, then replaces their merged events.
    Two ``ingest`` processes doing that at once would each delete and insert the same
    merged ids, so
    the second waits for the first (PostgreSQL advisory lock, SQLite BEGIN IMMEDIATE)
    and then reads what the first committed.
    """
    from sqlalchemy import func, select, text

    from frontwire.store import link_pending
    from frontwire.store.models import MergedEventRow

    session.commit()
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _RELINK_LOCK})
    elif dialect == "sqlite":
        session.execute(text("BEGIN IMMEDIATE"))
    # Only the groups of reports the new articles reach are merged again.
    link_pending(session)
    count = session.scalar(select(func.count()).select_from(MergedEventRow)) or 0
    session.commit()
    return count


def _ingest_batches(
    session: Session,
    articles: Iterator[Article],
    batch_size: int,
    stats: dict[str, int],
    report: Callable[..., None],
    workers: int | None = None,
) -> None:
    """Extract (on ``workers`` processes, default all cores) and commit article by article.

    Articles stored already are skipped. An article whose extraction raises, in this
    process or in a worker, is reported and counted as failed, and the rest of the
    corpus is still stored.
    """
    from frontwire.scale.parallel import ExtractionFailure, extract_articles_parallel

    def failed(failure: ExtractionFailure) -> None:
        article = failure.article
        stats["failed"] += 1
        err_console.print(
            f"warning: {article.title or article.url or article.id}: extraction "
            f"failed ({failure.error}); the article was not stored",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
        report(advance=1)

    fresh = _fresh_articles(session, articles, batch_size, stats, report)
    extractions = extract_articles_parallel(
        fresh, workers, chunk_size=batch_size, on_failure=failed
    )
    for extraction in extractions:
        stats[_save(session, extraction)] += 1
        report(advance=1, status=(extraction.article.title or "")[:40])


def _fresh_articles(
    session: Session,
    articles: Iterator[Article],
    batch_size: int,
    stats: dict[str, int],
    report: Callable[..., None],
) -> Iterator[Article]:
    """The articles not stored yet (same content id), looked up a batch at a time."""
    from frontwire.store import known_article_ids

    seen: set[str] = set()
    for batch in _batches(articles, batch_size):
        stats["read"] += len(batch)
        known = known_article_ids(session, [a.id for a in batch]) | seen
        fresh = []
        for article in batch:
            if article.id in known:
                stats["unchanged"] += 1
            else:
                known.add(article.id)
                fresh.append(article)
        seen.update(known)
        report(advance=len(batch) - len(fresh))
        yield from fresh


def _save(session: Session, extraction: Any) -> str:
    """Save and commit one article; another ingest storing it first counts as unchanged.

    Two ``ingest`` processes on one PostgreSQL store may extract the same new article at
    once: the loser's insert hits the primary key, and the article is already there.
    """
    from sqlalchemy.exc import IntegrityError

    from frontwire.store import known_article_ids, save_extraction

    try:
        result = save_extraction(session, extraction)
        session.commit()
    except IntegrityError:
        session.rollback()
        if not known_article_ids(session, [extraction.article.id]):
            raise
        return "unchanged"
    return result


def _merged_table(events: list[dict[str, Any]]) -> Table:
    """One row per merged event; ``--format json`` has every field, reasons included."""
    table = Table(title=f"Merged events ({len(events)})", expand=True)
    table.add_column("date", no_wrap=True)
    for column in ("type", "actors", "where"):
        table.add_column(column, overflow="fold", ratio=2)
    table.add_column("killed", justify="right")
    table.add_column("sources", overflow="fold", ratio=2)
    for event in events:
        where = ", ".join(x for x in (event.get("location"), event.get("country")) if x)
        actors = " vs ".join(
            _short_actor(x) for x in (event.get("actor1"), event.get("actor2")) if x
        )
        kind = event.get("sub_event_type") or event.get("event_type")
        kind = kind or (event.get("plover") or {}).get("event_type") or "-"
        killed = str(event.get("fatalities") or 0)
        if "fatalities" in (event.get("contested") or {}):
            killed += "*"
        table.add_row(
            event.get("event_date") or "?",
            kind,
            actors or "-",
            where or "-",
            killed,
            f"{event.get('source_count', 1)}: " + "; ".join(event.get("sources") or []),
        )
    if any("fatalities" in (e.get("contested") or {}) for e in events):
        table.caption = "* sources disagree on the toll: the best-supported figure is shown"
    return table


def _short_actor(name: str) -> str:
    """'Military Forces of Russia (2000-)' -> 'Military Forces of Russia' for the table."""
    return name.split(" (")[0] if name.endswith("-)") else name


_CSV_COLUMNS = (
    "event_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "latitude",
    "longitude",
    "fatalities",
    "source_count",
    "sources",
)


def _events_csv(events: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    for event in events:
        row = [event.get(c) for c in _CSV_COLUMNS]
        row[-1] = "; ".join(event.get("sources") or [])
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def _ingest_on_ray(
    sources: list[str],
    db: str | None,
    published_default: str | None,
    fields: str | None,
    workers: int | None,
    out: str | None,
    ray_address: str | None,
) -> None:
    """``ingest --engine ray``: shards -> Ray workers -> Parquet contract shards -> store."""
    try:
        from frontwire.scale.ray_runner import ingest_with_ray
    except ImportError as exc:
        raise _fail(
            FrontwireError(f"--engine ray needs Ray: pip install 'frontwire[scale]' ({exc})")
        ) from None
    if not out:
        raise _fail(InputError("--out", "--engine ray needs --out DIR_OR_URL for the shards"))
    try:
        summary = ingest_with_ray(
            sources,
            out,
            db,
            address=ray_address,
            workers=workers if workers and workers > 1 else None,
            fields=FieldMap.parse(fields),
            published_default=_date_option(published_default, "--published-default"),
        )
    except FrontwireError as exc:
        raise _fail(exc) from None
    stored = ", ".join(f"{v} {k}" for k, v in summary.stored.items())
    err_console.print(
        f"{summary.articles} articles in {len(summary.shards)} shards extracted on Ray in "
        f"{summary.extract_seconds:.1f} s; stored in {summary.store_seconds:.1f} s: {stored}",
        highlight=False,
        soft_wrap=True,
    )


def register(app: typer.Typer) -> None:
    """Add ``ingest``, ``events`` and ``export`` to the frontwire app."""

    def _filters(
        since: str | None,
        until: str | None,
        country: str | None,
        event_type: str | None,
        actor: str | None,
        location: str | None,
        min_fatalities: int | None,
        min_sources: int | None,
        limit: int | None,
        include_background: bool = False,
    ) -> Any:
        from frontwire.store import EventFilter

        return EventFilter(
            since=_date_option(since, "--since"),
            until=_date_option(until, "--until"),
            country=country,
            event_type=event_type,
            actor=actor,
            location=location,
            min_fatalities=min_fatalities,
            min_sources=min_sources,
            limit=limit,
            include_background=include_background,
        )

    @app.command()
    def ingest(
        sources: Annotated[
            list[str],
            typer.Argument(help="Files, directories, URLs or feeds (txt, jsonl, csv, html, rss)."),
        ],
        db: DbOption = None,
        published_default: Annotated[
            str | None,
            typer.Option(help="Publication date YYYY-MM-DD for articles that give none."),
        ] = None,
        fields: Annotated[
            str | None,
            typer.Option(help="JSONL/CSV field names, e.g. text=body,published=date,url=link."),
        ] = None,
        batch_size: Annotated[int, typer.Option(min=1, help="Articles parsed per batch.")] = 16,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
        workers: Annotated[
            int | None,
            typer.Option(
                "--workers", "-w", min=1, help="Extraction processes (default: all cores)."
            ),
        ] = None,
        engine: Annotated[
            str, typer.Option(help="local, or ray: extract sharded JSONL/Parquet on Ray.")
        ] = "local",
        out: Annotated[
            str | None, typer.Option(help="Ray: where to write the Parquet contract shards.")
        ] = None,
        ray_address: Annotated[
            str | None, typer.Option(help="Ray: cluster address (default: a local Ray).")
        ] = None,
    ) -> None:
        """Read articles, extract their events, store them and merge reports across articles.

        A bad file, record or non-English article does not stop the batch: every good
        article is stored, the bad ones are listed at the end, and the exit code is 2.
        """
        from frontwire.ingest.language import NotEnglishError

        if engine not in ("local", "ray"):
            raise _fail(InputError("--engine", f"unknown engine {engine!r}: use local or ray"))
        if engine == "ray":
            _ingest_on_ray(sources, db, published_default, fields, workers, out, ray_address)
            return
        problems: list[InputError] = []
        try:
            stats = ingest_sources(
                sources,
                db=db,
                published_default=_date_option(published_default, "--published-default"),
                fields=FieldMap.parse(fields),
                batch_size=batch_size,
                show_progress=not quiet and err_console.is_terminal,
                problems=problems,
                workers=workers,
            )
        except FrontwireError as exc:
            raise _fail(exc) from None
        skipped = [p for p in problems if isinstance(p, NotEnglishError)]
        bad = [p for p in problems if not isinstance(p, NotEnglishError)]
        for problem in problems:
            label = "skipped" if isinstance(problem, NotEnglishError) else "error"
            err_console.print(f"{label}: {problem}", highlight=False, markup=False, soft_wrap=True)
        failed = f", {stats['failed']} failed" if stats["failed"] else ""
        failed += f", {len(skipped)} skipped (not English)" if skipped else ""
        failed += f", {len(bad)} bad inputs (listed above)" if bad else ""
        err_console.print(
            f"{stats['read']} articles read: {stats['new']} new, {stats['replaced']} replaced, "
            f"{stats['unchanged']} unchanged{failed}; "
            f"{stats['merged_events']} merged events in the store",
            highlight=False,
            soft_wrap=True,
        )
        if bad:
            raise typer.Exit(code=2)
        if stats["failed"]:
            raise typer.Exit(code=1)

    @app.command()
    def events(
        db: DbOption = None,
        since: SinceOption = None,
        until: UntilOption = None,
        country: CountryOption = None,
        event_type: EventTypeOption = None,
        actor: ActorOption = None,
        location: LocationOption = None,
        min_fatalities: MinFatalitiesOption = None,
        min_sources: MinSourcesOption = None,
        include_background: IncludeBackgroundOption = False,
        limit: Annotated[int | None, typer.Option(help="At most N events.")] = None,
        output: Annotated[
            EventsFormat, typer.Option("--format", "-f", help="table, json or csv.")
        ] = EventsFormat.table,
    ) -> None:
        """List the merged events in the store, oldest first."""
        from frontwire.store import merged_events

        try:
            flt = _filters(
                since,
                until,
                country,
                event_type,
                actor,
                location,
                min_fatalities,
                min_sources,
                limit,
                include_background,
            )
            with _open_existing(db)() as session:
                found = merged_events(session, flt)
        except FrontwireError as exc:
            raise _fail(exc) from None
        if output is EventsFormat.json:
            sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        elif output is EventsFormat.csv:
            sys.stdout.write(_events_csv(found))
        else:
            console.print(_merged_table(found))

    @app.command()
    def export(
        output_format: Annotated[
            ExportFormat,
            typer.Option("--format", "-f", help="acled-csv, geojson, jsonl or parquet."),
        ],
        db: DbOption = None,
        out: Annotated[
            Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")
        ] = None,
        since: SinceOption = None,
        until: UntilOption = None,
        country: CountryOption = None,
        event_type: EventTypeOption = None,
        actor: ActorOption = None,
        location: LocationOption = None,
        min_fatalities: MinFatalitiesOption = None,
        min_sources: MinSourcesOption = None,
        include_background: IncludeBackgroundOption = False,
        limit: Annotated[
            int | None, typer.Option(help="At most N events (articles for jsonl).")
        ] = None,
    ) -> None:
        """Export the store: merged events as ACLED CSV, GeoJSON or Parquet; articles as JSONL."""
        from frontwire import export as exports
        from frontwire.store import extractions, merged_events

        try:
            flt = _filters(
                since,
                until,
                country,
                event_type,
                actor,
                location,
                min_fatalities,
                min_sources,
                limit,
                include_background,
            )
            if output_format is ExportFormat.parquet and out is None:
                raise InputError("--output", "Parquet is binary: give a file with -o FILE.parquet")
            with _open_existing(db)() as session:
                if output_format is ExportFormat.parquet:
                    count = exports.write_parquet(merged_events(session, flt), out)
                else:
                    handle = out.open("w", encoding="utf-8", newline="") if out else sys.stdout
                    try:
                        if output_format is ExportFormat.jsonl:
                            count = exports.write_jsonl(extractions(session, flt), handle)
                        elif output_format is ExportFormat.geojson:
                            count = exports.write_geojson(merged_events(session, flt), handle)
                        else:
                            count = exports.write_acled_csv(merged_events(session, flt), handle)
                    finally:
                        if out:
                            handle.close()
        except OSError as exc:
            raise _fail(InputError(str(out), f"cannot write ({exc.strerror})")) from None
        except FrontwireError as exc:
            raise _fail(exc) from None
        if out:
            err_console.print(f"{count} records written to {out}", highlight=False, soft_wrap=True)
