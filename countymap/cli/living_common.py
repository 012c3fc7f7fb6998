"""What the living map's commands share: ``--lang``, opening the database, one-line refusals (exit 2)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from sqlalchemy.exc import SQLAlchemyError

from countymap.living import AccessError, Database, InvalidChangeError, SchemaBehindError, open_database
from countymap.living.database import DatabaseSettingError, describe
from countymap.living.values import MAX_FUTURE_DAYS


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
