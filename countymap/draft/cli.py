"""``python -m countymap draft REPORT.txt --out drafts.csv [--previous projects.csv] [--geodata DIR] [--evaluate FILE]``.

Reads a report text (UTF-8 or GBK), writes the draft rows as CSV (UTF-8 with BOM,
so Excel opens it), and with ``--evaluate`` prints how the drafts compare with a
curated projects file.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from countymap import config
from countymap.core.report import REPORT_MAX_BYTES
from countymap.core.tables import TableError, decode_text, read_raw
from countymap.draft.drafter import draft
from countymap.draft.evaluate import evaluate, report_lines
from countymap.text.message import Message
from countymap.validation.validate import report_too_large, table_error_message


def read_report_text(path: Path) -> str:
    """A report text file, refused by its size before it is read, decoded as UTF-8, GBK or UTF-16."""
    size = path.stat().st_size
    if size > REPORT_MAX_BYTES:
        message = report_too_large(size, REPORT_MAX_BYTES)
        raise TableError(message.key, **message.args)
    return decode_text(path.read_bytes())


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m countymap draft", description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="report text (UTF-8 or GBK)")
    parser.add_argument("--out", type=Path, help="where to write the drafts CSV")
    parser.add_argument("--previous", type=Path, help="existing projects file: link drafts, propose status changes")
    parser.add_argument("--geodata", type=Path, default=None, help="gazetteer folder (default: geodata/)")
    parser.add_argument("--evaluate", type=Path, help="curated projects file to compare the drafts with")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Draft, write, evaluate; problems with the inputs are one line on stderr (exit 2)."""
    args = _parse_args(argv)
    try:
        raw = read_report_text(args.report)
        previous = read_raw(args.previous) if args.previous else None
        started = time.perf_counter()
        result = draft(raw, args.geodata or config.geodata_dir(), previous)
        seconds = time.perf_counter() - started
        curated = read_raw(args.evaluate) if args.evaluate else None
    except TableError as exc:
        print(Message("cli_error", detail=table_error_message(exc)).text("en"), file=sys.stderr)
        return 2
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    if args.out:
        result.frame.to_csv(args.out, index=False, encoding="utf-8-sig")
        print(f"{args.out}: {len(result.frame)} draft rows")
    if curated is not None:
        for line in report_lines(evaluate(result.frame, curated), seconds):
            print(line)
    return 0
