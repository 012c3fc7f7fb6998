"""What the living map's commands share: ``--lang``, opening the database, one-line refusals (exit 2)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from countymap.cli.options import run_export
from countymap.core.dataset import Dataset
from countymap.core.geodata import GeodataMissingError, load_geodata
from countymap.living import (
    AccessError,
    Database,
    InvalidChangeError,
    LivingState,
    SchemaBehindError,
    open_database,
    state_as_of,
)
from countymap.living.database import DatabaseSettingError, describe
from countymap.living.values import MAX_FUTURE_DAYS
from countymap.validation import setup


class CommandError(Exception):
    """A refusal of a command: one message, exit code 2."""


def add_lang(parser: argparse.ArgumentParser) -> None:
    """``--lang`` for the messages (Chinese by default, like the other commands)."""
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the messages")


def database() -> Database:
    """The configured database, refused with the upgrade command when it is missing or behind."""
    try:
        return open_database()
    except (SchemaBehindError, DatabaseSettingError) as error:
        raise CommandError(str(error)) from error


def parse_date(text: str) -> dt.date:
    """A ``YYYY-MM-DD`` date (the range is checked with the change)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"not a date (YYYY-MM-DD): {text[:20]!r}") from error


def parse_as_of(text: str | None) -> dt.date | None:
    """``--as-of``: a date not more than a year ahead."""
    if text is None:
        return None
    day = parse_date(text)
    if day > dt.date.today() + dt.timedelta(days=MAX_FUTURE_DAYS) or day.year < 2000:
        raise CommandError(f"--as-of {text}: give a date from 2000 to a year from today")
    return day


def database_dataset(args: argparse.Namespace) -> tuple[Dataset, LivingState]:
    """The database's items as of ``--as-of`` (default: latest) as a Dataset on ``--geodata``, placed as a whole."""
    problems = setup.output_problems("--out", Path(args.out))
    if problems:
        raise CommandError(problems[0].text(args.lang))
    try:
        geodata = load_geodata(args.geodata)
    except (GeodataMissingError, OSError, ValueError) as error:
        raise CommandError(f"--geodata: {error}") from error
    state = state_as_of(database(), parse_as_of(args.as_of))
    return Dataset.of(state.table, geodata), state


def add_as_of(parser: argparse.ArgumentParser) -> None:
    """``--as-of DATE`` of the exports that read the database."""
    parser.add_argument("--as-of", dest="as_of", help="database only: the items as of this date (default: latest)")


def refuse_as_of(_args: argparse.Namespace) -> int:
    """``--as-of`` with ``--projects``: a file has no history."""
    raise CommandError("--as-of reads the database: leave out --projects")


def export_main(command: argparse.ArgumentParser, argv: list[str] | None, from_file, from_database) -> int:
    """An export's entry point: ``--projects`` (``from_file``, see ``run_export``) or the database (``from_database``)."""
    args = command.parse_args(argv)
    if args.projects is None:
        return run(from_database, args)
    if args.as_of is not None:
        return run(refuse_as_of, args)
    return run_export(command, argv, from_file)


def run(main_body, args: argparse.Namespace) -> int:
    """Run ``main_body(args)``; a refusal is one line on stderr and exit code 2."""
    try:
        return int(main_body(args) or 0)
    except CommandError as error:
        message = str(error)
    except InvalidChangeError as error:
        message = "; ".join(p.message(args.lang) for p in error.problems)
    except AccessError as error:
        message = error.problem.message(args.lang)
    except SQLAlchemyError as error:  # e.g. a server that does not answer: its first line, never a traceback
        message = f"{describe()}: {str(getattr(error, 'orig', None) or error).strip().splitlines()[0][:300]}"
    print(f"error: {message}", file=sys.stderr)
    return 2
