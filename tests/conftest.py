"""Shared fixtures. The gold files live in ../shared beside the checkout: a missing
../shared is a failure (the evaluation is part of the suite), never a skip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontwire.model import Article

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_DIR = SHARED / "eval" / "seed"


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    folder = SHARED / "eval"
    assert folder.is_dir(), f"{folder} is missing: the gold files must sit beside the checkout"
    return folder


@pytest.fixture(scope="session")
def seed_article(shared_eval: Path) -> Article:
    text = (shared_eval / "seed" / "article.txt").read_text(encoding="utf-8")
    return Article(text=text, published=date(2022, 6, 14), source="seed")
