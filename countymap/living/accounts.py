"""Local accounts (argon2-hashed passwords), roles, throttled sign-in and expiring server-side sessions.

Public readers need no account. An editor records updates; an admin also adds
and deactivates accounts and reads the audit log. The command line acts as
:data:`LOCAL_OPERATOR` (whoever can run it can read the database file anyway).
A session is a random token given to the browser; only its SHA-256 is stored,
and it ends after :data:`SESSION_HOURS` or at sign-out. Failed sign-ins are
counted from the audit log: after :data:`MAX_FAILURES` within
:data:`THROTTLE_MINUTES` (since the last success) the account is refused
without checking the password until the window has passed.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from countymap.core.downloads import neutralise  # exports never carry live formulas
from countymap.living.audit import audit_frame, now_utc, record
from countymap.living.database import Database
from countymap.living.tables import accounts, audit_log, sessions
from countymap.living.values import Problem
from countymap.schema import ROLES

SESSION_HOURS = 8
MAX_FAILURES = 5
THROTTLE_MINUTES = 15
NAME_PATTERN = re.compile(r"[\w.\-]{2,64}")
PASSWORD_LENGTH = (10, 200)
PRODUCTION_HASHER = PasswordHasher()  # argon2id with the library's (RFC 9106) defaults
_HASHER = PRODUCTION_HASHER  # the tests swap in a cheap one for speed


@functools.cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash no password matches, verified for unknown names so they cost what known ones do (no timing oracle).

    Made at the first sign-in, not at import: one argon2 hash takes 64 MiB, which every reader's server
    process would otherwise carry in its peak memory without ever signing anyone in.
    """
    return hasher.hash("a password nobody has")


class AccessError(PermissionError):
    """Not signed in, not allowed, refused at sign-in, or a bad account request; ``problem`` says which."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message("en"))
        self.problem = problem


@dataclass(frozen=True)
class Account:
    """A signed-in person: never shown to the public (public views say "county editor")."""

    account_id: int
    name: str
    role: str


LOCAL_OPERATOR = Account(account_id=0, name="(command line)", role="admin")


@dataclass(frozen=True)
class SignedIn:
    """A new session: give ``token`` to the browser (it is shown once and stored only as a hash)."""

    token: str
    account: Account
    expires_at: dt.datetime


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _actor_id(actor: Account) -> int | None:
    return None if actor is LOCAL_OPERATOR else actor.account_id


def _account(connection: Connection, name: str) -> tuple[Account, str, bool] | None:
    row = connection.execute(select(accounts).where(accounts.c.name == name)).first()
    if row is None:
        return None
    return Account(row.account_id, row.name, row.role), row.password_hash, bool(row.active)


def check_new_account(name: object, password: object, role: object) -> list[Problem]:
    """Bounds of a new account's name, password and role."""
    problems = []
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        problems.append(Problem("lv_bad_account_name"))
    if not isinstance(password, str) or not PASSWORD_LENGTH[0] <= len(password) <= PASSWORD_LENGTH[1]:
        problems.append(Problem("lv_bad_password"))
    if role not in ROLES:
        problems.append(Problem("lv_bad_role"))
    return problems


def _admin(connection: Connection, actor: str | Account | None, at: dt.datetime) -> Account:
    """The acting admin: :data:`LOCAL_OPERATOR`, or the account of a live session token (never a made-up object)."""
    account = (
        actor if actor is LOCAL_OPERATOR else session_account(connection, actor if isinstance(actor, str) else None, at)
    )
    if account.role != "admin":
        raise AccessError(Problem("lv_not_allowed"))
    return account


def add_account(db: Database, actor: str | Account, name: str, password: str, role: str) -> Account:
    """Create an account; ``actor`` is an admin's session token or :data:`LOCAL_OPERATOR`; audited."""
    problems = check_new_account(name, password, role)
    at = now_utc()
    with db.writing() as connection:
        admin = _admin(connection, actor, at)
        if problems:
            raise AccessError(problems[0])
        if _account(connection, name) is not None:
            raise AccessError(Problem("lv_account_exists", {"name": name}))
        new_id = connection.execute(
            insert(accounts).values(
                name=name, role=role, password_hash=_HASHER.hash(password), active=True, created_at=at
            )
        ).inserted_primary_key[0]
        record(connection, "account.add", name, _actor_id(admin), {"role": role, "by": admin.name}, at)
    return Account(int(new_id), name, role)


