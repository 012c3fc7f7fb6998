"""What a screen reader hears of the 统计 page's bars is in the page's language.

Vega names each bar "label: 龙潭镇; value: 5; series: 2023", a "bar", in English whatever the page.
Each bar's ``aria-label`` and ``aria-roledescription`` is read here: on the Chinese page no English
word is left, and each bar says its row, year and count under the page's own titles (by hand:
项目数 / Items). (Vega's own words for an axis or a mark's container, "axis" and "… mark container",
cannot be set from a chart; the axes' labels are ours.)
"""

from __future__ import annotations

import re

import pytest
from conftest import app_url, console_problems, exceptions_on_page, goto, screenshot

pytestmark = pytest.mark.browser

# What each bar of the charts says to a screen reader, and what it calls itself.
CHART_ARIA_JS = """() => {
    const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg')];
    const bars = charts.flatMap(svg => [...svg.querySelectorAll('path[role="graphics-symbol"]')])
        .map(el => ({label: el.getAttribute("aria-label"), role: el.getAttribute("aria-roledescription")}));
    return {charts: charts.length, bars};
}"""
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
COUNT_TITLE = {"zh": "项目数", "en": "Items"}  # by hand: the count's title on the 统计 page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_bars_speak_the_pages_language(page, app_server, lang):
    goto(page, app_url(app_server["url"], "统计", **({"lang": "en"} if lang == "en" else {})))
    page.wait_for_function(
        '() => document.querySelectorAll(\'[data-testid="stVegaLiteChart"] svg [role="graphics-symbol"]\').length > 20'
    )
    seen = page.evaluate(CHART_ARIA_JS)
    assert seen["charts"] >= 3 and len(seen["bars"]) >= 20
    counted = [bar for bar in seen["bars"] if COUNT_TITLE[lang] in (bar["label"] or "")]
    assert len(counted) >= 20, seen["bars"][:5]  # the sector, status and township charts' bars
    if lang == "zh":
        said = [bar["label"] or "" for bar in seen["bars"]] + [bar["role"] or "" for bar in seen["bars"]]
        english = sorted({text for text in said if ENGLISH_WORD.search(text)})
        assert english == []
        assert all(bar["role"] == "条形" for bar in seen["bars"])
    else:
        assert all(bar["role"] == "bar" for bar in seen["bars"])
    screenshot(page, f"stats-{lang}")
    assert console_problems(page) == [] and exceptions_on_page(page) == []
