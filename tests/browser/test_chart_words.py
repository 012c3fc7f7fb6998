"""What a screen reader hears of the 统计 page's bars is in the page's language.

Vega names each bar "label: 龙潭镇; value: 5; series: 2023", a "bar", in English whatever the page.
Each bar's ``aria-label`` and ``aria-roledescription`` is read here: on the Chinese page no English
word is left, and each bar says its row, year and count under the page's own titles (by hand:
项目数 / Items). Vega's own role words for the chart, its axes and its mark containers ("visualization",
"axis", "rect mark container", "group mark container") cannot be set from a chart: every
``aria-roledescription`` inside a chart is read too, in Chinese none holds a Latin word and in English
none a Chinese character, and the axes keep their names (by hand: 坐标轴 / Axis).
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
# Every role word inside a chart (the chart's own box, its groups, axes and bars), and the axes' names.
ROLES_JS = """() => {
    const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
    const roles = charts.flatMap(chart => [chart, ...chart.querySelectorAll('[aria-roledescription]')])
        .map(el => el.getAttribute("aria-roledescription")).filter(Boolean);
    const axes = charts.flatMap(chart => [...chart.querySelectorAll('g.role-axis[aria-label]')])
        .map(el => el.getAttribute("aria-label"));
    return {roles, axes};
}"""
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
AXIS_WORD = {"zh": "坐标轴", "en": "Axis"}  # by hand: how each axis's name begins
COUNT_TITLE = {"zh": "项目数", "en": "Items"}  # by hand: the count's title on the 统计 page


def open_charts(page, base: str, lang: str) -> None:
    """Open the 统计 page in ``lang`` and wait until its charts have drawn their bars."""
    goto(page, app_url(base, "统计", **({"lang": "en"} if lang == "en" else {})))
    page.wait_for_function(
        '() => document.querySelectorAll(\'[data-testid="stVegaLiteChart"] svg [role="graphics-symbol"]\').length > 20'
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_bars_speak_the_pages_language(page, app_server, lang):
    open_charts(page, app_server["url"], lang)
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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_role_words_speak_the_pages_language(page, app_server, lang):
    open_charts(page, app_server["url"], lang)
    seen = page.evaluate(ROLES_JS)
    assert len(seen["roles"]) >= 20 and len(seen["axes"]) >= 6, seen
    foreign = ENGLISH_WORD if lang == "zh" else CHINESE
    assert sorted({role for role in seen["roles"] if foreign.search(role)}) == []
    assert all(axis.startswith(AXIS_WORD[lang]) for axis in seen["axes"]), seen["axes"]  # still named, not hidden
    assert console_problems(page) == [] and exceptions_on_page(page) == []
