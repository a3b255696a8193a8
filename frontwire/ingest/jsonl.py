"""JSON lines: one article object per line, field names configurable with a FieldMap."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from frontwire.errors import InputError
from frontwire.ingest.common import FieldMap, coerce_date, make_article, report_or_raise
from frontwire.ingest.text import decode_bytes
from frontwire.model import Article


def article_from_record(record: dict[str, Any], fields: FieldMap, where: str) -> Article:
    """Map one JSON/CSV record to an Article; the text field is required."""
    text = record.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        keys = ", ".join(sorted(map(str, record))) or "none"
        raise InputError(
            where,
            f"no text in field {fields.text!r} (fields present: {keys}); "
            "name the text field with --fields text=NAME",
        )
    return make_article(
        text,
        where,
        title=_str(record.get(fields.title)),
        published=coerce_date(record.get(fields.published), f"{where} ({fields.published})"),
        source=_str(record.get(fields.source)),
        url=_str(record.get(fields.url)),
        language=_str(record.get("language")),
    )


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def read_jsonl(
    path: str | Path,
    fields: FieldMap | None = None,
    problems: list[InputError] | None = None,
) -> Iterator[Article]:
    """Yield one Article per non-empty line; a bad line stops the read with its line
    number, or, given ``problems``, is noted there and skipped."""
    fields = fields or FieldMap()
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from exc
    for number, line in enumerate(decode_bytes(raw, name).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            yield _article_from_line(line, fields, where)
        except InputError as exc:
            report_or_raise(exc, problems)


def _article_from_line(line: str, fields: FieldMap, where: str) -> Article:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        problem = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        raise InputError(where, f"not valid JSON ({problem})") from exc
    if not isinstance(record, dict):
        raise InputError(where, "each line must be a JSON object")
    return article_from_record(record, fields, where)
