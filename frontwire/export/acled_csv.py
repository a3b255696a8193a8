"""ACLED CSV: merged events in exactly ACLED's columns and order, with ACLED's conventions.

ACLED writes ``iso`` as the numeric ISO 3166 code, ``civilian_targeting`` as the words
"Civilian targeting" or nothing, several sources joined by "; ", and ``timestamp`` as the
Unix time of the row's last change (here: the export).
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any, TextIO

import pycountry


@cache
def acled_columns() -> tuple[str, ...]:
    data = json.loads(resources.files(__package__).joinpath("acled_columns.json").read_text())
    return tuple(data["columns"])


@cache
def _regions() -> dict[str, str]:
    data = json.loads(resources.files(__package__).joinpath("acled_regions.json").read_text())
    return {iso: region for region, codes in data["regions"].items() for iso in codes}


def _numeric_iso(code: str | None) -> str:
    if not code:
        return ""
    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    if country is None and len(code) == 3:
        country = pycountry.countries.get(alpha_3=code.upper())
    return str(int(country.numeric)) if country else ""


def _cell(value: Any) -> Any:
    return "" if value is None else value


def acled_row(event: dict[str, Any], timestamp: int) -> dict[str, Any]:
    """One merged event as an ACLED row."""
    day = event.get("event_date") or ""
    iso2 = (event.get("iso") or "").upper()
    sources = event.get("sources") or event.get("reported_by") or []
    row = {name: _cell(event.get(name)) for name in acled_columns()}
    row.update(
        event_id_cnty=event.get("event_id", ""),
        event_date=day,
        year=day[:4],
        civilian_targeting="Civilian targeting" if event.get("civilian_targeting") else "",
        iso=_numeric_iso(iso2),
        region=_regions().get(iso2, ""),
        admin3="",
        source="; ".join(sources),
        source_scale="",
        tags="; ".join(event.get("tags") or []),
        fatalities=event.get("fatalities") or 0,
        timestamp=timestamp,
    )
    return row


def write_acled_csv(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write the header and one row per event; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=list(acled_columns()), lineterminator="\n")
    writer.writeheader()
    stamp = int(time.time())
    count = 0
    for event in events:
        writer.writerow(acled_row(event, stamp))
        count += 1
    return count
