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

from countymap.cli.living_common import add_as_of, database_dataset, export_main
from countymap.cli.options import add_filter_flags, add_input_flags, state_from_args
from countymap.core.dataset import Dataset
from countymap.core.downloads import csv_bytes, geojson_bytes, geopackage_bytes, xlsx_bytes
from countymap.living import LIVING_COLUMNS
from countymap.validation.arguments import output_file

# Each writer gets the Dataset and its filtered rows (placed as in the whole table, like the map).
FORMATS = {
    "csv": lambda dataset, result: csv_bytes(result),
    "xlsx": lambda dataset, result: xlsx_bytes(result),
    "geojson": geojson_bytes,
    "gpkg": geopackage_bytes,
}


def parser() -> argparse.ArgumentParser:
    """The ``export-table`` command line."""
    p = argparse.ArgumentParser(
        prog="python -m countymap export-table",
        description="Write the filtered projects as CSV, XLSX, GeoJSON or GeoPackage.",
    )
    add_input_flags(p, projects_help="projects CSV or XLSX; without it, the living map database's items")
    p.add_argument(
        "--format",
        required=True,
        choices=tuple(FORMATS),
        help="csv (UTF-8 with BOM), xlsx, geojson or gpkg (GeoPackage)",
    )
    p.add_argument("--out", required=True, type=output_file, help="file to write")
    add_as_of(p)
    add_filter_flags(p)
    return p


def _write(args: argparse.Namespace, dataset: Dataset) -> int:
    result = dataset.rows(state_from_args(args, dataset))
    Path(args.out).write_bytes(FORMATS[args.format](dataset, result))
    return len(result)


# From the database: each item as of the date, with its latest update and that update's evidence.
DATABASE_FORMATS = {
    "csv": lambda dataset, result: csv_bytes(result, tuple(LIVING_COLUMNS)),
    "xlsx": lambda dataset, result: xlsx_bytes(result, tuple(LIVING_COLUMNS)),
    "geojson": lambda dataset, result: geojson_bytes(dataset, result, tuple(LIVING_COLUMNS)),
    "gpkg": geopackage_bytes,
}


def _from_database(args: argparse.Namespace) -> int:
    dataset, state = database_dataset(args)
    result = dataset.rows(state_from_args(args, dataset))
    Path(args.out).write_bytes(DATABASE_FORMATS[args.format](dataset, result))
    print(f"wrote {args.out} ({len(result)} rows, edition {state.edition}, as of {state.as_of or 'latest'})")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap export-table``; returns the exit code."""
    return export_main(parser(), argv, _write, _from_database)
