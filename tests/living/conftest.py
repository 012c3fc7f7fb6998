"""Every living-map test runs on SQLite and on a real PostgreSQL server started for the session.

The server is a throw-away cluster: ``initdb`` into a temporary folder, ``pg_ctl start``
listening only on a unix socket in that folder (no TCP port), as the ``postgres``
user when the tests run as root (PostgreSQL refuses to run as root). The PostgreSQL
cases are skipped only when the binaries are absent and ``COUNTYMAP_REQUIRE_POSTGRES``
is not 1 (CI sets it: there a missing server is a failure).
"""

from __future__ import annotations

import csv
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from countymap.living import LOCAL_OPERATOR, add_account, import_edition, sign_in, upgrade
from countymap.living.database import close

PG_BIN = Path(os.environ.get("COUNTYMAP_PG_BIN", "/usr/lib/postgresql/15/bin"))
REQUIRE_POSTGRES = "COUNTYMAP_REQUIRE_POSTGRES"
ROOT = Path(__file__).resolve().parents[2]
PROJECTS_CSV = ROOT / "projects.csv"
PASSWORD = "a long enough password"
_names = itertools.count()


@dataclass(frozen=True)
class Server:
    """A running throw-away PostgreSQL cluster reachable through its socket folder."""

    socket_dir: Path

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket_dir}"

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(host=str(self.socket_dir), user="postgres", dbname="postgres", autocommit=True)


def _as_server_user(folder: Path) -> list[str]:
    """The command prefix that runs as a non-root user (and gives that user ``folder``)."""
    if os.geteuid() != 0:
        return []
    owner = pwd.getpwnam("postgres") if _has_user("postgres") else pwd.getpwnam("nobody")
    os.chown(folder, owner.pw_uid, owner.pw_gid)
    return ["runuser", "-u", owner.pw_name, "--"]


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture(scope="session")
def postgres_server():
    """Start a cluster for the session (or skip / fail as the module docstring says)."""
    if not (PG_BIN / "initdb").exists():
        reason = f"PostgreSQL binaries not found in {PG_BIN}"
        if os.environ.get(REQUIRE_POSTGRES) == "1":
            pytest.fail(f"{reason}; {REQUIRE_POSTGRES}=1 makes this a failure")
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="countymap-pg-"))
    prefix = _as_server_user(folder)
    data = folder / "data"
    run = lambda *args: subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)  # noqa: E731
    run(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale")
    options = f"-k {folder} -h '' -c fsync=off -c max_connections=200"
    run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
    try:
        yield Server(folder)
    finally:
        run(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """An empty database of each kind (its URL); closed and dropped afterwards."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'living.sqlite3'}"
        yield url
        close(url)
        return
    server = request.getfixturevalue("postgres_server")
    name = f"living_{os.getpid()}_{next(_names)}"
    with server.admin() as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = server.url(name)
    yield url
    close(url)
    with server.admin() as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def db(db_url):
    """A database at the head revision with projects.csv imported as edition 2023."""
    database = upgrade(db_url)
    import_edition(database, PROJECTS_CSV, "2023")
    return database


@pytest.fixture
def editor(db):
    """A signed-in editor's session token."""
    add_account(db, LOCAL_OPERATOR, "editor-li", PASSWORD, "editor")
    return sign_in(db, "editor-li", PASSWORD).token


def baseline_rows() -> dict[str, dict[str, str]]:
    """projects.csv read with the csv module (the expectations come from the file, not the code)."""
    with PROJECTS_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}
