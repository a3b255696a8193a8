"""Helpers shared by the scorers: distances, loose name comparison, printing."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Words that name the kind of admin unit, not the unit:
# "Kharkiv Oblast" = "Kharkivska oblast" = "Kharkiv".
_ADMIN_WORDS = re.compile(
    r"\b(oblast|oblast'|region|province|governorate|state|district|county|krai|rai|respublika|"
    r"republic|department|division|municipality|prefecture|territory|city|of|the)\b"
)


def fold(text: str) -> str:
    """Lowercase ASCII with punctuation dropped: a key for loose comparison."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9 ]+", "", ascii_text.lower().replace("-", " ")).strip()


def loose_admin(name: str | None) -> str:
    """'Kharkivs'ka oblast' -> 'kharkiv'; 'Cherkassy oblast' -> 'cherkasy'."""
    if not name:
        return ""
    key = _ADMIN_WORDS.sub(" ", fold(name))
    key = re.sub(r"(skyi|ska|ska ya|skaya|s ka|sk)$", "", re.sub(r"\s+", " ", key).strip())
    key = re.sub(r"(.)\1", r"\1", key.replace(" ", ""))
    return key


def same_admin(produced: str | None, gold: str | None) -> bool:
    """Loose admin-1 equality tolerant of transliteration (Zaporizhia = Zaporizhzhia)."""
    a, b = loose_admin(produced), loose_admin(gold)
    if not a or not b:
        return False
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def normalize_actor(name: str | None) -> str:
    """ACLED actor names compared without the years in parentheses and case."""
    if not name:
        return ""
    return re.sub(r"\s+", " ", re.sub(r"\(\s*\d{4}\s*-\s*\d{0,4}\s*\)", " ", name)).strip().lower()


def ratio(hits: int, total: int) -> float:
    return hits / total if total else 0.0
