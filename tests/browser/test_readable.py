"""Readable from a desk, a phone and 3 m: badge numbers, tap targets and page titles.

At 1440x900, 1280x720, 1920x1080 (presenter), 768x1024 and 390x844 in both languages:

* every badge's number is at least 12 px (18 px in presenter mode), its colour against the badge's
  centre at least 4.5:1 (WCAG AA, from the computed colours), and its ink (measured in the page's
  own font) lies wholly on the white centre, inside the ring of statuses;
* every badge's tap target is at least 40 px across, and a click anywhere in one goes to the badge
  whose centre is nearest (so a larger target never takes a neighbour's click);
* every page's title (h1) starts below Streamlit's header, so no line of it is clipped.
"""

from __future__ import annotations

import math

import pytest
from conftest import PAGES, app_url, console_problems, exceptions_on_page, goto, screenshot
from test_map_clear import SIZES, open_map  # the five sizes, and the map at one of them

pytestmark = pytest.mark.browser

HIT_PX = 40  # the guide's tap size for the map's badges (WCAG's enhanced target size is 44 px)

# Per badge: its centre and radius, its tap target, the number's font size and colours, the ring's width
# and the ink box of the number (measured with a canvas in the number's own computed font).
BADGES_JS = """() => {
    const ctx = document.createElement("canvas").getContext("2d");
    return window.cmAtlas.badges.getLayers().filter(m => m._icon).map(m => {
        const svg = m._icon.querySelector("svg"), s = svg.getBoundingClientRect(), t = svg.querySelector("text");
        const hit = m._icon.getBoundingClientRect(), style = getComputedStyle(t);
        const centre = svg.querySelector("circle"), rings = [...svg.querySelectorAll("circle")].slice(1);
        ctx.font = style.fontWeight + " " + style.fontSize + " " + style.fontFamily;
        ctx.textAlign = t.getAttribute("text-anchor") === "middle" ? "center" : "start";
        const ink = ctx.measureText(t.textContent);
        return {area: m.feature.properties.area, text: t.textContent, x: s.left + s.width / 2, y: s.top + s.height / 2,
            r: s.width / 2, hitW: hit.width, hitH: hit.height, font: parseFloat(style.fontSize),
            fill: style.fill, centreFill: getComputedStyle(centre).fill,
            ring: Math.max(0, ...rings.map(c => parseFloat(c.getAttribute("stroke-width")))),
            outline: parseFloat(centre.getAttribute("stroke-width")),
            ink: {left: parseFloat(t.getAttribute("x")) - ink.actualBoundingBoxLeft,
                  right: parseFloat(t.getAttribute("x")) + ink.actualBoundingBoxRight,
                  top: parseFloat(t.getAttribute("y")) - ink.actualBoundingBoxAscent,
                  bottom: parseFloat(t.getAttribute("y")) + ink.actualBoundingBoxDescent}};
    });
}"""