def set_active(db: Database, actor: str | Account, name: str, active: bool) -> None:
    """Deactivate (or reactivate) an account; its sessions end at once. ``actor`` as for :func:`add_account`."""
    at = now_utc()
    with db.writing() as connection:
        admin = _admin(connection, actor, at)
        found = _account(connection, name)
        if found is None:
            raise AccessError(Problem("lv_no_account", {"name": name[:64]}))
        connection.execute(update(accounts).where(accounts.c.name == name).values(active=active))
        if not active:
            connection.execute(
                update(sessions)
                .where(sessions.c.account_id == found[0].account_id, sessions.c.ended_at.is_(None))
                .values(ended_at=at)
            )
        action = "account.active" if active else "account.inactive"
        record(connection, action, name, _actor_id(admin), {"by": admin.name}, at)


def _recent_failures(connection: Connection, name: str, at: dt.datetime) -> int:
    since = at - dt.timedelta(minutes=THROTTLE_MINUTES)
    last_success = connection.execute(
        select(func.max(audit_log.c.at)).where(audit_log.c.action == "sign_in", audit_log.c.subject == name)
    ).scalar()
    if last_success is not None and _aware(last_success) > since:
        since = _aware(last_success)
    return connection.execute(
        select(func.count())
        .select_from(audit_log)
        .where(audit_log.c.action == "sign_in.failed", audit_log.c.subject == name, audit_log.c.at > since)
    ).scalar_one()


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back: every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _verified(found: tuple[Account, str, bool] | None, password: str) -> bool:
    dummy = _dummy_hash(_HASHER)  # before the branch: made at the first sign-in, whichever name it gives
    try:
        return _HASHER.verify(found[1] if found else dummy, password) and found is not None and found[2]
    except (VerificationError, InvalidHashError):
        return False


def sign_in(db: Database, name: str, password: str, at: dt.datetime | None = None) -> SignedIn:
    """A new session for ``name``, or :class:`AccessError` (wrong name or password, or throttled); audited.

    The password is checked outside the write transaction (argon2 takes a while; other writers need not wait).
    """
    at = at or now_utc()
    name = str(name)[:64]
    with db.reading() as connection:
        throttled = _recent_failures(connection, name, at) >= MAX_FAILURES
        found = None if throttled else _account(connection, name)
    accepted = not throttled and _verified(found, str(password)[: PASSWORD_LENGTH[1]])
    token, expires = secrets.token_urlsafe(32), at + dt.timedelta(hours=SESSION_HOURS)
    with db.writing() as connection:
        if accepted:
            connection.execute(
                insert(sessions).values(
                    token_sha256=_token_hash(token), account_id=found[0].account_id, created_at=at, expires_at=expires
                )
            )
        action = "sign_in" if accepted else "sign_in.throttled" if throttled else "sign_in.failed"
        record(connection, action, name, found[0].account_id if accepted else None, {}, at)
    if accepted:
        return SignedIn(token, found[0], expires)
    raise AccessError(
        Problem("lv_throttled", {"minutes": THROTTLE_MINUTES}) if throttled else Problem("lv_sign_in_failed")
    )


def session_account(connection: Connection, token: str | None, at: dt.datetime) -> Account:
    """The active account of a live session token, or :class:`AccessError` (``lv_not_signed_in``)."""
    if not token or not isinstance(token, str) or len(token) > 200:
        raise AccessError(Problem("lv_not_signed_in"))
    row = connection.execute(
        select(accounts.c.account_id, accounts.c.name, accounts.c.role, accounts.c.active, sessions.c.expires_at)
        .select_from(sessions.join(accounts, sessions.c.account_id == accounts.c.account_id))
        .where(sessions.c.token_sha256 == _token_hash(token), sessions.c.ended_at.is_(None))
    ).first()
    if row is None or not row.active or _aware(row.expires_at) <= at:
        raise AccessError(Problem("lv_not_signed_in"))
    return Account(row.account_id, row.name, row.role)


def account_for(db: Database, token: str | None, at: dt.datetime | None = None) -> Account:
    """The account signed in with ``token`` (the editing page asks on every run), or :class:`AccessError`."""
    with db.reading() as connection:
        return session_account(connection, token, at or now_utc())


def sign_out(db: Database, token: str) -> None:
    """End the session (audited)."""
    at = now_utc()
    with db.writing() as connection:
        account = session_account(connection, token, at)
        connection.execute(update(sessions).where(sessions.c.token_sha256 == _token_hash(token)).values(ended_at=at))
        record(connection, "sign_out", account.name, account.account_id, {}, at)


def export_audit(db: Database, actor: str | Account) -> bytes:
    """The audit log as CSV (UTF-8 with BOM) for an admin (session token or :data:`LOCAL_OPERATOR`)."""
    with db.reading() as connection:
        _admin(connection, actor, now_utc())
        frame = audit_frame(connection)
    for column in ("account", "action", "subject", "detail"):
        frame[column] = [neutralise(str(v)) if isinstance(v, str) else "" for v in frame[column]]
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
