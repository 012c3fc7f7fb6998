"""Zoomed in, items never pile up: no two dots overlap and no dot covers a placed label.

Before the spread there were 80 overlapping pairs of dots in the county town at zoom 11 on
1920x1080 and 131 at zoom 10.75 on a phone. Here the map is moved to the area
with the most items (the county town, from the page's own area list) and to
every other zoom the map allows above the reveal zoom; each visible dot is a
circle of its drawn radius plus half its outline.
"""

from __future__ import annotations

import itertools

import oracle
import pytest
from conftest import ROOT, console_problems, exceptions_on_page, screenshot
from test_accessibility import violations
from test_map_page import boxes_overlap

from countymap.bench.live import MAP_AT_REST_JS

pytestmark = pytest.mark.browser

GO_JS = """([zoom, which]) => {
    const areas = window.cmAtlas.areas.filter(a => a.total).sort((a, b) => b.total - a.total);
    const a = which === "busiest" ? areas[0] : areas[areas.length - 1];
    window.map.setView([a.lat, a.lon], zoom, {animate: false});
    return window.map.getZoom();
}"""

DOTS_JS = """() => {
    const map = window.map, size = map.getSize(), out = [];
    window.cmAtlas.dots.forEach(d => {
        if (!map.hasLayer(d)) { return; }
        const p = map.latLngToContainerPoint(d.getLatLng()), r = d.options.radius + d.options.weight / 2;
        if (p.x + r < 0 || p.y + r < 0 || p.x - r > size.x || p.y - r > size.y) { return; }
        out.push({x: p.x, y: p.y, r: r, id: d.feature.properties.id});
    });
    const box = (el) => { const b = el.getBoundingClientRect(); return {x: b.left, y: b.top, w: b.width, h: b.height}; };
    const labels = [...document.querySelectorAll(".cm-label")].filter(el => el.style.display !== "none")
        .map(el => Object.assign(box(el), {text: el.textContent}));
    return {dots: out, labels: labels, zoom: map.getZoom()};
}"""


def _overlapping_pairs(dots: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for a, b in itertools.combinations(dots, 2)
        if ((a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2) ** 0.5 < a["r"] + b["r"] - 0.5
    ]


def _covered_labels(dots: list[dict], labels: list[dict]) -> list[tuple[str, str]]:
    square = lambda d: {"x": d["x"] - d["r"], "y": d["y"] - d["r"], "w": 2 * d["r"], "h": 2 * d["r"]}  # noqa: E731
    return [(label["text"], d["id"]) for label in labels for d in dots if boxes_overlap(label, square(d))]


@pytest.mark.parametrize(
    ("size", "lang", "zooms"),
    [("presenter", "zh", (11, 12, 13)), ("phone", "zh", (10.75, 11.5)), ("desk", "en", (11, 12.5, 14))],
)
def test_no_two_dots_overlap_and_none_covers_a_label(open_map, size, lang, zooms):
    page, frame = open_map(size, lang)
    for zoom in zooms:
        assert frame.evaluate(GO_JS, [zoom, "busiest"]) == zoom
        frame.wait_for_function("(z) => window.map.getZoom() === z && window.cmAtlas.dots.length > 0", arg=zoom)
        seen = frame.evaluate(DOTS_JS)
        assert len(seen["dots"]) >= 10, f"only {len(seen['dots'])} dots in view at zoom {zoom}"
        assert _overlapping_pairs(seen["dots"]) == [], f"zoom {zoom}"
        assert _covered_labels(seen["dots"], seen["labels"]) == [], f"zoom {zoom}"
        if zoom == zooms[0]:
            screenshot(page, f"zoomed-{size}-{lang}-{zoom}")
    assert console_problems(page) == [] and exceptions_on_page(page) == []


KEYBOARD_JS = """() => {
    const a = document.activeElement;
    return a ? {label: a.getAttribute("aria-label"), role: a.getAttribute("role"), cls: a.className} : null;
}"""


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", ("放大", "缩小", "图层", "项目地图")), ("en", ("Zoom in", "Zoom out", "Layers", "Project map"))],
)
def test_badges_are_reached_by_keyboard_with_names_and_controls_speak_the_language(open_map, lang, words):
    page, frame = open_map("desk", lang)
    zoom_in, zoom_out, layers, frame_name = words
    expect_named = f"() => document.querySelector('.leaflet-control-zoom-in').title === {zoom_in!r}"
    frame.wait_for_function(expect_named)
    assert frame.evaluate("() => document.querySelector('.leaflet-control-zoom-out').title") == zoom_out
    assert (
        frame.evaluate("() => document.querySelector('.leaflet-control-layers-toggle').getAttribute('aria-label')")
        == layers
    )
    assert page.locator(".st-key-cm_map iframe").get_attribute("aria-label") == frame_name
    # Tab from the zoom control walks on to the badges; each says its township and count.
    frame.locator(".leaflet-control-zoom-out").focus()
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        active = frame.evaluate(KEYBOARD_JS)
        if active and "cm-badge" in (active["cls"] or ""):
            seen.append(active)
            if len(seen) == 3:
                break
    assert len(seen) == 3, "Tab never reached three badges"
    unit = "个项目" if lang == "zh" else "items"
    assert all(s["role"] == "button" and s["label"].endswith(unit) for s in seen), seen
    # Enter on a focused badge opens it like a click: the view zooms to its township.
    before = frame.evaluate("() => window.map.getZoom()")
    page.keyboard.press("Enter")
    frame.wait_for_function("(z) => window.map.getZoom() > z", arg=before)
    assert console_problems(page) == [] and exceptions_on_page(page) == []


