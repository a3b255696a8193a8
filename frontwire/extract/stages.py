"""Extraction stages: named steps run in order over one parsed article, each reading the
records of the steps before it (like the components of a spaCy pipeline).

``frontwire.pipeline.STAGES`` lists them; configuration switches a stage off
(``FRONTWIRE_STAGES_OFF=relevance,claims``) or puts another function in its place
(``FRONTWIRE_STAGE_OVERRIDES=events=mypackage.events:extract``), so an ablation or a new
extractor needs no edit of the pipeline.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from frontwire.errors import FrontwireError
from frontwire.model import Actor, Article, Claim, Event, Place, TimeExpr


@dataclass
class Records:
    """What the stages have found so far in one article; a stage switched off leaves its
    list empty, and the stages after it read that."""

    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


#: A stage reads the Doc, the article and earlier records, and writes its own records.
StageRun = Callable[[Doc, Article, Records], None]


@dataclass(frozen=True)
class Stage:
    name: str
    run: StageRun


def active_stages(
    stages: Sequence[Stage], off: Iterable[str], overrides: Iterable[tuple[str, str]]
) -> list[Stage]:
    """``stages`` without those switched ``off``, with ``overrides`` (name, "module:function")
    run in their place; a name that is no stage is refused, naming the stages there are."""
    names = [s.name for s in stages]
    off = set(off)
    replaced = dict(overrides)
    unknown = sorted((off | set(replaced)) - set(names))
    if unknown:
        raise FrontwireError(
            f"unknown extraction stage(s) {', '.join(unknown)} in FRONTWIRE_STAGES_OFF or "
            f"FRONTWIRE_STAGE_OVERRIDES: the stages are {', '.join(names)}"
        )
    return [
        Stage(s.name, _load(s.name, replaced[s.name])) if s.name in replaced else s
        for s in stages
        if s.name not in off
    ]


def parse_overrides(text: str) -> tuple[tuple[str, str], ...]:
    """ "events=pkg.mod:func,places=pkg.other:func" -> (("events", "pkg.mod:func"), ...)."""
    pairs = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, target = item.partition("=")
        if not sep or ":" not in target:
            raise FrontwireError(
                f"FRONTWIRE_STAGE_OVERRIDES item {item!r} is not name=module:function"
            )
        pairs.append((name.strip(), target.strip()))
    return tuple(pairs)


def _load(name: str, target: str) -> StageRun:
    module_name, _, attr = target.partition(":")
    try:
        run = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise FrontwireError(
            f"stage {name!r}: cannot load {target!r} from FRONTWIRE_STAGE_OVERRIDES ({exc})"
        ) from exc
    if not callable(run):
        raise FrontwireError(f"stage {name!r}: {target!r} is not a function")
    return run
