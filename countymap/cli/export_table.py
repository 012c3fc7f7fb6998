"""``python -m countymap export-table``: the filtered projects as CSV, XLSX or GeoJSON.

The same files as the download buttons of the app's projects page, made by the
same functions (:mod:`countymap.core.downloads`): CSV in UTF-8 with BOM, XLSX
with string cells only, spreadsheet text that could run as a formula
neutralised. The filter flags are those of ``export-html``; the projects file
is checked like an upload and not exported when it has any problem.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from countymap.cli.options import add_filter_flags, add_input_flags, run_export, state_from_args
from countymap.core.downloads import csv_bytes, geojson_bytes, xlsx_bytes
from countymap.core.filters import apply_filters
from countymap.core.geodata import Geodata
from countymap.core.placement import place_projects
from countymap.validation.arguments import output_file

# Each writer gets the filtered rows, the geodata and the whole table (whose placement the map uses).
FORMATS = {
    "csv": lambda result, geodata, projects: csv_bytes(result),
    "xlsx": lambda result, geodata, projects: xlsx_bytes(result),
    "geojson": lambda result, geodata, projects: geojson_bytes(result, geodata, place_projects(projects, geodata)),
}


def parser() -> argparse.ArgumentParser:
    """The ``export-table`` command line."""
    p = argparse.ArgumentParser(
        prog="python -m countymap export-table", description="Write the filtered projects as CSV, XLSX or GeoJSON."
    )
    add_input_flags(p)
    p.add_argument("--format", required=True, choices=tuple(FORMATS), help="csv (UTF-8 with BOM), xlsx or geojson")
    p.add_argument("--out", required=True, type=output_file, help="file to write")
    add_filter_flags(p)
    return p


def _write(args: argparse.Namespace, projects: pd.DataFrame, geodata: Geodata) -> str:
    result = apply_filters(projects, state_from_args(args))
    Path(args.out).write_bytes(FORMATS[args.format](result, geodata, projects))
    return f" ({len(result)} rows)"


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap export-table``; returns the exit code."""
    return run_export(parser(), argv, _write)
