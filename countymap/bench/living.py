"""``python -m countymap bench-living``: the living map's database, on SQLite and on PostgreSQL.

On each database (SQLite in a temporary folder; PostgreSQL in a throw-away
cluster, when its server binaries are installed), with projects.csv as the
2023 edition and ``--updates`` updates in the log (default 10,000, spread
over the items, fields and 2023's dates; written in bulk, as the log would be
after a year of saves):

* save: one ``save_update`` (session check, item lock, concurrency check,
  insert, audit row, commit), median of ``--runs``;
* state latest / state as of a date: ``state_as_of`` (read the baseline and
  the whole log in one snapshot, fold), median of ``--runs``;
* the same state with an empty log (the baseline alone), for comparison;
* log position: the one indexed ``max`` the app runs to know whether its cached state is current;
* redraw after a save: save, fold the new state, build and render the whole map from it (what a public
  session pays once after an editor's save, before the page's own work);
* filter change on the map (SQLite run only: the database is not involved): a new filter's rows, its
  features, the map built and rendered, on the latest state (every update folded in) and on the report's
  state of the same database (no update), median over filters that each show a different part.

Writes a section of BENCHMARKS.md between ``<!-- living -->`` markers (``bench`` keeps it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert, select

from countymap.bench.markdown import machine, replace_section
from countymap.bench.measure import median
from countymap.bench.pgcluster import server_bin, throwaway_cluster
from countymap.config import REPO_ROOT
from countymap.core.dataset import Dataset
from countymap.core.filters import FilterState
from countymap.core.geodata import load_geodata
from countymap.living import (
    LOCAL_OPERATOR,
    Change,
    add_account,
    import_edition,
    latest_update_of,
    log_position,
    report_state,
    save_update,
    sign_in,
    state_as_of,
    upgrade,
)
from countymap.living.database import close
from countymap.living.tables import accounts, updates
from countymap.living.values import encode_value
from countymap.map.build import build_map
from countymap.map.features import dataset_features
from countymap.schema import MILESTONES, STATUSES

# Filter changes timed on the map: each shows another part (the Dataset keeps its last two drawn parts).
FILTERS = (*(FilterState(statuses=(code,)) for code in STATUSES), FilterState(years=("2023",)))

SECTION = "living"
PASSWORD = "benchmark password"


def parser() -> argparse.ArgumentParser:
    """The ``bench-living`` command line."""
    p = argparse.ArgumentParser(prog="python -m countymap bench-living", description=__doc__.splitlines()[0])
    p.add_argument("--updates", type=int, default=10_000, help="updates in the log (default 10,000)")
    p.add_argument("--runs", type=int, default=20, help="runs per measure (median)")
    p.add_argument("--out", default=str(REPO_ROOT / "BENCHMARKS.md"), help="report to update (Markdown)")
    p.add_argument("--no-postgres", action="store_true", help="SQLite only")
    return p


def _random_value(field: str, rng: random.Random) -> object:
    return {
        "status": lambda: rng.choice(tuple(STATUSES)),
        "milestone": lambda: rng.choice(tuple(MILESTONES)),
        "progress": lambda: rng.randrange(0, 101),
        "site": lambda: {"lon": 108.4 + rng.random() * 0.8, "lat": 28.4 + rng.random() * 0.8, "basemap": "none"},
        "note": lambda: f"第 {rng.randrange(1000)} 次现场检查",
    }[field]()


def seed_log(db, count: int) -> list[str]:
    """``count`` updates written in bulk (deterministic); returns the item ids."""
    rng = random.Random(2023)
    state = state_as_of(db)
    ids = state.table["id"].tolist()
    with db.writing() as connection:
        account = connection.execute(select(accounts.c.account_id).limit(1)).scalar_one()
        at = dt.datetime.now(dt.UTC)
        rows = []
        for _ in range(count):
            field = rng.choice(("status", "milestone", "progress", "site", "note"))
            rows.append(
                {
                    "item_id": rng.choice(ids),
                    "field": field,
                    "value": encode_value(_random_value(field, rng)),
                    "effective_date": dt.date(2023, 2, 9) + dt.timedelta(days=rng.randrange(320)),
                    "evidence": "https://www.youyang.gov.cn/bench",
                    "account_id": account,
                    "recorded_at": at,
                }
            )
        connection.execute(insert(updates), rows)
    return ids


def _median_s(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return median(times)


def filter_change_s(dataset: Dataset, runs: int) -> float:
    """Median seconds of a filter change on the map: the filter's rows, features, map built and rendered."""

    def draw(state: FilterState) -> None:
        features = dataset_features(dataset, state, lang="zh", to_gcj02=False)
        build_map(dataset, features).get_root().render()

    draw(FilterState())  # the first map places and writes the whole table once, as the app's first run
    times = []
    for run in range(max(runs, len(FILTERS))):
        state = FILTERS[run % len(FILTERS)]
        start = time.perf_counter()
        dataset.rows(state)
        draw(state)
        times.append(time.perf_counter() - start)
    return median(times)


