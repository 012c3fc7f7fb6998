"""The township page quotes only passages about its township, never namesakes.

Namesakes by hand from the report: 桃花源旅投集团 is a company, 全域桃花源 the
county's slogan, 桃花源美食节 a county festival; 龙潭河 is a river.
"""

from __future__ import annotations

import pytest
from apptest_run import ROOT, run

from countymap.core import report

NAMESAKES = report.load_namesakes(ROOT / "namesakes.csv")


def _quoted(text: str, term: str, township: str) -> str:
    phrases = tuple(p for p, _, _ in NAMESAKES.get(township, ()))
    return " ".join(report.passage(text, s, e) for s, e in report.mentions(text, term, namesakes=phrases))


def test_namesakes_are_not_quoted_for_the_township(report_text):
    quoted = _quoted(report_text, "桃花源", "桃花源街道")
    for namesake in ("旅投集团", "全域桃花源", "美食节"):
        assert namesake not in quoted
    assert "桃花源新城" in quoted and "桃花源水库" in quoted  # the subdistrict's own works stay
    longtan = _quoted(report_text, "龙潭", "龙潭镇")
    assert "龙潭河" not in longtan and "龙潭初级中学" in longtan
    assert "旅投集团" in " ".join(report.passage(report_text, s, e) for s, e in report.mentions(report_text, "桃花源"))


def test_the_namesakes_file_is_checked(tmp_path):
    bad = tmp_path / "namesakes.csv"
    bad.write_text("town,phrase\n桃花源街道,全域桃花源\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"namesakes\.csv"):
        report.load_namesakes(bad)
    assert report.load_namesakes(tmp_path / "absent.csv") == {}
    assert all(phrase for items in NAMESAKES.values() for phrase, what_zh, what_en in items if what_zh and what_en)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_township_page_quotes_no_namesake_and_keeps_status_and_year_in_view(monkeypatch, report_text, lang):
    monkeypatch.setenv("COUNTYMAP_PROJECTS", str(ROOT / "projects.csv"))
    at = run("pages/2_乡镇.py", tw="桃花源街道", lang=lang)
    quoted = " ".join(h.body for h in at.html if "cm-passage" in h.body)
    assert "桃花源新城" in quoted and "旅投集团" not in quoted and "美食节" not in quoted
    captions = " ".join(c.value for c in at.caption)
    assert "桃花源旅投" in captions  # the page says what it left out
    items = at.dataframe[0].value
    # Status and years first: a long name, cut at the column's edge, never pushes them out of view.
    assert list(items.columns[:3]) == (["状态", "年份", "名称"] if lang == "zh" else ["Status", "Years", "Name"])
