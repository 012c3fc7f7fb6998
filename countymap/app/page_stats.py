"""The statistics page: headline indicators and counts by sector, status, township and year."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from countymap.app import data
from countymap.core.schema import CATEGORIES, INDICATOR_KINDS, STATUSES, label
from countymap.core.stats import by_year, invest_by_category
from countymap.text.format import amount, bracketed, kind_label, quantity, township_label
from countymap.text.strings import t

PER_ROW = 4


def figure(value: float, unit: str, lang: str) -> str:
    """An indicator's value with its unit; amounts in 亿元/万元 are written like every other amount."""
    if unit == "亿元":
        return amount(value, lang)
    if unit == "万元":
        return amount(value / 1e4, lang)
    return quantity(value, unit, lang).replace(" %", "%")


def _indicator_label(row: pd.Series, lang: str) -> str:
    name = row["name_en"] if lang == "en" else row["name_zh"]
    return bracketed(name, label(INDICATOR_KINDS, row["kind"], lang), lang)


def headline(indicators: pd.DataFrame, lang: str) -> None:
    """The first figures of each year as tiles; all of them in a table below."""
    st.subheader(t("headline", lang))
    for year in sorted(indicators["year"].unique()):
        rows = indicators[indicators["year"] == year]
        st.markdown(f"**{year}**")
        cols = st.columns(PER_ROW)
        for col, (_, row) in zip(cols, rows.head(PER_ROW).iterrows(), strict=False):
            col.metric(_indicator_label(row, lang), figure(row["value"], row["unit"], lang))
    with st.expander(f"{t('all', lang)} · {len(indicators)}"):
        table = pd.DataFrame(
            {
                t("year", lang): indicators["year"],
                t("col_name", lang): [_indicator_label(r, lang) for _, r in indicators.iterrows()],
                t("meaning", lang): [figure(r["value"], r["unit"], lang) for _, r in indicators.iterrows()],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")


def _bar(title: str, table: pd.DataFrame, lang: str) -> None:
    st.markdown(f"**{title}**")
    if table.empty:
        st.caption(t("no_results", lang))
        return
    st.bar_chart(table, stack=False, horizontal=True, x_label=t("count", lang), y_label="")


def charts(result: pd.DataFrame, lang: str) -> None:
    """Bar charts of the filtered items, 2022 beside 2023."""
    county = t("county_wide_short", lang)
    left, right = st.columns(2)
    with left:
        _bar(t("by_category", lang), by_year(result, "category", lambda c: label(CATEGORIES, c, lang)), lang)
        _bar(t("by_status", lang), by_year(result, "status", lambda s: label(STATUSES, s, lang)), lang)
    with right:
        towns = by_year(result, "townships", lambda n: township_label(n, lang) if n else county)
        _bar(t("by_township", lang), towns, lang)
        invest = invest_by_category(
            result, lambda c: label(CATEGORIES, c, lang), lambda k: kind_label(k, lang), data.projects()
        )
        st.markdown(f"**{t('by_category_invest', lang)}**")
        if invest.empty:
            st.caption(t("no_results", lang))
        else:
            st.bar_chart(invest, horizontal=True, stack=False, y_label="")
            st.caption(t("invest_chart_note", lang))
