"""The township page: pick a township, show its seat, items and the report's mentions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from countymap.app import map_view as ui_map
from countymap.app import shell as ui
from countymap.core import report as report_mod
from countymap.core.filters import TOWNSHIP_NAMES
from countymap.core.schema import STATUSES, label
from countymap.text.strings import format_yi, t, township_label

SEAT_ZOOM = 12


def township_picker(lang: str) -> str:
    """Select box of the 39 townships, mirrored in the URL as ``tw``."""
    from_url = ui.url_value("tw")
    ui.seed("tw", from_url if from_url in TOWNSHIP_NAMES else TOWNSHIP_NAMES[0])
    if st.session_state.get("tw") not in TOWNSHIP_NAMES:
        st.session_state["tw"] = TOWNSHIP_NAMES[0]
    choice = st.selectbox(
        t("pick_township", lang), TOWNSHIP_NAMES, key="tw", format_func=lambda n: township_label(n, lang)
    )
    ui.remember("tw", choice)
    ui.set_param("tw", choice)
    return choice


def seat_row(township: str) -> pd.Series | None:
    """The township's row of the geodata township table (seat lon/lat, source), if known."""
    bundle = ui.geodata()
    if bundle is None:
        return None
    frame = bundle.township_frame()
    match = frame[frame["name_zh"] == township]
    return None if match.empty else match.iloc[0]


def seat_map(township: str, result: pd.DataFrame, lang: str) -> None:
    """A small map centred on the seat (the map module draws seats and items)."""
    st.subheader(t("township_seat", lang))
    seat = seat_row(township)
    if seat is None or pd.isna(seat["lon"]) or pd.isna(seat["lat"]):
        st.caption(t("township_seat_unknown", lang))
        return
    st.caption(f"{float(seat['lat']):.4f}°N, {float(seat['lon']):.4f}°E")
    view = {"basemap": "none", "size_by": "count", "presenter": False}
    fmap = ui_map.build(result, lang, view, None)
    if fmap is None:
        return
    from streamlit_folium import st_folium

    st_folium(
        fmap,
        key="seat_map",
        returned_objects=[],
        height=320,
        use_container_width=True,
        center=(float(seat["lat"]), float(seat["lon"])),
        zoom=SEAT_ZOOM,
    )


def item_list(result: pd.DataFrame, lang: str) -> None:
    """The township's items as a compact table (Streamlit escapes the cells)."""
    if result.empty:
        st.info(t("no_results", lang))
        return
    frame = pd.DataFrame(
        {
            t("col_name", lang): [ui.item_name(r, lang) for _, r in result.iterrows()],
            t("d_status", lang): [label(STATUSES, s, lang) for s in result["status"]],
            t("d_years", lang): [" / ".join(y) for y in result["years"]],
            t("d_investment", lang): [format_yi(v, lang) for v in result["investment_yi"]],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def _names(township: str) -> list[str]:
    """The township's name as the report may write it: short form and former names."""
    seat = seat_row(township)
    short = township[:-2] if township.endswith("街道") else township[:-1]
    names = [short]
    if seat is not None:
        names += [a[:-2] if a.endswith("街道") else a[:-1] for a in seat["aliases"] if len(a) > 1]
    return list(dict.fromkeys(n for n in names if len(n) >= 2))


def report_mentions(township: str, lang: str) -> None:
    """Every sentence of the report naming the township, or a note that the text is absent."""
    st.subheader(t("township_mentions", lang))
    text = ui.report_text()
    if text is None:
        st.caption(t("d_no_report", lang))
        return
    spans = sorted({span for name in _names(township) for span in report_mod.mentions(text, name)})
    if not spans:
        st.caption(t("township_no_mentions", lang))
        return
    quotes = "".join(f"<blockquote>{ui.esc(report_mod.passage(text, s, e))}</blockquote>" for s, e in spans)
    ui.html_block(f'<div class="cm-passage">{quotes}</div>')
