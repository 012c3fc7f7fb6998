"""``python -m countymap draft REPORT.txt --out drafts.csv [--previous projects.csv] [--geodata DIR] [--evaluate FILE]``.

Reads a report text (UTF-8 or GBK), writes the draft rows as CSV (UTF-8 with BOM,
so Excel opens it), and with ``--evaluate`` prints how the drafts compare with a
curated projects file. Every path is checked before the drafting starts.
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
from countymap.draft.evaluate import NEEDED, evaluate, report_lines
from countymap.schema import GEODATA_FILES
from countymap.text.message import Message
from countymap.validation import setup
from countymap.validation.arguments import input_file, input_folder, output_file, path_problems, table_file
from countymap.validation.validate import report_too_large, table_error_message

PREVIOUS_COLUMNS = ("id", "name_zh", "status", "years")  # what linking to the items on the map reads


def read_report_text(path: Path) -> str:
    """A report text file, refused by its size before it is read, decoded as UTF-8, GBK or UTF-16."""
    size = path.stat().st_size
    if size > REPORT_MAX_BYTES:
        message = report_too_large(size, REPORT_MAX_BYTES)
        raise TableError(message.key, **message.args)
    return decode_text(path.read_bytes())


def parser() -> argparse.ArgumentParser:
    """The ``draft`` command line."""
    p = argparse.ArgumentParser(prog="python -m countymap draft", description=__doc__.splitlines()[0])
    p.add_argument("report", type=input_file, help="report text (UTF-8 or GBK)")
    p.add_argument("--out", type=output_file, help="where to write the drafts CSV")
    p.add_argument(
        "--previous",
        type=table_file("projects", PREVIOUS_COLUMNS),
        help="existing projects file: link drafts, propose status changes",
    )
    p.add_argument("--geodata", type=input_folder, default=None, help="gazetteer folder (default: geodata/)")
    p.add_argument(
        "--evaluate", type=table_file("projects", NEEDED), help="curated projects file to compare the drafts with"
    )
    return p


def _gazetteer_problems(geodata: Path, given: bool) -> list[setup.SetupProblem]:
    """The gazetteer's one required file (townships), when the folder holds none."""
    townships = geodata / Path(GEODATA_FILES["townships"]).name
    return [] if townships.is_file() else setup.input_problems("--geodata" if given else config.ENV_DATA_DIR, townships)


def main(argv: list[str]) -> int:
    """Draft, write, evaluate; problems with the inputs are one message on stderr (exit 2)."""
    commands = parser()
    args = commands.parse_args(argv)
    geodata = args.geodata or config.geodata_dir()
    problems = path_problems(commands, args) or _gazetteer_problems(Path(geodata), args.geodata is not None)
    if problems:
        return setup.print_problems(problems, "en")
    try:
        raw = read_report_text(args.report)
        previous = read_raw(args.previous) if args.previous else None
        curated = read_raw(args.evaluate) if args.evaluate else None
    except TableError as exc:
        print(Message("cli_error", detail=table_error_message(exc)).text("en"), file=sys.stderr)
        return 2
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    result = draft(raw, geodata, previous)
    seconds = time.perf_counter() - started
    for warning in result.warnings:
        print(f"warning: {Message(f'review_{warning}').text('en')}", file=sys.stderr)
    if args.out:
        result.frame.to_csv(args.out, index=False, encoding="utf-8-sig")
        print(f"{args.out}: {len(result.frame)} draft rows")
    if curated is not None:
        for line in report_lines(evaluate(result.frame, curated), seconds):
            print(line)
    return 0
