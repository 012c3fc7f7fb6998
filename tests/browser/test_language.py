"""One language on screen: the visible text of every page, in both languages.

The test reads what a reader can see: the text of the main area and the
sidebar (hidden elements, icon ligatures and tooltips left out), the visible
text of every iframe (the map's legend, labels, scale and attribution; the
copy-link button), the placeholders of visible inputs, text that CSS writes,
and the cells that a table draws on its canvas (Streamlit's grid keeps them in
an accessible table inside the canvas). The rules and their reviewed
allowlists are in ``tests/language_rules.py``.
"""

from __future__ import annotations

import re

import pytest
from conftest import PAGES, app_url, goto, map_frame, screenshot, start_server, stop_server, wait_for_app
from language_rules import NOT_SCANNED, problems

from countymap.text.strings import t

pytestmark = pytest.mark.browser

# --- what is visible ----------------------------------------------------------------------------

VISIBLE_TEXT_JS = """([skip]) => {
    const parts = [];
    const seen = el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement;
        if (!el || !node.textContent.trim()) continue;
        if (el.closest('script, style, noscript, [data-testid="stIconMaterial"]' + skip)) continue;
        const canvas = el.closest('canvas');  // a grid's drawn cells, kept in an accessible table inside it
        if (canvas) { if (seen(canvas)) parts.push(node.textContent); continue; }
        if (!seen(el)) continue;
        // A box of a pixel or less, or one clipped to nothing, is text for screen readers only.
        const box = el.getBoundingClientRect(), style = getComputedStyle(el);
        if (box.width <= 1 || box.height <= 1 || style.clip === 'rect(0px, 0px, 0px, 0px)') continue;
        parts.push(node.textContent);
    }
    for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
        if (input.checkVisibility() && !input.value) parts.push(input.placeholder);
    }
    for (const el of document.body.querySelectorAll('*')) {  // text that CSS writes (our uploader button)
        for (const pseudo of ['::before', '::after']) {
            const content = getComputedStyle(el, pseudo).content;
            if (content.startsWith('"') && content.length > 2 && el.checkVisibility()) {
                parts.push(JSON.parse(content));
            }
        }
    }
    return parts;
}"""
# The shown grids' column names, and how many of their drawn cells are blank (Streamlit draws "None" there).
GRID_JS = """([skip]) => {
    const shown = [...document.querySelectorAll('canvas')].filter(c => c.checkVisibility({checkVisibilityCSS: true}));
    const cells = tag => shown.flatMap(c => [...c.querySelectorAll(tag)]).filter(e => !e.matches(skip));
    return {
        headers: cells('th').map(th => th.textContent.trim()),
        blank: cells('td').filter(td => !td.textContent.trim()).length,
    };
}"""


SKIPPED = "".join(f", {selector}" for selector in NOT_SCANNED)  # what the page's own text leaves out


def visible_texts(page) -> list[str]:
    """Every visible text of the page and of its frames (see the module docstring)."""
    skip = SKIPPED
    texts = []
    for frame in page.frames:
        try:
            texts += frame.evaluate(VISIBLE_TEXT_JS, [skip])
        except Exception as exc:  # a frame that went away while reading: read again, do not skip it
            raise AssertionError(f"could not read frame {frame.url}: {exc}") from exc
    return [text.strip() for text in texts if text.strip()]


READS = 5

# --- the views scanned ------------------------------------------------------------------------

VIEWS = {
    "map": ("map", {}),
    "map-item": ("map", {"sel": "road-county-township-roads-2023"}),  # a size, no disclosed amount
    "map-firm": ("map", {"sel": "industry-jiuxin-cement"}),  # an enterprise: no status
    "map-township": ("map", {"tw": "龚滩镇"}),
    "map-presenter": ("map", {"present": "1"}),
    "map-nothing": ("map", {"q": "0000000"}),  # a search that matches nothing (digits: either language)
    "map-basemap": ("map", {"basemap": "gaode_vec"}),  # its attribution (the tiles cannot load offline)
    "table": ("项目列表", {}),
    "table-nothing": ("项目列表", {"q": "0000000"}),
    "table-disclosed": ("项目列表", {"disclosed": "1"}),  # the amounts as numbers too
    "table-upload": ("项目列表", {}),  # the upload of an edited projects file opened
    "township": ("乡镇", {"tw": "龚滩镇"}),
    "stats": ("统计", {}),
    "about": ("数据说明", {}),
    "review": ("草稿审核", {}),
    "review-drafts": ("草稿审核", {}),  # the report uploaded, its first section of drafts opened
    "edit": ("编辑", {}),  # no database on this server: the page names the commands that start one
}
# Views that need more than an address: what a reader does after the page has opened.
UPLOADS_THE_REPORT = {"review-drafts"}
EXPANDER = '[data-testid="stExpander"]'
GRID_CELL = '[data-testid="stDataFrame"] [data-testid="glide-cell-0-0"]'


