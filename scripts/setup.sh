#!/usr/bin/env bash
# Set up frontwire from a fresh clone: .venv with pinned packages, the spaCy pipeline,
# and the offline gazetteer index. Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "error: frontwire needs Python 3.11 (found $("$PYTHON" --version 2>&1) at $PYTHON); set PYTHON=/path/to/python3.11" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
echo "== installing pinned dependencies (constraints.txt)"
.venv/bin/python -m pip install --quiet --upgrade "pip==26.3"
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".[dev,scale]"

echo "== building the offline gazetteer index"
if [ -f scripts/build_gazetteer.sh ]; then
  bash scripts/build_gazetteer.sh
fi
echo "== installing the dashboard's front-end assets"
bash scripts/build_web_assets.sh
echo "== frontwire is ready: .venv/bin/frontwire --help"
