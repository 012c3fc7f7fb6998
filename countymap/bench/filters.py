"""``python -m countymap bench-filters``: a search and a filter change on a large table, and the map after them.

One Dataset of a valid synthetic table (``--rows``, default 50,000: the upload
cap) is made as the app makes it and, timed (median of ``--runs``): its first
map (placed, written, drawn), a search right after (which builds the search
index: the app builds it on the first search), another search,
a filter change, and drawing the map of the filtered part (its features taken from the written table, the map built and
rendered). The figures go to BENCHMARKS.md, section "Filters on a large table".
"""

from __future__ import annotations

import argparse
from pathlib import Path

from countymap.bench.measure import median, timed
from countymap.bench.run import reading_limits_for, synthetic_csv
from countymap.bench.section import add_report_flag, run_section
from countymap.config import REPO_ROOT
from countymap.core.dataset import Dataset
from countymap.core.filters import FilterState
from countymap.core.geodata import load_geodata
from countymap.core.tables import load_projects
from countymap.map.build import build_map
from countymap.map.features import dataset_features
from countymap.schema import PROJECTS

SECTION = "## Filters on a large table"
SEARCHES = ("龚滩", "gongtan", "水库")
FILTER = FilterState(statuses=("planned", "in_progress", "completed"))


def _draw(dataset: Dataset, state: FilterState) -> None:
    features = dataset_features(dataset, state, lang="zh", to_gcj02=False)
    build_map(dataset, features).get_root().render()


def measure(rows: int, runs: int, folder: Path) -> dict:
    """Seconds (wall, median) of the first search, a later search, a filter change and the map after it."""
    path = synthetic_csv(rows, folder)
    with reading_limits_for(path, rows, len(PROJECTS.columns)):
        table = load_projects(path)
    times = [_one_run(table, run) for run in range(runs)]
    return {"rows": rows, "runs": runs, **{key: median([t[key] for t in times]) for key in times[0]}}


def _one_run(table, run: int) -> dict[str, float]:
    dataset = Dataset.of(table, load_geodata(REPO_ROOT / "geodata"), REPO_ROOT)
    first_page = timed(lambda: _draw(dataset, FilterState()))[0]  # placed and written once
    return {
        "first_page": first_page,
        "first_search": timed(lambda: dataset.rows(FilterState(query=SEARCHES[0])))[0],
        "search": timed(lambda: dataset.rows(FilterState(query=SEARCHES[1 + run % 2])))[0],
        "filter": timed(lambda: dataset.rows(FILTER))[0],
        "map": timed(lambda: _draw(dataset, FILTER))[0],
    }


def report(figures: dict) -> str:
    """The section of BENCHMARKS.md."""
    return "\n".join(
        [
            SECTION,
            "",
            f"`python -m countymap bench-filters --rows {figures['rows']}` (median of {figures['runs']} runs, wall "
            "seconds; the Dataset made as the app makes it: the first search builds the search index):",
            "",
            "| rows | first map (place, write, draw) | first search, right after | another search | filter change "
            "| map of the filtered part |",
            "|---|---|---|---|---|---|",
            f"| {figures['rows']:,} | {figures['first_page']:.2f} | {figures['first_search']:.2f} | "
            f"{figures['search']:.2f} | {figures['filter']:.2f} | {figures['map']:.2f} |",
            "",
        ]
    )


def parser() -> argparse.ArgumentParser:
    """The ``bench-filters`` command line."""
    p = argparse.ArgumentParser(prog="python -m countymap bench-filters", description="Search and filter timings.")
    p.add_argument("--rows", type=int, default=50_000, help="rows of the synthetic table (default 50,000)")
    p.add_argument("--runs", type=int, default=3, help="runs (default 3)")
    add_report_flag(p)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap bench-filters``."""
    return run_section(parser(), argv, lambda args, folder: measure(args.rows, args.runs, folder), report)
