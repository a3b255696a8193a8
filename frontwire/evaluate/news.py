"""Scoring on a folder of real news articles coded by hand (``eval/news``, its README).

Each sub-folder holds ``article.txt`` and a ``frontwire-gold/1`` ``gold.json``. Unlike the
seed scorer, matching is many-to-one (a produced event is right when it matches any gold
event, required or optional) and figures are pooled over all articles: violent and verbal
recall, violent / ACLED / PLOVER precision, field accuracy on matched required violent
events, claims with the right speaker, places, times and the fatalities sum.

Events the extractor marks ``background`` (reported as context, weeks or years old) are
left out of the product's event tables, so they are counted apart and not as produced
events; the report says how many there were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontwire.errors import InputError
from frontwire.evaluate.common import ratio
from frontwire.evaluate.gold import (
    EVENT_RADIUS_KM,
    _place_matches,
    _squash,
    dated_within,
    load_gold,
)
from frontwire.geo import haversine_km
from frontwire.ingest.clean import raw_offset
from frontwire.pipeline import extract_articles

VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
QUOTE_OPENING_CHARS = 40


def is_news_folder(folder: Path) -> bool:
    """A folder of article sub-folders, each with its own gold file."""
    return any((sub / "gold.json").is_file() for sub in folder.iterdir() if sub.is_dir())


def _within(gold_loc: dict[str, Any], lat: float, lon: float, radius: float) -> bool:
    return haversine_km(gold_loc["lat"], gold_loc["lon"], lat, lon) <= radius


def event_matches(gold: dict[str, Any], event: dict[str, Any]) -> bool:
    """The README's match: type, then place within 50 km (or radius / alternatives), then date."""
    if gold.get("event_type"):
        if event.get("event_type") != gold["event_type"]:
            return False
    else:
        if event.get("event_type"):
            return False
        plover = (event.get("plover") or {}).get("event_type")
        if plover != gold.get("plover") and plover not in (gold.get("plover_any") or []):
            return False
    loc = gold.get("location") or {}
    if loc and not loc.get("optional") and "lat" in loc:
        lat, lon = event.get("latitude"), event.get("longitude")
        if lat is None or lon is None:
            return False
        radius = loc.get("radius_km", EVENT_RADIUS_KM)
        places = [loc, *(gold.get("alt_locations") or [])]
        if not any(_within(p, lat, lon, p.get("radius_km", radius)) for p in places if "lat" in p):
            return False
    return dated_within(gold, event)


def actor_matches(gold_actor: str | None, produced: str | None) -> bool:
    """Every word of the gold actor, less 'military forces of', is in the produced actor."""
    if not gold_actor:
        return True
    words = re.sub(r"\bmilitary forces of\b", " ", gold_actor.lower())
    wanted = re.findall(r"[a-z0-9]+", re.sub(r"\(\s*\d{4}\s*-\s*\d{0,4}\s*\)", " ", words))
    have = set(re.findall(r"[a-z0-9]+", (produced or "").lower()))
    return all(w in have for w in wanted)


def paragraph_of(text: str, offset: int) -> int:
    """Paragraphs as the coders counted them: blocks of text between runs of line breaks."""
    return len(re.findall(r"\n+", text[:offset].lstrip("\n")))


def time_matches(gold: dict[str, Any], time: dict[str, Any], text: str) -> bool:
    """The gold mention (in its paragraph, when given) found with the gold value and end."""
    want, got = gold["mention"].lower(), (time.get("mention") or "").lower()
    if want not in got and got not in want:
        return False
    if "paragraph" in gold and paragraph_of(text, time["start"]) != gold["paragraph"]:
        return False
    if time.get("value") != gold["value"]:
        return False
    return not gold.get("end") or time.get("end_value") == gold["end"]


def claim_matches(gold: dict[str, Any], claim: dict[str, Any]) -> bool:
    """Opening words (40 characters, case and quote marks ignored) and the speaker key."""
    opening = _squash(gold["quote_starts"][:QUOTE_OPENING_CHARS])
    if opening not in _squash(claim.get("text") or ""):
        return False
    keys = gold.get("speaker_key_any") or [gold.get("speaker_key") or gold["speaker"].split()[-1]]
    who = f"{claim.get('speaker') or ''} {claim.get('organization') or ''}".lower()
    return any(key.lower() in who for key in keys)


@dataclass
class NewsTally:
    """Pooled counts over the articles, and the lines that explain them."""

    counts: dict[str, int] = field(default_factory=dict)
    misses: list[tuple[int, str]] = field(default_factory=list)
    false_positives: list[tuple[int, str]] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def get(self, key: str) -> int:
        return self.counts.get(key, 0)


