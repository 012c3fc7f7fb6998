"""A throw-away PostgreSQL cluster on a unix socket in a temporary folder (for the tests and the benchmark).

``initdb`` into the folder, ``pg_ctl start`` listening on no TCP port, as the
``postgres`` user (or ``nobody``) when run as root: PostgreSQL refuses to run
as root. Stopped (immediately) and deleted when the context ends.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

_names = itertools.count()


def server_bin() -> Path | None:
    """``$COUNTYMAP_PG_BIN``, else the newest Debian server under /usr/lib/postgresql (None: not installed)."""
    if os.environ.get("COUNTYMAP_PG_BIN"):
        folder = Path(os.environ["COUNTYMAP_PG_BIN"])
        return folder if (folder / "initdb").exists() else None
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else None


@dataclass(frozen=True)
class Cluster:
    """A running cluster reachable through its socket folder, user ``postgres``, no password."""

    socket_dir: Path

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of one of its databases."""
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket_dir}"

    def create_database(self, template: str | None = None) -> str:
        """A new database's name (a copy of ``template`` when given)."""
        name = f"countymap_{os.getpid()}_{next(_names)}"
        clone = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        with psycopg.connect(host=str(self.socket_dir), user="postgres", dbname="postgres", autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}{clone}")
        return name


def _server_user_prefix(folder: Path) -> list[str]:
    if os.geteuid() != 0:
        return []
    try:
        owner = pwd.getpwnam("postgres")
    except KeyError:
        owner = pwd.getpwnam("nobody")
    os.chown(folder, owner.pw_uid, owner.pw_gid)
    return ["runuser", "-u", owner.pw_name, "--"]


@contextmanager
def throwaway_cluster(binaries: Path) -> Iterator[Cluster]:
    """Start a cluster with the server in ``binaries``; stop and delete it afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="countymap-pg-"))
    prefix, data = _server_user_prefix(folder), folder / "data"

    def run(*args: str) -> None:
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)

    try:
        run(str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale")
        # fsync off: a throw-away cluster need not survive a power cut (it is deleted at the end anyway)
        options = f"-k {folder} -h '' -c fsync=off -c max_connections=200"
        run(str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
        yield Cluster(folder)
    finally:
        if (data / "postmaster.pid").exists():
            run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
