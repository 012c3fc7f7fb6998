"""On a tablet the list beside a map comes under it, full width: beside it, names were cut to nothing.

At 768x1024 the column beside the map was about 200 px (145 px at 1024x768 with the sidebar open): a
search's results showed their status and years and no name, the township page's items a few letters of
theirs. Expectations by hand: the frame and the list stand one above the other, the list as wide as the map.
"""

from __future__ import annotations

import pytest
from conftest import MAP_IFRAME, app_url, goto, map_frame, screenshot

pytestmark = pytest.mark.browser

TABLETS = {"portrait": {"width": 768, "height": 1024}, "landscape": {"width": 1024, "height": 768}}
LISTS = {"search": ("map", {"q": "花田"}), "township": ("乡镇", {"tw": "龚滩镇"})}


@pytest.mark.parametrize("which", LISTS)
@pytest.mark.parametrize("tablet", TABLETS)
def test_the_list_comes_under_the_map_on_a_tablet(page_factory, app_server, tablet, which):
    page_name, params = LISTS[which]
    page = page_factory(TABLETS[tablet])
    goto(page, app_url(app_server["url"], page_name, lang="en", **params))
    map_frame(page)
    frame = page.locator(MAP_IFRAME).first.bounding_box()
    grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
    assert grid["y"] >= frame["y"] + frame["height"], "the list stands under the map"
    assert grid["width"] >= frame["width"] - 2, "as wide as the map"
    screenshot(page, f"tablet-{which}-{tablet}")
