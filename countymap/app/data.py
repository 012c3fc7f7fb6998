"""The data each page shows, loaded once and cached: projects, indicators, geodata, the report text.

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
from countymap.core import report
from countymap.core.geodata import Geodata, load_geodata
from countymap.core.limits import ReadLimits, configured_limits
from countymap.core.placement import place_projects
from countymap.core.schema import INDICATORS
from countymap.core.tables import load_indicators, load_projects
from countymap.validation import setup
from countymap.validation.context import ValidationContext, load_context
from countymap.validation.setup import SetupProblem

UPLOAD_KEY = "uploaded_projects"
REPORT_KEY = "report_text"


def _mtime(path: Path) -> float:
    return path.stat().st_mtime


# A resource, not data: every run gets the same (read-only) frame instead of
# unpickling a copy (~0.1 s at 20,000 rows), and the map's feature cache can
# recognise it by identity. Nothing may modify it in place.
@st.cache_resource(show_spinner=False, max_entries=4)
def _projects_cached(path: str, mtime: float, limits: ReadLimits) -> pd.DataFrame:
    return load_projects(path, limits)


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


def projects() -> pd.DataFrame:
    """The session's uploaded projects if any, else the typed projects table."""
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is not None:
        return upload
    path = config.projects_path()
    return _projects_cached(str(path), _mtime(path), configured_limits())


def projects_problems() -> list[SetupProblem]:
    """Load (and cache) the configured projects table now: a file past a reading cap is a setup problem."""
    path = config.projects_path()
    try:
        _projects_cached(str(path), _mtime(path), configured_limits())
    except (OSError, ValueError) as exc:  # TableError (a cap, the format) or a cell that does not convert
        return [setup.unreadable(setup.projects_variable(), path, exc)]
    return []


def has_upload() -> bool:
    """Whether this session shows its own uploaded projects file."""
    return st.session_state.get(UPLOAD_KEY) is not None


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


@st.cache_resource(show_spinner=False, max_entries=4)
def _placement_cached(source_id: int, geodata_version: float, *, _source: pd.DataFrame) -> tuple:
    # The entry keeps ``_source`` alive, so its ``id`` in the key cannot be reused by another table.
    return _source, place_projects(_source, geodata())


def placement() -> pd.DataFrame:
    """Where each item of the session's whole table is drawn (WGS-84), placed once per table.

    Every filtered view takes its items' places from here, so a filter never
    moves an item (see :func:`countymap.core.placement.placement_of`).
    """
    source = projects()
    return _placement_cached(id(source), geodata_version(), _source=source)[1]


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
    uploaded = st.session_state.get(REPORT_KEY)
    if uploaded:
        return uploaded
    path = os.environ.get(config.ENV_REPORT) or secret(config.ENV_REPORT) or report.default_report_path()
    return _report_cached(str(path)) if path else None
