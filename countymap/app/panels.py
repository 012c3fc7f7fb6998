"""Panels several pages share: the KPI row, an item's details, the report's words, lists of items."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from countymap.app import data, filter_sidebar, living_panels, selection, state
from countymap.app.shell import esc, html_block
from countymap.core import report
from countymap.core.filters import FilterState
from countymap.core.stats import totals
from countymap.map.view import SETTING, Choices
from countymap.schema import CATEGORIES, ITEM_KINDS, PRECISION_MEANINGS, PRECISIONS, STATUSES, label
from countymap.text.format import (
    amount,
    item_name,
    item_names,
    join_labels,
    kind_label,
    labelled,
    quantity,
    report_section,
    row_amount,
    row_amounts,
    township_labels,
    townships_text,
)
from countymap.text.strings import t, tn

LIST_NAME_WIDTH = 200  # px: a long name is cut here, so status and year stay in view on a phone
RESULTS_ANCHOR = "cm-search-results"  # the search results' heading, the target of the link over the map
SHORT_NAME_WIDTH = 150  # px: name and size fit the 264-px column beside the map at 1440 px


def kpi_line(sums: dict, lang: str, key: str = "kpi") -> None:
    """One compact line: the statuses, then a button that opens one sum per kind of amount.

    Kinds are never added together, so they are listed one under the other in
    the popover, never as one total. The number of items, and the county-wide
    items that reach a filtered township, are in the filter sentence just above
    the line (said once, there: it is the line a phone shows). With no item
    there is nothing to break down, so no line: a lone dash or 0 answers nothing.
    """
    if not sums["count"]:
        return
    chips = [
        f'<span class="cm-kpi-status">{esc(label(STATUSES, code, lang))} {n}</span>'
        for code, n in sums["by_status"].items()
        if n
    ]
    line = st.container(horizontal=True, vertical_alignment="center", gap="small", key=f"cm_{key}")
    with line:
        html_block(f'<div class="cm-kpi">{" · ".join(chips) or esc(t("none", lang))}</div>')
        if sums["by_kind"]:
            with st.popover(t("kpi_amounts", lang, n=len(sums["by_kind"]))):
                for kind in sums["by_kind"]:
                    # Amounts that may overlap add up to no floor: the sum is only the stated figures added.
                    floor = kind.lower_bound and not kind.may_overlap
                    figure = amount(kind.total_yi, lang, "at_least" if floor else "")
                    name = kind_label(kind.kind, lang)
                    name = f"{kind.year} {name}" if kind.year else name
                    words = tn("kpi_kind", lang, kind.items, kind=name, v=figure)
                    if kind.may_overlap:
                        words += " " + t("kpi_may_overlap", lang)
                    html_block(f'<div class="cm-kpi-amount" data-kind="{esc(kind.kind)}">{esc(words)}</div>')
                st.caption(t("kpi_amounts_note", lang))


def precision_text(code: str, lang: str) -> str:
    """A precision's label; a township guessed from the name also says what that means (it is no finding)."""
    name = label(PRECISIONS, code, lang)
    return labelled(name, label(PRECISION_MEANINGS, code, lang), lang) if code == "inferred" else name


def detail_rows(row: pd.Series, lang: str, year: int) -> list[tuple[str, str]]:
    """The labelled facts of one item, in reading order (empty values left out); ``year``: its report's."""
    section = report_section(row.get("source_section") or "", lang)
    rows = [
        (t("d_category", lang), label(CATEGORIES, row["category"], lang)),
        (
            t("d_status", lang),
            label(STATUSES, row["status"], lang) if row["status"] else t("status_not_applicable", lang),
        ),
        (t("d_years", lang), " / ".join(row.get("years") or ())),
        (t("d_townships", lang), townships_text(row.get("townships") or (), row["precision"], lang)),
        (t("d_item_kind", lang), label(ITEM_KINDS, row.get("item_kind") or "", lang)),
        (t("d_investment", lang), row_amount(row, lang)),
        (t("d_quantity", lang), quantity(row.get("quantity"), row.get("quantity_unit") or "", lang)),
        (t("d_precision", lang), precision_text(row["precision"], lang)),
        (t("d_source", lang), t("d_source_value", lang, year=year, section=section)),
    ]
    return [(key, value) for key, value in rows if value]


def link_rows(row: pd.Series, names: dict[str, str], lang: str) -> list[tuple[str, str]]:
    """The programme an item is part of, and the items the report only suggests it relates to (``names``: id -> name)."""
    part = row.get("part_of") or ""
    related = [i for i in (row.get("related_to") or ()) if i]
    rows = [(t("d_part_of", lang), names.get(part, part))] if part else []
    if related:
        rows.append((t("d_related", lang), join_labels([names.get(i, i) for i in related], lang)))
    return rows


