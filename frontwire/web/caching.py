"""HTTP caching: ETags and 304s on API reads, long-lived caching of versioned assets.

A read endpoint's ETag is a hash of its body, so it changes exactly when the answer
does (after an ingest) and a client repeating a request gets a 304 with no body. Static
files linked with ``?v=<content hash>`` (:func:`asset_url`) never change under that URL
and are served ``immutable``.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontwire.web.assets import STATIC, vendor_file

IMMUTABLE = "public, max-age=31536000, immutable"


@lru_cache(maxsize=256)
def _digest(path: Path, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def asset_url(name: str) -> str:
    """``/static/NAME?v=HASH`` for an app file or a ``lib/`` library file (no hash if absent)."""
    path = vendor_file(name[4:]) if name.startswith("lib/") else STATIC / name
    url = f"/static/{name}"
    if path is None or not path.is_file():
        return url
    stat = path.stat()
    return f"{url}?v={_digest(path, stat.st_mtime_ns, stat.st_size)}"


def matches_etag(header: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names ``etag`` (or is ``*``)."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in header.split(","))


class HttpCaching:
    """ETag + conditional GET for ``/api/`` reads; ``immutable`` for versioned assets."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in {"GET", "HEAD"}:
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/static/"):
            await self._static(scope, receive, send)
        elif path.startswith("/api/"):
            await self._api(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _static(self, scope: Scope, receive: Receive, send: Send) -> None:
        versioned = b"v=" in scope.get("query_string", b"")

        async def send_with_cache(message: Message) -> None:
            start = message["type"] == "http.response.start"
            if start and versioned and message["status"] == 200:
                MutableHeaders(scope=message)["Cache-Control"] = IMMUTABLE
            await send(message)

        await self.app(scope, receive, send_with_cache)

    async def _api(self, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await self._finish(scope, start, b"".join(chunks), send)

        await self.app(scope, receive, buffer)

    async def _finish(self, scope: Scope, start: Message, body: bytes, send: Send) -> None:
        if start["status"] != 200:
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = MutableHeaders(scope=start)
        headers["ETag"] = etag
        headers["Cache-Control"] = "no-cache"
        if matches_etag(Headers(scope=scope).get("if-none-match"), etag):
            kept = [
                (k, v)
                for k, v in start["headers"]
                if k.lower() not in {b"content-length", b"content-type"}
            ]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send(start)
        await send({"type": "http.response.body", "body": body})
