"""``frontwire bench --api``: the REST API and dashboard on a large generated store.

Generates a store of N merged events (``frontwire.scale.store_gen``; a default SQLite
store is generated once per N, seed and generator and copied from a cache after that),
starts a real ``frontwire serve`` on 127.0.0.1, and prints latency per read endpoint
(p50/p99 over sequential requests with typical filters, each computed afresh: the
requests say ``Cache-Control: no-cache``; and p50 of a repeated request, which the
server's response cache answers), requests/s with 20 concurrent clients (httpx async, a
bounded number of requests; once as ordinary clients, once all ``no-cache``), then stops
the server and times ingesting 100 generated articles (extraction, then store and
incremental link) against extracting them. Optionally the dashboard's first screen in
Chromium. Figures only; nothing is asserted about time.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

#: Requests per endpoint for the latency figures (after two warm-up requests).
REQUESTS_PER_ENDPOINT = 40
#: Concurrent clients, and requests they make in all.
CLIENTS = 20
CONCURRENT_REQUESTS = 2000
#: Requests of the concurrent run whose answers are all computed afresh.
UNCACHED_REQUESTS = 400
#: The request header that makes the server compute an answer instead of reusing it.
FRESH = {"Cache-Control": "no-cache"}
#: Articles extracted and ingested into the big store.
INGEST_ARTICLES = 100


@dataclass
class ApiReport:
    """The figures of one bench run on one store."""

    db: str
    events: int = 0
    articles: int = 0
    generate_s: float = 0.0
    workers: int = 1
    latency: dict[str, tuple[float, float]] = field(default_factory=dict)
    cached_p50: dict[str, float] = field(default_factory=dict)
    requests_per_s: float = 0.0
    concurrent_p50_ms: float = 0.0
    concurrent_p99_ms: float = 0.0
    uncached_per_s: float = 0.0
    uncached_p50_ms: float = 0.0
    uncached_p99_ms: float = 0.0
    #: "copied" (from the bench cache), "reused" (the store given held it) or "".
    reused: str = ""
    extract_s: float = 0.0
    store_link_s: float = 0.0
    linked_reports: int = 0
    first_screen_s: float | None = None
    first_screen_fresh_s: float | None = None
    failed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        made = {"copied": "copied from the bench cache", "reused": "reused"}.get(
            self.reused, "generated"
        )
        out = [
            f"store {self.db}: {self.events:,} merged events, {self.articles:,} articles "
            f"({made} in {self.generate_s:.1f} s); server: {self.workers} worker(s)",
            f"{'endpoint (computed afresh; cached = answered by the response cache)':<70} "
            f"{'p50 ms':>7} {'p99 ms':>7} {'cached':>7}",
        ]
        for name, (p50, p99) in self.latency.items():
            cached = self.cached_p50.get(name, 0.0)
            out.append(f"{name:<70} {p50:>7.1f} {p99:>7.1f} {cached:>7.1f}")
        out.append(
            f"{CLIENTS} concurrent clients, {CONCURRENT_REQUESTS} requests over those endpoints: "
            f"{self.requests_per_s:.0f} requests/s (p50 {self.concurrent_p50_ms:.0f} ms, "
            f"p99 {self.concurrent_p99_ms:.0f} ms)"
            + (f"; {len(self.failed)} failed: {self.failed[0]}" if self.failed else "")
        )
        out.append(
            f"{CLIENTS} concurrent clients, {UNCACHED_REQUESTS} requests all computed afresh: "
            f"{self.uncached_per_s:.0f} requests/s (p50 {self.uncached_p50_ms:.0f} ms, "
            f"p99 {self.uncached_p99_ms:.0f} ms)"
        )
        if self.extract_s:
            total = self.extract_s + self.store_link_s
            out.append(
                f"ingest {INGEST_ARTICLES} articles into it: {total:.1f} s = extract "
                f"{self.extract_s:.1f} s + store and link {self.store_link_s:.2f} s "
                f"({self.linked_reports} reports merged again); "
                f"{total / self.extract_s:.2f}x extracting them"
            )
        if self.first_screen_s is not None:
            out.append(
                f"dashboard first screen in Chromium: {self.first_screen_s:.2f} s "
                f"({self.first_screen_fresh_s:.2f} s with every answer computed afresh)"
            )
        return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _endpoints(sample: dict[str, Any]) -> dict[str, str]:
    """The README's read endpoints with typical filters, on values present in the store."""
    country, event_type = sample["country"], sample["event_type"]
    return {
        "events (newest first)": "/api/events?limit=50",
        "events country + type + dates": (
            f"/api/events?country={country}&event_type={event_type}"
            "&start=2023-01-01&end=2023-12-31&limit=50"
        ),
        "events min_fatalities, sort -fatalities": (
            "/api/events?min_fatalities=5&sort=-fatalities&limit=50"
        ),
        "events q (full text)": f"/api/events?q={sample['word']}&limit=50",
        "events bbox": f"/api/events?bbox={sample['bbox']}&limit=50",
        "events/{id}": f"/api/events/{sample['event_id']}",
        "events.geojson country (page of 1000)": f"/api/events.geojson?country={country}",
        "clusters world view (zoom 2)": "/api/clusters?zoom=2",
        "clusters zoom 6 bbox": f"/api/clusters?zoom=6&bbox={sample['bbox']}",
        "aggregates month by event_type": "/api/aggregates?interval=month",
        "aggregates auto by country, country filter": (
            f"/api/aggregates?by=country&country={country}"
        ),
        "facets": "/api/facets",
        "articles": "/api/articles?limit=50",
        "articles q": f"/api/articles?q={sample['word']}&limit=50",
        "articles/{id}": f"/api/articles/{sample['article_id']}",
        "claims speaker": f"/api/claims?speaker={sample['speaker']}&limit=50",
        "speakers": "/api/speakers",
    }


