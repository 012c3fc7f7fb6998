"""Nothing covers the map's content: no control (legend, zoom, layers, the undrawn-items link,
attribution, scale) covers a township badge or a placed label at the default view, at 1440x900,
1280x720, 1920x1080 (presenter), 768x1024 and 390x844 in both languages, and the scale bar never
sits under the attribution.
"""

from __future__ import annotations

import itertools

import pytest
from conftest import app_url, console_problems, exceptions_on_page, goto, map_frame, screenshot
from test_map_page import boxes_overlap

pytestmark = pytest.mark.browser

SIZES = {
    "1440x900": ({"width": 1440, "height": 900}, {}),
    "1280x720": ({"width": 1280, "height": 720}, {}),
    "1920x1080-presenter": ({"width": 1920, "height": 1080}, {"present": "1"}),
    "768x1024": ({"width": 768, "height": 1024}, {}),
    "390x844": ({"width": 390, "height": 844}, {}),
}

MEASURE_JS = """() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
    const named = (el) => Object.assign(box(el), {what: el.className.split(" ").filter(c => c !== "leaflet-control")[0]});
    const controls = [...document.querySelectorAll(".leaflet-control")].map(named).filter(b => b.w && b.h);
    const badges = window.cmAtlas.badges.getLayers().filter(m => m._icon)
        .map(m => Object.assign(box(m._icon.querySelector("svg")), {what: m.feature.properties.townships.join("+")}));
    const labels = [...document.querySelectorAll(".cm-label")].filter(el => el.style.display !== "none")
        .map(el => Object.assign(box(el), {what: el.textContent}));
    const part = (sel) => { const el = document.querySelector(sel); return el ? box(el) : null; };
    return {controls, badges, labels, scale: part(".leaflet-control-scale"),
            credit: part(".leaflet-control-attribution")};
}"""


def open_map(page_factory, app_server, size: str, lang: str):
    """The map page at one of :data:`SIZES` in ``lang``, once its controls are all placed; returns (page, frame)."""
    viewport, extra = SIZES[size]
    page = page_factory(viewport)
    goto(page, app_url(app_server["url"], **({"lang": "en"} if lang == "en" else {}), **extra))
    frame = map_frame(page)
    frame.wait_for_function("() => window.cmAtlas && document.querySelector('.leaflet-control-layers')", polling=100)
    frame.wait_for_function("() => new Promise(done => setTimeout(() => done(true), 0))")
    return page, frame


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_no_control_covers_a_badge_or_a_label(page_factory, app_server, size, lang):
    page, frame = open_map(page_factory, app_server, size, lang)
    seen = frame.evaluate(MEASURE_JS)
    assert len(seen["badges"]) >= 20 and len(seen["labels"]) >= 20
    covered = [
        (control["what"], thing["what"])
        for control, thing in itertools.product(seen["controls"], seen["badges"] + seen["labels"])
        if boxes_overlap(control, thing)
    ]
    assert covered == []
    assert seen["scale"] and seen["credit"] and not boxes_overlap(seen["scale"], seen["credit"])
    if "presenter" in size:  # readable from 3 m: every label and the legend at least 18 px
        sizes = frame.evaluate(
            "() => [...document.querySelectorAll('.cm-label, .cm-legend')]"
            ".map(el => parseFloat(getComputedStyle(el).fontSize))"
        )
        assert sizes and min(sizes) >= 18, sizes
    screenshot(page, f"clear-{size}-{lang}")
    assert console_problems(page) == [] and exceptions_on_page(page) == []
