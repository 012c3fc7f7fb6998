"""``python -m countymap bench``: how the map and the app scale, written to BENCHMARKS.md.

For each size (default 200, 2,000, 20,000 and 200,000 projects) a deterministic
synthetic projects file is generated (:mod:`countymap.bench.synthetic`) and must
pass :func:`countymap.validation.validate.validate_frame`. Then, in one run:

* build + render of the map (:func:`countymap.map.build.build_map` and
  ``get_root().render()``), its HTML size, and up to 20,000 projects the same
  features drawn the naive way (one ``folium.CircleMarker`` + ``folium.Popup``
  each) as reference;
* the map page through Streamlit's ``AppTest``: first run (caches empty), a
  new session (caches warm), the selection of an item as a map click makes it,
  and a sidebar filter change;
* the exported standalone page in headless Chromium: time until the county
  view (every township badge and the labels) is drawn, with the network blocked;
* memory: tracemalloc peak of the build, and the peak RSS of a fresh process
  running the map page.

Medians of ``--runs`` runs (default 5; 3 from 10,000 rows; 2 above 100,000).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from countymap.bench import app_timing as timing
from countymap.bench import measure as bm
from countymap.bench.markdown import write_report
from countymap.bench.synthetic import synthetic_frame, to_csv_text
from countymap.config import REPO_ROOT, environment
from countymap.core import limits
from countymap.core.dataset import Dataset
from countymap.core.filters import FilterState
from countymap.core.geodata import load_geodata
from countymap.core.tables import load_projects
from countymap.map.export import export_html
from countymap.map.features import dataset_features
from countymap.schema import PROJECTS
from countymap.validation.context import load_context
from countymap.validation.validate import validate_frame

DEFAULT_SIZES = (200, 2000, 20000, 200000)
QUICK_SIZES = (100,)
# The naive reference takes minutes per run beyond this size; it is the reference, not the subject.
NAIVE_MAX_SIZE = 20000
PARTS = ("naive", "app", "browser", "memory")


class BenchError(RuntimeError):
    """The benchmark cannot run (e.g. a synthetic set fails validation)."""


def parser() -> argparse.ArgumentParser:
    """The ``bench`` command line."""
    p = argparse.ArgumentParser(prog="python -m countymap bench", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default=None, help="comma-separated project counts (default 200,2000,20000,200000)")
    p.add_argument(
        "--runs", type=int, default=None, help="runs per measurement (default 5; 3 from 10,000 rows; 2 above 100,000)"
    )
    p.add_argument("--quick", action="store_true", help="one run of 100 projects (a smoke test)")
    p.add_argument("--skip", default="", help=f"comma-separated parts to leave out: {', '.join(PARTS)}")
    p.add_argument("--out", default=str(REPO_ROOT / "BENCHMARKS.md"), help="report file (Markdown)")
    return p


def runs_for(size: int, requested: int | None) -> int:
    """Runs per measurement: as requested, else 5 below 10,000 rows, 3 up to 100,000 and 2 above."""
    if requested:
        return max(1, requested)
    return 2 if size > 100_000 else 3 if size >= 10_000 else 5


def synthetic_csv(size: int, folder: Path) -> Path:
    """Write the validated synthetic set of ``size`` rows; raise if it does not validate."""
    frame = synthetic_frame(size, REPO_ROOT)
    problems = validate_frame(frame, PROJECTS, load_context(REPO_ROOT))
    if problems:
        sample = "; ".join(p.as_text("en") for p in problems[:3])
        raise BenchError(f"synthetic set of {size} rows has {len(problems)} problem(s): {sample}")
    path = folder / f"projects_{size}.csv"
    path.write_text(to_csv_text(frame), encoding="utf-8")
    return path


@contextmanager
def reading_limits_for(csv_path: Path, rows: int, columns: int):
    """Raise the read caps (:mod:`countymap.core.limits`) as an operator would, when the set exceeds the defaults.

    The defaults admit 50,000 rows; the 200,000-row set needs the operator's
    settings, within their allowed ranges (a set beyond them cannot be measured).
    """
    needed = {
        limits.MAX_ROWS: rows + 1,  # the header counts
        limits.MAX_CELLS: (rows + 1) * columns,
        limits.MAX_UNPACKED_MB: math.ceil(csv_path.stat().st_size / limits.MB) + 1,
    }
    settings = {s: max(value, s.default) for s, value in needed.items()}
    beyond = [s.variable for s, value in settings.items() if value > s.maximum]
    if beyond:
        raise BenchError(f"{rows:,} rows exceed what {', '.join(beyond)} can allow")
    with environment({s.variable: str(int(value)) for s, value in settings.items()}):
        yield


def _progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure_build(result: dict, projects, geodata, runs: int, skip: set[str]) -> None:
    """Build + render (cold), HTML size, tracemalloc peak; the naive reference unless skipped."""
    builds = [bm.build_once(projects, geodata) for _ in range(runs)]
    result.update(
        build_s=bm.median([b[0] for b in builds]),
        build_cpu_s=bm.median([b[1] for b in builds]),
        html_mb=builds[0][2] / 1e6,
        features=builds[0][3],
        build_peak_mb=bm.build_peak_mb(projects, geodata),
    )
    if "naive" not in skip and result["size"] <= NAIVE_MAX_SIZE:
        naive = [bm.naive_once(projects, geodata) for _ in range(runs)]
        result.update(
            naive_s=bm.median([n[0] for n in naive]),
            naive_cpu_s=bm.median([n[1] for n in naive]),
            naive_html_mb=naive[0][2] / 1e6,
        )


def drawn_item(projects) -> str:
    """The id of the first item drawn as a point or line of its own (not county-wide): what a click selects."""
    placed = projects[projects["precision"] != "county"]
    if placed.empty:
        raise BenchError("no item with a place to select")
    return str(placed["id"].iloc[0])


def measure_app(result: dict, csv_path: Path, item_id: str, runs: int, skip: set[str]) -> None:
    """AppTest timings (medians) and the peak RSS of a fresh app process."""
    if "app" not in skip:
        with timing.projects_env(csv_path):
            timings = [timing.app_once(i, item_id) for i in range(runs)]
        for key in ("first", "warm", "select", "filter"):
            result[f"app_{key}_s"] = bm.median([t[key] for t in timings])
            result[f"app_{key}_cpu_s"] = bm.median([t[f"{key}_cpu"] for t in timings])
    if "memory" not in skip:
        result["app_rss_mb"] = timing.app_memory_mb(csv_path)


def measure_browser(result: dict, projects, geodata, folder: Path, runs: int, skip: set[str]) -> None:
    """Size of the exported page and the time until its county view (the township badges) is drawn in Chromium."""
    page_path = folder / f"export_{result['size']}.html"
    dataset = Dataset.of(projects, geodata, REPO_ROOT)
    export_html(dataset, None, page_path)
    result["export_mb"] = page_path.stat().st_size / 1e6
    if "browser" not in skip:
        features = dataset_features(dataset, FilterState(), lang="zh", to_gcj02=False)
        badges = sum(1 for s in features.summaries if s.count)
        times, problems = bm.browser_times(page_path, badges, runs)
        result.update(browser_s=bm.median(times), browser_errors=len(problems))


def measure_size(size: int, runs: int, skip: set[str], folder: Path) -> dict:
    """Every measurement for one synthetic set."""
    _progress(f"{size} projects: generating and validating")
    csv_path = synthetic_csv(size, folder)
    with reading_limits_for(csv_path, size, len(PROJECTS.columns)):
        projects, geodata = load_projects(csv_path), load_geodata(REPO_ROOT / "geodata")
        result: dict = {"size": size, "runs": runs}
        _progress(f"{size} projects: build ({runs} runs)")
        measure_build(result, projects, geodata, runs, skip)
        _progress(f"{size} projects: app")
        measure_app(result, csv_path, drawn_item(projects), runs, skip)
        _progress(f"{size} projects: browser")
        measure_browser(result, projects, geodata, folder, runs, skip)
    return result


def measure_embedded(runs: int, skip: set[str]) -> dict:
    """Build and app timings on the embedded Youyang ``projects.csv``."""
    csv_path = REPO_ROOT / PROJECTS.path
    projects, geodata = load_projects(csv_path), load_geodata(REPO_ROOT / "geodata")
    result: dict = {"size": len(projects), "runs": runs}
    measure_build(result, projects, geodata, runs, skip | {"naive"})
    measure_app(result, csv_path, drawn_item(projects), runs, skip | {"memory"})
    return result


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap bench``; returns the exit code."""
    args = parser().parse_args(argv)
    skip = {part.strip() for part in args.skip.split(",") if part.strip()}
    unknown = skip - set(PARTS)
    if unknown:
        print(f"unknown part(s) to skip: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    sizes = QUICK_SIZES if args.quick else tuple(int(s) for s in (args.sizes or "").split(",") if s.strip())
    sizes = sizes or DEFAULT_SIZES
    requested = 1 if args.quick else args.runs
    started = {"load": os.getloadavg(), "time": time.strftime("%Y-%m-%d %H:%M:%S")}
    try:
        with tempfile.TemporaryDirectory(prefix="countymap-bench-") as tmp:
            results = [measure_size(size, runs_for(size, requested), skip, Path(tmp)) for size in sizes]
            _progress("embedded Youyang data")
            embedded = measure_embedded(runs_for(0, requested), skip)
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    meta = {"started": started, "ended": {"load": os.getloadavg(), "time": time.strftime("%Y-%m-%d %H:%M:%S")}}
    meta["bench_rss_mb"] = bm.own_maxrss_mb()
    write_report(Path(args.out), results, embedded, meta)
    print(f"wrote {args.out}")
    return 0
