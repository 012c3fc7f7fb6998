"""The living map in a real browser: an editor places a site by clicking and records a completion with evidence;
a public session then sees the item at its site, completed, "as of" that date, and the report's view unchanged.

The server (conftest's ``living_server``) runs on a temporary database (``COUNTYMAP_DATA_HOME``) holding
projects.csv as edition 2023 and one editor account. Expectations are by hand: the item is planned and drawn in its township in projects.csv.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import app_url, console_problems, goto, map_frame, screenshot
from conftest import wait_for_app as settled
from playwright.sync_api import expect
from test_accessibility import violations

from countymap.living import history, open_database

pytestmark = pytest.mark.browser
ITEM = "scenic-dingshi-qiandangtian"  # planned, drawn in 丁市镇 (township level) in projects.csv
TARGET = (108.62, 28.88)  # lon, lat to click: inside the county, by hand from its outline
EVIDENCE = "https://example.org/youyang/qiandangtian-opened"
PLACING_READY_JS = "() => window.map && window.map._loaded && !window.map._animatingZoom"
ITEM_ON_MAP_JS = """(id) => {
    window.cmAtlas.makePoints();
    let found = null;
    const visit = (group) => group.eachLayer(l => {
        if (l.feature && l.feature.properties && l.feature.properties.id === id) { found = l.feature; }
        if (l.getLayers) { visit(l); }
    });
    visit(window.cmAtlas.points);
    visit(window.cmAtlas.lines);
    return found && {p: found.properties.p, s: found.properties.s, coordinates: found.geometry.coordinates};
}"""


def sign_in(page, server: dict) -> None:
    """Sign in as the server's editor on the editing page (open already)."""
    page.get_by_label("账号").fill(server["editor"])
    page.get_by_label("密码").fill(server["password"])
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_text(f"已登录：{server['editor']}")).to_be_visible(timeout=30_000)


def _choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the select box labelled ``label`` (typed, as a person searches)."""
    box = page.get_by_label(label, exact=True)
    box.click()
    box.fill(option)
    page.get_by_role("option").filter(has_text=option).first.click()
    settled(page)


def _save(page, evidence: str) -> None:
    page.get_by_role("textbox", name="依据（链接或出处）").fill(evidence)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存")).to_be_visible(timeout=30_000)
    settled(page)


def _click_on_map(page, lon: float, lat: float) -> None:
    """Click the editing map where (lon, lat) is drawn (no basemap: WGS-84 on screen)."""
    iframe = page.locator('iframe[title="streamlit_folium.st_folium"]').first
    frame = iframe.element_handle().content_frame()
    frame.wait_for_function(PLACING_READY_JS, polling=200, timeout=45_000)
    iframe.scroll_into_view_if_needed()
    point = frame.evaluate(f"() => window.map.latLngToContainerPoint([{lat}, {lon}])")
    box = iframe.bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    expect(page.get_by_text("已选位置")).to_be_visible(timeout=30_000)
    settled(page)


def test_an_editor_places_a_site_and_records_completion_then_the_public_sees_it(living_server, page_factory):
    today = dt.date.today().isoformat()
    editor = page_factory({"width": 1440, "height": 900})
    goto(editor, app_url(living_server["url"], "编辑"))
    sign_in(editor, living_server)
    _choose(editor, "选择项目", ITEM)
    editor.get_by_role("radiogroup", name="要记录的内容").get_by_text("实际位置", exact=True).click()
    settled(editor)
    _click_on_map(editor, *TARGET)
    screenshot(editor, "living-editor-site")
    assert violations(editor) == []  # the signed-in page: forms, the placing map's frame aside
    _save(editor, EVIDENCE)
    editor.get_by_role("radiogroup", name="要记录的内容").get_by_text("状态", exact=True).click()
    settled(editor)
    _choose(editor, "新状态", "已完成")
    _save(editor, EVIDENCE)
    saved = history(open_database(living_server["db"]), ITEM)
    assert [r.field for r in saved] == ["site", "status"]
    lon, lat = saved[0].value["lon"], saved[0].value["lat"]
    assert abs(lon - TARGET[0]) < 0.01 and abs(lat - TARGET[1]) < 0.01  # where the click landed

    public = page_factory({"width": 1440, "height": 900})
    goto(public, app_url(living_server["url"], sel=ITEM))
    expect(public.locator(".cm-as-of")).to_contain_text(f"截至 {today}")
    expect(public.locator(".cm-detail").first).to_contain_text("已完成")
    expect(public.locator(".cm-timeline")).to_contain_text(EVIDENCE)
    expect(public.locator(".cm-timeline")).to_contain_text("县里的编辑")
    assert living_server["editor"] not in public.content()  # the public never sees an account name
    drawn = map_frame(public).evaluate(ITEM_ON_MAP_JS, ITEM)
    assert drawn["p"] == "site" and drawn["s"] == "completed"
    drawn_at = drawn["coordinates"][0] if isinstance(drawn["coordinates"][0], list) else drawn["coordinates"]
    assert abs(drawn_at[0] - lon) < 1e-5 and abs(drawn_at[1] - lat) < 1e-5  # the map writes 5 decimals
    screenshot(public, "living-public-latest")
    assert violations(public) == []  # the as-of line, the timeline, the changes list

    report = page_factory({"width": 1440, "height": 900})
    goto(report, app_url(living_server["url"], sel=ITEM, as_of="report"))
    expect(report.locator(".cm-as-of")).to_contain_text("报告原貌")
    expect(report.locator(".cm-detail").first).to_contain_text("计划")
    drawn = map_frame(report).evaluate(ITEM_ON_MAP_JS, ITEM)
    assert drawn["p"] == "township" and drawn["s"] == "planned"
    assert not console_problems(public) and not console_problems(report)
