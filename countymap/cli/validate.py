"""``python -m countymap validate [FILE]``: every problem of a projects file (or gazetteer), never a traceback.

The checks are :mod:`countymap.validation.validate`'s; this is their command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from countymap.config import ENV_DATA_DIR, data_dir, projects_path
from countymap.schema import PLACES, PROJECTS, Table
from countymap.text.message import Message
from countymap.validation import setup
from countymap.validation.context import load_context
from countymap.validation.validate import find_file_problems


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m countymap validate", description="Check a projects file against the schema and geodata."
    )
    parser.add_argument(
        "file", nargs="?", default=None, help="projects CSV/XLSX (default: the configured projects file)"
    )
    parser.add_argument("--places", action="store_true", help="validate a places gazetteer instead")
    parser.add_argument(
        "--data-dir", default=None, help="folder holding geodata/ (default: $COUNTYMAP_DATA_DIR or the repo)"
    )
    parser.add_argument("--report", default=None, help="report text (default: ../shared/report/...)")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    parser.add_argument(
        "--max-mb", type=float, default=None, help="size limit (default: $COUNTYMAP_MAX_UPLOAD_MB or 10)"
    )
    return parser.parse_args(argv)


def _input_path(args: argparse.Namespace, table: Table) -> Path:
    if args.file:
        return Path(args.file)
    if args.data_dir:
        return Path(args.data_dir) / table.path
    return projects_path() if table is PROJECTS else data_dir() / table.path


def main(argv: list[str]) -> int:
    """Command-line entry: print every problem, exit 1 if there are any (2 if the settings are wrong)."""
    args = _parse_args(argv)
    table = PLACES if args.places else PROJECTS
    path = _input_path(args, table)
    folder = Path(args.data_dir) if args.data_dir else None
    problems = setup.number_problems() + setup.data_dir_problems(folder, "--data-dir" if folder else ENV_DATA_DIR)
    problems += setup.input_problems("FILE", path)
    problems += setup.report_problems(args.report, "--report") if args.report else setup.report_problems()
    if problems:
        return setup.print_problems(problems, args.lang)
    max_mb = args.max_mb if args.max_mb is not None else setup.max_upload_mb()
    try:
        context = load_context(args.data_dir, args.report)
        findings = find_file_problems(path, table, context, round(max_mb * 1024 * 1024))
    except Exception as exc:  # the promise is: never a traceback
        print(Message("cli_error", detail=f"{type(exc).__name__}: {exc}").text(args.lang), file=sys.stderr)
        return 2
    for problem in findings.problems:
        print(problem.as_text(args.lang))
    status = Message("cli_valid_ok") if not findings.total else Message("cli_valid_problems", n=findings.total)
    note = Message("cli_report_checked" if context.report_text else "cli_report_absent")
    print(Message("cli_valid_summary", path=str(path), status=status, note=note).text(args.lang))
    return 1 if findings.total else 0
