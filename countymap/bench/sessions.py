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
BENCHMARKS.md, section "Upload sessions".
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from countymap.bench import live
from countymap.bench.hostile import UPLOAD_DONE, memory_after_close, start_upload, warm_up
from countymap.bench.run import synthetic_csv
from countymap.config import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT
from countymap.core.memory import memory_mb
from countymap.validation.arguments import output_file, parse_checked

SECTION = "## Upload sessions"
MAP_LINK = 'a[data-testid="stPageLink-NavLink"]'  # the sidebar's first page link is the map


def upload_and_map(browser, url: str, path: Path) -> None:
    """One session: upload ``path`` on the projects page, open the map of it, close."""
    context = browser.new_context()
    try:
        page = context.new_page()
        start_upload(page, url, path)
        page.locator(UPLOAD_DONE).first.wait_for(timeout=300_000)
        live.wait_for_app(page, timeout=300_000)
        page.locator(MAP_LINK).first.click()  # in-app navigation keeps the session (and its upload)
        live.map_frame(page, timeout=300_000)
    finally:
        context.close()


def measure(rows: int, sessions: int, wait_s: float, folder: Path) -> dict:
    """Server RSS before, at peak and ``wait_s`` after ``sessions`` upload sessions closed (MB)."""
    from playwright.sync_api import sync_playwright

    path = synthetic_csv(rows, folder)
    upload_mb = path.stat().st_size / 1024 / 1024
    env = {"COUNTYMAP_MAX_UPLOAD_MB": str(max(10, int(upload_mb) + 1))}  # an operator's setting, in range
    url, server, _log = live.start_server(folder, env)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            warm_up(browser, url)
            figures = {"rows": rows, "sessions": sessions, "wait_s": wait_s, "file_mb": upload_mb}
            figures["cold_mb"] = memory_mb(server.pid)["rss"]
            upload_and_map(browser, url, path)
            figures["before_mb"] = memory_after_close(browser, url, server.pid, wait_s)["after_mb"]
            for _ in range(sessions):
                upload_and_map(browser, url, path)
            figures |= memory_after_close(browser, url, server.pid, wait_s)
            browser.close()
    finally:
        live.stop_server(server)
    return figures


def report(figures: dict) -> str:
    """The section of BENCHMARKS.md."""
    returned = figures["after_mb"] - figures["before_mb"]
    return "\n".join(
        [
            SECTION,
            "",
            f"`python -m countymap bench-sessions --rows {figures['rows']} --sessions {figures['sessions']}`: "
            f"{figures['sessions']} sessions one after another each upload a valid {figures['rows']:,}-row file "
            f"({figures['file_mb']:.1f} MB), open its map and close. Server memory (RSS): at the cold start (one map "
            "page), *before* (one more upload session closed and expired: what a first upload loads once per process), "
            f"at the peak, and {figures['wait_s']:.0f} s after the last session closed:",
            "",
            f"| cold start (MB) | before (MB) | peak (MB) | {figures['wait_s']:.0f} s after the last closed (MB) "
            "| after − before (MB) | after − cold start (MB) |",
            "|---|---|---|---|---|---|",
            f"| {figures['cold_mb']:.0f} | {figures['before_mb']:.0f} | {figures['peak_mb']:.0f} | "
            f"{figures['after_mb']:.0f} | {returned:+.0f} | {figures['after_mb'] - figures['cold_mb']:+.0f} |",
            "",
        ]
    )


def write_section(text: str, out: Path) -> None:
    """Replace (or append) in ``out`` the section that ``text`` is (its first line is the heading)."""
    heading = text.splitlines()[0]
    current = out.read_text(encoding="utf-8") if out.exists() else ""
    pattern = re.compile(rf"{re.escape(heading)}\n.*?(?=\n## |\Z)", re.S)
    replaced = pattern.sub(lambda _: text.rstrip("\n"), current)
    updated = replaced if heading in current else current.rstrip("\n") + "\n\n" + text
    out.write_text(updated.rstrip("\n") + "\n", encoding="utf-8")


def add_report_flag(parser: argparse.ArgumentParser) -> None:
    """``--out``: the Markdown file whose section :func:`write_section` replaces (checked before any work)."""
    parser.add_argument(
        "--out", default=str(REPO_ROOT / "BENCHMARKS.md"), type=output_file, help="report file (Markdown)"
    )


def parser() -> argparse.ArgumentParser:
    """The ``bench-sessions`` command line."""
    p = argparse.ArgumentParser(prog="python -m countymap bench-sessions", description="Upload sessions and memory.")
    p.add_argument("--rows", type=int, default=20_000, help="rows of the uploaded file (default 20,000)")
    p.add_argument("--sessions", type=int, default=10, help="upload sessions, one after another (default 10)")
    p.add_argument("--wait", type=float, default=60.0, help="seconds after the last session closed (default 60)")
    add_report_flag(p)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap bench-sessions``."""
    args = parse_checked(parser(), argv)
    if isinstance(args, int):
        return args
    with tempfile.TemporaryDirectory(prefix="countymap-sessions-") as folder:
        figures = measure(args.rows, args.sessions, args.wait, Path(folder))
    text = report(figures)
    print(text)
    write_section(text, Path(args.out))
    return 0