def _sample(url: str) -> dict[str, Any]:
    """Filter values that exist in the store (the busiest country and type, one event...)."""
    from frontwire.store import open_store
    from frontwire.store.models import ArticleRow, ClaimRow, MergedEventRow

    factory = open_store(url)
    m = MergedEventRow
    with factory() as session:
        country = session.execute(
            select(m.country).group_by(m.country).order_by(func.count().desc()).limit(1)
        ).scalar_one()
        event_type = session.execute(
            select(m.event_type).group_by(m.event_type).order_by(func.count().desc()).limit(1)
        ).scalar_one()
        row = session.execute(
            select(m.id, m.latitude, m.longitude, m.location).order_by(m.id).limit(1)
        ).one()
        article_id = session.scalars(select(ArticleRow.id).order_by(ArticleRow.id).limit(1)).one()
        speaker = session.scalars(
            select(ClaimRow.speaker).where(ClaimRow.speaker.is_not(None)).limit(1)
        ).first()
        events = session.scalar(select(func.count()).select_from(m)) or 0
        articles = session.scalar(select(func.count()).select_from(ArticleRow)) or 0
    factory.kw["bind"].dispose()
    lat, lon = row.latitude or 0.0, row.longitude or 0.0
    bbox = f"{lon - 3:.2f},{lat - 3:.2f},{lon + 3:.2f},{lat + 3:.2f}"
    word = (row.location or "market").split()[0]
    return {
        "country": country,
        "event_type": event_type,
        "event_id": row.id,
        "article_id": article_id,
        "speaker": (speaker or "official").split()[-1],
        "bbox": bbox,
        "word": word,
        "events": events,
        "articles": articles,
    }


class Server:
    """``frontwire serve`` in a subprocess on a free loopback port."""

    def __init__(self, url: str, workers: int) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable,
            "-c",
            "from frontwire.cli import app; app()",
            "serve",
            "--db",
            url,
            "--port",
            str(self.port),
            "--workers",
            str(workers),
        ]
        self.log = tempfile.NamedTemporaryFile(prefix="frontwire-serve-", suffix=".log")  # noqa: SIM115
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=self.log)

    def wait(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"frontwire serve exited: {self.errors()[-500:]}")
            try:
                if httpx.get(self.base + "/api/facets", timeout=30).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        raise RuntimeError("frontwire serve did not answer in time")

    def errors(self) -> str:
        return Path(self.log.name).read_text("utf-8", errors="replace").strip()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _timed(client: httpx.Client, path: str, requests: int, headers: dict[str, str]) -> list[float]:
    times = []
    for attempt in range(requests + 2):
        start = time.perf_counter()
        response = client.get(path, headers=headers)
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {response.status_code} {response.text[:200]}")
        if attempt >= 2:
            times.append(elapsed)
    return times


