"""The planner's tasks end in an answer: county-wide items that reach a township, search results as a list.

Expectations are read from projects.csv by hand: the 2023
road works of 龙潭镇 are none of its own, and five county-wide road
programmes reach it.
"""

from __future__ import annotations

import pytest
from apptest_run import ROOT, run

from countymap.core.filters import FilterState, apply_filters, county_wide_reaching
from countymap.core.stats import describe
from countymap.core.tables import load_projects

LONGTAN_ROADS = FilterState(years=("2023",), categories=("road",), townships=("龙潭镇",))
# By hand from projects.csv: the road rows with precision "county" and year 2023.
LONGTAN_WIDE = {
    "road-county-township-roads-2023",  # 县乡道改造提质 50 km
    "road-four-good-rural-roads-2023",  # 四好农村路 200 km
    "road-narrow-road-widening-2023",  # 窄路面拓宽 70 km
    "road-rural-safety-2023",  # 农村公路安全防护 200 km
    "road-scenic-direct-links",  # 景点直连线 70 km
}


@pytest.fixture(scope="module")
def projects():
    return load_projects(ROOT / "projects.csv")


def test_county_wide_programmes_reach_a_filtered_township(projects):
    own = apply_filters(projects, LONGTAN_ROADS)
    wide = county_wide_reaching(projects, LONGTAN_ROADS)
    assert own.empty
    assert set(wide["id"]) == LONGTAN_WIDE
    assert county_wide_reaching(projects, FilterState(years=("2023",), categories=("road",))).empty  # no township


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", "0 个项目；另有 5 个全县范围项目覆盖所选乡镇"), ("en", "no items; plus 5 county-wide items that reach it")],
)
def test_the_sentence_never_ends_in_a_bare_zero(projects, lang, words):
    wide = county_wide_reaching(projects, LONGTAN_ROADS)
    text = describe(LONGTAN_ROADS, apply_filters(projects, LONGTAN_ROADS), lang, wide=len(wide))
    assert text.endswith(words)


@pytest.mark.parametrize(("lang", "names"), [("zh", ["县乡道改造提质（2023年）"]), ("en", ["County and township"])])
def test_map_page_names_the_county_wide_road_programmes(monkeypatch, lang, names):
    monkeypatch.setenv("COUNTYMAP_PROJECTS", str(ROOT / "projects.csv"))
    at = run(year="2023", cat="road", town="龙潭镇", lang=lang)
    wide = [df for df in at.dataframe if len(df.value) == len(LONGTAN_WIDE)]
    assert len(wide) == 1, "one list of the five county-wide programmes"
    listed = " ".join(wide[0].value.iloc[:, 0])
    assert all(name in listed for name in names)
    assert "50" in " ".join(map(str, wide[0].value.iloc[:, 1]))  # the size (50 km) right after the name
    html = " ".join(h.body for h in at.html)
    assert ("另有 5 个全县范围项目" if lang == "zh" else "plus 5 county-wide items that reach it") in html


# The lines under the title, above the map: the filter sentence and the KPI line (page.css names them).
ABOVE_THE_MAP = ('class="cm-describe"', 'class="cm-kpi"')
COUNTY_WIDE = {"zh": "全县范围", "en": "county-wide"}


def lines_above_the_map(at) -> list[str]:
    return [h.body for h in at.html if any(mark in h.body for mark in ABOVE_THE_MAP)]


@pytest.mark.parametrize("page", ["app.py", "pages/1_项目列表.py"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_county_wide_count_is_said_once_under_the_title(monkeypatch, page, lang):
    monkeypatch.setenv("COUNTYMAP_PROJECTS", str(ROOT / "projects.csv"))
    at = run(page, year="2023", cat="road", town="龙潭镇", lang=lang)
    lines = lines_above_the_map(at)
    said = " ".join(lines)
    assert said.count(COUNTY_WIDE[lang]) == 1, lines  # was twice: the sentence, then the KPI line again
    assert ("0 个项目；另有 5 个" if lang == "zh" else "no items; plus 5 county-wide") in said  # never a bare 0
    assert not any('class="cm-kpi"' in line for line in lines), "no items: no KPI line of a lone dash"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_township_with_items_and_county_wide_ones_says_each_once(monkeypatch, lang):
    monkeypatch.setenv("COUNTYMAP_PROJECTS", str(ROOT / "projects.csv"))
    at = run(town="龙潭镇", lang=lang)
    sentence, kpi = lines_above_the_map(at)
    # By hand from projects.csv: 龙潭镇 names five items (two in progress, three planned); 132 rows are county-wide.
    assert 'data-count="5"' in sentence and COUNTY_WIDE[lang] in sentence and "132" in sentence
    assert COUNTY_WIDE[lang] not in kpi and "132" not in kpi
    assert ("在建 2" if lang == "zh" else "In progress 2") in kpi and ("计划 3" if lang == "zh" else "Planned 3") in kpi


@pytest.mark.parametrize("query", ["花田", "huatian"])
def test_a_search_lists_what_it_finds(monkeypatch, query):
    monkeypatch.setenv("COUNTYMAP_PROJECTS", str(ROOT / "projects.csv"))
    at = run(q=query)
    found = int(next(h.body for h in at.html if "cm-describe" in h.body).split('data-count="')[1].split('"')[0])
    projects = load_projects(ROOT / "projects.csv")
    by_hand = projects[
        projects["name_zh"].str.contains("花田") | projects["townships"].map(lambda towns: "花田乡" in towns)
    ]
    assert found >= len(by_hand) > 0
    lists = [df for df in at.dataframe if len(df.value) == found]
    assert lists, "the results stand in a list, not only in the select box"
    assert set(by_hand["name_zh"]) <= set(lists[0].value["名称"])  # by hand: the name column's title


def test_one_item_reads_singular_in_english():
    from countymap.text.strings import tn

    assert tn("kpi_kind", "en", 1, kind="Planned for 2023", v="¥5 million") == "Planned for 2023: ¥5 million (1 item)"
    assert tn("kpi_kind", "en", 2, kind="Planned for 2023", v="¥5 million").endswith("(2 items)")
    assert tn("kpi_kind", "zh", 1, kind="2023 计划", v="500万元") == "2023 计划 500万元（1 项）"


def test_the_exported_map_names_the_county_wide_programmes(projects):
    from drawing import dataset_of

    from countymap.core.geodata import load_geodata
    from countymap.map.export import export_html

    page = export_html(dataset_of(projects, load_geodata(ROOT / "geodata")), LONGTAN_ROADS)
    assert "0 个项目；另有 5 个全县范围项目覆盖所选乡镇" in page
    assert "县乡道改造提质（2023年）" in page and "景点直连线" in page


@pytest.mark.parametrize(
    ("lang", "said", "unsaid"),
    [  # by hand: none of the filtered items lacks a place; the five programmes reach 龙潭镇
        ("zh", "覆盖龙潭镇的 5 个全县范围项目另有清单", "没有全县范围项目"),
        ("en", "The 5 county-wide items that reach Longtan Town have their own list", "No county-wide items"),
    ],
)
def test_the_list_under_the_map_does_not_deny_the_county_wide_programmes(monkeypatch, lang, said, unsaid):
    monkeypatch.setenv("COUNTYMAP_PROJECTS", str(ROOT / "projects.csv"))
    at = run(year="2023", cat="road", town="龙潭镇", lang=lang)
    captions = " ".join(c.value for c in at.caption)
    assert said in captions and unsaid not in captions, captions
