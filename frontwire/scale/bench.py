"""The speed benchmark: how close extraction runs to the bare parse, and how it scales.

One run, one corpus (``frontwire.scale.corpus``), these figures:

- the bare spaCy pipeline (``nlp.pipe``): the floor no extractor can beat;
- the full extraction with one worker, and its ratio to the bare parse;
- the full extraction with all workers (same results, checked), and its speed-up;
- articles/s, words/s and peak memory per worker for each;
- storing the extractions in a fresh SQLite store, and ingest-to-store throughput;
- optionally ``frontwire extract FILES --workers N --format jsonl`` timed from outside,
  and a py-spy profile of the one-worker extraction.

It prints figures and asserts nothing about time: machines differ.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from frontwire.model import Article, Extraction
from frontwire.scale.corpus import CorpusSpec, generate, write_text_files
from frontwire.scale.parallel import (
    DEFAULT_CHUNK_SIZE,
    WorkerStats,
    default_workers,
    extract_articles_parallel,
    init_worker,
    memory_now,
)

MIB = 1024 * 1024
#: Extractions saved per transaction in the store step.
STORE_BATCH = 100


@dataclass
class Timing:
    """One timed stage over the whole corpus."""

    name: str
    seconds: float
    articles: int
    words: int
    peak_rss_mib: float | None = None
    peak_pss_mib: float | None = None
    #: CPU seconds spent by this process and its workers; on a shared machine the wall
    #: time grows with other people's load, the CPU time much less.
    cpu_seconds: float | None = None

    @property
    def cores_busy(self) -> float | None:
        """CPU seconds per wall second: how many cores the stage kept busy."""
        if self.cpu_seconds is None or not self.seconds:
            return None
        return self.cpu_seconds / self.seconds

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


@dataclass
class BenchReport:
    """Everything one benchmark run measured; ``lines()`` is what the CLI prints."""

    n: int
    words: int
    workers: int
    chunk_size: int
    timings: list[Timing] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    profile: list[str] = field(default_factory=list)
    #: 1-minute load average before and after the run, and the cores available.
    load: tuple[float, float] = (0.0, 0.0)
    cores: int = 0

    def timing(self, name: str) -> Timing | None:
        return next((t for t in self.timings if t.name == name), None)

    def lines(self) -> list[str]:
        out = [
            f"corpus: {self.n} articles, {self.words:,} words "
            f"({self.words / max(self.n, 1):.0f} per article); "
            f"workers: {self.workers}; chunk: {self.chunk_size}",
            f"found: {', '.join(f'{v:,} {k}' for k, v in self.counts.items())}",
            "",
            f"{'stage':<34}{'seconds':>9}{'CPU s':>9}{'articles/s':>12}{'words/s':>10}"
            f"{'peak RSS MiB':>14}{'PSS MiB':>9}",
        ]
        for t in self.timings:
            rss = f"{t.peak_rss_mib:.0f}" if t.peak_rss_mib is not None else "-"
            pss = f"{t.peak_pss_mib:.0f}" if t.peak_pss_mib is not None else "-"
            cpu = f"{t.cpu_seconds:.2f}" if t.cpu_seconds is not None else "-"
            out.append(
                f"{t.name:<34}{t.seconds:>9.2f}{cpu:>9}{t.articles_per_s:>12.1f}"
                f"{t.words_per_s:>10,.0f}{rss:>14}{pss:>9}"
            )
        out.append("")
        bare, one = self.timing("bare parse"), self.timing("extract, 1 worker")
        many = self.timing(f"extract, {self.workers} workers")
        if bare and one:
            ratio = one.seconds / bare.seconds
            line = f"full / bare parse (1 worker): {ratio:.2f}x  (goal <= 1.5)"
            if one.cpu_seconds and bare.cpu_seconds:
                line += f"; by CPU time {one.cpu_seconds / bare.cpu_seconds:.2f}x"
            out.append(line)
        if one and many:
            line = (
                f"speed-up {self.workers} workers / 1 worker: "
                f"{one.seconds / many.seconds:.2f}x  (goal >= 1.7 on 2 cores)"
            )
            if many.cores_busy is not None:
                line += f"; the workers kept {many.cores_busy:.2f} of {self.cores} cores busy"
            out.append(line)
        out.extend(self.notes)
        before, after = self.load
        busy = before >= 1.0  # our own stages add up to ``workers`` to the later figure
        out.append(
            f"machine load (1-min average) before/after: {before:.1f}/{after:.1f} "
            f"on {self.cores} cores"
            + ("; other work was competing for the cores, so figures understate" if busy else "")
        )
        if self.profile:
            out.append("")
            out.extend(self.profile)
        return out

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for timing, raw in zip(self.timings, data["timings"], strict=True):
            raw["articles_per_s"] = round(timing.articles_per_s, 2)
            raw["words_per_s"] = round(timing.words_per_s, 1)
        return data


def _timed(func: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def cpu_seconds() -> float:
    """User and system CPU time of this process and of its finished (waited-for) children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _measured(func: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds, result); the pool's workers have exited by the end."""
    cpu = cpu_seconds()
    seconds, result = _timed(func)
    return seconds, cpu_seconds() - cpu, result


