"""The planner's road task in 龙潭镇 ends in an answer, at a desk and on a phone, in both languages.

Walks "2023 road works in 龙潭镇 and their money": the township has no road
item of its own, and the five county-wide road programmes that reach it are
named (by hand from projects.csv: 县乡道改造提质 50 km, 四好农村路 200 km,
窄路面拓宽 70 km, 农村公路安全防护 200 km, 景点直连线 70 km). Then the table
hands over an Excel file named by its filter, and a table row opens its item on the map.
"""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from conftest import (
    MAP_IFRAME,
    ROOT,
    app_url,
    console_problems,
    exceptions_on_page,
    goto,
    map_frame,
    screenshot,
    wait_for_app,
)
from playwright.sync_api import expect
from test_view_state_in_browser import settle_on

from countymap.bench.live import MAP_AT_REST_JS

pytestmark = pytest.mark.browser

DESK = {"width": 1440, "height": 900}
ROADS_2023 = {"year": "2023", "cat": "road"}
ANSWER = {
    "zh": ("0 个项目；另有 5 个全县范围项目覆盖所选乡镇", "县乡道改造提质（2023年）", "50 公里"),
    "en": ("no items; plus 5 county-wide items that reach it", "County and township road upgrades (2023)", "50 km"),
}


def _wide_list(page, name: str):
    """The grid that lists ``name`` (its cells stand in the page for screen readers)."""
    grid = page.locator('[data-testid="stDataFrame"]').filter(has=page.locator("td", has_text=name))
    grid.first.wait_for(state="visible")
    return grid.first


def pick_option(page, label: str, option: str) -> None:
    """Type into the sidebar multiselect labelled ``label`` and choose ``option`` (a long list only shows a part)."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label)
    box.locator("input").first.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)


def _walk_by_clicks(page) -> None:
    """Year, sector and township chosen in the sidebar (of the map page, open), as a planner would."""
    pick_option(page, "报告年份", "2023")
    pick_option(page, "类别", "公路交通")
    pick_option(page, "乡镇（街道）", "龙潭镇")
    settle_on(page, "town=龙潭镇")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", ["desk", "phone"])
def test_longtan_road_task_names_the_county_wide_programmes(open_map, size, lang):
    if size == "desk" and lang == "zh":
        page, _ = open_map(size)
        _walk_by_clicks(page)
        map_frame(page)
    else:
        page, _ = open_map(size, lang, **ROADS_2023, town="龙潭镇")
    sentence, name, size_text = ANSWER[lang]
    assert page.locator(".cm-describe").inner_text().endswith(sentence)
    grid = _wide_list(page, name)
    assert grid.locator("td", has_text=size_text).count() >= 1  # the programme's size stands in its row
    listed = grid.locator("td").all_inner_texts()
    assert sum(1 for cell in listed if cell in ("计划", "Planned")) == 5  # five rows, each with its status
    box, frame_box = grid.bounding_box(), page.locator(MAP_IFRAME).bounding_box()
    if size == "desk":
        assert box["x"] >= frame_box["x"] + frame_box["width"], "the list stands beside the map on a desk"
    else:
        assert box["y"] >= frame_box["y"] + frame_box["height"], "the list comes under the map on a phone"
    screenshot(page, f"planner-longtan-roads-{size}-{lang}")
    assert exceptions_on_page(page) == []
    assert console_problems(page) == []


def _area_bounds(township: str) -> tuple[float, float, float, float]:
    """(south, west, north, east) of ``township``'s approximate area, read from geodata/township_areas.geojson."""
    for feature in json.loads((ROOT / "geodata" / "township_areas.geojson").read_text(encoding="utf-8"))["features"]:
        if township in feature["properties"]["townships"].split("|"):
            ring = feature["geometry"]["coordinates"][0]
            lons, lats = [p[0] for p in ring], [p[1] for p in ring]
            return min(lats), min(lons), max(lats), max(lons)
    raise LookupError(township)


