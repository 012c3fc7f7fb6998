"""Roles at the API level, sign-in throttling, session expiry, the audit log and its export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys

import pytest
from argon2 import PasswordHasher, Type
from sqlalchemy import select

from countymap.config import REPO_ROOT
from countymap.living import (
    LOCAL_OPERATOR,
    AccessError,
    Account,
    Change,
    account_for,
    add_account,
    export_audit,
    history,
    history_frame,
    save_update,
    set_active,
    sign_in,
    sign_out,
)
from countymap.living.accounts import MAX_FAILURES, PRODUCTION_HASHER, SESSION_HOURS, THROTTLE_MINUTES
from countymap.living.tables import accounts
from tests.living.support import EDITOR, PASSWORD, baseline_rows

ITEM = next(iter(baseline_rows()))
CHANGE = Change(ITEM, "status", "completed", dt.date(2023, 6, 30), "https://www.cq.gov.cn/a.html")


def _key(call) -> str:
    with pytest.raises(AccessError) as caught:
        call()
    return caught.value.problem.key


def _audit(db) -> list[dict[str, str]]:
    text = export_audit(db, LOCAL_OPERATOR).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_a_public_session_cannot_save_add_accounts_or_read_the_audit(db):
    for token in (None, "", "forged-token", "x" * 500):
        assert _key(lambda t=token: save_update(db, t, CHANGE, None)) == "lv_not_signed_in"
        assert _key(lambda t=token: export_audit(db, t)) == "lv_not_signed_in"
    assert history(db) == []


def test_an_editor_saves_but_cannot_add_accounts_or_read_the_audit(db, editor):
    account = account_for(db, editor)
    assert (account.name, account.role) == (EDITOR, "editor")
    save_update(db, editor, CHANGE, None)
    assert _key(lambda: add_account(db, editor, "someone", PASSWORD, "editor")) == "lv_not_allowed"
    assert _key(lambda: set_active(db, editor, EDITOR, False)) == "lv_not_allowed"
    made_up = Account(account.account_id, account.name, "admin")  # a crafted object is no session
    assert _key(lambda: add_account(db, made_up, "someone", PASSWORD, "editor")) == "lv_not_signed_in"
    assert _key(lambda: export_audit(db, editor)) == "lv_not_allowed"


def test_an_admin_adds_an_editor_who_can_then_sign_in(db):
    admin = add_account(db, LOCAL_OPERATOR, "admin-zhang", PASSWORD, "admin")
    token = sign_in(db, "admin-zhang", PASSWORD).token
    assert admin.role == "admin" and export_audit(db, token).startswith(b"\xef\xbb\xbf")
    add_account(db, token, "editor-new", "another long password", "editor")
    assert account_for(db, sign_in(db, "editor-new", "another long password").token).role == "editor"


def test_account_requests_are_bounded(db):
    assert _key(lambda: add_account(db, LOCAL_OPERATOR, "x", PASSWORD, "editor")) == "lv_bad_account_name"
    assert _key(lambda: add_account(db, LOCAL_OPERATOR, "ok-name", "short", "editor")) == "lv_bad_password"
    assert _key(lambda: add_account(db, LOCAL_OPERATOR, "ok-name", PASSWORD, "root")) == "lv_bad_role"
    assert _key(lambda: add_account(db, LOCAL_OPERATOR, EDITOR, PASSWORD, "editor")) == "lv_account_exists"


def test_a_session_expires_and_sign_out_ends_it(db):
    signed = sign_in(db, EDITOR, PASSWORD)
    later = signed.expires_at - dt.timedelta(minutes=1)
    assert account_for(db, signed.token, later).name == EDITOR
    assert signed.expires_at - dt.datetime.now(dt.UTC) <= dt.timedelta(hours=SESSION_HOURS)
    assert _key(lambda: account_for(db, signed.token, signed.expires_at)) == "lv_not_signed_in"
    sign_out(db, signed.token)
    assert _key(lambda: account_for(db, signed.token)) == "lv_not_signed_in"


def test_a_deactivated_account_loses_its_sessions_and_cannot_sign_in(db, editor):
    set_active(db, LOCAL_OPERATOR, EDITOR, False)
    assert _key(lambda: save_update(db, editor, CHANGE, None)) == "lv_not_signed_in"
    assert _key(lambda: sign_in(db, EDITOR, PASSWORD)) == "lv_sign_in_failed"


def test_failed_sign_ins_are_throttled_even_for_the_right_password(db):
    start = dt.datetime.now(dt.UTC)
    for n in range(MAX_FAILURES):
        assert _key(lambda n=n: sign_in(db, EDITOR, "wrong password", start + dt.timedelta(seconds=n))) == (
            "lv_sign_in_failed"
        )
    assert _key(lambda: sign_in(db, EDITOR, PASSWORD, start + dt.timedelta(minutes=1))) == "lv_throttled"
    after = start + dt.timedelta(minutes=THROTTLE_MINUTES, seconds=MAX_FAILURES + 1)
    assert sign_in(db, EDITOR, PASSWORD, after).account.name == EDITOR
    actions = [row["action"] for row in _audit(db) if row["subject"] == EDITOR]
    assert actions[-(MAX_FAILURES + 2) :] == ["sign_in.failed"] * MAX_FAILURES + ["sign_in.throttled", "sign_in"]


def test_an_unknown_name_fails_like_a_wrong_password(db):
    assert _key(lambda: sign_in(db, "nobody-here", PASSWORD)) == "lv_sign_in_failed"


def test_the_audit_log_has_every_update_account_change_and_sign_in(db, editor):
    saved = save_update(db, editor, CHANGE, None)
    set_active(db, LOCAL_OPERATOR, EDITOR, False)
    rows = _audit(db)
    actions = [(row["action"], row["subject"]) for row in rows]
    assert actions == [
        ("edition.import", "2023"),
        ("account.add", EDITOR),
        ("sign_in", EDITOR),
        ("update.save", ITEM),
        ("account.inactive", EDITOR),
    ]
    assert f'"update_id": {saved.update_id}' in rows[3]["detail"] and rows[3]["account"] == EDITOR
    assert "PASSWORD" not in str(rows) and PASSWORD not in str(rows)


def test_public_history_never_names_an_account(db, editor):
    save_update(db, editor, CHANGE, None)
    (public,) = history(db, ITEM)
    assert public.editor is None and history(db, ITEM, public=False)[0].editor == EDITOR
    frame = history_frame([public], "en")
    recorded = dt.datetime.fromisoformat(frame["recorded_at"].iloc[0].replace("Z", "+00:00"))
    assert abs(recorded - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert frame["editor"].tolist() == ["county editor"] and EDITOR not in frame.to_csv()
    assert history_frame([public], "zh")["editor"].tolist() == ["县里的编辑"]


def test_passwords_are_stored_as_argon2id_with_the_library_defaults(db):
    defaults = PasswordHasher()
    assert PRODUCTION_HASHER.type == Type.ID
    assert (PRODUCTION_HASHER.time_cost, PRODUCTION_HASHER.memory_cost) == (defaults.time_cost, defaults.memory_cost)
    with db.reading() as connection:
        stored = connection.execute(select(accounts.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


# One argon2 hash with the defaults takes 64 MiB (memory_cost 65536 KiB), freed at once: importing the module
# must not make one, or the process's peak stands that far above what it holds (measured: 63 MB before).
_IMPORT_PEAK = """
from countymap.core.memory import memory_mb
import countymap.living.accounts
print(memory_mb()["peak"] - memory_mb()["rss"])
"""


def test_importing_accounts_hashes_nothing():
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_PEAK], cwd=REPO_ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    assert float(done.stdout.split()[-1]) < 32, "a reader's server would carry an argon2 hash's 64 MiB in its peak"
