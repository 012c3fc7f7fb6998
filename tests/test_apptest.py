"""The Streamlit pages, driven headlessly with AppTest on the small fixture.

AppTest cannot look inside ``st_folium`` (an unknown element): map content is
tested through the map-building function elsewhere, the click parsing here.
"""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pytest
from apptest_run import FIXTURE, ROOT, read_markdown_escapes, run
from drawing import dataset_of
from streamlit.testing.v1 import AppTest

from countymap.core import report
from countymap.core.downloads import csv_bytes, geojson_bytes, xlsx_bytes
from countymap.core.filters import FilterState, apply_filters
from countymap.core.geodata import load_geodata
from countymap.core.tables import load_projects, read_raw
from countymap.text.strings import t

PAGES = ["app.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]


pytestmark = pytest.mark.usefixtures("small_fixture_app")


def count(at: AppTest) -> int:
    """The number of filtered items, as the filter sentence states it."""
    sentence = next(h.body for h in at.html if "cm-describe" in h.body)
    return int(re.search(r'data-count="(\d+)"', sentence).group(1))


def sentence(at: AppTest) -> str:
    return next(h.body for h in at.html if "cm-describe" in h.body)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_both_languages(page, lang):
    at = run(page, lang=lang)
    assert at.radio(key="lang").value == lang
    title = at.title[0].value
    assert any("\u4e00" <= ch <= "\u9fff" for ch in title) == (lang == "zh")


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("COUNTYMAP_DATA_DIR", "{tmp}", "geodata"),
        ("COUNTYMAP_PROJECTS", "{tmp}/none.csv", "none.csv"),
        ("COUNTYMAP_PROJECTS", "{root}/indicators.csv", "category"),
        ("COUNTYMAP_PROJECTS", "{tmp}", "{name}"),  # named by its name: a visitor never sees the server's folders
        ("COUNTYMAP_REPORT", "{root}/projects.csv", "sha256"),  # a file there, but not the report
        ("COUNTYMAP_MAX_UPLOAD_MB", "abc", "abc"),
        ("COUNTYMAP_MAX_UPLOAD_MB", "inf", "inf"),
        ("COUNTYMAP_MAX_ROWS", "abc", "abc"),
        ("COUNTYMAP_MAX_COLUMNS", "1e3", "1e3"),
        ("COUNTYMAP_MAX_CELLS", "-5", "-5"),
        ("COUNTYMAP_MAX_UNPACKED_MB", "inf", "inf"),
        ("COUNTYMAP_MAX_ROWS", "5", "超过 5 行"),  # a valid cap, but the projects file is past it
    ],
)
def test_bad_settings_give_one_clear_message_on_every_page(monkeypatch, tmp_path, variable, value, words):
    monkeypatch.setenv(variable, value.format(tmp=tmp_path, root=ROOT))
    for page in PAGES:
        at = run(page)
        message = " ".join(e.value for e in at.error)
        assert variable in message and words.format(name=tmp_path.name) in message, (page, message)
        assert str(tmp_path) not in message and str(ROOT) not in message, (page, message)


@pytest.mark.parametrize(
    ("widget", "value", "expected"),
    [
        ("f_years", ["2023"], 9),
        ("f_categories", ["road"], 5),
        ("f_statuses", ["planned"], 5),
        ("f_townships", ["龚滩镇"], 5),
        ("f_precisions", ["township"], 6),
        ("f_invest_min", 1.0, 4),
        ("f_invest_max", 1.0, 2),
        ("f_query", "gong tan", 5),
    ],
)
def test_each_filter_changes_the_counts(widget, value, expected):
    at = run()
    assert count(at) == 12
    element = (
        at.text_input(key=widget)
        if widget == "f_query"
        else (at.number_input(key=widget) if widget.startswith("f_invest") else at.multiselect(key=widget))
    )
    element.set_value(value).run()
    assert not at.exception
    assert count(at) == expected
    assert at.query_params  # the view is now in the URL


def test_url_restores_filters_and_states_them():
    at = run(year="2023", status="planned", cat="road", town="龚滩镇")
    assert count(at) == 4
    assert at.multiselect(key="f_townships").value == ["龚滩镇"]
    assert "2023 计划 · 公路交通 · 龚滩镇：4 个项目，其中 1 个披露投资" in sentence(at)


