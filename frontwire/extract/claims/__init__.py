"""Quotes and reported claims, with who made them, through which channel and when.

A reader finds a claim in three steps, and so does this module:

1. *Quotes* are found in the raw text, mark by mark (curly, straight, guillemets, and
   single curly quotes at the top level), so a quote that runs over several sentences or
   paragraphs, or that a careless editor left unbalanced, is still one quote.
2. *Attribution*: the reporting verb next to (or governing) the quote gives the speech
   act; its subject is the speaker mention. Verbs without their own subject ("..., noting
   that", "saying") borrow it from the verb they hang on. Verbs with a reported clause and
   no quote give *indirect* claims.
3. *Speakers* are resolved in reading order against the speakers met so far: a name is
   merged with the same person's other names ("Gaidai" = "Serhiy Gaidai"); a pronoun
   goes back to the last fitting speaker; "the governor" or "the agency" goes back to the
   speaker introduced with that role or of that kind.

Channel and date come from the words of the speech act only (the reporting verb's own
phrase: "on Facebook on Monday morning"), never from the reported content. Where the
speech act has no date of its own, a claim attributed by pronoun or role ("she added")
continues the same speaker's previous statement (same or previous paragraph); else the
times extractor's ``date_for_span`` dates the reporting verb (its clause, sentence, then
paragraph), unless that date comes from quoted or reported words. A claim whose only date
would be the publication-date default keeps ``date=None``: a default is not evidence.

A pronoun's claim without a channel of its own takes the channel of the sentence that
last named its speaker in the same paragraph ("In his video address, Zelensky thanked ...
“...,” he said").

``speaker_start``/``speaker_end`` point at the words that attribute this claim (possibly
a pronoun or "the agency"); ``speaker`` holds the resolved name. ``claim_stance`` tells
the events extractor whether a claim's speech act denies what it reports.
"""

from __future__ import annotations

from frontwire.extract.claims.acts import DASHES
from frontwire.extract.claims.assemble import claim_stance, extract_claims
from frontwire.extract.claims.lexicon import (
    CLAUSE_DEPS,
    CLOSERS,
    DETERMINERS,
    INDEFINITE,
    ISO_DATE,
    OPENERS,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    STRAIGHT,
    TRIM_TAIL,
)
from frontwire.extract.claims.quotes import Quote, find_quotes, paragraphs

__all__ = [
    "CLAUSE_DEPS",
    "CLOSERS",
    "DASHES",
    "DETERMINERS",
    "INDEFINITE",
    "ISO_DATE",
    "OPENERS",
    "SINGLE_CLOSE",
    "SINGLE_OPEN",
    "STRAIGHT",
    "TRIM_TAIL",
    "Quote",
    "claim_stance",
    "extract_claims",
    "find_quotes",
    "paragraphs",
]
