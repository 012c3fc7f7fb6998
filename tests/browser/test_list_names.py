"""A list beside a map shows its items' names, wherever it stands: beside the map or under it, sidebar open.

Two lists: a search's results (the map page) and a township's items (the 乡镇 page). Both put status and
years first, so that a long name never pushes them out of view. Beside the map a search's list had 2/7 of
the row: with the sidebar open that was ~220 px at 1280x720 and ~265 px at 1440x900, and status and years
left each name two or three characters. The grid draws on a canvas and its header cells have no boxes of
their own, so the test reads the header's own canvas: the header words are the runs of dark pixels along
it, in column order (status, years, name, ...; see test_search_list_columns.py); status and years must end
inside the grid, and the name column shows what lies between the start of its header word and the start of
the next one (or the grid's edge). Expectations by hand: at least 150 px, ten Chinese characters at the
grid's 14 px or some twenty Latin letters (the longest name of the 花田 search is 19 characters); the list
beside the map on a desk where the main column leaves a map of 560 px and a list of 350 px (1440x900 and
1920x1080 with the sidebar open, 1280x720 with it folded), under it otherwise (1280x720 with the sidebar
open: 820 px of main column; a tablet; a phone).
"""

from __future__ import annotations

import pytest
from conftest import app_url, console_problems, exceptions_on_page, goto, screenshot
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SIZES = {  # the five sizes of the guide, in the app's ordinary mode (presenter mode lists nothing)
    "1440x900": {"width": 1440, "height": 900},
    "1280x720": {"width": 1280, "height": 720},
    "1920x1080": {"width": 1920, "height": 1080},
    "768x1024": {"width": 768, "height": 1024},
    "390x844": {"width": 390, "height": 844},
}
NAME_PX = 150  # by hand: ten Chinese characters at 14 px
BESIDE = {"1440x900", "1920x1080"}  # by hand, sidebar open: room for a 560-px map and a 350-px list
LISTS = {  # page, its query, the list's grid, the map's frame
    "search": ("map", {"q": "花田"}, ".st-key-search_list", ".st-key-cm_map iframe"),
    "township": ("乡镇", {"tw": "龚滩镇"}, ".st-key-township_items", ".st-key-cm_township_map iframe"),
}
GRID = "[data-testid='stDataFrame']"
SIDEBAR = '[data-testid="stSidebar"]'
# The header's words: runs of dark pixels (a gap over 10 px parts two words) along the header canvas's middle.
HEADER_WORDS_JS = """(sel) => {
    const grid = document.querySelector(sel);
    const head = [...grid.querySelectorAll("canvas")].find(c => c.getAttribute("data-testid") !== "data-grid-canvas");
    if (!head || !head.width) { return null; }
    const h = head.height, w = head.width, pixels = head.getContext("2d").getImageData(0, 0, w, h).data;
    const words = [];
    for (let x = 0; x < w; x++) {
        let ink = false;
        for (let y = Math.floor(h / 4); y < h - Math.floor(h / 4) && !ink; y++) {
            const i = (y * w + x) * 4;
            ink = pixels[i + 3] > 0 && 0.3 * pixels[i] + 0.59 * pixels[i + 1] + 0.11 * pixels[i + 2] < 150;
        }
        const last = words[words.length - 1];
        if (ink && last && x - last[1] <= 10) { last[1] = x; } else if (ink) { words.push([x, x]); }
    }
    return {words, width: w / devicePixelRatio, scale: devicePixelRatio};
}"""


def open_sidebar(page) -> None:
    """Open the sidebar if Streamlit has folded it (it does below 768 px or so), and wait until it stands open."""
    expand = page.locator('[data-testid="stExpandSidebarButton"]')
    if expand.count() and expand.first.is_visible():
        expand.first.click()
    page.wait_for_function(
        "(sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return r.width > 200 && r.left >= 0; }",
        arg=SIDEBAR,
    )


def header_words(page, grid: str) -> tuple[list[list[float]], float]:
    """The header's words (start and end, CSS px from the grid's left edge) and the grid's width."""
    page.locator(grid).scroll_into_view_if_needed()
    page.wait_for_function(
        f"(sel) => {{ const s = ({HEADER_WORDS_JS})(sel); return s && s.words.length >= 3; }}", arg=grid
    )
    seen = page.evaluate(HEADER_WORDS_JS, grid)
    return [[start / seen["scale"], end / seen["scale"]] for start, end in seen["words"]], seen["width"]


