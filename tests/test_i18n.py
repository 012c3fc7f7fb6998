"""Interface strings, amounts the Chinese way, and the report passages (no Streamlit)."""

from __future__ import annotations

import hashlib
import math
import string

import pytest

from countymap.core import report
from countymap.core.schema import REPORT_SHA256
from countymap.text.strings import STRINGS, format_yi, t, township_label


def test_every_string_has_both_languages_and_same_placeholders():
    for key, (zh, en) in STRINGS.items():
        assert zh and en, key
        names = {f for _, f, _, _ in string.Formatter().parse(zh) if f}
        assert names == {f for _, f, _, _ in string.Formatter().parse(en) if f}, key


def test_t_formats_and_falls_back():
    assert t("desc_query", "zh", q="龚滩") == "搜索“龚滩”"
    assert t("desc_query", "en", q="x") == 'search "x"'
    assert t("no-such-key", "en") == "no-such-key"
    assert t("kpi_count", "fr") == STRINGS["kpi_count"][0]  # unknown language: Chinese


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (1.2, "1.2亿元", "¥120 million"),
        (0.262, "2620万元", "¥26.2 million"),
        (15, "15亿元", "¥1.5 billion"),
        (12.3456, "12.3456亿元", "¥1.235 billion"),
        (0.00005, "0.5万元", "¥0.005 million"),
        (0.0, "0亿元", "¥0 million"),
        (1234.5, "1234.5亿元", "¥123.45 billion"),
        (float("nan"), "未披露", "not disclosed"),
        (None, "未披露", "not disclosed"),
    ],
)
def test_format_yi(value, zh, en):
    assert format_yi(value, "zh") == zh
    assert format_yi(value, "en") == en


def test_format_yi_never_shows_nan_as_zero():
    assert "0" not in format_yi(math.nan, "zh")


@pytest.mark.parametrize(
    ("name", "en"),
    [
        ("龚滩镇", "Gongtan Town"),
        ("桃花源街道", "Taohuayuan Subdistrict"),
        ("两罾乡", "Liangzeng Township"),
        ("酉水河镇", "Youshuihe Town"),
    ],
)
def test_township_label(name, en):
    assert township_label(name, "zh") == name
    assert township_label(name, "en") == en


# --- report text -----------------------------------------------------------------------


def test_load_report_checks_the_hash(tmp_path):
    fake = tmp_path / "report.txt"
    fake.write_text("not the report", encoding="utf-8")
    assert report.load_report(fake) is None
    assert report.load_report(tmp_path / "missing.txt") is None
    assert report.load_report(None) is None


def test_tidy_joins_broken_lines_and_drops_footers():
    text = "扎营村\n\n\n\n— 4 —\n\n获评国家地质文化村，\n 创 A 增星。"
    assert report.tidy(text) == "扎营村获评国家地质文化村，创 A 增星。"


def test_passage_clips_offsets():
    assert report.passage("一二三\n\n四五", 1, 100) == "二三四五"
    assert report.passage("abc", 2, 1) == ""
    assert report.passage("abc", -5, 2) == "ab"


def test_mentions_ignore_line_breaks():
    text = "第一句。这里有龚\n\n滩古镇和别的。最后一句"
    spans = report.mentions(text, "龚滩")
    assert [report.passage(text, s, e) for s, e in spans] == ["这里有龚滩古镇和别的。"]
    assert report.mentions(text, "") == []


def test_real_report_if_present():
    path = report.default_report_path()
    if path is None:
        pytest.skip("report text not available")
    text = report.load_report(path)
    assert text is not None and len(text) == 20123
    assert hashlib.sha256(path.read_bytes()).hexdigest() == REPORT_SHA256
    assert report.mentions(text, "龚滩")