def _latencies(
    base: str, endpoints: dict[str, str]
) -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
    """p50/p99 of answers computed afresh, and p50 of answers from the response cache."""
    fresh: dict[str, tuple[float, float]] = {}
    cached: dict[str, float] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, path in endpoints.items():
            times = _timed(client, path, REQUESTS_PER_ENDPOINT, FRESH)
            fresh[name] = (statistics.median(times), _percentile(times, 0.99))
            cached[name] = statistics.median(_timed(client, path, REQUESTS_PER_ENDPOINT // 2, {}))
    return fresh, cached


async def _concurrent(
    base: str, paths: list[str], requests: int = CONCURRENT_REQUESTS, fresh: bool = False
) -> tuple[float, list[float], list[str]]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for n in range(requests):
        queue.put_nowait(paths[n % len(paths)])
    times: list[float] = []
    failures: list[str] = []
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    headers = FRESH if fresh else {}

    async with httpx.AsyncClient(
        base_url=base, timeout=120, limits=limits, headers=headers
    ) as client:

        async def worker() -> None:
            while not queue.empty():
                path = queue.get_nowait()
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                except httpx.HTTPError as exc:
                    failures.append(f"{path}: {exc!r}")
                    continue
                if response.status_code != 200:
                    failures.append(f"{path}: HTTP {response.status_code} {response.text[:200]}")
                    continue
                times.append((time.perf_counter() - start) * 1000)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CLIENTS)))
        wall = time.perf_counter() - start
    return wall, times, failures


