"""Which ACLED gold rows are held out: never fitted on, always scored with ``--holdout``.

Kept apart from the scorer so build scripts can import it without loading the pipeline.
"""

from __future__ import annotations

import hashlib


def is_holdout(row_id: str) -> bool:
    """One row in five, chosen by a hash of its id."""
    return int(hashlib.sha256(row_id.encode()).hexdigest(), 16) % 5 == 0
