"""``python -m countymap bench-counties --cache DIR``: the app serving every county-level unit of Chongqing at once.

Each of the 38 units (5001xx, 5002xx; ``--only`` for fewer) becomes a dataset folder
under ``--cache`` (one folder per adcode; its geodata is built once with
:func:`countymap.cli.build_geodata.build_dataset` and reused by later runs, never
written into the checkout) with ``--items`` synthetic items (400 by default: 15,200
in all) drawn on its own townships by :mod:`countymap.bench.synthetic`. The items
copy rows of the embedded Youyang report (names, figures, passages), so every
folder's ``[edition]`` is that report's: each set passes ``validate_frame``
against its county's geodata and that report before anything is measured.

Then, with ``COUNTYMAP_DATASETS`` listing every folder:

* a live server (:mod:`countymap.bench.live`) and headless Chromium: the time from
  opening the map page until its first view is drawn (first visit with the
  server's caches empty, then new sessions), and the server's peak RSS;
* the map page through ``AppTest`` (:mod:`countymap.bench.app_timing`): a sidebar
  filter change's script run.

The figures go into BENCHMARKS.md, section "Several counties at once"
(:mod:`countymap.bench.section`, kept by ``bench``).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import sys
import time
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from countymap import config
from countymap.app.data import clear_caches
from countymap.app.overview_page import FRAME_SELECTOR
from countymap.bench import app_timing, live
from countymap.bench import measure as bm
from countymap.bench.geodata_coverage import CHONGQING, curated_inputs, usable_adcodes
from countymap.bench.markdown import _verdict as verdict_of
from countymap.bench.markdown import machine, table
from countymap.bench.section import add_report_flag, run_section
from countymap.bench.synthetic import load_ingredients, synthetic_row, to_csv_text
from countymap.cli.build_geodata import build_dataset, read_dataset_toml
from countymap.config import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, environment
from countymap.core.identity import DATASET_TOML
from countymap.core.memory import memory_mb
from countymap.geodata_build.build import write_files
from countymap.geodata_build.sources import Registry
from countymap.schema import INDICATORS, PROJECTS
from countymap.validation.arguments import output_folder
from countymap.validation.context import load_context
from countymap.validation.validate import validate_frame

DEFAULT_ITEMS = 400
DEFAULT_RUNS = 3
HEADING = "## Several counties at once"
PARTS = ("browser", "app")
# Targets of the several-counties view (wall seconds; the peak RSS is reported, not bounded).
FIRST_VIEW_TARGET_S = 1.5
FILTER_TARGET_S = 0.5


class BenchError(RuntimeError):
    """The benchmark cannot run (a county does not build, a synthetic set fails validation)."""


def _parts(text: str) -> frozenset[str]:
    """``--skip``: comma-separated parts of :data:`PARTS`."""
    parts = frozenset(part.strip() for part in text.split(",") if part.strip())
    if parts - set(PARTS):
        raise argparse.ArgumentTypeError(f"unknown part(s) to skip: {', '.join(sorted(parts - set(PARTS)))}")
    return parts


def _adcodes(text: str) -> list[str]:
    """``--only``: comma-separated adcodes, at most as many as the app serves."""
    codes = [code.strip() for code in text.split(",") if code.strip()]
    if len(codes) > config.MAX_DATASETS:
        raise argparse.ArgumentTypeError(f"at most {config.MAX_DATASETS} counties (got {len(codes)})")
    return codes


def parser() -> argparse.ArgumentParser:
    """The ``bench-counties`` command line."""
    p = argparse.ArgumentParser(prog="python -m countymap bench-counties", description=__doc__.splitlines()[0])
    p.add_argument(
        "--cache", type=output_folder, required=True, help="folder for the built datasets, one per adcode (reused)"
    )
    p.add_argument("--items", type=int, default=DEFAULT_ITEMS, choices=range(1, 5001), metavar="N", help="per county")
    p.add_argument("--only", type=_adcodes, default=[], help="comma-separated adcodes instead of all of Chongqing")
    p.add_argument("--runs", type=int, default=DEFAULT_RUNS, choices=range(1, 21), metavar="R", help="runs per figure")
    p.add_argument(
        "--skip", type=_parts, default=frozenset(), help=f"comma-separated parts to leave out: {', '.join(PARTS)}"
    )
    add_report_flag(p)
    return p


def _progress(message: str) -> None:
    print(f"[bench-counties {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def chongqing_adcodes(registry: Registry) -> list[str]:
    """Every county-level unit of Chongqing with townships and an outline, in code order."""
    return [code for code in usable_adcodes(registry) if code.startswith(CHONGQING)]


def embedded_edition() -> dict:
    """The embedded dataset's ``[edition]`` table: the report the synthetic items quote."""
    return read_dataset_toml(REPO_ROOT / DATASET_TOML)["edition"]


