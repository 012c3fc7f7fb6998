"""Streamlit's own controls are named in the page's language: no English control name on a Chinese page.

The names are collected from the DOM on every page in both languages, as a screen reader
or a mouse user meets them: ``aria-label``, ``title`` and ``placeholder`` attributes, the
names of buttons, and the tooltips that appear when the pointer rests on a data frame's
toolbar or a help icon. The English names below were read by hand off Streamlit 1.67's
pages with ``lang=en``; the English pages must show some of them (so the collection
works), the Chinese pages none. Any other name that reads the same in both languages and
holds a Latin word is an untranslated control too.
"""

from __future__ import annotations

import re

import pytest
from conftest import DESKTOP, MAP_IFRAME, PAGES, app_url, goto

pytestmark = pytest.mark.browser

# Streamlit's own English control names, as Streamlit 1.67 writes them (read off the English pages).
STREAMLIT_ENGLISH = (
    "Download as CSV",
    "Search",
    "Fullscreen",
    "Show/hide columns",
    "Collapse sidebar",
    "Sidebar",
    "Main menu",
    "Link to heading",
    "Copy to clipboard",
    "file upload",
    "Open",
    "Choose an option",
    "Upload",
)
HELP_PREFIX = "Help for "
# Names that are the same in both languages on purpose: the language switch names itself in both.
BILINGUAL = {"语言 / Language"}
# The map frame's title is how streamlit-folium marks its frame; its accessible name is its aria-label (项目地图).
NOT_CONTROL_NAMES = {"streamlit_folium.st_folium"}

NAMES_JS = """() => {
    const names = [];
    const textOf = el => {  // what a button says, without Material icon ligatures ("expand_more")
        const copy = el.cloneNode(true);
        copy.querySelectorAll('[data-testid="stIconMaterial"]').forEach(icon => icon.remove());
        return copy.textContent.replace(/\\s+/g, ' ').trim();
    };
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
        for (const attribute of ['aria-label', 'title', 'placeholder']) {
            const value = el.getAttribute(attribute);
            if (value) names.push(value.trim());
        }
    }
    for (const el of document.querySelectorAll('button, [role="button"]')) {
        if (!el.getAttribute('aria-label')) names.push(textOf(el));
    }
    for (const el of document.querySelectorAll('[data-testid="stTooltipContent"]')) names.push(textOf(el));
    return names.filter(Boolean);
}"""


def control_names(page) -> set[str]:
    """Every control name on ``page``, with the tooltips of the first grid's toolbar and of a help icon shown."""
    names = set(page.evaluate(NAMES_JS))
    grid = page.locator('[data-testid="stDataFrame"]:visible').first
    if grid.count():
        grid.hover()
        for button in grid.locator('[data-testid="stElementToolbarButton"] button').all():
            button.hover()
            page.locator('[data-testid="stTooltipContent"]').first.wait_for()
            names |= set(page.evaluate(NAMES_JS))
    help_icon = page.locator('[data-testid="stTooltipHoverTarget"]').first
    if help_icon.count() and help_icon.is_visible():
        help_icon.hover()
        page.locator('[data-testid="stTooltipContent"]').first.wait_for()
        names |= set(page.evaluate(NAMES_JS))
    return names - NOT_CONTROL_NAMES


def english_leaks(names: set[str]) -> list[str]:
    """The names in ``names`` that are Streamlit's English ones."""
    return sorted(n for n in names if n in STREAMLIT_ENGLISH or n.startswith(HELP_PREFIX))


@pytest.fixture(scope="module")
def names_by_page(browser, app_server):
    """``{(page, lang): names}`` for every page in both languages (one browser context per page)."""
    found = {}
    for page_name in PAGES:
        for lang in ("zh", "en"):
            context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
            try:
                page = context.new_page()
                goto(page, app_url(app_server["url"], page_name, **({"lang": "en"} if lang == "en" else {})))
                if page_name in {"map", "乡镇"}:
                    page.locator(MAP_IFRAME).first.wait_for()
                found[page_name, lang] = control_names(page)
            finally:
                context.close()
    return found


def test_english_pages_show_streamlits_names(names_by_page):
    """The collection sees Streamlit's controls at all: the English pages carry their English names."""
    english = set().union(*(names for (_, lang), names in names_by_page.items() if lang == "en"))
    for expected in ("Download as CSV", "Search", "Fullscreen", "Collapse sidebar", "Link to heading"):
        assert expected in english, sorted(english)
    assert any(name.startswith(HELP_PREFIX) for name in english)


@pytest.mark.parametrize("page_name", list(PAGES))
def test_chinese_page_has_no_english_control_name(names_by_page, page_name):
    chinese, english = names_by_page[page_name, "zh"], names_by_page[page_name, "en"]
    assert not english_leaks(chinese), english_leaks(chinese)
    same = {n for n in chinese & english if re.search(r"[A-Za-z]{2}", n)} - BILINGUAL
    assert not same, f"names that read the same in English on {page_name}: {sorted(same)}"


def test_the_names_follow_a_language_switch(page_factory, app_server):
    """Switching to English and back renames the controls Streamlit keeps (no reload in between)."""
    page = page_factory(DESKTOP)
    goto(page, app_url(app_server["url"], "项目列表"))  # its table's toolbar
    named = "(name) => document.querySelectorAll(`[aria-label='${name}']`).length"
    assert page.evaluate(named, "下载为 CSV") > 0 and page.evaluate(named, "Download as CSV") == 0
    page.get_by_text("English", exact=True).click()
    page.wait_for_function(f"() => ({named})('Download as CSV') > 0 && ({named})('下载为 CSV') === 0")
    page.get_by_text("中文", exact=True).click()
    page.wait_for_function(f"() => ({named})('下载为 CSV') > 0 && ({named})('Download as CSV') === 0")


@pytest.mark.parametrize("size", [{"width": 1440, "height": 900}, {"width": 390, "height": 844}])
def test_the_renaming_script_takes_no_room(page_factory, app_server, size):
    """The elements that hold the scripts (the page's, the chips') are not shown: no gap above the title or map."""
    page = page_factory(size)
    goto(page, app_url(app_server["url"], "map", year="2023"))  # a chip, and the script naming it
    holders = page.locator('[data-testid="stElementContainer"]:has(.cm-control-names)')
    assert holders.count() == 2
    assert holders.evaluate_all("els => els.map(el => getComputedStyle(el).display)") == ["none", "none"]
