"""Is this article in English? The extractors are English-only, so others are skipped.

A foreign-language article run through English lexicons yields confident nonsense
(mis-coded events), so ingest and ``frontwire extract`` refuse it with a message.
py3langid ships its model inside the wheel: nothing is downloaded at run time.
Short texts (under ``MIN_WORDS`` words) are not judged: identifiers guess wildly there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from frontwire import config
from frontwire.errors import InputError

_WORD = re.compile(r"[^\W\d_]{2,}")


class NotEnglishError(InputError):
    """The article reads as another language; it is skipped, not mis-coded."""

    def __init__(self, source: str, language: str, confidence: float) -> None:
        super().__init__(
            source,
            f"looks like language {language!r} (confidence {confidence:.2f}), not English: "
            "skipped (frontwire codes English articles only)",
        )
        self.language = language


@dataclass(frozen=True)
class Guess:
    language: str
    confidence: float


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess_language(text: str) -> Guess | None:
    """The likeliest language of ``text``, or None when it is too short to judge."""
    if len(_WORD.findall(text[: config.LANGUAGE_SAMPLE_CHARS])) < config.LANGUAGE_MIN_WORDS:
        return None
    language, confidence = _identifier().classify(text[: config.LANGUAGE_SAMPLE_CHARS])
    return Guess(str(language), float(confidence))


def check_english(text: str, source: str) -> None:
    """Raise NotEnglishError when ``text`` is confidently another language."""
    guess = guess_language(text)
    if guess is None or guess.language == "en":
        return
    if guess.confidence >= config.LANGUAGE_MIN_CONFIDENCE:
        raise NotEnglishError(source, guess.language, guess.confidence)
