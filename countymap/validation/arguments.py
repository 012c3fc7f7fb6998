"""Command-line arguments that name files and folders, checked as they are parsed (before any work).

Every command declares its paths with these types (``type=input_file`` ...), so
a missing input, a folder given as a file, an output that cannot be written or
a table without its columns is one message and exit code 2 from argparse
(``error: argument --out: cannot write in /proc``), never a traceback after
minutes of work. Each type carries its :attr:`kind`, so the test of every
command (``tests/test_commands.py``) finds a command's paths in its parser.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

from countymap.core.limits import TableError
from countymap.core.tables import read_header
from countymap.text.strings import t

INPUT_FILE, INPUT_FOLDER, OUTPUT_FILE, OUTPUT_FOLDER, TABLE = (
    "input_file",
    "input_folder",
    "output_file",
    "output_folder",
    "table",
)


def _error(key: str, **fmt: object) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(t(key, "en", **fmt))


def _kind(kind: str) -> Callable:
    def mark(function: Callable) -> Callable:
        function.kind = kind
        return function

    return mark


def _not_folder(value: str) -> Path:
    path = Path(value)
    if path.is_dir():
        raise _error("arg_folder_not_file", path=path)
    return path


@_kind(INPUT_FILE)
def input_file(value: str) -> Path:
    """An existing file."""
    path = _not_folder(value)
    if not path.is_file():
        raise _error("arg_no_file", path=path)
    return path


@_kind(INPUT_FOLDER)
def input_folder(value: str) -> Path:
    """An existing folder."""
    path = Path(value)
    if not path.is_dir():
        raise _error("arg_not_folder" if path.exists() else "arg_no_folder", path=path)
    return path


def _writable(folder: Path) -> bool:
    """Whether a file can be made in ``folder`` (tried, since permissions do not tell root or read-only mounts)."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


@_kind(OUTPUT_FILE)
def output_file(value: str) -> Path:
    """A file that can be written: not a folder, in an existing folder where files can be made."""
    path = _not_folder(value)
    folder = path.parent
    if not folder.is_dir():
        raise _error("arg_no_folder", path=folder)
    if not _writable(folder):
        raise _error("arg_not_writable", path=folder)
    return path


@_kind(OUTPUT_FOLDER)
def output_folder(value: str) -> Path:
    """A folder to write into: an existing writable folder, or a new one in an existing writable folder."""
    path = Path(value)
    if path.exists() and not path.is_dir():
        raise _error("arg_not_folder", path=path)
    existing = path if path.is_dir() else path.parent
    if not existing.is_dir():
        raise _error("arg_no_folder", path=existing)
    if not _writable(existing):
        raise _error("arg_not_writable", path=existing)
    return path


def table_file(name: str, columns: tuple[str, ...]) -> Callable[[str], Path]:
    """An existing CSV or XLSX file whose header has ``columns`` (a ``name`` table: ``projects`` ...)."""

    @_kind(TABLE)
    def table(value: str) -> Path:
        path = input_file(value)
        try:
            header = read_header(path)
        except (OSError, TableError) as exc:
            raise _error("arg_unreadable", path=path, err=exc) from None
        missing = [column for column in columns if column not in header]
        if missing:
            raise _error("arg_columns", path=path, table=name, columns=", ".join(missing[:6]))
        return path

    table.__name__ = f"{name} table"  # what argparse names in its message
    return table
