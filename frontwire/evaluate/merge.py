"""Scoring cross-article merging against a merge gold set (``merge-gold.json``).

The pipeline runs on every article of the set, all reports are merged, and two
articles count as linked when one merged event holds events of both. Pairwise
precision and recall over article pairs then say how often the merge joins what
should be joined and keeps apart what should stay apart.
"""

from __future__ import annotations

import json
from functools import partial
from itertools import combinations
from pathlib import Path
from typing import Any

from frontwire.errors import InputError
from frontwire.link import LinkConfig, MergedEvent, merge_reports, reports_from_extraction
from frontwire.link.merge import Similarity
from frontwire.link.reports import Report
from frontwire.link.rules import compare
from frontwire.link.similarity import lexical_similarity
from frontwire.model import Article

GOLD_NAME = "merge-gold.json"


def load_gold(folder: Path) -> dict[str, str]:
    path = folder / GOLD_NAME
    if not path.exists():
        raise InputError(str(folder), f"no {GOLD_NAME} here")
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != "frontwire-merge-gold/1":
        raise InputError(str(path), "format is not frontwire-merge-gold/1")
    return dict(data["articles"])


def read_set(folder: Path, gold: dict[str, str]) -> dict[str, Article]:
    """The articles of the set, by file name."""
    from frontwire.ingest.text import read_text_file

    articles = {}
    for name in sorted(gold):
        path = folder / "articles" / name
        if not path.exists():
            raise InputError(str(path), "listed in the gold file but missing")
        articles[name] = read_text_file(path)
    return articles


def extract_set(articles: dict[str, Article]) -> dict[str, dict[str, Any]]:
    """Run the real pipeline on every article of the set: file name -> contract dict."""
    from frontwire.pipeline import extract_articles

    names = list(articles)
    extractions = extract_articles([articles[n] for n in names])
    return {n: e.to_dict() for n, e in zip(names, extractions, strict=True)}


def score_merge(
    extracted: dict[str, dict[str, Any]],
    gold: dict[str, str],
    texts: dict[str, str],
    cfg: LinkConfig | None = None,
    similarity: Similarity = lexical_similarity,
) -> dict[str, Any]:
    """Merge the reports of already extracted articles and score article pairs."""
    by_article = {data["article"]["id"]: name for name, data in extracted.items()}
    reports = [
        r for name, data in extracted.items() for r in reports_from_extraction(data, texts[name])
    ]
    merged = merge_reports(reports, cfg, similarity)
    linked: dict[tuple[str, str], MergedEvent] = {}
    for event in merged:
        names = sorted({by_article[r.article_id] for r in event.reports})
        for pair in combinations(names, 2):
            linked.setdefault(pair, event)
    names = sorted(gold)
    gold_pairs = {p for p in combinations(names, 2) if gold[p[0]] == gold[p[1]]}
    predicted = set(linked)
    true_pos = gold_pairs & predicted
    precision, recall, f1 = _prf(len(true_pos), len(predicted), len(gold_pairs))
    # Diagnostic: the same pairs counting only each article's first (lead) event, which
    # is the one the gold labels; links made by background events are left out.
    leads = {
        f"{d['article']['id']}/{d['events'][0]['event_id']}"
        for d in extracted.values()
        if d["events"]
    }
    lead_pairs = {
        pair
        for event in merged
        for pair in combinations(
            sorted({by_article[r.article_id] for r in event.reports if r.key in leads}), 2
        )
    }
    lead_true = len(gold_pairs & lead_pairs)
    lead_p, lead_r, lead_f1 = _prf(lead_true, len(lead_pairs), len(gold_pairs))
    return {
        "kind": "merge",
        "articles": len(names),
        "gold_events": len(set(gold.values())),
        "reports": len(reports),
        "merged_events": len(merged),
        "articles_without_events": sorted(n for n in names if not extracted[n]["events"]),
        "gold_pairs": len(gold_pairs),
        "predicted_pairs": len(predicted),
        "true_pairs": len(true_pos),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "lead_events": {"precision": lead_p, "recall": lead_r, "f1": lead_f1},
        "false_links": [
            {"pair": list(p), "merged_event": linked[p].id, "why": _why(linked[p], p, by_article)}
            for p in sorted(predicted - gold_pairs)
        ],
        "missed_links": [list(p) for p in sorted(gold_pairs - predicted)],
        "missed_why": _why_apart_all(
            sorted(gold_pairs - predicted), reports, by_article, cfg or LinkConfig(), similarity
        ),
    }


