"""A search's result list keeps each item's status and year in view, at every size but presenter mode
(which lists nothing) and in both languages.

The list sits in the narrow column beside the map on a desk (under it on a phone). Before, a 200-px
name pushed the status column past the grid's right edge at 1440x900. The grid draws on a canvas; its
accessible table names the columns it shows, each header cell with its box: the status and year
headers must lie inside the grid's box. Expectations by hand: the header words of 状态 / 年份.
"""

from __future__ import annotations

import pytest
from conftest import app_url, console_problems, exceptions_on_page, goto, screenshot
from test_map_clear import SIZES

pytestmark = pytest.mark.browser

HEADERS = {"zh": ("状态", "年份"), "en": ("Status", "Years")}  # by hand: the list's column titles
GRID = ".st-key-search_list [data-testid='stDataFrame']"
HEADER_BOXES_JS = """(sel) => {
    const grid = document.querySelector(sel), box = (el) => {
        const r = el.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
    return {grid: box(grid), heads: [...grid.querySelectorAll('[role="columnheader"]')]
        .map(h => Object.assign(box(h), {text: h.textContent.trim()}))};
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [s for s in SIZES if "presenter" not in s])
def test_status_and_year_stay_in_the_result_lists_box(page_factory, app_server, size, lang):
    viewport, _ = SIZES[size]
    page = page_factory(viewport)
    goto(page, app_url(app_server["url"], q="花田", **({"lang": "en"} if lang == "en" else {})))
    page.locator(GRID).wait_for()
    page.locator(GRID).scroll_into_view_if_needed()
    seen = page.evaluate(HEADER_BOXES_JS, GRID)
    grid = seen["grid"]
    for title in HEADERS[lang]:
        head = next((h for h in seen["heads"] if h["text"] == title), None)
        assert head is not None, (title, [h["text"] for h in seen["heads"]])
        assert head["w"] > 0 and grid["x"] <= head["x"] and head["x"] + head["w"] <= grid["x"] + grid["w"] + 0.5, (
            title,
            head,
            grid,
        )
    screenshot(page, f"search-list-{size}-{lang}")
    assert console_problems(page) == [] and exceptions_on_page(page) == []
