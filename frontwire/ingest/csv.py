"""CSV files with a header row; column names configurable with a FieldMap."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from frontwire.errors import InputError
from frontwire.ingest.common import FieldMap, report_or_raise
from frontwire.ingest.jsonl import article_from_record
from frontwire.ingest.text import decode_bytes
from frontwire.model import Article


def read_csv(
    path: str | Path,
    fields: FieldMap | None = None,
    problems: list[InputError] | None = None,
) -> Iterator[Article]:
    """Yield one Article per row; the header must name the text column.

    A bad row stops the read, or, given ``problems``, is noted there and skipped.
    """
    fields = fields or FieldMap()
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from exc
    # News texts are long: lift the csv module's 128 KiB field limit.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.DictReader(io.StringIO(decode_bytes(raw, name), newline=""))
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise InputError(name, f"not a readable CSV file ({exc})") from exc
    if not header or fields.text not in header:
        found = ", ".join(header or []) or "none"
        raise InputError(
            name,
            f"no column {fields.text!r} (columns: {found}); "
            "name the text column with --fields text=NAME",
        )
    rows = enumerate(reader, start=2)
    while True:
        try:
            number, row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"{name}:{reader.line_num}", f"not readable CSV ({exc})") from exc
        # Extra cells land in a list under the None key; only named columns are text.
        cells = [v for k, v in row.items() if k is not None and isinstance(v, str)]
        if not any(value.strip() for value in cells):
            continue
        try:
            yield article_from_record(row, fields, f"{name}:{number}")
        except InputError as exc:
            report_or_raise(exc, problems)
