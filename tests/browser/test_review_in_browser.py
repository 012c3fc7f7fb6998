"""The review page in a real browser: upload the report, accept three drafts, edit one, download, validate.

The drafts' editor is Streamlit's data editor, a canvas grid (glide-data-grid).
The grid keeps an accessible twin of its cells in the DOM: one ``td`` per
visible cell, ``data-testid="glide-cell-{column}-{row}"``, holding the cell's
value (codes, not labels), and the selected cell's twin has the focus. The test
drives the grid as a person does (a click selects a cell, arrow keys move,
Enter opens the cell's editor and commits it) and waits on those twins: the
selected cell, the open editor, the committed value. Every commit reruns the
page, and the page's tally and download show what the session kept.
"""

from __future__ import annotations

import pytest
from conftest import app_url, console_problems, goto, screenshot, wait_for_app
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from countymap.validation.context import load_context
from countymap.validation.validate import validate_file

pytestmark = pytest.mark.browser
ROW_HEIGHT = 35  # Streamlit's data editor: header and rows are 35 px high
COLUMNS = ("decision", "summary_zh", "summary_en", "name_zh", "category")  # the editor's first columns
GRID = '[data-testid="stDataFrame"]'
FOCUSED_JS = "() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName"
EDITING_JS = "() => ['INPUT', 'TEXTAREA'].includes(document.activeElement?.tagName)"


class Grid:
    """One section's editor, driven from the keyboard as a person does.

    A click selects the first row's first cell (only once: a click on the
    selected cell would open its editor); arrow keys move the selection, Enter
    opens the selected cell's editor, and Enter in a text editor commits and
    moves one row down (on the last row the selection stays: there is no row
    below). ``at`` is where the selection must be; after every move the test
    waits until the focused twin confirms it.
    """

    def __init__(self, page, locator) -> None:
        self.page, self.locator, self.at = page, locator, None

    def cell(self, column: str, row: int):
        """The accessible twin of a cell: it holds the cell's value."""
        return self.locator.locator(f'[data-testid="glide-cell-{COLUMNS.index(column)}-{row}"]')

    def _confirm(self) -> None:
        target = f"glide-cell-{self.at[0]}-{self.at[1]}"
        try:
            self.page.wait_for_function(f"() => document.activeElement?.dataset?.testid === '{target}'", timeout=10_000)
        except PlaywrightTimeout:
            focused = self.page.evaluate(FOCUSED_JS)
            screenshot(self.page, "review-focus")
            raise AssertionError(f"the grid's selected cell is {focused}, not {target}") from None

    def select(self, column: str, row: int) -> None:
        """Move the selection to a cell (the test uses cells the grid shows without scrolling)."""
        if self.at is None:
            self.locator.locator(".dvn-scroller").click(position={"x": 30, "y": ROW_HEIGHT * 1.5})
            self.at = (0, 0)
            self._confirm()
        target = (COLUMNS.index(column), row)
        for key, steps in (("ArrowRight", target[0] - self.at[0]), ("ArrowDown", target[1] - self.at[1])):
            back = {"ArrowRight": "ArrowLeft", "ArrowDown": "ArrowUp"}[key]
            for _ in range(abs(steps)):
                self.page.keyboard.press(key if steps > 0 else back)
        self.at = target
        self._confirm()

    def type(self, column: str, row: int, value: str) -> None:
        """Type ``value`` into a text cell; wait until the grid holds it and the rerun has finished."""
        self.select(column, row)
        self.page.keyboard.press("Enter")
        self.page.wait_for_function(EDITING_JS, timeout=10_000, polling=50)
        self.page.locator("textarea:focus, input:focus").fill(value)
        self.page.keyboard.press("Enter")
        self._committed(column, row, value)
        self.at = (self.at[0], min(row + 1, self.rows() - 1))
        self._confirm()

    def rows(self) -> int:
        """How many rows the grid has: its accessible twin counts them, plus the header row."""
        count = self.locator.locator('table[role="grid"]').get_attribute("aria-rowcount", timeout=10_000)
        return int(count) - 1

    def choose(self, column: str, row: int, value: str, option: str) -> None:
        """Pick the option labelled ``option`` in a select-box cell, whose code is ``value``."""
        self.select(column, row)
        self.page.keyboard.press("Enter")
        self.page.get_by_role("option", name=option, exact=True).click()
        self._committed(column, row, value)
        self._confirm()

    def _committed(self, column: str, row: int, value: str) -> None:
        self.cell(column, row).filter(has_text=value).wait_for(state="attached", timeout=10_000)
        wait_for_app(self.page)  # the rerun this commit caused has drawn the page again


def open_section(page, title: str):
    """Open a section of drafts; return its expander and its grid once the grid is drawn."""
    section = page.locator('[data-testid="stExpander"]', has_text=title)
    section.locator("summary").click()
    grid = section.locator(GRID)
    grid.locator('[data-testid="glide-cell-0-0"]').wait_for(state="attached", timeout=30_000)
    return section, Grid(page, grid)


def test_upload_accept_edit_download_validates(app_server, page, report_text, tmp_path):
    goto(page, app_url(app_server["url"], "草稿审核"))
    path = tmp_path / "report.txt"
    path.write_text(report_text, encoding="utf-8")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_text("条草稿，分布在").wait_for(timeout=60_000)
    wait_for_app(page)
    section, grid = open_section(page, "第一（一）部分 ·")
    for row in range(3):
        grid.type("summary_zh", row, f"测试用简介第{row + 1}条，由编辑自写。")
        grid.type("summary_en", row, f"Test summary {row + 1}, written by the editor.")
        grid.choose("decision", row, "accept", option="采纳")
    grid.choose("category", 0, "welfare", option="民生保障")
    section.get_by_text("本部分：采纳 3 条").wait_for(timeout=60_000)
    page.get_by_text("已采纳 3 条").wait_for(timeout=60_000)
    wait_for_app(page)
    screenshot(page, "review-accepted")

    button = page.get_by_role("button", name="下载项目表（CSV）")
    with page.expect_download() as info:
        button.click()
    saved = tmp_path / "projects-draft.csv"
    info.value.save_as(saved)
    problems = validate_file(saved, context=load_context())
    assert [p.as_text("en") for p in problems] == []
    rows = saved.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 4 and sum("测试用简介" in row for row in rows) == 3
    assert ",welfare," in rows[1]

    # The other language keeps every edit (the editors' keys do not name the language) and the open section.
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.get_by_text("This part: 3 accepted").wait_for(timeout=60_000)
    page.get_by_role("button", name="Download the projects file (CSV)").wait_for(timeout=30_000)
    english = Grid(page, page.locator('[data-testid="stExpander"]', has_text="Part 1.1 ·").locator(GRID))
    english.cell("summary_en", 2).filter(has_text="Test summary 3").wait_for(state="attached", timeout=30_000)
    english.cell("decision", 2).filter(has_text="accept").wait_for(state="attached", timeout=30_000)
    assert console_problems(page) == []
