"""``python -m countymap export-html``: the filtered map as one offline HTML file (:mod:`countymap.map.export`)."""

from __future__ import annotations

import argparse

from countymap.cli.options import add_filter_flags, add_input_flags, run_export, state_from_args
from countymap.core.dataset import Dataset
from countymap.map.basemaps import BASEMAPS
from countymap.map.export import export_html


def parser() -> argparse.ArgumentParser:
    """The ``export-html`` command line."""
    p = argparse.ArgumentParser(
        prog="python -m countymap export-html", description="Write the filtered map as one offline HTML file."
    )
    add_input_flags(p)
    p.add_argument("--out", required=True, help="HTML file to write")
    add_filter_flags(p)
    p.add_argument(
        "--basemap",
        choices=[c for c, b in BASEMAPS.items() if not b.needs_key],
        default="none",
        help="tiles need a network; default none (fully offline)",
    )
    p.add_argument("--size-by", choices=("count", "investment"), default="count")
    p.add_argument("--presenter", action="store_true", help="larger labels and a title")
    return p


def _write(args: argparse.Namespace, dataset: Dataset) -> str:
    options = {"lang": args.lang, "basemap": args.basemap, "size_by": args.size_by, "presenter": args.presenter}
    export_html(dataset, state_from_args(args), args.out, **options)
    return ""


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap export-html``; returns the exit code."""
    return run_export(parser(), argv, _write)
