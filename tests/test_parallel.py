"""Extraction on several cores gives the same results, in the same order, as one core.

Also covers the benchmark corpus (reproducible, news-like), the contract Parquet
round trip and the ``frontwire bench`` command on a tiny corpus.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import typer
from spacy.tokens import Doc
from typer.testing import CliRunner

from frontwire.errors import FrontwireError
from frontwire.model import Article, Extraction
from frontwire.scale.bench import event_key, run_bench
from frontwire.scale.contract_io import read_contract_shard, write_contract_shard
from frontwire.scale.corpus import (
    CorpusSpec,
    generate,
    make_article,
    write_jsonl_shards,
    write_text_files,
)
from frontwire.scale.parallel import WorkerStats, extract_articles_parallel

SPEC = CorpusSpec(n=10, seed=7)


@pytest.fixture(scope="module")
def corpus() -> list:
    return list(generate(SPEC))


@pytest.fixture(scope="module")
def one_worker(corpus: list) -> list[Extraction]:
    return list(extract_articles_parallel(corpus, 1, chunk_size=4))


def test_corpus_is_reproducible_and_news_like(corpus: list) -> None:
    again = list(generate(SPEC))
    assert [a.text for a in again] == [a.text for a in corpus]
    # Article i depends on (seed, i) only: a bigger corpus starts with the smaller one.
    assert make_article(3, CorpusSpec(n=500, seed=7)).text == corpus[3].text
    assert make_article(3, CorpusSpec(n=10, seed=8)).text != corpus[3].text
    for article in corpus:
        words = len(article.text.split())
        assert 450 <= words <= 650, words
        assert article.published is not None
        assert article.text.count('"') >= 2, "articles carry quotes"
    assert len({a.id for a in corpus}) == len(corpus)


def test_two_workers_match_one_worker_in_order(corpus: list, one_worker: list) -> None:
    stats = WorkerStats()
    many = list(extract_articles_parallel(corpus, 2, chunk_size=3, stats=stats))
    assert [x.article.id for x in many] == [a.id for a in corpus]
    assert [event_key(x) for x in many] == [event_key(x) for x in one_worker]
    assert [x.to_dict() for x in many] == [x.to_dict() for x in one_worker]
    assert stats.articles == len(corpus)
    assert stats.peak_rss and os.getpid() not in stats.peak_rss
    assert 0 < stats.max_pss <= stats.max_rss


def test_spawned_workers_match_too(corpus: list, one_worker: list) -> None:
    """The start method used when the parent runs threads (e.g. next to Ray)."""
    many = list(extract_articles_parallel(corpus[:4], 2, chunk_size=2, start_method="spawn"))
    assert [x.to_dict() for x in many] == [x.to_dict() for x in one_worker[:4]]


def test_a_single_chunk_runs_without_a_pool(corpus: list, one_worker: list) -> None:
    stats = WorkerStats()
    few = list(extract_articles_parallel(corpus[:3], 4, chunk_size=16, stats=stats))
    assert [x.to_dict() for x in few] == [x.to_dict() for x in one_worker[:3]]
    assert list(stats.peak_rss) == [os.getpid()]
    assert list(extract_articles_parallel([], 2)) == []


def test_streams_a_generator_and_stops_early(corpus: list) -> None:
    stream = extract_articles_parallel(iter(corpus), 2, chunk_size=2)
    first = next(stream)
    stream.close()  # the pool is torn down, no worker left behind
    assert first.article.id == corpus[0].id


def _break_on(monkeypatch: pytest.MonkeyPatch, marker: str) -> None:
    """Make extraction raise for articles whose text holds ``marker`` (forked workers too)."""
    import frontwire.pipeline

    real = frontwire.pipeline.extract_doc

    def flaky(doc: Doc, article: Article) -> Extraction:
        if marker in article.text:
            raise ValueError("extractor bug")
        return real(doc, article)

    monkeypatch.setattr(frontwire.pipeline, "extract_doc", flaky)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_article_is_reported_and_the_others_come_out(
    corpus: list, one_worker: list, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = corpus[4]
    _break_on(monkeypatch, broken.text[:60])
    failures = []
    out = list(extract_articles_parallel(corpus, workers, chunk_size=3, on_failure=failures.append))
    assert [f.article.id for f in failures] == [broken.id]
    assert failures[0].error == "ValueError: extractor bug"
    expected = [x.to_dict() for x in one_worker if x.article.id != broken.id]
    assert [x.to_dict() for x in out] == expected
    # without a handler the error stops the run, as before
    with pytest.raises(Exception, match="extractor bug"):
        list(extract_articles_parallel(corpus, workers, chunk_size=3))


def test_a_worker_that_dies_stops_the_run_with_a_message_instead_of_hanging(
    corpus: list, one_worker: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    import frontwire.pipeline

    real = frontwire.pipeline.extract_doc
    marker = corpus[7].text[:60]

    def dies(doc: Doc, article: Article) -> Extraction:
        if marker in article.text:
            os._exit(3)  # what the kernel's out-of-memory killer leaves behind
        return real(doc, article)

    monkeypatch.setattr(frontwire.pipeline, "extract_doc", dies)
    out = []
    with pytest.raises(FrontwireError, match="worker process died"):
        for extraction in extract_articles_parallel(corpus, 2, chunk_size=2):
            out.append(extraction)
    # what came out before the dead worker's chunk is whole and in order
    assert [x.to_dict() for x in out] == [x.to_dict() for x in one_worker[: len(out)]]


def test_ingest_on_two_workers_reports_a_broken_article_and_stores_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontwire.cli import app
    from frontwire.store import counts, open_store

    articles = list(generate(CorpusSpec(n=6, seed=11)))
    texts = tmp_path / "texts"
    write_text_files(articles, texts)
    marker = articles[2].text[:60]
    assert sum(marker in a.text for a in articles) == 1
    _break_on(monkeypatch, marker)
    url = f"sqlite:///{tmp_path / 'w.db'}"
    args = ["ingest", str(texts), "--db", url, "-q", "--workers", "2", "--batch-size", "2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "extraction failed (ValueError: extractor bug)" in result.output
    assert "1 failed" in result.output
    with open_store(url)() as session:
        assert counts(session)["articles"] == 5


def test_ingest_and_extract_default_to_every_core() -> None:
    from frontwire.cli import app

    for command in ("ingest", "extract"):
        help_text = CliRunner().invoke(app, [command, "--help"]).output
        words = " ".join(help_text.replace("│", " ").split())  # the help box wraps lines
        assert "Extraction processes (default: all cores)" in words or (
            "Processes to extract with (default: all cores)" in words
        ), command


def test_bad_worker_counts_are_refused(corpus: list) -> None:
    with pytest.raises(FrontwireError, match="at least 1"):
        list(extract_articles_parallel(corpus, 0))
    with pytest.raises(FrontwireError, match="at least 1"):
        list(extract_articles_parallel(corpus, 2, chunk_size=0))


def test_contract_parquet_round_trip(tmp_path: Path, one_worker: list) -> None:
    url = str(tmp_path / "part.parquet")
    assert write_contract_shard(one_worker, url) == len(one_worker)
    back = list(read_contract_shard(url))
    assert [x.to_dict() for x in back] == [x.to_dict() for x in one_worker]
    assert [x.article.text for x in back] == [x.article.text for x in one_worker]


def test_not_a_contract_shard_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.parquet"
    bad.write_text("not parquet")
    with pytest.raises(FrontwireError, match=r"bad\.parquet"):
        list(read_contract_shard(str(bad)))


def test_corpus_files_read_back_as_the_same_articles(tmp_path: Path, corpus: list) -> None:
    from frontwire.ingest.jsonl import read_jsonl
    from frontwire.ingest.text import read_text_file

    paths = write_text_files(corpus[:3], tmp_path / "texts")
    assert [read_text_file(p).id for p in paths] == [a.id for a in corpus[:3]]
    shards = write_jsonl_shards(corpus, tmp_path / "shards", 3)
    ids = sorted(a.id for shard in shards for a in read_jsonl(shard))
    assert ids == sorted(a.id for a in corpus)


def test_bench_reports_every_figure(tmp_path: Path) -> None:
    report = run_bench(CorpusSpec(n=4, seed=3), workers=2, chunk_size=2)
    text = "\n".join(report.lines())
    for stage in ("bare parse", "extract, 1 worker", "extract, 2 workers", "store in SQLite"):
        timing = report.timing(stage)
        assert timing is not None and timing.seconds > 0, stage
        assert stage in text
    assert "full / bare parse" in text and "speed-up" in text
    assert "same events as 1 worker, in order: yes" in text
    assert report.timing("store in SQLite").articles == 4


def test_bench_command(tmp_path: Path) -> None:
    from frontwire.cli_scale import register

    app = typer.Typer()
    register(app)
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(
        app, ["--n", "3", "--workers", "1", "--no-store", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "articles/s" in result.stdout
    figures = json.loads(out.read_text())
    assert figures["n"] == 3 and figures["timings"][0]["name"] == "bare parse"
