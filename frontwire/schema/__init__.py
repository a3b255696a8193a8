"""The JSON Schema of the output contract, shipped with the package."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator


@lru_cache(maxsize=1)
def contract_schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("contract.schema.json").read_text("utf-8")
    return json.loads(text)


def contract_errors(document: dict[str, Any]) -> list[str]:
    """Every way a produced document breaks the contract, as readable lines (empty = valid)."""
    validator = Draft202012Validator(contract_schema())
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]
