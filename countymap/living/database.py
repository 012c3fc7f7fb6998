"""Where the living map's database is, how to open it, and its schema revision.

One :class:`Database` per URL and process (:func:`open_database` caches it).
SQLite (the default, a file in ``$COUNTYMAP_DATA_HOME``) runs in WAL mode, so
readers never wait for a writer, with foreign keys on; a save takes the write
lock at its start (``BEGIN IMMEDIATE``) so that its concurrency check and its
insert see the same database. PostgreSQL is ``COUNTYMAP_DATABASE_URL``.

The app and every command but ``db upgrade`` refuse a database whose schema is
behind the code (:class:`SchemaBehindError` names the command that upgrades it).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from countymap import config

UPGRADE_COMMAND = "python -m countymap db upgrade"
SQLITE_BUSY_SECONDS = 30  # how long a writer waits for another writer's lock before giving up
PG_CONNECT_SECONDS = 10  # a server that does not answer is reported, not waited for
POOL = {"pool_size": 10, "max_overflow": 40, "pool_timeout": 30}  # many readers at once wait, never fail


class DatabaseSettingError(ValueError):
    """``COUNTYMAP_DATABASE_URL`` or ``COUNTYMAP_DATA_HOME`` names a database this program will not use."""


class SchemaBehindError(RuntimeError):
    """The database is missing or its schema is older than the code's (``found``: its revision, or None)."""

    def __init__(self, message: str, found: str | None = None):
        super().__init__(message)
        self.found = found


@dataclass(frozen=True)
class Database:
    """An open database: its engine and what kind it is."""

    engine: Engine

    @property
    def is_sqlite(self) -> bool:
        """Whether this is the embedded SQLite file."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read transaction (one consistent snapshot of the database)."""
        with self.engine.connect() as connection, connection.begin():
            yield connection

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction that holds the write lock from its start (committed when the block ends)."""
        with self.engine.connect().execution_options(countymap_write=True) as connection, connection.begin():
            yield connection


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS, "check_same_thread": False}, **POOL)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # SQLAlchemy's recipe: we emit BEGIN ourselves
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A writer takes the lock at once: its check of the item's last update then cannot go stale.
        immediate = connection.get_execution_options().get("countymap_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


ALLOWED_DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql+psycopg")


def checked_url(url: str) -> str:
    """``url``, refused when it is not SQLite or PostgreSQL through psycopg 3, or a SQLite file inside the checkout.

    The checkout is code: a ``git clean`` or a new clone must never take the editors' work with it.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise DatabaseSettingError(f"{config.ENV_DATABASE_URL}: not a database URL") from error
    if parsed.drivername not in ALLOWED_DRIVERS:
        raise DatabaseSettingError(
            f"{config.ENV_DATABASE_URL}: use sqlite:///FILE or postgresql+psycopg://..., not {parsed.drivername}"
        )
    path = sqlite_path(url)
    if path is not None and path.resolve().is_relative_to(config.REPO_ROOT.resolve()):
        raise DatabaseSettingError(f"{path}: the database must live outside the checkout ({config.ENV_DATA_HOME})")
    return url


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


_OPEN: dict[str, Engine] = {}  # one engine per URL and process


def _engine(url: str) -> Engine:
    if url not in _OPEN:
        sqlite = make_url(url).get_backend_name() == "sqlite"
        _OPEN[url] = (
            _sqlite_engine(url)
            if sqlite
            else create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": PG_CONNECT_SECONDS}, **POOL)
        )
    return _OPEN[url]


def close(url: str) -> None:
    """Close the pooled connections of ``url`` (tests, and a backup restore) and forget its engine."""
    engines = [engine for key, engine in _OPEN.items() if key == url]
    for engine in engines:
        engine.dispose()
        del _OPEN[url]


def _alembic_config(connection: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("countymap.living") / "migrations"))
    cfg.attributes["connection"] = connection
    return cfg


@functools.cache  # the migration scripts are read once per process (the app asks on every run)
def head_revision() -> str:
    """The newest schema revision the code knows."""
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("countymap.living") / "migrations"))
    return str(ScriptDirectory.from_config(cfg).get_current_head())


def current_revision(database: Database) -> str | None:
    """The database's schema revision (None for an empty database)."""
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(url: str | None = None, revision: str = "head") -> Database:
    """Create or upgrade the database at ``url`` (default: :func:`countymap.config.database_url`)."""
    url = checked_url(url or config.database_url())
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    database = Database(_engine(url))
    with database.engine.connect().execution_options(countymap_write=True) as connection:
        command.upgrade(_alembic_config(connection), revision)
        connection.commit()
    return database


def open_database(url: str | None = None) -> Database:
    """The database at ``url``, refused (:class:`SchemaBehindError`) when missing or behind the code."""
    url = checked_url(url or config.database_url())
    path = sqlite_path(url)
    if path is not None and not path.exists():
        raise SchemaBehindError(f"no database at {path}: run `{UPGRADE_COMMAND}` to create it")
    database = Database(_engine(url))
    found, head = current_revision(database), head_revision()
    if found != head:
        raise SchemaBehindError(
            f"the database schema is at revision {found or 'none'}, the code needs {head}: run `{UPGRADE_COMMAND}`",
            found,
        )
    return database


def schema_problem(url: str | None = None) -> tuple[str, dict] | None:
    """Why the app cannot use the configured database, as a string-table key and its parameters; None if it can.

    A SQLite file not created yet is no problem: the app then shows the report's view
    (the living map starts with ``python -m countymap db upgrade`` and ``db import``).
    """
    url = url or config.database_url()
    try:
        path = sqlite_path(checked_url(url))
    except DatabaseSettingError as error:
        return "lv_database_setting", {"error": str(error)}
    if path is not None and not path.exists():
        return None
    try:
        open_database(url)
    except SchemaBehindError as error:
        return "lv_schema_behind", {"found": error.found or "-", "head": head_revision(), "command": UPGRADE_COMMAND}
    except SQLAlchemyError as error:
        return "lv_database_unreachable", {"url": describe(url), "error": type(error).__name__}
    return None


def describe(url: str | None = None) -> str:
    """The URL with its password hidden (for messages)."""
    return make_url(url or config.database_url()).render_as_string(hide_password=True)
