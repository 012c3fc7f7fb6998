"""Sums that never mix kinds, never count a programme and its parts twice, never split or repeat a shared amount."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from countymap.core.filters import table_years
from countymap.core.stats import alone_and_shared, amounts_by_kind, by_year, invest_by_category

NAN = math.nan


def table(*rows) -> pd.DataFrame:
    """Hand-written items: (id, amount, kind, qualifier, part_of, years, townships)."""
    columns = ["id", "investment_yi", "investment_kind", "investment_qualifier", "part_of", "years", "townships"]
    frame = pd.DataFrame([dict(zip(columns, row, strict=True)) for row in rows])
    frame["category"] = "road"
    return frame


ITEMS = table(
    ("programme", 3.6, "completed_in_2022", "", "", ("2022",), ()),
    ("part-with-own-figure", 0.262, "completed_in_2022", "", "programme", ("2022",), ("龙潭镇",)),
    ("part-without-figure", NAN, "", "", "programme", ("2022",), ("龙潭镇",)),
    ("expressway", 21.3, "completed_in_2022", "", "", ("2022",), ("龚滩镇", "天馆乡", "丁市镇", "板溪镇")),
    ("landmarks", 22.0, "planned_for_2023", "at_least", "", ("2023",), ()),
    ("pool-2022", 9.2, "pooled_fund", "", "", ("2022",), ()),
    ("pool-2023", 10.0, "pooled_fund", "", "", ("2023",), ()),
    ("township-work", 1.5, "total", "", "", ("2023",), ("龚滩镇",)),
)


def sums(result: pd.DataFrame, everything: pd.DataFrame = ITEMS) -> dict:
    return {
        (k.kind, k.year): (round(k.total_yi, 6), k.items, k.lower_bound) for k in amounts_by_kind(result, everything)
    }


def test_one_sum_per_kind_and_pooled_funds_per_year():
    assert sums(ITEMS) == {
        ("completed_in_2022", ""): (24.9, 2, False),  # 3.6 + 21.3: the part's 0.262 is inside the programme's 3.6
        ("planned_for_2023", ""): (22.0, 1, True),  # "at least": the sum is a lower bound
        ("total", "2023"): (1.5, 1, False),
        ("pooled_fund", "2022"): (9.2, 1, False),
        ("pooled_fund", "2023"): (10.0, 1, False),
    }


def test_a_part_counts_where_its_programme_is_not_summed():
    only_the_part = ITEMS[ITEMS["id"] == "part-with-own-figure"]  # a township's items: the county programme is not
    assert sums(only_the_part) == {("completed_in_2022", ""): (0.262, 1, False)}
    both = ITEMS[ITEMS["id"].isin(["programme", "part-with-own-figure"])]
    assert sums(both) == {("completed_in_2022", ""): (3.6, 1, False)}  # never 3.862: the programme holds the part


def test_a_part_under_an_intermediate_programme_is_not_counted_twice():
    nested = table(
        ("top", 10.0, "total", "", "", ("2023",), ()),
        ("middle", NAN, "", "", "top", ("2023",), ()),
        ("leaf", 2.0, "total", "", "middle", ("2023",), ()),
    )
    assert sums(nested, nested) == {("total", "2023"): (10.0, 1, False)}
    leaf_alone = nested[nested["id"] == "leaf"]
    assert sums(leaf_alone, nested) == {("total", "2023"): (2.0, 1, False)}


def test_a_part_with_another_kind_of_amount_keeps_its_own_sum():
    mixed = table(
        ("fund", 9.2, "pooled_fund", "", "", ("2022",), ()),
        ("work", 1.0, "completed_in_2022", "", "fund", ("2022",), ()),
    )
    assert sums(mixed, mixed) == {("completed_in_2022", ""): (1.0, 1, False), ("pooled_fund", "2022"): (9.2, 1, False)}


def test_related_items_both_count_and_the_sum_says_they_may_overlap():
    linked = table(
        ("key-projects", 136.0, "planned_for_2023", "at_least", "", ("2023",), ()),
        ("landmarks", 22.0, "planned_for_2023", "at_least", "", ("2023",), ("桃花源街道",)),
        ("tourism", 7.2, "planned_for_2023", "over", "", ("2023",), ()),
    )
    linked["related_to"] = [(), ("key-projects",), ()]
    [total] = amounts_by_kind(linked, linked)
    assert (total.total_yi, total.items, total.lower_bound, total.may_overlap) == (165.2, 3, True, True)
    [alone] = amounts_by_kind(linked[linked["id"] != "landmarks"], linked)
    assert (alone.total_yi, alone.lower_bound, alone.may_overlap) == (143.2, True, False)  # "over" is a floor too


def test_a_programme_without_an_amount_lets_its_parts_count():
    parts = table(
        ("plan", NAN, "", "", "", ("2023",), ()),
        ("a", 1.0, "total", "", "plan", ("2023",), ()),
        ("b", 2.0, "total", "", "plan", ("2023",), ()),
    )
    assert sums(parts, parts) == {("total", "2023"): (3.0, 2, False)}


def test_a_township_sums_only_its_own_items_and_shows_a_shared_amount_whole():
    in_gongtan = ITEMS[ITEMS["townships"].map(lambda t: "龚滩镇" in t)]
    alone, shared = alone_and_shared(in_gongtan, "龚滩镇")
    assert list(alone["id"]) == ["township-work"]
    assert list(shared["id"]) == ["expressway"] and shared["investment_yi"].iloc[0] == pytest.approx(21.3)
    assert sums(alone) == {("total", "2023"): (1.5, 1, False)}


def test_sector_chart_shows_each_sectors_own_amounts():
    programme_and_parts = table(
        ("key-projects", 136.0, "planned_for_2023", "at_least", "", ("2023",), ()),
        ("landmarks", 22.0, "planned_for_2023", "at_least", "key-projects", ("2023",), ()),
        ("same-sector-part", 5.0, "planned_for_2023", "", "key-projects", ("2023",), ()),
    )
    programme_and_parts["category"] = ["other", "urban", "other"]
    chart = invest_by_category(programme_and_parts, lambda c: c, lambda k: k)
    assert chart.loc["other", "planned_for_2023"] == pytest.approx(136.0)  # its own part is inside the 136
    assert chart.loc["urban", "planned_for_2023"] == pytest.approx(22.0)  # the urban bar shows the urban money


def test_sector_chart_keeps_kinds_apart():
    chart = invest_by_category(ITEMS, lambda c: c, lambda k: k)
    assert chart.loc["road", "completed_in_2022"] == pytest.approx(24.9)
    assert chart.loc["road", "pooled_fund 2022"] == pytest.approx(9.2)  # a bar per kind and year, never one total
    assert chart.loc["road", "pooled_fund 2023"] == pytest.approx(10.0)
    assert chart.loc["road", "planned_for_2023"] == pytest.approx(22.0)


def test_the_year_columns_are_the_years_of_the_data_shown():
    # A published 2024 edition: two items reviewed in 2023, one planned for 2024 (counts by hand).
    shown = pd.DataFrame({"status": ["completed", "completed", "planned"], "years": [("2023",), ("2023",), ("2024",)]})
    assert table_years(shown) == ("2023", "2024")
    counts = by_year(shown, "status", str, table_years(shown))
    assert list(counts.columns) == ["2023", "2024"]
    assert counts.loc["completed"].tolist() == [2, 0] and counts.loc["planned"].tolist() == [0, 1]
    only_2023 = by_year(shown.iloc[:2], "status", str, table_years(shown))  # a filter leaves 2024 no item
    assert list(only_2023.columns) == ["2023", "2024"] and only_2023.loc["completed"].tolist() == [2, 0]