def _links(row: pd.Series, lang: str) -> list[tuple[str, str]]:
    if not (row.get("part_of") or row.get("related_to")):
        return []
    projects = data.projects()
    return link_rows(row, dict(zip(projects["id"], item_names(projects, lang), strict=True)), lang)


def detail_panel(row: pd.Series, lang: str) -> None:
    """Everything we know about one item, in the reader's language, then the report's own words if available.

    In English the report's Chinese name stands in brackets under the English
    one (to find it in the report's words below).
    """
    facts = detail_rows(row, lang, data.dataset().edition.year) + _links(row, lang)
    table = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts)
    summary = row.get("summary_en") if lang == "en" else row.get("summary_zh")
    name = item_name(row, lang)
    shown = lang == "en" and name != row["name_zh"]
    report_name = f'<div style="color:#666">({esc(row["name_zh"])})</div>' if shown else ""
    html_block(
        f'<div class="cm-detail"><h3 style="margin-bottom:0">{esc(name)}</h3>{report_name}'
        f'<table style="margin-top:0.5rem;font-size:0.9rem">{table}</table>'
        f"<p><b>{esc(t('d_summary', lang))}</b>{esc(labelled('', summary, lang))}</p></div>"  # "：" or ": "
    )
    passages(row.get("source_spans") or (), lang)
    living_panels.timeline(row, lang)


def no_report_note(lang: str) -> None:
    """Why the report's words are not shown: the text is not loaded, or the edition keeps none (published from a review)."""
    st.caption(t("d_no_report" if data.dataset().edition.report_sha256 else "d_no_report_published", lang))


def passages(spans: tuple[tuple[int, int], ...], lang: str) -> None:
    """Quote the report at each span, or say that the text is not loaded."""
    text = data.report_text()
    if text is None:
        no_report_note(lang)
        return
    quotes = [report.passage(text, start, end) for start, end in spans]
    body = "".join(f"<blockquote>{esc(q)}</blockquote>" for q in quotes if q)
    if body:
        html_block(f'<div class="cm-passage"><b>{esc(t("d_passage", lang))}</b>{body}</div>')


def item_list(
    items: pd.DataFrame,
    lang: str,
    key: str,
    reasons: list[str] | None = None,
    size_first: bool = False,
    status_first: bool = False,
) -> None:
    """A compact list of items (name, status, years, size, amount, sector); a row click selects the item.

    ``reasons`` (one per item) adds a column saying why an item is not on the map;
    ``size_first`` puts the size right after a shorter name (programmes: 50 公里 is the answer);
    ``status_first`` puts status and years before the name, so that a list in the
    narrow column beside the map shows them whatever its width (a name is cut anyway).
    Streamlit escapes the cells itself. No items: a note, not an empty grid
    (which would say "empty" in English whatever the language).
    """
    if items.empty:
        st.caption(t("no_results", lang))
        return
    name, status, years, size = t("col_name", lang), t("d_status", lang), t("d_years", lang), t("d_quantity", lang)
    frame = pd.DataFrame(
        {
            name: item_names(items, lang),
            status: [label(STATUSES, s, lang) if s else t("none", lang) for s in items["status"]],
            years: [" / ".join(y) for y in items["years"]],
            size: [
                quantity(v, u, lang) or t("none", lang)
                for v, u in zip(items["quantity"], items["quantity_unit"], strict=True)
            ],
            t("d_investment", lang): row_amounts(items, lang),
            t("d_category", lang): [label(CATEGORIES, c, lang) for c in items["category"]],
        }
    )
    if reasons is not None:
        frame.insert(1, t("undrawn_reason", lang), reasons)
    if size_first:
        frame.insert(1, size, frame.pop(size))
    if status_first:
        frame.insert(0, years, frame.pop(years))
        frame.insert(0, status, frame.pop(status))
    # A long name is cut (in full on hover and in the detail panel): what follows stays in view in a narrow column.
    widths = {name: SHORT_NAME_WIDTH if size_first else LIST_NAME_WIDTH, size: "small", status: "small", years: "small"}
    event = st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        column_config={column: st.column_config.TextColumn(column, width=w) for column, w in widths.items()},
    )
    rows = event.selection.rows if event else []
    if rows:
        chosen = str(items["id"].iloc[rows[0]])
        state.pop(key)  # the list forgets the click; the selection keeps it
        selection.request("item", chosen)


