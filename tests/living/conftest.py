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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from countymap.living import LOCAL_OPERATOR, add_account, import_edition, open_database, sign_in, upgrade
from countymap.living.database import close


def _pg_bin() -> Path:
    """``$COUNTYMAP_PG_BIN``, else the newest Debian server under /usr/lib/postgresql (15 on bookworm)."""
    if os.environ.get("COUNTYMAP_PG_BIN"):
        return Path(os.environ["COUNTYMAP_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
REQUIRE_POSTGRES = "COUNTYMAP_REQUIRE_POSTGRES"
ROOT = Path(__file__).resolve().parents[2]
PROJECTS_CSV = ROOT / "projects.csv"
PASSWORD = "a long enough password"
EDITOR = "editor-li"
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


def _fresh_name() -> str:
    return f"living_{os.getpid()}_{next(_names)}"


def _prepare(url: str) -> None:
    """Head schema, projects.csv as edition 2023, and the editor account (a template for many tests)."""
    database = upgrade(url)
    import_edition(database, PROJECTS_CSV, "2023")
    add_account(database, LOCAL_OPERATOR, EDITOR, PASSWORD, "editor")
    close(url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A prepared SQLite file that each test copies (after close the WAL is checkpointed into it)."""
    path = tmp_path_factory.mktemp("living-template") / "template.sqlite3"
    _prepare(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_template(postgres_server) -> str:
    """A prepared PostgreSQL database that each test clones with ``CREATE DATABASE ... TEMPLATE``."""
    name = _fresh_name()
    with postgres_server.admin() as admin:
        admin.execute(f"CREATE DATABASE {name}")
    _prepare(postgres_server.url(name))
    return name


def _new_database(request, tmp_path, template: bool) -> Iterator[str]:
    if request.param == "sqlite":
        path = tmp_path / "living.sqlite3"
        if template:
            shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
        yield url
        close(url)
        return
    server = request.getfixturevalue("postgres_server")
    name = _fresh_name()
    # FILE_COPY: a plain copy of the template's files (the cluster runs without fsync, so it is quick)
    clone = f" TEMPLATE {request.getfixturevalue('postgres_template')} STRATEGY FILE_COPY" if template else ""
    with server.admin() as admin:
        admin.execute(f"CREATE DATABASE {name}{clone}")
    url = server.url(name)
    yield url
    close(url)  # no DROP DATABASE: it waits for the closed connections' backends to exit; the cluster goes anyway


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """An empty database of each kind (its URL); closed and dropped afterwards."""
    yield from _new_database(request, tmp_path, template=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def prepared_url(request, tmp_path):
    """A database of each kind at head, with projects.csv as edition 2023 and the account ``editor-li``."""
    yield from _new_database(request, tmp_path, template=True)


@pytest.fixture
def db(prepared_url):
    """The opened database of :func:`prepared_url`."""
    return open_database(prepared_url)


@pytest.fixture
def editor(db):
    """A signed-in editor's session token."""
    return sign_in(db, EDITOR, PASSWORD).token


def baseline_rows() -> dict[str, dict[str, str]]:
    """projects.csv read with the csv module (the expectations come from the file, not the code)."""
    with PROJECTS_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}
