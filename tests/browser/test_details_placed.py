"""Tooltips and popups cover nothing they are about, at 1440x900 and 390x844 in both languages.

* Every tooltip stays inside the map's frame: each township badge's (county view) and each dot's
  opened from the keyboard (its button focused, zoomed into the county town). Before, a badge at the
  top edge put its name above the frame, and a focused dot named itself nowhere.
* A clicked item's popup never covers what the click selects: once the app has selected the item and
  fitted its area, the popup is a card docked in a corner, and the card's box and the selection's box
  (``window.cmFit``, what the view was fitted to) overlap by at most :data:`TOLERANCE_PX`; the selection
  lies inside the frame. No tooltip is left open over it, and the card covers no other control. The card
  names the clicked item (its name read from projects.csv). On a phone the card is a sheet across the
  frame's foot: the frame's width (less its margins), at most 40 % of its height. Before, it was a card
  in the top left corner taking three quarters of the frame's width, and in 2 of 5 runs the selection was
  left unfitted under it: a popup's autopan, reported as the reader's move, set the view back after the fit.
"""

from __future__ import annotations

import oracle
import pytest
from conftest import MAP_IFRAME, ROOT, console_problems, exceptions_on_page, screenshot, wait_for_app
from test_map_zoomed import GO_JS

from countymap.bench.live import MAP_AT_REST_JS

pytestmark = pytest.mark.browser

SIZES = ["desk", "phone"]  # 1440x900 and 390x844 (conftest.VIEWPORTS)
TOLERANCE_PX = 2  # a card's shadow may touch the selection's edge, no more
ZOOM = 12  # the county town's dots fill the frame, many of them at its edges

# How far each tooltip runs out of the map's frame (px, per side), for every badge opened in turn
# or every dot's keyboard button focused in turn; ``opened`` counts the tooltips that showed at all.
BADGE_TIPS_JS = """() => {
    const f = window.map.getContainer().getBoundingClientRect(), out = [];
    window.cmAtlas.badges.getLayers().filter(m => m._icon).forEach(m => {
        m.openTooltip();
        const tip = m.getTooltip(), el = tip && tip.isOpen() && tip.getElement();
        if (el) {
            const b = el.getBoundingClientRect();
            out.push({what: m.feature.properties.townships.join("+"), left: f.left - b.left, right: b.right - f.right,
                      top: f.top - b.top, bottom: b.bottom - f.bottom});
        }
        m.closeTooltip();
    });
    return out;
}"""
DOT_TIPS_JS = """() => {
    const f = window.map.getContainer().getBoundingClientRect(), out = [];
    const keys = [...document.querySelectorAll(".cm-dot-key")];
    let stuck = 0;  // tooltips still open once their dot's button lost the focus
    const open = () => { const tips = []; window.map.eachLayer(l => { if (l instanceof L.Tooltip) { tips.push(l); } }); return tips; };
    keys.forEach(button => {
        button.focus();
        const tips = open(), el = tips.length === 1 && tips[0].getElement();  // a MultiPoint's: on its group
        if (el) {
            const b = el.getBoundingClientRect();
            out.push({what: String(button._cmDot.feature.properties.id), left: f.left - b.left,
                      right: b.right - f.right, top: f.top - b.top, bottom: b.bottom - f.bottom});
        }
        button.blur();
        stuck += open().length;
    });
    return {keys: keys.length, tips: out, stuck: stuck};
}"""


def _run_out(tips: list[dict]) -> list[tuple[str, float]]:
    """Tooltips that run out of the frame by more than half a pixel, and by how much."""
    worst = [(tip["what"], max(tip[side] for side in ("left", "right", "top", "bottom"))) for tip in tips]
    return [(what, round(by, 1)) for what, by in worst if by > 0.5]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_every_tooltip_stays_inside_the_frame(open_map, size, lang):
    page, frame = open_map(size, lang)
    badges = frame.evaluate(BADGE_TIPS_JS)
    assert len(badges) >= 20
    assert _run_out(badges) == []
    assert frame.evaluate(GO_JS, [ZOOM, "busiest"]) == ZOOM
    frame.wait_for_function("(z) => window.map.getZoom() === z && document.querySelector('.cm-dot-key')", arg=ZOOM)
    frame.wait_for_function(MAP_AT_REST_JS, polling=250)
    dots = frame.evaluate(DOT_TIPS_JS)
    assert dots["keys"] >= 10 and len(dots["tips"]) == dots["keys"], "every focused dot names itself in a tooltip"
    assert _run_out(dots["tips"]) == [] and dots["stuck"] == 0
    assert console_problems(page) == [] and exceptions_on_page(page) == []


