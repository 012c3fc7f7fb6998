"""``python -m countymap new-dataset --adcode N --report REPORT.txt --out DIR [--year Y --date D] [--src DIR]``.

One step from a county's adcode and its report text to a dataset folder for review:
``DIR/geodata/`` (``build-geodata``), ``DIR/drafts.csv`` (the drafter's rows, read with
this county's gazetteer; not published until reviewed), an empty ``DIR/projects.csv``
(header only), ``DIR/dataset.toml`` (county, sources and the edition: the report's year
and date, read from its first lines, file name, sha256 and size) and a copy of the report
beside it, where the app looks for it. Nothing in a folder that already holds a dataset is
overwritten.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import subprocess
import sys
from pathlib import Path

from countymap import schema
from countymap.cli.build_geodata import DATASET_TOML, UsageError, build_dataset, folder_problem, report_seats
from countymap.core.report import report_date
from countymap.core.tables import TableError
from countymap.draft.cli import read_report_text
from countymap.draft.drafter import draft
from countymap.geodata_build.build import write_files
from countymap.geodata_build.division import ADCODE
from countymap.text.strings import t
from countymap.validation.arguments import input_file, input_folder, output_folder, parse_checked

YEARS = range(1990, 2101)
PROTECTED = (DATASET_TOML, "projects.csv", "drafts.csv")


def edition(path: Path, raw: bytes, text: str, year: int | None, date: str | None) -> dict:
    """The ``[edition]`` table: year and date from the report (or the flags), file name, sha256, bytes."""
    stated = report_date(text)
    if date is not None:
        try:
            given = dt.date.fromisoformat(date)
        except ValueError:
            raise UsageError(f"--date must be an ISO date such as 2023-02-08 (got {date[:20]!r})") from None
        if stated and stated != given:
            raise UsageError(f"--date {given} but the report says it was delivered on {stated}")
        stated = given
    if stated is None:
        raise UsageError(f"{path.name}: the report does not say when it was delivered: give --year and --date")
    if year is not None and year != stated.year:
        raise UsageError(f"--year {year} but the report was delivered in {stated.year}")
    if stated.year not in YEARS:
        raise UsageError(f"report year {stated.year} is outside {YEARS.start}-{YEARS.stop - 1}")
    return {
        "year": stated.year,
        "report_date": stated.isoformat(),
        "report_file": path.name,
        "report_sha256": hashlib.sha256(raw).hexdigest(),
        "report_bytes": len(raw),
    }


def empty_projects_csv() -> str:
    """``projects.csv`` with its header only: nothing is published before review."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(schema.PROJECTS.columns)
    return out.getvalue()


def parser() -> argparse.ArgumentParser:
    """The ``new-dataset`` command line."""
    parser = argparse.ArgumentParser(prog="python -m countymap new-dataset", description=__doc__.splitlines()[0])
    parser.add_argument("--adcode", required=True, help="6-digit county-level code, e.g. 500241")
    parser.add_argument("--report", type=input_file, required=True, help="the report text (UTF-8, GBK or UTF-16)")
    parser.add_argument("--out", type=output_folder, required=True, help="the new dataset folder")
    parser.add_argument("--year", type=int, help="the report's year, if its first lines do not state a date")
    parser.add_argument("--date", help="the ISO date the report was delivered, if its first lines do not state it")
    parser.add_argument(
        "--src", type=input_folder, help="folder of curated CSVs (aliases, seat overrides, rivers, routes)"
    )
    return parser


def _check_inputs(args: argparse.Namespace) -> None:
    if not ADCODE.fullmatch(args.adcode):
        raise UsageError(f"--adcode must be 6 digits, a county-level code such as 500242 (got {args.adcode[:20]!r})")
    if not args.report.is_file():
        raise UsageError(f"--report: {args.report} is not a file")
    if args.src is not None and not args.src.is_dir():
        raise UsageError(f"--src: {args.src} is not a folder")
    problem = folder_problem(args.out)
    if problem:
        raise UsageError(f"--out: {problem}")
    taken = [name for name in PROTECTED if (args.out / name).exists()]
    beside = args.out / args.report.name  # the report is kept beside dataset.toml, where the app looks for it
    if beside.exists() and beside.resolve() != args.report.resolve():
        taken.append(args.report.name)
    if taken:
        raise UsageError(f"--out: {args.out} already holds {', '.join(taken)}; choose a new folder")


def main(argv: list[str]) -> int:
    """Build geodata, drafts and dataset.toml; unusable inputs are one line on stderr (exit 2)."""
    args = parse_checked(parser(), argv, "new-dataset")
    if isinstance(args, int):
        return args
    try:
        _check_inputs(args)
        raw = args.report.read_bytes()
        text = read_report_text(args.report)
        record = edition(args.report, raw, text, args.year, args.date)
        src = args.src or args.out / "geodata"
        files, toml, details = build_dataset(args.adcode, src, record)
    except (ValueError, OSError, TableError, subprocess.CalledProcessError, ModuleNotFoundError) as error:
        print(f"new-dataset: error: {error}", file=sys.stderr)
        return 2
    report_seats(details)
    write_files(files, args.out / "geodata")
    drafts = draft(text, args.out / "geodata")
    drafts.frame.to_csv(args.out / "drafts.csv", index=False, encoding="utf-8-sig")
    (args.out / "projects.csv").write_bytes(empty_projects_csv().encode("utf-8"))
    (args.out / DATASET_TOML).write_bytes(toml.encode("utf-8"))
    if not (args.out / args.report.name).exists():  # the folder then carries its own report (sha256 in dataset.toml)
        (args.out / args.report.name).write_bytes(raw)
    for warning in drafts.warnings:
        print(f"warning: {t(f'review_{warning}', 'en')}", file=sys.stderr)
    placed = int((drafts.frame.get("townships", "") != "").sum()) if len(drafts.frame) else 0
    print(f"{args.out}: {len(files)} geodata files, {len(drafts.frame)} drafts ({placed} with a township) for review")
    print(f"review the drafts, then publish them as {args.out / 'projects.csv'}")
    return 0
