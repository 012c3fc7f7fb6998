"""The statistics page: headline indicators and counts by sector, status, township and year."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from countymap.app import data
from countymap.core.stats import by_year, invest_by_category
from countymap.schema import CATEGORIES, INDICATOR_KINDS, STATUSES, label
from countymap.text.format import amount, bracketed, capitalised, kind_label, quantity, township_label
from countymap.text.strings import t

PER_ROW = 4


def figure(value: float, unit: str, lang: str, qualifier: str = "") -> str:
    """An indicator's value with its unit and qualifier (以上 / at least ...); amounts as every other amount."""
    qualifier = qualifier if isinstance(qualifier, str) else ""
    if unit == "亿元":
        return amount(value, lang, qualifier)
    if unit == "万元":
        return amount(value / 1e4, lang, qualifier)
    written = quantity(value, unit, lang).replace(" %", "%")
    return t(f"qualifier_{qualifier}", lang, v=written) if qualifier else written


def indicator_figure(row: pd.Series, lang: str) -> str:
    """:func:`figure` of one indicator row, its qualifier included; it stands alone, so it starts with a capital."""
    return capitalised(figure(row["value"], row["unit"], lang, row.get("qualifier") or ""))


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
            col.metric(_indicator_label(row, lang), indicator_figure(row, lang))
    with st.expander(f"{t('all', lang)} · {len(indicators)}"):
        table = pd.DataFrame(
            {
                t("year", lang): indicators["year"],
                t("col_name", lang): [_indicator_label(r, lang) for _, r in indicators.iterrows()],
                t("meaning", lang): [indicator_figure(r, lang) for _, r in indicators.iterrows()],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")


def bar_chart(table: pd.DataFrame, titles: tuple[str, str, str], value_format: str = ",d") -> alt.Chart:
    """Horizontal bars: one row per label (``table``'s index), one bar per series (its columns) side by side.

    ``titles`` names the labels, the series and the values in the page's
    language: the axis and the tooltips say them (Streamlit's own bar chart
    would name its tooltips "label", "value" and "color", in English).
    """
    label_title, series_title, value_title = titles
    long = table.rename_axis("label").reset_index().melt("label", var_name="series", value_name="value")
    long["series"] = long["series"].astype(str)
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=list(table.index)),
            x=alt.X("value:Q", title=value_title),
            yOffset=alt.YOffset("series:N", sort=[str(c) for c in table.columns]),
            color=alt.Color(
                "series:N",
                title=None,
                sort=[str(c) for c in table.columns],
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0),
            ),
            tooltip=[
                alt.Tooltip("label:N", title=label_title),
                alt.Tooltip("series:N", title=series_title),
                alt.Tooltip("value:Q", title=value_title, format=value_format),
            ],
        )
    )


def _bar(title: str, table: pd.DataFrame, titles: tuple[str, str, str], lang: str, **options) -> bool:
    """A chart under its title, or a note when there is nothing to draw; whether a chart was drawn."""
    st.markdown(f"**{title}**")
    if table.empty:
        st.caption(t("no_results", lang))
        return False
    st.altair_chart(bar_chart(table, titles, **options), width="stretch")
    return True


def _status_label(code: object, lang: str) -> str:
    """A status's label; an enterprise has none."""
    return label(STATUSES, code, lang) if isinstance(code, str) and code else t("chart_no_status", lang)


def charts(result: pd.DataFrame, lang: str) -> None:
    """Bar charts of the filtered items, 2022 beside 2023."""
    county = t("county_wide_short", lang)
    count = t("count", lang)
    left, right = st.columns(2)
    with left:
        sectors = by_year(result, "category", lambda c: label(CATEGORIES, c, lang))
        _bar(t("by_category", lang), sectors, (t("d_category", lang), t("year", lang), count), lang)
        statuses = by_year(result, "status", lambda s: _status_label(s, lang))
        _bar(t("by_status", lang), statuses, (t("d_status", lang), t("year", lang), count), lang)
    with right:
        towns = by_year(result, "townships", lambda n: township_label(n, lang) if n else county)
        _bar(t("by_township", lang), towns, (t("d_townships", lang), t("year", lang), count), lang)
        invest = invest_by_category(
            result, lambda c: label(CATEGORIES, c, lang), lambda k: kind_label(k, lang), data.projects()
        )
        titles = (t("d_category", lang), t("invest_kind", lang), t("invest_axis", lang))
        if _bar(t("by_category_invest", lang), invest, titles, lang, value_format=",.4~g"):
            st.caption(t("invest_chart_note", lang))
