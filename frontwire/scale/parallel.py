"""Extraction across the cores of one machine, in input order, one pipeline per worker.

Parsing dominates the cost of an article and spaCy holds the GIL, so the only way to
use more than one core is more processes. Articles travel to workers in chunks (each
chunk goes through ``nlp.pipe`` as one batch) and come back as ``Extraction`` objects;
at most a few chunks per worker are in flight, so a corpus far larger than memory
streams through.

Start method: on Linux the parent loads the pipeline, freezes the garbage collector's
view of it and forks, so workers start at once and share the model's pages. A parent
that already runs threads (Ray, a web server) must not fork; it spawns instead, and
each worker loads the pipeline once in its initializer.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import resource
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from pathlib import Path

import psutil

from frontwire.errors import FrontwireError
from frontwire.model import Article, Extraction

#: Articles per task sent to a worker; also the ``nlp.pipe`` batch inside the worker.
DEFAULT_CHUNK_SIZE = 16
#: Chunks queued per worker: enough to keep every core busy, few enough to bound memory.
IN_FLIGHT_PER_WORKER = 3
WARM_UP_DATE = date(2024, 1, 1)


@dataclass(frozen=True)
class ExtractionFailure:
    """An article whose extraction raised, sent back instead of its Extraction.

    The error travels as text: exception objects do not all pickle, and the message is
    what the user needs to find the bug.
    """

    article: Article
    error: str  # "ValueError: boom"


#: What a caller passes to be told about failed articles (the run then goes on).
OnFailure = Callable[[ExtractionFailure], None]
ChunkResult = tuple[tuple[int, int, int], list["Extraction | ExtractionFailure"]]


@dataclass
class WorkerStats:
    """Memory high-water marks per worker process (filled while extraction runs)."""

    #: pid -> peak resident set size in bytes (``getrusage`` high-water mark).
    peak_rss: dict[int, int] = field(default_factory=dict)
    #: pid -> largest proportional set size seen (shared pages split between sharers).
    peak_pss: dict[int, int] = field(default_factory=dict)
    articles: int = 0

    def record(self, pid: int, rss: int, pss: int) -> None:
        self.peak_rss[pid] = max(rss, self.peak_rss.get(pid, 0))
        self.peak_pss[pid] = max(pss, self.peak_pss.get(pid, 0))

    @property
    def max_rss(self) -> int:
        return max(self.peak_rss.values(), default=0)

    @property
    def max_pss(self) -> int:
        return max(self.peak_pss.values(), default=0)


def default_workers() -> int:
    """All cores this process may run on (respects CPU affinity and container limits)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def memory_now() -> tuple[int, int, int]:
    """(pid, peak RSS, current PSS) of this process, in bytes.

    Peak RSS is the kernel's high-water mark; PSS splits pages shared with other
    workers (the forked model) between them, so it is the fair per-worker figure.
    """
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    peak_bytes = peak if sys.platform == "darwin" else peak * 1024
    process = psutil.Process()
    try:
        pss = int(getattr(process.memory_full_info(), "pss", 0)) or process.memory_info().rss
    except psutil.AccessDenied:
        pss = process.memory_info().rss
    return os.getpid(), peak_bytes, pss


def reset_peak_rss() -> bool:
    """Restart this process's RSS high-water mark from its current size (Linux only).

    A forked child inherits its parent's high-water mark, which would make every
    worker report the parent's peak; writing 5 to ``clear_refs`` resets it.
    """
    clear_refs = Path("/proc/self/clear_refs")
    if not clear_refs.exists():
        return False
    try:
        clear_refs.write_text("5")
    except OSError:
        return False
    return True


def chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Lists of ``size`` articles (the last one shorter), read lazily from ``articles``."""
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def init_worker() -> None:
    """Load the pipeline and, through one tiny article, every lazily loaded table.

    Done once per process before any chunk, so no chunk pays for a load and a broken
    install fails at start-up rather than halfway through a corpus.
    """
    from frontwire.pipeline import extract_article

    # the numeric date loads dateparser's tables (a fifth of a second) here, once
    text = "Troops shelled Kharkiv on Monday, 12/06/2023, officials said."
    extract_article(Article(text=text, published=WARM_UP_DATE))


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux; elsewhere a no-op).

    A worker whose parent was killed (SIGKILL, out of memory) would otherwise wait
    forever on a task queue no one writes to, holding memory and the parent's pipes.
    """
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
        return  # not allowed here: the worker then lives as long as the pool's queues
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _forked_worker(parent: int) -> None:
    """A forked worker has the pipeline already; only its memory accounting restarts."""
    die_with_parent(parent)
    reset_peak_rss()


def _spawned_worker(parent: int) -> None:
    """A spawned worker starts bare: it loads the pipeline and the tables once."""
    die_with_parent(parent)
    init_worker()


