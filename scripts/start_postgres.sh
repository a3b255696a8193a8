#!/usr/bin/env bash
# Start a throwaway PostgreSQL on 127.0.0.1 for the store tests (CI runs this as root).
# Installs Debian's postgresql when missing, starts (or reuses) a cluster, creates the
# role and database, and prints the URL. Idempotent: running it twice is harmless.
#   eval "$(scripts/start_postgres.sh)"   # exports FRONTWIRE_TEST_PG_URL
set -euo pipefail

PGPORT="${FRONTWIRE_PG_PORT:-5432}"
PGDB="${FRONTWIRE_PG_DB:-frontwire_test}"
PGUSER_NAME="${FRONTWIRE_PG_USER:-frontwire}"
PGPASS="${FRONTWIRE_PG_PASSWORD:-frontwire}"

log() { echo "start_postgres: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "installing postgresql (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "${version}/main"; then
    log "creating cluster ${version}/main"
    pg_createcluster "${version}" main --port "${PGPORT}" >&2
fi
conf="/etc/postgresql/${version}/main/postgresql.conf"
if ! grep -q "^listen_addresses = '127.0.0.1'" "${conf}"; then
    echo "listen_addresses = '127.0.0.1'" >> "${conf}"
fi
status="$(pg_lsclusters -h | awk -v v="${version}" '$1==v && $2=="main" {print $4}')"
if [ "${status}" != "online" ]; then
    log "starting cluster ${version}/main"
    pg_ctlcluster "${version}" main start >&2
fi
port="$(pg_lsclusters -h | awk -v v="${version}" '$1==v && $2=="main" {print $3}')"

for _ in $(seq 1 30); do
    if su postgres -c "pg_isready -q -h 127.0.0.1 -p ${port}"; then break; fi
    sleep 1
done
su postgres -c "pg_isready -h 127.0.0.1 -p ${port}" >&2

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -q -p ${port} -tAc \"$1\""; }
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname='${PGUSER_NAME}'")" != "1" ]; then
    psql_admin "CREATE ROLE ${PGUSER_NAME} LOGIN PASSWORD '${PGPASS}'"
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname='${PGDB}'")" != "1" ]; then
    psql_admin "CREATE DATABASE ${PGDB} OWNER ${PGUSER_NAME}"
fi

url="postgresql://${PGUSER_NAME}:${PGPASS}@127.0.0.1:${port}/${PGDB}"
log "ready: ${url}"
echo "export FRONTWIRE_TEST_PG_URL=${url}"
