"""The township page: pick a township, show its seat, items and the report's mentions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from countymap.app import data, map_view, panels, selection, state
from countymap.app.shell import esc, html_block
from countymap.app.state import url_value
from countymap.core import report
from countymap.core.filters import FilterState
from countymap.core.geodata import township_names
from countymap.core.stats import alone_and_shared, totals
from countymap.map.selection import Selection
from countymap.map.view import SETTING, View
from countymap.text.format import (
    bracketed,
    item_name,
    join_labels,
    row_amount,
    township_label,
    township_short,
    townships_text,
)
from countymap.text.strings import t

MAP_HEIGHT = 420


def township_picker(lang: str) -> str:
    """Select box of the 39 townships, mirrored in the URL as ``tw``."""
    names, spec = township_names(), SETTING["township"]
    item = url_value(selection.ITEM_KEY)
    if item and item not in set(data.dataset().table["id"]):  # a map click writes it; a link may not invent it
        state.set_param(selection.ITEM_KEY, None)
    return state.bind(
        spec.param,
        spec.param,
        url_value(spec.param),
        lambda name: name,  # always in the link: this page is about one township
        draw=lambda: st.selectbox(
            t("pick_township", lang), names, key=spec.param, format_func=lambda n: township_label(n, lang)
        ),
        allowed=names,
        default=names[0],
    )


def seat_row(township: str) -> pd.Series:
    """The township's row of the seats table (seat lon/lat, aliases, source)."""
    seats = data.geodata().seats
    return seats[seats["name_zh"] == township].iloc[0]


def township_map(township: str, filters: FilterState, lang: str) -> None:
    """A map zoomed to the township's approximate area, with its items; a click selects one."""
    st.subheader(t("township_map", lang))
    area = data.geodata().area_of[township]
    st.caption(t("township_map_note", lang))
    view = View(lang=lang, township=township)
    fmap = map_view.map_or_notice(filters, view)
    if fmap is None:
        return
    clicked = map_view.show(
        fmap, view, Selection(None, (area,)), key="township_map", height=MAP_HEIGHT, returned=map_view.CLICK_ONLY
    )
    if clicked and clicked[0] == "item":
        selection.request(*clicked)


def report_names(township: str) -> list[str]:
    """The township's name as the report may write it: short form and former names."""
    names = [township_short(township), *(township_short(a) for a in seat_row(township)["aliases"])]
    return list(dict.fromkeys(n for n in names if len(n) >= 2))


def report_mentions(township: str, lang: str) -> None:
    """Every sentence of the report naming the township, or a note that the text is absent."""
    st.subheader(t("township_mentions", lang))
    text = data.report_text()
    if text is None:
        panels.no_report_note(lang)
        return
    others = data.namesakes().get(township, ())
    phrases = tuple(phrase for phrase, _, _ in others)
    found = {span for name in report_names(township) for span in report.mentions(text, name, namesakes=phrases)}
    if found:
        quotes = "".join(f"<blockquote>{esc(report.passage(text, s, e))}</blockquote>" for s, e in sorted(found))
        html_block(f'<div class="cm-passage">{quotes}</div>')
    else:
        st.caption(t("township_no_mentions", lang))
    if others:
        named = join_labels(
            [bracketed(phrase, what_en if lang == "en" else what_zh, lang) for phrase, what_zh, what_en in others], lang
        )
        st.caption(t("township_namesakes", lang, names=named))


def selected_item(result: pd.DataFrame) -> pd.Series | None:
    """The item picked on this page's map or list, if it is one of the township's items."""
    item = state.get(selection.ITEM_KEY) or url_value(selection.ITEM_KEY)
    rows = result[result["id"] == item] if item else result.iloc[0:0]
    return rows.iloc[0] if len(rows) else None


def township_totals(township: str, result: pd.DataFrame, lang: str) -> None:
    """The township's counts and amounts: an amount shared with other townships is shown whole, apart.

    Sums take only the items of this township alone, so an expressway through
    four townships is never counted as this township's money (nor split).
    """
    everything = data.projects()
    alone, shared = alone_and_shared(result, township)
    sums = {**totals(result, everything), "by_kind": totals(alone, everything)["by_kind"]}
    panels.kpi_line(sums, lang, key="township_kpi")
    if len(shared):
        lines = [
            t(
                "shared_amount",
                lang,
                name=item_name(row, lang),
                v=row_amount(row, lang),
                towns=townships_text(row["townships"], row["precision"], lang),
            )
            for _, row in shared.iterrows()
        ]
        st.caption(t("shared_amounts", lang, items=join_labels(lines, lang)))
