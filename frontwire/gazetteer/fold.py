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


_LOOSE_GROUPS = (("tch", "ch"), ("kh", "h"), ("ou", "u"), ("w", "v"))
_LOOSE_VOWELS = str.maketrans({"e": "i", "y": "i", "j": "i"})
_REPEATS = re.compile(r"(.)\1+")


def loose_key(name: str) -> str:
    """A coarser key under which transliterations of one name meet.

    ACLED, GeoNames and news spell Slavic and Arabic names in several systems:
    'Klishchiivka' / 'Kleshcheevka' / 'Klyshchiyivka', 'Avdiivka' / 'Avdeyevka' / 'Awdijiwka',
    'Kharkiv' / 'Harkiv'. The key drops what those systems disagree on (kh/h, w/v, ou/u,
    e/y/j/i, doubled letters); it finds candidates, it does not prove a match.
    """
    key = fold(name)
    for old, new in _LOOSE_GROUPS:
        key = key.replace(old, new)
    return _REPEATS.sub(r"\1", key.translate(_LOOSE_VOWELS))
