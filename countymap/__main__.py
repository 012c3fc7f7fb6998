"""Command line: ``python -m countymap <command> [options]``.

Each command lives in its own module and exposes ``main(argv) -> int``; the
import happens only when the command runs, so ``--help`` stays fast.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS = {
    "serve": ("countymap.cli.serve", "Serve the app (README's command 1): st.App under uvicorn, --port, --address"),
    "build-geodata": (
        "countymap.cli.build_geodata",
        "Build a county's geodata/ and dataset.toml from registry packages",
    ),
    "new-dataset": ("countymap.cli.new_dataset", "New county dataset folder: geodata, drafts for review, dataset.toml"),
    "validate": ("countymap.cli.validate", "Check a projects file against the schema and geodata"),
    "export-html": ("countymap.cli.export_html", "Write the filtered map as a standalone offline HTML file"),
    "export-table": ("countymap.cli.export_table", "Write the filtered projects as CSV, XLSX or GeoJSON"),
    "db": ("countymap.cli.db", "Living map database: upgrade, import an edition, backup, export the audit log"),
    "user": ("countymap.cli.user", "Add (password from stdin) or deactivate an editor or admin account"),
    "update": ("countymap.cli.update", "Record an update of an item (status, site, ...) with its date and evidence"),
    "history": ("countymap.cli.history", "The update log (of one item) as CSV"),
    "bench": ("countymap.bench.run", "Run the performance benchmark and update BENCHMARKS.md"),
    "bench-hostile": (
        "countymap.bench.hostile",
        "Measure hostile uploads and report texts within the caps (memory, time, other sessions)",
    ),
    "bench-filters": ("countymap.bench.filters", "Time a search, a filter change and the map on a 50,000-row table"),
    "bench-sessions": ("countymap.bench.sessions", "Measure whether uploads' memory is returned when sessions close"),
    "bench-living": (
        "countymap.bench.living",
        "Time to save an update and to fold 10,000 updates (SQLite, PostgreSQL)",
    ),
    "draft": ("countymap.draft.cli", "Draft items from a new report text; --evaluate compares with a curated file"),
    "bench-geodata": (
        "countymap.bench.geodata_coverage",
        "Build a sample of counties; seat coverage to docs/coverage.md",
    ),
    "bench-counties": (
        "countymap.bench.counties",
        "Serve Chongqing's 38 counties with 400 synthetic items each: first view, filter change, memory",
    ),
}


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the module of the named command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"} or args[0] not in COMMANDS:
        print("usage: python -m countymap <command> [options]\n\ncommands:")
        for name, (_, text) in COMMANDS.items():
            print(f"  {name:<14} {text}")
        return 0 if not args or args[0] in {"-h", "--help"} else 2
    module = importlib.import_module(COMMANDS[args[0]][0])
    return int(module.main(args[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