def _short(text: str | None, limit: int = 90) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(event: dict[str, Any]) -> str:
    evidence = event["evidence"][0]["text"] if event.get("evidence") else ""
    kind = event.get("sub_event_type") or (event.get("plover") or {}).get("event_type")
    return (
        f"{kind} by {event.get('actor1')} at {event.get('location')} on {event.get('event_date')}"
        f" ({event.get('fatalities')} killed): {_short(evidence)!r}"
    )


def _best_match(gold: dict[str, Any], matches: list[dict[str, Any]]) -> dict[str, Any]:
    """The produced event that stands for a gold event: the one quoting its evidence, else first."""
    words = _squash(gold.get("evidence") or "")[:60]
    for event in matches:
        if words and any(words in _squash(e["text"]) for e in event.get("evidence") or []):
            return event
    return matches[0]


def _score_events(
    tally: NewsTally, article_id: str, golds: list[dict[str, Any]], events: list[dict[str, Any]]
) -> None:
    news = [e for e in events if not e.get("background")]
    tally.add("background", len(events) - len(news))
    for gold in golds:
        violent = gold.get("event_type") in VIOLENT_TYPES
        matches = [e for e in news if event_matches(gold, e)]
        if gold.get("required", True) and (violent or not gold.get("event_type")):
            area = "violent" if violent else "verbal"
            tally.add(f"{area}_required")
            if matches:
                tally.add(f"{area}_found")
            else:
                weight = 3 if violent else 1
                kind = gold.get("sub_event_type") or gold.get("plover")
                tally.misses.append(
                    (
                        weight,
                        f"MISS {area} {article_id} {gold['id']} ({kind}): {_short(gold['what'])}",
                    )
                )
        if violent and gold.get("required", True) and matches:
            event = _best_match(gold, matches)
            tally.add("matched_violent")
            tally.add(
                "sub_event_ok", int(event.get("sub_event_type") == gold.get("sub_event_type"))
            )
            tally.add("actor1_ok", int(actor_matches(gold.get("actor1"), event.get("actor1"))))
            tally.add("fatalities_ok", int(event.get("fatalities") == gold.get("fatalities", 0)))
    for event in news:
        matched = any(event_matches(g, event) for g in golds)
        acled = bool(event.get("event_type"))
        violent = event.get("event_type") in VIOLENT_TYPES
        for area, member in (("violent", violent), ("acled", acled), ("plover", not acled)):
            if member:
                tally.add(f"{area}_produced")
                tally.add(f"{area}_right", int(matched))
        if not matched:
            weight = 3 if violent else 2 if acled else 1
            tally.false_positives.append((weight, f"FALSE {article_id}: {_describe(event)}"))
    tally.add("fatalities_produced", sum(e.get("fatalities") or 0 for e in news))
    tally.add("fatalities_gold", sum(g.get("fatalities") or 0 for g in golds))


def _score_claims(
    tally: NewsTally, article_id: str, golds: list[dict[str, Any]], claims: list[dict[str, Any]]
) -> None:
    for gold in golds:
        if not gold.get("required", True):
            continue
        tally.add("claims_required")
        if any(claim_matches(gold, c) for c in claims):
            tally.add("claims_found")
            continue
        opening = _squash(gold["quote_starts"][:QUOTE_OPENING_CHARS])
        seen = next((c for c in claims if opening in _squash(c.get("text") or "")), None)
        got = f" (found, speaker {seen.get('speaker')!r})" if seen else " (not found)"
        tally.misses.append(
            (
                1,
                f"MISS claim {article_id} {gold['id']} {gold['speaker']}: "
                f"{_short(gold['quote_starts'], 50)!r}{got}",
            )
        )
    tally.add("claims_produced", len(claims))
    tally.add("claims_right", sum(any(claim_matches(g, c) for g in golds) for c in claims))


def _score_places_times(
    tally: NewsTally, article_id: str, gold: dict[str, Any], result: dict[str, Any], raw: str
) -> None:
    """Places by coordinates; times by value, in the paragraph of the text as scraped."""
    cleaning = result["article"].get("cleaning") or []
    for place in gold.get("places", []):
        if not place.get("required", True):
            continue
        tally.add("places_required")
        if any(_place_matches(place, p) for p in result["places"]):
            tally.add("places_found")
        else:
            tally.misses.append(
                (1, f"MISS place {article_id}: {place['mention']} ({place.get('kind')})")
            )
    for time in gold.get("times", []):
        if not time.get("required", True):
            continue
        tally.add("times_required")
        found = (dict(t, start=raw_offset(cleaning, t["start"])) for t in result["times"])
        if any(time_matches(time, t, raw) for t in found):
            tally.add("times_found")
        else:
            tally.misses.append(
                (1, f"MISS time {article_id}: {time['mention']!r} = {time['value']}")
            )


