"""Validation of projects files (and the places gazetteer) against the schema.

Every problem is collected before anything fails, each with its row number (as a
spreadsheet shows it: the header is row 1), its column and a message in Chinese
and English. ``python -m countymap validate [FILE]`` prints them all and exits
non-zero; it never shows a traceback.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from countymap.core.schema import INDICATORS, PLACES, PROJECTS, Table
from countymap.core.tables import TableError, read_raw
from countymap.validation import checks
from countymap.validation.context import ValidationContext, load_context

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
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


def read_upload(data: bytes, table: Table = PROJECTS, max_bytes: int = DEFAULT_MAX_BYTES) -> pd.DataFrame:
    """Read uploaded bytes (CSV in UTF-8/GBK, or XLSX) into a frame of strings.

    Raises :class:`ValidationError` with one file-level problem when the bytes
    are too large, binary garbage, or not a table.
    """
    if len(data) > max_bytes:
        mb = max_bytes / 1024 / 1024
        raise ValidationError([_file_problem(f"文件过大（上限 {mb:g} MB）", f"file too large (limit {mb:g} MB)")])
    try:
        if data[:2] == b"PK":
            return _read_xlsx(data)
        return read_raw(data, table)
    except TableError as exc:
        raise ValidationError([_file_problem(f"无法读取文件：{exc}", f"cannot read the file: {exc}")]) from exc


def _read_xlsx(data: bytes) -> pd.DataFrame:
    """Read the first sheet of an XLSX upload as strings."""
    import io

    try:
        frame = pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl").fillna("")
    except Exception as exc:  # openpyxl raises many types for corrupt archives
        raise TableError(f"not a readable XLSX file ({type(exc).__name__})") from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    frame.attrs["ragged_rows"] = []
    return frame


def _file_problem(zh: str, en: str) -> Problem:
    return Problem(None, None, zh, en)


def validate_frame(frame: pd.DataFrame, table: Table, context: ValidationContext) -> list[Problem]:
    """Return every problem of a raw (all-string) frame; empty list means valid."""
    problems = [Problem(*p) for p in checks.header_problems(frame, table)]
    if any(p.row is None for p in problems if "缺少" in p.message_zh):
        return problems  # without the required columns, per-cell checks only add noise
    if frame.empty:
        problems.append(_file_problem("没有数据行", "no data rows"))
    for row_no in frame.attrs.get("ragged_rows", []):
        problems.append(
            Problem(
                row_no,
                None,
                "该行字段数多于表头（分隔符或引号错误？）",
                "more cells than header (delimiter or quotes?)",
            )
        )
    row_checks = ROW_CHECKS[table.name]
    for index, row in enumerate(frame.to_dict("records")):
        row_no = index + 2
        for column, zh, en in checks.field_problems(row, table):
            problems.append(Problem(row_no, column, zh, en))
        for check in row_checks:
            for column, zh, en in check(row, context):
                problems.append(Problem(row_no, column, zh, en))
    for row_no, column, zh, en in checks.unique_problems(frame, table):
        problems.append(Problem(row_no, column, zh, en))
    if table.name == PROJECTS.name:
        problems += [Problem(*found) for found in checks.relation_problems(frame)]
    return problems


def validate_file(
    path: str | Path,
    table: Table = PROJECTS,
    context: ValidationContext | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Problem]:
    """Validate a file on disk; file-level failures come back as problems too."""
    context = context or load_context()
    try:
        frame = read_upload(Path(path).read_bytes(), table, max_bytes)
    except ValidationError as exc:
        return exc.problems
    except OSError as exc:
        return [_file_problem(f"无法打开文件：{exc.strerror}", f"cannot open the file: {exc.strerror}")]
    return validate_frame(frame, table, context)


def _parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m countymap validate", description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=None, help="projects CSV/XLSX (default: projects.csv)")
    parser.add_argument("--places", action="store_true", help="validate a places gazetteer instead")
    parser.add_argument("--data-dir", default=None, help="folder holding geodata/ (default: the repo)")
    parser.add_argument("--report", default=None, help="report text (default: ../shared/report/...)")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    parser.add_argument("--max-mb", type=float, default=DEFAULT_MAX_BYTES / 1024 / 1024)
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Command-line entry: print every problem, exit 1 if there are any."""
    args = _parse_args(argv)
    table = PLACES if args.places else PROJECTS
    try:
        context = load_context(args.data_dir, args.report)
        path = Path(args.file) if args.file else context.data_dir / table.path
        problems = validate_file(path, table, context, int(args.max_mb * 1024 * 1024))
    except Exception as exc:  # the promise is: never a traceback
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem.as_text(args.lang))
    status = "OK" if not problems else f"{len(problems)} problem(s)"
    report_note = "report checked" if context.report_text else "report not available: figures not checked"
    print(f"{path}: {status} ({report_note})")
    return 1 if problems else 0
