"""A per-process cache of API read responses, valid while the store does not change.

Many users opening the dashboard ask the same questions (the first screen's map,
timeline and table, the filter menus); at 100k events each answer costs tens of
milliseconds of SQL. Every response to ``GET /api/...`` is kept, keyed by its path, query
and encoding, beside the store's version (a counter that migration 0004's triggers bump
on every write, whoever writes): a request is answered from the cache only while the
version it was stored under is still current, so an ingest is visible at the very next
request. A request sent with ``Cache-Control: no-cache`` (a forced reload, or the bench
timing the SQL) is computed afresh, and its answer replaces the cached one.

It sits outermost, so what it keeps is the finished response (gzipped, with its ETag),
and a client's ``If-None-Match`` is answered here with a 304.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontwire.web.caching import matches_etag

#: Bytes of response bodies kept (least recently used dropped first).
MAX_BYTES = 64 * 1024 * 1024
#: A single body larger than this is served but not kept.
MAX_ENTRY_BYTES = 8 * 1024 * 1024
#: Paths never cached: answers that are not reads of the store.
UNCACHED = ("/api/status",)


@dataclass(frozen=True)
class _Entry:
    version: int
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes | None


class ResponseCache:
    """Serve repeated API reads from memory while ``version()`` is unchanged."""

    def __init__(self, app: ASGIApp, version: Callable[[], int | None]) -> None:
        self.app = app
        self.version = version
        self.entries: OrderedDict[tuple[str, bytes, bool], _Entry] = OrderedDict()
        self.size = 0
        self.hits = 0
        self.misses = 0
        #: Answers being computed: a request for the same key waits for that one (so
        #: twenty clients opening the dashboard at once cost one query, not twenty).
        self.pending: dict[tuple[str, bytes, bool], asyncio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith("/api/")
            or scope["path"] in UNCACHED
        ):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        version = self.version()
        if version is None:
            await self.app(scope, receive, send)
            return
        gzip = "gzip" in headers.get("accept-encoding", "")
        key = (scope["path"], scope.get("query_string", b""), gzip)
        fresh = "no-cache" in headers.get("cache-control", "") or "no-cache" in headers.get(
            "pragma", ""
        )
        if not fresh and key in self.pending:
            await self.pending[key].wait()
        entry = self.entries.get(key)
        if entry is not None and entry.version == version and not fresh:
            self.entries.move_to_end(key)
            self.hits += 1
            await self._reply(entry, headers, send)
            return
        self.misses += 1
        done = self.pending.setdefault(key, asyncio.Event())
        try:
            await self._compute(scope, receive, send, key, version, headers)
        finally:
            if self.pending.get(key) is done:
                del self.pending[key]
            done.set()

    async def _compute(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        key: tuple[str, bytes, bool],
        version: int,
        headers: Headers,
    ) -> None:
        # The inner app always answers in full: a 304 is decided here, from the entry.
        inner = dict(scope)
        inner["headers"] = [(k, v) for k, v in scope["headers"] if k != b"if-none-match"]
        start: Message | None = None
        chunks: list[bytes] = []

        async def collect(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            else:
                await send(message)

        await self.app(inner, receive, collect)
        if start is None:
            return
        body = b"".join(chunks)
        entry = _Entry(
            version=version,
            status=start["status"],
            headers=list(start.get("headers", [])),
            body=body,
            etag=dict(start.get("headers", [])).get(b"etag"),
        )
        if entry.status == 200 and len(body) <= MAX_ENTRY_BYTES:
            self._keep(key, entry)
        await self._reply(entry, headers, send)

    def _keep(self, key: tuple[str, bytes, bool], entry: _Entry) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self.entries[key] = entry
        self.size += len(entry.body)
        while self.size > MAX_BYTES and self.entries:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)

    async def _reply(self, entry: _Entry, request: Headers, send: Send) -> None:
        etag = entry.etag.decode("latin-1") if entry.etag else None
        if etag and entry.status == 200 and matches_etag(request.get("if-none-match"), etag):
            kept = [
                (k, v)
                for k, v in entry.headers
                if k.lower() not in {b"content-length", b"content-type", b"content-encoding"}
            ]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send(
            {"type": "http.response.start", "status": entry.status, "headers": entry.headers}
        )
        await send({"type": "http.response.body", "body": entry.body})
