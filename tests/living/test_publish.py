"""Publishing a review's accepted drafts as a new edition: linked items continue, new ones start, once only.

The drafts are rows of projects.csv edited by hand into a "2024 report": two
linked to their 2023 items (the drafter's ``previous=ID`` in the evidence) and
one new. Expectations are written here, not read back from the code.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import func, select

from countymap.draft.previous import linked_ids
from countymap.living import (
    LOCAL_OPERATOR,
    AccessError,
    Change,
    PublishError,
    history,
    latest_update_of,
    plan_publish,
    publish_edition,
    save_update,
    sign_in,
    sign_out,
    state_as_of,
)
from countymap.living.accounts import Account
from countymap.living.tables import audit_log, baseline_items, editions
from tests.living.support import (
    EDITOR,
    LINKED,
    NEW,
    PASSWORD,
    SCHOOL,
    WATERWORKS,
    baseline_rows,
    context_2024,
    drafts_2024,
)

EVIDENCE = "https://www.youyang.gov.cn/news/site.html"


@pytest.fixture(scope="module")
def context():
    """projects.csv's checks, with the 2024 report's years (no 2024 report text: its spans are not checked)."""
    return context_2024()


def _count(db, table) -> int:
    with db.reading() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_linked_ids_are_read_from_the_drafters_evidence():
    drafts = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "evidence": ["previous=a (planned→completed); kind=named", "kind=named", "previous=x (unchanged); ", ""],
        }
    )
    assert linked_ids(drafts) == {"a"}  # c says another id: not a link of its own


def test_the_plan_counts_linked_and_new_items_and_writes_nothing(db):
    plan = plan_publish(db, drafts_2024(), "2024", LINKED)
    assert (plan.rows, sorted(plan.linked), plan.new) == (3, sorted(LINKED), (NEW,))
    assert _count(db, editions) == 1


def test_an_editor_publishes_and_the_linked_items_keep_their_history(db, editor, context):
    site = Change(SCHOOL, "site", {"lon": 108.6, "lat": 28.9, "basemap": "none"}, dt.date(2023, 5, 1), EVIDENCE)
    save_update(db, editor, site, latest_update_of(db, SCHOOL))
    plan = publish_edition(db, editor, drafts_2024(), "2024", LINKED, context)
    assert (plan.rows, len(plan.linked), len(plan.new)) == (3, 2, 1)
    latest = state_as_of(db).table.set_index("id")
    assert list(latest.index) == [WATERWORKS, SCHOOL, NEW]  # the new edition only, in the drafts' order
    assert latest.loc[WATERWORKS, "status"] == "completed" and latest.loc[NEW, "years"] == ("2024",)
    assert (latest.loc[SCHOOL, "precision"], latest.loc[SCHOOL, "site_lon"]) == ("site", 108.6)  # the update goes on
    assert [u.field for u in history(db, SCHOOL)] == ["site"]
    assert state_as_of(db, edition="2023").table.set_index("id").loc[WATERWORKS, "status"] == "planned"
    with db.reading() as connection:
        action, subject, account = connection.execute(
            select(audit_log.c.action, audit_log.c.subject, audit_log.c.account_id).order_by(
                audit_log.c.audit_id.desc()
            )
        ).first()
    assert (action, subject, account is not None) == ("edition.publish", "2024", True)


def test_a_second_publish_of_the_same_edition_is_refused(db, editor, context):
    publish_edition(db, editor, drafts_2024(), "2024", LINKED, context)
    with pytest.raises(PublishError) as caught:
        publish_edition(db, editor, drafts_2024(), "2024", LINKED, context)
    assert [p.key for p in caught.value.problems] == ["lv_edition_exists"]
    assert "a published edition never changes" in caught.value.problems[0].message("en")
    assert "不再更改" in caught.value.problems[0].message("zh")
    assert _count(db, baseline_items) == len(baseline_rows()) + 3


@pytest.mark.parametrize("actor", [None, "", "forged-token", Account(1, EDITOR, "admin")])
def test_without_a_live_session_nothing_is_published(db, context, actor):
    with pytest.raises(AccessError):
        publish_edition(db, actor, drafts_2024(), "2024", LINKED, context)
    assert _count(db, editions) == 1


def test_a_signed_out_session_cannot_publish(db, context):
    token = sign_in(db, EDITOR, PASSWORD).token
    sign_out(db, token)
    with pytest.raises(AccessError):
        publish_edition(db, token, drafts_2024(), "2024", LINKED, context)
    assert _count(db, editions) == 1


def test_ids_that_do_not_fit_the_database_are_refused(db, context):
    with pytest.raises(PublishError) as caught:
        publish_edition(db, LOCAL_OPERATOR, drafts_2024(), "2024", {WATERWORKS, NEW}, context)
    assert sorted(p.key for p in caught.value.problems) == ["lv_id_taken", "lv_link_unknown"]
    assert SCHOOL in caught.value.problems[0].message("en") + caught.value.problems[1].message("en")
    assert _count(db, editions) == 1


def test_rows_that_do_not_validate_are_refused_with_their_problems(db, editor, context):
    broken = drafts_2024()
    broken.loc[2, "status"] = "finished"
    with pytest.raises(PublishError) as caught:
        publish_edition(db, editor, broken, "2024", LINKED, context)
    assert [p.key for p in caught.value.problems] == ["lv_publish_invalid"]
    assert [p.column for p in caught.value.invalid] == ["status"]
    assert _count(db, editions) == 1


@pytest.mark.parametrize("edition", ["24", "2024 ", "x2024", "2024-DRAFT", None])
def test_an_edition_is_a_year(db, editor, context, edition):
    with pytest.raises(PublishError) as caught:
        publish_edition(db, editor, drafts_2024(), edition, LINKED, context)
    assert [p.key for p in caught.value.problems] == ["lv_bad_edition"]


def test_nothing_accepted_is_nothing_to_publish(db, editor, context):
    with pytest.raises(PublishError) as caught:
        publish_edition(db, editor, drafts_2024().iloc[0:0], "2024", LINKED, context)
    assert [p.key for p in caught.value.problems] == ["lv_publish_empty"]


REPORT_2024 = dt.date(2024, 1, 10)  # the delivery date of tests/data/report_2024.txt


def _save(db, editor, field: str, value, day: dt.date) -> None:
    save_update(db, editor, Change(WATERWORKS, field, value, day, EVIDENCE), latest_update_of(db, WATERWORKS))


def _waterworks(db, edition: str | None = None):
    return state_as_of(db, edition=edition).table.set_index("id").loc[WATERWORKS]


def test_dates_decide_between_a_new_editions_report_and_older_updates(db, editor, context):
    # Recorded on the 2023 edition: in progress from 2023-06-30, its site from 2023-05-01.
    _save(db, editor, "status", "in_progress", dt.date(2023, 6, 30))
    _save(db, editor, "site", {"lon": 108.8, "lat": 28.8, "basemap": "none"}, dt.date(2023, 5, 1))
    publish_edition(db, editor, drafts_2024(), "2024", LINKED, context, REPORT_2024)  # says: completed
    now = _waterworks(db)
    assert (now["status"], now["status_date"]) == ("completed", "")  # the report of 2024-01-10 is newer
    assert (now["precision"], now["site_lon"]) == ("site", 108.8)  # no report states a site: it stands
    assert (now["last_update_field"], now["last_update_date"]) == ("site", "2023-05-01")
    assert _waterworks(db, "2023")["status"] == "in_progress"  # on its own edition the update still counts
    assert [u.field for u in history(db, WATERWORKS)] == ["status", "site"]  # nothing is dropped from the log
    _save(db, editor, "status", "in_progress", REPORT_2024)  # from the report's own day on, an update counts
    assert (_waterworks(db)["status"], _waterworks(db)["status_date"]) == ("in_progress", "2024-01-10")


def test_an_edition_without_a_known_date_lets_every_update_count(db, editor, context):
    _save(db, editor, "status", "in_progress", dt.date(2023, 6, 30))
    publish_edition(db, editor, drafts_2024(), "2024", LINKED, context)  # no report date given
    assert (_waterworks(db)["status"], _waterworks(db)["status_date"]) == ("in_progress", "2023-06-30")
