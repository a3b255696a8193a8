"""Speaker attribution of quotes: frontwire's claims extractor against textacy's baseline.

textacy (0.13) is not a frontwire dependency: it pins its own world of packages. Run this
script with a throwaway environment that has textacy and can also import frontwire, e.g.::

    python3.11 -m venv /tmp/textacy-venv
    echo "import site; site.addsitedir('$PWD/.venv/lib/python3.11/site-packages')" \\
        > /tmp/textacy-venv/lib/python3.11/site-packages/_frontwire.pth
    /tmp/textacy-venv/bin/pip install textacy==0.13.0
    /tmp/textacy-venv/bin/python bench/claims_baseline.py [--seed ../shared/eval/seed]

Texts: the hand-annotated cases in ``bench/claims_cases.json`` and, if given, a
``frontwire-gold/1`` folder (its claims' ``quote_starts`` and speaker). A gold quote is
*found* when a produced quote starts with its opening words, and *attributed* when that
quote's speaker (or, for frontwire, its organisation) contains the gold speaker key.
Precision = attributed / found quotes that match a gold quote; recall = attributed / gold.
Only quotes are compared (textacy has no indirect speech).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from frontwire.extract.claims import extract_claims
from frontwire.extract.times import extract_times
from frontwire.model import Article
from frontwire.nlp import get_nlp

HERE = Path(__file__).resolve().parent
QUOTE_MARKS = "\"'“”„«»‘’"

#: (quote text, speaker words) pairs produced for one text; raises if the method gives up.
Extractor = Callable[[str, date], list[tuple[str, str]]]


@dataclass
class Case:
    name: str
    text: str
    published: date
    gold: list[tuple[str, str]]  # (opening words, speaker key)


def _squash(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def load_cases(seed: Path | None) -> list[Case]:
    data = json.loads((HERE / "claims_cases.json").read_text("utf-8"))
    cases = [
        Case(
            c["name"],
            c["text"],
            date.fromisoformat(c["published"]),
            [(q["starts"], q["speaker"]) for q in c["quotes"]],
        )
        for c in data["cases"]
    ]
    if seed is not None:
        gold = json.loads((seed / "gold.json").read_text("utf-8"))
        cases.append(
            Case(
                f"seed ({seed.name})",
                (seed / "article.txt").read_text("utf-8"),
                date.fromisoformat(gold["article"]["published"]),
                [
                    (g["quote_starts"], g.get("speaker_key") or g["speaker"].split()[-1])
                    for g in gold["claims"]
                ],
            )
        )
    return cases


def frontwire_quotes(text: str, published: date) -> list[tuple[str, str]]:
    article = Article(text=text, published=published)
    doc = get_nlp()(text)
    return [
        (c.text, f"{c.speaker or ''} {c.organization or ''}")
        for c in extract_claims(doc, article, extract_times(doc, article))
        if c.kind in ("direct", "partial")
    ]


def textacy_quotes(text: str, published: date) -> list[tuple[str, str]]:
    from textacy.extract.triples import direct_quotations

    doc = get_nlp()(text)
    return [
        (q.content.text.strip(QUOTE_MARKS + " ,"), " ".join(t.text for t in q.speaker))
        for q in direct_quotations(doc)
    ]


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    attributed: int = 0
    produced: int = 0
    failures: int = 0

    def add(self, other: Score) -> None:
        for name in ("gold", "found", "attributed", "produced", "failures"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        precision = self.attributed / self.found if self.found else 0.0
        recall = self.attributed / self.gold if self.gold else 0.0
        return (
            f"found {self.found}/{self.gold}  attributed {self.attributed}/{self.gold}  "
            f"precision {precision:.2f}  recall {recall:.2f}  (quotes produced {self.produced}"
            + (f", gave up on {self.failures} text(s))" if self.failures else ")")
        )


def score_case(case: Case, extract: Extractor) -> tuple[Score, str]:
    score = Score(gold=len(case.gold))
    try:
        produced = extract(case.text, case.published)
    except ValueError as exc:  # textacy bails out on unbalanced quote marks
        score.failures = 1
        return score, f"gave up: {exc}"
    score.produced = len(produced)
    used: set[int] = set()
    for opening, key in case.gold:
        hits = [
            i
            for i, (quote, _) in enumerate(produced)
            if i not in used and _squash(quote).startswith(_squash(opening))
        ]
        if not hits:
            continue
        score.found += 1
        right = [i for i in hits if key.lower() in produced[i][1].lower()]
        chosen = right[0] if right else hits[0]
        used.add(chosen)
        score.attributed += int(bool(right))
    return score, ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=Path, default=None, help="a frontwire-gold/1 folder")
    args = parser.parse_args()
    cases = load_cases(args.seed)
    methods: dict[str, Extractor] = {"frontwire": frontwire_quotes, "textacy": textacy_quotes}
    for method, extract in methods.items():
        total = Score()
        print(f"== {method}")
        for case in cases:
            score, note = score_case(case, extract)
            total.add(score)
            print(f"  {case.name:58.58} {score.line()} {note[:60]}")
        print(f"  {'ALL':58} {total.line()}")


if __name__ == "__main__":
    main()
