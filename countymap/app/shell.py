"""The Streamlit shell shared by every page: data loading, language, URL state, panels.

Only this module, its ``ui_*`` siblings, ``app.py`` and ``pages/`` import
Streamlit; everything they show is computed in Streamlit-free modules.

URL state. Every view setting lives in the URL (filters, ``lang``, ``present``
...) so that a link reproduces the view. A widget is seeded from the URL when
the URL carries something this session did not write itself (a pasted link, a
reload); otherwise it keeps its session value, which also carries settings
across pages when page navigation drops the query string.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from countymap.config import data_dir, projects_path
from countymap.core import report as report_text_mod
from countymap.core.filters import PARAM_NAMES
from countymap.core.schema import (
    CATEGORIES,
    INDICATORS,
    INVESTMENT_KINDS,
    PRECISIONS,
    PROJECT_FIELDS,
    STATUSES,
    label,
)
from countymap.core.tables import load_indicators, load_projects
from countymap.text.strings import LANGS, format_yi, join_labels, t, township_label

try:
    from countymap.text.escape import html_text
except ImportError:  # pragma: no cover - escape.py is written by another helper
    from html import escape as html_text  # TODO: remove once countymap.text.escape is always present

VIEW_PARAMS = frozenset({"lang", "present", "basemap", "size", "sel", "tw"})
URL_PARAMS = PARAM_NAMES | VIEW_PARAMS


# --- where the data is -----------------------------------------------------------


def _mtime(path: Path) -> float:
    """Modification time, part of each cache key so an edited file is re-read."""
    return path.stat().st_mtime if path.exists() else 0.0


# A resource, not data: every run gets the same (read-only) frame instead of
# unpickling a copy (~0.1 s at 20,000 rows), and the map cache in ui_map can
# recognise it. Nothing may modify it in place.
@st.cache_resource(show_spinner=False, max_entries=4)
def _projects_cached(path: str, mtime: float) -> pd.DataFrame:
    if not Path(path).exists():
        return pd.DataFrame(columns=[f.name for f in PROJECT_FIELDS])
    return load_projects(path)


@st.cache_data(show_spinner=False)
def _indicators_cached(path: str, mtime: float) -> pd.DataFrame | None:
    return load_indicators(path) if Path(path).exists() else None


@st.cache_data(show_spinner=False)
def _geodata_cached(path: str, mtime: float):
    from countymap.core.geodata import load_geodata

    return load_geodata(path)


def projects() -> pd.DataFrame:
    """Return the session upload if any, else the typed projects table (empty frame if absent)."""
    from countymap.app.upload_panel import uploaded_projects

    upload = uploaded_projects()
    if upload is not None:
        return upload
    path = projects_path()
    return _projects_cached(str(path), _mtime(path))


def indicators() -> pd.DataFrame | None:
    """The typed indicators table, or ``None`` when the file is absent."""
    path = data_dir() / INDICATORS.path
    return _indicators_cached(str(path), _mtime(path))


def geodata():
    """The :class:`~countymap.core.geodata.Geodata` bundle, or ``None`` if unavailable."""
    folder = data_dir() / "geodata"
    if not folder.is_dir():
        return None
    try:
        return _geodata_cached(str(folder), max((_mtime(p) for p in folder.iterdir()), default=0.0))
    except ImportError:
        return None


def places() -> pd.DataFrame | None:
    """The places gazetteer (from the geodata bundle), or ``None``."""
    bundle = geodata()
    return None if bundle is None else bundle.places


# --- URL <-> session ------------------------------------------------------------


def read_url() -> dict[str, list[str]]:
    """The query parameters this app understands, each as a list of values."""
    return {key: st.query_params.get_all(key) for key in st.query_params if key in URL_PARAMS}


def _sync_url_origin(page: str) -> None:
    """Decide once per run whether the URL (a link) or the session is authoritative.

    Also notes whether the page changed: widgets of another page are new
    widgets to Streamlit, so they must be re-seeded from the kept values.
    """
    st.session_state["_page_changed"] = st.session_state.get("_page") != page
    st.session_state["_page"] = page
    current = read_url()
    written = st.session_state.get("_url_written")
    fresh = written is None or (bool(current) and current != written)
    st.session_state["_url_fresh"] = fresh
    st.session_state["_url_written"] = dict(current)
    st.session_state.setdefault("_keep", {})


def url_value(param: str) -> str | None:
    """Last value of a query parameter, or ``None``."""
    values = st.query_params.get_all(param)
    return values[-1] if values else None


def seed(widget_key: str, from_url: object) -> None:
    """Give a widget its starting value before it is drawn.

    From the URL when the URL is authoritative this run; else the value the
    session last had (kept across pages), else the URL value.
    """
    keep = st.session_state["_keep"]
    if st.session_state["_url_fresh"]:
        st.session_state[widget_key] = from_url
    elif st.session_state["_page_changed"] or widget_key not in st.session_state:
        st.session_state[widget_key] = keep.get(widget_key, from_url)


def remember(widget_key: str, value: object) -> None:
    """Keep a widget's value for pages that do not draw the widget."""
    st.session_state["_keep"][widget_key] = value


