"""Paths and environment: the one place that knows where things are.

Every other module asks here for the repository, the data folder, the projects
file, the report and the browser used by tests and the benchmark, so that an
environment variable means the same thing everywhere.
"""

from __future__ import annotations

import functools
import math
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from countymap.schema import REPORT_FILENAME

REPO_ROOT = Path(__file__).resolve().parent.parent

# --- environment variables (documented in README.md, "Configuration") ------------
ENV_DATA_DIR = "COUNTYMAP_DATA_DIR"
ENV_PROJECTS = "COUNTYMAP_PROJECTS"
ENV_REPORT = "COUNTYMAP_REPORT"
ENV_CACHE = "COUNTYMAP_CACHE"
ENV_MAX_UPLOAD_MB = "COUNTYMAP_MAX_UPLOAD_MB"
ENV_CHROMIUM = "COUNTYMAP_CHROMIUM"
ENV_MAX_ROWS = "COUNTYMAP_MAX_ROWS"
ENV_MAX_COLUMNS = "COUNTYMAP_MAX_COLUMNS"
ENV_MAX_CELLS = "COUNTYMAP_MAX_CELLS"
ENV_MAX_UNPACKED_MB = "COUNTYMAP_MAX_UNPACKED_MB"
ENV_DATABASE_URL = "COUNTYMAP_DATABASE_URL"
ENV_DATA_HOME = "COUNTYMAP_DATA_HOME"
ENV_DATASETS = "COUNTYMAP_DATASETS"
# The server's Python allocator, as README starts it (docs/operations.md, Memory): small objects from glibc,
# whose freed memory malloc_trim hands back; pymalloc keeps it in half-used arenas.
SERVER_ALLOCATOR = ("PYTHONMALLOC", "malloc")
MAX_DATASETS = 60  # every county-level unit of a province (Chongqing has 38) with room to spare
DATABASE_FILENAME = "countymap.sqlite3"


@dataclass(frozen=True)
class NumberSetting:
    """A numeric environment variable with its default and its allowed range.

    :meth:`value` never fails (an invalid value gives the default); the app and
    the commands report an invalid value through :meth:`is_valid` at start
    (:mod:`countymap.validation.setup`), so nothing runs on a silent default.
    """

    variable: str
    default: float
    minimum: float
    maximum: float
    integer: bool = False
    unit: str = ""  # the key of the unit's name in the string table (countymap.text.strings)

    def raw(self) -> str:
        """The variable's text as set ("" when unset)."""
        return os.environ.get(self.variable, "").strip()

    def _parse(self, raw: str) -> float | None:
        try:
            value = int(raw) if self.integer else float(raw)
        except ValueError:
            return None
        return value if math.isfinite(value) and self.minimum <= value <= self.maximum else None

    def is_valid(self) -> bool:
        """Unset, or a number of the right kind within the range."""
        raw = self.raw()
        return not raw or self._parse(raw) is not None

    def value(self) -> float:
        """The configured number, or the default when unset or invalid."""
        raw = self.raw()
        parsed = self._parse(raw) if raw else None
        return self.default if parsed is None else parsed


def data_dir() -> Path:
    """Folder holding ``geodata/``, ``projects.csv`` and ``indicators.csv``: ``$COUNTYMAP_DATA_DIR`` or the repo."""
    return Path(os.environ.get(ENV_DATA_DIR) or REPO_ROOT)


# The dataset folder this thread works on (the app sets it at the start of each script run, which has a
# thread of its own); unset, it is data_dir(). So a filter's township list is the current county's.
_CHOSEN_DATASET: ContextVar[Path | None] = ContextVar("countymap_dataset", default=None)


def choose_dataset(folder: Path | None) -> None:
    """Make ``folder`` the dataset this thread works on (``None``: :func:`data_dir`); see :func:`geodata_dir`."""
    _CHOSEN_DATASET.set(folder)


def dataset_dir() -> Path:
    """The dataset folder this thread works on (:func:`choose_dataset`), else :func:`data_dir`."""
    return _CHOSEN_DATASET.get() or data_dir()


def geodata_dir() -> Path:
    """The ``geodata/`` folder of :func:`dataset_dir`."""
    return dataset_dir() / "geodata"


