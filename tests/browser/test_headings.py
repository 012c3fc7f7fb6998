"""Every page's title is its largest heading, and the statistics page's headline labels are read whole.

Streamlit draws ``st.header`` and ``st.subheader`` at 2.25 and 1.75 rem, and the pages' compact title at
1.6 rem (page.css): the statistics page's "报告中的主要指标" stood larger than its title "统计", and the
township page's "地图" as large as its title. ``st.metric`` cut its labels with an ellipsis
("地区生产总值增速目标（目…" at 1280x720), with no way to read the rest.
"""

from __future__ import annotations

import pytest
from conftest import MOBILE, PAGES, app_url, goto, screenshot

pytestmark = pytest.mark.browser

SIZES = {"desk": {"width": 1280, "height": 720}, "phone": MOBILE}
HEADINGS_JS = """() => {
    const size = (el) => parseFloat(getComputedStyle(el).fontSize);
    const title = document.querySelector('h1');
    const others = [...document.querySelectorAll('h2, h3')].filter(el => el.getBoundingClientRect().height > 0);
    return {title: size(title), largest: Math.max(0, ...others.map(size)),
            which: others.filter(el => size(el) >= size(title)).map(el => el.textContent.trim())};
}"""
CUT_LABELS_JS = """() => [...document.querySelectorAll('[data-testid="stMetricLabel"] *')]
    .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.textContent)"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page_name", [name for name in PAGES if name != "map"])
def test_the_title_is_the_largest_heading(page_factory, app_server, page_name, size):
    page = page_factory(SIZES[size])
    goto(page, app_url(app_server["url"], page_name))
    seen = page.evaluate(HEADINGS_JS)
    assert seen["largest"] < seen["title"], seen


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_headline_labels_are_never_cut(page_factory, app_server, size, lang):
    page = page_factory(SIZES[size])
    goto(page, app_url(app_server["url"], "统计", **({"lang": "en"} if lang == "en" else {})))
    assert page.locator('[data-testid="stMetricLabel"]').count() >= 8  # the report's headline figures
    assert page.evaluate(CUT_LABELS_JS) == []
    screenshot(page, f"stats-headline-{size}-{lang}")


# Each chart's category labels (the y axis) and bars, in page pixels.
CHART_ROWS_JS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg')].map(svg => ({
    labels: [...svg.querySelectorAll('.role-axis-label text')].map(el => el.getBoundingClientRect())
        .map(r => ({top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height})),
    cut: [...svg.querySelectorAll('.role-axis-label text')].map(el => el.textContent).filter(t => t.endsWith('…')),
    bars: [...svg.querySelectorAll('.role-mark path')].map(el => el.getBoundingClientRect().height),
}))"""


def _overlapping(boxes: list[dict]) -> int:
    """Pairs of boxes that overlap by more than a pixel both ways."""
    return sum(
        1
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 1
        and min(a["right"], b["right"]) - max(a["left"], b["left"]) > 1
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_charts_labels_stand_apart_and_its_bars_are_drawn(page_factory, app_server, lang):
    """Streamlit's autosize squeezed the axis and legend into a chart's height: the amount charts (1-5 bars)
    drew bars 3-6 px high under labels written over each other, the township chart's bars were 7.5 px; an
    amount's label was cut before its figure ("…（2023年）：136亿…")."""
    page = page_factory(SIZES["desk"])
    goto(page, app_url(app_server["url"], "统计", **({"lang": "en"} if lang == "en" else {})))
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.last.scroll_into_view_if_needed()
    page.wait_for_function(
        "(n) => document.querySelectorAll('[data-testid=stVegaLiteChart] svg .role-mark').length >= n",
        arg=charts.count(),
    )
    for index, chart in enumerate(page.evaluate(CHART_ROWS_JS)):
        assert _overlapping(chart["labels"]) == 0, f"chart {index}: labels overlap"
        assert chart["cut"] == [], f"chart {index}: a label lost its end (an amount chart, its figure)"
        assert chart["bars"] and min(h for h in chart["bars"] if h > 0) >= 8, f"chart {index}: bars {chart['bars']}"
    screenshot(page, f"stats-charts-{lang}")