def _prf(true: int, predicted: int, gold: int) -> tuple[float | None, ...]:
    precision = true / predicted if predicted else None
    recall = true / gold if gold else None
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
    return precision, recall, f1


def _why(event: MergedEvent, pair: tuple[str, str], by_article: dict[str, str]) -> list[str]:
    return [
        f"{by_article[r.article_id]}: {event.reasons[r.key]}"
        for r in event.reports
        if by_article[r.article_id] in pair
    ]


def _why_apart_all(
    pairs: list[tuple[str, str]],
    reports: list[Report],
    by_article: dict[str, str],
    cfg: LinkConfig,
    similarity: Similarity,
) -> dict[str, str]:
    """Why each missed pair of articles ended up apart: the verdict of its closest reports.

    A pair of reports that passes the rules on its own was kept apart by the group rules
    of :mod:`frontwire.link.merge` (another report of a group, or a dated sibling).
    """
    if not pairs:
        return {}
    sim = similarity([r.text() for r in reports])
    by_name: dict[str, list[int]] = {}
    for index, report in enumerate(reports):
        by_name.setdefault(by_article[report.article_id], []).append(index)
    why = {}
    for pair in pairs:
        left, right = by_name.get(pair[0], []), by_name.get(pair[1], [])
        if not left or not right:
            why[" ~ ".join(pair)] = "no event extracted from " + (pair[1] if left else pair[0])
            continue
        verdict, i, j = max(
            (
                (compare(reports[i], reports[j], partial(sim, i, j), cfg), i, j)
                for i in left
                for j in right
            ),
            key=lambda v: (not v[0].blocked, v[0].score),
        )
        if verdict.compatible:
            outcome = "passes on its own; kept apart by the group rules"
        else:
            outcome = "blocked" if verdict.blocked else "score below the threshold"
        why[" ~ ".join(pair)] = (
            f"closest {reports[i].key} ~ {reports[j].key}: {'; '.join(verdict.reasons)}"
            f"; score {verdict.score:.2f} ({outcome})"
        )
    return why


def evaluate_merge(dir_path: str | Path, cfg: LinkConfig | None = None) -> dict[str, Any]:
    """Extract every article of a merge set with the real pipeline and score the merge."""
    folder = Path(dir_path)
    gold = load_gold(folder)
    articles = read_set(folder, gold)
    texts = {name: article.text for name, article in articles.items()}
    report = score_merge(extract_set(articles), gold, texts, cfg)
    report["set"] = str(folder)
    return report


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_merge_report(report: dict[str, Any]) -> str:
    lines = [
        f"Merge set {report.get('set', '')}: {report['articles']} articles, "
        f"{report['gold_events']} gold events",
        f"  reports (events extracted) {report['reports']}  ->  merged events "
        f"{report['merged_events']}",
        f"  article pairs: gold {report['gold_pairs']}  predicted {report['predicted_pairs']}"
        f"  correct {report['true_pairs']}",
        f"  pairwise precision {_fmt(report['precision'])}  recall {_fmt(report['recall'])}"
        f"  F1 {_fmt(report['f1'])}",
    ]
    lead = report["lead_events"]
    lines.append(
        f"  (lead events only: precision {_fmt(lead['precision'])}  recall "
        f"{_fmt(lead['recall'])}  F1 {_fmt(lead['f1'])})"
    )
    if report["articles_without_events"]:
        lines.append("  articles with no event: " + ", ".join(report["articles_without_events"]))
    for item in report["false_links"]:
        lines.append(f"  FALSE LINK {item['pair'][0]} ~ {item['pair'][1]}")
        lines.extend(f"      {why}" for why in item["why"])
    why_apart = report.get("missed_why", {})
    for pair in report["missed_links"]:
        lines.append(f"  MISSED {pair[0]} ~ {pair[1]}")
        why = why_apart.get(" ~ ".join(pair))
        if why:
            lines.append(f"      {why}")
    return "\n".join(lines)


def print_merge_report(report: dict[str, Any]) -> None:
    print(format_merge_report(report))
