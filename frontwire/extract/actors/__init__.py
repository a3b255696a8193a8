"""Who: actor mentions resolved to ACLED-style names, inter codes and countries.

Why this shape: ACLED names actors by role and country ("Civilians (Somalia)",
"Military Forces of Yemen (2012-)") and by proper name for armed groups ("Al Shabaab").
News prose names them by demonym + force noun ("Afghan forces"), by metonym ("Moscow
said"), by alias ("pro-Houthi forces") or from a speaker's side ("our units", "the
enemy"). We find every such mention with its offsets and resolve it with the tables in
``frontwire/ontology/`` (the :class:`Lexicon` at the end of this module); the event
extractor then asks :func:`roles_for_trigger` who did what to whom.
"""

from __future__ import annotations

from frontwire.extract.actors.find import (
    community_militias,
    extract_actors,
    find_actors,
    focus_country,
)
from frontwire.extract.actors.lexicon import (
    ACTING_DEPS,
    ACTING_PREPS,
    CLAIMANTS_KEY,
    GANG_KEY,
    NOUN_POS,
    ONTOLOGY,
    TARGET_PREPS,
    CommunityTable,
    Entry,
    Lexicon,
    Template,
    lexicon,
    state_name,
)
from frontwire.extract.actors.make import (
    as_generic,
    choose_entry,
    country_actor,
    generic_actor,
    make_actor,
    side_iso,
    state_actor,
    template_actor,
    unidentified_name,
)
from frontwire.extract.actors.roles import (
    actors_between,
    crowd_actor,
    policing_force,
    roles_for_trigger,
    state_force,
    unknown_perpetrator,
)
from frontwire.extract.actors.sides import (
    _may_have_country,
    actor_for_text,
    country_in_name,
    interaction_code,
    protest_word,
)

__all__ = [
    "ACTING_DEPS",
    "ACTING_PREPS",
    "CLAIMANTS_KEY",
    "GANG_KEY",
    "NOUN_POS",
    "ONTOLOGY",
    "TARGET_PREPS",
    "CommunityTable",
    "Entry",
    "Lexicon",
    "Template",
    "_may_have_country",
    "actor_for_text",
    "actors_between",
    "as_generic",
    "choose_entry",
    "community_militias",
    "country_actor",
    "country_in_name",
    "crowd_actor",
    "extract_actors",
    "find_actors",
    "focus_country",
    "generic_actor",
    "interaction_code",
    "lexicon",
    "make_actor",
    "policing_force",
    "protest_word",
    "roles_for_trigger",
    "side_iso",
    "state_actor",
    "state_force",
    "state_name",
    "template_actor",
    "unidentified_name",
    "unknown_perpetrator",
]
