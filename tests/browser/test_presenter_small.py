"""Presenter mode on a phone or a tablet starts with the legend and the layer list folded: opened, they covered
most of the map.

Expectation by hand: at 390x844 and 768x1024, in both languages, the legend's ``details`` is closed at
first and its summary (图例 / Legend) is a button-sized line over the map's corner, well under a quarter of
the frame; the layer list shows only its button (Leaflet's class ``leaflet-control-layers-expanded`` absent)
and its button opens it. (How well the county fills a small presenter frame is not measured here.)
"""

from __future__ import annotations

import pytest
from conftest import MAP_IFRAME, app_url, goto, map_frame, screenshot

pytestmark = pytest.mark.browser

SMALL = {"390x844": {"width": 390, "height": 844}, "768x1024": {"width": 768, "height": 1024}}
LEGEND_JS = """() => {
    const details = document.querySelector(".cm-legend details"), box = document.querySelector(".cm-legend");
    const r = box.getBoundingClientRect(), m = window.map.getContainer().getBoundingClientRect();
    const layers = document.querySelector(".leaflet-control-layers");
    return {open: details.open, share: (r.width * r.height) / (m.width * m.height),
        layersOpen: layers.classList.contains("leaflet-control-layers-expanded")};
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SMALL)
def test_presenter_legend_and_layers_start_folded_on_a_small_screen(page_factory, app_server, size, lang):
    page = page_factory(SMALL[size])
    goto(page, app_url(app_server["url"], present="1", **({"lang": "en"} if lang == "en" else {})))
    page.locator(MAP_IFRAME).first.wait_for()
    frame = map_frame(page)
    seen = frame.evaluate(LEGEND_JS)
    screenshot(page, f"presenter-small-{size}-{lang}")
    assert seen["open"] is False, seen
    assert seen["share"] < 0.05, seen
    assert seen["layersOpen"] is False, seen
    frame.locator(".leaflet-control-layers-toggle").click()
    frame.wait_for_function("() => document.querySelector('.leaflet-control-layers-expanded') !== null")
