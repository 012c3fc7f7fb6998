"""The statistics page: headline indicators and counts by sector, status, township and year."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from countymap.app.shell import esc
from countymap.core.schema import CATEGORIES, INDICATOR_KINDS, STATUSES, YEARS, label
from countymap.text.strings import format_yi, t, township_label

PER_ROW = 4


UNITS_EN = {"元": "yuan", "人": "people", "天": "days", "户": "units", "个": "", "%": "%"}


def figure(value: float, unit: str, lang: str) -> str:
    """A value with its unit; amounts in 亿元/万元 are written like every other amount."""
    if unit == "亿元":
        return format_yi(value, lang)
    if unit == "万元":
        return format_yi(value / 1e4, lang)
    number = f"{value:,.4f}".rstrip("0").rstrip(".")
    shown = UNITS_EN.get(unit, unit) if lang == "en" else unit
    return number + shown if shown == "%" else f"{number} {shown}".strip()


def _indicator_label(row: pd.Series, lang: str) -> str:
    name = row["name_en"] if lang == "en" else row["name_zh"]
    kind = label(INDICATOR_KINDS, row["kind"], lang)
    return f"{name}（{kind}）" if lang == "zh" else f"{name} ({kind})"


def headline(indicators: pd.DataFrame | None, lang: str) -> None:
    """The first figures of each year as tiles; all of them in a table below."""
    st.subheader(t("headline", lang))
    if indicators is None or indicators.empty:
        st.caption(t("no_indicators", lang))
        return
    for year in sorted(indicators["year"].unique()):
        rows = indicators[indicators["year"] == year]
        st.markdown(f"**{year}**")
        cols = st.columns(PER_ROW)
        for col, (_, row) in zip(cols, rows.head(PER_ROW).iterrows(), strict=False):
            col.metric(esc(_indicator_label(row, lang)), figure(row["value"], row["unit"], lang))
    with st.expander(f"{t('all', lang)} · {len(indicators)}"):
        table = pd.DataFrame(
            {
                t("year", lang): indicators["year"],
                t("col_name", lang): [_indicator_label(r, lang) for _, r in indicators.iterrows()],
                t("meaning", lang): [figure(r["value"], r["unit"], lang) for _, r in indicators.iterrows()],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")


def by_year(result: pd.DataFrame, column: str, to_label) -> pd.DataFrame:
    """Item counts per label (rows) and report year (columns); list columns count each member."""
    rows = []
    for _, item in result.iterrows():
        keys = item[column] if isinstance(item[column], tuple) else (item[column],)
        for year in item["years"]:
            for key in keys or ("",):
                rows.append((to_label(key), year))
    frame = pd.DataFrame(rows, columns=["label", "year"])
    table = pd.crosstab(frame["label"], frame["year"]) if rows else pd.DataFrame()
    return table.reindex(columns=[y for y in YEARS], fill_value=0)


def _bar(title: str, table: pd.DataFrame, lang: str) -> None:
    st.markdown(f"**{title}**")
    if table.empty:
        st.caption(t("no_results", lang))
        return
    st.bar_chart(table, stack=False, horizontal=True, x_label=t("count", lang), y_label="")


def invest_by_category(result: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Disclosed investment (亿元) per sector; undisclosed items add nothing."""
    amounts = pd.to_numeric(result["investment_yi"], errors="coerce")
    frame = pd.DataFrame({"label": [label(CATEGORIES, c, lang) for c in result["category"]], "yi": amounts})
    return frame.dropna().groupby("label")[["yi"]].sum()


def charts(result: pd.DataFrame, lang: str) -> None:
    """Bar charts of the filtered items, 2022 beside 2023."""
    county = t("d_county_wide", lang)
    left, right = st.columns(2)
    with left:
        _bar(t("by_category", lang), by_year(result, "category", lambda c: label(CATEGORIES, c, lang)), lang)
        _bar(t("by_status", lang), by_year(result, "status", lambda s: label(STATUSES, s, lang)), lang)
    with right:
        towns = by_year(result, "townships", lambda n: township_label(n, lang) if n else county)
        _bar(t("by_township", lang), towns, lang)
        invest = invest_by_category(result, lang)
        st.markdown(f"**{t('by_category_invest', lang)}**")
        if invest.empty:
            st.caption(t("no_results", lang))
        else:
            st.bar_chart(invest, horizontal=True, y_label="")