def bare_parse(texts: list[str], batch_size: int) -> int:
    """Parse every text with ``nlp.pipe`` and drop the Docs; returns the token count."""
    from frontwire.nlp import get_nlp

    return sum(len(doc) for doc in get_nlp().pipe(texts, batch_size=batch_size))


def event_key(extraction: Extraction) -> str:
    """A canonical text of one article's events, to compare runs for identical output."""
    events = extraction.to_dict()["events"]
    return json.dumps([extraction.article.id, events], sort_keys=True, default=str)


def store_extractions(extractions: list[Extraction], url: str) -> int:
    """Save into the store at ``url`` in transactions of STORE_BATCH; returns rows saved."""
    from frontwire.store.db import open_store
    from frontwire.store.save import save_extraction

    factory = open_store(url)
    saved = 0
    with factory() as session:
        for index, extraction in enumerate(extractions, start=1):
            if save_extraction(session, extraction) != "unchanged":
                saved += 1
            if index % STORE_BATCH == 0:
                session.commit()
        session.commit()
    return saved


def _mib(value: int) -> float:
    return value / MIB


def run_bench(
    spec: CorpusSpec,
    workers: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    *,
    cli: bool = False,
    profile: bool = False,
    store: bool = True,
    log: Callable[[str], None] = lambda _message: None,
) -> BenchReport:
    """Run every stage on one generated corpus and return the figures."""
    from frontwire.nlp import get_nlp

    count = workers or default_workers()
    articles = list(generate(spec))
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    report = BenchReport(n=len(articles), words=words, workers=count, chunk_size=chunk_size)
    report.cores = default_workers()
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0

    log("loading the pipeline")
    seconds, _ = _timed(get_nlp)
    report.notes.append(f"pipeline load (once per process): {seconds:.2f} s")
    # the extractors' lazily loaded tables, out of the timings as a worker has them
    seconds, _ = _timed(init_worker)
    report.notes.append(f"extractor tables load (once per process): {seconds:.2f} s")
    bare_parse(texts[:2], chunk_size)  # first-call allocations out of the timing

    log("bare parse")
    seconds, cpu, _ = _measured(lambda: bare_parse(texts, chunk_size))
    _, rss, pss = memory_now()
    report.timings.append(
        Timing("bare parse", seconds, len(texts), words, _mib(rss), _mib(pss), cpu)
    )

    log("extract, 1 worker")
    one_stats = WorkerStats()
    seconds, cpu, single = _measured(
        lambda: list(extract_articles_parallel(articles, 1, chunk_size=chunk_size, stats=one_stats))
    )
    report.timings.append(
        Timing(
            "extract, 1 worker", seconds, len(articles), words,
            _mib(one_stats.max_rss), _mib(one_stats.max_pss), cpu,
        )
    )  # fmt: skip
    report.counts = {
        kind: sum(len(getattr(x, kind)) for x in single)
        for kind in ("events", "claims", "places", "times", "actors")
    }
    if profile:
        log("profiling 1 worker")
        subset = CorpusSpec(n=min(spec.n, 200), words=spec.words, seed=spec.seed)
        report.profile = profile_extraction(subset, chunk_size)

    if count > 1:
        log(f"extract, {count} workers")
        stats = WorkerStats()
        seconds, cpu, many = _measured(
            lambda: list(
                extract_articles_parallel(articles, count, chunk_size=chunk_size, stats=stats)
            )
        )
        report.timings.append(
            Timing(
                f"extract, {count} workers", seconds, len(articles), words,
                _mib(stats.max_rss), _mib(stats.max_pss), cpu,
            )
        )  # fmt: skip
        same = [event_key(x) for x in single] == [event_key(x) for x in many]
        report.notes.append(
            f"{count} workers give the same events as 1 worker, in order: {'yes' if same else 'NO'}"
        )
    if store:
        log("storing in SQLite")
        _store_stage(report, single, words)
    if cli:
        _cli_stage(report, articles, count, words, log)
    report.load = (load_before, os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0)
    return report


def _store_stage(report: BenchReport, extractions: list[Extraction], words: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="frontwire-bench-"))
    try:
        url = f"sqlite:///{folder / 'bench.db'}"
        seconds, saved = _timed(lambda: store_extractions(extractions, url))
        report.timings.append(Timing("store in SQLite", seconds, saved, words))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    many = report.timing(f"extract, {report.workers} workers") or report.timing("extract, 1 worker")
    if many is not None:
        total = many.seconds + seconds
        report.timings.append(
            Timing(f"ingest to SQLite ({report.workers} workers)", total, report.n, words)
        )


