"""Interface strings, the one formatter (amounts, quantities, names), and the report passages (no Streamlit)."""

from __future__ import annotations

import math
import string

import pytest

from countymap.core import report
from countymap.text.format import (
    amount,
    capitalised,
    chinese_numeral,
    kind_label,
    quantity,
    report_section,
    township_label,
    townships_text,
)
from countymap.text.strings import STRINGS, t


def test_every_string_has_both_languages_and_same_placeholders():
    for key, (zh, en) in STRINGS.items():
        assert zh and en, key
        names = {f for _, f, _, _ in string.Formatter().parse(zh) if f}
        assert names == {f for _, f, _, _ in string.Formatter().parse(en) if f}, key


def test_t_formats_and_refuses_what_it_does_not_know():
    assert t("desc_query", "zh", q="龚滩") == "搜索“龚滩”"
    assert t("desc_query", "en", q="x") == 'search "x"'
    with pytest.raises(KeyError):
        t("no-such-key", "en")
    with pytest.raises(ValueError):
        t("kpi_count", "fr")


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
        (float("nan"), "未披露", "Not disclosed"),
        (None, "未披露", "Not disclosed"),
    ],
)
def test_amount(value, zh, en):
    assert amount(value, "zh") == zh
    assert amount(value, "en") == en


def test_amount_never_shows_nan_as_zero():
    assert "0" not in amount(math.nan, "zh")


def test_amount_qualifiers():
    assert amount(22, "zh", "at_least") == "22亿元以上"
    assert amount(22, "en", "at_least") == "at least ¥2.2 billion"
    assert amount(0.5, "zh", "about") == "约5000万元"
    assert amount(22, "zh", "over") == "超过22亿元"  # 进出口额突破22亿元
    assert amount(22, "en", "over") == "over ¥2.2 billion"


def test_a_township_guessed_from_the_name_says_so():
    assert townships_text(("黑水镇",), "township", "zh") == "黑水镇"
    assert townships_text(("黑水镇",), "inferred", "zh") == "黑水镇（据名推断，未经证实）"
    assert townships_text(("黑水镇",), "inferred", "en") == "Heishui Town (inferred from the name, unconfirmed)"


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en"),
    [
        (190, "公里", "190 公里", "190 km"),
        (4, "万亩", "4 万亩", "40,000 mu"),
        (33.7, "万平方米", "33.7 万平方米", "337,000 m²"),
        (418, "个", "418 个", "418"),
        (9062, "户", "9062 户", "9,062"),  # businesses in this report (市场主体), not households
        (float("nan"), "个", "", ""),
    ],
)
def test_quantity(value, unit, zh, en):
    assert quantity(value, unit, "zh") == zh
    assert quantity(value, unit, "en") == en


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
    assert township_label(name, "en", short=True) == en.rsplit(" ", 1)[0]


# --- report text -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("invested in 2022", "Invested in 2022"),
        ("Roads", "Roads"),
        ("¥2 million", "¥2 million"),
        ("2023 计划", "2023 计划"),
        ("", ""),
    ],
)
def test_capitalised_starts_a_label_with_a_capital(text, expected):
    assert capitalised(text) == expected


def test_kind_label_stands_alone_in_both_languages():
    assert kind_label("completed_in_2022", "en") == "Invested in 2022"
    assert kind_label("completed_in_2022", "zh") == "2022年完成投资"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一", 1),
        ("七", 7),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("九十九", 99),
        ("", None),
        ("十十", None),
        ("a", None),
    ],
)
def test_chinese_numeral(text, expected):
    assert chinese_numeral(text) == expected


@pytest.mark.parametrize(
    ("sections", "zh", "en"),
    [
        ("一(四)", "一（四）", "1.4"),
        ("一(四)|三(一)", "一（四）、三（一）", "1.4, 3.1"),
        ("一|三(二)", "一、三（二）", "1, 3.2"),
        ("附表", "附表", "附表"),  # another form is shown as it is
        ("", "", ""),
    ],
)
def test_report_section_in_each_language(sections, zh, en):
    assert report_section(sections, "zh") == zh
    assert report_section(sections, "en") == en


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


def test_real_report(report_text):
    assert len(report_text) == 20123
    assert report.mentions(report_text, "龚滩")