def dataset_folder(adcode: str, cache: Path, registry: Registry) -> tuple[Path, bool]:
    """``cache/adcode`` as a dataset folder (built unless already there); whether it was built now."""
    folder = cache / adcode
    if (folder / DATASET_TOML).is_file() and (folder / "geodata" / "townships.geojson").is_file():
        return folder, False
    try:
        files, toml, _ = build_dataset(adcode, curated_inputs(adcode), embedded_edition(), registry)
    except ValueError as exc:
        raise BenchError(f"{adcode} does not build: {exc}") from None
    write_files(files, folder / "geodata")
    (folder / DATASET_TOML).write_text(toml, encoding="utf-8")
    return folder, True


def county_frame(folder: Path, size: int) -> pd.DataFrame:
    """``size`` synthetic items on ``folder``'s townships (templates from the embedded ``projects.csv``)."""
    own, embedded = load_ingredients(folder), load_ingredients(REPO_ROOT)
    parts = dataclasses.replace(own, invested=embedded.invested, plain=embedded.plain)
    adcode = folder.name
    rng = random.Random(f"counties-{adcode}-{size}")
    rows = [synthetic_row(i, rng, parts, f"bench-{adcode}") for i in range(size)]
    return pd.DataFrame(rows, columns=PROJECTS.columns, dtype=str)


def write_projects(folder: Path, size: int) -> None:
    """Write the county's validated synthetic ``projects.csv``; raise :class:`BenchError` if it does not validate."""
    projects = folder / "projects.csv"
    if not projects.is_file():  # the ingredients are read from a dataset folder, which has a projects file
        projects.write_text(",".join(PROJECTS.columns) + "\n", encoding="utf-8")
    indicators = folder / INDICATORS.path
    if not indicators.is_file():  # the first folder is the data folder, which must have one (header only: none)
        indicators.write_text(",".join(INDICATORS.columns) + "\n", encoding="utf-8")
    frame = county_frame(folder, size)
    frame.attrs["ragged_rows"] = []
    problems = validate_frame(frame, PROJECTS, load_context(folder))
    if problems:
        sample = "; ".join(p.as_text("en") for p in problems[:3])
        raise BenchError(f"{folder.name}: {len(problems)} problem(s) in the synthetic set: {sample}")
    projects.write_text(to_csv_text(frame), encoding="utf-8")


def prepare(adcodes: list[str], cache: Path, items: int, registry: Registry) -> list[Path]:
    """Every county's dataset folder with its synthetic items."""
    folders = []
    for adcode in adcodes:
        folder, built = dataset_folder(adcode, cache, registry)
        write_projects(folder, items)
        _progress(f"{adcode}: {'built' if built else 'cached'}, {items} items")
        folders.append(folder)
    return folders


def datasets_env(folders: list[Path]) -> dict[str, str | None]:
    """The settings that serve ``folders`` (the first as the data folder) and nothing else."""
    return {
        config.ENV_DATA_DIR: str(folders[0]),
        config.ENV_DATASETS: os.pathsep.join(str(folder) for folder in folders),
        "COUNTYMAP_PROJECTS": None,
        "TIANDITU_KEY": None,
    }


# When the overview counts as drawn, watched from inside every frame from its first line (an init script, so
# neither Playwright's attaching to the frame nor its polling delays the reading): the first animation frame
# (the one the browser paints next) in which Leaflet is loaded and at rest, every county with items has its
# badge on the page and inside the frame's viewport, and the labels are placed (window.cmDrawnAt, in the frame's
# clock). Drawn is the later of that and the frame's first contentful paint: the first paint that shows it.
DRAWN_WATCH_JS = """(() => {
    if (window === window.top) { return; }
    const drawn = () => {
        const m = window.map, atlas = window.cmAtlas;
        if (!m || !m._loaded || m._animatingZoom || !atlas || !atlas.loaded) { return false; }
        if (!document.querySelector('.cm-label')) { return false; }
        const wanted = atlas.areas.filter(a => a.total).length;
        const seen = [...document.querySelectorAll('.cm-badge')].filter(b => {
            const r = b.getBoundingClientRect();
            return r.width > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight;
        });
        return wanted > 0 && seen.length === wanted;
    };
    const tick = () => {
        if (drawn()) { window.cmDrawnAt = performance.now(); } else { requestAnimationFrame(tick); }
    };
    requestAnimationFrame(tick);
})();"""
PAINTED_JS = "() => window.cmDrawnAt !== undefined && performance.getEntriesByName('first-contentful-paint').length > 0"
CLOCKS_JS = """() => [performance.timeOrigin,
    Math.max(window.cmDrawnAt, performance.getEntriesByName('first-contentful-paint')[0].startTime)]"""
