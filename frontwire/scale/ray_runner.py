"""Extraction over a sharded corpus on Ray: JSONL/Parquet shards in, contract Parquet out.

Each Ray worker is an actor that loads the spaCy pipeline and the extractors' tables
once, then takes whole input shards: it reads one (local path or any fsspec URL),
extracts every article and writes one Parquet shard of the output contract next to
the others. Only shard names and small summaries travel through Ray, never articles,
so the driver stays small whatever the corpus size. The driver then loads the
Parquet shards into the store (SQLite here, PostgreSQL for a cluster).

Ray is an optional dependency (``pip install 'frontwire[scale]'``).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from frontwire.errors import FrontwireError, InputError
from frontwire.ingest.common import FieldMap
from frontwire.ingest.jsonl import article_from_record
from frontwire.model import Article, Extraction
from frontwire.scale.contract_io import read_contract_shard, write_contract_shard

SHARD_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".parquet")


@dataclass
class ShardResult:
    """What one worker did with one input shard."""

    shard: str
    output: str
    articles: int
    events: int
    seconds: float
    pid: int


@dataclass
class RayIngestSummary:
    """The whole run: per-shard results and what the store made of them."""

    shards: list[ShardResult] = field(default_factory=list)
    stored: dict[str, int] = field(default_factory=dict)
    extract_seconds: float = 0.0
    store_seconds: float = 0.0

    @property
    def articles(self) -> int:
        return sum(s.articles for s in self.shards)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"articles": self.articles}


def list_shards(inputs: Sequence[str]) -> list[str]:
    """Expand paths, folders and globs (local or fsspec URLs) into sorted shard URLs."""
    shards: list[str] = []
    for spec in inputs:
        fs, _, paths = fsspec.get_fs_token_paths(spec)
        found: list[str] = []
        for path in paths:
            if fs.isdir(path):
                found.extend(p for p in fs.find(path) if p.endswith(SHARD_SUFFIXES))
            elif fs.exists(path):
                found.append(path)
        if not found:
            raise InputError(spec, "no JSONL or Parquet shards found there")
        shards.extend(fs.unstrip_protocol(p) if "://" in spec else p for p in sorted(found))
    return list(dict.fromkeys(shards))


def read_shard(
    url: str, fields: FieldMap | None = None, published_default: date | None = None
) -> Iterator[Article]:
    """Articles of one JSONL (optionally gzipped) or Parquet shard, in file order.

    ``published_default`` fills a missing publication date, as ``frontwire ingest`` does.
    """
    for article in _read_shard(url, fields or FieldMap()):
        if article.published is None and published_default is not None:
            article = replace(article, published=published_default)
        yield article


def _read_shard(url: str, fields: FieldMap) -> Iterator[Article]:
    if url.endswith(".parquet"):
        try:
            with fsspec.open(url, "rb") as handle:
                rows = pq.read_table(handle).to_pylist()
        except (OSError, pa.ArrowInvalid) as exc:
            raise InputError(url, f"cannot be read as Parquet ({exc})") from exc
        for number, row in enumerate(rows, start=1):
            yield article_from_record(row, fields, f"{url}:row {number}")
        return
    try:
        with fsspec.open(url, "rt", encoding="utf-8", compression="infer") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(url, f"cannot be read as UTF-8 JSON lines ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{url}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, f"not valid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise InputError(where, "each line must be a JSON object")
        yield article_from_record(record, fields, where)


def output_url(out_dir: str, index: int, shard: str) -> str:
    """``out_dir/part-00003-<shard name>.parquet``: unique and traceable to its input."""
    name = shard.rstrip("/").rsplit("/", 1)[-1]
    for suffix in SHARD_SUFFIXES:
        name = name.removesuffix(suffix)
    return f"{out_dir.rstrip('/')}/part-{index:05d}-{name}.parquet"


class ShardWorker:
    """Ray actor body: one pipeline load, then any number of shards."""

    def __init__(self, chunk_size: int, published_default: date | None) -> None:
        from frontwire.scale.parallel import init_worker

        init_worker()
        self.chunk_size = chunk_size
        self.published_default = published_default

    def process(self, shard: str, out: str, fields: FieldMap | None) -> ShardResult:
        import os

        from frontwire.pipeline import extract_articles
        from frontwire.scale.parallel import chunks

        start = time.perf_counter()
        events = 0

        def extracted() -> Iterator[Extraction]:
            nonlocal events
            articles = read_shard(shard, fields, self.published_default)
            for chunk in chunks(articles, self.chunk_size):
                for extraction in extract_articles(chunk, batch_size=self.chunk_size):
                    events += len(extraction.events)
                    yield extraction

        try:
            articles = write_contract_shard(extracted(), out)
        except FrontwireError as exc:
            # Subclasses with custom __init__ do not survive Ray's pickling; the text does.
            raise FrontwireError(str(exc)) from None
        return ShardResult(
            shard=shard,
            output=out,
            articles=articles,
            events=events,
            seconds=time.perf_counter() - start,
            pid=os.getpid(),
        )


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise FrontwireError(
            "the Ray engine needs Ray: pip install 'frontwire[scale]' (or ray==2.60.0)"
        ) from exc
    return ray


def extract_shards_ray(
    shards: Sequence[str],
    out_dir: str,
    *,
    address: str | None = None,
    workers: int | None = None,
    fields: FieldMap | None = None,
    chunk_size: int = 16,
    published_default: date | None = None,
) -> list[ShardResult]:
    """Extract every shard on Ray and write one contract Parquet shard each.

    Connects to ``address`` (``auto``, ``ray://host:10001``) or to an already started
    Ray; otherwise starts a local Ray with ``workers`` CPUs. Results come back in shard
    order whatever order the workers finished in.
    """
    ray = _ray()
    if not ray.is_initialized():
        if address:
            ray.init(address=address)
        else:
            ray.init(num_cpus=workers, include_dashboard=False)
    out_fs, out_path = fsspec.core.url_to_fs(out_dir)
    out_fs.makedirs(out_path, exist_ok=True)
    cpus = int(ray.cluster_resources().get("CPU", 1))
    count = max(1, min(workers or cpus, len(shards), cpus))
    actor_class = ray.remote(num_cpus=1)(ShardWorker)
    actors = [actor_class.remote(chunk_size, published_default) for _ in range(count)]
    pool = ray.util.ActorPool(actors)
    jobs = [(shard, output_url(out_dir, i, shard)) for i, shard in enumerate(shards)]
    try:
        results = list(
            pool.map_unordered(lambda a, job: a.process.remote(job[0], job[1], fields), jobs)
        )
    except ray.exceptions.RayTaskError as exc:
        cause = exc.as_instanceof_cause()
        if isinstance(cause, FrontwireError):
            raise FrontwireError(str(cause)) from None
        raise
    finally:
        for actor in actors:
            ray.kill(actor)
    order = {shard: i for i, shard in enumerate(shards)}
    return sorted(results, key=lambda r: order[r.shard])


def load_contract_shards(paths: Sequence[str], db: str | None = None) -> dict[str, int]:
    """Store every extraction of the shards (one transaction per shard), then relink."""
    from frontwire.store import open_store, relink, save_extraction

    counts = {"new": 0, "replaced": 0, "unchanged": 0, "merged_events": 0}
    factory = open_store(db)
    with factory() as session:
        for path in paths:
            for extraction in read_contract_shard(path):
                counts[save_extraction(session, extraction)] += 1
            session.commit()
        counts["merged_events"] = len(relink(session))
        session.commit()
    return counts


def ingest_with_ray(
    inputs: Sequence[str],
    out_dir: str,
    db: str | None = None,
    *,
    address: str | None = None,
    workers: int | None = None,
    fields: FieldMap | None = None,
    chunk_size: int = 16,
    published_default: date | None = None,
) -> RayIngestSummary:
    """``frontwire ingest --engine ray``: shards -> Ray extraction -> Parquet -> store."""
    shards = list_shards(inputs)
    summary = RayIngestSummary()
    start = time.perf_counter()
    summary.shards = extract_shards_ray(
        shards,
        out_dir,
        address=address,
        workers=workers,
        fields=fields,
        chunk_size=chunk_size,
        published_default=published_default,
    )
    summary.extract_seconds = time.perf_counter() - start
    start = time.perf_counter()
    summary.stored = load_contract_shards([s.output for s in summary.shards], db)
    summary.store_seconds = time.perf_counter() - start
    return summary
