"""Scoring against ``frontwire-gold/1`` files (DESIGN.md, "Gold files").

A gold event matches a produced one by type (ACLED sub-event type where the gold has
one, else PLOVER type), location within 50 km where the gold has one, and date within
``tolerance_days``; a claim by its opening words and speaker; a place by coordinates
within 25 km (or ``radius_km``); a time by its resolved value. Matching is one-to-one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from frontwire.errors import InputError
from frontwire.evaluate.common import normalize_actor
from frontwire.geo import haversine_km
from frontwire.ingest.clean import clean_article
from frontwire.model import Article
from frontwire.pipeline import extract_article

EVENT_RADIUS_KM = 50.0
PLACE_RADIUS_KM = 25.0


@dataclass
class AreaScore:
    """Recall over required gold items, precision over produced items, and the misses."""

    name: str
    required_found: int = 0
    required_total: int = 0
    produced_matched: int = 0
    produced_total: int = 0
    misses: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.required_found / self.required_total if self.required_total else 1.0

    @property
    def precision(self) -> float:
        return self.produced_matched / self.produced_total if self.produced_total else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "required_found": self.required_found,
            "required_total": self.required_total,
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "produced": self.produced_total,
            "misses": self.misses,
            "details": self.details,
        }


def load_gold(gold_dir: Path) -> tuple[dict[str, Any], Article]:
    gold_path = gold_dir / "gold.json"
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(gold_path), f"cannot read the gold file ({exc})") from exc
    if gold.get("format") != "frontwire-gold/1":
        raise InputError(str(gold_path), "not a frontwire-gold/1 file")
    meta = gold["article"]
    text = (gold_dir / meta["text_file"]).read_text(encoding="utf-8")
    published = date.fromisoformat(meta["published"]) if meta.get("published") else None
    article = clean_article(Article(text=text, published=published, id=meta.get("id", "")))
    return gold, article


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _event_matches(gold: dict[str, Any], event: dict[str, Any]) -> bool:
    if gold.get("sub_event_type"):
        if event.get("sub_event_type") != gold["sub_event_type"]:
            return False
    elif (event.get("plover") or {}).get("event_type") != gold.get("plover"):
        return False
    loc = gold.get("location")
    if loc and not loc.get("optional") and "lat" in loc:
        if event.get("latitude") is None or event.get("longitude") is None:
            return False
        distance = haversine_km(loc["lat"], loc["lon"], event["latitude"], event["longitude"])
        if distance > EVENT_RADIUS_KM:
            return False
    return dated_within(gold, event)


def dated_within(gold: dict[str, Any], event: dict[str, Any]) -> bool:
    """The event's date is within the gold's ``tolerance_days`` (true when gold has none)."""
    when = gold.get("date") or {}
    if not when.get("value"):
        return True
    if not event.get("event_date"):
        return False
    delta = abs((date.fromisoformat(event["event_date"]) - date.fromisoformat(when["value"])).days)
    return delta <= when.get("tolerance_days", 0)


def _event_field_checks(gold: dict[str, Any], event: dict[str, Any]) -> list[str]:
    """Field-level disagreements on a matched event (reported, not part of the match)."""
    problems = []
    for key in ("actor1", "actor2"):
        if key in gold:
            want, got = normalize_actor(gold[key]), normalize_actor(event.get(key))
            if want != got and not (want and got and (want in got or got in want)):
                problems.append(f"{key} {event.get(key)!r} != {gold[key]!r}")
    if "fatalities" in gold and event.get("fatalities") != gold["fatalities"]:
        problems.append(f"fatalities {event.get('fatalities')} != {gold['fatalities']}")
    if gold.get("civilian_targeting") and not event.get("civilian_targeting"):
        problems.append("civilian_targeting missing")
    wanted_tags = gold.get("tags_any")
    if wanted_tags and not set(wanted_tags) & set(event.get("tags") or []):
        problems.append(f"none of tags {wanted_tags}")
    if gold.get("reported_by"):
        key = gold["reported_by"].lower().split()[-1]
        if not any(key in str(r).lower() for r in event.get("reported_by") or []):
            problems.append(f"reported_by lacks {gold['reported_by']!r}")
    return problems


def score_events(gold_events: list[dict[str, Any]], produced: list[dict[str, Any]]) -> AreaScore:
    score = AreaScore("events", produced_total=len(produced))
    used: set[int] = set()
    for gold in sorted(gold_events, key=lambda g: not g.get("required", True)):
        required = gold.get("required", True)
        score.required_total += int(required)
        match = next(
            (i for i, e in enumerate(produced) if i not in used and _event_matches(gold, e)), None
        )
        if match is None:
            if required:
                score.misses.append(f"{gold['id']}: {gold['what']}")
            continue
        used.add(match)
        score.required_found += int(required)
        problems = _event_field_checks(gold, produced[match])
        verdict = "ok" if not problems else "; ".join(problems)
        score.details.append(f"{gold['id']} -> {produced[match]['event_id']}: {verdict}")
    score.produced_matched = len(used)
    for i, event in enumerate(produced):
        if i not in used:
            score.details.append(
                f"unmatched produced {event['event_id']}: {event.get('sub_event_type')} / "
                f"{(event.get('plover') or {}).get('event_type')} at {event.get('location')}"
            )
    return score


def _claim_matches(gold: dict[str, Any], claim: dict[str, Any]) -> bool:
    if not _squash(claim.get("text") or "").startswith(_squash(gold["quote_starts"])):
        return False
    key = (gold.get("speaker_key") or gold["speaker"].split()[-1]).lower()
    who = f"{claim.get('speaker') or ''} {claim.get('organization') or ''}".lower()
    return key in who


def score_claims(gold_claims: list[dict[str, Any]], produced: list[dict[str, Any]]) -> AreaScore:
    score = AreaScore("claims", produced_total=len(produced))
    used: set[int] = set()
    for gold in gold_claims:
        required = gold.get("required", True)
        score.required_total += int(required)
        match = next(
            (i for i, c in enumerate(produced) if i not in used and _claim_matches(gold, c)), None
        )
        if match is None:
            if required:
                opening = next(
                    (
                        c
                        for c in produced
                        if _squash(c.get("text") or "").startswith(_squash(gold["quote_starts"]))
                    ),
                    None,
                )
                found = f" (found with speaker {opening.get('speaker')!r})" if opening else ""
                score.misses.append(
                    f"{gold['id']} {gold['speaker']}: {gold['quote_starts']!r}{found}"
                )
            continue
        used.add(match)
        claim = produced[match]
        problems = []
        if gold.get("channel") and (claim.get("channel") or "").lower() != gold["channel"].lower():
            problems.append(f"channel {claim.get('channel')!r} != {gold['channel']!r}")
        if gold.get("date") and claim.get("date") != gold["date"]:
            problems.append(f"date {claim.get('date')!r} != {gold['date']!r}")
        if problems and required:
            score.misses.append(f"{gold['id']} {gold['speaker']}: " + "; ".join(problems))
        elif required:
            score.required_found += 1
        score.details.append(f"{gold['id']} -> {claim['id']}: " + ("; ".join(problems) or "ok"))
    score.produced_matched = len(used)
    return score


_ADMIN1_FEATURES = {"admin1", "adm1", "oblast", "region_admin1"}


def _place_matches(gold: dict[str, Any], place: dict[str, Any]) -> bool:
    mention = (place.get("mention") or "").lower()
    if gold["mention"].lower() not in mention and mention not in gold["mention"].lower():
        return False
    if (
        gold.get("kind") == "admin1"
        and (place.get("feature") or "").lower() not in _ADMIN1_FEATURES
    ):
        return False
    if "lat" not in gold:
        return (place.get("iso") or "").upper() == gold.get("iso", "").upper()
    if place.get("latitude") is None or place.get("longitude") is None:
        return False
    radius = gold.get("radius_km", PLACE_RADIUS_KM)
    return haversine_km(gold["lat"], gold["lon"], place["latitude"], place["longitude"]) <= radius


def score_places(gold_places: list[dict[str, Any]], produced: list[dict[str, Any]]) -> AreaScore:
    score = AreaScore("places", produced_total=len(produced))
    matched_gold_mentions = set()
    matched_produced: set[int] = set()
    for gold in gold_places:
        score.required_total += int(gold.get("required", True))
        hits = [i for i, p in enumerate(produced) if _place_matches(gold, p)]
        if hits:
            score.required_found += int(gold.get("required", True))
            matched_gold_mentions.add(gold["mention"])
            matched_produced.update(hits)
        else:
            near = [
                p for p in produced if gold["mention"].lower() in (p.get("mention") or "").lower()
            ]
            seen = ""
            if near:
                seen = (
                    f" (found as {near[0].get('name')} {near[0].get('feature')} "
                    f"{near[0].get('latitude')},{near[0].get('longitude')})"
                )
            score.misses.append(f"{gold['mention']} ({gold.get('kind')}){seen}")
    # A produced place is right when its mention is one that gold lists and it resolved right.
    score.produced_matched = len(matched_produced)
    return score


def _time_matches(gold: dict[str, Any], time: dict[str, Any], text: str) -> bool:
    want, got = gold["mention"].lower(), (time.get("mention") or "").lower()
    if want not in got and got not in want:
        return False
    if "paragraph" in gold:
        paragraph = text.count("\n", 0, time["start"])
        if paragraph != gold["paragraph"]:
            return False
    if time.get("value") != gold["value"]:
        return False
    return not gold.get("end") or time.get("end_value") == gold["end"]


def score_times(
    gold_times: list[dict[str, Any]], produced: list[dict[str, Any]], text: str
) -> AreaScore:
    score = AreaScore("times", produced_total=len(produced))
    used: set[int] = set()
    for gold in gold_times:
        score.required_total += 1
        match = next(
            (i for i, t in enumerate(produced) if i not in used and _time_matches(gold, t, text)),
            None,
        )
        if match is None:
            near = [
                t for t in produced if gold["mention"].lower() in (t.get("mention") or "").lower()
            ]
            got = f" (got {near[0].get('value')!r}..{near[0].get('end_value')!r})" if near else ""
            score.misses.append(f"{gold['mention']!r} = {gold['value']}{got}")
            continue
        used.add(match)
        score.required_found += 1
    score.produced_matched = len(used)
    return score


def evaluate_gold_dir(gold_dir: Path) -> dict[str, Any]:
    """Run the pipeline on the gold article and score every area."""
    gold, article = load_gold(gold_dir)
    result = extract_article(article).to_dict()
    areas = [
        score_events(gold.get("events", []), result["events"]),
        score_claims(gold.get("claims", []), result["claims"]),
        score_places(gold.get("places", []), result["places"]),
        score_times(gold.get("times", []), result["times"], article.text),
    ]
    return {"set": str(gold_dir), "kind": "gold", "areas": {a.name: a.to_dict() for a in areas}}


def format_gold_report(report: dict[str, Any]) -> str:
    lines = [f"Gold set {report['set']}"]
    for name, area in report["areas"].items():
        lines.append(
            f"  {name:7s} required {area['required_found']}/{area['required_total']}"
            f"  recall {area['recall']:.2f}  precision {area['precision']:.2f}"
            f"  (produced {area['produced']})"
        )
    for name, area in report["areas"].items():
        for miss in area["misses"]:
            lines.append(f"  MISS {name}: {miss}")
    for name, area in report["areas"].items():
        for detail in area["details"]:
            lines.append(f"  {name}: {detail}")
    return "\n".join(lines)
