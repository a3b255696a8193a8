"""`frontwire serve`: the REST API and dashboard over a store (wired into cli.py by register)."""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated

import typer


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the frontwire CLI."""

    @app.command()
    def serve(
        db: Annotated[
            str | None,
            typer.Option(help="Store URL or SQLite path (default: FRONTWIRE_DB or frontwire.db)."),
        ] = None,
        host: Annotated[
            str, typer.Option(help="Address to listen on; keep 127.0.0.1 unless you mean it.")
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
        writable: Annotated[
            bool, typer.Option(help="Accept POST /api/articles (extract and store articles).")
        ] = False,
        max_body: Annotated[
            int | None, typer.Option(min=1024, help="Largest request body in bytes.")
        ] = None,
        workers: Annotated[
            int | None,
            typer.Option(min=1, help="Server processes (default: one per core)."),
        ] = None,
    ) -> None:
        """Serve the REST API (docs at /docs) and the dashboard (map, timeline, table)."""
        import uvicorn

        from frontwire.errors import FrontwireError
        from frontwire.web.app import DEFAULT_MAX_BODY, create_app
        from frontwire.web.tcp import NoDelayH11Protocol

        err = typer.echo
        if not _is_loopback(host):
            err(
                f"warning: listening on {host}: anyone who can reach this address can read "
                "the store" + (" and add articles" if writable else ""),
                err=True,
            )
        try:
            web = create_app(db, writable=writable, max_body=max_body or DEFAULT_MAX_BODY)
        except FrontwireError as exc:
            err(f"error: {exc}", err=True)
            raise typer.Exit(code=2) from None
        mode = "read-write" if writable else "read-only"
        processes = workers or os.cpu_count() or 1
        err(
            f"frontwire dashboard on http://{host}:{port}/ ({mode}, {processes} worker"
            f"{'s' if processes != 1 else ''}; API docs at /docs)",
            err=True,
        )
        if processes == 1:
            uvicorn.run(
                web,
                host=host,
                port=port,
                log_level="warning",
                timeout_keep_alive=30,
                http=NoDelayH11Protocol,
            )
            return
        # Each worker process builds its own app (and database connections) from these.
        web.state.sessions.kw["bind"].dispose()
        os.environ["FRONTWIRE_SERVE_DB"] = db or ""
        os.environ["FRONTWIRE_SERVE_WRITABLE"] = "1" if writable else "0"
        os.environ["FRONTWIRE_SERVE_MAX_BODY"] = str(max_body or DEFAULT_MAX_BODY)
        uvicorn.run(
            "frontwire.web.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=processes,
            log_level="warning",
            http=NoDelayH11Protocol,
            # Clients keep connections between requests; a short idle limit races them.
            timeout_keep_alive=30,
        )