def open_drafts(page, report_path) -> None:
    """Upload the report on the review page; open the changes of existing items and the first section of drafts."""
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(report_path))
    page.locator(EXPANDER).nth(1).wait_for(timeout=120_000)  # drafting the report takes a while
    for index in (0, 1):  # the changes (drafts that match an item on the map), then the first section
        wait_for_app(page)
        expander = page.locator(EXPANDER).nth(index)
        expander.locator("summary").click()
        expander.locator(GRID_CELL).wait_for(state="attached", timeout=30_000)


def open_upload(page) -> None:
    """Open the upload of an edited projects file (the projects page's first expander)."""
    page.locator(EXPANDER).first.locator("summary").click()
    page.locator('[data-testid="stFileUploaderDropzone"]').wait_for(state="visible", timeout=30_000)


def read_view(page, base: str, name: str, lang: str, report_path=None) -> tuple[list[str], dict]:
    """The visible texts of a view and its grid's headers (see :data:`VIEWS`), once the page has settled."""
    page_name, params = VIEWS[name]
    goto(page, app_url(base, page_name, **params, **({"lang": "en"} if lang == "en" else {})))
    if name in UPLOADS_THE_REPORT:
        open_drafts(page, report_path)
    elif name == "table-upload":
        open_upload(page)
    if page_name in ("map", "乡镇") and "q" not in params:
        map_frame(page)
    page.wait_for_function("() => [...document.querySelectorAll('iframe')].every(f => f.contentDocument?.body)")
    # No "networkidle" wait: a fetch the page keeps making (seen once on the review page, a 30 s timeout on a fresh
    # clone) never lets the network go idle. Widgets whose code Streamlit fetches on first use (uploader, grid) show
    # skeletons until it arrives, and wait_for_app below waits for those.
    texts = []
    for _ in range(READS):  # the same text twice in a row: the page has finished drawing
        wait_for_app(page)  # also waits for widgets whose code is still loading (skeletons)
        texts, previous = visible_texts(page), texts
        if texts == previous:
            break
    else:
        raise AssertionError(f"the text of {name} ({lang}) kept changing")
    grid = page.evaluate(GRID_JS, [", ".join(f"{selector}, {selector} *" for selector in NOT_SCANNED)])
    screenshot(page, f"one-language-{name}-{lang}")
    return texts, grid


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(VIEWS))
def test_every_view_speaks_one_language(page, app_server, name, lang, request, tmp_path):
    report_path = None
    if name in UPLOADS_THE_REPORT:  # the report only where it is used (without it, only this view skips)
        report_path = tmp_path / "report.txt"
        report_path.write_text(request.getfixturevalue("report_text"), encoding="utf-8")
    texts, grid = read_view(page, app_server["url"], name, lang, report_path)
    assert len(texts) > 10, "the page was read"
    found = problems(texts, grid, lang)
    assert not found, "\n".join(found)


@pytest.fixture(scope="module")
def server_without_report(tmp_path_factory):
    """A server whose report text is absent (the About page then offers the upload)."""
    tmp = tmp_path_factory.mktemp("noreport")
    url, process, _ = start_server(tmp, {"COUNTYMAP_REPORT": str(tmp / "absent.txt")})
    try:
        yield url
    finally:
        stop_server(process)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_about_page_without_the_report_speaks_one_language(page, server_without_report, lang):
    texts, grid = read_view(page, server_without_report, "about", lang)
    found = problems(texts, grid, lang)
    assert not found, "\n".join(found)
    assert t("upload_button", lang) in texts, "our label on the uploader's button"


def test_every_page_is_scanned():
    assert {page_name for page_name, _ in VIEWS.values()} == set(PAGES)


SCALE_JS = "() => [...document.querySelectorAll('.leaflet-control-scale-line')].map(e => e.textContent.trim())"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_scale_is_metric(page, app_server, lang):
    goto(page, app_url(app_server["url"], **({"lang": "en"} if lang == "en" else {})))
    lines = map_frame(page).evaluate(SCALE_JS)
    assert lines and all(re.fullmatch(r"\d+ k?m", line) for line in lines), lines
