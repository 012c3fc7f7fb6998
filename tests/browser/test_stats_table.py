"""The statistics page's table of all the report's indicators is read whole, on a phone and on a desk.

It was a data grid, which cut each cell to one line: on a phone the longest names ("Annual investment target of
major and key projects (Target)") and their figures lost their ends. Expectations by hand from indicators.csv
(69 rows, three columns: year, name, value): every cell's text fits its cell, the table fits the page's
width, and the names and figures read whole with their units and qualifiers (以上 / at least), nothing
escaped showing.
"""

from __future__ import annotations

import pytest
from conftest import app_url, goto, screenshot
from test_about_tables import OVERFLOWING_CELLS_JS

pytestmark = pytest.mark.browser

SIZES = {"phone": {"width": 390, "height": 844}, "desk": {"width": 1440, "height": 900}}
INDICATORS = 69  # rows of indicators.csv
# By hand from indicators.csv: the longest English name, and a target stated as a floor (实现农业总产值78.5亿元以上).
WHOLE = {
    "zh": ("重大重点项目年度投资目标", "78.5亿元以上"),
    "en": ("Annual investment target of major and key projects", "At least ¥7.85 billion"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_every_indicator_of_the_statistics_table_is_read_whole(page_factory, app_server, size, lang):
    page = page_factory(SIZES[size])
    goto(page, app_url(app_server["url"], "统计", **({"lang": "en"} if lang == "en" else {})))
    # "全部 · 69" / "All · 69" under the headline tiles opens the table
    expander = page.locator('[data-testid="stExpander"]', has_text=f"· {INDICATORS}")
    expander.locator("summary").click()
    expander.locator(':is([data-testid="stTable"], [data-testid="stDataFrame"])').first.wait_for()
    assert expander.locator('[data-testid="stTable"]').count() == 1, "a data grid cuts each cell to one line"
    seen = page.evaluate(OVERFLOWING_CELLS_JS)
    screenshot(page, f"stats-table-{size}-{lang}")
    assert seen["cells"] == (INDICATORS + 1) * 3, "a header and 69 indicators, three columns"
    assert seen["cut"] == [] and seen["beyond"] == [], seen
    text = seen["text"].replace("\n", "")
    assert all(words in text for words in WHOLE[lang]), WHOLE[lang]
    assert "\\" not in seen["text"], "Markdown escapes read as themselves, never shown"
