"""Reading stops at the first cap (rows, columns, cells, unpacked bytes) with a message naming it.

The same caps hold for CSV and XLSX; an XLSX archive is judged from its zip
directory before anything is inflated, and its sheet is streamed, so a cap
stops a read even inside one row.
"""

from __future__ import annotations

import contextlib
import io
import struct
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countymap.bench.hostile_files import sheet_row, wide_row_xlsx, write_xlsx, zip_bomb_xlsx
from countymap.core.limits import CapExceededError, ReadLimits, TableError
from countymap.core.tables import read_raw
from countymap.validation.validate import table_error_message

SMALL = ReadLimits(max_rows=5, max_columns=4, max_cells=12, max_unpacked_bytes=1024 * 1024)


def said(error: TableError, lang: str = "en") -> str:
    """What the reader shows for ``error``."""
    return table_error_message(error).text(lang)


def as_csv(rows: list[list[str]]) -> bytes:
    return "".join(",".join(row) + "\n" for row in rows).encode("utf-8")


def as_xlsx(rows: list[list[str]]) -> bytes:
    """Written by openpyxl (shared strings, cell references), as Excel and pandas write them."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


WRITERS = {"csv": as_csv, "xlsx": as_xlsx}


def stopped(data: bytes, limits: ReadLimits = SMALL) -> CapExceededError:
    with pytest.raises(CapExceededError) as caught:
        read_raw(data, limits=limits)
    return caught.value


@pytest.mark.parametrize("fmt", WRITERS)
def test_row_cap_stops_at_the_first_row_past_it(fmt):
    error = stopped(WRITERS[fmt]([["id", "name"]] + [[f"r{i}", "x"] for i in range(10)]))
    assert error.row == 6
    assert "more than 5 rows" in said(error) and "COUNTYMAP_MAX_ROWS" in said(error)
    assert "超过 5 行" in said(error, "zh") and "COUNTYMAP_MAX_ROWS" in said(error, "zh")


@pytest.mark.parametrize("fmt", WRITERS)
def test_column_cap_stops_at_the_header(fmt):
    error = stopped(WRITERS[fmt]([["a", "b", "c", "d", "e"], ["1", "2", "3", "4", "5"]]))
    assert error.row == 1 and "more than 4 columns" in said(error) and "COUNTYMAP_MAX_COLUMNS" in said(error)


@pytest.mark.parametrize("fmt", WRITERS)
def test_cell_cap_counts_every_cell_read(fmt):
    error = stopped(WRITERS[fmt]([["a", "b", "c"]] + [["1", "2", "3"]] * 4))
    assert error.row == 5 and "more than 12 cells" in said(error) and "COUNTYMAP_MAX_CELLS" in said(error)


@pytest.mark.parametrize("fmt", WRITERS)
def test_within_the_caps_everything_is_read(fmt):
    frame = read_raw(WRITERS[fmt]([["a", "b", "c"]] + [["1", "2", "3"]] * 3), limits=SMALL)
    assert frame.shape == (3, 3) and frame.attrs["row_numbers"] == (2, 3, 4)


def test_a_csv_larger_than_the_byte_cap_is_not_read():
    error = stopped(b"a,b\n" + b"1,2\n" * 300_000)
    assert "larger than 1 MB" in said(error) and "COUNTYMAP_MAX_UNPACKED_MB" in said(error)


def test_caps_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("COUNTYMAP_MAX_ROWS", "3")
    with pytest.raises(CapExceededError) as caught:
        read_raw(as_csv([["id"], ["a"], ["b"], ["c"]]))
    assert "more than 3 rows" in said(caught.value)


def refuse_inflating(monkeypatch):
    """Make any attempt to open (inflate) an archive member fail the test."""

    def fail(*args, **kwargs):
        raise AssertionError("a member was opened: the directory check did not refuse the archive")

    monkeypatch.setattr(zipfile.ZipFile, "open", fail)


def test_a_zip_bomb_is_refused_from_the_directory_alone(monkeypatch, tmp_path):
    bomb = zip_bomb_xlsx(tmp_path / "bomb.xlsx", xml_bytes=64 << 20).read_bytes()
    assert len(bomb) < 200_000
    refuse_inflating(monkeypatch)
    assert "larger than 50 MB (unpacked)" in said(stopped(bomb, ReadLimits()))


def test_a_compression_ratio_past_the_cap_is_refused_even_within_the_size_cap(monkeypatch, tmp_path):
    bomb = zip_bomb_xlsx(tmp_path / "bomb.xlsx", xml_bytes=8 << 20).read_bytes()
    refuse_inflating(monkeypatch)
    error = stopped(bomb, ReadLimits())
    assert "xl/worksheets/sheet1.xml in the archive unpacks to" in said(error) and "zip bomb" in said(error)
    assert "压缩炸弹" in said(error, "zh")


def lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """The archive with ``member``'s declared unpacked size set to ``size`` (local header and directory)."""
    out = bytearray(data)
    name = member.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = out.find(signature)
        while start >= 0:
            if out[start + name_at : start + name_at + len(name)] == name:
                out[start + size_at : start + size_at + 4] = struct.pack("<I", size)
            start = out.find(signature, start + 4)
    return bytes(out)


