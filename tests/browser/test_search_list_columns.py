"""A search's result list keeps each item's status and year in view, at every size but presenter mode
(which lists nothing) and in both languages.

The list sits in the narrow column beside the map on a desk (under it on a phone). Before, a 200-px
name pushed the status column past the grid's right edge at 1440x900 (264 px wide). The grid draws on
a canvas, and the header cells of its accessible table have no boxes of their own (measured: 0 x 0),
so the test reads the columns' order there (``aria-colindex``): status and year come first, before the
name, and the grid's box holds them at Streamlit's documented "small" width (75 px each) beside the
row-select column. Expectations by hand: the header words 状态 / 年份 / 名称.
"""

from __future__ import annotations

import pytest
from conftest import app_url, console_problems, exceptions_on_page, goto, screenshot
from test_map_clear import SIZES

pytestmark = pytest.mark.browser

HEADERS = {"zh": ("状态", "年份", "名称"), "en": ("Status", "Years", "Name")}  # by hand: status, year, name
SMALL_PX, ROW_SELECT_PX = 75, 40  # Streamlit's "small" column width (documented); the row-select column, at most
GRID = ".st-key-search_list [data-testid='stDataFrame']"
HEADER_BOXES_JS = """(sel) => {
    const grid = document.querySelector(sel), box = (el) => {
        const r = el.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
    return {grid: box(grid), heads: [...grid.querySelectorAll('[role="columnheader"]')]
        .map(h => ({text: h.textContent.trim(), at: Number(h.getAttribute("aria-colindex"))}))};
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [s for s in SIZES if "presenter" not in s])
def test_status_and_year_stay_in_the_result_lists_box(page_factory, app_server, size, lang):
    viewport, _ = SIZES[size]
    page = page_factory(viewport)
    goto(page, app_url(app_server["url"], q="花田", **({"lang": "en"} if lang == "en" else {})))
    page.locator(GRID).wait_for()
    page.locator(GRID).scroll_into_view_if_needed()
    page.wait_for_function("(sel) => document.querySelector(sel).querySelector('[role=columnheader]')", arg=GRID)
    seen = page.evaluate(HEADER_BOXES_JS, GRID)
    at = {head["text"]: head["at"] for head in seen["heads"]}
    status, year, name = HEADERS[lang]
    assert status in at and year in at, at
    first = sorted(at.values())[:2]
    assert sorted([at[status], at[year]]) == first, at  # status and year before every other column
    assert name not in at or at[name] > max(at[status], at[year]), at
    assert seen["grid"]["w"] >= ROW_SELECT_PX + 2 * SMALL_PX, seen["grid"]
    screenshot(page, f"search-list-{size}-{lang}")
    assert console_problems(page) == [] and exceptions_on_page(page) == []