def _extract_chunk(chunk: list[Article], keep_going: bool) -> list[Extraction | ExtractionFailure]:
    """Parse the chunk as one ``nlp.pipe`` batch and extract every article, in order.

    With ``keep_going`` an article whose extraction raises comes back as an
    ``ExtractionFailure`` in its place and the chunk goes on.
    """
    from frontwire.pipeline import extract_articles

    results: list[Extraction | ExtractionFailure] = []

    def failed(article: Article, exc: Exception) -> None:
        results.append(ExtractionFailure(article, f"{type(exc).__name__}: {exc}"))

    on_failure = failed if keep_going else None
    results.extend(extract_articles(chunk, batch_size=len(chunk), on_failure=on_failure))
    return results


def _run_chunk(chunk: list[Article], keep_going: bool = False) -> ChunkResult:
    """Worker task: ``_extract_chunk`` plus this worker's memory figures."""
    try:
        results = _extract_chunk(chunk, keep_going)
    except FrontwireError as exc:
        # Subclasses with custom __init__ do not unpickle; the message is what the user needs.
        raise FrontwireError(str(exc)) from None
    return memory_now(), results


def _start_method() -> str:
    """fork where it is safe (Linux, single-threaded parent), spawn everywhere else."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def extract_articles_parallel(
    articles: Iterable[Article],
    workers: int | None = None,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    stats: WorkerStats | None = None,
    start_method: str | None = None,
    on_failure: OnFailure | None = None,
) -> Iterator[Extraction]:
    """Extract every article on ``workers`` processes (default: all cores), in input order.

    ``workers=1`` runs in this process with the same chunked batching, so one code path
    is timed in both cases. Pass ``stats`` to collect each worker's peak memory. Given
    ``on_failure``, an article whose extraction raises is passed to it (in input order)
    and the others still come out; without it the first such error stops the run.
    """
    count = default_workers() if workers is None else workers
    if count < 1:
        raise FrontwireError(f"--workers must be at least 1 (got {count})")
    if chunk_size < 1:
        raise FrontwireError(f"chunk size must be at least 1 (got {chunk_size})")
    batches = chunks(articles, chunk_size)
    head = list(islice(batches, 2))
    if count == 1 or len(head) < 2:
        # One chunk or less: starting processes would cost more than it saves.
        yield from _extract_here(chain(head, batches), stats, on_failure)
        return
    method = start_method or _start_method()
    yield from _extract_pool(chain(head, batches), count, stats, method, on_failure)


def _extract_here(
    batches: Iterable[list[Article]], stats: WorkerStats | None, on_failure: OnFailure | None
) -> Iterator[Extraction]:
    for chunk in batches:
        yield from _deliver(_extract_chunk(chunk, on_failure is not None), on_failure)
        if stats is not None:
            stats.record(*memory_now())
            stats.articles += len(chunk)


def _extract_pool(
    batches: Iterable[list[Article]],
    workers: int,
    stats: WorkerStats | None,
    method: str,
    on_failure: OnFailure | None,
) -> Iterator[Extraction]:
    context = multiprocessing.get_context(method)
    if method == "fork":
        # Load once in the parent; children share these pages copy-on-write, and a frozen
        # GC does not touch (and so copy) them when it runs in the children.
        init_worker()
        gc.freeze()
    pending: deque[tuple[list[Article], Future[ChunkResult]]] = deque()
    limit = workers * IN_FLIGHT_PER_WORKER
    keep_going = on_failure is not None
    initializer = _forked_worker if method == "fork" else _spawned_worker
    # An executor, not multiprocessing.Pool: when a worker dies outright (killed for
    # memory, a crash in native code) Pool waits for its lost task forever, while the
    # executor fails every pending task at once, and the run stops with a message.
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=initializer, initargs=(os.getpid(),)
    )
    try:
        for chunk in batches:
            pending.append((chunk, pool.submit(_run_chunk, chunk, keep_going)))
            while len(pending) >= limit:
                yield from _collect(_chunk_result(*pending.popleft()), stats, on_failure)
        while pending:
            yield from _collect(_chunk_result(*pending.popleft()), stats, on_failure)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # a consumer that stops early too
        if method == "fork":
            gc.unfreeze()


def _chunk_result(chunk: list[Article], future: Future[ChunkResult]) -> ChunkResult:
    """The worker's answer for ``chunk``; a dead worker process becomes a FrontwireError."""
    try:
        return future.result()
    except BrokenProcessPool:
        first = chunk[0].title or chunk[0].url or chunk[0].id
        raise FrontwireError(
            "an extraction worker process died (out of memory, or a crash in native code) "
            f"on a chunk of {len(chunk)} articles from {first!r} on; the articles delivered "
            "before it are not affected"
        ) from None


def _collect(
    result: ChunkResult, stats: WorkerStats | None, on_failure: OnFailure | None
) -> Iterator[Extraction]:
    """A worker's chunk: its memory figures into ``stats``, then ``_deliver``."""
    (pid, rss, pss), results = result
    if stats is not None:
        stats.record(pid, rss, pss)
        stats.articles += len(results)
    return _deliver(results, on_failure)


def _deliver(
    results: list[Extraction | ExtractionFailure], on_failure: OnFailure | None
) -> Iterator[Extraction]:
    """A chunk's extractions in order; each failure goes to ``on_failure`` where it stood."""
    for item in results:
        if isinstance(item, ExtractionFailure):
            if on_failure is not None:  # failures come back only when one was given
                on_failure(item)
            continue
        yield item
