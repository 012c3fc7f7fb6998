"""The Excel download a planner can use, read back with openpyxl.

Expectations come from projects.csv by hand: 桃花源新城标志工程 plans 22 亿元
"以上" for 2023; 县级重大前期项目储备 has a total of 500 亿元 以上; 酉水河灌区
invested 2620 万元 (0.262 亿元) in 2022.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from apptest_run import ROOT, run

from countymap.core.filters import FilterState, apply_filters
from countymap.core.identity import County, Edition, read_identity
from countymap.core.tables import load_projects
from countymap.core.workbook import AMOUNT_FORMAT, about_rows, export_name, planner_xlsx, report_identity

DAY = dt.date(2024, 3, 1)


@pytest.fixture(scope="module")
def projects():
    return load_projects(ROOT / "projects.csv")


def _book(result, state, lang, projects):
    identity = report_identity(*read_identity(), lang)
    return openpyxl.load_workbook(
        io.BytesIO(planner_xlsx(result, state, lang, projects, identity=identity, today=lambda: DAY))
    )


def _rows(sheet) -> dict[str, dict[str, object]]:
    """Rows by their name (first column), each a header -> cell mapping."""
    headers = [c.value for c in sheet[1]]
    return {row[0].value: {h: c for h, c in zip(headers, row, strict=True)} for row in sheet.iter_rows(min_row=2)}


def test_labels_numbers_and_the_qualifier_column_in_chinese(projects):
    book = _book(projects, FilterState(), "zh", projects)
    assert book.sheetnames == ["项目", "说明"]
    items = book["项目"]
    assert items.max_row == len(projects) + 1
    rows = _rows(items)
    landmark = rows["桃花源新城标志工程（7个项目）"]
    assert landmark["类别"].value == "城市建设" and landmark["类别"].data_type == "s"
    assert landmark["2023年计划投资（亿元）"].value == 22 and landmark["2023年计划投资（亿元）"].data_type == "n"
    assert landmark["金额限定（以上等）"].value == "以上"
    assert landmark["2022年完成投资（亿元）"].value is None  # another kind: its own column, empty here
    assert rows["县级重大前期项目储备（33个）"]["总投资 2023（亿元）"].value == 500
    irrigation = rows["酉水河灌区续建配套节水改造项目"]
    assert irrigation["2022年完成投资（亿元）"].value == pytest.approx(0.262)
    assert irrigation["2022年完成投资（亿元）"].number_format == AMOUNT_FORMAT
    assert irrigation["状态"].value == "在建"  # a label, never the code in_progress
    assert "completed" not in {c.value for c in irrigation.values()}
    roads = rows["县乡道改造提质（2023年）"]
    assert roads["规模（数值）"].value == 50 and roads["规模单位"].value == "公里"
    assert roads["乡镇"].value == "全县"


def test_frozen_header_autofilter_widths_and_no_formula(projects):
    hostile = projects.head(3).copy()
    hostile.loc[hostile.index[0], "name_zh"] = '=HYPERLINK("http://x","y")'
    book = _book(hostile, FilterState(), "zh", projects)
    items = book["项目"]
    assert items.freeze_panes == "B2"
    assert items.auto_filter.ref == f"A1:{items.cell(row=1, column=items.max_column).column_letter}4"
    assert all(items.column_dimensions[c.column_letter].width >= 8 for c in items[1])
    assert items.column_dimensions["A"].width > items.column_dimensions["E"].width  # names are wider than years
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert items["A2"].value.startswith("'=")


def test_english_headers_units_and_the_about_sheet(projects):
    state = FilterState(years=("2023",), categories=("other",))
    result = apply_filters(projects, state)
    book = _book(result, state, "en", projects)
    assert book.sheetnames == ["Items", "About"]
    rows = _rows(book["Items"])
    headers = list(next(iter(rows.values())))
    assert "Planned for 2023 (¥ million)" in headers and "Amount qualifier (at least ...)" in headers
    cell = next(r["Planned for 2023 (¥ million)"] for r in rows.values() if r["Planned for 2023 (¥ million)"].value)
    assert cell.value == 13600 and cell.data_type == "n"  # 136 亿元 = ¥13,600 million
    about = {r[0].value: r[1].value for r in book["About"].iter_rows()}
    assert about["Exported on"] == "2024-03-01"
    assert about["Filters"].startswith("2023 · ") and about["Filters"].endswith(
        f"{len(result)} items, 2 with a disclosed investment"
    )
    assert "2023 government work report" in about["Source"] and about["Terms of use"]
    assert "CSV" in about["Codes"]


@pytest.mark.parametrize(
    ("lang", "name"),
    [("zh", "酉阳县项目_2023_公路交通_龙潭镇.xlsx"), ("en", "Youyang-items_2023_Roads_Longtan-Town.xlsx")],
)
def test_the_file_name_says_what_was_filtered(lang, name):
    county = "酉阳县" if lang == "zh" else "Youyang"  # dataset.toml's short names
    chosen = FilterState(years=("2023",), categories=("road",), townships=("龙潭镇",))
    assert export_name(chosen, lang, "xlsx", county) == name
    assert export_name(FilterState(), lang, "csv", county).endswith(("全部项目.csv", "All-items.csv"))


def test_the_file_name_and_the_about_sheet_name_another_county_and_year():
    other_county = County("500241", "秀山土家族苗族自治县", "Xiushan County", "秀山县", "Xiushan", ROOT)
    identity = report_identity(other_county, Edition(2024, "2024-01-20", "", ""), "zh")
    assert export_name(FilterState(), "zh", "xlsx", str(identity["county"])).startswith("秀山县项目_")
    source = dict(about_rows(FilterState(), load_projects(ROOT / "projects.csv").iloc[0:0], "zh", DAY, identity))
    assert "秀山县" in source["来源"] and "2024" in source["来源"] and "酉阳" not in source["来源"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", "2024 年政府工作报告（报告日期未记录）"), ("en", "2024 government work report (report date not recorded)")],
)
def test_a_report_without_a_recorded_date_says_so_not_empty_brackets(lang, words):
    identity = report_identity(*read_identity()[:1], Edition(2024, "", "", ""), lang)
    source = dict(about_rows(FilterState(), load_projects(ROOT / "projects.csv").iloc[0:0], lang, DAY, identity))
    assert words in source[{"zh": "来源", "en": "Source"}[lang]]


def test_table_page_offers_the_workbook_named_by_the_filter(monkeypatch):
    monkeypatch.setenv("COUNTYMAP_PROJECTS", str(ROOT / "projects.csv"))
    at = run("pages/1_项目列表.py", year="2023", cat="road")
    buttons = at.get("download_button")
    assert len(buttons) == 4  # CSV, GeoJSON, Excel and GeoPackage
    captions = " ".join(c.value for c in at.caption)
    assert "CSV 保留数据文件原样的字段名和英文代码" in captions
