"""The view is the reader's: a zoom survives a filter change and a language switch (also in presenter
mode), the link carries it (``z``, ``c``) and restores it, and a selected township's whole area is fitted
to the frame at every size, the same on every load, on the map page and the township page.

Where the reader moves the map the test moves it as a reader's input would (a key press on the map,
then the move): the map reports only moves that follow the reader's own input. Positions come from
geodata/townships.geojson (the seats), expectations are written by hand.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import ROOT, app_url, console_problems, exceptions_on_page, goto, map_frame, screenshot, wait_for_app
from test_view_state_in_browser import pick_option, settle_on

from countymap.bench.live import MAP_AT_REST_JS
from countymap.schema import CATEGORIES

pytestmark = pytest.mark.browser

SEATS = {
    f["properties"]["name_zh"]: (f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0])
    for f in json.loads((ROOT / "geodata" / "townships.geojson").read_text(encoding="utf-8"))["features"]
}
# The reader's input (a key that moves nothing), then the move it leads to.
READER_MOVE_JS = """([lat, lon, zoom]) => {
    const box = window.map.getContainer();
    box.dispatchEvent(new KeyboardEvent("keydown", {key: "Shift", bubbles: true}));
    window.map.setView([lat, lon], zoom, {animate: false});
}"""
VIEW_JS = "() => ({zoom: window.map.getZoom(), lat: window.map.getCenter().lat, lng: window.map.getCenter().lng})"
# The selection overlay's box in the frame's pixels, and the frame's size.
AREA_BOX_JS = """() => {
    const m = window.map, b = window.feature_group[0].getBounds(), s = m.getSize();
    const nw = m.latLngToContainerPoint(b.getNorthWest()), se = m.latLngToContainerPoint(b.getSouthEast());
    return {left: nw.x, top: nw.y, right: se.x, bottom: se.y, width: s.x, height: s.y, zoom: m.getZoom()};
}"""
NEAR_DEG = 0.002  # about 200 m: a link rounds a centre to 1e-5 degrees; the frame may differ by a pixel or so


def reader_moves(page, lat: float, lon: float, zoom: float) -> None:
    """Move the map as the reader would and wait for the link to carry the new zoom."""
    map_frame(page).evaluate(READER_MOVE_JS, [lat, lon, zoom])
    settle_on(page, f"z={zoom:g}")


def link_view(url: str) -> tuple[float, float, float]:
    params = parse_qs(urlparse(url).query)
    lat, lon = (float(v) for v in params["c"][0].split(","))
    return float(params["z"][0]), lat, lon


def assert_view(page, zoom: float, lat: float, lon: float) -> None:
    seen = map_frame(page).evaluate(VIEW_JS)
    assert seen["zoom"] == zoom and abs(seen["lat"] - lat) < NEAR_DEG and abs(seen["lng"] - lon) < NEAR_DEG, seen


def test_a_zoom_survives_a_filter_change_and_travels_in_the_link(page_factory, app_server):
    page = page_factory({"width": 1440, "height": 900})
    goto(page, app_url(app_server["url"]))
    lat, lon = SEATS["龙潭镇"]
    reader_moves(page, lat, lon, 12)
    zoom, link_lat, link_lon = link_view(page.url)
    assert zoom == 12 and abs(link_lat - lat) < NEAR_DEG and abs(link_lon - lon) < NEAR_DEG
    pick_option(page, "类别", CATEGORIES["road"][0])
    settle_on(page, "cat=road")
    assert "z=12" in page.url
    assert_view(page, 12, lat, lon)
    screenshot(page, "view-kept-zoom12-road")
    # The link restores the view in a fresh session.
    other = page_factory({"width": 1440, "height": 900})
    goto(other, page.url)
    assert_view(other, 12, lat, lon)
    assert console_problems(page) == [] and exceptions_on_page(page) == []


def test_presenter_mode_keeps_the_zoom_through_a_language_switch(page_factory, app_server):
    page = page_factory({"width": 1920, "height": 1080})
    goto(page, app_url(app_server["url"], present="1"))
    lat, lon = SEATS["龚滩镇"]
    reader_moves(page, lat, lon, 12.5)
    page.locator(".st-key-cm_presenter_lang").get_by_text("English", exact=True).click()
    settle_on(page, "lang=en")
    assert "present=1" in page.url and "z=12.5" in page.url
    assert_view(page, 12.5, lat, lon)
    page.locator(".st-key-cm_presenter_lang").get_by_text("中文", exact=True).click()
    page.wait_for_function("() => !location.search.includes('lang=en')")
    wait_for_app(page)
    assert "present=1" in page.url and "z=12.5" in page.url
    assert_view(page, 12.5, lat, lon)
    screenshot(page, "view-kept-presenter-gongtan")
    assert console_problems(page) == [] and exceptions_on_page(page) == []


def test_loading_the_map_reports_no_view(page_factory, app_server):
    """The county fitted on load (and refitted as the frame settles) is the app's view, not the reader's."""
    page = page_factory({"width": 1280, "height": 720})
    goto(page, app_url(app_server["url"], cat="water"))
    map_frame(page)
    wait_for_app(page)
    assert "z=" not in page.url and "c=" not in page.url


@pytest.mark.parametrize("size", [{"width": 1440, "height": 900}, {"width": 390, "height": 844}], ids=str)
@pytest.mark.parametrize("page_name", ["map", "乡镇"])
def test_a_selected_township_fills_the_frame_the_same_on_every_load(page_factory, app_server, size, page_name):
    boxes = []
    for _ in range(2):
        page = page_factory(size)
        goto(page, app_url(app_server["url"], page_name, tw="龚滩镇"))
        frame = map_frame(page)
        frame.wait_for_function("() => window.feature_group && window.feature_group[0].getLayers().length", polling=100)
        frame.wait_for_function(MAP_AT_REST_JS, polling=300)
        box = frame.evaluate(AREA_BOX_JS)
        # the whole area inside the frame ...
        assert box["left"] >= 0 and box["top"] >= 0, box
        assert box["right"] <= box["width"] and box["bottom"] <= box["height"], box
        # ... and filling it along one side at least by half (a fixed zoom cropped it or left it small)
        fill = max((box["right"] - box["left"]) / box["width"], (box["bottom"] - box["top"]) / box["height"])
        assert fill >= 0.5, box
        boxes.append(box)
        screenshot(page, f"township-fit-{page_name}-{size['width']}")
        assert console_problems(page) == [] and exceptions_on_page(page) == []
    first, second = boxes
    assert all(abs(first[k] - second[k]) <= 1 for k in first), json.dumps(boxes)
