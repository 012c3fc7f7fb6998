"""Malformed headers and cells become problems with a row and a column, never an exception.

Duplicated columns are named once with their count; thousands of columns are
checked in linear time; CSV and XLSX skip blank rows alike and number rows as
the file does; UTF-16 is decoded (or named); numbers and spans take ASCII
digits only; a row with an invalid precision is rejected by every command.
"""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import openpyxl
import pytest
from run_cli import ROOT, run_countymap

from countymap.core.limits import ReadLimits
from countymap.core.tables import read_raw
from countymap.schema import PROJECTS
from countymap.validation.context import ValidationContext, read_report
from countymap.validation.upload import check_upload
from countymap.validation.validate import ValidationError, read_upload, validate_frame

VALID = (Path(__file__).parent / "data" / "validate" / "valid.csv").read_text(encoding="utf-8")
ROWS = list(csv.reader(io.StringIO(VALID)))
CONTEXT = ValidationContext(
    townships=frozenset({"龙潭镇", "麻旺镇", "酉水河镇"}),
    place_coords={"some-place": (None, None)},
    route_ids=frozenset({"road-youpeng"}),
    report_text=read_report(),
)


def to_csv(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode(encoding)


def to_xlsx(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([cell if cell != "" else None for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def problems(data: bytes) -> list[str]:
    try:
        frame = read_upload(data)
    except ValidationError as exc:
        return [p.as_text("en") for p in exc.problems]
    return [p.as_text("en") for p in validate_frame(frame, PROJECTS, CONTEXT)]


def with_cell(row: int, column: str, value: str) -> list[list[str]]:
    rows = [list(r) for r in ROWS]
    rows[row - 1][rows[0].index(column)] = value
    return rows


# --- headers -----------------------------------------------------------------------


@pytest.mark.parametrize("writer", [to_csv, to_xlsx], ids=["csv", "xlsx"])
def test_a_duplicated_id_column_is_one_problem_with_its_count(writer):
    rows = [[*row, row[0]] for row in ROWS]  # the id column again, at the end
    found = problems(writer(rows))
    assert "column id: duplicate column name (2 columns)" in found
    assert sum("duplicate column name" in p for p in found) == 1


def test_a_duplicated_id_column_maps_nothing_and_raises_nothing():
    result = check_upload(to_csv([[*row, row[0]] for row in ROWS]), CONTEXT)
    assert result.valid.empty and result.total_rows == len(ROWS) - 1
    assert [(p.column, p.text("en")) for p in result.problems if p.row is None] == [
        ("id", "duplicate column name (2 columns)")
    ]


def test_each_repeated_name_is_named_once_with_its_count():
    header = [*ROWS[0], "note", "note", "note", "id"]
    found = problems(to_csv([header, *[[*row, "a", "b", "c", row[0]] for row in ROWS[1:]]]))
    assert "column note: duplicate column name (3 columns)" in found
    assert "column id: duplicate column name (2 columns)" in found
    assert sum("column note: unknown column" in p for p in found) == 1


def test_thousands_of_columns_are_checked_in_linear_time():
    wide = ReadLimits(max_columns=400_000, max_cells=1_000_000)
    data = to_csv([["id"] * 300_000, ["x"] * 300_000])
    started = time.process_time()
    frame = read_raw(data, limits=wide)
    found = validate_frame(frame, PROJECTS, CONTEXT)
    seconds = time.process_time() - started
    # any input is bounded at 10 s; a quadratic check took 55 s here, a linear one well under 1 s
    assert seconds < 10, f"{seconds:.1f} s of CPU for 300,000 columns"
    assert list(frame.columns) == ["id"]
    assert [p.text("en") for p in found if p.column == "id" and p.row is None] == [
        "duplicate column name (300000 columns)"
    ]


def test_thousands_of_columns_by_default_stop_at_the_column_cap():
    found = problems(to_csv([["id"] * 100_000, ["x"] * 100_000]))
    assert found == ["row 1: more than 100 columns; reading stopped (the limit is set by COUNTYMAP_MAX_COLUMNS)"]


# --- rows ----------------------------------------------------------------------


def blank_row_file(writer) -> bytes:
    rows = with_cell(3, "category", "roads")
    return writer([rows[0], rows[1], [""] * len(rows[0]), *rows[2:]])


def test_blank_rows_are_skipped_alike_in_csv_and_xlsx():
    from_csv, from_xlsx = problems(blank_row_file(to_csv)), problems(blank_row_file(to_xlsx))
    # the bad row is the file's row 4 (header, row 2, a blank row 3, then it)
    assert from_csv == from_xlsx == ["row 4, column category: not in the vocabulary: 'roads'"]


def test_spaces_only_rows_are_blank_too():
    rows = with_cell(2, "status", "done")
    data = to_csv([rows[0], ["  "] * len(rows[0]), *rows[1:], [" ", "", "\t"]])
    assert problems(data) == ["row 3, column status: not in the vocabulary: 'done'"]


def test_upload_keeps_rows_by_their_file_row_number():
    rows = with_cell(3, "category", "roads")
    result = check_upload(to_csv([rows[0], rows[1], [""] * len(rows[0]), *rows[2:]]), CONTEXT)
    assert [(p.row, p.column) for p in result.problems] == [(4, "category")]
    assert list(result.valid["id"]) == [row[0] for row in ROWS[1:] if row[0] != rows[2][0]]


# --- encodings -----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_decoded(encoding):
    frame = read_upload(VALID.encode(encoding))
    assert frame.loc[0, "name_zh"] == "酉彭高速公路酉阳段" and len(frame) == len(ROWS) - 1


def test_broken_utf16_is_named_not_called_binary():
    with pytest.raises(ValidationError) as caught:
        read_upload(VALID.encode("utf-16")[:-1] + b"\x00\xd8")
    message = caught.value.problems[0].text("en")
    assert "UTF-16" in message and "binary" not in message


def test_binary_data_is_still_called_binary():
    with pytest.raises(ValidationError, match="1 problem") as caught:
        read_upload(bytes(range(256)) * 4)
    assert "binary file" in caught.value.problems[0].text("en")


# --- cells -----------------------------------------------------------------------------


@pytest.mark.parametrize("digits", ["１２:４０", "١٢:٤٠", "१२:४०"], ids=["full-width", "arabic-indic", "devanagari"])
def test_spans_take_ascii_digits_only(digits):
    assert problems(to_csv(with_cell(2, "source_spans", digits))) == [
        f"row 2, column source_spans: span must be start:end with start < end: {digits!r}"
    ]


@pytest.mark.parametrize("value", ["1_0", "１２", "٣", "1e999", "nan", "0x10"])
def test_numbers_take_plain_ascii_decimals_only(value):
    assert problems(to_csv(with_cell(2, "investment_yi", value))) == [
        f"row 2, column investment_yi: not a number: {value!r}"
    ]


def test_plain_decimals_with_thousands_commas_and_exponents_still_pass():
    for value in ("12", "1,200", "0.5", "1e-07"):
        found = problems(to_csv(with_cell(2, "quantity", value)))
        assert not any("not a number" in p for p in found), (value, found)


# --- an invalid precision, through every command that reads projects ----------------------


def precision_file(tmp_path: Path) -> Path:
    """The embedded projects with one township-level row made 'exact' (it has no located place)."""
    rows = list(csv.reader(io.StringIO((ROOT / "projects.csv").read_text(encoding="utf-8"))))
    index = next(i for i, row in enumerate(rows) if row[rows[0].index("precision")] == "township")
    rows[index][rows[0].index("precision")] = "exact"
    path = tmp_path / "precision.csv"
    path.write_bytes(to_csv(rows))
    return path, index + 1


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "{file}"],
        ["export-html", "--projects", "{file}", "--out", "{out}"],
        ["export-table", "--projects", "{file}", "--format", "csv", "--out", "{out}"],
    ],
    ids=["validate", "export-html", "export-table"],
)
def test_an_invalid_precision_row_is_rejected_by_every_command(tmp_path, command):
    path, row = precision_file(tmp_path)
    out = tmp_path / "out.file"
    done = run_countymap(*[part.format(file=path, out=out) for part in command])
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"row {row}, column precision: exact/approximate needs a place with coordinates" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not out.exists()
