"""The data each page shows, loaded once and cached: the Dataset, indicators, geodata, the report text.

The app serves one or several dataset folders (:func:`countymap.config.dataset_dirs`);
the county setting (``county=ADCODE``, :data:`countymap.map.view.SETTING`) chooses
the current one, and everything here is the current folder's: every cache is keyed
by that folder. Cached objects are shared by every session: treat them as
read-only. A cache key carries the file's modification time, so an edited file is
read again (and its previous version is dropped).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from countymap import config
from countymap.app import janitor, living_data
from countymap.app import state as session
from countymap.core import report
from countymap.core.dataset import Dataset
from countymap.core.geodata import Geodata, load_geodata
from countymap.core.identity import DATASET_TOML, County, Credit, DatasetError, Edition, read_credits, read_identity
from countymap.core.limits import ReadLimits, configured_limits
from countymap.core.tables import load_indicators, load_projects, typed
from countymap.core.workbook import report_identity
from countymap.map.view import SETTING
from countymap.schema import INDICATORS
from countymap.text.message import Message
from countymap.validation import setup
from countymap.validation.context import ValidationContext, load_context
from countymap.validation.setup import SetupProblem
from countymap.validation.upload import UploadResult

UPLOAD_KEY = "uploaded_projects"
REPORT_KEY = "report_text"
REPORT_SHA_KEY = "report_sha256"  # whose edition the uploaded report is
COUNTY_KEY = SETTING["county"].param  # the session (and widget) key of the chosen county
KEPT = config.MAX_DATASETS + 1  # every loaded dataset, and one being replaced by its edited file


def _mtime(path: Path) -> float:
    return path.stat().st_mtime


@dataclass(frozen=True)
class Source:
    """One dataset folder the app serves: its county, edition and projects file."""

    folder: Path
    projects: Path
    county: County
    edition: Edition
    credits: tuple[Credit, ...]  # the sources of its geodata, for the About page

    @property
    def geodata_dir(self) -> Path:
        """The folder's ``geodata/``."""
        return self.folder / "geodata"


@st.cache_resource(show_spinner=False, max_entries=KEPT)
def _source_cached(folder: str, projects: str, mtime: float) -> Source:
    return Source(Path(folder), Path(projects), *read_identity(Path(folder)), read_credits(Path(folder)))


def _source(folder: Path) -> Source:
    toml = folder / DATASET_TOML
    try:
        mtime = _mtime(toml)
    except OSError as exc:
        raise DatasetError(f"{toml}: {exc.strerror or exc}") from None
    return _source_cached(str(folder), str(config.dataset_projects_path(folder)), mtime)


def sources() -> tuple[Source, ...]:
    """Every dataset the app serves, in order (checked at start: :func:`countymap.validation.setup.dataset_problems`)."""
    return tuple(_source(folder) for folder in config.dataset_dirs())


def counties() -> tuple[str, ...]:
    """The adcodes a reader may choose: every loaded county's when several are loaded (none chosen: the overview), else none."""
    loaded = config.dataset_dirs()
    return tuple(source.county.adcode for source in sources()) if len(loaded) > 1 else ()


def overview() -> bool:
    """Whether this session shows every loaded county at once: several are loaded and none is chosen."""
    return len(config.dataset_dirs()) > 1 and not session.get(COUNTY_KEY)


def every_dataset() -> tuple[Dataset, ...]:
    """The shared Dataset of every loaded county, in order (the overview counts them)."""
    return tuple(dataset_of(source) for source in sources())


def current_folder() -> Path:
    """The folder of the dataset this session shows: the chosen county's, else the first loaded one.

    In the overview (none chosen) the first folder stands for the settings every page reads
    (the filters' vocabularies); no page shows its items as if they were every county's.
    """
    chosen = session.get(COUNTY_KEY) or ""
    folders = config.dataset_dirs()
    if not chosen or len(folders) == 1:
        return folders[0]
    return next((source.folder for source in sources() if source.county.adcode == chosen), folders[0])


def current() -> Source:
    """The dataset this session shows (:func:`current_folder`)."""
    return _source(current_folder())


# Guards the record of which version of each file is cached (sessions run in threads).
_VERSIONS_LOCK = threading.Lock()
_VERSIONS: dict[tuple[str, str], tuple] = {}


def _only_version(cached, kind: str, folder: str, key: tuple) -> None:
    """Drop the cached value of ``folder``'s previous version when ``key`` is a new one (an edited file)."""
    with _VERSIONS_LOCK:
        previous = _VERSIONS.get((kind, folder))
        _VERSIONS[(kind, folder)] = key
    if previous is not None and previous != key:
        cached.clear(*previous)


