"""Every page in both languages, the phone and presenter layouts, and the four downloads."""

from __future__ import annotations

import csv
import io
import json
from contextlib import ExitStack

import geopandas
import oracle
import pytest
from conftest import (
    MAP_IFRAME,
    MOBILE,
    PAGES,
    ROOT,
    app_url,
    console_problems,
    exceptions_on_page,
    goto,
    http_failures,
    map_frame,
    screenshot,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# A phrase each page shows in its title, per language (proves the page, not an error, rendered).
TITLES = {
    "map": ("项目地图", "Project Map"),
    "项目列表": ("项目列表", "Items"),
    "乡镇": ("乡镇", "Townships"),
    "统计": ("统计", "Statistics"),
    "数据说明": ("数据说明", "About the data"),
    "草稿审核": ("草稿审核", "Review drafts"),
    "编辑": ("编辑登录", "Editors"),
}
ERROR_TEXTS = ("地图绘制出错", "could not be drawn", "Traceback")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_without_exception(page, app_server, name, lang):
    params = {"lang": "en"} if lang == "en" else {}
    goto(page, app_url(app_server["url"], name, **params))
    title = TITLES[name][0 if lang == "zh" else 1]
    expect(page.locator("h1").first).to_contain_text(title)
    if name in ("map", "乡镇"):
        map_frame(page)  # the map of these pages has drawn
    screenshot(page, f"{name}-{lang}")
    assert exceptions_on_page(page) == []
    body = page.locator("body").inner_text()
    assert not [text for text in ERROR_TEXTS if text in body]
    assert page.blocked_requests == []
    assert console_problems(page) == []
    assert http_failures(page) == []


def test_map_on_a_phone(page_factory, app_server):
    phone = page_factory(MOBILE)
    goto(phone, app_url(app_server["url"]))
    frame = map_frame(phone)
    iframe_box = phone.locator(MAP_IFRAME).bounding_box()
    assert iframe_box["width"] >= 340, f"map only {iframe_box['width']} px wide on a 390 px phone"
    # The title must start below Streamlit's fixed header, not behind it.
    title = phone.locator("h1").first.bounding_box()
    header = phone.locator('[data-testid="stHeader"]').bounding_box()
    assert title["y"] >= header["y"] + header["height"] - 1, f"title hidden under the header: {title}, {header}"
    # The page must not scroll sideways.
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow} px wider than the phone"
    # On a narrow map the legend starts folded so it does not hide the county.
    assert frame.evaluate("() => !document.querySelector('.cm-legend details').open")
    screenshot(phone, "map-mobile-390")
    assert exceptions_on_page(phone) == []
    assert console_problems(phone) == []


def test_presenter_mode(page, app_server):
    goto(page, app_url(app_server["url"], present="1"))
    frame = map_frame(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    assert frame.evaluate("() => document.querySelector('.leaflet-container').classList.contains('cm-presenter')")
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box["width"] > 1200, "presenter map should use the full width"
    screenshot(page, "map-presenter")
    assert exceptions_on_page(page) == []
    assert console_problems(page) == []


def test_projects_csv_download_has_bom_and_filtered_rows(page, app_server, tmp_path):
    expected = oracle.selected_ids(oracle.read_rows(ROOT / "projects.csv"), years=("2023",), categories=("road",))
    assert len(expected) > 0
    goto(page, app_url(app_server["url"], "项目列表", year="2023", cat="road"))
    expect(page.locator(".cm-describe").first).to_have_attribute("data-count", str(len(expected)))
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="下载 CSV").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    path = tmp_path / "download.csv"
    download.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 BOM (Excel on Windows)"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(expected)
    assert sorted(row["id"] for row in rows) == expected
    assert page.blocked_requests == []


def test_projects_geopackage_download_holds_the_filtered_rows(page, app_server, tmp_path):
    expected = oracle.selected_ids(oracle.read_rows(ROOT / "projects.csv"), years=("2023",), categories=("road",))
    goto(page, app_url(app_server["url"], "项目列表", year="2023", cat="road"))
    expect(page.locator(".cm-describe").first).to_have_attribute("data-count", str(len(expected)))
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="下载 GeoPackage").click()
    assert info.value.suggested_filename.endswith(".gpkg")
    path = tmp_path / "download.gpkg"
    info.value.save_as(path)
    layer = geopandas.read_file(path, layer="projects")
    assert sorted(layer["id"]) == expected
    assert layer.crs.to_epsg() == 4326
    assert page.blocked_requests == []


def _ends_with(suffix: str):
    return lambda download: download.suggested_filename.endswith(suffix)


def test_four_downloads_clicked_in_a_row_all_arrive(page, app_server, tmp_path):
    """A planner who clicks the four buttons one after another gets four files, each of the rows shown.

    A click used to rerun the page, and the rerun lost another click's file (most bursts lost one to three).
    """
    expected = oracle.selected_ids(oracle.read_rows(ROOT / "projects.csv"), years=("2023",), categories=("road",))
    goto(page, app_url(app_server["url"], "项目列表", year="2023", cat="road"))
    expect(page.locator(".cm-describe").first).to_have_attribute("data-count", str(len(expected)))
    buttons = {".csv": "下载 CSV", ".geojson": "下载 GeoJSON", ".xlsx": "下载 Excel", ".gpkg": "下载 GeoPackage"}
    for burst in range(2):
        with ExitStack() as stack:
            waits = {
                suffix: stack.enter_context(page.expect_download(predicate=_ends_with(suffix), timeout=30_000))
                for suffix in buttons
            }
            for name in buttons.values():
                page.get_by_role("button", name=name).click()
        paths = {suffix: tmp_path / f"{burst}{suffix}" for suffix in buttons}
        for suffix, info in waits.items():
            info.value.save_as(paths[suffix])
        csv_rows = csv.DictReader(io.StringIO(paths[".csv"].read_bytes().decode("utf-8-sig")))
        assert sorted(row["id"] for row in csv_rows) == expected
        features = json.loads(paths[".geojson"].read_text(encoding="utf-8"))["features"]
        assert sorted(f["id"] for f in features) == expected
        assert sorted(geopandas.read_file(paths[".gpkg"], layer="projects")["id"]) == expected
        assert paths[".xlsx"].read_bytes().startswith(b"PK")  # a workbook; its sheets are tested in test_planner_excel
    expect(page.get_by_test_id("stDownloadButtonError")).to_have_count(0)
    assert "Deferred file" not in app_server["log"].read_text(encoding="utf-8", errors="replace")
    assert page.blocked_requests == []