def projects_path() -> Path:
    """The projects table shown by the app: ``$COUNTYMAP_PROJECTS``, else ``projects.csv`` in :func:`data_dir`."""
    explicit = os.environ.get(ENV_PROJECTS)
    return Path(explicit) if explicit else data_dir() / "projects.csv"


def dataset_entries() -> list[str]:
    """The folders ``$COUNTYMAP_DATASETS`` names, as written (``os.pathsep``-separated, blanks dropped)."""
    raw = os.environ.get(ENV_DATASETS, "")
    return [entry.strip() for entry in raw.split(os.pathsep) if entry.strip()]


def dataset_dirs() -> tuple[Path, ...]:
    """The dataset folders the app serves, in order; the first is shown when no county is chosen.

    :func:`data_dir` (the embedded Youyang dataset by default) comes first, then
    the folders of ``$COUNTYMAP_DATASETS``; a list that names :func:`data_dir`
    itself puts it where it stands in the list. Checked (count, folders, their
    ``dataset.toml``) by :func:`countymap.validation.setup.dataset_problems`.
    """
    return _dataset_dirs(tuple(dataset_entries()), data_dir())


@functools.lru_cache(maxsize=8)  # asked many times a run; the folders' real paths are looked up once
def _dataset_dirs(entries: tuple[str, ...], default: Path) -> tuple[Path, ...]:
    listed = [Path(entry) for entry in entries[: MAX_DATASETS + 1]]  # more is a setup problem, never all read
    named = any(_same_folder(path, default) for path in listed)
    return tuple(listed if named else [default, *listed])


def _same_folder(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def is_default_dataset(folder: Path) -> bool:
    """Whether ``folder`` is :func:`data_dir` (the one whose projects file ``$COUNTYMAP_PROJECTS`` may replace)."""
    return _same_folder(folder, data_dir())


def dataset_projects_path(folder: Path) -> Path:
    """The projects table of a dataset folder: :func:`projects_path` for :func:`data_dir`, else its ``projects.csv``."""
    return projects_path() if is_default_dataset(folder) else folder / "projects.csv"


def report_candidates(file_name: str = REPORT_FILENAME, folder: Path | None = None) -> list[Path]:
    """Where a report text may be: ``$COUNTYMAP_REPORT``, then ``folder`` (a dataset's), then ``../shared/report/``."""
    beside = [Path(folder) / file_name] if folder is not None else []
    candidates = [*beside, REPO_ROOT.parent / "shared" / "report" / file_name]
    explicit = os.environ.get(ENV_REPORT)
    return ([Path(explicit)] if explicit else []) + candidates


def data_home() -> Path:
    """Folder of the living map's SQLite file: ``$COUNTYMAP_DATA_HOME`` or the platform's user data folder.

    Never inside the checkout: the database holds the editors' work, which a ``git clean`` must not touch.
    """
    explicit = os.environ.get(ENV_DATA_HOME)
    if explicit:
        return Path(explicit)
    import platformdirs  # imported here: only the living map's commands need it

    return Path(platformdirs.user_data_dir("countymap", appauthor=False))


def database_url() -> str:
    """``$COUNTYMAP_DATABASE_URL`` (e.g. ``postgresql+psycopg://...``) or SQLite in :func:`data_home`."""
    explicit = os.environ.get(ENV_DATABASE_URL, "").strip()
    return explicit or f"sqlite:///{data_home() / DATABASE_FILENAME}"


def cache_dir() -> Path:
    """Download and asset cache outside the checkout: ``$COUNTYMAP_CACHE`` or ``~/.cache/countymap``."""
    return Path(os.environ.get(ENV_CACHE) or Path.home() / ".cache" / "countymap")


# --- the browser that tests and the benchmark drive ----------------------------------
CHROMIUM = os.environ.get(ENV_CHROMIUM, "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google's
# hosts, which a closed network refuses many times a second.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",  # /dev/shm is small in containers; 20 contexts would exhaust it
)


@contextmanager
def environment(values: Mapping[str, str | None]) -> Iterator[None]:
    """Set (or, for ``None``, remove) environment variables for the duration, then restore them."""
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            _set_variable(name, value)
        yield
    finally:
        for name, value in saved.items():
            _set_variable(name, value)


def _set_variable(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
