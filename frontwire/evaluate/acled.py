"""Scoring against ACLED's own coding (``eval/acled/events.csv``), as its README says.

The pipeline runs on each row's ``notes`` with ``published`` = ``event_date``; the
produced ACLED event nearest the row's coordinates stands for the row. ``--holdout``
scores only the rows that no fitted table or model may learn from (see ``is_holdout``).
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from frontwire.evaluate.common import normalize_actor, ratio, same_admin
from frontwire.evaluate.holdout import is_holdout
from frontwire.geo import haversine_km
from frontwire.model import Article
from frontwire.pipeline import extract_articles

LOCATION_RADIUS_KM = 25.0
FIELDS = (
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "fatalities",
    "location",
    "admin1",
    "event_date",
)
# Failing any of these (weighted) makes a row one of the "worst misses".
_MISS_WEIGHT = {
    "event_type": 3,
    "sub_event_type": 2,
    "actor1": 1,
    "actor2": 1,
    "fatalities": 1,
    "location": 1,
    "admin1": 1,
    "event_date": 1,
}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _pick_event(events: list[dict[str, Any]], row: dict[str, str]) -> dict[str, Any] | None:
    coded = [e for e in events if e.get("event_type")]
    if not coded:
        return None
    located = [e for e in coded if e.get("latitude") is not None]
    if not located:
        return coded[0]
    lat, lon = float(row["latitude"]), float(row["longitude"])
    return min(located, key=lambda e: haversine_km(lat, lon, e["latitude"], e["longitude"]))


def score_row(row: dict[str, str], event: dict[str, Any] | None) -> dict[str, bool]:
    if event is None:
        return dict.fromkeys(FIELDS, False)
    located = event.get("latitude") is not None and event.get("longitude") is not None
    return {
        "event_type": event.get("event_type") == row["event_type"],
        "sub_event_type": event.get("sub_event_type") == row["sub_event_type"],
        "actor1": normalize_actor(event.get("actor1")) == normalize_actor(row["actor1"]),
        "actor2": normalize_actor(event.get("actor2")) == normalize_actor(row["actor2"]),
        "fatalities": event.get("fatalities") == int(row["fatalities"] or 0),
        "location": located
        and haversine_km(
            float(row["latitude"]), float(row["longitude"]), event["latitude"], event["longitude"]
        )
        <= LOCATION_RADIUS_KM,
        "admin1": same_admin(event.get("admin1"), row["admin1"]),
        "event_date": event.get("event_date") == row["event_date"],
    }


def evaluate_acled(
    path: Path, holdout_only: bool = False, limit: int | None = None
) -> dict[str, Any]:
    rows = read_rows(path)
    if holdout_only:
        rows = [r for r in rows if is_holdout(r["event_id_cnty"])]
    if limit:
        rows = rows[:limit]
    articles = [
        Article(
            text=r["notes"],
            published=date.fromisoformat(r["event_date"]),
            source="acled-eval",
            id=r["event_id_cnty"],
        )
        for r in rows
    ]
    hits: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    produced_counts = []
    misses = []
    for row, extraction in zip(rows, extract_articles(articles), strict=True):
        events = [e for e in extraction.to_dict()["events"] if e.get("event_type")]
        produced_counts.append(len(events))
        event = _pick_event(events, row)
        checks = score_row(row, event)
        hits.update(k for k, ok in checks.items() if ok)
        confusion[(row["sub_event_type"], (event or {}).get("sub_event_type") or "(none)")] += 1
        weight = sum(_MISS_WEIGHT[k] for k, ok in checks.items() if not ok)
        if weight:
            misses.append((weight, row, event, [k for k, ok in checks.items() if not ok]))
    total = len(rows)
    misses.sort(key=lambda m: -m[0])
    return {
        "set": str(path),
        "kind": "acled",
        "rows": total,
        "holdout_only": holdout_only,
        "scores": {k: round(ratio(hits[k], total), 4) for k in FIELDS},
        "events_per_row": round(sum(produced_counts) / total, 3) if total else 0.0,
        "confusion": [
            {"gold": g, "produced": p, "count": n} for (g, p), n in confusion.most_common()
        ],
        "worst_misses": [
            {
                "id": row["event_id_cnty"],
                "failed": failed,
                "gold": {k: row[k] for k in FIELDS},
                "produced": None if event is None else {k: event.get(k) for k in FIELDS},
                "notes": row["notes"][:300],
            }
            for _, row, event, failed in misses[:25]
        ],
    }


def format_acled_report(report: dict[str, Any]) -> str:
    scope = " (held-out rows only)" if report["holdout_only"] else ""
    lines = [f"ACLED set {report['set']}: {report['rows']} rows{scope}"]
    for key, value in report["scores"].items():
        lines.append(f"  {key:15s} {value:.3f}")
    lines.append(f"  ACLED events produced per row: {report['events_per_row']:.2f}")
    lines.append("  Sub-event confusion (worst off-diagonal cells):")
    off = [c for c in report["confusion"] if c["gold"] != c["produced"]][:15]
    for cell in off:
        lines.append(f"    {cell['count']:4d}  {cell['gold']}  ->  {cell['produced']}")
    lines.append("  Worst misses:")
    for miss in report["worst_misses"]:
        lines.append(f"    {miss['id']} failed {', '.join(miss['failed'])}")
        lines.append(f"      gold     {miss['gold']}")
        lines.append(f"      produced {miss['produced']}")
        lines.append(f"      notes    {miss['notes']}")
    return "\n".join(lines)
