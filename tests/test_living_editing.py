"""The editing page (AppTest): sign in, record a change with its evidence, every refusal explained, and nothing
reachable by crafted session or widget state without a live session of an active account.

Whether something was saved is read from the database itself (``log_position``), never from the page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from apptest_run import run
from living_app_home import ADMIN, EDITOR, EVIDENCE, PASSWORD, record
from streamlit.testing.v1 import AppTest

from countymap.app.page_edit_map import stored_point
from countymap.living import LOCAL_OPERATOR, history, log_position, set_active
from countymap.map.gcj02 import wgs84_to_gcj02

pytestmark = pytest.mark.usefixtures("small_fixture_app")
PAGE = "pages/6_编辑.py"
ITEM = "scenic-dingshi-qiandangtian"  # planned in the report
INSIDE = (108.37, 28.95)  # lon, lat inside the county (by hand from its outline)
OUTSIDE = (110.5, 30.5)  # far east of the county


def _page(lang: str = "en", **session) -> AppTest:
    return run(PAGE, session=session, lang=lang)


def _sign_in(name: str = EDITOR, password: str = PASSWORD, lang: str = "en") -> AppTest:
    at = _page(lang)
    at.text_input(key="ed_sign_in_name").set_value(name)
    at.text_input(key="ed_sign_in_password").set_value(password)
    at.button(key="ed_sign_in").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _open_item(at: AppTest, kind: str = "status") -> AppTest:
    at.selectbox(key="edit_item").set_value(ITEM).run()
    at.radio(key="edit_kind").set_value(kind).run()
    return at


def _save(at: AppTest, evidence: str = EVIDENCE, day: dt.date = dt.date(2023, 6, 30)) -> AppTest:
    at.date_input(key="ed_date").set_value(day)
    at.text_input(key="ed_evidence").set_value(evidence)
    at.button(key="ed_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def test_without_a_database_the_page_names_the_commands(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTYMAP_DATA_HOME", str(tmp_path))
    at = _page()
    assert "No map database yet" in _texts(at.info)
    assert "python -m countymap db upgrade" in _texts(at.code)
    assert not at.button


@pytest.mark.parametrize(("lang", "words"), [("en", "wrong account name or password"), ("zh", "账号或密码不正确")])
def test_a_wrong_password_is_refused_in_the_chosen_language(living_home, lang, words):
    at = _sign_in(password="not the password", lang=lang)
    assert words in _texts(at.error)
    assert "edit_token" not in at.session_state


def test_an_editor_records_a_completion_with_evidence(living_home):
    at = _open_item(_sign_in())
    at.selectbox(key="ed_status").set_value("completed")
    at = _save(at)
    assert "Saved: update 1." in _texts(at.success)
    (saved,) = history(living_home, ITEM, public=False)
    assert (saved.field, saved.value, saved.evidence, saved.editor) == ("status", "completed", EVIDENCE, EDITOR)
    assert saved.effective_date == dt.date(2023, 6, 30)


def test_a_change_without_evidence_is_refused_and_says_why(living_home):
    at = _open_item(_sign_in())
    at = _save(at, evidence="")
    assert "evidence is required" in _texts(at.error)
    assert log_position(living_home) == 0


def test_a_site_clicked_outside_the_county_is_refused(living_home):
    at = _open_item(_sign_in(), "site")
    at.session_state["edit_points"] = [OUTSIDE]  # as a click would leave it
    at = _save(at)
    assert "the site is outside the county" in _texts(at.error)
    assert log_position(living_home) == 0


def test_a_site_clicked_inside_the_county_is_saved(living_home):
    at = _open_item(_sign_in(), "site")
    at.session_state["edit_points"] = [INSIDE]
    at = _save(at)
    (saved,) = history(living_home, ITEM)
    assert saved.value == {"lon": INSIDE[0], "lat": INSIDE[1], "basemap": "none"}


def test_a_stale_save_is_refused_and_shows_the_newer_change(living_home):
    at = _open_item(_sign_in())  # the form opens on the report's state (no update yet)
    record(living_home, ITEM, "note", "recorded by another editor meanwhile")
    at.selectbox(key="ed_status").set_value("completed")
    at = _save(at)
    assert "someone updated this item before you saved" in _texts(at.error)
    assert "recorded by another editor meanwhile" in " ".join(str(h.proto.body) for h in at.get("html"))
    assert [r.field for r in history(living_home, ITEM)] == ["note"]  # the first save kept, the second refused


def test_a_forged_token_in_the_session_reaches_no_form(living_home):
    at = _page(edit_token="forged-token", edit_item=ITEM, edit_kind="status")
    assert [b.key for b in at.button] == ["ed_sign_in"]  # only the sign-in form
    assert "edit_token" not in at.session_state


def test_a_session_that_ends_mid_form_saves_nothing(living_home):
    at = _open_item(_sign_in())
    set_active(living_home, LOCAL_OPERATOR, EDITOR, False)  # the admin deactivates the account meanwhile
    at.selectbox(key="ed_status").set_value("completed")
    at = _save(at)
    assert log_position(living_home) == 0
    assert [b.key for b in at.button] == ["ed_sign_in"]


def test_an_editor_does_not_get_the_admin_tools_but_an_admin_does(living_home):
    editor = _sign_in()
    assert "Accounts (admin)" not in _texts(editor.subheader)
    admin = _sign_in(ADMIN)
    assert "Accounts (admin)" in _texts(admin.subheader)


def test_the_command_line_identity_in_the_session_counts_for_nothing(living_home):
    at = _page(edit_token=LOCAL_OPERATOR, edit_item=ITEM)  # only a string token can stand for a session
    assert [b.key for b in at.button] == ["ed_sign_in"]
    assert log_position(living_home) == 0


def test_an_admin_adds_an_editor_who_can_then_sign_in(living_home):
    at = _sign_in(ADMIN)
    at.text_input(key="ed_new_name").set_value("editor-liu")
    at.text_input(key="ed_new_password").set_value("another long password")
    at.button(key="ed_add").click().run()
    assert "Account added: editor-liu" in _texts(at.success)
    assert [d.label for d in at.get("download_button")] == ["Download the audit log (CSV)"]
    assert "Signed in: editor-liu" in _texts(_sign_in("editor-liu", "another long password").markdown)


def test_a_signed_in_editor_opens_an_item_from_its_details_and_the_public_gets_no_link(living_home):
    signed = _sign_in()
    token = signed.session_state["edit_token"]
    public = run("app.py", lang="en", sel=ITEM)
    assert not [link for link in public.get("page_link") if "Edit this item" in str(link.proto.label)]
    editor = run("app.py", session={"edit_token": token}, lang="en", sel=ITEM)
    (link,) = [link for link in editor.get("page_link") if "Edit this item" in str(link.proto.label)]
    assert link.proto.query_string == f"sel={ITEM}"
    opened = run(PAGE, session={"edit_token": token}, lang="en", sel=ITEM)
    assert opened.selectbox(key="edit_item").value == ITEM


def test_a_click_on_a_gcj02_basemap_is_stored_in_wgs84():
    shown = wgs84_to_gcj02(*INSIDE)  # where a Gaode basemap draws the WGS-84 point INSIDE
    lon, lat = stored_point(*shown, "gaode_vec")
    assert abs(lon - INSIDE[0]) < 1e-5 and abs(lat - INSIDE[1]) < 1e-5
    assert stored_point(*INSIDE, "none") == INSIDE  # the offline basemap is WGS-84 already
