"""Ingest readers: text, JSON lines, CSV, HTML, RSS/Atom, URLs and directories -> Articles."""

from frontwire.ingest.common import FieldMap
from frontwire.ingest.sources import read_source, read_sources

__all__ = ["FieldMap", "read_source", "read_sources"]
