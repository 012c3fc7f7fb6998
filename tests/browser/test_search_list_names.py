"""A search's results show their names, wherever the list stands: beside the map or under it, sidebar open.

Beside the map the list has 2/7 of the map's row. With the sidebar open that was ~220 px at 1280x720
and ~265 px at 1440x900: status and years (first, so that they stay in view) took it and left each
name two or three characters. The grid draws on a canvas and its header cells have no boxes of their
own, so the test reads the header's own canvas: the header words are the runs of dark pixels along
it, in column order (status, years, name, ...; see test_search_list_columns.py), and the name column
shows what lies between the start of its header word and the start of the next one (or the grid's
edge). Expectation by hand: at least 150 px, ten Chinese characters at the grid's 14 px or some
twenty Latin letters; the longest name of the 花田 search is 19 characters.
"""

from __future__ import annotations

import pytest
from conftest import app_url, console_problems, exceptions_on_page, goto, screenshot

pytestmark = pytest.mark.browser

SIZES = {  # the five sizes of the guide, in the app's ordinary mode (presenter mode lists nothing)
    "1440x900": {"width": 1440, "height": 900},
    "1280x720": {"width": 1280, "height": 720},
    "1920x1080": {"width": 1920, "height": 1080},
    "768x1024": {"width": 768, "height": 1024},
    "390x844": {"width": 390, "height": 844},
}
NAME_PX = 150  # by hand: ten Chinese characters at 14 px
# A known gap: on a desk with the sidebar open the list stands beside the map, as docs/pages.md promises and the
# search, planner and hostile-panel tests hold, and its 2/7 of the row leaves names ~25 px (1280x720) and ~71 px
# (1440x900). Putting it under the map there broke "beside it on a desk"; a wider column narrows the map. Strict:
# it reports when it starts passing.
NAMES_CUT_BESIDE_THE_MAP = {"1440x900", "1280x720"}
GRID = ".st-key-search_list [data-testid='stDataFrame']"
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


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_every_result_shows_its_name_with_the_sidebar_open(page_factory, app_server, size, lang, request):
    if size in NAMES_CUT_BESIDE_THE_MAP:
        request.applymarker(pytest.mark.xfail(strict=True, reason="names cut in the list beside the map (known)"))
    page = page_factory(SIZES[size])
    goto(page, app_url(app_server["url"], q="花田", **({"lang": "en"} if lang == "en" else {})))
    open_sidebar(page)
    page.locator(GRID).scroll_into_view_if_needed()
    page.wait_for_function(
        f"(sel) => {{ const s = ({HEADER_WORDS_JS})(sel); return s && s.words.length >= 3; }}", arg=GRID
    )
    seen = page.evaluate(HEADER_WORDS_JS, GRID)
    words = [[start / seen["scale"], end / seen["scale"]] for start, end in seen["words"]]
    name_starts = words[2][0]  # status, years, name
    name_ends = words[3][0] if len(words) > 3 else seen["width"]
    screenshot(page, f"search-names-{size}-{lang}")
    assert name_ends - name_starts >= NAME_PX, (size, lang, words, seen["width"])
    assert console_problems(page) == [] and exceptions_on_page(page) == []
