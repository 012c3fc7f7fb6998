"""Uploads in the app (AppTest): hostile projects files give problems, never a traceback; the report upload is bounded.

The projects upload is checked in a child process (:mod:`countymap.validation.isolated`);
an oversized file is refused by its size before its bytes are copied.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from apptest_run import FIXTURE, ROOT, run
from streamlit.runtime.uploaded_file_manager import UploadedFile
from streamlit.testing.v1 import AppTest

from countymap.bench.hostile_files import zip_bomb_xlsx
from countymap.core.report import REPORT_MAX_BYTES

TABLE_PAGE, ABOUT_PAGE, REVIEW_PAGE = "pages/1_项目列表.py", "pages/4_数据说明.py", "pages/5_草稿审核.py"


pytestmark = pytest.mark.usefixtures("small_fixture_app")


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="projects_upload").set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def problem_rows(at: AppTest) -> list[tuple]:
    """The problems table as (row or None, column, English message)."""
    frame = at.dataframe[0].value
    rows = [None if pd.isna(row) else int(row) for row in frame["row"]]
    return list(zip(rows, frame["column"], frame["problem"], strict=True))


def test_a_duplicated_id_column_is_a_problem_not_a_traceback():
    rows = list(csv.reader(io.StringIO(FIXTURE.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out).writerows([[*row, row[0]] for row in rows])
    at = upload(run(TABLE_PAGE, lang="en"), "dup.csv", out.getvalue().encode("utf-8"))
    assert (None, "id", "duplicate column name (2 columns)") in problem_rows(at)
    assert any("Showing 0 of 12 uploaded rows" in w.value for w in at.warning)  # nothing mapped


def test_a_zip_bomb_upload_says_why_it_was_not_read(tmp_path):
    bomb = zip_bomb_xlsx(tmp_path / "bomb.xlsx", xml_bytes=256 << 20).read_bytes()
    at = upload(run(TABLE_PAGE, lang="en"), "bomb.xlsx", bomb)
    assert [text for _, _, text in problem_rows(at)] == [
        "the file is larger than 50 MB (unpacked); not read (the limit is set by COUNTYMAP_MAX_UNPACKED_MB)"
    ]


def test_an_upload_over_the_size_limit_is_refused_before_its_bytes_are_read(monkeypatch):
    monkeypatch.setenv("COUNTYMAP_MAX_UPLOAD_MB", "0.01")
    at = run(TABLE_PAGE, lang="en")
    monkeypatch.setattr(UploadedFile, "getvalue", lambda self: pytest.fail("the bytes of an oversized file were read"))
    upload(at, "big.csv", b"x" * 20_000)
    assert [text for _, _, text in problem_rows(at)] == ["file too large (limit 0.01 MB); not read"]


@pytest.mark.parametrize(("setting", "browser_mb"), [("10", 11), ("20", 21), ("1", 2), ("0.01", 1)])
def test_the_browser_admits_every_file_up_to_the_limit_whatever_it_calls_a_megabyte(monkeypatch, setting, browser_mb):
    # By hand: 10 MB here are 10,485,760 bytes; Streamlit's browser counts 11 MB as 11,000,000 bytes (1,048,576 each
    # on Windows), both above; 10 would admit only 10,000,000 bytes and turn away files under the stated limit.
    monkeypatch.setenv("COUNTYMAP_MAX_UPLOAD_MB", setting)
    at = run(TABLE_PAGE, lang="en")
    assert at.file_uploader(key="projects_upload").proto.max_upload_size_mb == browser_mb


def test_a_report_upload_larger_than_a_few_reports_is_refused_unread(monkeypatch):
    monkeypatch.setenv("COUNTYMAP_REPORT", str(ROOT / "no-such-report.txt"))
    at = run(ABOUT_PAGE, lang="en")
    monkeypatch.setattr(
        UploadedFile, "getvalue", lambda self: pytest.fail("the bytes of an oversized report were read")
    )
    big = b"x" * (REPORT_MAX_BYTES + 1)
    at.file_uploader(key="report_upload").set_value(("report.txt", big, "text/plain")).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "file too large (216,633 bytes; the limit is 216,632 bytes, 212 KB): the report is about 53 KB; not read"
    ]
    assert "report_text" not in at.session_state
    assert REPORT_MAX_BYTES < 256 * 1024  # "a few times the report", not 150 MB


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_review_page_answers_a_bad_report_file_in_its_language_with_advice_for_a_text(lang):
    at = run(REVIEW_PAGE, lang=lang)
    at.file_uploader(key="review_file").set_value(("report.txt", b"\x00\x01\x02 binary", "text/plain")).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    expected = {
        "zh": "无法读取该文件：二进制文件（含 NUL 字节），不是文本：请从 PDF 或 Word 文件中复制报告全文，另存为 UTF-8 编码的 .txt 文本",
        "en": "The file cannot be read: a binary file (contains NUL bytes), not text: copy the report's full text "
        "out of the PDF or Word file and save it as a .txt file in UTF-8",
    }
    assert errors == [expected[lang]]
