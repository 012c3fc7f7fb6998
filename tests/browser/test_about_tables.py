"""The About page's tables are read whole: every meaning, rule and source wraps inside its cell.

They were data grids, which cut each cell to one line: on a phone "Only the township is known: drawn i…",
at 1280x720 the inferred precision's meaning lost its end. Expectations by hand: each cell's text fits its
cell, the table fits the page's width, and a sentence of the data reads whole, with nothing escaped showing.
"""

from __future__ import annotations

import pytest
from conftest import app_url, goto, screenshot

pytestmark = pytest.mark.browser

SIZES = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 720}}
# The meaning of the inferred precision (schema's vocabulary, copied by hand): its end was cut at both sizes.
WHOLE = {
    "zh": "画成空心虚线圆点或点线，并非实际地点",
    "en": "drawn as a hollow dashed dot or a dotted line, not at the site",
}
OVERFLOWING_CELLS_JS = """() => {
  const width = document.documentElement.clientWidth;
  const cells = [...document.querySelectorAll('[data-testid="stTable"] th, [data-testid="stTable"] td')];
  return {
    cells: cells.length,
    cut: cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.innerText),
    beyond: cells.filter((c) => c.getBoundingClientRect().right > width + 1).map((c) => c.innerText),
    text: cells.map((c) => c.innerText).join('\\n'),
  };
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_every_cell_of_the_about_tables_is_read_whole(page_factory, app_server, size, lang):
    page = page_factory(SIZES[size])
    goto(page, app_url(app_server["url"], "数据说明", **({"lang": "en"} if lang == "en" else {})))
    page.locator('[data-testid="stTable"]').nth(2).wait_for()  # sources, precision levels, status rules
    seen = page.evaluate(OVERFLOWING_CELLS_JS)
    screenshot(page, f"about-tables-{size}-{lang}")
    assert seen["cells"] >= 3 * 2 + 8 * 2, "three tables, eight precision levels"
    assert seen["cut"] == [] and seen["beyond"] == [], seen
    assert WHOLE[lang] in seen["text"].replace("\n", "")
    assert "\\" not in seen["text"], "Markdown escapes read as themselves, never shown"