def test_a_member_that_understates_its_size_is_not_inflated_past_it(tmp_path):
    honest = zip_bomb_xlsx(tmp_path / "bomb.xlsx", xml_bytes=64 << 20).read_bytes()
    liar = lie_about_size(honest, "xl/worksheets/sheet1.xml", 10_000)
    with pytest.raises(TableError) as caught:
        read_raw(liar, limits=ReadLimits())
    assert "not a readable XLSX file" in said(caught.value)
    assert not isinstance(caught.value, CapExceededError)


def test_the_cell_cap_stops_a_read_inside_one_row(tmp_path):
    data = wide_row_xlsx(tmp_path / "wide.xlsx", cells=50_000).read_bytes()
    error = stopped(data, ReadLimits(max_cells=1_000))
    assert error.row == 2 and "more than 1,000 cells" in said(error)


def test_a_document_type_declaration_is_refused(tmp_path):
    laughs = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = write_xlsx(tmp_path / "dtd.xlsx", iter([sheet_row(1, ["id"]), '<row r="2"><c><v>&b;</v></c></row>']))
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("?>", "?>" + laughs, 1).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(TableError) as caught:
        read_raw(buffer.getvalue())
    assert "DOCTYPE" in said(caught.value)


def test_cells_read_as_excel_shows_them():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["text", "int", "float", "bool", "formula", "big"])
    sheet.append(["龙潭镇", 3, 1.5, True, "=1+2", 1e-7])
    buffer = io.BytesIO()
    book.save(buffer)
    row = read_raw(buffer.getvalue()).iloc[0].to_dict()
    # openpyxl stores no cached value for a formula: Excel would show nothing until recalculated
    assert row == {"text": "龙潭镇", "int": "3", "float": "1.5", "bool": "TRUE", "formula": "", "big": "1e-07"}


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04 not a zip", b"PK\x03\x04" + bytes(100), as_xlsx([["a"]])[:-200]],
    ids=["garbage", "zeros", "truncated"],
)
def test_a_damaged_archive_is_one_clear_error(data):
    with pytest.raises(TableError) as caught:
        read_raw(data)
    assert "not a readable XLSX file" in said(caught.value)


XLSX = as_xlsx([["id", "name_zh"], ["a-1", "龙潭镇"], ["a-2", "麻旺镇"]])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_a_damaged_xlsx_is_a_table_error_or_a_table_never_another_exception(flips):
    data = bytearray(XLSX)
    for position, value in flips:
        data[position] = value
    with contextlib.suppress(TableError):
        read_raw(bytes(data))