def test_url_written_by_widgets_reproduces_the_view():
    at = run()
    at.multiselect(key="f_years").set_value(["2022"]).run()
    at.number_input(key="f_invest_min").set_value(0.3).run()
    params = {k: v for k, v in at.query_params.items()}
    assert params["year"] == "2022" and params["imin"] == "0.3"
    again = run(**params)
    assert count(again) == count(at) == 3
    assert "未披露投资的项目已排除" in sentence(again)


def test_bad_url_params_are_ignored():
    at = run(year="1999", cat="nope", imin="abc", town="<b>x</b>", lang="xx", basemap="evil", present="2")
    assert count(at) == 12
    assert at.radio(key="lang").value == "zh"


def test_clear_button_resets_everything():
    at = run(year="2023", q="gongtan")
    assert count(at) == 5
    next(b for b in at.sidebar.button if b.label == "清除筛选").click().run()
    assert count(at) == 12
    assert "year" not in at.query_params and "q" not in at.query_params


def test_filters_survive_a_page_switch_without_query_string():
    at = run(year="2022")
    assert count(at) == 5
    at.query_params.clear()
    at.switch_page("pages/1_项目列表.py").run()
    assert not at.exception
    assert count(at) == 5


def test_language_from_url_and_english_sentence():
    at = run(lang="en", year="2023", town="龚滩镇")
    assert at.title[0].value.startswith("Youyang")
    assert "Gongtan Town: 5 items" in sentence(at)


def test_detail_panel_escapes_data_and_quotes_the_report():
    at = run()
    at.selectbox(key="sel").set_value("t-culture-escape").run()
    assert at.query_params.get("sel") == "t-culture-escape"
    detail = next(h.body for h in at.html if "cm-detail" in h.body)
    assert "&lt;img src=x onerror=alert(1)&gt;" in detail and "<img" not in detail
    assert "未披露" not in detail and "2亿元" in detail


def test_detail_panel_quotes_the_report_when_it_is_available(report_text):
    at = run(sel="t-culture-escape")
    assert any("cm-passage" in h.body for h in at.html)


def test_detail_panel_says_when_the_report_is_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("COUNTYMAP_REPORT", str(tmp_path / "missing.txt"))
    monkeypatch.setattr("countymap.config.REPO_ROOT", tmp_path)  # no ../shared/report beside it either
    at = run(sel="t-culture-escape")
    assert not any("cm-passage" in h.body for h in at.html)
    assert any("未载入报告全文" in c.value for c in at.caption)


def test_selection_from_url_and_undisclosed_amount():
    at = run(sel="t-road-gongtan-b")
    detail = next(h.body for h in at.html if "cm-detail" in h.body)
    assert "未披露" in detail


def test_presenter_mode_from_url():
    at = run(present="1")
    assert at.toggle(key="present").value is True
    assert any("stSidebar" in h.body and re.search(r"display:\s*none", h.body) for h in at.html)


def test_township_page_from_url():
    at = run("pages/2_乡镇.py", tw="龚滩镇")
    assert at.selectbox(key="tw").value == "龚滩镇"
    assert count(at) == 5


def test_about_page_checks_an_uploaded_report(monkeypatch):
    monkeypatch.setenv("COUNTYMAP_REPORT", str(ROOT / "no-such-report.txt"))
    at = run("pages/4_数据说明.py")
    assert any(report.REPORT_SHA256 in c.value for c in at.code)
    at.file_uploader(key="report_upload").set_value(("report.txt", "假的报告".encode(), "text/plain")).run()
    assert at.error and "report_text" not in at.session_state


def test_about_page_accepts_the_real_report(monkeypatch, report_text):
    monkeypatch.setenv("COUNTYMAP_REPORT", str(ROOT / "no-such-report.txt"))
    at = run("pages/4_数据说明.py")
    upload = ("report.txt", report_text.encode("utf-8"), "text/plain")
    at.file_uploader(key="report_upload").set_value(upload).run()
    assert at.success and len(at.session_state["report_text"]) == 20123


# --- pieces the pages are built from ------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "floor", "over"),
    [("zh", "78.5亿元以上", "超过22亿元"), ("en", "At least ¥7.85 billion", "Over ¥2.2 billion")],
)
def test_statistics_page_states_targets_with_the_reports_floor(lang, floor, over):
    at = run("pages/3_统计.py", lang=lang)
    cells = {read_markdown_escapes(str(v)) for frame in at.table for v in frame.value.to_numpy().ravel()}
    assert floor in cells  # 实现农业总产值78.5亿元以上
    assert over in cells  # 进出口额突破22亿元


