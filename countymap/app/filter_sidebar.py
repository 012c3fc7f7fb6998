"""Sidebar filter widgets bound to :class:`~countymap.core.filters.FilterState` and the URL."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from countymap.app import shell as ui
from countymap.core.filters import (
    LIST_PARAMS,
    TOWNSHIP_NAMES,
    FilterState,
    apply_filters,
    describe,
    from_query_params,
    to_query_params,
)
from countymap.core.schema import CATEGORIES, PRECISIONS, STATUSES, YEARS, label
from countymap.text.strings import t, township_label

# widget key -> (FilterState field, label key, options, how an option is shown)
_MULTI = {
    "f_years": ("years", "f_years", YEARS, lambda v, lang: v),
    "f_categories": ("categories", "f_categories", tuple(CATEGORIES), lambda v, lang: label(CATEGORIES, v, lang)),
    "f_statuses": ("statuses", "f_statuses", tuple(STATUSES), lambda v, lang: label(STATUSES, v, lang)),
    "f_townships": ("townships", "f_townships", TOWNSHIP_NAMES, township_label),
    "f_precisions": ("precisions", "f_precisions", tuple(PRECISIONS), lambda v, lang: label(PRECISIONS, v, lang)),
}
WIDGET_KEYS = (*_MULTI, "f_invest_min", "f_invest_max", "f_query")
assert {field for field, *_ in _MULTI.values()} == set(LIST_PARAMS)


def _clear() -> None:
    """Reset every filter widget (a button callback, so it runs before the widgets)."""
    for key in _MULTI:
        st.session_state[key] = []
    st.session_state["f_invest_min"] = None
    st.session_state["f_invest_max"] = None
    st.session_state["f_query"] = ""


def _seed_all(url_state: FilterState) -> None:
    for key, (field, *_) in _MULTI.items():
        ui.seed(key, list(getattr(url_state, field)))
    ui.seed("f_invest_min", url_state.invest_min)
    ui.seed("f_invest_max", url_state.invest_max)
    ui.seed("f_query", url_state.query)


def _draw_widgets(lang: str) -> FilterState:
    values: dict[str, object] = {}
    for key, (field, label_key, options, show) in _MULTI.items():
        help_text = t("f_years_help", lang) if key == "f_years" else None
        chosen = st.multiselect(
            t(label_key, lang),
            options,
            key=key,
            format_func=lambda v, s=show: s(v, lang),
            placeholder=t("all", lang),
            help=help_text,
        )
        values[field] = tuple(chosen)
    low, high = st.columns(2)
    values["invest_min"] = low.number_input(
        t("f_invest_min", lang), min_value=0.0, value=None, step=0.1, key="f_invest_min"
    )
    values["invest_max"] = high.number_input(
        t("f_invest_max", lang), min_value=0.0, value=None, step=0.1, key="f_invest_max"
    )
    values["query"] = st.text_input(
        t("f_query", lang), key="f_query", placeholder=t("f_query_placeholder", lang), max_chars=100
    )
    return FilterState(**values)  # type: ignore[arg-type]


def sidebar_filters(lang: str) -> FilterState:
    """Draw the filters in the sidebar and return the state they describe.

    The URL is updated to match, so the address bar always holds a link to
    this view.
    """
    _seed_all(from_query_params(ui.read_url()))
    with st.sidebar:
        st.header(t("filters", lang))
        state = _draw_widgets(lang)
        if state.has_invest_bound:
            st.caption(t("f_invest_note", lang))
        st.button(t("f_reset", lang), on_click=_clear, disabled=state.is_default)
    for key in WIDGET_KEYS:
        ui.remember(key, st.session_state.get(key))
    params = to_query_params(state)
    for param in sorted(ui.PARAM_NAMES):
        ui.set_param(param, params.get(param))
    st.session_state["filter_state"] = state
    return state


def filtered(lang: str, township: str | None = None) -> tuple[FilterState, pd.DataFrame]:
    """Sidebar filters applied to the projects table, with the sentence stating them.

    ``township`` (the township page) replaces the sidebar's township choice.
    """
    state = sidebar_filters(lang)
    if township:
        state = replace(state, townships=(township,))
    result = apply_filters(ui.projects(), state)
    ui.describe_line(describe(state, result, lang))
    return state, result
