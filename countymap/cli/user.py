"""``python -m countymap user add NAME --role editor|admin`` (password from stdin) and ``user deactivate NAME``.

Whoever runs the command line can read the database file anyway, so it acts as an admin; every
change lands in the audit log. The password is read from the first line of stdin (never an argument:
arguments show in the process list and the shell's history).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from countymap.cli.living_common import CommandError, add_lang, database, run
from countymap.living import LOCAL_OPERATOR, add_account, set_active
from countymap.schema import ROLES


def parser() -> argparse.ArgumentParser:
    """The ``user`` command line."""
    p = argparse.ArgumentParser(prog="python -m countymap user", description=__doc__.splitlines()[0])
    add_lang(p)
    sub = p.add_subparsers(dest="action", required=True)
    add = sub.add_parser("add", help="add an account; its password is read from stdin")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add_lang(add)
    off = sub.add_parser("deactivate", help="deactivate an account and end its sessions")
    off.add_argument("name")
    add_lang(off)
    return p


def _password() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("password: ")
    line = sys.stdin.readline(1000)
    if not line:
        raise CommandError("give the password on stdin (e.g. `printf '%s\\n' \"$PASSWORD\" | python -m countymap ...`)")
    return line.rstrip("\r\n")


def _add(args) -> int:
    db = database()
    account = add_account(db, LOCAL_OPERATOR, args.name, _password(), args.role)
    print(f"account {account.name} ({account.role}) added")
    return 0


def _deactivate(args) -> int:
    set_active(database(), LOCAL_OPERATOR, args.name, False)
    print(f"account {args.name} deactivated")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap user``."""
    args = parser().parse_args(argv)
    return run({"add": _add, "deactivate": _deactivate}[args.action], args)
