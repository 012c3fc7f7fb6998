"""The statistics page: headline indicators and counts by sector, status, township and year."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from countymap.app import data
from countymap.app.shell import text_table
from countymap.core.geodata import township_names
from countymap.core.stats import by_year, invest_rows, township_counts, unplaced_counts
from countymap.schema import CATEGORIES, INDICATOR_KINDS, PRECISIONS, STATUSES, label
from countymap.text.format import (
    amount,
    bracketed,
    capitalised,
    described,
    item_names,
    join_labels,
    kind_label,
    labelled,
    number,
    quantity,
    township_label,
)
from countymap.text.strings import t

PER_ROW = 4
ROW_PX = 26  # height of one row of a horizontal bar chart
LABEL_PX = 300  # a bar's label is cut only beyond this width
AMOUNT_LABEL_PX = 460  # an amount bar's label ends in its figure ("…（2023年）：136亿元"): cut, it lost the figure


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
        # A table that wraps, not a data grid: the grid cut long names and figures to a few words on a phone.
        every = [(r["year"], _indicator_label(r, lang), indicator_figure(r, lang)) for _, r in indicators.iterrows()]
        text_table(every, [t("year", lang), t("col_name", lang), t("col_value", lang)])


def bar_chart(
    table: pd.DataFrame,
    titles: tuple[str, str, str],
    description: str,
    lang: str,
    value_format: str = ",d",
    label_px: int = LABEL_PX,
) -> alt.Chart:
    """Horizontal bars: one row per label (``table``'s index), one bar per series (its columns) side by side.

    ``titles`` names the labels, the series and the values in the page's
    language: the axis, the tooltips and each bar's screen-reader text say them
    (Streamlit's own bar chart would name its tooltips "label", "value" and
    "color", and Vega its bars "label: …; value: …", a "bar", in English).
    ``description`` is the chart's name for screen readers (Vega's would be
    "Vega visualization"); the legend's own description, in English, is off.
    """
    label_title, series_title, value_title = titles
    long = table.rename_axis("label").reset_index().melt("label", var_name="series", value_name="value")
    long["series"] = long["series"].astype(str)
    long["said"] = [
        described([(label_title, label), (series_title, series), (value_title, number(value, lang))], lang)
        for label, series, value in zip(long["label"], long["series"], long["value"], strict=True)
    ]
    return (
        alt.Chart(long)
        .mark_bar(ariaRoleDescription=t("chart_bar", lang))
        .encode(
            y=alt.Y("label:N", title=None, sort=list(table.index), axis=_axis(label_title, lang, labelLimit=label_px)),
            x=alt.X("value:Q", title=value_title, axis=_axis(value_title, lang)),
            yOffset=alt.YOffset("series:N", sort=[str(c) for c in table.columns]),
            color=alt.Color(
                "series:N",
                title=None,
                sort=[str(c) for c in table.columns],
                # Vega names a legend in English (aria off); one series is named by the chart's own title
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0, aria=False) if table.shape[1] > 1 else None,
            ),
            tooltip=[
                alt.Tooltip("label:N", title=label_title),
                alt.Tooltip("series:N", title=series_title),
                alt.Tooltip("value:Q", title=value_title, format=value_format),
            ],
            description=alt.Description("said:N"),
        )
        # The height is the bars' own: Streamlit's default autosize ("fit") squeezed the axis and the legend
        # into it, so a chart of 2-5 bars drew them 3-6 px high with their labels on top of each other.
        .properties(description=description, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    )


def _axis(title: str, lang: str, **options) -> alt.Axis:
    """An axis whose screen-reader text is ours (Vega's says "X-axis titled … for a linear scale …" in English)."""
    return alt.Axis(description=t("chart_axis", lang, title=title), **options)


def _bar(title: str, table: pd.DataFrame, titles: tuple[str, str, str], lang: str, **options) -> bool:
    """A chart under its title, or a note when there is nothing to draw; whether a chart was drawn."""
    st.markdown(f"**{title}**")
    if table.empty:
        st.caption(t("no_results", lang))
        return False
    st.altair_chart(bar_chart(table, titles, title, lang, **options), width="stretch")
    return True


def _status_label(code: object, lang: str) -> str:
    """A status's label; an enterprise has none."""
    return label(STATUSES, code, lang) if isinstance(code, str) and code else t("chart_no_status", lang)


def charts(result: pd.DataFrame, lang: str) -> None:
    """Bar charts of the filtered items, one report year beside the next; then the amounts, one kind per chart."""
    count = t("count", lang)
    left, right = st.columns(2)
    with left:
        years = data.dataset().years
        sectors = by_year(result, "category", lambda c: label(CATEGORIES, c, lang), years)
        _bar(t("by_category", lang), sectors, (t("d_category", lang), t("year", lang), count), lang)
        statuses = by_year(result, "status", lambda s: _status_label(s, lang), years)
        _bar(t("by_status", lang), statuses, (t("d_status", lang), t("year", lang), count), lang)
    with right:
        township_chart(result, lang)
    amount_charts(invest_rows(result, data.projects()), lang)


def township_chart(result: pd.DataFrame, lang: str) -> None:
    """Every township (zeros included), most items first; items with no township counted in a line apart."""
    towns = township_counts(result, township_names(), data.dataset().years)
    towns.index = [township_label(name, lang) for name in towns.index]
    titles = (t("d_townships", lang), t("year", lang), t("count", lang))
    st.markdown(f"**{t('by_township', lang)}**")
    st.altair_chart(
        bar_chart(towns, titles, t("by_township", lang), lang).properties(height=ROW_PX * len(towns)),
        width="stretch",
    )
    apart = unplaced_counts(result)
    if apart:
        parts = [t("unplaced_part", lang, what=label(PRECISIONS, code, lang), n=n) for code, n in apart.items()]
        st.caption(t("unplaced_note", lang, parts=join_labels(parts, lang)))


def _row_label(row: pd.Series, names: dict[str, str], lang: str) -> str:
    """A sector, or a county-wide item by name (its own row, never folded into a sector)."""
    if row["wide"]:
        return t("wide_row", lang, name=names.get(row["row"], row["row"]))
    return label(CATEGORIES, row["row"], lang)


def amount_charts(rows: pd.DataFrame, lang: str) -> None:
    """One chart per kind of amount (and report year), each on its own axis; a lower bound reads 以上 / at least.

    Each bar's label carries its figure as the app writes it, so 以上 stands
    where the report says it.
    """
    st.subheader(t("by_category_invest", lang))
    if rows.empty:
        st.caption(t("no_results", lang))
        return
    projects = data.projects()
    names = dict(zip(projects["id"], item_names(projects, lang), strict=True))
    titles = (t("d_category", lang), t("invest_kind", lang), t("invest_axis", lang))
    for (kind, year), group in rows.groupby(["kind", "year"], sort=False):
        title = f"{kind_label(kind, lang)} {year}".strip()
        labels = [
            labelled(_row_label(row, names, lang), amount(row["yi"], lang, "at_least" if row["floor"] else ""), lang)
            for _, row in group.iterrows()
        ]
        table = pd.DataFrame({title: group["yi"].to_numpy()}, index=labels)
        st.markdown(f"**{title}**")
        chart = bar_chart(table, titles, title, lang, value_format=",.4~g", label_px=AMOUNT_LABEL_PX)
        chart = chart.properties(height=ROW_PX * max(len(table), 2))
        st.altair_chart(chart, width="stretch")
    st.caption(t("invest_chart_note", lang))
