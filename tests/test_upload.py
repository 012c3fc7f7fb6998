"""Uploads: valid rows are kept, every problem is reported, nothing raises."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from countymap.validation.context import load_context
from countymap.validation.upload import check_upload

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = load_context()
EMBEDDED = (ROOT / "projects.csv").read_text(encoding="utf-8")


def with_cell(text: str, row: int, column: str, value: str) -> bytes:
    rows = list(csv.reader(io.StringIO(text)))
    rows[row - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def test_embedded_file_uploads_cleanly():
    result = check_upload(EMBEDDED.encode("utf-8"), CONTEXT)
    assert result.problems == [] and len(result.valid) == result.total_rows > 250


def test_bad_rows_are_left_out_and_reported_with_row_and_column():
    result = check_upload(with_cell(EMBEDDED, 3, "townships", "火星镇"), CONTEXT)
    assert len(result.valid) == result.total_rows - 1
    assert [(p.row, p.column) for p in result.problems] == [(3, "townships")]


def test_gbk_csv_and_xlsx_as_excel_saves_them():
    assert len(check_upload(EMBEDDED.encode("gb18030"), CONTEXT).valid) > 250
    buffer = io.BytesIO()
    pd.read_csv(io.StringIO(EMBEDDED), dtype=str, keep_default_na=False).to_excel(buffer, index=False)
    result = check_upload(buffer.getvalue(), CONTEXT)
    assert result.problems == [] and len(result.valid) > 250


def test_missing_required_column_maps_nothing():
    text = EMBEDDED.replace("category,", "", 1)
    result = check_upload(text.encode("utf-8"), CONTEXT)
    assert result.valid.empty and any(p.column == "category" for p in result.problems)


def test_size_limit_is_configurable(monkeypatch):
    monkeypatch.setenv("COUNTYMAP_MAX_UPLOAD_MB", "0.01")
    result = check_upload(EMBEDDED.encode("utf-8"), CONTEXT)
    assert result.valid.empty and "too large" in result.problems[0].text("en")


def test_garbage_gives_one_problem_not_an_exception():
    result = check_upload(b"PK\x03\x04 not really a zip", CONTEXT)
    assert result.valid.empty and result.problems
