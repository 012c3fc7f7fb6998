"""Presenter mode: the room reads the whole title, at every frame size, in both languages.

Expectation by hand: at 390x844 the title (酉阳县 2023 年政府工作报告 · 项目地图, about 550 px wide at the
presenter's size; in English about 660 px) cannot stand on one line of a 364-px column, so it wraps to two
lines rather than end in "…"; on the wider frames it stays on one line. Everywhere: nothing of it is cut
(scrollWidth <= clientWidth, scrollHeight <= clientHeight), its letters are at least 18 px (the presenter's
floor), no control (the language switch, the filter drawer's button) stands on its text, and the chips and
the map start under it.
"""

from __future__ import annotations

import pytest
from conftest import MAP_IFRAME, app_url, goto, map_frame, screenshot

pytestmark = pytest.mark.browser

SIZES = {
    "390x844": {"width": 390, "height": 844},
    "768x1024": {"width": 768, "height": 1024},
    "1440x900": {"width": 1440, "height": 900},
    "1920x1080": {"width": 1920, "height": 1080},
}
TITLE_JS = """() => {
    const h = document.querySelector("h1"), range = document.createRange();
    range.selectNodeContents(h);
    const box = el => { const r = el.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
    const lines = new Set([...range.getClientRects()].filter(r => r.width > 20).map(r => Math.round(r.top)));
    return {sw: h.scrollWidth, cw: h.clientWidth, sh: h.scrollHeight, ch: h.clientHeight,
        size: parseFloat(getComputedStyle(h).fontSize), lines: lines.size, title: box(h),
        text: [...range.getClientRects()].map(r => ({l: r.left, t: r.top, r: r.right, b: r.bottom})),
        controls: [...document.querySelectorAll(".st-key-cm_presenter_lang label, .st-key-cm_filter_drawer button")]
            .map(box),
        chips: box(document.querySelector(".st-key-cm_chips")),
        map: box(document.querySelector('iframe[title="streamlit_folium.st_folium"]'))};
}"""


def edges_overlap(a: dict, b: dict) -> bool:
    """Whether two boxes (``l``, ``t``, ``r``, ``b``) share more than a 1-px edge."""
    return a["l"] < b["r"] - 1 and b["l"] < a["r"] - 1 and a["t"] < b["b"] - 1 and b["t"] < a["b"] - 1


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_presenter_title_is_read_whole(page_factory, app_server, size, lang):
    page = page_factory(SIZES[size])
    language = {"lang": "en"} if lang == "en" else {}
    goto(page, app_url(app_server["url"], present="1", status="in_progress", **language))
    page.locator(MAP_IFRAME).first.wait_for()
    map_frame(page)
    seen = page.evaluate(TITLE_JS)
    screenshot(page, f"presenter-title-{size}-{lang}")
    assert seen["sw"] <= seen["cw"] and seen["sh"] <= seen["ch"], f"the title is cut: {seen}"
    assert seen["size"] >= 18, seen
    assert seen["lines"] <= (2 if SIZES[size]["width"] < 641 else 1), seen
    covered = [(c, r) for c in seen["controls"] for r in seen["text"] if edges_overlap(c, r)]
    assert covered == [], f"a control stands on the title: {covered}"
    assert seen["chips"]["t"] >= seen["title"]["b"] - 1 and seen["map"]["t"] >= seen["chips"]["b"] - 1, seen