# Click each point as a reader would (on whatever element is there), with the map's moves held, and
# report which badge received each click (null: none).
CLICKS_JS = """(points) => {
    const received = [], fit = window.map.fitBounds;
    let last = null;
    const note = (e) => { last = e.layer.feature.properties.area; };
    window.cmAtlas.badges.on("click", note);
    window.map.fitBounds = function() { return this; };
    try {
        for (const p of points) {
            last = null;
            const el = document.elementFromPoint(p.x, p.y);
            if (el) {
                el.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window,
                    clientX: p.x, clientY: p.y}));
            }
            received.push(last);
        }
    } finally {
        window.cmAtlas.badges.off("click", note);
        window.map.fitBounds = fit;
    }
    return received;
}"""


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two computed colours (``rgb(r, g, b)``)."""

    def luminance(colour: str) -> float:
        r, g, b = (float(v) for v in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
        return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_by_hand():
    assert contrast("rgb(34, 34, 34)", "rgb(136, 34, 85)") == pytest.approx(1.82, abs=0.01)  # the old badge
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21.0)


def _probe_points(badges: list[dict]) -> list[dict]:
    """Points in each badge's tap target: its centre, 4 points 18 px around it and 18 px towards its nearest
    neighbour; each expects the badge whose centre is nearest to it (worked out here, from the geometry)
    and is left out when two centres are within 2 px of the same distance."""
    points = []
    for badge in badges:
        others = [b for b in badges if b is not badge]
        near = min(others, key=lambda b: math.dist((b["x"], b["y"]), (badge["x"], badge["y"])))
        towards = math.atan2(near["y"] - badge["y"], near["x"] - badge["x"])
        for angle, dist in [(0, 0), (0, 18), (math.pi / 2, 18), (math.pi, 18), (-math.pi / 2, 18), (towards, 18)]:
            x, y = badge["x"] + dist * math.cos(angle), badge["y"] + dist * math.sin(angle)
            first, second = sorted(badges, key=lambda b: math.dist((b["x"], b["y"]), (x, y)))[:2]
            margin = math.dist((second["x"], second["y"]), (x, y)) - math.dist((first["x"], first["y"]), (x, y))
            if margin >= 2:  # not on the line half-way between two badges (where a pixel decides)
                points.append({"x": x, "y": y, "expect": first["area"]})
    return points


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_badge_numbers_are_readable_and_targets_large(page_factory, app_server, size, lang):
    page, frame = open_map(page_factory, app_server, size, lang)
    badges = frame.evaluate(BADGES_JS)
    assert len(badges) >= 20
    smallest = 18 if "presenter" in size else 12
    problems = []
    for b in badges:
        centre = b["r"] - b["outline"] - b["ring"]  # the white disc inside the outline and the ring
        ink = b["ink"]
        corners = [(x - b["r"], y - b["r"]) for x in (ink["left"], ink["right"]) for y in (ink["top"], ink["bottom"])]
        if b["font"] < smallest:
            problems.append((b["text"], "font", b["font"]))
        if contrast(b["fill"], b["centreFill"]) < 4.5 or b["centreFill"] != "rgb(255, 255, 255)":
            problems.append((b["text"], "contrast", b["fill"], b["centreFill"]))
        if max(math.hypot(x, y) for x, y in corners) > centre:
            problems.append((b["text"], "ink off the white centre", corners, centre))
        if min(b["hitW"], b["hitH"]) < HIT_PX:
            problems.append((b["text"], "tap target", b["hitW"], b["hitH"]))
    assert problems == []
    points = [p for p in _probe_points(badges) if 0 <= p["x"] < SIZES[size][0]["width"]]
    received = frame.evaluate(CLICKS_JS, points)
    wrong = [(p, got) for p, got in zip(points, received, strict=True) if got != p["expect"]]
    assert wrong == [], f"{len(wrong)} of {len(points)} clicks went to another badge (or none)"
    screenshot(page, f"readable-{size}-{lang}")
    assert console_problems(page) == [] and exceptions_on_page(page) == []


HEADER_JS = """() => {
    const h = document.querySelector('[data-testid="stHeader"]'), t = document.querySelector("h1");
    const shown = h && getComputedStyle(h).display !== "none" && h.getBoundingClientRect().height > 0;
    return {header: shown ? h.getBoundingClientRect().bottom : 0, title: t ? t.getBoundingClientRect().top : null,
            text: t ? t.textContent : null};
}"""


@pytest.mark.parametrize("size", list(SIZES))
def test_page_titles_start_below_the_header(page_factory, app_server, size):
    viewport, extra = SIZES[size]
    page = page_factory(viewport)
    clipped = []
    for page_name in PAGES:
        for lang in ("zh", "en"):
            params = {**({"lang": "en"} if lang == "en" else {}), **(extra if page_name == "map" else {})}
            goto(page, app_url(app_server["url"], page_name, **params))
            seen = page.evaluate(HEADER_JS)
            assert seen["title"] is not None, (page_name, lang)
            if seen["title"] < seen["header"]:
                clipped.append((page_name, lang, seen))
    assert clipped == []
