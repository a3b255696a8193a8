"""Toponyms: find place names by gazetteer match, resolve each to one place, as a coder would.

Finding: every run of capitalised tokens is looked up in the offline index (the NER is one
signal among others: the small model tags Kyiv or Donbass as PERSON). Unit words around a
name choose the kind of place ("the Luhansk region" is the oblast, "Kharkiv city" the town).

Resolving: among the entries sharing a name, the score weighs the kind of place, its
population, the article's country focus (countries, demonyms and unambiguous places named),
admin containment ("Severodonetsk, Luhansk", "(Kismaayo, Lower Juba)") and nearness to the
other places of the article. Capitals used as the state ("Moscow was deploying", "controlled
by Kyiv") keep their coordinates but get ``role="metonym"`` so events are not placed there.

``location_for_span`` then picks the place that governs an event's trigger.
"""

from __future__ import annotations

from frontwire.extract.places.lexicon import MAX_NAME_TOKENS, Lexicon, english_words, get_lexicon
from frontwire.extract.places.location import (
    LocationChoice,
    admin_names_for_point,
    choice_for_place,
    is_container,
    is_reference_point,
    location_for_span,
    names_site,
    seat_words,
)
from frontwire.extract.places.mentions import Mention, spelling_variants
from frontwire.extract.places.resolve import extract_places

__all__ = [
    "MAX_NAME_TOKENS",
    "Lexicon",
    "LocationChoice",
    "Mention",
    "admin_names_for_point",
    "choice_for_place",
    "english_words",
    "extract_places",
    "get_lexicon",
    "is_container",
    "is_reference_point",
    "location_for_span",
    "names_site",
    "seat_words",
    "spelling_variants",
]
