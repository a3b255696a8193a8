"""PLOVER's event types, modes and contexts, read from ``plover_types.json``.

PLOVER codes every event, including the verbal ones ACLED leaves out (ACCUSE,
CONSULT, REQUEST...). The table also gives the default PLOVER coding of each ACLED
sub-event type, so the two codings never disagree.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from frontwire.ontology.acled import load_json


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    return load_json("plover_types.json")


def event_types() -> list[str]:
    return list(table()["event_types"])


def modes(event_type: str) -> list[str]:
    return list(table()["event_types"][event_type]["modes"])


def contexts() -> list[str]:
    return list(table()["contexts"])


def is_verbal(event_type: str) -> bool:
    """Verbal events (accusations, requests, visits...) are statements, not physical acts."""
    return bool(table()["event_types"][event_type]["verbal"])


def from_acled(sub_event_type: str) -> tuple[str, str]:
    """(PLOVER type, default mode) for an ACLED sub-event type."""
    plover_type, mode = table()["from_acled"][sub_event_type]
    return plover_type, mode


def coding(event_type: str, mode: str | None, context: str | None) -> dict[str, str | None]:
    """The ``plover`` object of the output contract, checked against the table."""
    spec = table()["event_types"].get(event_type)
    if spec is None:
        raise ValueError(f"unknown PLOVER event type {event_type!r}; see plover_types.json")
    if mode is not None and mode not in spec["modes"]:
        mode = "unspecified" if "unspecified" in spec["modes"] else spec["modes"][-1]
    return {"event_type": event_type, "mode": mode, "context": context}
