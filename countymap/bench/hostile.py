"""``python -m countymap bench-hostile``: what hostile files within the caps cost, measured.

For every file of :data:`countymap.bench.hostile_files.HOSTILE`:

* ``validate``: ``python -m countymap validate FILE`` in a fresh process, its
  wall time and peak resident memory (``ru_maxrss`` from ``wait4``);
* upload check: the child process the app runs for an upload
  (:func:`countymap.validation.isolated.run_isolated`), its wall time and peak memory;

then, unless ``--skip session``, on a live server driven by Chromium: the map
page time of one session alone (median of three loads) and while another
session uploads each of ``--uploads`` files, the server's peak memory, and its
memory 30 s after the uploading session closed. The bounds are
under 500 MB and 10 s per file, and at most 2x for the other session's page.
The drafting of hostile report texts is measured by
:mod:`countymap.bench.hostile_drafts` (parts ``draft`` and ``draft-session``).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from countymap.bench import hostile_drafts, live
from countymap.bench.hostile_files import HOSTILE, make
from countymap.bench.markdown import record_block
from countymap.bench.upload_session import (
    UPLOAD_DONE,
    alone_times,
    map_page_seconds,
    memory_after_close,
    start_upload,
    warm_up,
)
from countymap.config import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT
from countymap.core.memory import memory_mb
from countymap.validation.arguments import output_file, output_folder, parse_checked
from countymap.validation.isolated import run_isolated

TIMEOUT_S = 300.0
UPLOADS = ("largest.xlsx", "wide-row.xlsx", "zip-bomb.xlsx", "million-rows.xlsx")
AFTER_CLOSE_S = 30.0
SESSION_TTL_S = 10
PARTS = ("validate", "upload", "session", "draft", "draft-session")


@dataclass(frozen=True)
class Measured:
    """One run: exit code, wall and CPU seconds, peak resident memory (MB), first line of output."""

    returncode: int
    seconds: float
    cpu_s: float
    peak_mb: float
    first_line: str


def measure_command(args: list[str], timeout_s: float = TIMEOUT_S) -> Measured:
    """Run ``python -m countymap ARGS`` in a fresh process: its wall and CPU time and its own peak memory."""
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryFile() as out:
        peak_file = Path(tmp) / "peak"
        command = [sys.executable, "-m", "countymap.bench.peak", str(peak_file), "--", *args]
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT)
        killer = threading.Timer(timeout_s, process.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        first = out.read(4096).decode("utf-8", "replace").splitlines()
        peak_mb = float(peak_file.read_text()) if peak_file.exists() else float("nan")
    cpu_s = usage.ru_utime + usage.ru_stime
    return Measured(process.returncode, seconds, cpu_s, peak_mb, first[0] if first else "")


def validate_command(path: Path) -> list[str]:
    """The arguments of ``validate`` for ``path`` (English messages)."""
    return ["validate", str(path), "--lang", "en"]


def measure_upload(path: Path) -> Measured:
    """The app's upload check of ``path`` in its child process (the size limit is checked first, as in the app)."""
    from countymap.validation.upload import max_upload_bytes

    data = path.read_bytes()
    started, cpu = time.perf_counter(), _children_cpu_s()
    if len(data) > max_upload_bytes():
        return Measured(0, time.perf_counter() - started, 0.0, 0.0, "refused by its size before reading")
    result, peak_mb = run_isolated(data)
    first = result.problems[0].as_text("en") if result.problems else f"{len(result.valid)} rows"
    return Measured(0, time.perf_counter() - started, _children_cpu_s() - cpu, peak_mb, first)


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --- the live part: a hostile upload beside a normal session ----------------------------


def upload_beside_session(browser, url: str, path: Path) -> dict:
    """Start an upload of ``path`` in one session and time the map page in another meanwhile.

    Returns the other session's page time (``page_s``), the time until the
    uploading session shows its result (``upload_s``) and that result's
    summary line (``summary``).
    """
    uploader, reader = browser.new_context(), browser.new_context()
    try:
        upload_page, read_page = uploader.new_page(), reader.new_page()
        started = time.perf_counter()
        start_upload(upload_page, url, path)
        page_s = map_page_seconds(read_page, url)
        summary = upload_page.locator(UPLOAD_DONE).first
        summary.wait_for(timeout=120_000)
        live.wait_for_app(upload_page, timeout=120_000)
        return {"page_s": page_s, "upload_s": time.perf_counter() - started, "summary": summary.inner_text()}
    finally:
        uploader.close()
        reader.close()


