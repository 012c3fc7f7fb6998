"""The map says what it shows: the active filters as removable chips over the map's top edge (also for the
room, in presenter mode, at least 18 px), a presenter's filter drawer that keeps presenter mode and the
view, and a search that zooms to what it finds and lists it.

Expectations by hand or from the data files: chip labels from the schema's vocabulary, counts from
projects.csv (a search for 花田 finds 12 items), 花田乡's approximate area from geodata/township_areas.geojson.
"""

from __future__ import annotations

import csv
import itertools
import json

import pytest
from conftest import (
    MAP_IFRAME,
    ROOT,
    app_url,
    console_problems,
    exceptions_on_page,
    goto,
    kpi_count,
    map_frame,
    screenshot,
    wait_for_app,
)
from playwright.sync_api import expect
from shapely.geometry import shape
from test_map_clear import SIZES  # the five sizes, presenter mode at 1920x1080
from test_map_page import boxes_overlap

pytestmark = pytest.mark.browser

LONGTAN_ROADS = {"year": "2023", "cat": "road", "town": "龙潭镇"}
CHIPS = {  # by hand: the schema's labels of road and 龙潭镇, and the "clear all" button
    "zh": {"2023 ×", "公路交通 ×", "龙潭镇 ×", "全部清除"},
    "en": {"2023 ×", "Roads ×", "Longtan Town ×", "Clear all"},
}
CHIP_NAMES = {  # by hand: what a screen reader says for each chip (not "2023 ×")
    "zh": {"移除筛选：2023", "移除筛选：公路交通", "移除筛选：龙潭镇", "全部清除"},
    "en": {"Remove filter: 2023", "Remove filter: Roads", "Remove filter: Longtan Town", "Clear all"},
}
CHIP_BUTTONS = ".st-key-cm_chips button:visible"

# Badges and placed labels of the map, in the frame's pixels.
CONTENT_JS = """() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height}; };
    const badges = window.cmAtlas.badges.getLayers().filter(m => m._icon)
        .map(m => Object.assign(box(m._icon.querySelector("svg")), {what: m.feature.properties.townships.join("+")}));
    const labels = [...document.querySelectorAll(".cm-label")].filter(el => el.style.display !== "none")
        .map(el => Object.assign(box(el), {what: el.textContent}));
    return badges.concat(labels);
}"""
BOUNDS_JS = """() => { const b = window.map.getBounds();
    return {west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth()}; }"""


