"""Thresholds of the extraction stage in one dataclass, like ``link.rules.LinkConfig``.

The stage, typer and relevance knobs keep their environment variables
(``FRONTWIRE_STAGES_OFF``, ``FRONTWIRE_STAGE_OVERRIDES``, ``FRONTWIRE_EVENT_TYPER``,
``FRONTWIRE_RELEVANCE``, ``FRONTWIRE_RELEVANCE_DROP_AT``, ``FRONTWIRE_RELEVANCE_MIN_WORDS``,
``FRONTWIRE_BACKGROUND_DAYS``): ``frontwire.config`` reads them once and
``extract_config()`` takes the values from there when asked, so a setting changed at
run time (a test, a CLI flag) is seen by the next article.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontwire import config
from frontwire.extract.stages import parse_overrides


@dataclass(frozen=True)
class ExtractConfig:
    """Probabilities and confidences the extractors compare against, and which stages,
    typer and relevance judge run."""

    #: A classifier answer is used only when the rules are unsure and it is at least this sure.
    classifier_min_prob: float = 0.45
    #: A weak rule answer yields to any compatible classifier answer this sure.
    classifier_free_prob: float = 0.6
    #: ... and overrides a rule that had a clear cue only when it is this sure.
    classifier_override_prob: float = 0.9
    #: Confidence of a sub-event the rules found with a clear cue ("strong" or "certain").
    rule_confidence_strong: float = 0.8
    #: Confidence of a sub-event the rules only guessed ("weak").
    rule_confidence_weak: float = 0.55
    #: Which event typer codes merged events ("rules", or one registered by name).
    event_typer: str = "rules"
    #: Extraction stages switched off, and (name, "module:function") run in a stage's place.
    stages_off: tuple[str, ...] = ()
    stage_overrides: tuple[tuple[str, str], ...] = ()
    #: An event dated more than this many days before publication is background.
    background_days: int = 30
    #: Which relevance judge reads each candidate: "model" (learned, beside the rules) or
    #: "rules" (the rules alone, for ablations).
    relevance: str = "model"
    #: The learned judge drops a candidate at this probability of "not an event" + "total".
    relevance_drop_at: float = 0.5
    #: Inputs with fewer words than this are left to the rules (the model read articles).
    relevance_min_words: int = 80


def extract_config() -> ExtractConfig:
    """The thresholds in force now: the defaults, with the environment's settings."""
    return ExtractConfig(
        event_typer=config.EVENT_TYPER,
        stages_off=tuple(n.strip() for n in config.STAGES_OFF.split(",") if n.strip()),
        stage_overrides=parse_overrides(config.STAGE_OVERRIDES),
        background_days=config.BACKGROUND_DAYS,
        relevance=config.RELEVANCE,
        relevance_drop_at=config.RELEVANCE_DROP_AT,
        relevance_min_words=config.RELEVANCE_MIN_WORDS,
    )
