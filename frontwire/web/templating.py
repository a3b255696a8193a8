"""The Jinja2 environment: autoescape on for every template, whatever its name."""

from __future__ import annotations

import json
from typing import Any

import jinja2
from fastapi.templating import Jinja2Templates

from frontwire import __version__
from frontwire.web.assets import TEMPLATES
from frontwire.web.caching import asset_url


def _show(value: Any) -> str:
    """A field value as a reader wants it: blank for none, JSON for lists and dicts."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.ChainableUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["show"] = _show
_env.globals["version"] = __version__
_env.globals["asset"] = asset_url

templates = Jinja2Templates(env=_env)