BROWSER_TIMEOUT_MS = 300_000


def first_view(page, url: str) -> tuple[float, float]:
    """(s from opening the page until its map is drawn, s the map's frame took from its start until drawn).

    Read from the browser's clocks: ``performance.timeOrigin`` of the page and of
    the map's frame, the frame's ``cmDrawnAt`` (:data:`DRAWN_WATCH_JS`, which the
    page's context must carry as an init script) and its first contentful paint.
    """
    page.goto(url, wait_until="commit")
    iframe = page.locator(FRAME_SELECTOR).first  # the overview's own frame (no streamlit-folium component)
    iframe.wait_for(state="attached", timeout=BROWSER_TIMEOUT_MS)
    frame = iframe.element_handle(timeout=BROWSER_TIMEOUT_MS).content_frame()
    frame.wait_for_function(PAINTED_JS, timeout=BROWSER_TIMEOUT_MS, polling=50)
    page_origin = page.evaluate("() => performance.timeOrigin")
    frame_origin, drawn = frame.evaluate(CLOCKS_JS)
    return (frame_origin + drawn - page_origin) / 1000, drawn / 1000


def measure_browser(folders: list[Path], runs: int, tmp: Path) -> dict:
    """First view in Chromium: the first visit (server caches empty), the medians of new sessions, the server's peak RSS.

    A new session is a new browser context: a reader's first visit, every file
    fetched. Then, in the same context, a new tab: a returning reader, whose
    browser keeps Streamlit's content-hashed bundles (served ``immutable``).
    """
    from playwright.sync_api import sync_playwright

    env = {key: value for key, value in datasets_env(folders).items() if value is not None}
    with environment({"COUNTYMAP_PROJECTS": None, "TIANDITU_KEY": None}):
        url, server, _log = live.start_server(tmp, env)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            views, returning = [], []
            for run in range(runs + 1):
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                context.add_init_script(DRAWN_WATCH_JS)
                try:
                    views.append(first_view(context.new_page(), url))
                    if run:  # a new tab of the same browser: Streamlit's hashed bundles come from its cache
                        returning.append(first_view(context.new_page(), url)[0])
                finally:
                    context.close()
            browser.close()
        return {
            "view_cold_s": views[0][0],
            "view_s": bm.median([v[0] for v in views[1:]]),
            "frame_s": bm.median([v[1] for v in views[1:]]),
            "view_warm_s": bm.median(returning),
            "server_rss_mb": memory_mb(server.pid)["peak"],
        }
    finally:
        live.stop_server(server)


def run_script(app) -> tuple[float, float]:
    """(wall s, CPU s) of one script run of ``app``; raise if the script raised."""
    wall, cpu, _ = bm.timed(app.run)
    if app.exception:
        raise BenchError(f"app raised: {[e.value for e in app.exception]}")
    return wall, cpu


def filter_once(run_index: int) -> tuple[float, float]:
    """(wall s, CPU s) of a filter change in a new session, the caches filled by the session before it."""
    clear_caches()
    run_script(AppTest.from_file(str(app_timing.APP_SCRIPT), default_timeout=app_timing.APP_TIMEOUT_S))
    app = AppTest.from_file(str(app_timing.APP_SCRIPT), default_timeout=app_timing.APP_TIMEOUT_S)
    run_script(app)
    choices = app_timing.STATUS_CHOICES
    app.multiselect(key="f_statuses").set_value(choices[run_index % len(choices)])
    return run_script(app)


def measure_app(folders: list[Path], runs: int) -> dict:
    """A sidebar filter change's script run (median of ``runs``), through ``AppTest`` as ``bench`` times it."""
    with environment(datasets_env(folders)):
        times = [filter_once(i) for i in range(runs)]
    return {"filter_s": bm.median([t[0] for t in times]), "filter_cpu_s": bm.median([t[1] for t in times])}