def check_names(page, which: str, where: str, shot: str) -> None:
    """The list stands ``where`` ("beside" or "under") the map; status and years in view; names 150 px or more."""
    _, _, grid_key, frame = LISTS[which]
    grid = f"{grid_key} {GRID}"
    words, width = header_words(page, grid)
    name_starts = words[2][0]  # status, years, name
    name_ends = words[3][0] if len(words) > 3 else width
    map_box, list_box = page.locator(frame).bounding_box(), page.locator(grid).bounding_box()
    beside = list_box["x"] >= map_box["x"] + map_box["width"] and list_box["y"] < map_box["y"] + map_box["height"]
    under = list_box["y"] >= map_box["y"] + map_box["height"] and list_box["width"] >= map_box["width"] - 2
    screenshot(page, shot)
    assert {"beside": beside, "under": under}[where], (where, map_box, list_box)
    assert words[1][1] < name_starts <= width, ("status and years in view", words, width)
    assert name_ends - name_starts >= NAME_PX, (words, width)
    assert console_problems(page) == [] and exceptions_on_page(page) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("which", LISTS)
def test_every_item_shows_its_name_with_the_sidebar_open(page_factory, app_server, which, size, lang):
    page_name, params, _, _ = LISTS[which]
    page = page_factory(SIZES[size])
    goto(page, app_url(app_server["url"], page_name, **params, **({"lang": "en"} if lang == "en" else {})))
    open_sidebar(page)
    check_names(page, which, "beside" if size in BESIDE else "under", f"list-names-{which}-{size}-{lang}")


@pytest.mark.parametrize("which", LISTS)
def test_with_the_sidebar_folded_a_laptop_has_the_list_beside_the_map(page_factory, app_server, which):
    page_name, params, _, _ = LISTS[which]
    page = page_factory(SIZES["1280x720"])
    goto(page, app_url(app_server["url"], page_name, lang="en", **params))
    page.locator(SIDEBAR).hover()  # Streamlit shows its fold button while the pointer is over the sidebar
    page.locator('[data-testid="stSidebarCollapseButton"] button').first.click()
    page.wait_for_function(
        "(sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return r.right <= 0; }", arg=SIDEBAR
    )
    check_names(page, which, "beside", f"list-names-{which}-1280x720-folded")


@pytest.mark.parametrize(
    ("size", "lang"), [("1280x720", "zh"), ("390x844", "en"), ("768x1024", "zh"), ("1440x900", "en")]
)
def test_a_link_over_the_map_leads_to_the_results_under_it(page_factory, app_server, size, lang):
    """Where the results stand under the map, out of sight, a link in the chips' row says so and scrolls to them."""
    page = page_factory(SIZES[size])
    goto(page, app_url(app_server["url"], q="花田", **({"lang": "en"} if lang == "en" else {})))
    page.locator(f".st-key-search_list {GRID}").wait_for()
    link = page.locator(".st-key-cm_chips a.cm-jump")
    if size in BESIDE:
        expect(link).to_be_hidden()  # beside the map the list is in sight
        return
    expected = {"zh": "↓ 地图下方列出 12 项结果", "en": "↓ 12 results listed below the map"}[lang]  # by hand
    expect(link).to_have_text(expected)
    if size != "390x844":  # by hand: the link is no taller than a chip, so the map's foot stays in the window
        frame = page.locator(LISTS["search"][3]).bounding_box()
        assert frame["y"] + frame["height"] <= SIZES[size]["height"], frame
    heading = page.locator("#cm-search-results")
    assert not in_view(page, heading), "out of sight before the click"
    link.click()
    page.wait_for_function(
        "() => { const r = document.querySelector('#cm-search-results').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    screenshot(page, f"list-link-{size}-{lang}")
    assert console_problems(page) == [] and exceptions_on_page(page) == []


def in_view(page, locator) -> bool:
    """Whether the element's box lies inside the window."""
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]
