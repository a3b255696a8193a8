"""The time words of ontology/time_words.json turned into the regular-expression pieces the rules
are written in (``<DAY:d1>``-style placeholders expanded by ``_compile``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from frontwire.ontology.tables import load_table

_WORDS = load_table("time_words.json")

#: Tag an event gets when its date is the publication date by default, not from the text.
# ---------------------------------------------------------------------------------------
# Word lists -> regular expressions


def _alt(words: Iterable[str], *, ignore_case: bool = True) -> str:
    """An alternation of phrases, longest first, any run of spaces between words.

    Written as a prefix tree ("seven(?:teen|ty)?"): the regex engine tries each branch
    of a flat list in turn at every word start, for every rule over every article, and
    that was most of the scanning time. It matches what the flat longest-first list
    matched: phrases that can match at one place are prefixes of one another, and the
    tree tries the longer first.
    """
    tree: dict[str, dict] = {}
    for word in set(words):
        node = tree
        for char in word:
            unit = r"\s+" if char == " " else re.escape(char)
            if ignore_case and char.isascii():
                unit = unit.lower()  # one branch for "S" and "s": (?i) matches both alike
            node = node.setdefault(unit, {})
        node[""] = {}  # a phrase ends here
    body = _tree_pattern(tree)
    return f"(?i:{body})" if ignore_case else f"(?:{body})"


def _tree_pattern(node: dict[str, dict]) -> str:
    """The regex of a prefix-tree node: its branches, then (optionally) the end here."""
    branches = [unit + _tree_pattern(child) for unit, child in node.items() if unit]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return (body if len(branches) > 1 else "(?:" + body + ")") + "?"


def _capitalised(names: Iterable[str]) -> list[str]:
    return [v for n in names for v in (n.capitalize(), n.upper())]


def _lookbehind(words: Iterable[str]) -> str:
    """Zero-width: the text just before is one of ``words`` and a space (or a hyphen)."""
    # One look-behind per width (Python's must be fixed-width), not one per word.
    by_width: dict[tuple[int, str], list[str]] = {}
    for w in set(words):
        sep = "" if w.endswith("-") else r"\s"
        by_width.setdefault((len(w), sep), []).append(re.escape(w))
    parts = [
        f"(?<=\\b(?i:{'|'.join(sorted(escaped))}){sep})"
        for (_, sep), escaped in sorted(by_width.items(), reverse=True)
    ]
    return "(?:" + "|".join(parts) + ")"


_MONTHS: dict[str, int] = {**_WORDS["months"], **_WORDS["month_abbreviations"]}
_WEEKDAYS: dict[str, int] = {**_WORDS["weekdays"], **_WORDS["weekday_abbreviations"]}
_ORDINALS: dict[str, int] = _WORDS["ordinal_words"]
_NUMBERS: dict[str, float] = _WORDS["number_words"]
_TENS: dict[str, int] = _WORDS["tens_words"]
_UNITS: dict[str, dict] = _WORDS["units"]
_PARTS: dict[str, str] = _WORDS["parts_of_day"]
_RELATIVE_DAYS: dict[str, int] = _WORDS["relative_days"]
_SEASONS: dict[str, list[int]] = _WORDS["seasons"]
_HOLIDAYS: dict[str, str] = _WORDS["holidays"]
_RECENT: dict[str, list[float]] = _WORDS["recent"]

_MONTH_RE = (
    "(?:"
    + "|".join(sorted(_capitalised(_WORDS["months"]), key=len, reverse=True))
    + "|(?:"
    + "|".join(sorted(_capitalised(_WORDS["month_abbreviations"]), key=len, reverse=True))
    + r")\.?)(?![A-Za-z])"
)
_MONTH_FULL_RE = (
    "(?:"
    + "|".join(sorted(_capitalised(_WORDS["months"]), key=len, reverse=True))
    + ")(?![A-Za-z])"
)
_WEEKDAY_RE = (
    "(?:"
    + "|".join(sorted(_capitalised(_WORDS["weekdays"]), key=len, reverse=True))
    + "|(?:"
    + "|".join(sorted(_capitalised(_WORDS["weekday_abbreviations"]), key=len, reverse=True))
    + r")\.)(?![a-z])"
)
_UNIT_NAMES = "|".join(sorted(_UNITS, key=len, reverse=True))
_DIGIT_WORDS = {w: int(v) for w, v in _NUMBERS.items() if " " not in w and v in range(1, 10)}
_DIGIT_WORDS = {w: v for w, v in _DIGIT_WORDS.items() if w not in ("a", "an")}

_P: dict[str, str] = {
    "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?![\d:])(?:st|nd|rd|th)?",
    "DAYNUM": r"(?:3[01]|[12]\d|0?[1-9])(?![\d:])(?:st|nd|rd|th)",
    "ORDW": _alt(_ORDINALS),
    "MONTH": _MONTH_RE,
    "MONTHF": _MONTH_FULL_RE,
    "YEAR": r"(?:1[89]\d\d|20\d\d)(?![\d])",
    "WD": _WEEKDAY_RE,
    "PART": _alt(_PARTS) + r"(?![a-z])",
    "DMOD": _alt(_WORDS["part_of_day_modifiers"]),
    "NUM": (
        r"(?:\d{1,3}(?:\.\d+)?(?![\d,])|"
        + _alt(_TENS)
        + r"(?:[-\s]"
        + _alt(_DIGIT_WORDS)
        + r")?|"
        + _alt(_NUMBERS)
        + r")"
    ),
    "VAGUE": _alt(_WORDS["vague_quantities"]),
    "UNIT": rf"(?i:(?:{_UNIT_NAMES})s?)(?![a-z])",
    "UNITS": rf"(?i:(?:{_UNIT_NAMES})s)(?![a-z])",
    "UNIT1": rf"(?i:{_UNIT_NAMES})(?![a-z])",
    "SEP": r"(?:\s*[-–—]\s*|\s+(?i:to|through|thru|until|till|and|or|into)\s+)",
    "DPREP": _alt(_WORDS["duration_prepositions"]),
    "DQUAL": _alt(_WORDS["duration_qualifiers"]),
    "MPOS": _alt(_WORDS["month_positions"]),
    "MCUE": _lookbehind(_WORDS["month_cues"]),
    "YCUE": _lookbehind(_WORDS["year_cues"]),
    "SEASON": _alt(_SEASONS),
    "HOLIDAY": _alt(_HOLIDAYS, ignore_case=False),
    "RELDAY": _alt(_RELATIVE_DAYS),
}


def _compile(pattern: str) -> re.Pattern[str]:
    """Expand ``<NAME>`` and ``<NAME:group>`` placeholders and guard both ends of the match."""

    def sub(m: re.Match[str]) -> str:
        body = _P[m.group(1)]
        return f"(?P<{m.group(2)}>{body})" if m.group(2) else body

    expanded = re.sub(r"<([A-Z0-9]+)(?::(\w+))?>", sub, pattern)
    return re.compile(rf"(?<![\w.,/]){expanded}(?!\w)")