def evaluate_news(folder: Path) -> dict[str, Any]:
    """Run the pipeline on every article of the folder and pool the README's figures."""
    subdirs = sorted(d for d in folder.iterdir() if (d / "gold.json").is_file())
    if not subdirs:
        raise InputError(str(folder), "holds no article folders with a gold.json")
    loaded = [load_gold(d) for d in subdirs]
    tally = NewsTally()
    extractions = extract_articles(article for _, article in loaded)
    for subdir, (gold, article), extraction in zip(subdirs, loaded, extractions, strict=True):
        result = extraction.to_dict()
        article_id = gold["article"].get("id") or article.id
        _score_events(tally, article_id, gold.get("events", []), result["events"])
        _score_claims(tally, article_id, gold.get("claims", []), result["claims"])
        raw = (subdir / gold["article"]["text_file"]).read_text(encoding="utf-8")
        _score_places_times(tally, article_id, gold, result, raw)
    c = tally.get
    figures = {
        "violent_recall": ratio(c("violent_found"), c("violent_required")),
        "violent_precision": ratio(c("violent_right"), c("violent_produced")),
        "acled_precision": ratio(c("acled_right"), c("acled_produced")),
        "verbal_recall": ratio(c("verbal_found"), c("verbal_required")),
        "plover_precision": ratio(c("plover_right"), c("plover_produced")),
        "sub_event": ratio(c("sub_event_ok"), c("matched_violent")),
        "actor1": ratio(c("actor1_ok"), c("matched_violent")),
        "fatalities": ratio(c("fatalities_ok"), c("matched_violent")),
        "claims": ratio(c("claims_found"), c("claims_required")),
        "claim_precision": ratio(c("claims_right"), c("claims_produced")),
        "places": ratio(c("places_found"), c("places_required")),
        "times": ratio(c("times_found"), c("times_required")),
        "fatalities_sum": ratio(c("fatalities_produced"), c("fatalities_gold")),
    }
    return {
        "set": str(folder),
        "kind": "news",
        "articles": len(subdirs),
        "figures": {k: round(v, 4) for k, v in figures.items()},
        "counts": dict(sorted(tally.counts.items())),
        "misses": [line for _, line in sorted(tally.misses, key=lambda m: -m[0])],
        "false_positives": [line for _, line in sorted(tally.false_positives, key=lambda m: -m[0])],
    }


_FIGURE_LINES = (
    ("violent recall", "violent_recall", "violent_found", "violent_required"),
    ("violent precision", "violent_precision", "violent_right", "violent_produced"),
    ("ACLED precision", "acled_precision", "acled_right", "acled_produced"),
    ("verbal recall", "verbal_recall", "verbal_found", "verbal_required"),
    ("PLOVER precision", "plover_precision", "plover_right", "plover_produced"),
    ("sub-event (matched violent)", "sub_event", "sub_event_ok", "matched_violent"),
    ("actor1 (matched violent)", "actor1", "actor1_ok", "matched_violent"),
    ("fatalities (matched violent)", "fatalities", "fatalities_ok", "matched_violent"),
    ("claims (right speaker)", "claims", "claims_found", "claims_required"),
    ("claim precision", "claim_precision", "claims_right", "claims_produced"),
    ("places", "places", "places_found", "places_required"),
    ("times", "times", "times_found", "times_required"),
    ("fatalities sum (produced/gold)", "fatalities_sum", "fatalities_produced", "fatalities_gold"),
)


def format_news_report(report: dict[str, Any]) -> str:
    counts, figures = report["counts"], report["figures"]
    lines = [f"News set {report['set']}: {report['articles']} articles"]
    for label, key, num, den in _FIGURE_LINES:
        lines.append(
            f"  {label:32s} {figures[key]:.3f}  ({counts.get(num, 0)}/{counts.get(den, 0)})"
        )
    lines.append(f"  background events (not counted)  {counts.get('background', 0)}")
    lines.extend(f"  {line}" for line in report["misses"])
    lines.extend(f"  {line}" for line in report["false_positives"])
    return "\n".join(lines)
