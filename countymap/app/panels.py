"""Panels several pages share: the KPI row, an item's details, the report's words, lists of items."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from countymap.app import data
from countymap.app.shell import esc, html_block
from countymap.app.url_state import remember, seed, set_param
from countymap.core import report
from countymap.core.placement import undrawn
from countymap.core.schema import CATEGORIES, PRECISIONS, STATUSES, label
from countymap.text.format import amount, amount_with_kind, item_name, item_names, quantity, townships_text
from countymap.text.strings import t


def kpi_row(sums: dict, lang: str) -> None:
    """Counts, disclosed investment and status split of the filtered items."""
    cols = st.columns(4)
    cols[0].metric(t("kpi_count", lang), sums["count"])
    cols[1].metric(t("kpi_disclosed", lang), sums["disclosed_count"])
    total = amount(sums["disclosed_sum_yi"], lang) if sums["disclosed_count"] else t("none", lang)
    cols[2].metric(t("kpi_sum", lang), total, help=t("kpi_sum_help", lang))
    split = " / ".join(f"{label(STATUSES, code, lang)} {n}" for code, n in sums["by_status"].items() if n)
    # A status split is too long for a metric tile on a phone: plain small text.
    cols[3].caption(f"{t('d_status', lang)}  \n{split or t('none', lang)}")


def detail_rows(row: pd.Series, lang: str) -> list[tuple[str, str]]:
    """The labelled facts of one item, in reading order (empty values left out)."""
    section = row.get("source_section") or ""
    rows = [
        (t("d_category", lang), label(CATEGORIES, row["category"], lang)),
        (t("d_status", lang), label(STATUSES, row["status"], lang)),
        (t("d_years", lang), " / ".join(row.get("years") or ())),
        (t("d_townships", lang), townships_text(row.get("townships") or (), row["precision"], lang)),
        (t("d_investment", lang), amount_with_kind(row.get("investment_yi"), row.get("investment_kind") or "", lang)),
        (t("d_quantity", lang), quantity(row.get("quantity"), row.get("quantity_unit") or "", lang)),
        (t("d_precision", lang), label(PRECISIONS, row["precision"], lang)),
        (t("d_source", lang), t("d_source_value", lang, section=section.replace("|", "、"))),
    ]
    return [(key, value) for key, value in rows if value]


def detail_panel(row: pd.Series, lang: str) -> None:
    """Everything we know about one item, then the report's own words if available."""
    other = row["name_zh"] if lang == "en" else row.get("name_en", "")
    table = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in detail_rows(row, lang))
    summary = row.get("summary_en") if lang == "en" else row.get("summary_zh")
    html_block(
        f'<div class="cm-detail"><h3 style="margin-bottom:0">{esc(item_name(row, lang))}</h3>'
        f'<div style="color:#666">{esc(other)}</div>'
        f'<table style="margin-top:0.5rem;font-size:0.9rem">{table}</table>'
        f"<p><b>{esc(t('d_summary', lang))}</b>：{esc(summary)}</p></div>"
    )
    passages(row.get("source_spans") or (), lang)


def passages(spans: tuple[tuple[int, int], ...], lang: str) -> None:
    """Quote the report at each span, or say that the text is not loaded."""
    text = data.report_text()
    if text is None:
        st.caption(t("d_no_report", lang))
        return
    quotes = [report.passage(text, start, end) for start, end in spans]
    body = "".join(f"<blockquote>{esc(q)}</blockquote>" for q in quotes if q)
    if body:
        html_block(f'<div class="cm-passage"><b>{esc(t("d_passage", lang))}</b>{body}</div>')


def item_list(items: pd.DataFrame, lang: str, key: str) -> str | None:
    """A compact, clickable list of items (name, sector, years, status, amount); returns the clicked id.

    Streamlit escapes the cells itself.
    """
    frame = pd.DataFrame(
        {
            t("col_name", lang): item_names(items, lang),
            t("d_category", lang): [label(CATEGORIES, c, lang) for c in items["category"]],
            t("d_years", lang): [" / ".join(y) for y in items["years"]],
            t("d_status", lang): [label(STATUSES, s, lang) for s in items["status"]],
            t("d_investment", lang): [amount(v, lang) for v in items["investment_yi"]],
        }
    )
    event = st.dataframe(
        frame, hide_index=True, width="stretch", key=key, on_select="rerun", selection_mode="single-row"
    )
    rows = event.selection.rows if event else []
    return str(items["id"].iloc[rows[0]]) if rows else None


def undrawn_list(result: pd.DataFrame, lang: str) -> str | None:
    """Items the map cannot draw (county-wide, or place unknown), listed under the map; returns a clicked id."""
    wide = undrawn(result, data.geodata()) if len(result) else result
    with st.expander(f"{t('county_wide', lang)} · {len(wide)}", expanded=False):
        if wide.empty:
            st.caption(t("county_wide_none", lang))
            return None
        return item_list(wide, lang, key="undrawn_list")


def project_picker(result: pd.DataFrame, lang: str, selected: str | None) -> str | None:
    """A select box of the filtered items; the map click pre-selects it. Returns the id."""
    ids = ["", *result["id"]]
    names = dict(zip(result["id"], item_names(result, lang), strict=True))
    seed("sel", selected if selected in names else "")
    if st.session_state.get("sel") not in ids:
        st.session_state["sel"] = ""
    choice = st.selectbox(
        t("select_project", lang), ids, key="sel", format_func=lambda i: names.get(i) or t("select_none", lang)
    )
    remember("sel", choice)
    set_param("sel", choice or None)
    return choice or None
