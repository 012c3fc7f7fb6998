"""The projects table page: a sortable table of the filtered items and its downloads."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from countymap.app import data, selection, state
from countymap.app.downloads import download_button
from countymap.core.downloads import csv_bytes, geojson_bytes, geopackage_bytes
from countymap.core.filters import FilterState
from countymap.core.workbook import export_name, planner_xlsx, report_identity
from countymap.schema import CATEGORIES, ITEM_KINDS, PRECISIONS, STATUSES, label
from countymap.text.format import item_names, quantity, row_amounts, townships_text
from countymap.text.strings import t


def sortable_amounts(result: pd.DataFrame) -> bool:
    """Whether every row has a disclosed amount, so that a number column (for sorting) has no blank cell.

    Streamlit's grid writes a missing number as "None", in English, whatever
    the page's language; 未披露 can only stand in a text column.
    """
    return bool(len(result)) and bool(pd.to_numeric(result["investment_yi"], errors="coerce").notna().all())


def display_frame(result: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Readable columns for the on-screen table, every cell a word in ``lang`` (未披露 and — for unknown and none).

    Amounts are text (``2620万元（总投资）``); when every row has one, a column of
    the figures in 亿元 is added so that the table sorts by amount.
    """
    frame = pd.DataFrame(
        {
            t("col_name", lang): item_names(result, lang),
            t("d_category", lang): [label(CATEGORIES, c, lang) for c in result["category"]],
            t("d_item_kind", lang): [label(ITEM_KINDS, k, lang) for k in result["item_kind"]],
            t("d_status", lang): [label(STATUSES, s, lang) if s else t("none", lang) for s in result["status"]],
            t("d_years", lang): [" / ".join(y) for y in result["years"]],
            t("d_townships", lang): [
                townships_text(w, p, lang) for w, p in zip(result["townships"], result["precision"], strict=True)
            ],
            t("col_invest_text", lang): row_amounts(result, lang),
            t("col_quantity", lang): [
                quantity(v, u, lang) or t("none", lang)
                for v, u in zip(result["quantity"], result["quantity_unit"], strict=True)
            ],
            t("d_precision", lang): [label(PRECISIONS, p, lang) for p in result["precision"]],
        }
    )
    if sortable_amounts(result):
        figures = pd.to_numeric(result["investment_yi"], errors="coerce").to_numpy()
        frame.insert(frame.columns.get_loc(t("col_invest_text", lang)) + 1, t("col_invest_num", lang), figures)
    return frame


def table(result: pd.DataFrame, lang: str) -> None:
    """The sortable table (Streamlit escapes cell text itself); a row opens its item on the map."""
    if result.empty:
        return
    numeric = t("col_invest_num", lang)
    if not sortable_amounts(result):
        st.caption(t("sort_by_amount_hint", lang, switch=t("f_disclosed", lang)))
    st.caption(t("table_opens_map", lang))
    event = st.dataframe(
        display_frame(result, lang),
        hide_index=True,
        width="stretch",
        column_config={numeric: st.column_config.NumberColumn(numeric, format="%.4g")},
        key="projects_table",
        on_select="rerun",
        selection_mode="single-row",
    )
    rows = event.selection.rows if event else []
    if rows:
        state.pop("projects_table")  # coming back, the table shows no stale choice
        selection.open_on_map(str(result["id"].iloc[rows[0]]))


def downloads(result: pd.DataFrame, filters: FilterState, lang: str) -> None:
    """CSV (codes, UTF-8 BOM), GeoJSON, Excel (labels, numbers) and GeoPackage of exactly the rows shown, named by the filter.

    Each file is written only when its button is clicked (off the script
    thread): the Excel file of 20,000 items takes seconds, and no rerun waits for it.
    A click reruns nothing (:mod:`countymap.app.downloads` says why).
    """
    dataset = data.dataset()
    everything, identity = dataset.table, report_identity(dataset.county, dataset.edition, lang)
    county = str(identity["county"])
    cols = st.columns(4)
    download_button(
        cols[0],
        t("download_csv", lang),
        lambda: csv_bytes(result),
        export_name(filters, lang, "csv", county),
        "text/csv",
        key="dl_csv",
    )
    download_button(
        cols[1],
        t("download_geojson", lang),
        lambda: geojson_bytes(dataset, result),
        export_name(filters, lang, "geojson", county),
        "application/geo+json",
        key="dl_geojson",
    )
    download_button(  # a GeoPackage takes a tenth of a second
        cols[3],
        t("download_gpkg", lang),
        lambda: geopackage_bytes(dataset, result),
        export_name(filters, lang, "gpkg", county),
        "application/geopackage+sqlite3",
        key="dl_gpkg",
    )
    download_button(
        cols[2],
        t("download_xlsx", lang),
        lambda: planner_xlsx(result, filters, lang, everything, identity=identity),
        export_name(filters, lang, "xlsx", county),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_xlsx",
    )
    st.caption(t("csv_note", lang))
    st.caption(t("geojson_note", lang))
