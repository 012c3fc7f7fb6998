"""The statistics page reads right for a planner.

Expectations from projects.csv by hand: 2023 planned money is 136 亿元以上
(市级重大项目和县级重点项目, county-wide), 22 亿元以上 (桃花源新城标志工程,
城市建设), 15 亿元以上 (工业投资, county-wide) and 7.2 亿元以上 (重点文旅项目,
county-wide); the 500 亿元以上 total of the 33 preparatory works is another
kind and has a chart of its own. Youyang has 39 townships; 桃花源街道 and
钟多街道 hold the most items.
"""

from __future__ import annotations

import pytest
from apptest_run import ROOT, run

from countymap.core.geodata import township_names
from countymap.core.stats import invest_rows, township_counts, unplaced_counts
from countymap.core.tables import load_projects


@pytest.fixture(scope="module")
def projects():
    return load_projects(ROOT / "projects.csv")


def test_amounts_of_different_kinds_never_share_a_chart(projects):
    rows = invest_rows(projects, projects)
    planned = rows[rows["kind"] == "planned_for_2023"].set_index("row")
    assert planned["yi"].round(4).to_dict() == {
        "other-key-projects-2023": 136.0,
        "urban": 22.0,
        "industry-industrial-investment-2023": 15.0,
        "scenic-zhongdian-wenlv-xiangmu-2023": 7.2,
    }
    assert planned["floor"].all()  # every one is "以上"
    assert planned.loc["other-key-projects-2023", "wide"] and not planned.loc["urban", "wide"]
    total = rows[rows["kind"] == "total"]
    assert total[["year", "row", "yi"]].values.tolist() == [["2023", "other-major-preparatory-projects-2023", 500.0]]
    groups = set(zip(rows["kind"], rows["year"], strict=True))
    assert groups == {
        ("completed_in_2022", ""),
        ("planned_for_2023", ""),
        ("total", "2023"),
        ("pooled_fund", "2022"),
        ("pooled_fund", "2023"),
    }


def test_the_township_chart_lists_every_township_most_items_first(projects):
    towns = township_counts(projects, township_names(), ("2022", "2023"))
    assert len(towns) == 39 and set(towns.index) == set(township_names())
    totals = towns.sum(axis=1).tolist()
    assert totals == sorted(totals, reverse=True)
    assert list(towns.index[:2]) == ["桃花源街道", "钟多街道"]
    assert "" not in towns.index and "全县" not in towns.index
    assert (towns.sum(axis=1) == 0).sum() >= 1  # townships without items are listed, at 0
    wide = int((projects["precision"] == "county").sum())
    assert unplaced_counts(projects)["county"] == wide


@pytest.mark.parametrize(("lang", "planned"), [("zh", "2023年计划投资"), ("en", "Planned for 2023")])
def test_statistics_page_draws_one_chart_per_kind(monkeypatch, lang, planned):
    monkeypatch.setenv("COUNTYMAP_PROJECTS", str(ROOT / "projects.csv"))
    at = run("pages/3_统计.py", lang=lang)
    titles = [m.value for m in at.markdown if m.value.startswith("**")]
    assert f"**{planned}**" in titles
    charts = at.get("vega_lite_chart")
    assert len(charts) == 3 + 5  # sector, status, township; five kinds of amount
    captions = " ".join(c.value for c in at.caption)
    assert ("全县范围 132 项" if lang == "zh" else "County-wide: 132") in captions
