"""One loader for every JSON table the package ships (``ontology/``, ``gazetteer/``).

Tables used to load in six ways, and the user's override reached only some readers:
``FRONTWIRE_ACTORS_FILE`` changed actor matching but not the places' focus cues, which
read ``actors.json`` by themselves. Here every table is read the same way, a table with
a user override gets it merged wherever it is read, and a table missing a key its
reader needs is refused with a message naming the file and the key.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from frontwire.errors import FrontwireError


@dataclass(frozen=True)
class Override:
    """A user file merged over a shipped table: the environment variable that names it,
    and the keys whose lists are extended (other dicts are merged, other values replaced)."""

    env: str
    extend: tuple[str, ...] = ()


#: Tables a user may extend with a file of the same shape, keyed by (folder, name).
OVERRIDES: dict[tuple[str, str], Override] = {
    ("ontology", "actors.json"): Override("FRONTWIRE_ACTORS_FILE", extend=("actors",)),
}


def load_table(name: str, folder: str = "ontology", required: Iterable[str] = ()) -> Any:
    """The table ``frontwire/<folder>/<name>``, with its user override merged over it.

    Read afresh on every call (callers keep what they build from it); ``required`` lists
    the top-level keys the caller cannot do without.
    """
    table = _read(resources.files(f"frontwire.{folder}").joinpath(name), f"{folder}/{name}")
    override = OVERRIDES.get((folder, name))
    user_file = os.environ.get(override.env) if override else None
    if override and user_file:
        path = Path(user_file)
        if not path.is_file():
            raise FrontwireError(
                f"{override.env}={user_file!r} is not a file: point it at a JSON file "
                f"shaped like frontwire/{folder}/{name}, or unset it"
            )
        table = merge_tables(table, _read(path, user_file), override.extend)
    missing = [key for key in required if key not in table]
    if missing:
        raise FrontwireError(
            f"table frontwire/{folder}/{name} lacks the key(s) {', '.join(missing)}: "
            "restore it from the package or add them"
        )
    return table


def has_table(name: str, folder: str = "ontology") -> bool:
    """Whether the package ships the table (learned models are optional artefacts)."""
    return resources.files(f"frontwire.{folder}").joinpath(name).is_file()


def load_lines(name: str, folder: str = "gazetteer") -> list[str]:
    """A plain word list (one entry a line, ``#`` starts a comment), stripped, blanks left out."""
    text = resources.files(f"frontwire.{folder}").joinpath(name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def merge_tables(
    base: dict[str, Any], user: dict[str, Any], extend: Iterable[str]
) -> dict[str, Any]:
    """``user`` over ``base``: lists under ``extend`` appended, dicts merged, the rest replaced."""
    merged = dict(base)
    for key in extend:
        merged[key] = [*base.get(key, []), *user.get(key, [])]
    for key, value in user.items():
        if key in extend:
            continue
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _read(source: Any, label: str) -> Any:
    try:
        return json.loads(source.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise FrontwireError(f"table {label} is not valid JSON: {exc}") from exc
