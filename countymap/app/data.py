"""The data each page shows, loaded once and cached: the Dataset, indicators, geodata, the report text.

Cached objects are shared by every session: treat them as read-only. A cache key
carries the file's modification time, so an edited file is read again.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from countymap import config
from countymap.app import living_data
from countymap.app import state as session
from countymap.core import report
from countymap.core.dataset import Dataset, DatasetError, read_identity
from countymap.core.geodata import Geodata, load_geodata
from countymap.core.limits import ReadLimits, configured_limits
from countymap.core.tables import load_indicators, load_projects
from countymap.schema import INDICATORS
from countymap.text.message import Message
from countymap.validation import setup
from countymap.validation.context import ValidationContext, load_context
from countymap.validation.setup import SetupProblem
from countymap.validation.upload import UploadResult

UPLOAD_KEY = "uploaded_projects"
REPORT_KEY = "report_text"


def _mtime(path: Path) -> float:
    return path.stat().st_mtime


# A resource, not data: every session shares the same read-only Dataset (and what it derives: the
# placement, the map's written tables) instead of unpickling a copy. Keyed by the file's path and
# modification time, the reading caps and the geodata's version; an edited file is read again.
@st.cache_resource(show_spinner=False, max_entries=2)
def _dataset_cached(path: str, mtime: float, limits: ReadLimits, geodata_version: float) -> Dataset:
    county, edition = read_identity(config.data_dir())
    made = Dataset(load_projects(path, limits), geodata(), county, edition)
    made.prepare_search()
    return made


def dataset() -> Dataset:
    """The session's Dataset: its upload, else the living map's latest state, else the report's view.

    The latest state counts when the session chose it and the database has one
    (:mod:`countymap.app.living_data`); the report's view is the configured file's (shared by every session).
    """
    upload = session.get(UPLOAD_KEY)
    if upload is not None:
        return upload
    found = living_view() if living_data.wants_latest() else None
    if found is not None:
        return found.dataset
    path = config.projects_path()
    return _dataset_cached(str(path), _mtime(path), configured_limits(), geodata_version())


def living_view() -> living_data.LivingView | None:
    """The living map's latest state (its Dataset on this geodata), or ``None`` when the database has none."""
    return living_data.latest(lambda table: Dataset.of(table, geodata()), geodata_version())


def upload_dataset(result: UploadResult) -> Dataset:
    """A Dataset of an upload's valid rows: kept in the uploading session only, freed when it ends."""
    county, edition = read_identity(config.data_dir())
    made = Dataset(result.valid, geodata(), county, edition, validation=result)
    made.prepare_search()
    return made


def projects() -> pd.DataFrame:
    """The whole table of the session's Dataset (:func:`dataset`)."""
    return dataset().table


def projects_problems() -> list[SetupProblem]:
    """Load (and cache) the configured Dataset now: a file past a reading cap is a setup problem."""
    path = config.projects_path()
    try:
        read_identity(config.data_dir())
    except DatasetError as exc:
        return [SetupProblem(config.ENV_DATA_DIR, Message("s_dataset_identity", detail=str(exc)))]
    try:
        _dataset_cached(str(path), _mtime(path), configured_limits(), geodata_version())
    except (OSError, ValueError) as exc:  # TableError (a cap, the format) or a cell that does not convert
        return [setup.unreadable(setup.projects_variable(), path, exc)]
    return []


def identity(lang: str) -> dict[str, object]:
    """What titles and credits say about the data: ``county`` (short name), ``year`` and ``date`` of the report.

    Empty when ``dataset.toml`` cannot be read: the page then stops on that
    setup problem (:func:`projects_problems`) right after its title is set.
    """
    try:
        county, edition = read_identity(config.data_dir())
    except DatasetError:
        return {}
    return {"county": county.name(lang, short=True), "year": edition.year, "date": edition.report_date}


def has_upload() -> bool:
    """Whether this session shows its own uploaded projects file."""
    return session.get(UPLOAD_KEY) is not None


@st.cache_data(show_spinner=False)
def _indicators_cached(path: str, mtime: float) -> pd.DataFrame:
    return load_indicators(path)


@st.cache_resource(show_spinner=False, max_entries=2)
def _geodata_cached(path: str, version: float) -> Geodata:
    return load_geodata(path)


@st.cache_resource(show_spinner=False)
def validation_context() -> ValidationContext:
    """Geodata names, ids and outline for checking drafts and uploads (shared, read-only)."""
    return load_context()


def indicators() -> pd.DataFrame:
    """The typed headline indicators."""
    path = config.data_dir() / INDICATORS.path
    return _indicators_cached(str(path), _mtime(path))


def geodata_version() -> float:
    """Latest modification time of the geodata files (part of cache keys)."""
    return max(_mtime(p) for p in config.geodata_dir().iterdir())


def geodata() -> Geodata:
    """The geodata bundle (county, neighbours, seats, places, routes)."""
    return _geodata_cached(str(config.geodata_dir()), geodata_version())


def clear_caches() -> None:
    """Forget every cached table, geodata and map (the benchmark's cold start)."""
    st.cache_data.clear()
    st.cache_resource.clear()


def secret(name: str) -> str | None:
    """A Streamlit secret, or ``None`` when there is none (no secrets file is normal)."""
    try:
        value = st.secrets.get(name)
    except StreamlitSecretNotFoundError:
        return None
    return str(value) if value else None


@st.cache_data(show_spinner=False)
def _namesakes_cached(path: str, mtime: float) -> dict:
    return report.load_namesakes(path)


def namesakes() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Phrases of the report that name something other than a township (``namesakes.csv`` beside the projects)."""
    path = config.data_dir() / report.NAMESAKES_FILE
    return _namesakes_cached(str(path), _mtime(path) if path.is_file() else 0.0)


@st.cache_data(show_spinner=False)
def _report_cached(path: str) -> str | None:
    return report.load_report(path)


def report_text() -> str | None:
    """The verified report text: this session's upload, else the configured file; ``None`` if neither."""
    uploaded = session.get(REPORT_KEY)
    if uploaded:
        return uploaded
    path = os.environ.get(config.ENV_REPORT) or secret(config.ENV_REPORT) or report.default_report_path()
    return _report_cached(str(path)) if path else None
