"""Where Debian's Chromium is and how to start it headless on a machine with no network.

Shared by the benchmark and the tests, which drive it through Playwright's
``executable_path`` (Playwright's own browser download is never used).
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("COUNTYMAP_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google's
# hosts, which a closed network refuses many times a second.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # /dev/shm is small in containers; 20 contexts would exhaust it
)
