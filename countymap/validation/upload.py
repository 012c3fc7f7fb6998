"""Checking a user's edited projects file: keep the valid rows, report every problem.

No Streamlit here; :mod:`countymap.app.upload_panel` shows the result. The embedded
data is never touched: an upload lives only in the uploading user's session.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from countymap.core.tables import row_numbers, typed
from countymap.schema import PROJECTS
from countymap.validation.context import ValidationContext
from countymap.validation.setup import max_upload_mb
from countymap.validation.validate import Problem, ValidationError, file_bytes, find_problems, read_upload


@dataclass(frozen=True)
class UploadResult:
    """What an upload gave: the rows that can be mapped, and the problems found.

    ``problems`` lists the first :data:`~countymap.validation.validate.MAX_LISTED`
    (and says how many more there are); ``problem_count`` counts them all.
    """

    valid: pd.DataFrame
    problems: list[Problem]
    total_rows: int
    problem_count: int = 0


def max_upload_bytes() -> int:
    """Size limit for uploads: ``$COUNTYMAP_MAX_UPLOAD_MB`` megabytes (checked at start), default 10."""
    return round(max_upload_mb() * 1024 * 1024)


def browser_upload_mb(limit_bytes: int) -> int:
    """Whole megabytes to give Streamlit's uploader so that the browser admits every file up to ``limit_bytes``.

    Our limit counts a megabyte as 1,048,576 bytes; Streamlit's browser check counts one as 1,000,000 bytes
    except on Windows (1,048,576), so the setting is rounded up in the smaller unit. A file between the
    limit and this allowance reaches the server and is refused there with its size in the message.
    """
    return max(1, -(-limit_bytes // 1_000_000))


def check_upload(data: bytes, context: ValidationContext, max_bytes: int | None = None) -> UploadResult:
    """Validate uploaded bytes; rows with a problem are left out, the others typed.

    A problem of the whole file (size, encoding, missing required columns)
    leaves no row to map.
    """
    try:
        frame = read_upload(data, PROJECTS, max_bytes or max_upload_bytes())
    except ValidationError as exc:
        return failed(exc.problems)
    findings = find_problems(frame, PROJECTS, context)
    problems = findings.problems
    if any(p.row is None and p.column in PROJECTS.columns for p in findings.listed) or frame.empty:
        return UploadResult(no_rows(), problems, len(frame), findings.total)
    keep = [i for i, row_no in enumerate(row_numbers(frame)) if row_no not in findings.bad_rows]
    # An optional column the file lacks (e.g. related_to in a file saved before it existed) is empty.
    valid = frame.iloc[keep].reindex(columns=PROJECTS.columns, fill_value="").reset_index(drop=True)
    return UploadResult(typed(valid, PROJECTS), problems, len(frame), findings.total)


def check_file(path: str | Path, context: ValidationContext, max_bytes: int | None = None) -> UploadResult:
    """Check a projects file on disk exactly like an upload; its size is checked before it is read."""
    max_bytes = max_bytes or max_upload_bytes()
    try:
        data = file_bytes(path, max_bytes)
    except ValidationError as exc:
        return failed(exc.problems)
    return check_upload(data, context, max_bytes)


def no_rows() -> pd.DataFrame:
    """A typed projects table without rows."""
    return typed(pd.DataFrame(columns=PROJECTS.columns), PROJECTS)


def failed(problems: list[Problem]) -> UploadResult:
    """The result of a file that could not be read at all."""
    return UploadResult(no_rows(), problems, 0, len(problems))