# A resource, not data: every session shares the same read-only Dataset (and what it derives: the
# placement, the map's written tables) instead of unpickling a copy. Keyed by the dataset folder, its
# projects file's path and modification time, the reading caps and the geodata's version.
@st.cache_resource(show_spinner=False, max_entries=KEPT)
def _dataset_cached(folder: str, path: str, mtime: float, limits: ReadLimits, geodata_version: float) -> Dataset:
    county, edition = read_identity(Path(folder))
    made = Dataset(load_projects(path, limits), _geodata_of(Path(folder)), county, edition)
    return made


def dataset_of(source: Source) -> Dataset:
    """The shared Dataset of one loaded dataset folder's projects file."""
    key = (str(source.folder), str(source.projects), _mtime(source.projects), configured_limits())
    key += (geodata_version(source.folder),)
    _only_version(_dataset_cached, "dataset", key[0], key)
    return _dataset_cached(*key)


def dataset() -> Dataset:
    """The session's Dataset: its upload of the current county, else the living map's latest state, else the report's.

    The latest state counts for the first dataset only (the database holds the
    editions of one county, the one the app serves first), when the session chose
    it and the database has one (:mod:`countymap.app.living_data`); the report's
    view is the current folder's projects file (shared by every session).
    """
    upload = session.get(UPLOAD_KEY)
    source = current()
    if upload is not None and upload.county.geodata_dir == source.geodata_dir:
        return upload
    if living_here() and living_data.wants_latest():
        found = living_view()
        if found is not None:
            return found.dataset
    return dataset_of(source)


def living_here() -> bool:
    """Whether the living map's database covers what is shown: the first dataset's county, and no upload of its own."""
    return current().folder == config.dataset_dirs()[0] and not has_upload()


def living_view() -> living_data.LivingView | None:
    """The living map's latest state (its Dataset on the first dataset's geodata), or ``None`` when there is none."""
    folder = config.dataset_dirs()[0]

    def make(table: pd.DataFrame, edition: str, report_date: dt.date | None) -> Dataset:
        return Dataset(table, _geodata_of(folder), *_edition_identity(folder, edition, report_date))

    return living_data.latest(make, geodata_version(folder))


def _edition_identity(folder: Path, edition: str, report_date: dt.date | None) -> tuple[County, Edition]:
    """The county, and the edition the database's ``edition`` is: ``dataset.toml``'s, or a newer one published since.

    A newer edition's report text is not the dataset's file: it has no report file
    (so no passage of the older report is quoted at its items' offsets); its date is
    the one stored with it ("" when not known).
    """
    county, described = read_identity(folder)
    if edition == str(described.year):
        return county, described
    return county, Edition(int(edition[:4]), report_date.isoformat() if report_date else "", "", "")


def upload_dataset(result: UploadResult) -> Dataset:
    """A Dataset of an upload's valid rows for the current county: kept in the uploading session only."""
    source = current()
    made = Dataset(result.valid, geodata(), source.county, source.edition, validation=result)
    janitor.watch(made)  # freed soon after its session is dropped
    return made


def projects() -> pd.DataFrame:
    """The whole table of the session's Dataset (:func:`dataset`)."""
    return dataset().table


def projects_problems() -> list[SetupProblem]:
    """Load (and cache) the current Dataset now: an unreadable ``dataset.toml`` or a file past a reading cap is a setup problem."""
    folder = current_folder()
    variable = config.ENV_DATASETS if len(config.dataset_dirs()) > 1 else config.ENV_DATA_DIR
    try:
        source = _source(folder)
    except DatasetError as exc:
        return [SetupProblem(variable, Message("s_dataset_identity", detail=str(exc)))]
    try:
        dataset_of(source)
    except (OSError, ValueError) as exc:  # TableError (a cap, the format) or a cell that does not convert
        variable = setup.projects_variable() if config.is_default_dataset(folder) else config.ENV_DATASETS
        return [setup.unreadable(variable, source.projects, exc)]
    return []


def described_identity(lang: str) -> dict[str, object]:
    """``dataset.toml``'s county and report (:func:`identity`'s keys), for a title set before anything is checked.

    Empty when ``dataset.toml`` cannot be read: the page then stops on that
    setup problem (:func:`projects_problems`) right after its title is set.
    """
    try:
        source = current()
    except DatasetError:
        return {}
    return report_identity(source.county, source.edition, lang)


def identity(lang: str) -> dict[str, object]:
    """What titles, captions and credits say about the shown items: ``county`` (short name), ``year`` and ``date`` of the report.

    The one place that decides the shown edition: the session's :func:`dataset`'s (in the latest view,
    a newer edition published since ``dataset.toml``'s report names itself). Ask it only once the page's
    setup problems are checked (:func:`countymap.app.shell.page_setup`); before, :func:`described_identity`.
    """
    shown = dataset()
    return report_identity(shown.county, shown.edition, lang)