def measure(url: str, count: int, runs: int, maps: bool = False) -> dict:
    """The figures of one database (see the module docstring)."""
    db = upgrade(url)
    import_edition(db, REPO_ROOT / "projects.csv", "2023")
    add_account(db, LOCAL_OPERATOR, "bench-editor", PASSWORD, "editor")
    token = sign_in(db, "bench-editor", PASSWORD).token
    result = {"baseline_state_s": _median_s(lambda: state_as_of(db), runs)}
    ids = seed_log(db, count)
    result["state_latest_s"] = _median_s(lambda: state_as_of(db), runs)
    result["state_as_of_s"] = _median_s(lambda: state_as_of(db, dt.date(2023, 7, 1)), runs)
    result["position_s"] = _median_s(lambda: log_position(db), runs)
    rng = random.Random(7)

    def save() -> None:
        item = rng.choice(ids)
        change = Change(item, "progress", rng.randrange(101), dt.date(2023, 8, 1), "https://www.youyang.gov.cn/b")
        save_update(db, token, change, latest_update_of(db, item))

    result["save_s"] = _median_s(save, runs)
    geodata = load_geodata()

    def redraw() -> None:
        save()
        dataset = Dataset.of(state_as_of(db).table, geodata)  # as the app: a new state is a new Dataset
        build_map(dataset, dataset_features(dataset, FilterState(), lang="zh", to_gcj02=False)).get_root().render()

    result["redraw_s"] = _median_s(redraw, runs)
    result["updates"] = log_position(db)
    if maps:
        result["filter_latest_s"] = filter_change_s(Dataset.of(state_as_of(db).table, geodata), runs)
        result["filter_report_s"] = filter_change_s(Dataset.of(report_state(db).table, geodata), runs)
    close(url)
    return result


def report_lines(results: dict[str, dict], count: int, runs: int) -> list[str]:
    """The Markdown section."""
    lines = [
        "## Living map database",
        "",
        f"`python -m countymap bench-living` ({dt.date.today().isoformat()}): projects.csv as edition 2023 with "
        f"{count:,} updates in the log; medians of {runs} runs; milliseconds.",
        "",
        "| database | save an update | state, latest | state as of 2023-07-01 | state, empty log | log position "
        "| save + fold + map build and render |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        cells = [r["save_s"], r["state_latest_s"], r["state_as_of_s"], r["baseline_state_s"], r["position_s"],
                 r["redraw_s"]]  # fmt: skip
        lines.append(f"| {name} | " + " | ".join(f"{1000 * v:.1f}" for v in cells) + " |")
    maps = results.get("SQLite", {})
    if "filter_latest_s" in maps:
        latest, report = maps["filter_latest_s"], maps["filter_report_s"]
        lines += [
            "",
            f"Filter change on the map (a new filter's rows, features, map built and rendered; median over "
            f"{len(FILTERS)} filters): {1000 * latest:.0f} ms on the latest state with {count:,} updates folded in, "
            f"{1000 * report:.0f} ms on the report's state of the same items ({100 * (latest / report - 1):+.0f} %; "
            "target: within 10 %). The log is read once per change of the log, never per filter change.",
        ]
    lines += [
        "",
        "A save is one transaction: session check, item lock, concurrency check, insert, audit row, commit "
        "(SQLite: WAL, synchronous FULL; the PostgreSQL cluster is a throw-away one with fsync off, so its save "
        "omits the disk flush a real server pays). The app caches a state by its log position and asks only for "
        "the position on each run.",
        "",
        "Machine: " + "; ".join(line.lstrip("- ") for line in machine()[:2]),
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap bench-living``."""
    args = parser().parse_args(argv)
    if not 0 < args.updates <= 1_000_000 or not 0 < args.runs <= 1000:
        print("error: --updates 1..1,000,000 and --runs 1..1,000", flush=True)
        return 2
    results = {}
    with tempfile.TemporaryDirectory(prefix="countymap-bench-") as folder:
        results["SQLite"] = measure(f"sqlite:///{Path(folder) / 'bench.sqlite3'}", args.updates, args.runs, maps=True)
    binaries = None if args.no_postgres else server_bin()
    if binaries is not None:
        with throwaway_cluster(binaries) as cluster:
            results["PostgreSQL"] = measure(cluster.url(cluster.create_database()), args.updates, args.runs)
    lines = report_lines(results, args.updates, args.runs)
    replace_section(Path(args.out), SECTION, lines)
    print("\n".join(lines))
    return 0
