"""The review page's publish step (AppTest): a signed-in editor publishes the accepted drafts as a new edition;
the public never sees the control and cannot publish by crafted session or widget state.

The report is tests/data/report_2024.txt, written by hand: its 2023 review names two items of projects.csv
(桃花源新城供水厂 and 丁市中坝小学, both planned in 2023, now completed) and its 2024 plan one new reservoir.
What was published is read from the database itself, never from the page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from apptest_run import ROOT, read_markdown_escapes, run
from living_app_home import EDITOR, PASSWORD
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from countymap.living import (
    LOCAL_OPERATOR,
    Change,
    latest_update_of,
    publish_edition,
    save_update,
    set_active,
    sign_in,
    state_as_of,
)
from countymap.living.tables import editions
from tests.living.support import NEW, SCHOOL, WATERWORKS, context_2024, drafts_2024

pytestmark = pytest.mark.usefixtures("small_fixture_app")
PAGE = "pages/5_草稿审核.py"
REPORT = ROOT / "tests" / "data" / "report_2024.txt"
LINKED = ["water-new-city-waterworks", "school-dingshi-zhongba-primary"]
NEW_NAME = "毛坝乡青龙水库"


def _editions(db) -> list[str]:
    with db.reading() as connection:
        return sorted(connection.execute(editions.select()).scalars())


def _report_date(db, edition: str) -> dt.date | None:
    with db.reading() as connection:
        return connection.execute(select(editions.c.report_date).where(editions.c.edition == edition)).scalar()


def _accepted(lang: str = "en", **session) -> AppTest:
    """The review page with the report uploaded and every draft accepted with the editor's summaries."""
    at = run(PAGE, session=session, lang=lang)
    at.file_uploader(key="review_file").set_value(("report.txt", REPORT.read_bytes(), "text/plain")).run()
    for grid in at.data_editor:
        accept = {"decision": "accept", "summary_zh": "编辑写的简介。", "summary_en": "The editor's summary."}
        at.session_state[grid.key] = {
            "edited_rows": {n: accept for n in range(len(grid.value))},
            "added_rows": [],
            "deleted_rows": [],
        }
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success][:1] == [{"en": "3 accepted.", "zh": "已采纳 3 条。"}[lang]]
    return at


def _html(at) -> str:
    return " ".join(str(block.proto.body) for block in at.get("html"))


def _texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def test_a_signed_in_editor_publishes_the_drafts_as_the_next_edition(living_home):
    at = _accepted(edit_token=sign_in(living_home, EDITOR, PASSWORD).token)
    assert at.text_input(key="review_publish_edition").value == "2024"  # the report's year
    assert "3 items will be published: 2 continue existing items (keeping their ids and updates), 1 are new." in (
        _texts(at.markdown)
    )
    assert at.button(key="review_publish_button").disabled  # not before the editor confirms
    at.checkbox(key="review_publish_confirm").check().run()
    at.button(key="review_publish_button").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Edition 2024 is published: 3 items (2 continuing existing items, 1 new)." in _texts(at.success)
    latest = state_as_of(living_home).table
    assert state_as_of(living_home).edition == "2024"
    assert _report_date(living_home, "2024") == dt.date(2024, 1, 10)  # the report's first lines: 2024 年 1 月 10 日
    assert list(latest["id"][:2]) == LINKED and latest["name_zh"].iloc[2] == NEW_NAME
    assert list(latest["status"]) == ["completed", "completed", "planned"]
    assert not at.error and not [b for b in at.button if b.key == "review_publish_button"]
    # The same edition again, from another editor's session: refused in the reader's language, nothing stored.
    for lang, words in (("en", "a published edition never changes"), ("zh", "已发布的版本不再更改")):
        again = _accepted(lang, edit_token=sign_in(living_home, EDITOR, PASSWORD).token)
        assert words in _texts(again.error)
        assert not [b for b in again.button if b.key == "review_publish_button"]
    assert _editions(living_home) == ["2023", "2024"]


def test_an_edition_that_is_not_a_year_is_refused_in_the_chosen_language(living_home):
    at = _accepted("zh", edit_token=sign_in(living_home, EDITOR, PASSWORD).token)
    at.text_input(key="review_publish_edition").set_value("next year").run()
    assert "请填写年份" in _texts(at.error)
    assert not [b for b in at.button if b.key == "review_publish_button"]


@pytest.mark.parametrize("token", [None, "forged-token", 12345])
def test_the_public_sees_no_publish_control_and_crafted_state_publishes_nothing(living_home, token):
    crafted = {"review_publish_confirm": True, "review_publish_edition": "2024"}
    at = _accepted(**crafted, **({} if token is None else {"edit_token": token}))
    assert not [b for b in at.button if b.key == "review_publish_button"]
    assert not [c for c in at.checkbox if c.key == "review_publish_confirm"]
    assert "sign in on the Editors page" in _texts(at.caption)
    assert _editions(living_home) == ["2023"]


def test_a_deactivated_editor_loses_the_control_at_once(living_home):
    at = _accepted(edit_token=sign_in(living_home, EDITOR, PASSWORD).token)
    at.checkbox(key="review_publish_confirm").check().run()
    set_active(living_home, LOCAL_OPERATOR, EDITOR, False)
    at.button(key="review_publish_button").click().run()
    assert not [b for b in at.button if b.key == "review_publish_button"]
    assert _editions(living_home) == ["2023"]


def _years_offered(page: str, **params: str) -> tuple[list[str], list[str]]:
    at = run(page, lang="en", **params)
    years = at.multiselect(key="f_years")
    return list(years.options), list(years.value)


