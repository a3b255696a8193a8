"""One folding of place names, shared by the index builder and the text matcher.

Names in news and in GeoNames differ by accents, apostrophes and hyphens
("Syeverodonets'k", "Sievierodonetsk", "Bar-Sanguun"): both sides fold the same way
so a plain dictionary look-up finds them.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"[\'’ʼ`‘ʻʹ′´\"“”]")
_DASHES = re.compile(r"[-‐‑‒–—_/]")
_DOTS = re.compile(r"\.(?=\s|$)|(?<=\b\w)\.")
_SPACES = re.compile(r"\s+")
_SPECIAL = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "ı": "i",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
    }
)


def fold(name: str) -> str:
    """Lowercase ASCII key: accents stripped, apostrophes dropped, dashes made spaces."""
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text.lower())
    text = _DASHES.sub(" ", text)
    text = _DOTS.sub("", text)
    return _SPACES.sub(" ", text).strip()


def is_latin_key(key: str) -> bool:
    """True for keys that English text can contain (skips Cyrillic, Arabic, CJK names)."""
    return bool(key) and key.isascii() and any(ch.isalpha() for ch in key)
