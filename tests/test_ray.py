"""The Ray engine: a local Ray (2 CPUs) over JSONL shards gives the very events that
one process gives for the same articles, and they land in the store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from frontwire.errors import FrontwireError
from frontwire.ingest.jsonl import read_jsonl
from frontwire.pipeline import extract_articles
from frontwire.scale.bench import event_key
from frontwire.scale.contract_io import read_contract_shard
from frontwire.scale.corpus import CorpusSpec, generate, write_jsonl_shards

ray = pytest.importorskip("ray")

from frontwire.scale.ray_runner import (  # noqa: E402
    ingest_with_ray,
    list_shards,
    load_contract_shards,
)


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    corpus = list(generate(CorpusSpec(n=8, seed=11)))
    return write_jsonl_shards(corpus, tmp_path_factory.mktemp("corpus"), 3)


def test_ray_run_gives_the_single_process_events(
    local_ray: None, shards: list[Path], tmp_path: Path
) -> None:
    from frontwire.store import counts, open_store

    db = f"sqlite:///{tmp_path / 'ray.db'}"
    summary = ingest_with_ray([str(shards[0].parent)], str(tmp_path / "out"), db, workers=2)

    articles = [a for shard in shards for a in read_jsonl(shard)]
    single = {event_key(x) for x in extract_articles(articles)}
    outputs = [s.output for s in summary.shards]
    assert [Path(s.shard).name for s in summary.shards] == [p.name for p in shards]
    from_ray = {event_key(x) for path in outputs for x in read_contract_shard(path)}
    assert from_ray == single
    assert summary.articles == len(articles) == 8
    assert sum(s.events for s in summary.shards) == sum(
        len(x.events) for path in outputs for x in read_contract_shard(path)
    )
    assert summary.stored["new"] == 8
    with open_store(db)() as session:
        stored = counts(session)
    assert stored["articles"] == 8
    assert stored["events"] == sum(s.events for s in summary.shards)

    # Loading the same contract shards again stores nothing new.
    again = load_contract_shards(outputs, db)
    assert again["unchanged"] == 8 and again["new"] == 0


def test_shard_listing_expands_globs_and_names_empty_inputs(
    shards: list[Path], tmp_path: Path
) -> None:
    folder = shards[0].parent
    assert list_shards([str(folder / "*.jsonl")]) == [str(p) for p in shards]
    assert list_shards([f"file://{folder}"]) == [f"file://{p}" for p in shards]
    with pytest.raises(FrontwireError, match="no JSONL or Parquet shards"):
        list_shards([str(tmp_path)])


def test_parquet_and_gzipped_shards_read_as_the_same_articles(tmp_path: Path) -> None:
    import gzip
    import json
    from datetime import date

    import pyarrow as pa
    import pyarrow.parquet as pq

    from frontwire.scale.corpus import article_record
    from frontwire.scale.ray_runner import read_shard

    corpus = list(generate(CorpusSpec(n=3, seed=5)))
    records = [article_record(a) for a in corpus]
    records[1]["published"] = None
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "a.parquet")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r) + "\n" for r in records)
    fallback = date(2024, 5, 1)
    for name in ("a.parquet", "b.jsonl.gz"):
        articles = list(read_shard(str(tmp_path / name), published_default=fallback))
        assert [a.id for a in articles] == [a.id for a in corpus], name
        assert articles[0].published == corpus[0].published
        assert articles[1].published == fallback
