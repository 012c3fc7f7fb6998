"""Upload in a real browser: hostile text stays text, problems are listed, sessions stay apart."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import app_url, goto, kpi_count, screenshot

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<img src=x onerror=alert(1)>"


def upload_bytes() -> bytes:
    """Five standalone rows of the embedded table (no ``part_of``): one hostile name, one unknown township."""
    header, *body = csv.reader(io.StringIO((ROOT / "projects.csv").read_text(encoding="utf-8")))
    rows = [header, *[row for row in body if not row[header.index("part_of")]][:5]]
    rows[1][header.index("name_zh")] = HOSTILE
    rows[2][header.index("townships")] = "火星镇"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("gb18030")  # as Excel on Chinese Windows saves it


def test_upload_shows_problems_maps_valid_rows_and_runs_no_script(app_server, page, page_factory, tmp_path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    goto(page, app_url(app_server["url"], "项目列表"))
    page.get_by_text("上传编辑后的项目表").first.click()
    path = tmp_path / "edited.csv"
    path.write_bytes(upload_bytes())
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_text("已显示上传文件中 4/5 行").wait_for(timeout=30_000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    assert kpi_count(page) == 4
    assert page.get_by_text("未知乡镇").count() >= 1 or page.locator('[data-testid="stDataFrame"]').count() >= 1
    screenshot(page, "upload-problems")
    assert dialogs == []
    assert page.locator("img[src='x']").count() == 0

    other = page_factory()  # a second user still sees the embedded data
    goto(other, app_url(app_server["url"], "项目列表"))
    assert kpi_count(other) > 250
