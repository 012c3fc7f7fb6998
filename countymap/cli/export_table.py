"""``python -m countymap export-table``: the filtered projects as CSV, XLSX, GeoJSON or GeoPackage.

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
from countymap.core.downloads import csv_bytes, geojson_bytes, geopackage_bytes, xlsx_bytes
from countymap.core.filters import apply_filters
from countymap.core.geodata import Geodata
from countymap.core.placement import place_projects

# Each writer gets the filtered rows, the geodata and the whole table (whose placement the map uses).
FORMATS = {
    "csv": lambda result, geodata, projects: csv_bytes(result),
    "xlsx": lambda result, geodata, projects: xlsx_bytes(result),
    "geojson": lambda result, geodata, projects: geojson_bytes(result, geodata, place_projects(projects, geodata)),
    "gpkg": lambda result, geodata, projects: geopackage_bytes(result, geodata, place_projects(projects, geodata)),
}


def parser() -> argparse.ArgumentParser:
    """The ``export-table`` command line."""
    p = argparse.ArgumentParser(
        prog="python -m countymap export-table",
        description="Write the filtered projects as CSV, XLSX, GeoJSON or GeoPackage.",
    )
    add_input_flags(p)
    p.add_argument(
        "--format",
        required=True,
        choices=tuple(FORMATS),
        help="csv (UTF-8 with BOM), xlsx, geojson or gpkg (GeoPackage)",
    )
    p.add_argument("--out", required=True, help="file to write")
    add_filter_flags(p)
    return p


def _write(args: argparse.Namespace, projects: pd.DataFrame, geodata: Geodata) -> int:
    result = apply_filters(projects, state_from_args(args))
    Path(args.out).write_bytes(FORMATS[args.format](result, geodata, projects))
    return len(result)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap export-table``; returns the exit code."""
    return run_export(parser(), argv, _write)
