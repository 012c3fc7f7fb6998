"""The frame every page shares: page config, language toggle, navigation, and safe HTML.

Only :mod:`countymap.app` imports Streamlit; everything it shows is computed in
:mod:`countymap.core`, :mod:`countymap.text` and :mod:`countymap.map`.
"""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from countymap import config
from countymap.app import data, janitor, living_data, share, state
from countymap.app.control_names import control_names
from countymap.app.data import COUNTY_KEY
from countymap.app.state import note_language, sync_origin
from countymap.core.filters import PARAM_NAMES as FILTER_PARAMS
from countymap.living.database import schema_problem
from countymap.map.static_files import static_text
from countymap.map.view import SETTING, Choices
from countymap.text.escape import css_string, html_text, markdown_literal
from countymap.text.message import Message
from countymap.text.strings import LANGS, t
from countymap.validation.setup import SetupProblem, setup_problems


def page_setup(title_key: str, *, floating=None) -> str:
    """Configure the page, draw the language switch, return the language code.

    The switch sits in the sidebar, or in ``floating`` (a container) when the
    sidebar is hidden, as in presenter mode.
    """
    st.set_page_config(
        page_title=t(title_key, "zh", **data.described_identity("zh")), layout="wide", initial_sidebar_state="auto"
    )
    sync_origin(title_key)
    living_data.new_run()
    janitor.at_run_start(new_session=state.get("_session_seen") is None)
    state.put("_session_seen", True)
    state.keep_only(PAGE_LINKS.get(title_key, EVERY_PAGE))
    names = {"zh": "中文", "en": "English"}
    where = floating if floating is not None else st.sidebar
    label_visibility = "collapsed" if floating is not None else "visible"
    lang = state.bind_view(
        SETTING["lang"],
        Choices(),
        lambda: where.radio(
            t("language"), LANGS, key="lang", format_func=names.get, horizontal=True, label_visibility=label_visibility
        ),
    )
    note_language(lang)
    _stop_on(setup_problems(), lang)
    county_switch(lang)
    config.choose_dataset(data.current_folder())  # the filters' township lists are the chosen county's
    if data.overview() and title_key != "app_title":  # only the map page shows every county at once
        st.info(t("overview_choose", lang))
        st.stop()
    _stop_on(data.projects_problems() or _database_problems(), lang)
    st.set_page_config(page_title=t(title_key, "zh", **data.identity("zh")))  # the chosen county's shown edition
    _page_links(lang)
    if floating is None:  # presenter mode shows the room the map, not the controls
        share.copy_link_button(lang)
    if data.has_upload():
        st.sidebar.info(t("upload_active", lang))
    st.html(f"<style>{static_text(PAGE_CSS, 'countymap.app')}</style>" + uploader_css(lang))
    control_names(lang)
    return lang


def title(where, title_key: str, lang: str) -> None:
    """The page's heading in ``where`` and the tab's title, naming the shown edition (:func:`countymap.app.data.identity`).

    For a page whose "latest / as in the report" switch is drawn after :func:`page_setup`: the title it set
    there named the state before a link's ``as_of`` was bound.
    """
    st.set_page_config(page_title=t(title_key, "zh", **data.identity("zh")))
    where.title(t(title_key, lang, **data.identity(lang)))


def county_switch(lang: str) -> str:
    """The county whose dataset the whole app shows (``county=ADCODE``); a choice only when several are loaded.

    With several, none chosen (``""``, no parameter in the link) is the overview of all of them
    (:func:`countymap.app.data.overview`), the first entry of the switch.
    """
    counties = data.counties()
    names = {source.county.adcode: source.county.name(lang) for source in data.sources()} if counties else {}
    every = t("all_counties", lang, n=len(counties))
    requested = state.pop(COUNTY_REQUEST_KEY)
    if requested in counties:  # a click on the overview: applied before the switch is drawn
        state.put(COUNTY_KEY, requested)
        state.remember(COUNTY_KEY, requested)

    def draw() -> str:
        label = functools.partial(_county_label, names=names, every=every)
        return st.sidebar.selectbox(t("county", lang), ("", *counties), key=COUNTY_KEY, format_func=label)

    return state.bind_view(SETTING["county"], Choices(counties=counties), draw if counties else None)


COUNTY_REQUEST_KEY = "_county_request"  # a county chosen on the overview, for the next run's switch


