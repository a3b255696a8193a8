"""CSV files with a header row; column names configurable with a FieldMap."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from frontwire.errors import InputError
from frontwire.ingest.common import FieldMap
from frontwire.ingest.jsonl import article_from_record
from frontwire.ingest.text import decode_bytes
from frontwire.model import Article


def read_csv(path: str | Path, fields: FieldMap | None = None) -> Iterator[Article]:
    """Yield one Article per row; the header must name the text column."""
    fields = fields or FieldMap()
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from exc
    # News texts are long: lift the csv module's 128 KiB field limit.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.DictReader(io.StringIO(decode_bytes(raw, name), newline=""))
    if not reader.fieldnames or fields.text not in reader.fieldnames:
        found = ", ".join(reader.fieldnames or []) or "none"
        raise InputError(
            name,
            f"no column {fields.text!r} (columns: {found}); "
            "name the text column with --fields text=NAME",
        )
    for number, row in enumerate(reader, start=2):
        if not any((value or "").strip() for value in row.values()):
            continue
        yield article_from_record(row, fields, f"{name}:{number}")
