"""Cross-article merging: reports of the same real-world event become one merged event.

Candidates are found by blocking (type, date window, distance: see :mod:`rules`), then
joined greedily from the most to the least similar pair. Two groups join only if:

- every report of one passes the hard rules with every report of the other (complete
  link on type, date and place), so a chain of near misses (same town on consecutive
  days) never collapses into one event through intermediates;
- their reports are alike on average (mean pair score at least ``min_score``): one
  strong pair cannot drag in a group the rest of it barely resembles, while one
  vaguely coded report (a province, another event type) need not reach the full
  threshold with every other report once it clearly matches one of them;
- no article is in both, and a report whose date is only the publication date moves
  no further than the dated report of the same kind in its article could (see
  :func:`_anchors`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from frontwire.link.reports import Report
from frontwire.link.rules import (
    LinkConfig,
    PairVerdict,
    block_keys,
    compare,
    date_is_default,
    passes_hard_rules,
)
from frontwire.link.similarity import lexical_similarity

#: Text similarity function: one score in [0, 1] for every (i, j) pair asked for.
Similarity = Callable[[Sequence[str]], Callable[[int, int], float]]


@dataclass
class MergedEvent:
    """One real-world event, its representative values, and the reports it absorbed."""

    id: str
    event: dict[str, Any]
    reports: list[Report]
    reasons: dict[str, str] = field(default_factory=dict)
    scores: dict[str, float | None] = field(default_factory=dict)
    contested: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def sources(self) -> list[str]:
        return sorted({r.outlet for r in self.reports})

    @property
    def source_count(self) -> int:
        return len({r.article_id for r in self.reports})

    def to_dict(self) -> dict[str, Any]:
        """The merged record: contract event fields plus sources, claims and contest."""
        return {
            **self.event,
            "event_id": self.id,
            "source_count": self.source_count,
            "sources": self.sources,
            "articles": sorted({r.article_id for r in self.reports}),
            "reports": [
                {
                    "key": r.key,
                    "article_id": r.article_id,
                    "source": r.source,
                    "reason": self.reasons.get(r.key, ""),
                    "score": self.scores.get(r.key),
                }
                for r in self.reports
            ],
            "claims": [{**c, "article_id": r.article_id} for r in self.reports for c in r.claims],
            "contested": self.contested,
        }


def merge_reports(
    reports: Sequence[Report],
    cfg: LinkConfig | None = None,
    similarity: Similarity = lexical_similarity,
    context: Sequence[Report] = (),
) -> list[MergedEvent]:
    """Group reports into merged events; every report ends up in exactly one.

    Reports are first split into groups that the hard rules (type, date, place) connect;
    each group is merged on its own, with text similarity fitted on that group's texts.
    So the merged events of a group depend only on its reports, and linking a few new
    articles into a large store need only redo the groups they reach
    (:func:`frontwire.store.linking.link_articles`). ``context`` holds other reports of
    the same articles that are not being merged: they only constrain the reports dated
    by their publication date (:func:`_anchors`).
    """
    cfg = cfg or LinkConfig()
    pairs = hard_rule_pairs(reports, cfg)
    anchors = _anchors([*reports, *context])
    merged: list[MergedEvent] = []
    for component, edges in _components(len(reports), pairs):
        merged.extend(_merge_component(component, edges, reports, anchors, cfg, similarity))
    merged.sort(key=lambda m: (m.event.get("event_date") or "", m.id))
    return merged


def hard_rule_pairs(reports: Sequence[Report], cfg: LinkConfig) -> list[tuple[int, int]]:
    """Pairs (in comparison order) that share a bucket, lie within the widest date window
    and pass the hard rules: the only pairs that may ever sit in one merged event."""
    seen: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int]] = []
    for bucket in _buckets(reports).values():
        # Sweep each bucket in date order, stopping at the widest date window.
        for pos, i in enumerate(bucket):
            for j in bucket[pos + 1 :]:
                gap = (_sort_date(reports[j]) - _sort_date(reports[i])).days
                if gap > cfg.vague_date_window_days:
                    break
                key = (min(i, j), max(i, j))
                if key in seen:
                    continue
                seen.add(key)
                if passes_hard_rules(reports[i], reports[j], cfg):
                    pairs.append((i, j))
    return pairs


def _components(
    size: int, pairs: list[tuple[int, int]]
) -> list[tuple[list[int], list[tuple[int, int]]]]:
    """Connected groups of report indexes (ascending) with the pairs inside each."""
    parent = list(range(size))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    members: dict[int, list[int]] = {}
    for i in range(size):
        members.setdefault(root(i), []).append(i)
    edges: dict[int, list[tuple[int, int]]] = {}
    for i, j in pairs:
        edges.setdefault(root(i), []).append((i, j))
    return [(ms, edges.get(r, [])) for r, ms in members.items()]


def _merge_component(
    component: list[int],
    pairs: list[tuple[int, int]],
    reports: Sequence[Report],
    anchors: dict[int, list[int]],
    cfg: LinkConfig,
    similarity: Similarity,
) -> list[MergedEvent]:
    """Greedy merging inside one group that the hard rules connect."""
    if len(component) == 1:
        return [_build(component, reports, {})]
    local = {index: n for n, index in enumerate(component)}
    sim = similarity([reports[i].text() for i in component])
    verdicts: dict[tuple[int, int], PairVerdict] = {}
    candidates: list[tuple[float, int, int]] = []
    for i, j in pairs:
        verdict = compare(reports[i], reports[j], partial(sim, local[i], local[j]), cfg)
        key = (min(i, j), max(i, j))
        verdicts[key] = verdict
        if verdict.compatible:
            candidates.append((verdict.score, *key))
    candidates.sort(key=lambda c: (-c[0], reports[c[1]].key, reports[c[2]].key))

    group_of = {i: i for i in component}
    members: dict[int, list[int]] = {i: [i] for i in component}
    reasons: dict[int, tuple[str, float]] = {}
    for score, i, j in candidates:
        gi, gj = group_of[i], group_of[j]
        if gi == gj or not _can_join(members[gi], members[gj], verdicts, reports, anchors, cfg):
            continue
        keep, absorb = (gi, gj) if len(members[gi]) >= len(members[gj]) else (gj, gi)
        anchor, joiner = (i, j) if group_of[i] == keep else (j, i)
        verdict = verdicts[(min(i, j), max(i, j))]
        text = (
            f"matched {reports[anchor].outlet} report {reports[anchor].key}"
            f" (via {reports[joiner].key}): " + "; ".join(verdict.reasons) + f"; score {score:.2f}"
        )
        for m in members[absorb]:
            group_of[m] = keep
            # Members that already joined their group keep the reason they joined it by.
            reasons.setdefault(m, (text, score))
        members[keep].extend(members.pop(absorb))
    return [
        _build(sorted(ms, key=lambda m: reports[m].key), reports, reasons)
        for ms in members.values()
    ]


def _buckets(reports: Sequence[Report]) -> dict[str, list[int]]:
    """Report indexes per blocking bucket, each sorted by date then key."""
    buckets: dict[str, list[int]] = {}
    for index, report in enumerate(reports):
        for key in block_keys(report):
            buckets.setdefault(key, []).append(index)
    for members in buckets.values():
        members.sort(key=lambda i: (_sort_date(reports[i]), reports[i].key))
    return buckets


def _sort_date(report: Report) -> date:
    value = report.event.get("event_date")
    if value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    return report.published or date.min


def _anchors(reports: Sequence[Report]) -> dict[int, list[int]]:
    """For each report dated only by the publication date, the dated reports of the same
    kind (a shared blocking bucket) in its article.

    Such a report is most often the article's main event mentioned again ("the attack",
    "the strikes") with the place of a nearby sentence; it may only merge where its
    dated sibling could too, so a background line about the capital in a story about a
    provincial car bomb does not join the capital's events of that day.
    """
    by_article: dict[str, list[int]] = {}
    for index, report in enumerate(reports):
        by_article.setdefault(report.article_id, []).append(index)
    keys = [block_keys(report) for report in reports]
    anchors: dict[int, list[int]] = {}
    for index, report in enumerate(reports):
        if not date_is_default(report):
            continue
        dated = [
            other
            for other in by_article[report.article_id]
            if other != index and not date_is_default(reports[other]) and keys[other] & keys[index]
        ]
        if dated:
            anchors[index] = dated
    return anchors


def _can_join(
    left: list[int],
    right: list[int],
    verdicts: dict[tuple[int, int], PairVerdict],
    reports: Sequence[Report],
    anchors: dict[int, list[int]],
    cfg: LinkConfig,
) -> bool:
    """Whether two groups may become one merged event (rules in the module docstring)."""
    articles = {reports[a].article_id for a in left}
    if any(reports[b].article_id in articles for b in right):
        return False

    def allowed(a: int, b: int) -> bool:
        verdict = verdicts.get((min(a, b), max(a, b)))
        return verdict is not None and not verdict.blocked

    total = 0.0
    for a in left:
        for b in right:
            if not allowed(a, b):
                return False
            total += verdicts[(min(a, b), max(a, b))].score
    if total / (len(left) * len(right)) < cfg.min_score:
        return False
    for side, other in ((left, right), (right, left)):
        for m in side:
            if any(not allowed(s, b) for s in anchors.get(m, ()) for b in other):
                return False
    return True


def _build(
    indexes: list[int], reports: Sequence[Report], reasons: dict[int, tuple[str, float]]
) -> MergedEvent:
    group = [reports[i] for i in indexes]
    # Named after its first-published report, so later reports joining keep the id.
    first = min(group, key=lambda r: (r.published or date.max, r.key))
    digest = hashlib.sha256(first.key.encode("utf-8")).hexdigest()
    merged = MergedEvent(id=f"M{digest[:12]}", event={}, reports=group)
    for i in indexes:
        text, score = reasons.get(i, ("first report of this event", None))
        merged.reasons[reports[i].key] = text
        merged.scores[reports[i].key] = score
    merged.event = _representative(group, merged.contested)
    return merged


_PLACE_FIELDS = (
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "iso",
    "country",
    "admin1",
    "admin2",
)
_TYPE_FIELDS = ("disorder_type", "event_type", "sub_event_type", "plover")
_ACTOR_FIELDS = (
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
)


def _representative(group: list[Report], contested: dict[str, list[dict[str, Any]]]) -> dict:
    """Best-supported values; the values other reports gave are kept under ``contested``."""
    base = dict(max(group, key=lambda r: (r.event.get("confidence") or 0, r.key)).event)

    date_pick = _vote(
        group,
        lambda e: (e.get("event_date"), e.get("date_end"), e.get("time_precision")),
        prefer=lambda v: (v[2] or 9, v[0] or "9999"),
    )
    base["event_date"], base["date_end"], base["time_precision"] = date_pick
    _note_contest(contested, "event_date", group, lambda e: e.get("event_date"))

    place_pick = _vote(
        group,
        lambda e: tuple(e.get(f) for f in _PLACE_FIELDS),
        prefer=lambda v: (v[3] or 9, v[0] or ""),
    )
    base.update(zip(_PLACE_FIELDS, place_pick, strict=True))
    _note_contest(contested, "location", group, lambda e: e.get("location"))

    fatal = _vote(group, lambda e: e.get("fatalities") or 0, prefer=lambda v: v)
    base["fatalities"] = fatal
    # The words behind the count come from a report that gave the winning figure.
    backing = [r.event for r in group if (r.event.get("fatalities") or 0) == fatal]
    base["fatalities_text"] = next(
        (e.get("fatalities_text") for e in backing if e.get("fatalities_text")), None
    )
    if any("injured" in r.event for r in group):
        base["injured"] = _vote(group, lambda e: e.get("injured"), prefer=lambda v: v)
    _note_contest(contested, "fatalities", group, lambda e: e.get("fatalities") or 0)

    type_pick = _vote(
        group,
        lambda e: tuple(_freeze(e.get(f)) for f in _TYPE_FIELDS),
        prefer=lambda v: tuple(str(x) for x in v),
    )
    for name, value in zip(_TYPE_FIELDS, type_pick, strict=True):
        base[name] = dict(value) if isinstance(value, tuple) else value
    _note_contest(contested, "sub_event_type", group, lambda e: e.get("sub_event_type"))

    actor_pick = _vote(
        group,
        lambda e: tuple(e.get(f) for f in _ACTOR_FIELDS),
        prefer=lambda v: (v[0] is None, v[3] is None, str(v)),
    )
    base.update(zip(_ACTOR_FIELDS, actor_pick, strict=True))
    base["civilian_targeting"] = _vote(
        group, lambda e: bool(e.get("civilian_targeting")), prefer=lambda v: not v
    )

    base["tags"] = sorted({t for r in group for t in r.event.get("tags") or []})
    base["reported_by"] = sorted({s for r in group for s in r.event.get("reported_by") or []})
    base["evidence"] = [
        {**ev, "article_id": r.article_id} for r in group for ev in r.event.get("evidence") or []
    ]
    base["confidence"] = max(r.event.get("confidence") or 0 for r in group)
    return base


def _freeze(value: Any) -> Any:
    return tuple(sorted(value.items())) if isinstance(value, dict) else value


def _vote(group: list[Report], get: Callable[[dict], Any], prefer: Callable[[Any], Any]) -> Any:
    """The value most reports give; ties go to ``prefer`` (smallest wins).

    Reports without the value (None) only win when nobody gives one.
    """
    counts = Counter(get(r.event) for r in group)
    known = {v: n for v, n in counts.items() if v is not None and v != (None,) * _arity(v)}
    pool = known or counts
    top = max(pool.values())
    return min((v for v, n in pool.items() if n == top), key=prefer)


def _arity(value: Any) -> int:
    return len(value) if isinstance(value, tuple) else 1


def _note_contest(
    contested: dict[str, list[dict[str, Any]]],
    name: str,
    group: list[Report],
    get: Callable[[dict], Any],
) -> None:
    values: dict[Any, list[str]] = {}
    for report in group:
        value = get(report.event)
        if value is not None:
            values.setdefault(value, []).append(report.outlet)
    if len(values) > 1:
        contested[name] = [
            {"value": v, "sources": sorted(set(s))}
            for v, s in sorted(values.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))
        ]
