"""Every distinct speaker the claims extractor produces on a corpus that is not a person, an
organisation or a role phrase (issue 16: the goal is none).

A speaker name with stray punctuation or two glued words ("Zalewski.-", "ForeignHe") is
listed whatever its words. Otherwise a produced speaker counts as a person or organisation
when the entity recogniser labels its words where the article writes them (PERSON, ORG,
GPE, NORP, FAC), it is an acronym, its last word is the surname of a PERSON found anywhere
in the corpus ("Kallas"), or the words naming it carry a role ("Ukraine's Minister of
Internal Affairs Denys Monastyrsky", "portal Belsat.eu");
as a role or organisation phrase when its last word is a role or organisation noun of
``ontology/speaker_roles.json``. Anything else is listed. Run from the repository root::

    python bench/claim_speakers.py [../shared/corpus/news-ukraine/articles.jsonl]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from frontwire.extract.claims import extract_claims
from frontwire.extract.claims.lexicon import _lexicon
from frontwire.extract.times import extract_times
from frontwire.ingest.clean import clean_article
from frontwire.model import Article
from frontwire.nlp import get_nlp

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared/corpus/news-ukraine/articles.jsonl"
KINDS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
DEMONYMS = Path(__file__).resolve().parents[1] / "frontwire/ontology/demonyms.json"
COUNTRY_NAMES = frozenset(
    name.lower()
    for entry in json.loads(DEMONYMS.read_text("utf-8"))["countries"].values()
    for name in entry.get("names", [])
)


def _articles(path: Path) -> list[Article]:
    found = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        published = (
            date.fromisoformat(record["published"][:10]) if record.get("published") else None
        )
        article = Article(text=record["text"], published=published, id=str(record.get("id", n)))
        found.append(clean_article(article))
    return found


#: A name a reader would not write: trailing punctuation ("Zalewski.-") or two words glued
#: into one with a capital inside ("ForeignHe"); McDonald-style names keep a lower-case
#: run of at least two letters after the inner capital and are let through.
MALFORMED = re.compile(r"[^\w.)’']$|\.[-–—]$|\b[A-Z][a-z]{3,}(?:He|She|It|They|We|The)\b")


def _names_a_role(text: str) -> bool:
    """A role or organisation phrase: one of its words (or word pairs) is a role or
    organisation noun of ``speaker_roles.json``, singular or plural."""
    lex = _lexicon()
    words = re.findall(r"[\w'’.-]+", text.lower())
    nouns = lex.person_nouns | lex.org_nouns
    singular = {w[:-1] for w in words if w.endswith("s")} | {
        w[:-2] for w in words if w.endswith("es")
    }
    singular |= {w[:-3] + "y" for w in words if w.endswith("ies")}
    pairs = {" ".join(words[i : i + 2]) for i in range(len(words) - 1)}
    return bool((set(words) | singular | pairs) & nouns)


def _is_speaker(name: str, labels: set[str], described: set[str], people: set[str]) -> bool:
    """``labels``: the recogniser's labels on the name where articles write it;
    ``described``: the roles and attributing words its claims carry ("Ukraine's Minister
    of Internal Affairs Denys Monastyrsky", "portal Belsat.eu"); ``people``: last words
    of every PERSON the recogniser found in the corpus ("Kallas" of "Kaja Kallas")."""
    if MALFORMED.search(name):
        return False
    lex = _lexicon()
    if labels & KINDS or any(w.isupper() and len(w) >= 2 for w in name.split()):
        return True
    if name.lower() in lex.country_words or name.lower() in COUNTRY_NAMES:
        return True
    if _names_a_role(name) or any(_names_a_role(d) for d in described):
        return True
    return name.split()[-1] in people


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"{args.corpus}: no such corpus file (JSON lines with text and published)")
        return 2
    articles = _articles(args.corpus)
    labels: dict[str, set[str]] = {}
    counts: Counter[str] = Counter()
    example: dict[str, str] = {}  # the article and the words that attributed the first claim
    described: dict[str, set[str]] = {}
    people: set[str] = set()
    total = 0
    for article, doc in zip(articles, get_nlp().pipe(a.text for a in articles), strict=True):
        people |= {e[-1].text for e in doc.ents if e.label_ == "PERSON" and e[-1].is_alpha}
        for claim in extract_claims(doc, article, extract_times(doc, article)):
            total += 1
            if claim.speaker is None:
                continue
            counts[claim.speaker] += 1
            about = described.setdefault(claim.speaker, set())
            about.add(claim.speaker_role or "")
            if claim.speaker_start is not None and claim.speaker_end is not None:
                words = article.text[claim.speaker_start : claim.speaker_end]
                example.setdefault(claim.speaker, f"{article.id}: {words!r}")
                if claim.speaker.split()[-1] in words:  # the words that name them
                    about.add(words)
            seen = labels.setdefault(claim.speaker, set())
            for ent in doc.ents:  # the recogniser's label where the text names them
                if ent.text in claim.speaker or claim.speaker in ent.text:
                    seen.add(ent.label_)
    bad = sorted(s for s in counts if not _is_speaker(s, labels[s], described[s], people))
    print(f"{len(articles)} articles, {total} claims, {len(counts)} distinct speakers")
    print(f"speakers that are no person, organisation or role: {len(bad)}")
    for speaker in bad:
        print(f"  {speaker!r} ({counts[speaker]} claims; {example.get(speaker, 'no mention')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
