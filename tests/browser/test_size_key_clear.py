"""The size key covers no badge: badges sized by an amount (2023 planned investment), at the five sizes
(1440x900, 1280x720, 1920x1080 presenter, 768x1024, 390x844) in both languages.

Sized by money, the legend grows a size key (three circles and their amounts, a note on lower
bounds), so it is taller than with the count. The map is measured as it opens: no control (legend
with its size key, zoom, layers, attribution, scale) may cover a badge, a placed label or a badge's tap
target (a tap there would land on the control; at 768x1024 in English one did, under the legend). Where the
legend starts folded, the reader opens it with a click and the view makes room around it: nothing
covered, the county still at least :data:`MOST_ZOOM_GIVEN` levels as close as before, and the move is
the map's own (not reported as the reader's view: no rerun, no ``z`` in the address). No two badges
touch (their circles at least :data:`BADGE_GAP_PX` apart), folded or opened: before, 6-7 pairs touched on
a 390x844 phone with the legend opened (the county zoomed out to make room; a badge never shrinks below
what its number needs), and 3-4 pairs at 1280x720 in English (no fit of the whole county beside the
opened legend kept them apart; the county is now slid, its rim past the frame's edge).
"""

from __future__ import annotations

import itertools
import math

import pytest
from conftest import app_url, console_problems, exceptions_on_page, goto, map_frame, screenshot
from test_map_clear import MEASURE_JS, SIZES
from test_map_page import boxes_overlap

from countymap.bench.live import MAP_AT_REST_JS

pytestmark = pytest.mark.browser

MONEY = "planned_for_2023"  # an investment kind the report gives for items in many townships
# The size key's circles as drawn, and the radii of the badges (sized by money, they differ).
SIZE_KEY_JS = """() => ({
    steps: [...document.querySelectorAll('.cm-size-key svg')].map(s => s.getBoundingClientRect().width),
    open: !!document.querySelector('.cm-legend details[open]'),
    radii: window.cmAtlas.badges.getLayers().filter(m => m._icon)
        .map(m => Math.round(m._icon.querySelector('svg').getBoundingClientRect().width)),
})"""
# Making room for the opened legend may cost the county at most this much zoom (0.75 levels: its width at least
# 59 %); measured 0.25-0.5 at the five sizes.
MOST_ZOOM_GIVEN = 0.75
ZOOM_JS = "() => window.map.getZoom()"
BADGE_GAP_PX = 1  # two badges never touch: at least this much map between their circles
# Each badge's tap target (its icon, at least 40 px across: test_readable), in the frame's pixels.
TAP_TARGETS_JS = """() => window.cmAtlas.badges.getLayers().filter(m => m._icon).map(m => {
    const r = m._icon.getBoundingClientRect();
    return {x: r.left, y: r.top, w: r.width, h: r.height, what: m.feature.properties.townships.join("+")};
})"""


def open_sized_map(page_factory, app_server, size: str, lang: str):
    """The map page at ``size`` in ``lang`` with badges sized by :data:`MONEY`, its controls placed."""
    viewport, extra = SIZES[size]
    page = page_factory(viewport)
    goto(page, app_url(app_server["url"], size=MONEY, **({"lang": "en"} if lang == "en" else {}), **extra))
    frame = map_frame(page)
    frame.wait_for_function("() => window.cmAtlas && document.querySelector('.leaflet-control-layers')", polling=100)
    frame.wait_for_function("() => new Promise(done => setTimeout(() => done(true), 0))")
    return page, frame


def touching(seen: dict) -> list[tuple[str, str, float]]:
    """Pairs of badges (circles as drawn) less than :data:`BADGE_GAP_PX` apart, with their gap."""
    circles = [(b["what"], b["x"] + b["w"] / 2, b["y"] + b["h"] / 2, b["w"] / 2) for b in seen["badges"]]
    pairs = []
    for (a, ax, ay, ar), (b, bx, by, br) in itertools.combinations(circles, 2):
        gap = math.hypot(ax - bx, ay - by) - ar - br
        if gap < BADGE_GAP_PX:
            pairs.append((a, b, round(gap, 1)))
    return pairs


def covered(seen: dict, targets: list[dict] = ()) -> list[tuple[str, str]]:
    """(control, badge, label or badge's tap target) pairs whose boxes overlap (a tap there lands on the control)."""
    return [
        (control["what"], thing["what"])
        for control, thing in itertools.product(seen["controls"], seen["badges"] + seen["labels"] + list(targets))
        if boxes_overlap(control, thing)
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_size_key_covers_no_badge(page_factory, app_server, size, lang):
    page, frame = open_sized_map(page_factory, app_server, size, lang)
    key = frame.evaluate(SIZE_KEY_JS)
    assert key["steps"], "sized by money, the legend has a size key"
    assert len(set(key["radii"])) >= 2, f"badges sized by money differ in size: {sorted(set(key['radii']))}"
    seen, targets = frame.evaluate(MEASURE_JS), frame.evaluate(TAP_TARGETS_JS)
    assert len(seen["badges"]) >= 20
    assert covered(seen, targets) == []
    assert touching(seen) == []
    screenshot(page, f"size-key-{size}-{lang}")
    assert console_problems(page) == [] and exceptions_on_page(page) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_opened_size_key_covers_no_badge(page_factory, app_server, size, lang):
    """Where the legend starts folded, the reader opens it and the map makes room around it."""
    page, frame = open_sized_map(page_factory, app_server, size, lang)
    if frame.evaluate(SIZE_KEY_JS)["open"]:
        return  # open from the start: measured by the test above
    folded_zoom = frame.evaluate(ZOOM_JS)
    frame.locator(".cm-legend summary").click()
    frame.wait_for_function("() => document.querySelector('.cm-legend details').open")
    frame.wait_for_function(MAP_AT_REST_JS, polling=250)
    opened, targets = frame.evaluate(MEASURE_JS), frame.evaluate(TAP_TARGETS_JS)  # measured before the shot resizes
    screenshot(page, f"size-key-{size}-{lang}-opened")
    assert covered(opened, targets) == []
    assert touching(opened) == [], f"badges touch with the legend open at zoom {frame.evaluate(ZOOM_JS)}"
    assert len(opened["badges"]) >= 20
    assert frame.evaluate(ZOOM_JS) >= folded_zoom - MOST_ZOOM_GIVEN
    assert "z=" not in page.url, "the map's own fit is not the reader's view"
    assert console_problems(page) == [] and exceptions_on_page(page) == []