def test_kpi_says_where_amounts_may_overlap(monkeypatch):
    monkeypatch.setenv("COUNTYMAP_PROJECTS", str(ROOT / "projects.csv"))
    at = run("app.py", lang="en", year="2023")
    planned = next(h.body for h in at.html if 'data-kind="planned_for_2023"' in h.body)
    # 136 + 22 + 15 + 7.2: the report does not say whether the key projects include the other three.
    assert "¥18.02 billion (4 items) Some of these amounts may overlap" in planned and "at least" not in planned


@pytest.mark.parametrize(
    ("lang", "towns", "precision"),
    [
        ("zh", "黑水镇（据名推断，未经证实）", "据名推断：只按名称推断"),
        ("en", "Heishui Town (inferred from the name, unconfirmed)", "Inferred from the name: a township or line end"),
    ],
)
def test_detail_panel_says_a_township_was_guessed_from_the_name(lang, towns, precision):
    from countymap.app.panels import detail_rows

    projects = load_projects(ROOT / "projects.csv")
    daquan = projects[projects["id"] == "reservoir-daquan"].iloc[0]  # 大泉水库: 黑水镇 has a 大泉村, nothing more
    rows = dict(detail_rows(daquan, lang, 2023))
    assert rows[t("d_townships", lang)] == towns
    assert rows[t("d_precision", lang)].startswith(precision)


def test_detail_panel_names_the_programme_and_the_items_only_suggested():
    from countymap.app.panels import link_rows

    projects = load_projects(ROOT / "projects.csv").set_index("id", drop=False)
    names = dict(zip(projects["id"], projects["name_zh"], strict=True))
    landmarks = link_rows(projects.loc["urban-new-city-landmark-projects"], names, "zh")
    assert landmarks == [("可能相关（报告未写明，不影响合计）", "市级重大项目和县级重点项目（2023年）")]
    museum = link_rows(projects.loc["culture-youzhou-bowuguan"], names, "zh")
    assert museum == [("所属项目群", "桃花源新城标志工程（7个项目）")]


def test_a_click_reads_the_feature_properties():
    from countymap.app.map_view import clicked

    item = {"type": "Feature", "properties": {"id": "t-road-county"}, "geometry": None}
    badge = {"type": "Feature", "properties": {"area": 3, "townships": ["龚滩镇"]}, "geometry": None}
    assert clicked({"last_active_drawing": item}) == ("item", "t-road-county")
    assert clicked({"last_active_drawing": badge}) == ("township", "龚滩镇")
    assert clicked({"last_active_drawing": None}) is None
    assert clicked(None) is None


def test_downloads_round_trip():
    projects = load_projects(FIXTURE)
    result = apply_filters(projects, FilterState(years=("2023",)))
    data = csv_bytes(result)
    assert data.startswith(b"\xef\xbb\xbf")
    again = read_raw(data)
    original = read_raw(FIXTURE)
    kept = original[original["id"].isin(result["id"])].reset_index(drop=True)
    assert again.equals(kept)
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(result)))
    assert book.active.max_row == len(result) + 1
    collection = json.loads(geojson_bytes(dataset_of(projects, load_geodata(ROOT / "geodata")), result))
    assert len(collection["features"]) == len(result)
    undisclosed = next(f for f in collection["features"] if f["id"] == "t-road-gongtan-b")
    assert undisclosed["properties"]["investment_yi"] is None


def test_table_page_offers_four_downloads():
    at = run("pages/1_项目列表.py", year="2023")
    assert count(at) == 9
    assert len(at.get("download_button")) == 4  # CSV, GeoJSON, Excel, GeoPackage


def test_a_download_click_reruns_nothing():
    """The browser reruns the page on a download click unless told not to, and that rerun can lose the file.

    The browser tests show the loss (test_four_downloads_clicked_in_a_row_all_arrive); this is the flag it reads.
    """
    buttons = [*run("pages/1_项目列表.py", year="2023").get("download_button"), *run("app.py").get("download_button")]
    assert len(buttons) == 5  # four on the projects page, the map's HTML export
    assert [b.proto.ignore_rerun for b in buttons] == [True] * 5


