"""Cutting an article's text into runs so the page can mark evidence, claims and speakers.

Spans may overlap (a claim inside an evidence sentence, a speaker inside a claim); the
text is cut at every span boundary and each run carries the set of spans covering it.
The template escapes every run, so the article's own markup always shows as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any


@dataclass(frozen=True)
class Mark:
    """A span to show: ``kind`` is evidence, claim or speaker; ``label`` a tooltip."""

    start: int
    end: int
    kind: str
    label: str = ""
    ref: str = ""
    tag: str = ""


@dataclass
class Run:
    """A stretch of text with the marks over it; ``opens`` are claims starting here."""

    text: str
    start: int
    marks: list[Mark] = field(default_factory=list)
    opens: list[Mark] = field(default_factory=list)

    @property
    def classes(self) -> str:
        return " ".join(sorted({m.kind for m in self.marks}))

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(m.label for m in self.marks if m.label))

    @property
    def refs(self) -> str:
        return " ".join(dict.fromkeys(m.ref for m in self.marks if m.ref))


def runs(text: str, marks: list[Mark]) -> list[Run]:
    """The text cut at every mark boundary; marks outside the text are dropped."""
    valid = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    out = []
    for start, end in pairwise(cuts):
        covering = [m for m in valid if m.start <= start and end <= m.end]
        opens = [m for m in valid if m.kind == "claim" and m.start == start]
        out.append(Run(text=text[start:end], start=start, marks=covering, opens=opens))
    return out


def article_marks(
    events: list[dict[str, Any]], claims: list[dict[str, Any]], focus: set[str] | None = None
) -> list[Mark]:
    """Evidence of the events (only ``focus`` event ids when given) and every claim."""
    out = []
    for event in events:
        if focus is not None and event.get("event_id") not in focus:
            continue
        label = " / ".join(
            x for x in (event.get("event_type"), event.get("sub_event_type")) if x
        ) or str((event.get("plover") or {}).get("event_type") or "event")
        for ev in event.get("evidence") or []:
            out.append(Mark(ev["start"], ev["end"], "evidence", label, event.get("event_id", "")))
    for claim in claims:
        speaker = claim.get("speaker") or "unknown speaker"
        label = f"{claim.get('kind', 'claim')} claim by {speaker}"
        if claim.get("channel"):
            label += f" ({claim['channel']})"
        out.append(Mark(claim["start"], claim["end"], "claim", label, claim.get("id", ""), speaker))
        start, end = claim.get("speaker_start"), claim.get("speaker_end")
        if isinstance(start, int) and isinstance(end, int):
            out.append(Mark(start, end, "speaker", f"speaker of {claim.get('id', '')}"))
    return out
