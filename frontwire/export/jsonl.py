"""JSON lines: one contract object per stored article, as ``frontwire extract`` prints it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO


def write_jsonl(items: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for item in items:
        out.write(json.dumps(item, ensure_ascii=False, sort_keys=False))
        out.write("\n")
        count += 1
    return count