def test_after_publishing_the_year_filter_and_the_stats_offer_the_new_editions_years(living_home):
    token = sign_in(living_home, EDITOR, PASSWORD).token
    publish_edition(living_home, token, drafts_2024(), "2024", {WATERWORKS, SCHOOL}, context_2024())
    # By hand: the 2024 drafts speak of 2023 (the two completed items) and 2024 (the new one).
    assert _years_offered("app.py") == (["2023", "2024"], [])
    assert _years_offered("app.py", year="2024") == (["2023", "2024"], ["2024"])  # a link to the new year holds
    assert _years_offered("pages/3_统计.py", year="2024") == (["2023", "2024"], ["2024"])
    assert _years_offered("pages/1_项目列表.py", year="2024") == (["2023", "2024"], ["2024"])
    stats = run("pages/3_统计.py", lang="en")  # its note names no report's own years
    assert "Items that span several years are counted once in each of their years." in _texts(stats.caption)
    # The report's view keeps the report's own years: projects.csv speaks of 2022 and 2023.
    assert _years_offered("app.py", as_of="report") == (["2022", "2023"], [])
    # Switching to the report's view with 2024 chosen: 2024 is dropped (the report has no 2024), no error.
    at = run("app.py", lang="en", year="2024")
    at.radio(key="as_of").set_value("report").run()
    assert not at.exception, [e.value for e in at.exception]
    years = at.multiselect(key="f_years")
    assert (list(years.options), list(years.value)) == (["2022", "2023"], [])


def test_a_published_editions_items_name_its_report_and_quote_no_other_reports_words(living_home):
    token = sign_in(living_home, EDITOR, PASSWORD).token
    report_2024 = dt.date(2024, 1, 10)
    publish_edition(living_home, token, drafts_2024(), "2024", {WATERWORKS, SCHOOL}, context_2024(), report_2024)
    at = run("app.py", lang="en", sel=NEW)
    shown = _html(at)
    assert "2024 county work report, part" in shown and "2023 county work report" not in shown
    assert "2024-01-10: the government work report" in shown and "2023-02-08" not in shown  # its timeline
    assert "nothing has been recorded since the report (2024-01-10)" in shown
    assert "<blockquote>" not in shown  # its offsets are into the 2024 report, which the map does not keep
    assert "published from a review" in _texts(at.caption)
    report = run("app.py", lang="en", sel=WATERWORKS, as_of="report")  # the report's view: the 2023 report
    assert "2023 county work report, part" in _html(report)


def test_the_latest_view_of_a_published_edition_names_it_in_the_title_the_note_and_about(living_home):
    token = sign_in(living_home, EDITOR, PASSWORD).token
    publish_edition(
        living_home, token, drafts_2024(), "2024", {WATERWORKS, SCHOOL}, context_2024(), dt.date(2024, 1, 10)
    )
    # By hand: the small fixture's dataset.toml describes the 2023 report; the database's newest edition is 2024.
    for lang, title in (("en", "2024 Work Report"), ("zh", "2024 年政府工作报告")):
        latest = run("app.py", lang=lang)
        assert title in latest.title[0].value, latest.title[0].value
        report = run("app.py", lang=lang, as_of="report")
        assert title.replace("2024", "2023") in report.title[0].value, report.title[0].value
    assert "As in the report: the 2023 work report" in _html(run("app.py", lang="en", as_of="report"))
    about = run("pages/4_数据说明.py", lang="en")
    cells = [read_markdown_escapes(cell) for frame in about.table for cell in frame.value.to_numpy().ravel()]
    assert "Youyang County 2024 government work report (2024-01-10)" in cells, cells


def _status_and_note_in_2023_then_the_2024_report(home) -> None:
    """A status (2023-06-30) and a note (2023-07-01) on the waterworks, then the 2024 edition (2024-01-10)."""
    token = sign_in(home, EDITOR, PASSWORD).token
    evidence = "https://www.youyang.gov.cn/news/waterworks.html"
    status = Change(WATERWORKS, "status", "in_progress", dt.date(2023, 6, 30), evidence)
    save_update(home, token, status, latest_update_of(home, WATERWORKS))
    note = Change(WATERWORKS, "note", "Pipes laid.", dt.date(2023, 7, 1), evidence)
    save_update(home, token, note, latest_update_of(home, WATERWORKS))
    publish_edition(home, token, drafts_2024(), "2024", {WATERWORKS, SCHOOL}, context_2024(), dt.date(2024, 1, 10))


def test_an_update_older_than_the_new_report_is_marked_superseded_in_the_timeline(living_home):
    _status_and_note_in_2023_then_the_2024_report(living_home)
    # By hand: the 2024 report (2024-01-10) states the status, so the 2023-06-30 status no longer counts; a note does.
    for lang, words in (("en", "(superseded by the 2024 report)"), ("zh", "（已被 2024 年报告取代）")):
        shown = _html(run("app.py", lang=lang, sel=WATERWORKS))
        rows = [row for row in shown.split("<li") if 'data-update="' in row]
        assert len(rows) == 2, rows
        assert "2023-06-30" in rows[0] and words.strip("（）()") in rows[0], rows[0]
        assert "2023-07-01" in rows[1] and words.strip("（）()") not in rows[1], rows[1]


def test_the_changes_since_a_newer_report_leave_out_what_that_report_supersedes(living_home):
    _status_and_note_in_2023_then_the_2024_report(living_home)
    # By hand: the 2024 report states the status, so only the note is still a change on the latest view.
    at = run("app.py", lang="en")
    assert "Changes since the report (1)" in _html(at)
    (changes,) = [d for d in at.dataframe if "Evidence" in d.value.columns]
    assert list(changes.value["New value"]) == ["Pipes laid."]
