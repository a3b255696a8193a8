#!/usr/bin/env bash
# Debian's Chromium for the dashboard's browser test and the report's PDF (Playwright drives
# /usr/bin/chromium; `playwright install` is never used: it would download a browser build
# of its own), and poppler-utils (pdftotext, pdftoppm) for the report's PDF test.
set -euo pipefail
if [ -x /usr/bin/chromium ] && command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "error: /usr/bin/chromium or pdftoppm is missing; run as root or:" \
    "sudo apt-get install -y chromium poppler-utils" >&2
  exit 2
fi
echo "== installing Debian's chromium and poppler-utils"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core poppler-utils >/dev/null