def undrawn_list(filters: FilterState, result: pd.DataFrame, reaching: pd.DataFrame, lang: str) -> None:
    """Items the map cannot draw (county-wide, or place not yet known), listed under it; a row selects one.

    ``reaching``: the county-wide items that reach the filtered townships, listed apart
    (:func:`county_wide_list`). With none of its own the list says where they are: a bare
    "no county-wide items" would contradict the list of them beside the map.
    """
    wide = data.dataset().undrawn(result)
    html_block(f'<h3 id="cm-undrawn" class="cm-list-title">{esc(t("county_wide", lang, n=len(wide)))}</h3>')
    if wide.empty and reaching.empty:
        st.caption(t("county_wide_none", lang))
        return
    if wide.empty:
        towns = township_labels(filters.townships, lang)
        st.caption(tn("county_wide_none_reaching", lang, len(reaching), towns=towns))
        return
    why = data.dataset().undrawn_reasons(wide)
    item_list(wide, lang, key="undrawn_list", reasons=[t(f"reason_{why[i]}", lang) for i in wide["id"]])


def search_results(filters: FilterState, result: pd.DataFrame, lang: str) -> None:
    """What a search found, as a list to open (never hidden in a select).

    Placed beside the map on a desk and under it on a phone (Streamlit stacks
    columns on a narrow screen).
    """
    query = filters.query.strip()
    if query and len(result):
        heading = esc(tn("search_results", lang, len(result), q=query))
        html_block(f'<p id="{RESULTS_ANCHOR}" class="cm-results-title"><b>{heading}</b></p>')
        item_list(result, lang, key="search_list", status_first=True)  # beside the map: a narrow column


def results_below_link(filters: FilterState, result: pd.DataFrame, lang: str) -> str | None:
    """HTML of a link to a search's results, for the row of filter chips; None without a search or results.

    The page's CSS shows it only where the list stands under the map (a phone, a tablet, a laptop
    with the sidebar open), where the results are out of sight below the map.
    """
    if not filters.query.strip() or result.empty:
        return None
    return f'<a class="cm-jump" href="#{RESULTS_ANCHOR}">{esc(tn("search_results_below", lang, len(result)))}</a>'


def nothing_found(filters: FilterState, lang: str) -> None:
    """No item matches: say so, and what to try (a search: other words; other filters: remove them), never a bare 0."""
    query = filters.query.strip()
    if not query:
        st.info(t("no_results", lang))
        return
    if not replace(filters, query="").is_default:
        advice = t("search_none_filters", lang)
    else:
        example = filter_sidebar.search_example(lang)
        advice = t("search_none_try", lang, **example) if example else t("search_none_try_plain", lang)
    st.info(t("search_none", lang, q=query) + " " + advice)


def county_wide_list(filters: FilterState, wide: pd.DataFrame, lang: str) -> None:
    """The county-wide items that reach the filtered townships (see :func:`countymap.core.filters.county_wide_reaching`), apart."""
    if wide.empty:
        return
    towns = township_labels(filters.townships, lang)
    html_block(f'<p class="cm-list-title"><b>{esc(tn("wide_reaching", lang, len(wide), towns=towns))}</b></p>')
    st.caption(t("wide_reaching_note", lang))
    item_list(wide, lang, key="wide_list", size_first=True)


def project_picker(result: pd.DataFrame, lang: str, choices: Choices) -> str | None:
    """A select box of the filtered items (a map or list click pre-selects it). Returns the id.

    ``choices.items`` are the ids of ``result``, the shown items.
    """
    spec = SETTING["item"]
    names = dict(zip(result["id"], item_names(result, lang), strict=True))
    choice = state.bind_view(
        spec,
        choices,
        lambda: st.selectbox(
            t(spec.label_key, lang),
            spec.allowed(choices),
            key=spec.param,
            format_func=lambda i: names.get(i) or t("select_none", lang),
            placeholder=t("select_none", lang),  # Streamlit's own is "Choose an option" in every language
        ),
    )
    return choice or None


def township_panel(township: str, result: pd.DataFrame, lang: str) -> None:
    """A selected township (a map badge): its area's items by status, a link to its page, the items as a list.

    Townships whose seats share a point share one approximate area, so the
    panel names and lists all of them.
    """
    names = data.geodata().area_of[township].townships
    here = result[result["townships"].map(lambda towns: any(name in towns for name in names))]
    title = township_labels(names, lang)
    html_block(
        f'<div class="cm-detail"><h3 style="margin-bottom:0">{esc(title)}</h3>'
        f'<div style="color:#666">{esc(t("township_panel_note", lang))}</div></div>'
    )
    kpi_line(totals(here, data.projects()), lang, key="township_panel_kpi")
    st.page_link("pages/2_乡镇.py", label=t("open_township_page", lang), query_params={"tw": township})
    item_list(here, lang, key="township_panel_list", status_first=True)  # beside the map: a narrow column
