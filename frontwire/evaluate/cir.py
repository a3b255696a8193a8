"""Scoring against the CIR/Bellingcat monitor (``eval/cir/events.csv``), as its README says."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from frontwire.evaluate.common import ratio, same_admin
from frontwire.geo import haversine_km
from frontwire.model import Article, Extraction
from frontwire.pipeline import extract_articles

VIOLENT_GROUPS = ("Bombing or Explosion", "Civilian Infrastructure Damage", "Civilian Casualty")
PRESENCE_GROUPS = ("Russian Military Presence",)
VIOLENT_ACLED = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
VIOLENT_PLOVER = {"ASSAULT", "FIGHT"}


def names_town(row: dict[str, str]) -> bool:
    town = row["town/city"].split()
    return bool(town) and town[0].lower() in row["brief description"].lower()


def is_violent(event: dict[str, Any]) -> bool:
    plover = (event.get("plover") or {}).get("event_type")
    return event.get("event_type") in VIOLENT_ACLED or plover in VIOLENT_PLOVER


def _points(result: dict[str, Any]) -> list[tuple[float, float]]:
    found = [
        (p["latitude"], p["longitude"])
        for p in result["places"]
        if p.get("latitude") is not None and p.get("role", "location") == "location"
    ]
    found += [
        (e["latitude"], e["longitude"]) for e in result["events"] if e.get("latitude") is not None
    ]
    return found


def produced_admin1(result: dict[str, Any]) -> str | None:
    """The admin-1 a reader would take away: the first event's, else the first local place's."""
    for event in result["events"]:
        if event.get("admin1"):
            return event["admin1"]
    for place in result["places"]:
        if place.get("admin1") and place.get("feature") != "country":
            return place["admin1"]
    return None


def evaluate_cir(path: Path, limit: int | None = None) -> dict[str, Any]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if limit:
        rows = rows[:limit]
    articles = [
        Article(
            text=r["brief description"],
            published=date.fromisoformat(r["date"]),
            source="cir-eval",
            id=r["entry"],
        )
        for r in rows
    ]
    named = near25 = near161 = admin_ok = 0
    violent_total = violent_hit = presence_total = presence_hit = 0
    misses: list[dict[str, Any]] = []
    extraction: Extraction
    for row, extraction in zip(rows, extract_articles(articles), strict=True):
        result = extraction.to_dict()
        violent = any(is_violent(e) for e in result["events"])
        group = row["event_group"]
        if group.startswith(VIOLENT_GROUPS):
            violent_total += 1
            violent_hit += violent
            if not violent:
                misses.append(
                    {"kind": "violent recall", "id": row["entry"], "text": row["brief description"]}
                )
        if group.startswith(PRESENCE_GROUPS):
            presence_total += 1
            presence_hit += violent
            if violent:
                misses.append(
                    {"kind": "false violence", "id": row["entry"], "text": row["brief description"]}
                )
        if not names_town(row):
            continue
        named += 1
        lat, lon = float(row["lat"]), float(row["lon"])
        distances = [haversine_km(lat, lon, a, b) for a, b in _points(result)]
        best = min(distances, default=float("inf"))
        near25 += best <= 25
        near161 += best <= 161
        admin = produced_admin1(result)
        admin_ok += same_admin(admin, row["province"])
        if best > 25 or not same_admin(admin, row["province"]):
            misses.append(
                {
                    "kind": "place",
                    "id": row["entry"],
                    "text": row["brief description"],
                    "town": row["town/city"],
                    "province": row["province"],
                    "best_km": None if best == float("inf") else round(best, 1),
                    "admin1": admin,
                }
            )
    return {
        "set": str(path),
        "kind": "cir",
        "rows": len(rows),
        "scores": {
            "place@25km": round(ratio(near25, named), 4),
            "acc@161km": round(ratio(near161, named), 4),
            "admin1": round(ratio(admin_ok, named), 4),
            "violent_recall": round(ratio(violent_hit, violent_total), 4),
            "false_violence": round(ratio(presence_hit, presence_total), 4),
        },
        "counts": {
            "rows_naming_town": named,
            "violent_rows": violent_total,
            "presence_rows": presence_total,
        },
        "misses": misses,
    }


def format_cir_report(report: dict[str, Any], max_misses: int = 40) -> str:
    lines = [f"CIR set {report['set']}: {report['rows']} rows {report['counts']}"]
    for key, value in report["scores"].items():
        lines.append(f"  {key:15s} {value:.3f}")
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for miss in report["misses"]:
        by_kind.setdefault(miss["kind"], []).append(miss)
    for kind, items in by_kind.items():
        lines.append(f"  Misses: {kind} ({len(items)})")
        for miss in items[:max_misses]:
            extra = {k: v for k, v in miss.items() if k not in ("kind", "id", "text")}
            lines.append(f"    {miss['id']}: {miss['text'][:120]}  {extra or ''}")
    return "\n".join(lines)