def has_upload() -> bool:
    """Whether this session shows its own uploaded projects file (for the current county)."""
    upload = session.get(UPLOAD_KEY)
    return upload is not None and upload.county.geodata_dir == current().geodata_dir


@st.cache_data(show_spinner=False, max_entries=KEPT)
def _indicators_cached(path: str, mtime: float) -> pd.DataFrame:
    return load_indicators(path)


@st.cache_resource(show_spinner=False, max_entries=KEPT)
def _geodata_cached(path: str, version: float) -> Geodata:
    return load_geodata(path)


@st.cache_resource(show_spinner=False, max_entries=KEPT)
def _validation_context_cached(folder: str, report_path: str | None) -> ValidationContext:
    return load_context(folder, report_path)


def validation_context() -> ValidationContext:
    """The current dataset's geodata names, ids, outline and report, for checking drafts and uploads (shared)."""
    return _validation_context_cached(str(current().folder), _configured_report())


def indicators() -> pd.DataFrame:
    """The current dataset's typed headline indicators (none when its folder has no ``indicators.csv``)."""
    path = current().folder / INDICATORS.path
    if not path.is_file():  # a county made by new-dataset has no indicators until someone writes them
        return typed(pd.DataFrame(columns=list(INDICATORS.columns), dtype=str), INDICATORS)
    return _indicators_cached(str(path), _mtime(path))


def geodata_version(folder: Path | None = None) -> float:
    """Latest modification time of a dataset's geodata files (part of cache keys); default: the current one's."""
    base = (folder if folder is not None else current().folder) / "geodata"
    return max(_mtime(p) for p in base.iterdir())


def _geodata_of(folder: Path) -> Geodata:
    version = geodata_version(folder)
    _only_version(_geodata_cached, "geodata", str(folder), (str(folder / "geodata"), version))
    return _geodata_cached(str(folder / "geodata"), version)


def geodata() -> Geodata:
    """The current dataset's geodata bundle (county, neighbours, seats, places, routes)."""
    return _geodata_of(current().folder)


def clear_caches() -> None:
    """Forget every cached table, geodata and map (the benchmark's cold start)."""
    st.cache_data.clear()
    st.cache_resource.clear()
    with _VERSIONS_LOCK:
        _VERSIONS.clear()


def secret(name: str) -> str | None:
    """A Streamlit secret, or ``None`` when there is none (no secrets file is normal)."""
    try:
        value = st.secrets.get(name)
    except StreamlitSecretNotFoundError:
        return None
    return str(value) if value else None


@st.cache_data(show_spinner=False, max_entries=KEPT)
def _namesakes_cached(path: str, mtime: float) -> dict:
    return report.load_namesakes(path)


def namesakes() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Phrases of the report that name something other than a township (``namesakes.csv`` beside the projects)."""
    path = current().folder / report.NAMESAKES_FILE
    return _namesakes_cached(str(path), _mtime(path) if path.is_file() else 0.0)


@st.cache_data(show_spinner=False, max_entries=KEPT)
def _report_cached(folder: str, file_name: str, sha256: str, explicit: str | None) -> str | None:
    return report.dataset_report(Path(folder), file_name, sha256, explicit)


def _configured_report() -> str | None:
    return os.environ.get(config.ENV_REPORT) or secret(config.ENV_REPORT)


def report_text(edition: Edition | None = None) -> str | None:
    """The verified report text of ``edition`` (default: the shown items'): an upload of it, else a file; else ``None``.

    The files tried: ``$COUNTYMAP_REPORT`` (or the secret), the dataset folder, ``../shared/report/``;
    only one whose sha256 is the edition's counts (:func:`countymap.core.report.dataset_report`). A newer
    edition published from a review has no report file (:func:`living_view`): nothing is quoted for it.
    """
    edition = edition or dataset().edition
    if not edition.report_sha256:
        return None
    if session.get(REPORT_SHA_KEY) == edition.report_sha256 and session.get(REPORT_KEY):
        return session.get(REPORT_KEY)
    return _report_cached(str(current().folder), edition.report_file, edition.report_sha256, _configured_report())


def keep_uploaded_report(data: bytes) -> bool:
    """Keep an uploaded report for this session if it is the current edition's (by sha256); whether it was."""
    edition = current().edition
    text = report.verify(data, edition.report_sha256)
    if text is None:
        return False
    session.put(REPORT_KEY, text)
    session.put(REPORT_SHA_KEY, edition.report_sha256)
    return True
