"""The README's screenshot: the map page as a planner first sees it, in Chinese at 1440x900.

The test saves ``readme-map.png`` under the artifacts folder (never into the checkout); a person
looks at it and copies it to docs/map.png when the page changes.
"""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, app_url, console_problems, exceptions_on_page, goto, map_frame, open_context
from playwright.sync_api import expect

from countymap.bench import live

pytestmark = pytest.mark.browser


def test_the_readme_screenshot_shows_a_settled_map(browser, app_server):
    context, page = open_context(browser, {"width": 1440, "height": 900})
    try:
        goto(page, app_url(app_server["url"]))
        frame = map_frame(page)
        frame.wait_for_function(live.MAP_AT_REST_JS, polling=250)
        expect(frame.locator(".leaflet-marker-icon").first).to_be_visible()
        assert exceptions_on_page(page) == [] and console_problems(page) == []
        page.set_viewport_size({"width": 1440, "height": 900})
        path = ARTIFACTS / "readme-map.png"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path))  # the first screen only, as a visitor sees it
        assert path.stat().st_size > 10_000
    finally:
        context.close()