# The dot nearest the frame's centre that the click can reach alone (no other dot within its hit radius).
CENTRAL_DOT_JS = """() => {
    const map = window.map, size = map.getSize(), c = {x: size.x / 2, y: size.y / 2};
    const shown = window.cmAtlas.dots.filter(d => map.hasLayer(d)).map(d => {
        const p = map.latLngToContainerPoint(d.getLatLng());
        return {id: String(d.feature.properties.id), x: p.x, y: p.y, d: Math.hypot(p.x - c.x, p.y - c.y)};
    });
    const alone = shown.filter(a => shown.every(b => b === a || Math.hypot(a.x - b.x, a.y - b.y) > 24));
    return alone.sort((a, b) => a.d - b.d)[0];
}"""
# The docked card, the selection's box (what the view was fitted to), and what is still open over the map.
PLACED_JS = """() => {
    const map = window.map, box = (el) => { const r = el.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
    const fit = window.cmFit, nw = map.latLngToContainerPoint([fit[1][0], fit[0][1]]);
    const se = map.latLngToContainerPoint([fit[0][0], fit[1][1]]), card = document.querySelector(".cm-card");
    return {card: card ? box(card) : null, title: card ? card.querySelector(".cm-popup-title").textContent : null,
            selection: {x: nw.x, y: nw.y, w: se.x - nw.x, h: se.y - nw.y}, size: map.getSize(),
            popups: document.querySelectorAll(".leaflet-popup").length,
            controls: [...document.querySelectorAll(".leaflet-control:not(.cm-card)")].map(box).filter(b => b.w && b.h),
            tooltips: (() => { let n = 0; map.eachLayer(l => { if (l instanceof L.Tooltip) { n += 1; } }); return n; })()};
}"""


def _overlap(a: dict, b: dict) -> tuple[float, float]:
    """Width and height of the overlap of two boxes (0 where they do not meet)."""
    w = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    h = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return max(0.0, w), max(0.0, h)


SHEET_SHARE = 0.4  # a phone's sheet takes at most this share of the frame's height
SHEET_MARGIN_PX = 10  # Leaflet's margin around a corner's controls, each side


def _inside(inner: dict, size: dict) -> bool:
    """Whether a box lies inside the frame (to a pixel)."""
    return (
        inner["x"] >= -1
        and inner["y"] >= -1
        and inner["x"] + inner["w"] <= size["x"] + 1
        and (inner["y"] + inner["h"] <= size["y"] + 1)
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_a_clicked_items_popup_docks_beside_what_it_selects(open_map, size, lang):
    page, frame = open_map(size, lang)
    county_fit = frame.evaluate("() => JSON.stringify(window.cmFit)")
    assert frame.evaluate(GO_JS, [ZOOM, "busiest"]) == ZOOM
    frame.wait_for_function("(z) => window.map.getZoom() === z && document.querySelector('.cm-dot-key')", arg=ZOOM)
    frame.wait_for_function(MAP_AT_REST_JS, polling=250)
    dot = frame.evaluate(CENTRAL_DOT_JS)
    origin = page.locator(MAP_IFRAME).bounding_box()
    page.mouse.click(origin["x"] + dot["x"], origin["y"] + dot["y"])
    frame.locator(".cm-card").wait_for()
    wait_for_app(page)
    frame.wait_for_function("(before) => JSON.stringify(window.cmFit) !== before", arg=county_fit)
    frame.wait_for_function(MAP_AT_REST_JS, polling=250)
    seen = frame.evaluate(PLACED_JS)
    screenshot(page, f"details-docked-{size}-{lang}")
    rows = {row["id"]: row for row in oracle.read_rows(ROOT / "projects.csv")}
    assert seen["title"] == rows[dot["id"]]["name_zh" if lang == "zh" else "name_en"]
    assert seen["popups"] == 0 and seen["tooltips"] == 0, "nothing but the card stays open over the selection"
    card, frame_size = seen["card"], seen["size"]
    width, height = _overlap(card, seen["selection"])
    assert min(width, height) <= TOLERANCE_PX, (card, seen["selection"])
    assert _inside(seen["selection"], frame_size), ("the selection is fitted into the frame", seen["selection"])
    assert [c for c in seen["controls"] if min(_overlap(card, c)) > 0] == [], "the card covers no other control"
    if size == "phone":  # a sheet across the foot
        assert card["w"] >= frame_size["x"] - 2 * SHEET_MARGIN_PX - 1 and card["h"] <= SHEET_SHARE * frame_size["y"] + 1
        assert frame_size["y"] - (card["y"] + card["h"]) <= SHEET_MARGIN_PX + 1, card
    # the selection still has the frame: at least a fifth of it each way
    assert seen["selection"]["w"] >= 0.2 * seen["size"]["x"] or seen["selection"]["h"] >= 0.2 * seen["size"]["y"]
    frame.locator(".cm-card-close").click()  # the reader closes the card
    frame.wait_for_function("() => !document.querySelector('.cm-card')")
    assert console_problems(page) == [] and exceptions_on_page(page) == []


POPUP_CLOSE_NAME_JS = """() => {
    const dot = window.cmAtlas.dots.find(d => window.map.hasLayer(d) && d.getPopup());
    dot.openPopup();
    const button = document.querySelector(".leaflet-popup-close-button");
    return [button.getAttribute("aria-label"), button.getAttribute("title")];
}"""


@pytest.mark.parametrize(("lang", "name"), [("zh", "关闭"), ("en", "Close")])  # by hand: not Leaflet's "Close popup"
def test_a_popups_close_button_is_named_in_the_readers_language(open_map, lang, name):
    page, frame = open_map("desk", lang)
    assert frame.evaluate(GO_JS, [ZOOM, "busiest"]) == ZOOM
    frame.wait_for_function("(z) => window.map.getZoom() === z && document.querySelector('.cm-dot-key')", arg=ZOOM)
    assert frame.evaluate(POPUP_CLOSE_NAME_JS) == [name, name]
    assert console_problems(page) == [] and exceptions_on_page(page) == []
