"""Sidebar filter widgets, drawn from the filter specs (:data:`countymap.core.filters.FIELDS`) and kept in the URL."""

from __future__ import annotations

import functools
from dataclasses import replace

import pandas as pd
import streamlit as st

from countymap.app import data, state
from countymap.app.control_names import name_buttons
from countymap.app.shell import describe_line, esc
from countymap.app.state import read_url
from countymap.core.filter_chips import Chip, chips, without
from countymap.core.filters import (
    FIELDS,
    QUERY_MAX_CHARS,
    FilterField,
    FilterState,
    county_wide_reaching,
    from_query_params,
)
from countymap.core.stats import describe
from countymap.text.escape import markdown_literal
from countymap.text.format import township_label
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
        state.put(widget_key(spec), _widget_value(spec, FilterState()))
        state.remember(widget_key(spec), _widget_value(spec, FilterState()))


def search_example(lang: str) -> dict[str, str] | None:
    """The shown county's first township as a search example (``zh`` and ``latin``), None without townships.

    On a Chinese page the pinyin is written as a reader types it (lower case): a
    capitalised name reads as an English word there.
    """
    towns = next(spec for spec in FIELDS if spec.attr == "townships").vocabulary(data.dataset())
    if not towns:
        return None
    latin = township_label(towns[0], "en", short=True)
    return {"zh": township_label(towns[0], "zh", short=True), "latin": latin.lower() if lang == "zh" else latin}


def query_placeholder(lang: str) -> str:
    """The search box's example: the shown county's first township (both scripts) and a kind of work."""
    example = search_example(lang)
    return t("f_query_placeholder", lang, **example) if example else t("f_query_placeholder_plain", lang)


def _remove(filters: FilterState, chip: Chip) -> None:
    """Remove one chip's value from its widget (a button callback, so it runs before the widgets are drawn)."""
    spec = next(spec for spec in FIELDS if spec.attr == chip.attr)
    value = _widget_value(spec, without(filters, chip))
    state.put(widget_key(spec), value)
    state.remember(widget_key(spec), value)


def filter_chips(filters: FilterState, lang: str, where=None, tail: str | None = None) -> None:
    """The active filters as removable chips (one per value, from the filter specs), then "clear all" when ≥ 2.

    Nothing is drawn when nothing is filtered. Clicking a chip removes its
    value; the widgets and the link follow on the rerun. ``tail``: trusted HTML
    (its data escaped) ending the row, e.g. the link to a search's results.
    """
    found = chips(filters, lang)
    if not found:
        return
    row = (where or st).container(horizontal=True, gap="small", vertical_alignment="center", key="cm_chips")
    with row:
        st.html(f'<span class="cm-chips-label">{esc(t("chips_label", lang))}</span>', width="content")
        keys = [f"cm_chip_{chip.attr}_{n}" for n, chip in enumerate(found)]
        name_buttons({key: t("chip_name", lang, v=chip.text) for key, chip in zip(keys, found, strict=True)})
        for key, chip in zip(keys, found, strict=True):
            st.button(
                t("chip", lang, v=markdown_literal(chip.text)),
                key=key,
                help=t("chip_help", lang, v=markdown_literal(chip.text)),
                on_click=_remove,
                args=(filters, chip),
            )
        if len(found) >= 2:
            st.button(t("chips_clear", lang), key="cm_chips_clear", on_click=_clear, type="tertiary")
        if tail:
            st.html(tail, width="content")


def _widget(spec: FilterField, lang: str, where) -> object:
    """Draw one filter's widget; its value as the widget holds it (a list for a multi-choice)."""
    key, title = widget_key(spec), t(spec.label_key, lang)
    if spec.kind == "list":
        help_text = t(HELP_KEYS[spec.attr], lang) if spec.attr in HELP_KEYS else None
        return where.multiselect(
            title,
            spec.vocabulary(data.dataset()),
            key=key,
            format_func=lambda code: spec.option_label(code, lang),
            placeholder=t("all", lang),
            help=help_text,
        )
    if spec.kind == "number":
        return where.number_input(title, min_value=0.0, value=None, step=0.1, key=key)
    if spec.kind == "flag":
        return where.toggle(title, key=key)
    return where.text_input(
        title,
        key=key,
        placeholder=query_placeholder(lang),
        max_chars=QUERY_MAX_CHARS,
        label_visibility="collapsed",
    )


def _bind_widgets(lang: str, search_where, hidden: frozenset[str], from_url: FilterState, panel) -> FilterState:
    """Bind every filter to its widget in ``panel``, the session and the link (:func:`countymap.app.state.bind_filter`)."""
    values: dict[str, object] = {}
    columns: list = []  # the two investment bounds sit side by side, where the first one comes
    for spec in FIELDS:
        shown = spec.attr not in hidden
        if spec.kind == "text":
            where = search_where
        elif spec.kind == "number" and shown:
            columns = columns or list(panel.columns(2))
            where = columns.pop(0)
        else:
            where = panel
        draw = functools.partial(_widget, spec, lang, where)
        value = state.bind_filter(spec, widget_key(spec), _widget_value(spec, from_url), draw, shown=shown)
        if shown:
            values[spec.attr] = tuple(value) if spec.kind == "list" else value
    return FilterState(**values)  # type: ignore[arg-type]


def sidebar_filters(lang: str, search_where=None, hidden: frozenset[str] = frozenset(), panel=None) -> FilterState:
    """Draw the filters and return the state they describe.

    The search box goes where the page wants it (``search_where``, in the main
    area, so a phone shows it above the map); the rest sits in the sidebar, or
    in ``panel`` (presenter mode's drawer: the same widgets, the sidebar hidden).
    Fields in ``hidden`` (attributes) are not drawn and not applied here; their
    values are kept for the pages that show them. The URL is updated to match,
    so the address bar always holds a link to this view.
    """
    if state.moved("filters", "sidebar" if panel is None else "drawer"):  # presenter mode on or off
        for spec in FIELDS:
            state.reseed(widget_key(spec))
    if panel is None:
        panel = st.sidebar
        panel.header(t("filters", lang))
    chosen = _bind_widgets(
        lang,
        search_where if search_where is not None else st,
        hidden,
        from_query_params(read_url(), data.dataset()),
        panel,
    )
    if chosen.has_invest_bound:
        panel.caption(t("f_invest_note", lang))
    panel.button(t("f_reset", lang), on_click=_clear, disabled=chosen.is_default)
    return chosen


def filtered(lang: str, township: str | None = None, search_where=None, panel=None) -> tuple[FilterState, pd.DataFrame]:
    """The filters applied to the projects table, with the sentence stating them.

    ``township`` (the township page) owns the township choice: the sidebar's
    township filter is hidden there (and kept for the other pages);
    ``search_where`` is where the search box goes (default: here, in the main area);
    ``panel`` holds the other filters (default: the sidebar).
    """
    hidden = frozenset({"townships"}) if township else frozenset()
    filters = sidebar_filters(lang, search_where, hidden, panel)
    if township:
        filters = replace(filters, townships=(township,))
    result = data.dataset().rows(filters)
    wide = county_wide_reaching(data.projects(), filters)
    describe_line(describe(filters, result, lang, wide=len(wide)), len(result))
    return filters, result
