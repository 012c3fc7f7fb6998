"""Validation of projects files (and the places gazetteer) against the schema.

Every problem is found before anything fails, each with its row number (as a
spreadsheet shows it: the header is row 1), its column and a message in Chinese
and English; the first :data:`MAX_LISTED` are listed, the rest counted, so a
file of errors stays cheap to show. ``python -m countymap validate [FILE]``
prints them and exits non-zero; it never shows a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from countymap.config import ENV_DATA_DIR, data_dir, projects_path
from countymap.core.limits import CapExceededError, ReadLimits, TableError
from countymap.core.schema import INDICATORS, PLACES, PROJECTS, Table
from countymap.core.tables import read_raw, row_numbers
from countymap.text.strings import t
from countymap.validation import checks, setup
from countymap.validation.arguments import input_file, input_folder, path_problems
from countymap.validation.context import ValidationContext, load_context

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_LISTED = 1_000  # problems listed in full; the rest are counted (a file of errors stays cheap to show)
ROW_CHECKS = {
    PROJECTS.name: checks.PROJECT_ROW_CHECKS,
    PLACES.name: checks.PLACE_ROW_CHECKS,
    INDICATORS.name: checks.INDICATOR_ROW_CHECKS,
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    ``row`` is the spreadsheet row (header = 1) or ``None`` for the whole file.
    """

    row: int | None
    column: str | None
    message_zh: str
    message_en: str

    def as_text(self, lang: str = "zh") -> str:
        """Render as ``row N, column C: message``."""
        where = []
        if self.row is not None:
            where.append(f"第 {self.row} 行" if lang == "zh" else f"row {self.row}")
        if self.column:
            where.append(f"列 {self.column}" if lang == "zh" else f"column {self.column}")
        message = self.message_zh if lang == "zh" else self.message_en
        return (", ".join(where) + ": " if where else "") + message


class ValidationError(ValueError):
    """Raised with the full list of problems when a file does not validate."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table for display (row, column, 中文, English)."""
    return pd.DataFrame(
        [(p.row, p.column or "", p.message_zh, p.message_en) for p in problems],
        columns=["row", "column", "问题", "problem"],
    )


def read_upload(
    data: bytes, table: Table = PROJECTS, max_bytes: int = DEFAULT_MAX_BYTES, limits: ReadLimits | None = None
) -> pd.DataFrame:
    """Read uploaded bytes (CSV in UTF-8/GBK/UTF-16, or XLSX) into a frame of strings.

    Raises :class:`ValidationError` with one file-level problem when the bytes
    are too large, binary garbage, not a table, or past a reading cap (that
    problem names the row where reading stopped).
    """
    if len(data) > max_bytes:
        raise ValidationError([too_large(max_bytes)])
    try:
        return read_raw(data, table, limits)
    except CapExceededError as exc:
        raise ValidationError([Problem(exc.row, None, exc.message_zh, exc.message_en)]) from exc
    except TableError as exc:
        problem = Problem(None, None, t("read_failed", "zh", detail=exc.message_zh), t("read_failed", "en", detail=exc))
        raise ValidationError([problem]) from exc


def too_large(max_bytes: int) -> Problem:
    """The problem of a file above the size limit."""
    mb = max_bytes / 1024 / 1024
    return _file_problem(t("file_too_large", "zh", mb=mb), t("file_too_large", "en", mb=mb))


def _file_problem(zh: str, en: str) -> Problem:
    return Problem(None, None, zh, en)


@dataclass
class Findings:
    """Every problem of a frame: the first :data:`MAX_LISTED` in full, the rest counted.

    ``bad_rows`` holds the number of every row with a problem, listed or not.
    """

    listed: list[Problem] = field(default_factory=list)
    total: int = 0
    bad_rows: set[int] = field(default_factory=set)

    def add(self, problem: Problem) -> None:
        """Count ``problem``; keep it while fewer than :data:`MAX_LISTED` are kept."""
        self.total += 1
        if problem.row is not None:
            self.bad_rows.add(problem.row)
        if len(self.listed) < MAX_LISTED:
            self.listed.append(problem)

    @property
    def problems(self) -> list[Problem]:
        """The listed problems, and one saying how many more there are."""
        more = self.total - len(self.listed)
        if more <= 0:
            return list(self.listed)
        return [*self.listed, _file_problem(t("problems_more", "zh", n=more), t("problems_more", "en", n=more))]


def _rows(frame: pd.DataFrame) -> Iterator[tuple[int, dict[str, str]]]:
    """``(row number in the file, {column: text})``, one row at a time."""
    columns = list(frame.columns)
    for row_no, values in zip(row_numbers(frame), frame.itertuples(index=False, name=None), strict=True):
        yield row_no, dict(zip(columns, values, strict=True))


