"""The frame every page shares: page config, language toggle, navigation, and safe HTML.

Only :mod:`countymap.app` imports Streamlit; everything it shows is computed in
:mod:`countymap.core`, :mod:`countymap.text` and :mod:`countymap.map`.
"""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from countymap.app import data
from countymap.app.url_state import remember, seed, set_param, sync_origin, url_value
from countymap.text.escape import html_text
from countymap.text.strings import LANGS, t
from countymap.validation.setup import setup_problems


def page_setup(title_key: str, *, wide: bool = True) -> str:
    """Configure the page, draw the language toggle, return the language code."""
    st.set_page_config(page_title=t(title_key, "zh"), layout="wide" if wide else "centered")
    sync_origin(title_key)
    lang_url = url_value("lang")
    seed("lang", lang_url if lang_url in LANGS else "zh")
    names = {"zh": "中文", "en": "English"}
    lang = st.sidebar.radio(t("language"), LANGS, key="lang", format_func=names.get, horizontal=True)
    remember("lang", lang)
    set_param("lang", None if lang == "zh" else lang)
    _stop_on_setup_problems(lang)
    _page_links(lang)
    if data.has_upload():
        st.sidebar.info(t("upload_active", lang))
    _mobile_css()
    return lang


def _stop_on_setup_problems(lang: str) -> None:
    """Show what is wrong with the operator's settings, once, instead of a page that would fail."""
    problems = setup_problems()
    if problems:
        st.error(t("setup_problems", lang) + "\n\n" + "\n".join(f"- {p.text(lang)}" for p in problems))
        st.stop()


# Our own page links replace Streamlit's auto-generated navigation (hidden in
# .streamlit/config.toml), which would label the map page "app" in both languages.
PAGES = (
    ("app.py", "page_map"),
    ("pages/1_项目列表.py", "page_table"),
    ("pages/2_乡镇.py", "page_township"),
    ("pages/3_统计.py", "page_stats"),
    ("pages/4_数据说明.py", "page_about"),
    ("pages/5_草稿审核.py", "page_review"),
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
