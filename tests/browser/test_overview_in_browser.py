"""Several counties in the browser: the first view shows one badge per county, and a click on one opens it.

The overview's map is a plain frame of the page (``overview_frame``); an opened county's is streamlit-folium's.

The server serves the embedded Youyang dataset and two counties built by this test into
tmp_path (城口县 500229 and 巫溪县 500238, 12 synthetic items each: ``bench-counties``'
folders). Expectations by hand: the three counties' names, and their item counts counted
from their projects files.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from conftest import (
    ROOT,
    app_url,
    console_problems,
    goto,
    log_problems,
    map_frame,
    screenshot,
    start_server,
    wait_for_app,
)
from test_accessibility import violations

from countymap.app.overview_page import FRAME_SELECTOR
from countymap.bench import counties
from countymap.bench.live import MAP_AT_REST_JS, MAP_READY_JS, stop_server

pytestmark = pytest.mark.browser
NAMES = {
    "zh": ("酉阳土家族苗族自治县", "城口县", "巫溪县"),
    "en": ("Youyang Tujia and Miao Autonomous County", "Chengkou County", "Wuxi County"),
}
BADGE_NAME = {"zh": "{county}，{n} 个项目，点击进入", "en": "{county}, {n} items, opens the county"}
BADGES_JS = "() => [...document.querySelectorAll('.cm-badge')].map(b => b.getAttribute('aria-label'))"


def overview_frame(page, timeout: float = 45_000):
    """The overview's frame (a plain srcdoc frame, not streamlit-folium's) once its badges are drawn and at rest."""
    iframe = page.locator(FRAME_SELECTOR).first
    iframe.wait_for(state="attached", timeout=timeout)
    frame = iframe.element_handle(timeout=timeout).content_frame()
    frame.wait_for_function(MAP_READY_JS, timeout=timeout, polling=200)
    frame.wait_for_function(MAP_AT_REST_JS, timeout=timeout, polling=250)
    return frame


def _rows(path: Path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


@pytest.fixture(scope="module")
def served(registry, tmp_path_factory):
    """The server with Youyang (the data folder) and the two built counties listed in COUNTYMAP_DATASETS."""
    cache = tmp_path_factory.mktemp("counties")
    folders = counties.prepare(["500229", "500238"], cache, 12, registry)
    env = {"COUNTYMAP_DATASETS": os.pathsep.join(str(folder) for folder in folders)}
    url, process, log = start_server(tmp_path_factory.mktemp("server"), env)
    try:
        files = [ROOT / "projects.csv", *(f / "projects.csv" for f in folders)]
        yield {"url": url, "counts": [_rows(path) for path in files], "files": files}
    finally:
        stop_server(process)
    assert log_problems(log) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_first_view_has_one_badge_per_county(served, page, lang):
    goto(page, app_url(served["url"], **({"lang": "en"} if lang == "en" else {})))
    frame = overview_frame(page)
    expected = [
        BADGE_NAME[lang].format(county=name, n=n) for name, n in zip(NAMES[lang], served["counts"], strict=True)
    ]
    assert frame.evaluate(BADGES_JS) == expected
    screenshot(page, f"overview-{lang}")
    found = {"page": violations(page), "map": violations(frame)}
    assert not any(found.values()), json.dumps(found, ensure_ascii=False, indent=1)
    assert console_problems(page) == []


def test_a_click_on_a_badge_opens_the_county(served, page):
    goto(page, app_url(served["url"]))
    frame = overview_frame(page)
    frame.locator('.cm-badge[aria-label^="城口县，"]').click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('county') === '500229'", timeout=60_000)
    wait_for_app(page)
    assert page.locator("h1").first.inner_text().startswith("城口县 2023")
    frame = map_frame(page)
    townships = frame.evaluate(BADGES_JS)  # the county's own township badges now
    assert townships and all("城口县" not in name for name in townships)
    screenshot(page, "overview-opened")
    assert console_problems(page) == []


CENTRE_ON_JS = """(code) => {
    const marker = window.cmAtlas.badges.getLayers().find(m => m.feature.properties.townships[0] === code);
    window.map.setView(marker.getLatLng(), window.map.getZoom(), {animate: false});
}"""
# The zoom opened a county (its code), or the map has come to rest at another zoom ("zoomed").
OPENED_OR_ZOOMED_JS = """(zoom) => window.cmOpened
    || (window.map.getZoom() !== zoom && !window.map._animatingZoom ? "zoomed" : null)"""
OPENED_JS = "(code) => new URL(location.href).searchParams.get('county') === code"
BUTTONS_JS = "() => [...document.querySelectorAll('.cm-badge')].map(b => [b.getAttribute('role'), b.tabIndex])"


def test_badges_are_buttons_in_the_tab_order(served, page):
    goto(page, app_url(served["url"]))
    assert overview_frame(page).evaluate(BUTTONS_JS) == [["button", 0]] * 3


def test_zooming_into_a_county_opens_it(served, page):
    """The zoom button alone leads from the overview to 巫溪县's townships; the map never empties on the way."""
    goto(page, app_url(served["url"]))
    frame = overview_frame(page)
    frame.evaluate(CENTRE_ON_JS, "500238")
    opened = None
    for _ in range(12):  # Chongqing's whole view to one county is a few zoom levels; 12 clicks are 6 levels
        assert len(frame.evaluate(BADGES_JS)) == 3  # every county's badge is still there
        zoom = frame.evaluate("() => window.map.getZoom()")
        frame.locator(".leaflet-control-zoom-in").click()
        opened = frame.wait_for_function(OPENED_OR_ZOOMED_JS, arg=zoom, timeout=30_000, polling=100).json_value()
        if opened != "zoomed":
            break
    assert opened == "500238"
    page.wait_for_function(OPENED_JS, arg="500238", timeout=60_000)
    wait_for_app(page)
    assert page.locator("h1").first.inner_text().startswith("巫溪县 2023")
    townships = map_frame(page).evaluate(BADGES_JS)
    assert townships and all("巫溪县" not in name for name in townships)
    screenshot(page, "overview-zoomed-open")
    assert console_problems(page) == []


