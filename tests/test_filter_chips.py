"""The active filters as removable chips: one per value, from the filter specs; removing one removes that value.

Labels and counts are taken by hand from the schema's vocabulary and from
tests/data/projects_small.csv (12 rows).
"""

from __future__ import annotations

import re

import pytest
from apptest_run import run

from countymap.core.filter_chips import chips, without
from countymap.core.filters import FilterState, townships_named
from countymap.text.escape import markdown_literal

pytestmark = pytest.mark.usefixtures("small_fixture_app")  # the AppTest runs below read the small fixture
STATE = FilterState(years=("2023",), categories=("road", "water"), townships=("龙潭镇",), invest_min=2.0, query="花田")


def test_one_chip_per_value_in_each_language():
    assert [c.text for c in chips(STATE, "zh")] == [
        "2023",
        "公路交通",
        "供水水利",
        "龙潭镇",
        "投资 ≥ 2亿元",
        "搜索“花田”",
    ]
    english = [c.text for c in chips(STATE, "en")]
    assert english[:4] == ["2023", "Roads", "Water supply & works", "Longtan Town"]
    assert english[-2:] == ["Investment ≥ ¥200 million", 'Search "花田"']


def test_no_chip_without_a_filter_and_zero_is_a_bound():
    assert chips(FilterState(), "zh") == []
    assert [c.attr for c in chips(FilterState(invest_max=0.0), "zh")] == ["invest_max"]


def test_removing_a_chip_removes_only_its_value():
    by_text = {c.text: c for c in chips(STATE, "zh")}
    assert without(STATE, by_text["公路交通"]).categories == ("water",)
    assert without(STATE, by_text["龙潭镇"]).townships == ()
    assert without(STATE, by_text["投资 ≥ 2亿元"]).invest_min is None
    assert without(STATE, by_text["搜索“花田”"]).query == ""
    state = STATE
    for chip in chips(STATE, "zh"):
        state = without(state, chip)
    assert state.is_default


@pytest.mark.parametrize("query", ["花田", "huatian", "HuaTian", " 花田乡 "])
def test_a_search_names_its_township(query):
    assert townships_named(query, ["花田乡", "双泉乡", "龚滩镇", "桃花源街道"]) == ("花田乡",)


def test_a_search_for_a_thing_names_no_township():
    assert townships_named("水库", ["花田乡", "龚滩镇"]) == ()


def test_a_chip_label_never_formats_markdown():
    assert markdown_literal("**x** [a](javascript:alert(1))") == r"\*\*x\*\* \[a\]\(javascript\:alert\(1\)\)"


# --- in the app (AppTest, the small fixture) ----------------------------------------------------


def _chips(at) -> dict[str, str]:
    return {b.label: b.key for b in at.button if (b.key or "").startswith("cm_chip")}


def _count(at) -> int:
    sentence = next(h.body for h in at.html if "cm-describe" in h.body)
    return int(re.search(r'data-count="(\d+)"', sentence).group(1))


def test_clicking_a_chip_removes_that_filter_and_the_link_follows():
    at = run(year="2023", cat="road", town="龚滩镇")
    assert _count(at) == 4  # gongtan-a, -b, -c and the link road
    assert set(_chips(at)) == {"2023 ×", "公路交通 ×", "龚滩镇 ×", "全部清除"}
    at.button(key=_chips(at)["公路交通 ×"]).click().run()
    assert not at.exception
    assert "cat" not in at.query_params and at.query_params["town"] == "龚滩镇"
    assert _count(at) == 5  # and the scenic area of 龚滩
    assert set(_chips(at)) == {"2023 ×", "龚滩镇 ×", "全部清除"}
    at.button(key="cm_chips_clear").click().run()
    assert not {"year", "town", "cat"} & set(at.query_params) and _chips(at) == {}
    assert _count(at) == 12


def test_one_chip_has_no_clear_all_and_a_search_that_finds_nothing_says_what_to_try():
    at = run(q="zzzz")
    assert set(_chips(at)) == {"搜索“zzzz”" + " ×"}
    notes = " ".join(i.value for i in at.info)
    assert "zzzz" in notes and "拼音" in notes


def test_presenter_mode_has_the_chips_and_a_drawer_with_the_same_filters():
    at = run(present="1", cat="road")
    assert set(_chips(at)) == {"公路交通 ×"}
    assert not at.sidebar.multiselect  # the sidebar is hidden in presenter mode: the widgets are in the drawer
    keys = {m.key for m in at.multiselect}
    assert {"f_years", "f_categories", "f_townships"} <= keys
    at.multiselect(key="f_categories").set_value(["road", "water"]).run()
    assert at.query_params["cat"] == "road,water" and at.query_params["present"] == "1"
    assert set(_chips(at)) == {"公路交通 ×", "供水水利 ×", "全部清除"}


def test_a_new_search_drops_the_kept_view_so_the_map_fits_what_it_found():
    at = run(z="12", c="28.8,108.7")
    assert at.query_params["z"] == "12"
    at.text_input(key="f_query").set_value("gongtan").run()
    assert at.query_params["q"] == "gongtan" and "z" not in at.query_params and "c" not in at.query_params
