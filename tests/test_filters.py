"""Filtering, URL round trip, counts and the describing sentence (no Streamlit)."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import oracle
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countymap.core.filters import (
    QUERY_MAX_CHARS,
    FilterState,
    apply_filters,
    from_query_params,
    to_query_params,
)
from countymap.core.geodata import township_names
from countymap.core.stats import describe, totals
from countymap.core.tables import load_projects
from countymap.schema import CATEGORIES, PRECISIONS, STATUSES, YEARS

FIXTURE = Path(__file__).resolve().parent / "data" / "projects_small.csv"
SHOWN = SimpleNamespace(years=("2022", "2023"))  # the data a link is read for: the report's two years, by hand


@pytest.fixture(scope="module")
def projects() -> pd.DataFrame:
    return load_projects(FIXTURE)


def ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["id"])


def test_fixture_covers_what_the_tests_need(projects):
    assert len(projects) == 12
    assert set(projects["status"]) == set(STATUSES)
    assert projects["investment_yi"].isna().sum() >= 3
    assert (projects["townships"].map(len) == 0).sum() == 1


def test_default_state_keeps_everything(projects):
    assert len(apply_filters(projects, FilterState())) == len(projects)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (FilterState(years=("2022",)), 5),
        (FilterState(years=("2023",)), 9),
        (FilterState(years=("2022", "2023")), 12),
        (FilterState(categories=("road",)), 5),
        (FilterState(categories=("road", "scenic")), 7),
        (FilterState(statuses=("planned",)), 5),
        (FilterState(statuses=("completed", "designated")), 4),
        (FilterState(townships=("龚滩镇",)), 5),
        (FilterState(townships=("龙潭镇",)), 2),
        (FilterState(precisions=("township",)), 6),
        (FilterState(precisions=("county",)), 1),
    ],
)
def test_each_field_restricts(projects, state, expected):
    assert len(apply_filters(projects, state)) == expected


def test_fields_combine_with_and(projects):
    state = FilterState(years=("2023",), statuses=("planned",), categories=("road",), townships=("龚滩镇",))
    assert ids(apply_filters(projects, state)) == {
        "t-road-gongtan-a",
        "t-road-gongtan-b",
        "t-road-gongtan-c",
        "t-road-link",
    }


def test_investment_bounds_exclude_undisclosed(projects):
    low = apply_filters(projects, FilterState(invest_min=0))
    assert len(low) == 6 and low["investment_yi"].notna().all()
    assert ids(apply_filters(projects, FilterState(invest_max=1))) == {"t-school-zhongduo", "t-agri-longtan"}
    assert ids(apply_filters(projects, FilterState(invest_min=1, invest_max=3.5))) == {
        "t-road-gongtan-a",
        "t-water-youshuihe",
        "t-culture-escape",
    }


def test_disclosed_switch_keeps_exactly_the_disclosed_amounts(projects):
    expected = set(oracle.selected_ids(oracle.read_rows(FIXTURE), disclosed=True))
    assert len(expected) == 6  # the fixture's six disclosed amounts, by hand from the file
    assert ids(apply_filters(projects, FilterState(disclosed=True))) == expected
    both = FilterState(disclosed=True, categories=("road",))
    assert ids(apply_filters(projects, both)) == set(
        oracle.selected_ids(oracle.read_rows(FIXTURE), disclosed=True, categories=("road",))
    )


@pytest.mark.parametrize(("raw", "on"), [("1", True), (["0", "1"], True), ("0", False), ("true", False), ("", False)])
def test_disclosed_switch_in_a_link(raw, on):
    assert from_query_params({"disclosed": raw}, SHOWN).disclosed is on
    assert to_query_params(FilterState(disclosed=on)) == ({"disclosed": "1"} if on else {})


def test_disclosed_switch_in_the_sentence(projects):
    state = FilterState(disclosed=True, categories=("road",))
    result = apply_filters(projects, state)
    assert describe(state, result, "zh") == "公路交通 · 已披露金额：2 个项目，其中 2 个披露投资"
    assert describe(state, result, "en") == "Roads · amount disclosed: 2 items, 2 with a disclosed investment"
    assert "excluded" not in describe(replace(state, invest_min=1.0), result, "en")  # said once, by the switch


@pytest.mark.parametrize("query", ["gongtan", "gong tan", "GONG TAN", "龚滩", "Gongtan Town", "  gongtan  "])
def test_query_matches_chinese_pinyin_and_english(projects, query):
    assert ids(apply_filters(projects, FilterState(query=query))) == {
        "t-road-gongtan-a",
        "t-road-gongtan-b",
        "t-road-gongtan-c",
        "t-road-link",
        "t-scenic-gongtan",
    }


def test_query_searches_summaries_and_townships(projects):
    assert ids(apply_filters(projects, FilterState(query="前期阶段"))) == {"t-health-liangzeng"}
    assert ids(apply_filters(projects, FilterState(query="liangzeng"))) == {"t-health-liangzeng"}
    assert ids(apply_filters(projects, FilterState(query="farm park"))) == {"t-agri-longtan"}
    assert apply_filters(projects, FilterState(query="no such thing")).empty


def test_query_with_markup_is_plain_text(projects):
    assert ids(apply_filters(projects, FilterState(query="${alert(1)}"))) == {"t-culture-escape"}
    assert ids(apply_filters(projects, FilterState(query="(1"))) == {"t-culture-escape"}


def test_filters_on_an_empty_table(projects):
    empty = projects.iloc[0:0]
    assert apply_filters(empty, FilterState(query="x", years=("2023",), invest_min=1)).empty
    assert totals(empty)["count"] == 0


# --- URL round trip ---------------------------------------------------------------

# What a number box can hold: plain decimals up to 6 places, within the accepted range.
floats = st.none() | st.integers(min_value=0, max_value=10**10).map(lambda n: n / 10**6)
states = st.builds(
    FilterState,
    years=st.lists(st.sampled_from(YEARS), max_size=2, unique=True).map(tuple),
    categories=st.lists(st.sampled_from(tuple(CATEGORIES)), max_size=4, unique=True).map(tuple),
    statuses=st.lists(st.sampled_from(tuple(STATUSES)), max_size=3, unique=True).map(tuple),
    townships=st.lists(st.sampled_from(township_names()), max_size=4, unique=True).map(tuple),
    precisions=st.lists(st.sampled_from(tuple(PRECISIONS)), max_size=3, unique=True).map(tuple),
    invest_min=floats,
    invest_max=floats,
    disclosed=st.booleans(),
    query=st.text(max_size=40),
)


@settings(max_examples=300, deadline=None)
@given(states)
def test_query_params_round_trip_exactly(state):
    params = to_query_params(state)
    assert all(isinstance(v, str) and v for v in params.values())
    assert from_query_params(params, SHOWN) == state


def test_default_state_has_no_params():
    assert to_query_params(FilterState()) == {}
    assert from_query_params({}, SHOWN) == FilterState()


def test_query_params_are_readable():
    state = FilterState(years=("2023",), categories=("road", "water"), invest_min=1.5, invest_max=10.0)
    assert to_query_params(state) == {"year": "2023", "cat": "road,water", "imin": "1.5", "imax": "10"}


@pytest.mark.parametrize(
    "params",
    [
        {"year": "1999", "cat": "nope", "status": "", "town": "不存在镇", "prec": "exactly"},
        {"imin": "abc", "imax": "-1"},
        {"imin": "nan", "imax": "inf"},
        {"imin": "1e400"},
        {"unknown": "x", "year": ["", ","]},
        {"year": [], "q": []},
    ],
)
def test_invalid_params_are_dropped(params):
    assert from_query_params(params, SHOWN) == FilterState()


def test_params_accept_lists_and_keep_valid_items():
    state = from_query_params({"year": ["2022", "bad", "2023"], "town": "龚滩镇,火星镇", "q": ["old", "new"]}, SHOWN)
    assert state == FilterState(years=("2022", "2023"), townships=("龚滩镇",), query="new")


def test_the_hostile_link_of_issue_14_is_cleaned():
    # year=2022 a thousand times, a 100,000-character search, a 309-digit bound
    state = from_query_params({"year": ["2022"] * 1000, "q": ["x" * 100_000], "imin": ["1e308"]}, SHOWN)
    assert state == FilterState(years=("2022",), query="x" * QUERY_MAX_CHARS)
    assert to_query_params(state) == {"year": "2022", "q": "x" * 100}  # what the sidebar writes back


@pytest.mark.parametrize("bound", ["1_0", "1e308", "１０", "٣", "10001", "+1", " 1 2 ", "0x10"])
def test_a_bound_is_a_plain_decimal_within_range(bound):
    assert from_query_params({"imin": bound, "imax": bound}, SHOWN) == FilterState()


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["year", "cat", "status", "town", "prec", "imin", "imax", "disclosed", "q", "x"]),
        st.text(max_size=30) | st.lists(st.text(max_size=10), max_size=3),
    )
)
def test_from_query_params_never_raises(params):
    state = from_query_params(params, SHOWN)
    assert isinstance(state, FilterState)
    for bound in (state.invest_min, state.invest_max):
        assert bound is None or (math.isfinite(bound) and bound >= 0)


# --- totals and describe -------------------------------------------------------------


def test_totals_keep_one_sum_per_kind(projects):
    sums = totals(projects)
    assert sums["count"] == 12
    assert sums["disclosed_count"] == 6
    by_kind = {(k.kind, k.year): (round(k.total_yi, 4), k.items) for k in sums["by_kind"]}
    raw = oracle.read_rows(FIXTURE)  # the same sums by hand, from the file: pooled funds and totals per year
    expected: dict[tuple, list] = {}
    for row in raw:
        if row["investment_yi"]:
            kind = row["investment_kind"]
            year = "" if kind in ("completed_in_2022", "planned_for_2023") else row["years"]
            expected.setdefault((kind, year), []).append(float(row["investment_yi"]))
    assert by_kind == {key: (round(sum(v), 4), len(v)) for key, v in expected.items()}
    assert sums["by_status"] == {"completed": 2, "in_progress": 2, "planned": 5, "preparatory": 1, "designated": 2}


def test_totals_never_count_undisclosed_as_zero(projects):
    undisclosed = projects[projects["investment_yi"].isna()]
    sums = totals(undisclosed)
    assert sums["disclosed_count"] == 0 and sums["by_kind"] == []


def test_describe_reads_as_one_sentence(projects):
    state = FilterState(years=("2023",), statuses=("planned",), categories=("road",), townships=("龚滩镇",))
    result = apply_filters(projects, state)
    assert describe(state, result, "zh") == "2023 计划 · 公路交通 · 龚滩镇：4 个项目，其中 1 个披露投资"
    assert (
        describe(state, result, "en") == "2023 Planned · Roads · Gongtan Town: 4 items, 1 with a disclosed investment"
    )


def test_describe_all_none_and_bounds(projects):
    assert describe(FilterState(), projects, "zh").startswith("全部项目：12 个项目，其中 6 个披露投资")
    none = FilterState(townships=("两罾乡",))
    assert describe(none, apply_filters(projects, none), "zh") == "两罾乡：1 个项目，未披露投资"
    assert (
        describe(none, apply_filters(projects, none), "en")
        == "Liangzeng Township: 1 item, its investment not disclosed"
    )
    bound = FilterState(invest_min=1)
    text = describe(bound, apply_filters(projects, bound), "zh")
    assert "投资 ≥ 1亿元" in text and "未披露投资的项目已排除" in text
    assert "excluded" in describe(bound, apply_filters(projects, bound), "en")
    nothing = FilterState(query="zzz")
    assert describe(nothing, apply_filters(projects, nothing), "en") == 'Search "zzz": no items'
    zero = FilterState(invest_min=0.0)  # the sentence once began "investment ≥ ¥0 million"
    assert describe(zero, apply_filters(projects, zero), "en").startswith("Investment ≥ ¥0")
    alone = FilterState(disclosed=True)
    assert describe(alone, apply_filters(projects, alone), "en").startswith("Amount disclosed: 6 items")


def test_an_empty_table_has_an_empty_search_index(projects):
    """An upload whose rows are all invalid leaves an empty table: its index is built, not a thread's crash."""
    from countymap.core.filters import search_index

    index = search_index(projects.iloc[:0])
    assert len(index.plain) == 0 and len(index.spelled) == 0
