"""Printing the report's HTML to PDF with Debian's Chromium (``--headless --print-to-pdf``).

Chromium is what ``scripts/install_browser.sh`` installs for the browser tests; the HTML
is self-contained (inline CSS and SVG), so printing needs no network. Set
FRONTWIRE_CHROMIUM to use another Chromium binary.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from frontwire.errors import FrontwireError

#: Longest a print may take before it counts as hung.
TIMEOUT_S = 120
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


def find_chromium() -> str | None:
    """The Chromium binary to print with, or None when there is none."""
    configured = os.environ.get("FRONTWIRE_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def html_to_pdf(html: str) -> bytes:
    """The PDF Chromium prints from ``html``; a FrontwireError says what is missing or wrong."""
    chromium = find_chromium()
    if chromium is None:
        raise FrontwireError(
            "--format pdf: Chromium is not installed; run scripts/install_browser.sh "
            "(or apt-get install chromium), or write --format html and print it from a browser"
        )
    with tempfile.TemporaryDirectory(prefix="frontwire-report-") as tmp:
        folder = Path(tmp)
        page = folder / "report.html"
        out = folder / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            chromium,
            *FLAGS,
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise FrontwireError(
                f"--format pdf: Chromium did not finish printing within {TIMEOUT_S} s"
            ) from None
        except OSError as exc:
            raise FrontwireError(f"--format pdf: cannot run {chromium} ({exc.strerror})") from None
        if not out.is_file() or not out.read_bytes().startswith(b"%PDF"):
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise FrontwireError(
                f"--format pdf: {chromium} printed no PDF (exit {done.returncode}: {last})"
            )
        return out.read_bytes()