def _cli_stage(
    report: BenchReport,
    articles: list[Article],
    workers: int,
    words: int,
    log: Callable[[str], None],
) -> None:
    """Time ``frontwire extract FILES --workers N --format jsonl`` as a user would run it."""
    exe = shutil.which("frontwire") or str(Path(sys.executable).with_name("frontwire"))
    help_text = subprocess.run([exe, "extract", "--help"], capture_output=True, text=True).stdout
    if "--workers" not in help_text:
        report.notes.append("CLI timing skipped: `frontwire extract` has no --workers option yet")
        return
    folder = Path(tempfile.mkdtemp(prefix="frontwire-bench-cli-"))
    try:
        paths = [str(p) for p in write_text_files(articles, folder / "texts")]
        for count in dict.fromkeys((1, workers)):
            log(f"CLI extract, {count} worker(s)")
            command = [exe, "extract", *paths, "--workers", str(count), "--format", "jsonl"]
            with (folder / "out.jsonl").open("wb") as sink:
                seconds, cpu, done = _measured(
                    lambda command=command, sink=sink: subprocess.run(
                        command, stdout=sink, stderr=subprocess.PIPE, check=False
                    )
                )
            if done.returncode != 0:
                report.notes.append(
                    f"CLI run with --workers {count} failed: {done.stderr.decode()[-300:]}"
                )
                continue
            report.timings.append(
                Timing(
                    f"CLI extract --workers {count}", seconds, len(articles), words, cpu_seconds=cpu
                )
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def profile_extraction(spec: CorpusSpec, chunk_size: int) -> list[str]:
    """Where one worker spends its time, sampled by py-spy from outside the process.

    A sampling profiler is used because tracing ones (cProfile, pyinstrument) hook
    every call and distort both the time and the memory of spaCy-heavy code.
    """
    exe = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(exe).exists():
        return ["profile skipped: py-spy is not installed (pip install -e '.[dev]')"]
    code = (
        "from frontwire.scale.bench import profile_target; "
        f"profile_target({spec.n}, {spec.words}, {spec.seed}, {chunk_size})"
    )
    folder = Path(tempfile.mkdtemp(prefix="frontwire-profile-"))
    try:
        raw = folder / "profile.txt"
        command = [exe, "record", "--format", "raw", "--full-filenames", "--rate", "100"]
        command += ["--output", str(raw), "--", sys.executable, "-c", code]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not raw.exists():
            return [f"profile failed (py-spy needs ptrace rights): {done.stderr.strip()[-300:]}"]
        stacks = raw.read_text(encoding="utf-8").splitlines()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return summarise_profile(stacks, spec.n)


def profile_target(n: int, words: int, seed: int, chunk_size: int) -> None:
    """What the profiled child process runs: the one-worker extraction of the corpus."""
    articles = list(generate(CorpusSpec(n=n, words=words, seed=seed)))
    init_worker()  # pipeline load and lazy tables out of the profile, as in a worker
    for _ in extract_articles_parallel(articles, 1, chunk_size=chunk_size):
        pass


def summarise_profile(stacks: list[str], n: int) -> list[str]:
    """Shares of the extraction's samples: inclusive per stage, and self time per function."""
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in stacks:
        trace, _, count_text = line.rpartition(" ")
        if not count_text.isdigit():
            continue
        frames = [_frame(f) for f in trace.split(";")]
        if not any(
            func == "extract_articles" and path.endswith("pipeline.py") for func, path in frames
        ):
            continue  # imports, corpus generation, pipeline loading
        count = int(count_text)
        total += count
        for stage in {name for name in map(_stage_name, frames) if name}:
            inclusive[stage] = inclusive.get(stage, 0) + count
        func, path = frames[-1]
        leaf = f"{func} ({_short(path)})"
        own[leaf] = own.get(leaf, 0) + count
    if not total:
        return ["profile: no samples inside the extraction"]
    lines = [f"profile of 1 worker over {n} articles ({total} samples at 100/s):"]
    lines.append("  inclusive share by stage:")
    for name, count in sorted(inclusive.items(), key=lambda kv: kv[1], reverse=True)[:15]:
        lines.append(f"  {count / total:6.1%}  {name}")
    lines.append("  self share by function:")
    for name, count in sorted(own.items(), key=lambda kv: kv[1], reverse=True)[:12]:
        lines.append(f"  {count / total:6.1%}  {name}")
    return lines


def _frame(text: str) -> tuple[str, str]:
    """``func (path:line)`` -> (func, path)."""
    func, _, where = text.rpartition(" (")
    if not func:
        return text, ""
    return func, where.rstrip(")").rpartition(":")[0]


def _short(path: str) -> str:
    path = path.replace("\\", "/")
    for marker in ("/site-packages/", "/frontwire/"):
        if marker in path:
            head = "frontwire/" if marker == "/frontwire/" else ""
            return head + path.rsplit(marker, 1)[1]
    return path.rsplit("/", 1)[-1]


def _stage_name(frame: tuple[str, str]) -> str | None:
    func, path = frame
    path = path.replace("\\", "/")
    if "/frontwire/" in path:
        module = path.rsplit("/frontwire/", 1)[1].removesuffix(".py").replace("/", ".")
        if module in ("pipeline",) or module.startswith("scale."):
            return None
        return f"frontwire.{module}.{func.split('.<locals>')[0]}"
    if path.endswith("spacy/language.py") and func in ("pipe", "Language.pipe"):
        return "spaCy nlp.pipe (the parse)"
    return None
