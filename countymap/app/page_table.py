"""The projects table page: a sortable table of the filtered items and its downloads.

The byte builders (:func:`csv_bytes`, :func:`geojson_bytes`, :func:`xlsx_bytes`)
do not touch Streamlit, so they are tested directly.
"""

from __future__ import annotations

import io
import json
import math

import pandas as pd
import streamlit as st

from countymap.app import shell as ui
from countymap.core.schema import CATEGORIES, MULTI_SEP, PRECISIONS, PROJECTS, STATUSES, label
from countymap.text.strings import format_yi, t


def _cell(value: object) -> str:
    """One CSV cell in the schema's text form: lists ``|``-joined, spans ``a:b``, NaN empty."""
    if isinstance(value, tuple):
        return MULTI_SEP.join(f"{v[0]}:{v[1]}" if isinstance(v, tuple) else str(v) for v in value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def schema_frame(result: pd.DataFrame) -> pd.DataFrame:
    """The filtered rows back in the schema's columns and text form (as in ``projects.csv``)."""
    columns = [c for c in PROJECTS.columns if c in result.columns]
    return pd.DataFrame({c: [_cell(v) for v in result[c]] for c in columns}, columns=columns)


def csv_bytes(result: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel on Windows opens the Chinese text correctly."""
    return schema_frame(result).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def xlsx_bytes(result: pd.DataFrame) -> bytes:
    """An Excel workbook of the same rows (openpyxl)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        schema_frame(result).to_excel(writer, index=False, sheet_name="projects")
    return buffer.getvalue()


def _geometries(result: pd.DataFrame, geodata) -> dict[str, tuple[dict | None, str, str]]:
    """Item id -> (GeoJSON geometry, drawn precision, note), as the map draws them."""
    if geodata is None or result.empty:
        return {}
    try:
        from countymap.core.placement import place_projects
    except ImportError:
        return {}
    placed = place_projects(result, geodata.places, geodata.township_frame(), geodata.routes)
    return {row.id: (row.geometry, row.drawn_precision, row.note) for row in placed.itertuples(index=False)}


def geojson_bytes(result: pd.DataFrame, geodata) -> bytes:
    """A FeatureCollection, one feature per item; county-wide or unplaced items have null geometry."""
    where = _geometries(result, geodata)
    text_rows = schema_frame(result)
    features = []
    for (_, row), (_, text_row) in zip(result.iterrows(), text_rows.iterrows(), strict=True):
        geometry, drawn, note = where.get(row["id"], (None, "county", ""))
        props = text_row.to_dict()
        amount = row.get("investment_yi")
        props["investment_yi"] = None if amount is None or pd.isna(amount) else float(amount)
        props.update(drawn_precision=drawn, placement_note=note)
        features.append({"type": "Feature", "id": row["id"], "geometry": geometry, "properties": props})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


def display_frame(result: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Readable columns for the on-screen table; amounts both as text (未披露) and as numbers for sorting."""
    return pd.DataFrame(
        {
            t("col_name", lang): [ui.item_name(r, lang) for _, r in result.iterrows()],
            t("d_category", lang): [label(CATEGORIES, c, lang) for c in result["category"]],
            t("d_status", lang): [label(STATUSES, s, lang) for s in result["status"]],
            t("d_years", lang): [" / ".join(y) for y in result["years"]],
            t("d_townships", lang): [ui.townships_text(tuple(w), lang) for w in result["townships"]],
            t("col_invest_text", lang): [format_yi(v, lang) for v in result["investment_yi"]],
            t("col_invest_num", lang): pd.to_numeric(result["investment_yi"], errors="coerce").to_numpy(),
            t("col_quantity", lang): [ui.quantity_text(r) for _, r in result.iterrows()],
            t("d_precision", lang): [label(PRECISIONS, p, lang) for p in result["precision"]],
            "id": list(result["id"]),
        }
    )


def table(result: pd.DataFrame, lang: str) -> None:
    """The sortable table (Streamlit escapes cell text itself)."""
    numeric = t("col_invest_num", lang)
    st.dataframe(
        display_frame(result, lang),
        hide_index=True,
        width="stretch",
        column_config={numeric: st.column_config.NumberColumn(numeric, format="%.4g")},
    )


def downloads(result: pd.DataFrame, lang: str) -> None:
    """CSV (UTF-8 BOM), GeoJSON and Excel of exactly the rows shown."""
    cols = st.columns(3)
    cols[0].download_button(t("download_csv", lang), csv_bytes(result), "youyang-projects.csv", "text/csv")
    cols[1].download_button(
        t("download_geojson", lang),
        geojson_bytes(result, ui.geodata()),
        "youyang-projects.geojson",
        "application/geo+json",
    )
    cols[2].download_button(
        t("download_xlsx", lang),
        xlsx_bytes(result),
        "youyang-projects.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    st.caption(t("geojson_note", lang))