REVIEW = "pages/5_草稿审核.py"
COUNTY_REPORT = ROOT / "tests" / "data" / "draft_county" / "report.txt"


def test_review_page_drafts_an_upload_by_section_with_escaped_highlights():
    at = run(REVIEW)
    hostile = COUNTY_REPORT.read_text(encoding="utf-8").replace("松林村获评", "<script>alert(1)</script>松林村获评")
    at.file_uploader(key="review_file").set_value(("report.txt", hostile.encode("gb18030"), "text/plain"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("条草稿" in m.value for m in at.markdown)
    labels = [e.label for e in at.expander]
    assert any(label.startswith("第一（一）部分") for label in labels) and any(
        label.startswith("第二（一）部分") for label in labels
    )
    # Only the page's own control-names script may run JavaScript; data is always escaped.
    scripted = [h.body for h in at.html if h.proto.unsafe_allow_javascript]
    assert len(scripted) == 1 and 'class="cm-control-names"' in scripted[0]
    bodies = " ".join(h.body for h in at.html if not h.proto.unsafe_allow_javascript)
    assert "<mark" in bodies and "<script>" not in bodies and "&lt;script&gt;" in bodies
    assert any("尚未采纳" in i.value for i in at.info)


def test_review_page_reads_a_text_without_headings_as_one_part_and_says_so():
    at = run(REVIEW)
    page = "今年将加快建设甲乙水库，新建丙丁水库。"  # by hand: a page of a report, no 一、二、…
    at.file_uploader(key="review_file").set_value(("page.txt", page.encode("utf-8"), "text/plain"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("没有“一、二、……”这样的部分标题" in w.value for w in at.warning)
    assert any("2 条草稿" in m.value for m in at.markdown)


def test_review_page_refuses_an_oversized_upload():
    at = run(REVIEW)
    oversized = "报" * (report.REPORT_MAX_BYTES // 3 + 1)  # 3 bytes each in UTF-8: one byte over the limit
    at.file_uploader(key="review_file").set_value(("report.txt", oversized.encode("utf-8"), "text/plain"))
    at.run()
    assert any("文件过大" in e.value for e in at.error)
    assert not at.data_editor  # nothing was drafted


def _review_with_edits(at: AppTest) -> str:
    """Upload the invented county's report, accept its first draft (edited) and reject its second."""
    at.file_uploader(key="review_file").set_value(("report.txt", COUNTY_REPORT.read_bytes(), "text/plain"))
    at.run()
    key = at.data_editor[0].key
    first = {"decision": "accept", "summary_zh": "编辑自写的简介。", "summary_en": "The editor's own words."}
    first |= {"years": "2031", "status": "in_progress"}  # a year of that report (2030 reviewed, 2031 planned)
    at.session_state[key] = {"edited_rows": {0: first, 1: {"decision": "reject"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return key


def test_review_page_keeps_edits_across_languages_and_a_new_upload_of_the_same_file():
    at = run()  # from the main script, so that the test can switch pages
    at.switch_page(REVIEW).run()
    key = _review_with_edits(at)
    assert "zh" not in key and "en" not in key.split("_")
    assert "本部分：采纳 1 条，不采纳 1 条，待定 2 条。" in [c.value for c in at.caption]
    at.radio(key="lang").set_value("en").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "This part: 1 accepted, 1 rejected, 2 pending." in [c.value for c in at.caption]
    assert [s.value for s in at.success] == ["1 accepted."] and len(at.get("download_button")) == 1
    drafts = at.session_state["review"]["drafts"].set_index("name_zh")
    assert drafts.loc["青石至白云公路", ["decision", "status", "summary_en"]].tolist() == [
        "accept",
        "in_progress",
        "The editor's own words.",
    ]  # codes, not the labels the grid shows
    assert drafts.loc["云湖水库", "decision"] == "reject"

    at.switch_page("pages/1_项目列表.py").run()  # the review's widgets are dropped with the page
    at.switch_page(REVIEW).run()
    assert any("重新上传" in i.value or "upload the same" in i.value for i in at.info)
    at.file_uploader(key="review_file").set_value(("report.txt", COUNTY_REPORT.read_bytes(), "text/plain"))
    at.run()
    assert "This part: 1 accepted, 1 rejected, 2 pending." in [c.value for c in at.caption]
    assert at.data_editor[0].value.loc[0, "summary_en"] == "The editor's own words."
