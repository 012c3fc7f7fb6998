"""``python -m countymap export-html``: the filtered map as one offline HTML file (:mod:`countymap.map.export`)."""

from __future__ import annotations

import argparse

from countymap.cli.living_common import add_as_of, database_dataset, export_main
from countymap.cli.options import add_filter_flags, add_input_flags, state_from_args
from countymap.core.dataset import Dataset
from countymap.map.export import export_html
from countymap.map.view import VIEW, View, export_choices
from countymap.text.strings import t
from countymap.validation.arguments import output_file


def add_view_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per view setting a file can use (:data:`countymap.map.view.VIEW`), its values those allowed."""
    offered = export_choices()
    for spec in VIEW:
        if not spec.flag:
            continue
        described = t(spec.label_key, "en")
        if spec.kind == "flag":
            parser.add_argument(spec.flag, dest=spec.attr, action="store_true", help=described)
            continue
        choices = [code for code in spec.allowed(offered) if code]  # "" (none) is the default, not a choice
        default = f"; default {spec.default}" if spec.default else "; default none"
        parser.add_argument(spec.flag, dest=spec.attr, choices=choices, default=spec.default, help=described + default)


def parser() -> argparse.ArgumentParser:
    """The ``export-html`` command line."""
    p = argparse.ArgumentParser(
        prog="python -m countymap export-html",
        description="Write the filtered map as one offline HTML file (tiles need a network: the default is none).",
    )
    add_input_flags(p, projects_help="projects CSV or XLSX; without it, the living map database's items", lang=False)
    p.add_argument("--out", required=True, type=output_file, help="HTML file to write")
    add_as_of(p)
    add_filter_flags(p)
    add_view_flags(p)
    return p


def view_from_args(args: argparse.Namespace) -> View:
    """The view the flags describe (settings without a flag keep their defaults)."""
    return View(**{spec.attr: getattr(args, spec.attr) for spec in VIEW if spec.flag})


def _write(args: argparse.Namespace, dataset: Dataset) -> str:
    export_html(dataset, state_from_args(args, dataset), args.out, view_from_args(args))
    return ""


def _from_database(args: argparse.Namespace) -> int:
    dataset, state = database_dataset(args)
    _write(args, dataset)
    print(f"wrote {args.out} (edition {state.edition}, as of {state.as_of or 'latest'})")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap export-html``; returns the exit code.

    Without ``--projects`` the map shows the living map database's items, latest or as of ``--as-of``.
    """
    return export_main(parser(), argv, _write, _from_database)
