"""``bench-hostile``'s drafting parts: every hostile report text drafted by the CLI, in a worker and on the page.

* ``draft``: ``python -m countymap draft FILE --out CSV`` in a fresh process
  (wall and CPU time, its own peak memory), then the same text as the review
  page drafts it: in its worker, compared with the items on the map; the bound of
  the target is under 5 s and 200 MB for every text within the cap.
* ``draft-session``: on a live server driven by Chromium, the map page time of
  one session alone (median of three loads) and while another session drafts
  the slowest text on the review page (within 1.5x), and the time
  until that session shows its drafts.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from countymap.bench import live
from countymap.bench.hostile_texts import TEXTS, write_text
from countymap.config import CHROMIUM, CHROMIUM_ARGS, geodata_dir, projects_path
from countymap.core import worker
from countymap.core.report import default_report_path, load_report
from countymap.core.tables import read_raw

DRAFT_S, DRAFT_MB, SLOWDOWN = 5.0, 200.0, 1.5  # the bounds the drafting must keep
REVIEW_PAGE = "%E8%8D%89%E7%A8%BF%E5%AE%A1%E6%A0%B8"  # 草稿审核, URL-quoted
# What the review page shows once it has drafted: the count of drafts, a warning or an error.
REVIEW_DONE = '[data-testid="stMarkdown"]:has-text("条草稿"), [data-testid="stAlert"]'


def _report() -> str | None:
    path = default_report_path()
    return load_report(path) if path else None


def texts(folder: Path) -> dict[str, Path]:
    """Every hostile text written into ``folder``, by name."""
    report = _report()
    return {name: write_text(name, folder, report) for name in TEXTS}


def measure_worker(path: Path) -> tuple[float, float, str]:
    """Draft ``path`` as the review page does (in its worker, compared with the items on the map).

    Returns the wall seconds, the worker's peak MB and what came back.
    """
    raw, previous = path.read_text(encoding="utf-8"), read_raw(projects_path())
    started = time.perf_counter()
    outcome = worker.run("countymap.draft.drafter:draft_table", raw, str(geodata_dir()), previous, wait_for_slot=False)
    seconds = time.perf_counter() - started
    result = outcome.failure or f"{len(outcome.value[0])} drafts"
    return seconds, outcome.peak_mb, result


def draft_rows(paths: dict[str, Path], measure_command, base_mb: float) -> tuple[list[str], str]:
    """The Markdown rows of the ``draft`` part and the name of the slowest text (by the CLI's wall time).

    The memory bound applies to what drafting takes: the peak above ``base_mb``, the
    peak of the same command that only loads its libraries (``draft --help``).
    """
    rows, slowest, worst = [], "", -1.0
    for name, path in paths.items():
        with tempfile.TemporaryDirectory() as tmp:
            cli = measure_command(["draft", str(path), "--out", str(Path(tmp) / "drafts.csv")])
        seconds, peak_mb, result = measure_worker(path)
        ok = max(cli.seconds, seconds) < DRAFT_S and max(cli.peak_mb, peak_mb) - base_mb < DRAFT_MB
        rows.append(
            f"| {name} | {path.stat().st_size / 1024:.0f} | {cli.seconds:.2f} | {cli.cpu_s:.2f} | {cli.peak_mb:.0f} "
            f"| {seconds:.2f} | {peak_mb:.0f} | {'ok' if ok else 'OVER'} | {result} |"
        )
        if cli.seconds > worst:
            slowest, worst = name, cli.seconds
    return rows, slowest


def draft_section(folder: Path, measure_command) -> tuple[list[str], str]:
    """The ``draft`` part's Markdown lines and the slowest text's name."""
    paths = texts(folder)
    base_mb = measure_command(["draft", "--help"]).peak_mb
    lines = ["", "## Drafting hostile report texts (`python -m countymap draft`, and the review page's worker)", ""]
    lines += [f"- `{name}`: {what}" for name, (what, _) in TEXTS.items()]
    lines += [
        f"- the interpreter with the drafter's libraries (pandas, pypinyin's dictionaries) peaks at {base_mb:.0f} MB "
        "before any work (`draft --help`); the bound is on the memory drafting adds to that",
        "",
        "| text | KB | CLI wall s | CLI CPU s | CLI peak MB | page's worker wall s | its peak MB | < 5 s, < 200 MB more | drafts |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    rows, slowest = draft_rows(paths, measure_command, base_mb)
    return lines + rows, slowest


def review_beside_session(browser, url: str, path: Path) -> dict:
    """Upload ``path`` on the review page of one session and time the map page of another meanwhile."""
    drafter, reader = browser.new_context(), browser.new_context()
    try:
        draft_page, read_page = drafter.new_page(), reader.new_page()
        live.goto(draft_page, f"{url}/{REVIEW_PAGE}")
        started = time.perf_counter()
        draft_page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
        page_s = _map_page_seconds(read_page, url)
        done = draft_page.locator(REVIEW_DONE).first
        done.wait_for(timeout=180_000)
        live.wait_for_app(draft_page, timeout=180_000)
        return {"page_s": page_s, "draft_s": time.perf_counter() - started, "shown": done.inner_text()[:80]}
    finally:
        drafter.close()
        reader.close()


def _map_page_seconds(page, url: str) -> float:
    started = time.perf_counter()
    live.goto(page, url)
    live.map_frame(page, timeout=180_000)
    return time.perf_counter() - started


def session_section(folder: Path, name: str) -> list[str]:
    """The ``draft-session`` part: another session's map page while one session drafts text ``name``."""
    from playwright.sync_api import sync_playwright

    path = write_text(name, folder, _report())
    url, server, _log = live.start_server(folder)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            _map_page_seconds(browser.new_page(), url)  # warm the server's caches, as a running server has them
            alone = []
            for _ in range(3):
                context = browser.new_context()
                alone.append(_map_page_seconds(context.new_page(), url))
                context.close()
            during = review_beside_session(browser, url, path)
            peak_mb = live.memory_mb(server.pid)["peak"]
            browser.close()
    finally:
        live.stop_server(server)
    alone_s = statistics.median(alone)
    ratio = during["page_s"] / alone_s
    verdict = "ok" if ratio <= SLOWDOWN else "OVER"
    return [
        "",
        "## Another session's map page while one session drafts the slowest text (live server, Chromium)",
        "",
        f"- map page alone (median of 3): {alone_s:.2f} s",
        f"- while `{name}` is drafted on the review page: {during['page_s']:.2f} s ({ratio:.2f}x, "
        f"bound {SLOWDOWN}x: {verdict})",
        f"- the drafting session showed its result after {during['draft_s']:.1f} s: “{during['shown']}”",
        f"- server peak memory {peak_mb:.0f} MB",
    ]
