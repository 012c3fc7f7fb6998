"""``python -m countymap bench-sessions``: whether an upload's memory is returned when its session closes.

A live server (:mod:`countymap.bench.live`, the repository's ``.streamlit/config.toml``,
so closed sessions are kept as long as in production) is warmed up with one
map page (its memory then is the *cold start*) and one upload session, closed
and left to expire: the first upload loads, once per process, what every later
one reuses (modules, Streamlit's upload and table paths; about 40 MB outside
Streamlit), so its memory *before* the measured sessions is read after that.
Then ``--sessions`` sessions one after another each upload the same
valid synthetic projects file (``--rows`` rows, :mod:`countymap.bench.synthetic`),
open the map of it (its Dataset places and writes the whole table) and close.
The server's resident memory is read at its peak and ``--wait`` seconds after
the last session closed (after one more page load: Streamlit drops expired
sessions when its session store is next used). The figures are written to
BENCHMARKS.md, section "Upload sessions, N rows" (one per size of file).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
from pathlib import Path

from countymap import config
from countymap.app import memory_probe
from countymap.bench import live
from countymap.bench.run import reading_limits_for, synthetic_csv
from countymap.bench.section import add_report_flag, run_section
from countymap.bench.upload_session import memory_after_close, upload_and_map, warm_up
from countymap.config import CHROMIUM, CHROMIUM_ARGS
from countymap.core.memory import memory_mb
from countymap.schema import PROJECTS

SECTION = "## Upload sessions"  # then the rows: a section per size, each its own target
TARGET_MB = {20_000: 50, 50_000: 100}  # after - before, by rows (ten 20,000-row sessions; five 50,000-row ones)
TARGET_MAP_S = {50_000: 5.0}  # the map of an upload ready, median, by rows


def measure(rows: int, sessions: int, wait_s: float, folder: Path, probe: Path | None = None) -> dict:
    """Server RSS before, at peak and ``wait_s`` after ``sessions`` upload sessions closed (MB).

    With ``probe``, the server writes what it holds into that folder at each script run
    (:mod:`countymap.app.memory_probe`).
    """
    from playwright.sync_api import sync_playwright

    path = synthetic_csv(rows, folder)
    upload_mb = path.stat().st_size / 1024 / 1024
    # An operator's setting, in range, with room: the browser's check of the uploader's size may count MB
    # as a million bytes (a 19.2 MiB file under a 20 MB setting never got uploaded).
    env = {"COUNTYMAP_MAX_UPLOAD_MB": str(max(10, math.ceil(path.stat().st_size / 1e6) + 2))}
    if probe is not None:
        probe.mkdir(parents=True, exist_ok=True)
        env[memory_probe.PROBE_ENV] = str(probe.resolve())
    with reading_limits_for(path, rows, len(PROJECTS.columns)):  # 50,000 rows and a header: past the default cap
        url, server, _log = live.start_server(folder, env)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            warm_up(browser, url)
            figures = {"rows": rows, "sessions": sessions, "wait_s": wait_s, "file_mb": upload_mb}
            figures["cold_mb"] = memory_mb(server.pid)["rss"]
            upload_and_map(browser, url, path)
            figures["before_mb"] = memory_after_close(browser, url, server.pid, wait_s)["after_mb"]
            timings = [upload_and_map(browser, url, path) for _ in range(sessions)]
            figures |= {key: statistics.median(t[key] for t in timings) for key in ("upload_s", "map_s")}
            figures |= memory_after_close(browser, url, server.pid, wait_s)
            figures["load"] = os.getloadavg()[0]
            figures["allocator"] = "=".join(config.SERVER_ALLOCATOR)  # as live.start_server starts it
            browser.close()
    finally:
        live.stop_server(server)
    return figures


def report(figures: dict) -> str:
    """The section of BENCHMARKS.md (one per size of file: see :func:`heading`)."""
    returned = figures["after_mb"] - figures["before_mb"]
    target = TARGET_MB.get(figures["rows"])
    verdict = (
        "" if target is None else f" Target: within {target} MB: **{'met' if returned <= target else 'not met'}**."
    )
    map_target = TARGET_MAP_S.get(figures["rows"])
    if map_target is not None:
        verdict += f" Map ready under {map_target:.0f} s: **{'met' if figures['map_s'] < map_target else 'missed'}**."
    return "\n".join(
        [
            heading(figures["rows"]),
            "",
            f"`python -m countymap bench-sessions --rows {figures['rows']} --sessions {figures['sessions']}`: "
            f"{figures['sessions']} sessions one after another each upload a valid {figures['rows']:,}-row file "
            f"({figures['file_mb']:.1f} MB), open its map and close. Server memory (RSS): at the cold start (one map "
            "page), *before* (one more upload session closed and expired: what a first upload loads once per process), "
            f"at the peak, and {figures['wait_s']:.0f} s after the last session closed; the sessions' times (median, "
            "wall seconds): until the upload's summary is shown, and from the map link's click until the map of the "
            "upload is ready (its items in Leaflet, the view at rest):",
            "",
            f"| cold start (MB) | before (MB) | peak (MB) | {figures['wait_s']:.0f} s after the last closed (MB) "
            "| after − before (MB) | after − cold start (MB) | upload shown (s) | map ready (s) |",
            "|---|---|---|---|---|---|---|---|",
            f"| {figures['cold_mb']:.0f} | {figures['before_mb']:.0f} | {figures['peak_mb']:.0f} | "
            f"{figures['after_mb']:.0f} | {returned:+.0f} | {figures['after_mb'] - figures['cold_mb']:+.0f} | "
            f"{figures['upload_s']:.1f} | {figures['map_s']:.1f} |",
            "",
            f"Server started with `{figures.get('allocator', '')}`. Load average {figures['load']:.1f} at the end."
            f"{verdict}",
            "",
        ]
    )


def heading(rows: int) -> str:
    """The section's heading: each size of file has its own section."""
    return f"{SECTION}, {rows:,} rows"


def parser() -> argparse.ArgumentParser:
    """The ``bench-sessions`` command line."""
    p = argparse.ArgumentParser(prog="python -m countymap bench-sessions", description="Upload sessions and memory.")
    p.add_argument("--rows", type=int, default=20_000, help="rows of the uploaded file (default 20,000)")
    p.add_argument("--sessions", type=int, default=10, help="upload sessions, one after another (default 10)")
    p.add_argument("--wait", type=float, default=60.0, help="seconds after the last session closed (default 60)")
    p.add_argument("--probe", type=Path, help=argparse.SUPPRESS)  # a folder: the server's memory probes go there
    add_report_flag(p)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap bench-sessions``."""
    return run_section(
        parser(), argv, lambda args, folder: measure(args.rows, args.sessions, args.wait, folder, args.probe), report
    )
