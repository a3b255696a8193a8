"""Event-type colours for the report's map and timeline, from ``colors.json``."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

_FILE = Path(__file__).with_name("colors.json")


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    return json.loads(_FILE.read_text(encoding="utf-8"))


def color_for(event_type: str | None) -> str:
    """The dashboard's colour for an ACLED event type; other names hash to a spare colour."""
    table = _table()
    if not event_type:
        return str(table["none"])
    if event_type in table["types"]:
        return str(table["types"][event_type])
    h = 0
    for ch in event_type:
        h = (h * 31 + ord(ch)) & 0xFFFFFFFF
    spare = table["spare"]
    return str(spare[h % len(spare)])