def first_screen_seconds(base: str) -> tuple[float, float] | None:
    """Seconds from navigation until the dashboard marks map, timeline and table drawn:
    in a new tab after a warm-up visit (the server's answers and the browser's assets
    cached), and in a tab whose every request says ``no-cache`` (all answers computed
    afresh, assets revalidated). None without Playwright and a Chromium."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        return None
    chromium = "/usr/bin/chromium"
    viewport = {"width": 1400, "height": 1000}
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(
                executable_path=chromium if Path(chromium).exists() else None,
                args=["--no-sandbox"],
            )
        except Error:
            return None
        page = browser.new_page(viewport=viewport)
        page.goto(base + "/")  # warm-up: caches of the server and the browser
        page.wait_for_selector("body[data-ready='1']", timeout=120_000)
        out = []
        for headers in ({}, FRESH):
            fresh = browser.new_page(viewport=viewport, extra_http_headers=headers)
            start = time.perf_counter()
            fresh.goto(base + "/")
            fresh.wait_for_selector("body[data-ready='1']", timeout=120_000)
            out.append(time.perf_counter() - start)
            fresh.close()
        browser.close()
    return out[0], out[1]


def _ingest(url: str, workers: int | None, report: ApiReport, seed: int) -> None:
    """Extract INGEST_ARTICLES generated articles, then store and link them into the store."""
    from frontwire.scale.corpus import CorpusSpec, generate
    from frontwire.scale.parallel import extract_articles_parallel
    from frontwire.store import link_pending, open_store, save_extraction

    articles = list(generate(CorpusSpec(n=INGEST_ARTICLES, seed=seed)))
    start = time.perf_counter()
    extractions = list(extract_articles_parallel(articles, workers))
    report.extract_s = time.perf_counter() - start
    factory = open_store(url)
    start = time.perf_counter()
    with factory() as session:
        for extraction in extractions:
            save_extraction(session, extraction)
        session.commit()
        result = link_pending(session)
        session.commit()
    report.store_link_s = time.perf_counter() - start
    report.linked_reports = result.reports
    factory.kw["bind"].dispose()


def run_api_bench(
    n: int,
    db: str | None,
    seed: int,
    workers: int | None,
    ingest: bool = True,
    browser: bool = False,
    say: Callable[[str], None] = print,
) -> ApiReport:
    """Generate (into ``db``, which must be empty or hold this very generated store, or a
    temporary SQLite file), serve, time."""
    from frontwire.scale.store_gen import generate_store, reused
    from frontwire.store import open_store

    folder = tempfile.mkdtemp(prefix="frontwire-bench-api-")
    url = db or f"sqlite:///{Path(folder) / 'bench.db'}"
    report = ApiReport(db=url.split("@")[-1], workers=workers or os.cpu_count() or 1)
    start = time.perf_counter()
    cached = None if db else _cached_store(n, seed)
    if cached is not None and cached.exists():
        say(f"  copying the store generated by an earlier run ({cached})")
        shutil.copyfile(cached, Path(folder) / "bench.db")
        report.reused = "copied"
    factory = open_store(url)
    with factory() as session:
        if reused(session, n, seed):
            say("  reusing the store generated by an earlier run (same -n and seed)")
            report.reused = report.reused or "reused"
        else:
            generate_store(session, n, seed=seed, progress=lambda k: say(f"  generated {k:,}"))
        session.commit()
    factory.kw["bind"].dispose()
    if factory.kw["bind"].dialect.name == "postgresql":
        _vacuum_analyze(url)
    elif cached is not None and not report.reused:
        _keep_store(Path(folder) / "bench.db", cached, say)
    report.generate_s = time.perf_counter() - start
    sample = _sample(url)
    report.events, report.articles = sample["events"], sample["articles"]
    endpoints = _endpoints(sample)
    server = Server(url, report.workers)
    try:
        server.wait()
        say("  timing endpoints")
        report.latency, report.cached_p50 = _latencies(server.base, endpoints)
        say(f"  {CLIENTS} concurrent clients")
        paths = list(endpoints.values())
        wall, times, failures = asyncio.run(_concurrent(server.base, paths))
        report.failed = failures
        if failures:
            say(f"  {len(failures)} requests failed, e.g. {failures[0]}; server: {server.errors()}")
        report.requests_per_s = len(times) / wall
        report.concurrent_p50_ms = statistics.median(times)
        report.concurrent_p99_ms = _percentile(times, 0.99)
        say(f"  {CLIENTS} concurrent clients, every answer computed afresh")
        wall, times, failures = asyncio.run(
            _concurrent(server.base, paths, UNCACHED_REQUESTS, fresh=True)
        )
        report.failed += failures
        report.uncached_per_s = len(times) / wall
        report.uncached_p50_ms = statistics.median(times)
        report.uncached_p99_ms = _percentile(times, 0.99)
        if browser:
            screens = first_screen_seconds(server.base)
            if screens is None:
                say("  no Chromium for Playwright: the dashboard's first screen is not timed")
            else:
                report.first_screen_s, report.first_screen_fresh_s = screens
    finally:
        server.stop()
    if ingest:
        say(f"  ingesting {INGEST_ARTICLES} articles")
        _ingest(url, workers, report, seed)
    return report


def _cache_folder() -> Path:
    root = os.environ.get("FRONTWIRE_BENCH_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(root or Path.home() / ".cache") / "frontwire" / "bench-api"


def _cached_store(n: int, seed: int) -> Path | None:
    """Where the generated SQLite store for (n, seed) is kept between runs; the name
    holds a digest of the generator, its templates and the migrations, so a change to
    any of them generates anew. None when the cache folder cannot be made."""
    from importlib import resources

    digest = hashlib.sha256()
    sources = [
        resources.files("frontwire.scale").joinpath("store_gen.py"),
        resources.files("frontwire.scale").joinpath("store_templates.json"),
    ]
    migrations = resources.files("frontwire.store.migrations").joinpath("versions")
    sources += sorted(
        (p for p in migrations.iterdir() if p.name.endswith(".py")), key=lambda p: p.name
    )
    for source in sources:
        digest.update(source.read_bytes())
    folder = _cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder / f"n{n}-seed{seed}-{digest.hexdigest()[:12]}.db"


def _keep_store(path: Path, cached: Path, say: Callable[[str], None]) -> None:
    """Copy a freshly generated store (its WAL folded in) to the cache, before the
    bench's ingest changes it."""
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    partial = cached.with_suffix(".partial")
    try:
        shutil.copyfile(path, partial)
        partial.replace(cached)
    except OSError as exc:
        say(f"  could not keep the generated store in {cached.parent}: {exc}")
        return
    say(f"  kept the generated store for later runs: {cached}")


def _vacuum_analyze(url: str) -> None:
    """Fresh statistics and visibility map after bulk inserts, so PostgreSQL plans with
    real counts and answers scans from its indexes alone."""
    from frontwire.store import make_engine

    engine = make_engine(url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()
