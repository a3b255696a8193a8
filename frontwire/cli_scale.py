"""`frontwire bench`: the speed benchmark (issue 9), registered on the main app.

The lead's ``cli.py`` calls ``register(app)``; the command is a thin shell over
``frontwire.scale.bench``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from frontwire.errors import FrontwireError

_err = Console(stderr=True)


def bench(
    n: Annotated[
        int | None,
        typer.Option(
            "--n",
            "-n",
            help="Articles in the corpus (default 1000); with --api, merged events"
            " in the generated store (default 100000).",
        ),
    ] = None,
    words: Annotated[int, typer.Option(help="Words per article (about).")] = 500,
    seed: Annotated[int, typer.Option(help="Corpus seed: same seed, same corpus.")] = 20240601,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", help="Worker processes (default: all cores).")
    ] = None,
    chunk_size: Annotated[int, typer.Option(help="Articles per task and nlp.pipe batch.")] = 16,
    cli: Annotated[
        bool, typer.Option("--cli", help="Also time `frontwire extract FILES --workers N`.")
    ] = False,
    profile: Annotated[
        bool, typer.Option("--profile", help="Profile the 1-worker run with py-spy.")
    ] = False,
    store: Annotated[bool, typer.Option(help="Time storing the results in SQLite.")] = True,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the figures as JSON here.")
    ] = None,
    api: Annotated[
        bool,
        typer.Option(
            "--api", help="Bench the REST API and dashboard on a generated store instead."
        ),
    ] = False,
    db: Annotated[
        list[str] | None,
        typer.Option(
            help="With --api: an empty store to generate into (repeat for several, e.g. "
            "SQLite and PostgreSQL; default a temporary SQLite file)."
        ),
    ] = None,
    browser: Annotated[
        bool, typer.Option(help="With --api: time the dashboard's first screen in Chromium.")
    ] = False,
) -> None:
    """Time the bare spaCy parse, the full extraction (1 and N workers) and the store;
    with --api, the API's latency and throughput on a large store."""
    from frontwire.scale.bench import run_bench
    from frontwire.scale.corpus import CorpusSpec

    if api:
        _api_bench(n or 100_000, db or [None], seed, workers, browser)
        return
    n = n or 1000

    if n < 1 or words < 1:
        _err.print("error: --n and --words must be at least 1", highlight=False)
        raise typer.Exit(code=2)
    try:
        report = run_bench(
            CorpusSpec(n=n, words=words, seed=seed),
            workers,
            chunk_size,
            cli=cli,
            profile=profile,
            store=store,
            log=lambda message: _err.print(f"[dim]… {message}[/]", highlight=False),
        )
    except FrontwireError as exc:
        _err.print(f"[bold red]error:[/] {exc}", highlight=False)
        raise typer.Exit(code=2) from None
    typer.echo("\n".join(report.lines()))
    if json_out is not None:
        try:
            json_out.write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
        except OSError as exc:
            _err.print(f"[bold red]error:[/] {json_out}: cannot write ({exc.strerror})")
            raise typer.Exit(code=2) from None


def _api_bench(
    n: int, stores: list[str | None], seed: int, workers: int | None, browser: bool
) -> None:
    from frontwire.scale.bench_api import run_api_bench

    if n < 1:
        _err.print("error: --n must be at least 1", highlight=False)
        raise typer.Exit(code=2)
    for db in stores:
        try:
            report = run_api_bench(
                n,
                db,
                seed,
                workers,
                browser=browser,
                say=lambda message: _err.print(f"[dim]… {message}[/]", highlight=False),
            )
        except (FrontwireError, ValueError, RuntimeError) as exc:
            _err.print(f"[bold red]error:[/] {db or 'store'}: {exc}", highlight=False)
            raise typer.Exit(code=2) from None
        typer.echo("\n".join(report.lines()))


def register(app: typer.Typer) -> None:
    """Add ``bench`` to the ``frontwire`` command."""
    app.command(name="bench")(bench)