def projects() -> list[dict]:
    with (ROOT / "projects.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def area_bounds(township: str) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a township's approximate area, read from the geodata file."""
    areas = json.loads((ROOT / "geodata" / "township_areas.geojson").read_text(encoding="utf-8"))["features"]
    feature = next(f for f in areas if township in f["properties"]["townships"])
    return shape(feature["geometry"]).bounds


def chip_texts(page) -> set[str]:
    return {text.strip() for text in page.locator(CHIP_BUTTONS).all_inner_texts()}


def open_map(page_factory, app_server, size: str, lang: str, **params):
    viewport, extra = SIZES[size]
    page = page_factory(viewport)
    goto(page, app_url(app_server["url"], **({"lang": "en"} if lang == "en" else {}), **extra, **params))
    return page, map_frame(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", list(SIZES))
def test_chips_name_the_filters_and_cover_nothing(page_factory, app_server, size, lang):
    page, frame = open_map(page_factory, app_server, size, lang, **LONGTAN_ROADS)
    expect(page.locator(CHIP_BUTTONS).first).to_be_visible()
    assert chip_texts(page) == CHIPS[lang]
    for name in CHIP_NAMES[lang]:
        expect(page.locator(".st-key-cm_chips").get_by_role("button", name=name, exact=True)).to_be_visible()
    viewport = page.viewport_size
    iframe = page.locator(MAP_IFRAME).bounding_box()
    chips = [page.locator(CHIP_BUTTONS).nth(i).bounding_box() for i in range(page.locator(CHIP_BUTTONS).count())]
    for chip in chips:  # in sight, over the map's top edge, never on it
        assert chip["x"] >= 0 and chip["x"] + chip["width"] <= viewport["width"] and chip["y"] >= 0, chip
        assert chip["y"] + chip["height"] <= iframe["y"] + 1, (chip, iframe)
    content = [
        dict(thing, x=thing["x"] + iframe["x"], y=thing["y"] + iframe["y"]) for thing in frame.evaluate(CONTENT_JS)
    ]
    assert content, "the map shows badges or labels"
    boxes = [{"x": c["x"], "y": c["y"], "w": c["width"], "h": c["height"]} for c in chips]
    assert [(c, t["what"]) for c, t in itertools.product(boxes, content) if boxes_overlap(c, t)] == []
    if "presenter" in size:  # the room reads them from 3 m; the map still reaches the screen's bottom
        sizes = page.locator(CHIP_BUTTONS).evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert min(sizes) >= 18, sizes
        texts = page.locator(f"{CHIP_BUTTONS} p").evaluate_all(
            "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert texts and min(texts) >= 18, texts
        assert iframe["y"] + iframe["height"] >= viewport["height"] - 12, iframe
    screenshot(page, f"chips-{size}-{lang}")
    assert console_problems(page) == [] and exceptions_on_page(page) == []


def test_removing_a_chip_removes_its_filter_and_clear_all_removes_every_one(page_factory, app_server):
    page, _ = open_map(page_factory, app_server, "1440x900", "zh", **LONGTAN_ROADS)
    page.locator(CHIP_BUTTONS).filter(has_text="公路交通").click()
    page.wait_for_function("() => !location.search.includes('cat=')")
    wait_for_app(page)
    assert chip_texts(page) == {"2023 ×", "龙潭镇 ×", "全部清除"}
    named = page.locator(".st-key-cm_chips").get_by_role  # the chips' names follow the rerun
    expect(named("button", name="移除筛选：龙潭镇", exact=True)).to_be_visible()
    expect(named("button", name="移除筛选：公路交通", exact=True)).to_have_count(0)
    assert "town=" in page.url and "year=2023" in page.url
    by_hand = [r for r in projects() if "2023" in r["years"].split("|") and "龙潭镇" in r["townships"].split("|")]
    assert kpi_count(page) == len(by_hand)
    page.locator(CHIP_BUTTONS).filter(has_text="全部清除").click()
    page.wait_for_function("() => !location.search.includes('town=') && !location.search.includes('year=')")
    wait_for_app(page)
    assert page.locator(CHIP_BUTTONS).count() == 0
    assert kpi_count(page) == len(projects())
    assert console_problems(page) == [] and exceptions_on_page(page) == []


def pick_in_drawer(page, label: str, option: str) -> None:
    """In presenter mode, open the filter drawer and choose ``option`` in its multiselect ``label``, as a presenter would."""
    page.locator(".st-key-cm_filter_drawer button").first.click()
    box = page.locator('[data-testid="stPopoverBody"] [data-testid="stMultiSelect"]').filter(has_text=label)
    box.locator("input").first.click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")


def test_the_presenters_drawer_changes_a_filter_without_leaving_presenter_mode(page_factory, app_server):
    page, frame = open_map(page_factory, app_server, "1920x1080-presenter", "zh", z="11", c="28.84,108.77")
    before = frame.evaluate("() => window.map.getZoom()")
    pick_in_drawer(page, "类别", "公路交通")
    page.wait_for_function("() => location.search.includes('cat=road')")
    wait_for_app(page)
    assert "present=1" in page.url and "z=11" in page.url
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    expect(page.locator(CHIP_BUTTONS).filter(has_text="公路交通")).to_be_visible()
    assert map_frame(page).evaluate("() => window.map.getZoom()") == before == 11
    screenshot(page, "chips-presenter-drawer")
    assert console_problems(page) == [] and exceptions_on_page(page) == []


@pytest.mark.parametrize(("size", "lang", "query"), [("1440x900", "zh", "花田"), ("390x844", "en", "huatian")])
def test_a_search_zooms_to_its_township_and_lists_what_it_found(page_factory, app_server, size, lang, query):
    page, frame = open_map(page_factory, app_server, size, lang, q=query)
    by_hand = 12  # projects.csv: the 12 items whose name, summary or township says 花田
    found = [r for r in projects() if "花田" in r["name_zh"] + r["summary_zh"] + r["townships"]]
    assert len(found) == by_hand
    assert kpi_count(page) == by_hand
    west, south, east, north = area_bounds("花田乡")
    frame.wait_for_function(
        f"() => window.map.getZoom() >= 11 && window.map.getBounds().contains([{(south + north) / 2}, {(west + east) / 2}])"
    )
    seen = frame.evaluate(BOUNDS_JS)
    # The frame shows the whole township, and little more: not the county (about 1.2 x 1.2 degrees).
    assert seen["west"] <= west + 0.01 and seen["east"] >= east - 0.01, (seen, west, east)
    assert seen["south"] <= south + 0.01 and seen["north"] >= north - 0.01, (seen, south, north)
    assert min(seen["east"] - seen["west"], seen["north"] - seen["south"]) < 0.5, seen
    heading = f"搜索“{query}”的结果：{by_hand} 项" if lang == "zh" else f'Search results for "{query}": {by_hand} items'
    title = page.get_by_text(heading, exact=True)
    expect(title).to_be_visible()
    grid = page.locator(".st-key-search_list [role='grid'], .st-key-search_list table").first
    assert grid.get_attribute("aria-rowcount") == str(by_hand + 1)  # the header and one row per item
    iframe = page.locator(MAP_IFRAME).bounding_box()
    listed = title.bounding_box()
    if size == "390x844":  # under the map on a phone, beside it on a desk
        assert listed["y"] >= iframe["y"] + iframe["height"]
    else:
        assert listed["x"] >= iframe["x"] + iframe["width"] and listed["y"] < iframe["y"] + iframe["height"]
    screenshot(page, f"search-{query}-{size}")
    assert console_problems(page) == [] and exceptions_on_page(page) == []


def test_a_search_that_finds_nothing_says_what_to_try(page_factory, app_server):
    page, _ = open_map(page_factory, app_server, "1440x900", "zh", q="无此项目")
    expect(page.get_by_text("没有找到与“无此项目”相符的项目。", exact=False)).to_be_visible()
    assert page.get_by_text("拼音", exact=False).count() >= 1
    assert console_problems(page) == [] and exceptions_on_page(page) == []
