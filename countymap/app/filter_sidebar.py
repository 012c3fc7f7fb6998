"""Sidebar filter widgets, drawn from the filter specs (:data:`countymap.core.filters.FIELDS`) and kept in the URL."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from countymap.app import data
from countymap.app.shell import describe_line
from countymap.app.url_state import keep_undrawn, read_url, remember, seed, set_param
from countymap.core.filters import (
    FIELDS,
    QUERY_MAX_CHARS,
    FilterField,
    FilterState,
    apply_filters,
    county_wide_reaching,
    from_query_params,
    to_query_params,
)
from countymap.core.stats import describe
from countymap.text.strings import t

HELP_KEYS = {"years": "f_years_help"}


def widget_key(spec: FilterField) -> str:
    """Session key of a filter's widget (language-independent, stable)."""
    return f"f_{spec.attr}"


def _widget_value(spec: FilterField, state: FilterState) -> object:
    value = getattr(state, spec.attr)
    return list(value) if spec.kind == "list" else value


def _clear() -> None:
    """Reset every filter (a button callback, so it runs before the widgets), also those this page hides."""
    for spec in FIELDS:
        st.session_state[widget_key(spec)] = _widget_value(spec, FilterState())
        remember(widget_key(spec), _widget_value(spec, FilterState()))


def _seed_all(url_state: FilterState, hidden: frozenset[str]) -> None:
    for spec in FIELDS:
        if spec.attr in hidden:
            keep_undrawn(widget_key(spec), _widget_value(spec, url_state))
        else:
            seed(widget_key(spec), _widget_value(spec, url_state))


def _widget(spec: FilterField, lang: str, where) -> object:
    key, title = widget_key(spec), t(spec.label_key, lang)
    if spec.kind == "list":
        help_text = t(HELP_KEYS[spec.attr], lang) if spec.attr in HELP_KEYS else None
        chosen = where.multiselect(
            title,
            spec.vocabulary(),
            key=key,
            format_func=lambda code: spec.option_label(code, lang),
            placeholder=t("all", lang),
            help=help_text,
        )
        return tuple(chosen)
    if spec.kind == "number":
        return where.number_input(title, min_value=0.0, value=None, step=0.1, key=key)
    if spec.kind == "flag":
        return where.toggle(title, key=key)
    return where.text_input(
        title,
        key=key,
        placeholder=t("f_query_placeholder", lang),
        max_chars=QUERY_MAX_CHARS,
        label_visibility="collapsed",
    )


def _draw_widgets(lang: str, search_where, hidden: frozenset[str]) -> FilterState:
    values: dict[str, object] = {}
    columns: list = []  # the two investment bounds sit side by side, where the first one comes
    for spec in FIELDS:
        if spec.attr in hidden:
            continue
        if spec.kind == "text":
            values[spec.attr] = _widget(spec, lang, search_where)
            continue
        if spec.kind == "number":
            columns = columns or list(st.sidebar.columns(2))
            where = columns.pop(0)
        else:
            where = st.sidebar
        values[spec.attr] = _widget(spec, lang, where)
    return FilterState(**values)  # type: ignore[arg-type]


def sidebar_filters(lang: str, search_where=None, hidden: frozenset[str] = frozenset()) -> FilterState:
    """Draw the filters and return the state they describe.

    The search box goes where the page wants it (``search_where``, in the main
    area, so a phone shows it above the map); the rest sits in the sidebar.
    Fields in ``hidden`` (attributes) are not drawn and not applied here; their
    values are kept for the pages that show them. The URL is updated to match,
    so the address bar always holds a link to this view.
    """
    _seed_all(from_query_params(read_url()), hidden)
    st.sidebar.header(t("filters", lang))
    state = _draw_widgets(lang, search_where if search_where is not None else st, hidden)
    if state.has_invest_bound:
        st.sidebar.caption(t("f_invest_note", lang))
    st.sidebar.button(t("f_reset", lang), on_click=_clear, disabled=state.is_default)
    for spec in FIELDS:
        if spec.attr not in hidden:
            remember(widget_key(spec), st.session_state.get(widget_key(spec)))
    params = to_query_params(state)
    for spec in FIELDS:
        set_param(spec.param, params.get(spec.param))
    return state


def filtered(lang: str, township: str | None = None, search_where=None) -> tuple[FilterState, pd.DataFrame]:
    """The filters applied to the projects table, with the sentence stating them.

    ``township`` (the township page) owns the township choice: the sidebar's
    township filter is hidden there (and kept for the other pages);
    ``search_where`` is where the search box goes (default: here, in the main area).
    """
    hidden = frozenset({"townships"}) if township else frozenset()
    state = sidebar_filters(lang, search_where, hidden)
    if township:
        state = replace(state, townships=(township,))
    result = apply_filters(data.projects(), state)
    wide = county_wide_reaching(data.projects(), state)
    describe_line(describe(state, result, lang, wide=len(wide)), len(result))
    return state, result
