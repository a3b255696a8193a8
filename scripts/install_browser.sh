#!/usr/bin/env bash
# Debian's Chromium for the dashboard's browser test (Playwright drives /usr/bin/chromium;
# `playwright install` is never used: it would download a browser build of its own).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "error: /usr/bin/chromium is missing; run as root or: sudo apt-get install -y chromium" >&2
  exit 2
fi
echo "== installing Debian's chromium"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
