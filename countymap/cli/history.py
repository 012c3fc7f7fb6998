"""``python -m countymap history [ITEM] --format csv [--out FILE] [--editors]``: the update log as CSV.

Without ``--editors`` the editor column reads "county editor" (the public never sees account names).
Cells a spreadsheet would run as a formula are neutralised, as in every export.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from countymap.cli.living_common import CommandError, add_lang, database, run
from countymap.core.downloads import neutralise
from countymap.living import history, history_frame, report_dates


def parser() -> argparse.ArgumentParser:
    """The ``history`` command line."""
    p = argparse.ArgumentParser(prog="python -m countymap history", description=__doc__.splitlines()[0])
    p.add_argument("item", nargs="?", help="one item's id (default: every item)")
    p.add_argument("--format", choices=("csv",), default="csv")
    p.add_argument("--out", help="file to write (default: standard output)")
    p.add_argument("--editors", action="store_true", help="name the accounts (for the county's own records)")
    add_lang(p)
    return p


def history_csv(item: str | None, editors: bool, lang: str) -> str:
    """The history as CSV text (UTF-8, CRLF rows)."""
    db = database()
    frame = history_frame(history(db, item, public=not editors), lang, report_dates(db))
    for column in ("item_id", "field", "value", "evidence", "editor"):
        frame[column] = [neutralise(str(v)) for v in frame[column]]
    return frame.to_csv(index=False, lineterminator="\r\n")


def _history(args) -> int:
    text = history_csv(args.item, args.editors, args.lang)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    out = Path(args.out)
    if out.is_dir() or not out.parent.is_dir():
        raise CommandError(f"--out {out}: not a file in an existing folder")
    out.write_bytes(text.encode("utf-8-sig"))
    print(f"wrote {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap history``."""
    args = parser().parse_args(argv)
    return run(_history, args)
