"""Checking a user's edited projects file: keep the valid rows, report every problem.

No Streamlit here; :mod:`countymap.app.upload_panel` shows the result. The embedded
data is never touched: an upload lives only in the uploading user's session.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from countymap.core.schema import PROJECTS
from countymap.core.tables import typed
from countymap.validation.context import ValidationContext
from countymap.validation.setup import max_upload_mb
from countymap.validation.validate import Problem, ValidationError, read_upload, validate_frame


@dataclass(frozen=True)
class UploadResult:
    """What an upload gave: the rows that can be mapped, and every problem found."""

    valid: pd.DataFrame
    problems: list[Problem]
    total_rows: int


def max_upload_bytes() -> int:
    """Size limit for uploads: ``$COUNTYMAP_MAX_UPLOAD_MB`` megabytes (checked at start), default 10."""
    return int(max_upload_mb() * 1024 * 1024)


def check_upload(data: bytes, context: ValidationContext, max_bytes: int | None = None) -> UploadResult:
    """Validate uploaded bytes; rows with a problem are left out, the others typed.

    A problem of the whole file (size, encoding, missing required columns)
    leaves no row to map.
    """
    empty = typed(pd.DataFrame(columns=PROJECTS.columns), PROJECTS)
    try:
        frame = read_upload(data, PROJECTS, max_bytes or max_upload_bytes())
    except ValidationError as exc:
        return UploadResult(empty, exc.problems, 0)
    problems = validate_frame(frame, PROJECTS, context)
    if any(p.row is None and p.column in PROJECTS.columns for p in problems) or frame.empty:
        return UploadResult(empty, problems, len(frame))
    bad_rows = {p.row for p in problems if p.row is not None}
    keep = [i for i in range(len(frame)) if i + 2 not in bad_rows]
    valid = frame.iloc[keep][PROJECTS.columns].reset_index(drop=True)
    return UploadResult(typed(valid, PROJECTS), problems, len(frame))