def request_county(adcode: str) -> None:
    """Open county ``adcode`` (a click on its badge or its name in the overview) from the next run on."""
    state.put(COUNTY_REQUEST_KEY, adcode)


def _county_label(code: str, *, names: dict[str, str], every: str) -> str:
    return names[code] if code else every


def _stop_on(problems: list[SetupProblem], lang: str) -> None:
    """Show what is wrong with the operator's settings, once, instead of a page that would fail."""
    if problems:
        st.error(t("setup_problems", lang) + "\n\n" + "\n".join(f"- {p.text(lang, public=True)}" for p in problems))
        st.stop()


# What each page's link may carry (anything else is dropped from the address bar); a page not named
# here carries only the language.
EVERY_PAGE = frozenset({"lang", SETTING["county"].param})  # the language, and the county every page shows
FILTERED = FILTER_PARAMS | EVERY_PAGE
PAGE_LINKS = {
    "app_title": state.URL_PARAMS,
    "page_table": FILTERED,
    "page_township": FILTERED | {SETTING["township"].param, SETTING["item"].param},
    "page_stats": FILTERED,
    "page_edit": EVERY_PAGE | {SETTING["item"].param},
}


def _database_problems() -> list[SetupProblem]:
    """The living map's database, refused when its schema is behind the code (absent is fine: the report's view)."""
    found = schema_problem()
    if found is None:
        return []
    key, params = found
    return [SetupProblem(config.ENV_DATABASE_URL, Message(key, **params))]


# Our own page links replace Streamlit's auto-generated navigation (hidden in
# .streamlit/config.toml), which would label the map page "app" in both languages.
PAGES = (
    ("app.py", "page_map"),
    ("pages/1_项目列表.py", "page_table"),
    ("pages/2_乡镇.py", "page_township"),
    ("pages/3_统计.py", "page_stats"),
    ("pages/4_数据说明.py", "page_about"),
    ("pages/5_草稿审核.py", "page_review"),
    ("pages/6_编辑.py", "page_edit"),
)


def _page_links(lang: str) -> None:
    """Sidebar navigation with labels in the chosen language."""
    with st.sidebar:
        for path, key in PAGES:
            try:
                st.page_link(path, label=t(key, lang))
            except StreamlitPageNotFoundError:
                # AppTest runs a single page as the entry point, so the others are unknown
                # there; served (`python -m countymap serve`) every page is registered.
                return
        st.divider()


PAGE_CSS = "page.css"  # in countymap/app/static/: the page around the map
UPLOADER_LABEL_RULE = "[data-testid='stFileUploaderDropzone'] button [data-has-shortcut]::after"


def uploader_css(lang: str) -> str:
    """Our own words on Streamlit's file uploader.

    Streamlit 1.67 writes the uploader's button ("Upload") and its limits
    ("200MB per file • CSV") in English whatever the page's language, and has
    no parameter for them. The limits and the English label are hidden by
    ``page.css`` (each page states the limits in its own caption above the
    uploader); this one rule, the only CSS that holds a value, gives the button our label.
    """
    label = css_string(t("upload_button", lang))
    return f"<style>{UPLOADER_LABEL_RULE}{{content:{label}}}</style>"


def esc(value: object) -> str:
    """Escape a data string for HTML (the only way data reaches ``st.html``)."""
    return html_text(value)


def html_block(body: str) -> None:
    """Show trusted HTML built from escaped parts (no Markdown, so ``$`` or ``*`` stay literal)."""
    st.html(body)


def describe_line(text: str, count: int) -> None:
    """Show the filter sentence from :func:`countymap.core.stats.describe` (``count`` items, for tests and tools)."""
    html_block(f'<p class="cm-describe" data-count="{int(count)}">{esc(text)}</p>')


def text_table(rows: list[tuple], columns: list[str]) -> None:
    """A table of sentences, wrapped in its cells: a data grid cut every cell to one line (on a phone, to a few words).

    ``st.table`` reads its cells as Markdown, so each is escaped to read as itself (a dataset's
    own source names come from its dataset.toml, an indicator's name from its CSV).
    """
    frame = pd.DataFrame([[markdown_literal(cell) for cell in row] for row in rows], columns=columns)
    st.table(frame.rename(columns=markdown_literal), hide_index=True, border="horizontal")
