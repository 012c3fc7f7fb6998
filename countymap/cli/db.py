"""``python -m countymap db upgrade | status | import FILE --edition YEAR [--date DATE] | backup FILE | audit --out FILE``.

``upgrade`` creates or migrates the database (SQLite in ``$COUNTYMAP_DATA_HOME`` by default,
``COUNTYMAP_DATABASE_URL`` for PostgreSQL). ``import`` stores a validated projects file as an
edition's immutable baseline. ``backup`` copies a live SQLite database with SQLite's online
backup (PostgreSQL: use ``pg_dump``). ``audit`` exports the audit log (the command line acts as an admin).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import func, select

from countymap.cli.living_common import CommandError, add_lang, database, parse_date, run
from countymap.core.tables import TableError
from countymap.draft.cli import read_report_text
from countymap.living import LOCAL_OPERATOR, BaselineError, current_revision, export_audit, import_edition, upgrade
from countymap.living.baseline import EDITION_PATTERN
from countymap.living.database import DatabaseSettingError, describe, sqlite_path
from countymap.living.tables import accounts, editions, items, updates
from countymap.validation.arguments import input_file
from countymap.validation.context import ValidationContext, load_context
from countymap.validation.validate import table_error_message

PG_DUMP = "PostgreSQL: back up with pg_dump, e.g. `pg_dump --format=custom --file=countymap.dump DBNAME`"


def parser() -> argparse.ArgumentParser:
    """The ``db`` command line."""
    p = argparse.ArgumentParser(prog="python -m countymap db", description=__doc__.splitlines()[0])
    add_lang(p)
    sub = p.add_subparsers(dest="action", required=True)
    add_lang(sub.add_parser("upgrade", help="create or migrate the database to the code's schema"))
    add_lang(sub.add_parser("status", help="where the database is, its revision, editions and counts"))
    imp = sub.add_parser("import", help="import a projects file as an edition's baseline")
    imp.add_argument("file")
    imp.add_argument("--edition", required=True, help="the report's year, e.g. 2023")
    imp.add_argument(
        "--date", help="the report's delivery date (YYYY-MM-DD): updates that took effect before it do not override it"
    )
    imp.add_argument(
        "--report",
        type=input_file,
        help="the edition's report text, to check the rows' passages against (default: the dataset's, for its edition)",
    )
    add_lang(imp)
    backup = sub.add_parser("backup", help="copy the SQLite database (online) to FILE")
    backup.add_argument("file")
    add_lang(backup)
    audit = sub.add_parser("audit", help="export the audit log as CSV")
    audit.add_argument("--out", required=True)
    add_lang(audit)
    return p


def _new_file(path: Path) -> Path:
    if path.exists():
        raise CommandError(f"{path} exists already: give a new file")
    if not path.parent.is_dir():
        raise CommandError(f"not a folder: {path.parent}")
    return path


def _upgrade(_args) -> int:
    try:
        db = upgrade()
    except DatabaseSettingError as error:
        raise CommandError(str(error)) from error
    print(f"{describe()}: schema at revision {current_revision(db)}")
    return 0


def _status(_args) -> int:
    db = database()
    with db.reading() as connection:
        found = {name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                 for name, table in (("items", items), ("updates", updates), ("accounts", accounts))}  # fmt: skip
        kept = connection.execute(
            select(editions.c.edition, editions.c.rows, editions.c.report_date).order_by(editions.c.edition)
        ).all()
    print(f"{describe()}: schema at revision {current_revision(db)} (the code's head)")
    said = [f"{e} ({n} items, report {day or 'date not known'})" for e, n, day in kept]
    print("editions: " + (", ".join(said) or "none (db import projects.csv --edition 2023 --date 2023-02-08)"))
    print(", ".join(f"{n} {name}" for name, n in found.items()))
    return 0


def _date(text: str | None) -> dt.date | None:
    """``--date``: a report's delivery date, from 2000 to today."""
    if text is None:
        return None
    day = parse_date(text)
    if day > dt.date.today() or day.year < 2000:
        raise CommandError(f"--date {text[:20]}: give a date from 2000 to today")
    return day


def _import_context(args) -> ValidationContext | None:
    """What the rows are checked against: the edition's years (the one it reviews, the one it plans) and its report.

    ``None`` for an edition that is not a year (:func:`import_edition` refuses it with its reason).
    """
    if not EDITION_PATTERN.fullmatch(args.edition):
        return None
    context, year = load_context(), int(args.edition[:4])
    years = (str(year - 1), str(year))
    if args.report:
        try:
            text = read_report_text(Path(args.report))
        except TableError as error:
            raise CommandError(f"--report {args.report}: {table_error_message(error).text('en')}") from error
    elif years == context.years:
        text = context.report_text
    else:
        print(f"edition {args.edition}: no --report given, so the rows' passages are not checked against its report")
        text = None
    return dataclasses.replace(context, years=years, report_text=text)


def _import(args) -> int:
    if not Path(args.file).is_file():
        raise CommandError(f"no such file: {args.file}")
    context = _import_context(args)
    try:
        stored = import_edition(database(), args.file, args.edition, context, _date(args.date))
    except BaselineError as error:
        raise CommandError(f"{args.file} not imported: " + " | ".join(error.lines)) from error
    print(f"edition {args.edition}: {stored} items imported" if stored else f"edition {args.edition}: already imported")
    return 0


def _backup(args) -> int:
    db = database()
    source = sqlite_path(str(db.engine.url))
    if source is None:
        raise CommandError(PG_DUMP)
    target = _new_file(Path(args.file))
    with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
        live.backup(copy)  # page by page while the app keeps writing: a consistent snapshot
    print(f"backed up {source} to {target}")
    return 0


def _audit(args) -> int:
    target = _new_file(Path(args.out))
    target.write_bytes(export_audit(database(), LOCAL_OPERATOR))
    print(f"wrote {target}")
    return 0


ACTIONS = {"upgrade": _upgrade, "status": _status, "import": _import, "backup": _backup, "audit": _audit}


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap db``."""
    args = parser().parse_args(argv)
    return run(ACTIONS[args.action], args)