def measure_sessions(folder: Path, uploads: tuple[str, ...]) -> dict:
    """Server memory and the other session's page time around hostile uploads (see the module docstring).

    The server forgets a closed session after ``SESSION_TTL_S`` (Streamlit's
    default is 120 s); the memory "after" is read :data:`AFTER_CLOSE_S` after
    the uploading sessions closed, once a new session has come (Streamlit
    drops expired sessions when its session store is next used).
    """
    from playwright.sync_api import sync_playwright

    env = {"STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(SESSION_TTL_S)}
    url, server, _log = live.start_server(folder, env)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            warm_up(browser, url)
            alone_s = statistics.median(alone_times(browser, url))
            figures: dict = {"alone_s": alone_s, "before_mb": memory_mb(server.pid)["rss"]}
            figures["uploads"] = {name: upload_beside_session(browser, url, make(name, folder)) for name in uploads}
            figures |= memory_after_close(browser, url, server.pid, AFTER_CLOSE_S)  # the bound is read 30 s after
            browser.close()
    finally:
        live.stop_server(server)
    return figures


# --- the report ------------------------------------------------------------------------------


def _row(name: str, measured: Measured) -> str:
    verdict = "ok" if measured.peak_mb < 500 and measured.seconds < 10 else "OVER"
    figures = f"{measured.seconds:.2f} | {measured.cpu_s:.2f} | {measured.peak_mb:.0f}"
    return f"| {name} | {figures} | {verdict} | {measured.first_line[:110]} |"


def report(folder: Path, parts: set[str], uploads: tuple[str, ...]) -> str:
    """Measure and return the Markdown report."""
    lines = [f"# Hostile files (python -m countymap bench-hostile), {time.strftime('%Y-%m-%d %H:%M')}", ""]
    lines += [
        f"- `{name}`: {what}, {make(name, folder).stat().st_size / 1e6:.2f} MB" for name, (what, _) in HOSTILE.items()
    ]
    head = ["| file | wall s | CPU s | peak MB | < 500 MB, < 10 s | result |", "|---|---|---|---|---|---|"]
    if "validate" in parts:
        lines += ["", "## `python -m countymap validate FILE` (fresh process)", "", *head]
        lines += [_row(name, measure_command(validate_command(make(name, folder)))) for name in HOSTILE]
    if "upload" in parts:
        lines += ["", "## Upload check (the app's child process)", "", *head]
        lines += [_row(name, measure_upload(make(name, folder))) for name in HOSTILE]
    slowest = "distinct-clauses"
    if "draft" in parts:
        draft_lines, slowest = hostile_drafts.draft_section(folder, measure_command)
        lines += draft_lines
    if "draft-session" in parts:
        lines += hostile_drafts.session_section(folder, slowest)
    if "session" in parts:
        figures = measure_sessions(folder, uploads)
        lines += ["", "## Another session's map page during a hostile upload (live server, Chromium)", ""]
        lines += [f"- map page alone (median of 3): {figures['alone_s']:.2f} s"]
        for name, times in figures["uploads"].items():
            ratio = times["page_s"] / figures["alone_s"]
            lines.append(
                f"- during `{name}` upload: {times['page_s']:.2f} s ({ratio:.2f}x; upload shown after {times['upload_s']:.1f} s)"
            )
        lines += [
            f"- server memory: {figures['before_mb']:.0f} MB before the uploads, peak {figures['peak_mb']:.0f} MB, "
            f"{figures['after_mb']:.0f} MB {AFTER_CLOSE_S:.0f} s after the uploading sessions closed "
            f"(sessions kept {SESSION_TTL_S} s after they close)"
        ]
    return "\n".join(lines) + "\n"


def parser() -> argparse.ArgumentParser:
    """The ``bench-hostile`` command line."""
    p = argparse.ArgumentParser(prog="python -m countymap bench-hostile", description=__doc__.splitlines()[0])
    p.add_argument("--skip", default="", help=f"comma-separated parts to leave out: {', '.join(PARTS)}")
    p.add_argument("--uploads", default=",".join(UPLOADS), help="files uploaded beside a normal session")
    p.add_argument(
        "--folder",
        type=output_folder,
        default=None,
        help="where the hostile files are made (default: a temporary folder)",
    )
    p.add_argument("--out", type=output_file, default=None, help="also write the report here (Markdown)")
    p.add_argument(
        "--record", type=output_file, default=None, help="also keep the report in this file's bench-hostile block"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap bench-hostile``; prints the report (and writes it with ``--out``)."""
    args = parse_checked(parser(), argv)
    if isinstance(args, int):
        return args
    skip = {part.strip() for part in args.skip.split(",") if part.strip()}
    uploads = tuple(name.strip() for name in args.uploads.split(",") if name.strip())
    unknown = (skip - set(PARTS)) | (set(uploads) - set(HOSTILE))
    if unknown:
        print(f"unknown part(s) or file(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="countymap-hostile-") as tmp:
        text = report(Path(args.folder or tmp), set(PARTS) - skip, uploads)
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    if args.record:
        record_block(Path(args.record), re.sub(r"^(#+) ", r"#\1 ", text, flags=re.MULTILINE))  # one level down
    return 0
