"""Publishing a review in a real browser: an editor signs in, reviews the next report, publishes it as edition 2024;
the public map's latest view then shows the new edition's items, and the report's view stays the 2023 report.

The report is tests/data/report_2024.txt, written by hand: its 2023 review says 桃花源新城供水厂 (planned in
projects.csv) was put into use and 丁市中坝小学 finished; its 2024 plan adds 毛坝乡青龙水库, a new item. The
editor accepts the first draft of each part (the waterworks and the reservoir) and leaves the school pending.
"""

from __future__ import annotations

import pytest
from conftest import ROOT, app_url, console_problems, drawn_ids, goto, map_frame, screenshot
from conftest import wait_for_app as settled
from playwright.sync_api import expect
from test_accessibility import violations
from test_living_in_browser import ITEM_ON_MAP_JS, sign_in
from test_review_in_browser import open_section

from countymap.living import open_database, state_as_of

pytestmark = pytest.mark.browser
REPORT = ROOT / "tests" / "data" / "report_2024.txt"
WATERWORKS, SCHOOL = "water-new-city-waterworks", "school-dingshi-zhongba-primary"
SECTIONS = ("第一（一）部分 ·", "第二（一）部分 ·")  # the report's parts


def _review(page, tmp_path) -> None:
    """Upload the report and accept each part's first draft with the editor's own summaries."""
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.read_bytes())
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_text("条草稿，分布在").wait_for(timeout=60_000)
    settled(page)
    for title in SECTIONS:
        section, grid = open_section(page, title)
        grid.type("summary_zh", 0, "编辑自写的简介。")
        grid.type("summary_en", 0, "The editor's own summary.")
        grid.choose("decision", 0, "accept", option="采纳")
        section.get_by_text("本部分：采纳 1 条").wait_for(timeout=60_000)
        settled(page)
    page.get_by_text("已采纳 2 条").wait_for(timeout=60_000)
    settled(page)


def test_an_editor_publishes_the_review_and_the_public_map_shows_the_new_edition(living_server, page_factory, tmp_path):
    editor = page_factory({"width": 1440, "height": 900})
    goto(editor, app_url(living_server["url"], "编辑"))
    sign_in(editor, living_server)
    editor.locator('[data-testid="stSidebar"]').get_by_role("link", name="草稿审核").click()  # same session
    editor.get_by_text("发布为新版本").wait_for(state="detached")  # nothing to publish before an upload
    settled(editor)
    _review(editor, tmp_path)
    expect(editor.get_by_label("版本（报告年份）")).to_have_value("2024")
    expect(
        editor.get_by_text("将发布 2 个项目：1 个接续已有项目（保留其编号和更新记录），1 个为新项目。")
    ).to_be_visible()
    publish = editor.get_by_role("button", name="发布", exact=True)
    expect(publish).to_be_disabled()
    editor.get_by_text("确认发布 2024 版本").click()
    expect(publish).to_be_enabled(timeout=30_000)
    publish.click()
    expect(editor.get_by_text("已发布 2024 版本：2 个项目")).to_be_visible(timeout=30_000)
    settled(editor)
    screenshot(editor, "publish-editor-published")
    assert violations(editor) == []

    published = state_as_of(open_database(living_server["db"])).table
    assert published["id"].iloc[0] == WATERWORKS and list(published["name_zh"][1:]) == ["毛坝乡青龙水库"]
    new_id = published["id"].iloc[1]
    public = page_factory({"width": 1440, "height": 900})
    goto(public, app_url(living_server["url"], sel=new_id))
    frame = map_frame(public)
    assert drawn_ids(frame) == sorted([WATERWORKS, new_id])  # the new edition, and only it
    assert frame.evaluate(ITEM_ON_MAP_JS, WATERWORKS)["s"] == "completed"
    assert frame.evaluate(ITEM_ON_MAP_JS, new_id)["s"] == "planned"
    expect(public.locator(".cm-detail").first).to_contain_text("毛坝乡青龙水库")
    assert "发布为新版本" not in public.content()
    screenshot(public, "publish-public-latest")

    report = page_factory({"width": 1440, "height": 900})
    goto(report, app_url(living_server["url"], as_of="report"))
    frame = map_frame(report)
    assert new_id not in drawn_ids(frame) and SCHOOL in drawn_ids(frame)
    assert frame.evaluate(ITEM_ON_MAP_JS, WATERWORKS)["s"] == "planned"
    assert not console_problems(editor) and not console_problems(public) and not console_problems(report)
