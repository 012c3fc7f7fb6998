"""What the export commands share: the filter flags, and reading the projects file they are given.

The flags come from :data:`countymap.core.filters.FIELDS`, like the app's
sidebar and URL, and are cleaned exactly like a link's parameters. The
projects file is checked like an upload (:func:`countymap.validation.upload.check_upload`):
within the reading caps, against the geodata the command draws with; a file
with any problem is not exported, and every problem is printed with its row
and column. The settings and inputs are checked first, with one message.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from countymap import config
from countymap.core.dataset import Dataset
from countymap.core.filters import FIELDS, FLAG_ON, FilterState, from_query_params
from countymap.core.geodata import GeodataMissingError, load_geodata
from countymap.core.identity import read_identity
from countymap.schema import PROJECTS
from countymap.text.message import Message
from countymap.text.strings import t
from countymap.validation import setup
from countymap.validation.arguments import input_folder, path_problems, table_file
from countymap.validation.context import context_from_geodata
from countymap.validation.upload import check_file

REQUIRED = tuple(spec.name for spec in PROJECTS.fields if spec.required)  # a file without them is not a projects table


def add_filter_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per filter field (repeat or comma-separate a list flag for OR), described by its sidebar label."""
    for spec in FIELDS:
        described = t(spec.label_key, "en")
        if spec.kind == "list":
            parser.add_argument(
                spec.flag, dest=spec.param, action="append", help=f"{described}: repeat or comma-separate for OR"
            )
        elif spec.kind == "flag":
            parser.add_argument(spec.flag, dest=spec.param, action="store_const", const=FLAG_ON, help=described)
        else:
            parser.add_argument(spec.flag, dest=spec.param, help=described)


def state_from_args(args: argparse.Namespace, dataset: Dataset) -> FilterState:
    """The filter the flags describe for ``dataset``'s items, cleaned exactly like a link's parameters."""
    params = {spec.param: getattr(args, spec.param) for spec in FIELDS if getattr(args, spec.param) is not None}
    return from_query_params(params, dataset)


def add_input_flags(parser: argparse.ArgumentParser, projects_help: str | None = None, *, lang: bool = True) -> None:
    """``--projects``, ``--geodata`` and ``--lang`` of an export command (``--out`` is the command's own).

    ``projects_help`` makes ``--projects`` optional (``export-table`` reads the database without it);
    ``lang=False``: the command takes ``--lang`` from its view flags (``export-html``).
    """
    parser.add_argument(
        "--projects",
        required=projects_help is None,
        type=table_file("projects", REQUIRED),
        help=projects_help or "projects CSV or XLSX (e.g. projects.csv)",
    )
    parser.add_argument(
        "--geodata", type=input_folder, default=None, help="folder with county.geojson etc. (default: geodata/)"
    )
    if lang:
        parser.add_argument("--lang", choices=("zh", "en"), default="zh")


def input_problems(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[setup.SetupProblem]:
    """The settings, the geodata folder, the projects file and ``--out``, checked before anything is read."""
    problems = setup.number_problems() + path_problems(parser, args)
    if not args.geodata:
        problems += setup.geodata_problems(config.geodata_dir(), config.ENV_DATA_DIR)
    elif Path(args.geodata).is_dir():
        problems += setup.geodata_problems(Path(args.geodata), "--geodata")
    return problems


def read_inputs(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Dataset | int:
    """The Dataset of the valid projects, or the exit code after printing why there is none.

    The county and edition come from the ``dataset.toml`` beside the geodata folder.

    Exit code 2: a setting or an input is wrong (one message). Exit code 1:
    the projects file has problems (every one printed, nothing exported).
    """
    problems = input_problems(parser, args)
    if problems:
        return setup.print_problems(problems, args.lang)
    try:
        geodata = load_geodata(args.geodata)
        county, edition = read_identity(Path(args.geodata).parent if args.geodata else None)
    except (GeodataMissingError, OSError, ValueError) as exc:  # DatasetError is a ValueError
        return setup.print_problems(
            [setup.SetupProblem("--geodata", Message("s_geodata_unreadable", detail=str(exc)))], args.lang
        )
    result = check_file(args.projects, context_from_geodata(geodata, years=edition.years))
    if result.problems:
        return _print_file_problems(args, result.problems)
    return Dataset(result.valid, geodata, county, edition, validation=result)


def run_export(parser: argparse.ArgumentParser, argv: list[str] | None, write: Callable) -> int:
    """Parse ``argv``, read the inputs and call ``write(args, dataset)``; the command's exit code.

    ``write`` writes ``args.out`` and returns the number of rows it wrote (an
    ``int``; anything else where rows are not the point, such as a map).
    """
    args = parser.parse_args(argv)
    inputs = read_inputs(parser, args)
    if isinstance(inputs, int):
        return inputs
    written = write(args, inputs)
    rows = Message("cli_rows", n=written) if isinstance(written, int) else ""
    print(Message("cli_wrote", path=str(args.out), rows=rows).text(args.lang))
    return 0


def _print_file_problems(args: argparse.Namespace, problems: list) -> int:
    for problem in problems:
        print(problem.as_text(args.lang), file=sys.stderr)
    print(t("cli_file_problems", args.lang, path=args.projects, n=len(problems)), file=sys.stderr)
    return 1