# The outlined areas' bounds (degrees) and their box in the frame's pixels.
OUTLINED_JS = """() => {
    const m = window.map, b = window.feature_group[0].getBounds(), s = m.getSize();
    const nw = m.latLngToContainerPoint(b.getNorthWest()), se = m.latLngToContainerPoint(b.getSouthEast());
    return {south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast(),
            left: nw.x, top: nw.y, right: se.x, bottom: se.y, width: s.x, height: s.y};
}"""


@pytest.mark.parametrize(("size", "lang"), [("desk", "zh"), ("phone", "en")])
def test_a_township_filter_outlines_and_fits_the_township(open_map, size, lang):
    """The planner's 龙潭镇 (no road item of its own) is outlined and fills the frame, not the whole county."""
    page, frame = open_map(size, lang, **ROADS_2023, town="龙潭镇")
    frame.wait_for_function("() => window.feature_group && window.feature_group[0].getLayers().length", polling=100)
    frame.wait_for_function(MAP_AT_REST_JS, polling=300)
    box = frame.evaluate(OUTLINED_JS)
    south, west, north, east = _area_bounds("龙潭镇")
    assert [round(box[k], 4) for k in ("south", "west", "north", "east")] == [
        round(v, 4) for v in (south, west, north, east)
    ], "the outline is 龙潭镇's area"
    assert box["left"] >= 0 and box["top"] >= 0 and box["right"] <= box["width"] and box["bottom"] <= box["height"]
    fill = max((box["right"] - box["left"]) / box["width"], (box["bottom"] - box["top"]) / box["height"])
    assert fill >= 0.5, box  # fitted to the township, not left at the county's view
    assert "z=" not in page.url, "the fit is the app's view, not the reader's"
    screenshot(page, f"planner-longtan-outlined-{size}-{lang}")
    assert exceptions_on_page(page) == []


def test_the_table_hands_over_a_named_workbook_and_a_row_opens_the_map(page_factory, app_server):
    page = page_factory(DESK)
    goto(page, app_url(app_server["url"], "项目列表", **ROADS_2023))
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 Excel").click()
    download = info.value
    assert download.suggested_filename == "酉阳县项目_2023_公路交通.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(download.path().read_bytes()))
    items = book["项目"]
    rows = {row[0].value: row for row in items.iter_rows(min_row=2)}
    headers = [cell.value for cell in items[1]]
    roads = rows["县乡道改造提质（2023年）"]
    assert roads[headers.index("规模（数值）")].value == 50 and roads[headers.index("规模（数值）")].data_type == "n"
    assert roads[headers.index("类别")].value == "公路交通"
    assert items.freeze_panes == "B2" and items.auto_filter.ref.startswith("A1:")
    screenshot(page, "planner-table-zh")
    grid = page.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    first_name = grid.locator("td").first.inner_text()
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first row's selection box
    page.wait_for_url("**/?*sel=*")
    wait_for_app(page)
    map_frame(page)
    expect(page.locator(".cm-detail h3").first).to_have_text(first_name)  # the item's details beside the map
    screenshot(page, "planner-table-row-opens-map")
    assert exceptions_on_page(page) == []


@pytest.mark.parametrize("size", ["desk", "phone"])
def test_township_list_keeps_status_and_year_in_view(open_map, size):
    page, _ = open_map(size, page_name="乡镇", tw="桃花源街道")
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(state="visible")
    # The grid renders (for screen readers) the columns in view: a long name must not push status and year out.
    shown = grid.locator("th").all_inner_texts()
    assert {"状态", "年份"} <= set(shown), f"in view at {size}: {shown}"
    quoted = page.locator(".cm-passage").first.inner_text()
    assert "桃花源新城" in quoted and "旅投集团" not in quoted and "美食节" not in quoted
    screenshot(page, f"planner-township-taohuayuan-{size}")
    assert exceptions_on_page(page) == []
