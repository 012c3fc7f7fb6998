"""Presenter mode: the map fills the rest of the screen, down to the window's bottom edge, at every size.

Expectation by hand: the presenter's page has no bottom padding, so the map's frame ends at the window's
bottom (within 2 px), the page does not scroll (Streamlit scrolls in its ``stMain`` section: its scrollHeight
is at most its height), the frame is at least 300 px tall, and the title, the chips and the controls (the
language switch, the filter drawer's button, the as-of note) stand clear of the map and of each other. That
holds with and without a filter's chips, in both languages, and after the rows above the map change height
(a language switch, a filter chosen in the drawer) without the map's view (``z``, ``c``) moving. Before, fixed
offsets (``100vh - 5 ... 13.75rem``) set the map's height: on a 390x844 phone its bottom was at 903-921 px,
the scale bar and the legend's button below the screen.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from conftest import app_url, console_problems, exceptions_on_page, goto, map_frame, screenshot, wait_for_app
from test_filters_shown_in_browser import CHIP_BUTTONS, pick_in_drawer
from test_presenter_title import edges_overlap

from countymap.bench.live import MAP_AT_REST_JS

pytestmark = pytest.mark.browser

SIZES = ("390x844", "768x1024", "1280x720", "1440x900", "1920x1080")
FILTERS = {"no-filter": {}, "chips": {"status": "in_progress"}}
LINK_VIEW = {"z": "11", "c": "28.84,108.77"}  # a link's view: the county town, a little closer than the fit
# Boxes of the map's frame and of what stands above it, and how far the page and its scroll section scroll.
LAYOUT_JS = """() => {
    const box = el => { const r = el.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
    const range = document.createRange();
    range.selectNodeContents(document.querySelector("h1"));
    const main = document.querySelector('[data-testid="stMain"]'), page = document.scrollingElement;
    const controls = [".st-key-cm_presenter_lang label", ".st-key-cm_filter_drawer button",
        ".st-key-cm_presenter_lang [data-testid='stCaptionContainer']", ".st-key-cm_presenter_lang .cm-as-of"].join();
    return {inner: innerHeight, map: box(document.querySelector('iframe[title="streamlit_folium.st_folium"]')),
        title: [...range.getClientRects()].filter(r => r.width > 1).map(r => ({l: r.left, t: r.top, r: r.right, b: r.bottom})),
        chips: [...document.querySelectorAll(".st-key-cm_chips button")].filter(el => el.getClientRects().length).map(box),
        controls: [...document.querySelectorAll(controls)].filter(el => el.getClientRects().length).map(box),
        mainScroll: main.scrollHeight, mainHeight: main.clientHeight, pageScroll: page.scrollHeight};
}"""
VIEW_JS = "() => ({zoom: window.map.getZoom(), lat: window.map.getCenter().lat, lng: window.map.getCenter().lng})"
NEAR_DEG = (
    0.002  # about 200 m, 3 px at zoom 11: a resized frame keeps its centre to a pixel; a jump or a re-fit moves it
)


def viewport(size: str) -> dict:
    width, height = (int(n) for n in size.split("x"))
    return {"width": width, "height": height}


def _at_rest(page) -> dict:
    """The page's layout once the map's frame has kept its size, centre and zoom for two polls."""
    map_frame(page).wait_for_function(MAP_AT_REST_JS, polling=300)
    return page.evaluate(LAYOUT_JS)


def assert_fills(seen: dict) -> None:
    """The map ends at the window's bottom, the page does not scroll, and nothing above the map is covered."""
    assert abs(seen["map"]["b"] - seen["inner"]) <= 2, f"the map ends at {seen['map']['b']}, not {seen['inner']}"
    assert seen["mainScroll"] <= seen["mainHeight"] + 1 and seen["pageScroll"] <= seen["inner"] + 1, seen
    assert seen["map"]["b"] - seen["map"]["t"] >= 300, seen
    groups = {"title": seen["title"], "chips": seen["chips"], "controls": seen["controls"], "map": [seen["map"]]}
    assert groups["title"] and groups["controls"], seen
    names = list(groups)
    clashes = [
        (one, other, a, b)
        for i, one in enumerate(names)
        for other in names[i + 1 :]
        for a in groups[one]
        for b in groups[other]
        if edges_overlap(a, b)
    ]
    assert clashes == [], f"covered: {clashes}"
    # The controls' own boxes stand clear of each other too (a radio label, the drawer's button, the note).
    assert not any(edges_overlap(a, b) for i, a in enumerate(seen["controls"]) for b in seen["controls"][i + 1 :]), seen


@pytest.mark.parametrize("shown", FILTERS)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_the_presenters_map_ends_at_the_windows_bottom(page_factory, app_server, size, lang, shown):
    page = page_factory(viewport(size))
    language = {"lang": "en"} if lang == "en" else {}
    goto(page, app_url(app_server["url"], present="1", **FILTERS[shown], **language))
    seen = _at_rest(page)
    screenshot(page, f"presenter-fills-{size}-{lang}-{shown}")
    assert_fills(seen)
    assert (len(seen["chips"]) > 0) == bool(FILTERS[shown]), seen
    assert "z=" not in page.url and "c=" not in page.url  # the frame's size is the app's, not a reader's move
    assert console_problems(page) == [] and exceptions_on_page(page) == []


def _link_view(url: str) -> tuple[str, str]:
    params = parse_qs(urlparse(url).query)
    return params["z"][0], params["c"][0]


def assert_same_view(page, link: tuple[str, str], view: dict) -> None:
    """The link and the map keep the zoom and the centre: the resized frame was neither re-fitted nor moved."""
    seen = map_frame(page).evaluate(VIEW_JS)
    assert _link_view(page.url) == link, page.url
    assert seen["zoom"] == view["zoom"], (seen, view)
    assert abs(seen["lat"] - view["lat"]) < NEAR_DEG and abs(seen["lng"] - view["lng"]) < NEAR_DEG, (seen, view)


@pytest.mark.parametrize("size", ["390x844", "768x1024", "1920x1080"])
def test_the_map_still_ends_at_the_bottom_after_a_filter_change_and_a_language_switch(page_factory, app_server, size):
    page = page_factory(viewport(size))
    goto(page, app_url(app_server["url"], present="1", **LINK_VIEW))
    frame = map_frame(page)
    before = _at_rest(page)
    assert_fills(before)
    link, view = _link_view(page.url), frame.evaluate(VIEW_JS)
    assert link[0] == "11" and view["zoom"] == 11, (link, view)
    # A filter chosen in the drawer: a row of chips comes over the map, which gives up its height.
    pick_in_drawer(page, "类别", "公路交通")
    page.wait_for_function("() => location.search.includes('cat=road')")
    wait_for_app(page)
    page.keyboard.press("Escape")  # the drawer closes: the room sees the map again
    page.locator('[data-testid="stPopoverBody"]').wait_for(state="hidden")
    page.locator(CHIP_BUTTONS).first.wait_for()
    filtered = _at_rest(page)
    assert_fills(filtered)
    assert filtered["map"]["t"] > before["map"]["t"], (before["map"], filtered["map"])
    assert_same_view(page, link, view)
    # English: the title, the note and the chips take other widths and, on a phone, other heights.
    page.locator(".st-key-cm_presenter_lang").get_by_text("English", exact=True).click()
    page.wait_for_function("() => location.search.includes('lang=en')")
    wait_for_app(page)
    switched = _at_rest(page)
    screenshot(page, f"presenter-fills-after-switch-{size}")
    assert_fills(switched)
    assert_same_view(page, link, view)
    assert "present=1" in page.url and "cat=road" in page.url
    assert console_problems(page) == [] and exceptions_on_page(page) == []