def find_problems(frame: pd.DataFrame, table: Table, context: ValidationContext) -> Findings:
    """Every problem of a raw (all-string) frame, row by row (see :class:`Findings`)."""
    findings = Findings()
    for problem in checks.header_problems(frame, table):
        findings.add(Problem(*problem))
    if any(p.row is None and "缺少" in p.message_zh for p in findings.listed):
        return findings  # without the required columns, per-cell checks only add noise
    if frame.empty:
        findings.add(_file_problem("没有数据行", "no data rows"))
    for row_no in frame.attrs.get("ragged_rows", []):
        findings.add(
            Problem(
                row_no,
                None,
                "该行字段数多于表头（分隔符或引号错误？）",
                "more cells than header (delimiter or quotes?)",
            )
        )
    row_checks = ROW_CHECKS[table.name]
    for row_no, row in _rows(frame):
        for column, zh, en in checks.field_problems(row, table):
            findings.add(Problem(row_no, column, zh, en))
        for check in row_checks:
            for column, zh, en in check(row, context):
                findings.add(Problem(row_no, column, zh, en))
    for row_no, column, zh, en in checks.unique_problems(frame, table, row_numbers(frame)):
        findings.add(Problem(row_no, column, zh, en))
    if table.name == PROJECTS.name:
        for row_no, column, zh, en in checks.relation_problems(frame, row_numbers(frame)):
            findings.add(Problem(row_no, column, zh, en))
    return findings


def validate_frame(frame: pd.DataFrame, table: Table, context: ValidationContext) -> list[Problem]:
    """Return the problems of a raw (all-string) frame; empty list means valid."""
    return find_problems(frame, table, context).problems


def file_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a table file; its size is checked before a byte is read.

    Raises :class:`ValidationError` (one file-level problem) for a file too
    large or that cannot be opened.
    """
    try:
        if Path(path).stat().st_size > max_bytes:
            raise ValidationError([too_large(max_bytes)])
        return Path(path).read_bytes()
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        raise ValidationError([_file_problem(f"无法打开文件：{detail}", f"cannot open the file: {detail}")]) from exc


def find_file_problems(
    path: str | Path,
    table: Table = PROJECTS,
    context: ValidationContext | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Findings:
    """The problems of a file on disk; a file-level failure is one problem too."""
    context = context or load_context()
    try:
        frame = read_upload(file_bytes(path, max_bytes), table, max_bytes)
    except ValidationError as exc:
        findings = Findings()
        for problem in exc.problems:
            findings.add(problem)
        return findings
    return find_problems(frame, table, context)


def validate_file(
    path: str | Path,
    table: Table = PROJECTS,
    context: ValidationContext | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Problem]:
    """Validate a file on disk; file-level failures come back as problems too."""
    return find_file_problems(path, table, context, max_bytes).problems


def parser() -> argparse.ArgumentParser:
    """The ``validate`` command line."""
    parser = argparse.ArgumentParser(prog="python -m countymap validate", description=__doc__.splitlines()[0])
    parser.add_argument(
        "file",
        nargs="?",
        default=None,
        type=input_file,
        metavar="FILE",
        help="projects CSV/XLSX (default: the configured projects file)",
    )
    parser.add_argument("--places", action="store_true", help="validate a places gazetteer instead")
    parser.add_argument(
        "--data-dir",
        default=None,
        type=input_folder,
        help="folder holding geodata/ (default: $COUNTYMAP_DATA_DIR or the repo)",
    )
    parser.add_argument("--report", default=None, type=input_file, help="report text (default: ../shared/report/...)")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    parser.add_argument(
        "--max-mb", type=float, default=None, help="size limit (default: $COUNTYMAP_MAX_UPLOAD_MB or 10)"
    )
    return parser


def _input_path(args: argparse.Namespace, table: Table) -> Path:
    if args.file:
        return Path(args.file)
    if args.data_dir:
        return Path(args.data_dir) / table.path
    return projects_path() if table is PROJECTS else data_dir() / table.path


def main(argv: list[str]) -> int:
    """Command-line entry: print every problem, exit 1 if there are any (2 if the settings are wrong)."""
    commands = parser()
    args = commands.parse_args(argv)
    table = PLACES if args.places else PROJECTS
    path = _input_path(args, table)
    folder = Path(args.data_dir) if args.data_dir else None
    problems = setup.number_problems() + path_problems(commands, args)
    if folder is None or folder.is_dir():
        problems += setup.data_dir_problems(folder, "--data-dir" if folder else ENV_DATA_DIR)
    if args.file is None:
        problems += setup.input_problems("FILE", path)
    if problems:
        return setup.print_problems(problems, args.lang)
    max_mb = args.max_mb if args.max_mb is not None else setup.max_upload_mb()
    try:
        context = load_context(args.data_dir, args.report)
        findings = find_file_problems(path, table, context, round(max_mb * 1024 * 1024))
    except Exception as exc:  # the promise is: never a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    for problem in findings.problems:
        print(problem.as_text(args.lang))
    status = "OK" if not findings.total else f"{findings.total} problem(s)"
    report_note = "report checked" if context.report_text else "report not available: figures not checked"
    print(f"{path}: {status} ({report_note})")
    return 1 if findings.total else 0
