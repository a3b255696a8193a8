"""The web app: one FastAPI object serving the REST API, the dashboard and their assets.

``create_app`` opens the store once and hangs the session factory on ``app.state``; the
API (``frontwire.web.api``) and pages (``frontwire.web.pages``) read it from there.
Safety is set here for every response: a request body limit, a strict
Content-Security-Policy (no inline script, nothing from another origin) and errors that
say what to fix; so are speed and caching: gzip, ETags on API reads, immutable assets,
and a cache of API responses kept while the store's version stays put.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontwire import __version__, config
from frontwire.errors import FrontwireError
from frontwire.report.route import router as report_router
from frontwire.store.db import make_engine, open_store, store_version
from frontwire.web import api, pages
from frontwire.web.assets import STATIC, admin1_file, vendor_file
from frontwire.web.caching import HttpCaching
from frontwire.web.queries import QueryError
from frontwire.web.response_cache import ResponseCache
from frontwire.web.templating import templates

#: Largest request body accepted: room for the longest article plus JSON quoting.
DEFAULT_MAX_BODY = config.MAX_ARTICLE_CHARS * 2 + 64_000

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, by header or while streaming.

    A body without Content-Length is read (at most ``max_bytes`` of it) before the app
    sees it, so the refusal is a clean 413 and not an error halfway through a handler.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        seen = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = (
            f"request body over the limit of {self.max_bytes:,} bytes "
            "(start the server with a larger --max-body to raise it)"
        )
        response = JSONResponse({"error": message}, status_code=413)
        await response(scope, receive, send)


class SecurityHeaders:
    """CSP and friends on every response (plain ASGI: no per-request task or copy)."""

    HEADERS = (
        ("content-security-policy", CSP),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.HEADERS:
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json" or path.startswith("/static/")


def _error(request: Request, status: int, message: str, detail: Any = None) -> Response:
    if _wants_json(request):
        body: dict[str, Any] = {"error": message}
        if detail is not None:
            body["detail"] = detail
        return JSONResponse(body, status_code=status)
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "message": message},
        status_code=status,
    )


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in {"query", "body", "path"})
        given = err.get("input")
        shown = f" (got {json.dumps(given, default=str)[:60]})" if given is not None else ""
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}{shown}")
    return "; ".join(parts) or "invalid request"


def create_app(
    db_url: str | None = None, writable: bool = False, max_body: int = DEFAULT_MAX_BODY
) -> FastAPI:
    """The app over the store at ``db_url``; ``writable`` allows POST /api/articles."""
    app = FastAPI(
        title="frontwire",
        version=__version__,
        description=(
            "Conflict events extracted from news, each field tied to the words of its "
            "articles. Read-only unless the server was started with --writable."
        ),
        docs_url=None,
        redoc_url=None,
    )
    app.state.sessions = open_store(db_url)
    app.state.writable = writable
    app.state.db_url = db_url or config.DEFAULT_DB_URL

    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    # Outermost: gzip what the ETag layer (hashing the plain body) lets through.
    app.add_middleware(HttpCaching)
    # Level 4: a seventh of level 9's time on a 400 kB GeoJSON page, for 15% more bytes.
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=4)
    # Outermost of all: repeated reads answered from memory while the store is unchanged.
    # Its own engine: the check runs on the event loop, and must never wait for a
    # connection that the request threads hold.
    app.state.version_engine = make_engine(db_url)
    app.add_middleware(ResponseCache, version=lambda: store_version(app.state.version_engine))

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(FrontwireError)
    async def input_error(request: Request, exc: FrontwireError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        detail = [{k: v for k, v in e.items() if k in {"loc", "msg", "type"}} for e in exc.errors()]
        return _error(request, 400, _validation_message(exc), detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(report_router)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "docs.html", {})

    @app.get("/static/lib/{name:path}", include_in_schema=False)
    def vendor(name: str) -> FileResponse:
        path = vendor_file(name)
        if path is None:
            raise StarletteHTTPException(
                404, f"{name}: not installed; run scripts/build_web_assets.sh"
            )
        return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/static/admin1/{code}.json", include_in_schema=False)
    def admin1(code: str) -> FileResponse:
        path = admin1_file(code)
        if path is None:
            raise StarletteHTTPException(404, f"{code}: no admin-1 boundaries for this country")
        return FileResponse(
            path,
            media_type="application/json",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def app_from_env() -> FastAPI:
    """The app for each ``serve --workers N`` process, configured through the environment."""
    import os

    return create_app(
        os.environ.get("FRONTWIRE_SERVE_DB") or None,
        writable=os.environ.get("FRONTWIRE_SERVE_WRITABLE") == "1",
        max_body=int(os.environ.get("FRONTWIRE_SERVE_MAX_BODY") or DEFAULT_MAX_BODY),
    )
