"""Validation of projects files (and the places gazetteer) against the schema.

Every problem is found before anything fails, each with its row number (as a
spreadsheet shows it: the header is row 1), its column and a
:class:`~countymap.text.message.Message` (shown in the reader's language); the first :data:`MAX_LISTED` are listed, the rest counted, so a
file of errors stays cheap to show. ``python -m countymap validate [FILE]``
(:mod:`countymap.cli.validate`) prints them and exits non-zero; it never shows a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from countymap.core.limits import CapExceededError, ReadLimits, TableError
from countymap.core.tables import read_raw, row_numbers
from countymap.schema import INDICATORS, PLACES, PROJECTS, REPORT_BYTES, Table
from countymap.text.message import Message
from countymap.validation import checks
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
    message: Message

    def text(self, lang: str = "zh") -> str:
        """The message alone, in ``lang``."""
        return self.message.text(lang)

    def as_text(self, lang: str = "zh") -> str:
        """Render as ``row N, column C: message``."""
        where = []
        if self.row is not None:
            where.append(Message("v_where_row", row=self.row).text(lang))
        if self.column:
            where.append(Message("v_where_column", column=self.column).text(lang))
        return (", ".join(where) + ": " if where else "") + self.text(lang)


class ValidationError(ValueError):
    """Raised with the full list of problems when a file does not validate."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


def problems_frame(problems: list[Problem], lang: str = "zh") -> pd.DataFrame:
    """Problems as a table for display: row, column and message, headed and worded in ``lang``."""
    columns = [Message(f"v_problems_table_{name}").text(lang) for name in ("row", "column", "problem")]
    return pd.DataFrame([(p.row, p.column or "", p.text(lang)) for p in problems], columns=columns)


def table_error_message(error: TableError) -> Message:
    """The message a reader's :class:`~countymap.core.limits.TableError` carries."""
    return Message(error.key, **error.message_args)


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
        raise ValidationError([Problem(exc.row, None, table_error_message(exc))]) from exc
    except TableError as exc:
        problem = Problem(None, None, Message("read_failed", detail=table_error_message(exc)))
        raise ValidationError([problem]) from exc


def too_large(max_bytes: int) -> Problem:
    """The problem of a file above the size limit."""
    return _file_problem(Message("file_too_large", mb=max_bytes / 1024 / 1024))


def report_too_large(size: int, limit: int) -> Message:
    """The message for a report text of ``size`` bytes above ``limit``: in bytes, so 1 byte over shows."""
    return Message("report_too_large", size=size, limit=limit, limit_kb=limit / 1024, report_kb=REPORT_BYTES / 1024)


def _file_problem(message: Message) -> Problem:
    return Problem(None, None, message)


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
        return [*self.listed, _file_problem(Message("problems_more", n=more))]


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
    if any(p.row is None and p.message.key == "v_required_missing" for p in findings.listed):
        return findings  # without the required columns, per-cell checks only add noise
    if frame.empty:
        findings.add(_file_problem(Message("v_no_rows")))
    for row_no in frame.attrs.get("ragged_rows", []):
        findings.add(Problem(row_no, None, Message("v_ragged")))
    row_checks = ROW_CHECKS[table.name]
    for row_no, row in _rows(frame):
        for column, message in checks.field_problems(row, table):
            findings.add(Problem(row_no, column, message))
        for check in row_checks:
            for column, message in check(row, context):
                findings.add(Problem(row_no, column, message))
    for row_no, column, message in checks.unique_problems(frame, table, row_numbers(frame)):
        findings.add(Problem(row_no, column, message))
    if table.name == PROJECTS.name:
        for row_no, column, message in checks.relation_problems(frame, row_numbers(frame)):
            findings.add(Problem(row_no, column, message))
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
        raise ValidationError([_file_problem(Message("v_cannot_open", detail=detail))]) from exc


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