def set_param(param: str, value: str | None) -> None:
    """Write (or remove, for ``None``/``""``) one query parameter, only when it changes."""
    written = st.session_state["_url_written"]
    if value in (None, ""):
        if param in st.query_params:
            del st.query_params[param]
        written.pop(param, None)
    elif st.query_params.get_all(param) != [value]:
        st.query_params[param] = value
        written[param] = [value]
    else:
        written[param] = [value]


# --- page frame ---------------------------------------------------------------


def page_setup(title_key: str, *, wide: bool = True) -> str:
    """Configure the page, draw the language toggle, return the language code."""
    st.set_page_config(page_title=t(title_key, "zh"), layout="wide" if wide else "centered")
    _sync_url_origin(title_key)
    lang_url = url_value("lang")
    seed("lang", lang_url if lang_url in LANGS else "zh")
    names = {"zh": "中文", "en": "English"}
    lang = st.sidebar.radio(t("language"), LANGS, key="lang", format_func=names.get, horizontal=True)
    remember("lang", lang)
    set_param("lang", None if lang == "zh" else lang)
    _page_links(lang)
    if st.session_state.get("uploaded_projects") is not None:
        st.sidebar.info(t("upload_active", lang))
    _mobile_css()
    return lang


# Our own page links replace Streamlit's auto-generated navigation (hidden in
# .streamlit/config.toml), which would label the map page "app" in both languages.
PAGES = (
    ("app.py", "page_map"),
    ("pages/1_项目列表.py", "page_table"),
    ("pages/2_乡镇.py", "page_township"),
    ("pages/3_统计.py", "page_stats"),
    ("pages/4_数据说明.py", "page_about"),
)


def _page_links(lang: str) -> None:
    """Sidebar navigation with labels in the chosen language."""
    with st.sidebar:
        for path, key in PAGES:
            try:
                st.page_link(path, label=t(key, lang))
            except StreamlitPageNotFoundError:
                # AppTest runs a single page as the entry point, so the others are unknown
                # there; under `streamlit run app.py` every page is registered.
                return
        st.divider()


def _mobile_css() -> None:
    """Tighter padding on phones (390 px) so the map and panels keep their width."""
    st.html(
        "<style>@media (max-width: 640px) {"
        ".block-container, [data-testid='stMainBlockContainer'] {padding: 4rem 0.5rem 2rem 0.5rem !important;}"
        "h1 {font-size: 1.5rem !important; line-height: 1.3 !important;}"
        "[data-testid='stMetricValue'] {font-size: 1.6rem !important;}}</style>"
    )


def esc(value: object) -> str:
    """Escape a data string for HTML (the only way data reaches ``st.html``)."""
    return html_text(value)


def html_block(body: str) -> None:
    """Show trusted HTML built from escaped parts (no Markdown, so ``$`` or ``*`` stay literal)."""
    st.html(body)


def describe_line(text: str) -> None:
    """Show the filter sentence from :func:`countymap.core.filters.describe`."""
    html_block(f'<p class="cm-describe" style="margin:0.2rem 0 0.6rem 0;color:#444">{esc(text)}</p>')


# --- shared panels -------------------------------------------------------------------


def kpi_row(sums: dict, lang: str) -> None:
    """Counts, disclosed investment and status split of the filtered items."""
    cols = st.columns(4)
    cols[0].metric(t("kpi_count", lang), sums["count"])
    cols[1].metric(t("kpi_disclosed", lang), sums["disclosed_count"])
    amount = format_yi(sums["disclosed_sum_yi"], lang) if sums["disclosed_count"] else "—"
    cols[2].metric(t("kpi_sum", lang), amount, help=t("kpi_sum_help", lang))
    by_status = sums["by_status"]
    split = " / ".join(f"{label(STATUSES, code, lang)} {n}" for code, n in by_status.items() if n)
    # A status split is too long for a metric tile on a phone: plain small text.
    cols[3].caption(f"{t('d_status', lang)}  \n{split or '—'}")


def townships_text(townships: tuple[str, ...], lang: str) -> str:
    """Townships of an item, or "county-wide" when it has none."""
    if not townships:
        return t("d_county_wide", lang)
    return join_labels([township_label(name, lang) for name in townships], lang)