COLUMNS = (
    ("counties", "counties", "{:,}"),
    ("items", "items", "{:,}"),
    ("view_cold_s", "first view in Chromium, server just started (s)", "{:.2f}"),
    ("view_s", "first view in Chromium, new session (s)", "{:.2f}"),
    ("frame_s", "… of which the map's frame (s)", "{:.2f}"),
    ("view_warm_s", "first view, returning reader: new tab, browser cache warm (s)", "{:.2f}"),
    ("filter_s", "filter change (s)", "{:.2f}"),
    ("filter_cpu_s", "… CPU (s)", "{:.2f}"),
    ("server_rss_mb", "server peak RSS (MB)", "{:.0f}"),
)


def targets(row: dict) -> list[str]:
    """The several-counties targets, in the format of BENCHMARKS.md's Targets table."""
    lines = ["| target (all counties loaded) | measured | CPU time | result |", "|---|---|---|---|"]
    for name, key, cpu_key, bound in (
        (f"first view drawn in Chromium < {FIRST_VIEW_TARGET_S} s (new reader)", "view_s", None, FIRST_VIEW_TARGET_S),
        (f"… returning reader (cache warm) < {FIRST_VIEW_TARGET_S} s", "view_warm_s", None, FIRST_VIEW_TARGET_S),
        (f"… the map's frame alone < {FIRST_VIEW_TARGET_S} s", "frame_s", None, FIRST_VIEW_TARGET_S),
        (f"filter change < {FILTER_TARGET_S} s", "filter_s", "filter_cpu_s", FILTER_TARGET_S),
    ):
        wall, cpu = row.get(key), row.get(cpu_key) if cpu_key else None
        verdict = verdict_of(None if wall is None else wall < bound, None if cpu is None else cpu < bound)
        shown = ["—" if v is None else f"{v:.2f}" for v in (wall, cpu)]
        lines.append(f"| {name} | {shown[0]} | {shown[1]} | {verdict} |")
    rss = row.get("server_rss_mb")
    lines.append(f"| server peak RSS (reported) | {'—' if rss is None else f'{rss:.0f}'} | — | reported |")
    return lines


def report(row: dict) -> str:
    """The section of BENCHMARKS.md (its first line is the heading)."""
    meta = row["meta"]
    return "\n".join(
        [
            HEADING,
            "",
            f"`python -m countymap bench-counties` ({meta['started']} – {meta['ended']}, load average"
            f" {meta['load'][0]:.1f} → {meta['load'][1]:.1f}): {row['counties']} county-level units of Chongqing as"
            f" dataset folders, {row['items'] // max(row['counties'], 1):,} synthetic items each, all listed in"
            " `COUNTYMAP_DATASETS`. First view: from opening the map page in Chromium (1440×900) until its map is"
            " drawn (the first animation frame, watched from inside the map's frame, in which Leaflet is at rest, every county's badge is inside the frame and the labels are placed), by the browser's clocks; the first visit after the server"
            f" started, then the median of {row['runs']} new sessions (each a new browser context: every file"
            " fetched), of those the map's frame alone (from its start, after the script run that makes it, until"
            " drawn), and a new tab in the same context after each (a returning reader: Streamlit's hashed bundles"
            " from the browser's cache). Filter change: `AppTest`, a new session"
            f" choosing three statuses (median of {row['runs']}). Peak RSS: the server's `VmHWM` after the visits.",
            "",
            *table([row], COLUMNS),
            "",
            *targets(row),
            "",
            f"Machine: {'; '.join(line.removeprefix('- ') for line in machine()[:2])}",
        ]
    )


def measure(args: argparse.Namespace, tmp: Path) -> dict:
    """Build (or reuse) the counties' folders, then time the parts not skipped; the row with its run's details."""
    registry = Registry()
    adcodes = args.only or chongqing_adcodes(registry)
    started, load = time.strftime("%Y-%m-%d %H:%M"), os.getloadavg()[0]
    folders = prepare(adcodes, args.cache, args.items, registry)
    row = {"counties": len(folders), "items": len(folders) * args.items, "runs": args.runs}
    if "app" not in args.skip:
        _progress("filter change (AppTest)")
        row |= measure_app(folders, args.runs)
    if "browser" not in args.skip:
        _progress("first view (Chromium)")
        row |= measure_browser(folders, args.runs, tmp)
    row["meta"] = {"started": started, "ended": time.strftime("%H:%M"), "load": (load, os.getloadavg()[0])}
    return row


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap bench-counties``; returns the exit code."""
    try:
        return run_section(parser(), argv, measure, report)
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