# Precisions a projects file may hold, with their names on the filter (by hand): one that none of the three
# counties' items has changes no count when it is added to the filter.
PRECISION_NAMES = {"township": "乡镇级", "exact": "精确位置", "approximate": "大致位置", "site": "编辑标定位置"}
VIEW_JS = "() => [window.map.getZoom(), window.map.getCenter().lat.toFixed(5), window.map.getCenter().lng.toFixed(5)]"


def _precisions(path: Path) -> set[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {row["precision"] for row in csv.DictReader(handle)}


def pick_precision(page, code: str) -> None:
    """Add ``code`` to the sidebar's precision filter, as a reader would, and wait for the rerun it makes."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="位置精度")
    box.locator("input").first.click()
    page.keyboard.type(PRECISION_NAMES[code])  # a long list shows only a part
    page.get_by_role("option", name=PRECISION_NAMES[code], exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_function("(code) => decodeURIComponent(location.search).includes(code)", arg=code)
    wait_for_app(page)


def test_a_rerun_that_changes_no_count_keeps_the_overview_where_the_reader_left_it(served, page):
    """Zoomed and panned by the reader, the overview stays so (the same frame) when a filter leaves every count as it is."""
    held = set().union(*(_precisions(path) for path in served["files"]))
    absent = next(code for code in ("exact", "approximate", "site") if code not in held)
    goto(page, app_url(served["url"]))
    overview_frame(page)
    pick_precision(page, "township")  # the counts change: a new frame
    frame = overview_frame(page)
    frame.evaluate("() => { window.cmSameFrame = true; }")
    box = page.locator(FRAME_SELECTOR).first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 - 120, box["y"] + box["height"] / 2 - 60, steps=8)
    page.mouse.up()
    frame.locator(".leaflet-control-zoom-out").click()
    frame.wait_for_function(MAP_AT_REST_JS, polling=250)
    moved = frame.evaluate(VIEW_JS)
    pick_precision(page, absent)  # no item has it: every count stays
    frame = overview_frame(page)
    assert frame.evaluate("() => window.cmSameFrame === true")  # not reloaded
    assert frame.evaluate(VIEW_JS) == moved
    assert console_problems(page) == []


# Every point of every county outline, in the map's pixels, that lies outside the frame or under a control
# (zoom buttons, legend, scale, attribution: Leaflet's controls as the browser lays them out).
OUTLINE_CUT_JS = """() => {
    const m = window.map, size = m.getSize(), origin = m.getContainer().getBoundingClientRect();
    const controls = [...document.querySelectorAll('.leaflet-control')].map(c => c.getBoundingClientRect())
        .filter(r => r.width && r.height)
        .map(r => ({left: r.left - origin.left, right: r.right - origin.left, top: r.top - origin.top, bottom: r.bottom - origin.top}));
    let points = 0;
    const cut = [];
    m.eachLayer(layer => {
        if (!(layer instanceof L.Polygon)) { return; }
        layer.getLatLngs().flat(Infinity).forEach(ll => {
            points += 1;
            const p = m.latLngToContainerPoint(ll);
            const out = p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y;
            if (out || controls.some(r => p.x > r.left && p.x < r.right && p.y > r.top && p.y < r.bottom)) {
                cut.push([Math.round(p.x), Math.round(p.y)]);
            }
        });
    });
    return {points: points, cut: cut.slice(0, 5), cutCount: cut.length};
}"""


@pytest.mark.parametrize(
    "size",
    [(1440, 900), (1280, 720), (1920, 1080), (768, 1024), (390, 844)],
    ids=lambda size: f"{size[0]}x{size[1]}",
)
def test_the_counties_outlines_fit_inside_the_frame_clear_of_its_controls(served, page, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    goto(page, app_url(served["url"]))
    found = overview_frame(page).evaluate(OUTLINE_CUT_JS)
    screenshot(page, f"overview-outlines-{size[0]}x{size[1]}")
    assert found["points"] > 100  # three counties' outlines are on the map
    assert found["cutCount"] == 0, found