# --- keyboard: the dots of the frame are reachable by Tab, named, and open with Enter ---------------

KEY_IDS_JS = "() => [...document.querySelectorAll('.cm-dot-key')].map(b => String(b._cmDot.feature.properties.id))"
FOCUSED_JS = """() => {
    const a = document.activeElement;
    return a && a.classList.contains("cm-dot-key")
        ? {label: a.getAttribute("aria-label"), id: String(a._cmDot.feature.properties.id)} : null;
}"""
STATUS_NAMES = {  # by hand, as the legend names them
    "zh": {
        "completed": "已完成",
        "in_progress": "在建",
        "planned": "计划",
        "preparatory": "前期",
        "designated": "已获评",
    },
    "en": {"completed": "Completed", "in_progress": "In progress", "planned": "Planned"},
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_dots_are_reached_by_keyboard_with_names_and_open_with_enter(open_map, lang):
    page, frame = open_map("desk", lang)
    assert frame.evaluate(GO_JS, [12, "busiest"]) == 12
    frame.wait_for_function("() => window.map.getZoom() === 12 && document.querySelector('.cm-dot-key')")
    frame.wait_for_function(MAP_AT_REST_JS, polling=250)
    size = frame.evaluate("() => window.map.getSize()")
    in_frame = {
        d["id"] for d in frame.evaluate(DOTS_JS)["dots"] if 0 <= d["x"] <= size["x"] and 0 <= d["y"] <= size["y"]
    }
    keys = frame.evaluate(KEY_IDS_JS)
    assert len(in_frame) >= 10 and sorted(set(keys)) == sorted(in_frame) and len(keys) == len(in_frame)
    rows = {row["id"]: row for row in oracle.read_rows(ROOT / "projects.csv")}
    frame.locator(".leaflet-container").first.focus()
    seen = []
    for _ in range(3):
        page.keyboard.press("Tab")
        seen.append(frame.evaluate(FOCUSED_JS))
    assert all(seen), seen
    sep = "，" if lang == "zh" else ", "
    for focused in seen:
        row = rows[focused["id"]]
        name, status = (row["name_zh"] if lang == "zh" else row["name_en"]), row["status"]
        assert focused["label"].startswith(name + sep), (focused, name)
        if status in STATUS_NAMES[lang]:
            assert focused["label"] == name + sep + STATUS_NAMES[lang][status]
    assert violations(frame) == [], "axe-core in the zoomed map frame, its dots' buttons in it"
    page.keyboard.press("Enter")  # the focused (last) dot opens its popup, as a click does
    popup = frame.locator(".leaflet-popup-content .cm-popup-title")
    popup.wait_for()
    assert popup.inner_text() == (rows[seen[-1]["id"]]["name_zh"] if lang == "zh" else rows[seen[-1]["id"]]["name_en"])
    screenshot(page, f"keyboard-dots-{lang}")
    assert console_problems(page) == [] and exceptions_on_page(page) == []
