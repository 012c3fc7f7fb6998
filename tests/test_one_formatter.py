"""One item's amount and size read the same wherever they appear (one formatter).

The item is ``t-school-zhongduo`` of ``tests/data/projects_small.csv``: 0.262 亿元
of total investment and a size of 1 所. The expected texts are written by hand.
"""

from __future__ import annotations

import html

import pytest
from apptest_run import FIXTURE, ROOT, run
from drawing import dataset_of

from countymap.core.filters import FilterState
from countymap.core.geodata import load_geodata
from countymap.core.tables import load_projects
from countymap.map.export import export_html
from countymap.map.features import dataset_features
from countymap.map.view import View

ITEM, NAME = "t-school-zhongduo", "钟多示例学校"
EXPECTED = {
    "zh": {"amount": "2620万元（总投资）", "size": "1 所", "kpi": "2620万元"},
    "en": {"amount": "¥26.2 million (total investment)", "size": "1", "kpi": "¥26.2 million"},
}
TABLE_COLUMNS = {"zh": ("投资", "规模", "名称"), "en": ("Investment", "Size", "Name")}


pytestmark = pytest.mark.usefixtures("small_fixture_app")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_map_popup_and_the_exported_page(lang):
    projects, geodata = load_projects(FIXTURE), load_geodata(ROOT / "geodata")
    dataset = dataset_of(projects, geodata)
    features = dataset_features(dataset, FilterState(), lang=lang, to_gcj02=False)
    props = next(f["properties"] for c in features.collections.values() for f in c["features"] if f["id"] == ITEM)
    assert (html.unescape(props["i"]), html.unescape(props["q"])) == (EXPECTED[lang]["amount"], EXPECTED[lang]["size"])
    page = export_html(dataset, FilterState(query=NAME), view=View(lang=lang))
    assert props["i"] in page and html.unescape(props["i"]) == EXPECTED[lang]["amount"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_detail_panel_and_the_kpi_line(lang):
    at = run("app.py", sel=ITEM, q=NAME, lang=lang)
    detail = html.unescape(next(h.body for h in at.html if "cm-detail" in h.body))
    assert EXPECTED[lang]["amount"] in detail
    kpi = " ".join(html.unescape(h.body) for h in at.html if "cm-kpi-amount" in h.body)
    assert EXPECTED[lang]["kpi"] in kpi


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_projects_table(lang):
    at = run("pages/1_项目列表.py", q=NAME, lang=lang)
    amount_column, size_column, name_column = TABLE_COLUMNS[lang]
    frame = at.dataframe[0].value
    row = frame.loc[frame[name_column].str.contains("钟多示例学校|Zhongduo sample school")].iloc[0]
    assert (row[amount_column], row[size_column]) == (EXPECTED[lang]["amount"], EXPECTED[lang]["size"])