def investment_text(row: pd.Series, lang: str) -> str:
    """Amount with its kind (total, 2023 plan ...), or 未披露."""
    amount = format_yi(row.get("investment_yi"), lang)
    kind = row.get("investment_kind") or ""
    return (
        f"{amount}（{label(INVESTMENT_KINDS, kind, lang)}）"
        if kind and lang == "zh"
        else (f"{amount} ({label(INVESTMENT_KINDS, kind, lang)})" if kind else amount)
    )


def quantity_text(row: pd.Series) -> str:
    """``12 公里`` style size, or ``""`` when the report gives none."""
    value = row.get("quantity")
    if value is None or pd.isna(value):
        return ""
    number = f"{float(value):g}"
    return f"{number} {row.get('quantity_unit') or ''}".strip()


def item_name(row: pd.Series, lang: str) -> str:
    """Name in the reading language."""
    return str(row["name_en"] if lang == "en" and row.get("name_en") else row["name_zh"])


def item_names(frame: pd.DataFrame, lang: str) -> list[str]:
    """:func:`item_name` of every row, without ``iterrows`` (seconds at 20,000 rows)."""
    zh = frame["name_zh"].astype(str).tolist()
    if lang != "en" or "name_en" not in frame.columns:
        return zh
    return [en if isinstance(en, str) and en else z for en, z in zip(frame["name_en"].tolist(), zh, strict=True)]


def report_text() -> str | None:
    """The verified report text: upload, ``$COUNTYMAP_REPORT``, secrets, ``../shared``; else ``None``."""
    uploaded = st.session_state.get("report_text")
    if uploaded:
        return uploaded
    path = os.environ.get(report_text_mod.ENV_VAR) or secret("COUNTYMAP_REPORT")
    return _report_cached(str(path or report_text_mod.default_report_path() or ""))


@st.cache_data(show_spinner=False)
def _report_cached(path: str) -> str | None:
    return report_text_mod.load_report(path) if path else None


def secret(name: str) -> str | None:
    """A Streamlit secret, or ``None`` when there is no secrets file."""
    try:
        value = st.secrets.get(name)
    except Exception:  # no secrets.toml at all raises; treat as absent
        return None
    return str(value) if value else None


def _detail_rows(row: pd.Series, lang: str) -> list[tuple[str, str]]:
    years = " / ".join(row.get("years") or ())
    section = row.get("source_section") or ""
    rows = [
        (t("d_category", lang), label(CATEGORIES, row["category"], lang)),
        (t("d_status", lang), label(STATUSES, row["status"], lang)),
        (t("d_years", lang), years),
        (t("d_townships", lang), townships_text(tuple(row.get("townships") or ()), lang)),
        (t("d_investment", lang), investment_text(row, lang)),
        (t("d_quantity", lang), quantity_text(row)),
        (t("d_precision", lang), label(PRECISIONS, row["precision"], lang)),
        (t("d_source", lang), t("d_source_value", lang, section=section.replace("|", "、"))),
    ]
    return [(key, value) for key, value in rows if value]


def detail_panel(row: pd.Series, lang: str) -> None:
    """Everything we know about one item, then the report's own words if available."""
    other = row["name_zh"] if lang == "en" else row.get("name_en", "")
    table = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in _detail_rows(row, lang))
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
    text = report_text()
    if text is None:
        st.caption(t("d_no_report", lang))
        return
    quotes = [report_text_mod.passage(text, start, end) for start, end in spans]
    body = "".join(f"<blockquote>{esc(q)}</blockquote>" for q in quotes if q)
    if body:
        html_block(f'<div class="cm-passage"><b>{esc(t("d_passage", lang))}</b>{body}</div>')


def county_wide_list(result: pd.DataFrame, lang: str) -> None:
    """Items the map cannot draw (county-wide, or place unknown): listed under the map instead."""
    bundle = geodata()
    if bundle is not None and len(result):
        from countymap.map.build import county_wide_projects

        wide = county_wide_projects(result, bundle)
    else:
        wide = result[result["townships"].map(len) == 0] if len(result) else result
    with st.expander(f"{t('county_wide', lang)} · {len(wide)}", expanded=False):
        if wide.empty:
            st.caption(t("county_wide_none", lang))
            return
        frame = pd.DataFrame(
            {
                t("col_name", lang): item_names(wide, lang),
                t("d_status", lang): [label(STATUSES, s, lang) for s in wide["status"]],
                t("d_investment", lang): [format_yi(v, lang) for v in wide["investment_yi"]],
            }
        )
        st.dataframe(frame, hide_index=True, width="stretch")


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
