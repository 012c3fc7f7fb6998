"""Every living-map test runs on SQLite and on a real PostgreSQL server started for the session.

The server is a throw-away cluster: ``initdb`` into a temporary folder, ``pg_ctl start``
listening only on a unix socket in that folder (no TCP port), as the ``postgres``
user when the tests run as root (PostgreSQL refuses to run as root). The PostgreSQL
cases are skipped only when the binaries are absent and ``COUNTYMAP_REQUIRE_POSTGRES``
is not 1 (CI sets it: there a missing server is a failure). The cluster is
:func:`countymap.bench.pgcluster.throwaway_cluster`, shared with the benchmark.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from countymap.bench.pgcluster import server_bin, throwaway_cluster
from countymap.living import LOCAL_OPERATOR, accounts, add_account, import_edition, open_database, sign_in, upgrade
from countymap.living.database import close
from tests.living.support import EDITOR, PASSWORD, PROJECTS_CSV

REQUIRE_POSTGRES = "COUNTYMAP_REQUIRE_POSTGRES"


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """Argon2 with its smallest cost for the tests' many sign-ins (test_accounts checks the real parameters)."""
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(accounts, "_HASHER", hasher)
        yield


@pytest.fixture(scope="session")
def postgres_server():
    """Start a throw-away cluster for the session (or skip / fail as the module docstring says)."""
    binaries = server_bin()
    if binaries is None:
        reason = "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (or $COUNTYMAP_PG_BIN)"
        if os.environ.get(REQUIRE_POSTGRES) == "1":
            pytest.fail(f"{reason}; {REQUIRE_POSTGRES}=1 makes this a failure")
        pytest.skip(reason)
    with throwaway_cluster(binaries) as cluster:
        yield cluster


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
    name = postgres_server.create_database()
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
    url = server.url(server.create_database(request.getfixturevalue("postgres_template") if template else None))
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
