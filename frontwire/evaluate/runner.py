"""Recognise what kind of gold set a folder holds and score it with the right scorer."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from frontwire.errors import InputError
from frontwire.evaluate.acled import evaluate_acled, format_acled_report
from frontwire.evaluate.cir import evaluate_cir, format_cir_report
from frontwire.evaluate.gold import evaluate_gold_dir, format_gold_report
from frontwire.evaluate.news import evaluate_news, format_news_report, is_news_folder

ACLED_COLUMNS = {"event_id_cnty", "sub_event_type", "notes"}
CIR_COLUMNS = {"entry", "brief description", "lat", "lon"}


def detect_kind(folder: Path) -> str:
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder of gold files")
    if (folder / "gold.json").exists():
        return "gold"
    csv_path = folder / "events.csv"
    if csv_path.exists():
        with csv_path.open(encoding="utf-8", newline="") as handle:
            header = set(next(csv.reader(handle), []))
        if header >= ACLED_COLUMNS:
            return "acled"
        if header >= CIR_COLUMNS:
            return "cir"
    if (folder / "merge-gold.json").exists():
        return "merge"
    if is_news_folder(folder):
        return "news"
    raise InputError(
        str(folder),
        "holds no gold.json, no ACLED or CIR events.csv, no merge-gold.json and no article folders",
    )


def evaluate_folder(
    folder: Path, holdout: bool = False, limit: int | None = None
) -> dict[str, Any]:
    kind = detect_kind(folder)
    if kind == "gold":
        return evaluate_gold_dir(folder)
    if kind == "acled":
        return evaluate_acled(folder / "events.csv", holdout_only=holdout, limit=limit)
    if kind == "cir":
        return evaluate_cir(folder / "events.csv", limit=limit)
    if kind == "news":
        return evaluate_news(folder)
    from frontwire.evaluate.merge import evaluate_merge  # written with the corpus store

    return evaluate_merge(folder)


def format_report(report: dict[str, Any]) -> str:
    kind = report["kind"]
    if kind == "gold":
        return format_gold_report(report)
    if kind == "acled":
        return format_acled_report(report)
    if kind == "cir":
        return format_cir_report(report)
    if kind == "news":
        return format_news_report(report)
    from frontwire.evaluate.merge import format_merge_report

    return format_merge_report(report)
