"""Extractions as Parquet rows of the output contract, and back.

A distributed run writes its results as Parquet shards (one row per article) that any
dataframe tool reads, and that ``load_contract_shards`` turns back into the same
``Extraction`` objects to store. The article's own fields are columns; the nested
records (events, claims, places, times, actors) are JSON text in the shape of
``Extraction.to_dict()``, so the schema never has to guess a type from a null.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from frontwire.errors import InputError
from frontwire.model import Actor, Article, Claim, Event, Evidence, Extraction, Place, TimeExpr

RECORD_KINDS = ("events", "claims", "places", "times", "actors")
#: Articles per Parquet row group (and the most a writer holds before writing).
ROW_GROUP = 256

CONTRACT_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("published", pa.date32()),
        pa.field("source", pa.string()),
        pa.field("url", pa.string()),
        pa.field("language", pa.string()),
        pa.field("text", pa.string(), nullable=False),
        *(pa.field(kind, pa.string(), nullable=False) for kind in RECORD_KINDS),
        pa.field("n_events", pa.int32(), nullable=False),
    ]
)


def extraction_record(extraction: Extraction) -> dict[str, Any]:
    """One Parquet row: article columns, the text, and each record list as JSON."""
    article = extraction.article
    contract = extraction.to_dict()
    row: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "language": article.language,
        "text": article.text,
        "n_events": len(extraction.events),
    }
    for kind in RECORD_KINDS:
        row[kind] = json.dumps(contract[kind], ensure_ascii=False, default=str)
    return row


def extraction_from_record(row: dict[str, Any]) -> Extraction:
    """Rebuild the Extraction that ``extraction_record`` wrote."""
    published = row.get("published")
    if isinstance(published, str):
        published = date.fromisoformat(published)
    article = Article(
        text=row["text"],
        title=row.get("title"),
        published=published,
        source=row.get("source"),
        url=row.get("url"),
        language=row.get("language") or "en",
        id=row["id"],
    )
    lists = {kind: json.loads(row[kind]) for kind in RECORD_KINDS}
    events = []
    for raw in lists["events"]:
        evidence = [Evidence(**ev) for ev in raw.pop("evidence", [])]
        events.append(Event(**raw, evidence=evidence))
    return Extraction(
        article=article,
        events=events,
        claims=[Claim(**c) for c in lists["claims"]],
        places=[Place(**p) for p in lists["places"]],
        times=[TimeExpr(**t) for t in lists["times"]],
        actors=[Actor(**a) for a in lists["actors"]],
    )


def write_contract_shard(extractions: Iterable[Extraction], url: str) -> int:
    """Write one Parquet shard to ``url`` (a path or any fsspec URL); returns its rows.

    Rows are written in groups of ROW_GROUP as they arrive, so a worker never holds
    more than one group of records.
    """
    written = 0
    with (
        fsspec.open(url, "wb") as handle,
        pq.ParquetWriter(handle, CONTRACT_SCHEMA, compression="zstd") as writer,
    ):
        rows: list[dict[str, Any]] = []
        for extraction in extractions:
            rows.append(extraction_record(extraction))
            if len(rows) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=CONTRACT_SCHEMA))
                written += len(rows)
                rows = []
        if rows or not written:
            writer.write_table(pa.Table.from_pylist(rows, schema=CONTRACT_SCHEMA))
            written += len(rows)
    return written


def read_contract_shard(url: str) -> Iterator[Extraction]:
    """The extractions of one shard, in the order they were written."""
    try:
        with fsspec.open(url, "rb") as handle:
            table = pq.read_table(handle)
    except (OSError, pa.ArrowInvalid) as exc:
        raise InputError(url, f"not a readable contract Parquet shard ({exc})") from exc
    missing = [name for name in CONTRACT_SCHEMA.names if name not in table.column_names]
    if missing:
        raise InputError(url, f"not a contract shard: columns {', '.join(missing)} are missing")
    for row in table.to_pylist():
        yield extraction_from_record(row)
