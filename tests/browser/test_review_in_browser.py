"""The review page in a real browser: upload the report, accept three drafts, edit one, download, validate."""

from __future__ import annotations

import pytest
from conftest import app_url, goto, screenshot, wait_for_app

from countymap.validation.context import load_context
from countymap.validation.validate import validate_file

pytestmark = pytest.mark.browser
ROW_HEIGHT = 35  # Streamlit's data editor: header and rows are 35 px high


SELECT_COLUMNS = ("decision", "category")
COLUMNS = ("decision", "summary_zh", "summary_en", "name_zh", "category")  # the editor's first columns


def edit_column(page, grid, column: str, values: list[str]) -> None:
    """Type ``values`` into ``column`` from the first row down.

    The grid is a canvas: click the first row's first cell and walk right with
    the arrow keys; Enter opens a cell's editor (text or select box), Enter
    commits and moves down. The grid sits in a form, so no edit reruns the script.
    """
    grid.locator('[data-testid="glide-cell-0-0"]').wait_for(state="attached", timeout=30_000)  # the grid is drawn
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 30, box["y"] + ROW_HEIGHT * 1.5)
    page.wait_for_function(SELECTED_JS, timeout=10_000, polling=50)  # the first cell has the focus
    for _ in range(COLUMNS.index(column)):
        page.keyboard.press("ArrowRight")
    for value in values:
        page.keyboard.press("Enter")
        page.wait_for_function(EDITING_JS, timeout=10_000, polling=50)  # the cell's editor has opened
        if column in SELECT_COLUMNS:
            page.keyboard.type(value)  # filters the options; Enter takes the first
        else:
            page.locator("textarea:focus").fill(value)
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => !({EDITING_JS[6:]})", timeout=10_000, polling=50)  # and closed


SELECTED_JS = (
    "() => document.activeElement?.tagName === 'CANVAS' || document.activeElement?.getAttribute('role') === 'gridcell'"
)
EDITING_JS = "() => ['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName)"


def test_upload_accept_edit_download_validates(app_server, page, report_text, tmp_path):
    goto(page, app_url(app_server["url"], "草稿审核"))
    path = tmp_path / "report.txt"
    path.write_text(report_text, encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_text("条草稿，分布在").wait_for(timeout=60_000)
    wait_for_app(page)
    section = page.locator('[data-testid="stExpander"]', has_text="第一(一)部分 ·")
    section.locator("summary").click()
    grid = section.locator('[data-testid="stDataFrame"]')
    grid.wait_for(state="visible", timeout=30_000)
    grid.scroll_into_view_if_needed()
    wait_for_app(page)
    edit_column(page, grid, "summary_en", [f"Test summary {n}, written by the editor." for n in (1, 2, 3)])
    edit_column(page, grid, "summary_zh", [f"测试用简介第{n}条，由编辑自写。" for n in (1, 2, 3)])
    edit_column(page, grid, "decision", ["采纳"] * 3)
    edit_column(page, grid, "category", ["welfare"])
    screenshot(page, "review-edited")
    section.get_by_role("button", name="保存本部分的修改").click()
    page.get_by_text("已采纳 3 条").wait_for(timeout=60_000)
    wait_for_app(page)
    screenshot(page, "review-accepted")
    button = page.get_by_role("button", name="下载项目表（CSV）")
    button.wait_for(timeout=30_000)
    with page.expect_download() as info:
        button.click()
    saved = tmp_path / "projects-draft.csv"
    info.value.save_as(saved)
    problems = validate_file(saved, context=load_context())
    assert [p.as_text("en") for p in problems] == []
    rows = saved.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 4 and sum("测试用简介" in row for row in rows) == 3
    assert ",welfare," in rows[1]
