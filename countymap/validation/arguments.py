"""Command-line arguments that name files and folders, all checked before a command does any work.

Every command declares its paths with these types (``type=input_file``,
``type=table_file("projects", columns)`` ...) and calls :func:`path_problems`
on its parsed arguments first, so a missing input, a folder given as a file, an
output that cannot be written or a table without its columns is one message and
exit code 2 (:func:`countymap.validation.setup.print_problems`), never a
traceback after minutes of work. Each type carries its ``kind``, so the test of
every command (``tests/test_commands.py``) finds a command's paths in its parser.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from countymap.core.limits import TableError
from countymap.core.tables import read_header
from countymap.text.message import Message
from countymap.validation import setup
from countymap.validation.setup import SetupProblem

INPUT_FILE, INPUT_FOLDER, OUTPUT_FILE, OUTPUT_FOLDER, TABLE = (
    "input_file",
    "input_folder",
    "output_file",
    "output_folder",
    "table",
)
INPUTS = (INPUT_FILE, INPUT_FOLDER, TABLE)


def path_type(kind: str, table: str = "", columns: tuple[str, ...] = ()) -> Callable[[str], Path]:
    """An argparse ``type`` that makes a :class:`~pathlib.Path` and says what kind of path it is."""

    def convert(value: str) -> Path:
        return Path(value)

    convert.kind, convert.table, convert.columns = kind, table, columns
    convert.__name__ = kind.replace("_", " ")
    return convert


input_file = path_type(INPUT_FILE)
input_folder = path_type(INPUT_FOLDER)
output_file = path_type(OUTPUT_FILE)
output_folder = path_type(OUTPUT_FOLDER)


def table_file(name: str, columns: tuple[str, ...]) -> Callable[[str], Path]:
    """An existing CSV or XLSX file whose header has ``columns`` (a ``name`` table: ``projects`` ...)."""
    return path_type(TABLE, name, tuple(columns))


def _table_problems(flag: str, path: Path, name: str, columns: tuple[str, ...]) -> list[SetupProblem]:
    problems = setup.input_problems(flag, path)
    if problems:
        return problems
    try:
        header = read_header(path)
    except (OSError, TableError) as exc:
        return [setup.unreadable(flag, path, exc)]
    missing = ", ".join(column for column in columns if column not in header)
    if not missing:
        return []
    return [SetupProblem(flag, Message("s_not_table", path=path, table=name, names=missing))]


def _problems(kind: str, flag: str, path: Path, convert: Callable) -> list[SetupProblem]:
    if kind == INPUT_FILE:
        return setup.input_problems(flag, path)
    if kind == TABLE:
        return _table_problems(flag, path, convert.table, convert.columns)
    if kind == INPUT_FOLDER:
        return setup.folder_problems(flag, path)
    if kind == OUTPUT_FILE:
        return setup.output_problems(flag, path)
    return setup.output_folder_problems(flag, path)


def flag_of(action: argparse.Action) -> str:
    """How a message names the argument: its first option string, else its metavar or name in capitals."""
    return action.option_strings[0] if action.option_strings else (action.metavar or action.dest.upper())


def path_actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The parser's arguments that name a file or folder (declared with a type of this module)."""
    return [action for action in parser._actions if getattr(action.type, "kind", None)]


def path_problems(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[SetupProblem]:
    """What is wrong with the paths ``args`` holds for ``parser``'s path arguments (given or by default)."""
    problems = []
    for action in path_actions(parser):
        value = getattr(args, action.dest, None)
        if value is not None:
            problems += _problems(action.type.kind, flag_of(action), Path(value), action.type)
    return problems


def parse_checked(
    parser: argparse.ArgumentParser, argv: list[str] | None, prefix: str = ""
) -> argparse.Namespace | int:
    """Parse ``argv`` and check its paths: the arguments, or exit code 2 once the problems are printed.

    With ``prefix`` (``build-geodata``) the first problem is one line, ``PREFIX: error: ...``,
    like the command's other errors; else the problems are listed (:func:`setup.print_problems`).
    """
    args = parser.parse_args(argv)
    problems = path_problems(parser, args)
    if not problems:
        return args
    if prefix:
        print(f"{prefix}: error: {problems[0].text('en')}", file=sys.stderr)
        return 2
    return setup.print_problems(problems, getattr(args, "lang", "en"))
