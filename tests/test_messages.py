"""Messages are in the reader's language, right for the file, precise about sizes, and name what is wrong."""

from __future__ import annotations

import os
import re

import pytest
from run_cli import ROOT, run_countymap

from countymap.core.limits import TableError
from countymap.core.report import REPORT_MAX_BYTES
from countymap.core.tables import decode_text, read_raw
from countymap.text.message import Message
from countymap.validation.validate import (
    Problem,
    problems_frame,
    report_too_large,
    table_error_message,
)

HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


@pytest.mark.parametrize(
    "data",
    [b"\x00\x01\x02garbage", b"\xff\xfe" + b"\x00\xd8" * 3, bytes(range(0x80, 0x100)) * 4],
    ids=["binary", "broken utf-16", "no known encoding"],
)
def test_a_bad_report_file_gets_advice_for_a_text_not_for_a_table(data):
    with pytest.raises(TableError) as caught:
        decode_text(data)
    message = Message("review_bad_file", err=table_error_message(caught.value))
    english, chinese = message.text("en"), message.text("zh")
    assert "CSV" not in english and "CSV" not in chinese
    assert ".txt" in english and ".txt" in chinese
    # one language at a time: the Chinese message carries no English sentence
    assert not [w for w in LATIN_WORD.findall(chinese) if w not in {"UTF", "Word"}], chinese
    assert not HAN.search(english), english


def test_a_bad_table_still_gets_advice_for_a_table():
    with pytest.raises(TableError) as caught:
        read_raw(bytes(range(0x80, 0x100)) * 4)
    assert "CSV UTF-8" in table_error_message(caught.value).text("en")


@pytest.mark.parametrize("over", [1, 2, 1000])
def test_a_report_just_over_the_limit_reads_over_it(over):
    size = REPORT_MAX_BYTES + over
    for lang in ("zh", "en"):
        text = report_too_large(size, REPORT_MAX_BYTES).text(lang)
        numbers = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text) if len(n) > 3]
        assert size in numbers and REPORT_MAX_BYTES in numbers, text


def test_problems_are_shown_in_one_language():
    problems = [Problem(3, "status", Message("v_required_empty")), Problem(None, None, Message("v_no_rows"))]
    english = problems_frame(problems, "en")
    assert list(english.columns) == ["row", "column", "problem"]
    assert list(english["problem"]) == ["required value is empty", "no data rows"]
    chinese = problems_frame(problems, "zh")
    assert list(chinese.columns) == ["行", "列", "问题"]
    assert list(chinese["问题"]) == ["必填项为空", "没有数据行"]


def _environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("COUNTYMAP_")}
    return {**env, **extra}


def test_a_wrong_report_variable_is_named_and_stops_the_command():
    wrong = ROOT / "projects.csv"  # exists, but is not the report
    done = run_countymap("validate", str(ROOT / "projects.csv"), env=_environment(COUNTYMAP_REPORT=str(wrong)))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "COUNTYMAP_REPORT" in done.stderr and "is not the report" in done.stderr and "sha256" in done.stderr
    assert "figures not checked" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_a_wrong_report_argument_is_named(tmp_path):
    wrong = tmp_path / "report.txt"
    wrong.write_text("not the report", encoding="utf-8")
    done = run_countymap("validate", str(ROOT / "projects.csv"), "--report", str(wrong), env=_environment(), lang="zh")
    assert done.returncode == 2
    assert "--report" in done.stderr and "不是本报告" in done.stderr


def test_an_absent_report_is_no_error(tmp_path):
    env = _environment(COUNTYMAP_REPORT=str(tmp_path / "absent.txt"))
    done = run_countymap("validate", str(ROOT / "projects.csv"), env=env)
    assert done.returncode == 0, done.stderr
    assert "COUNTYMAP_REPORT" not in done.stdout + done.stderr
