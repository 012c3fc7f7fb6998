"""The operator's settings, checked once at start: one clear message per problem, never a traceback.

Each problem names the environment variable (or command-line argument) at
fault and what to do, as a :class:`~countymap.text.message.Message`. The app
shows them instead of its pages (file names only: a visitor never sees the
server's folders); the commands print them (:func:`print_problems`) with full
paths and do nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from countymap import config
from countymap.core import limits, report
from countymap.core.identity import DatasetError, read_identity
from countymap.core.limits import TableError
from countymap.core.tables import read_header
from countymap.schema import GEODATA_FILES, INDICATORS, PROJECTS, Table
from countymap.text.message import Message
from countymap.text.strings import t

MAX_UPLOAD_MB = config.NumberSetting(
    config.ENV_MAX_UPLOAD_MB, 10.0, 0.01, 200.0, unit="unit_megabytes"
)  # Streamlit refuses uploads above 200 MB itself
NUMBER_SETTINGS = (MAX_UPLOAD_MB, *limits.SETTINGS)


@dataclass(frozen=True)
class SetupProblem:
    """One thing wrong with how the app or a command was started."""

    variable: str
    message: Message

    def text(self, lang: str = "zh", public: bool = False) -> str:
        """``VARIABLE: message`` in ``lang``; ``public`` shows a path by its name only (for a web page)."""
        return f"{self.variable}: {self.message.text(lang, public=public)}"


def max_upload_mb() -> float:
    """``$COUNTYMAP_MAX_UPLOAD_MB`` as a number (the default when unset); see :func:`setup_problems` for checks."""
    return MAX_UPLOAD_MB.value()


def _plain(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def _number_problem(setting: config.NumberSetting) -> SetupProblem:
    kind = "setup_number_kind_int" if setting.integer else "setup_number_kind_float"
    words = {"lo": _plain(setting.minimum), "hi": _plain(setting.maximum), "raw": repr(setting.raw()[:40])}
    return SetupProblem(
        setting.variable, Message("setup_number", kind=Message(kind), unit=Message(setting.unit), **words)
    )


def number_problems() -> list[SetupProblem]:
    """The numeric settings (upload size, reading caps) that are set but not valid."""
    return [_number_problem(setting) for setting in NUMBER_SETTINGS if not setting.is_valid()]


def unreadable(variable: str, path: Path, error: Exception) -> SetupProblem:
    """The problem of a configured file that cannot be read (``error`` says why)."""
    if isinstance(error, TableError):
        detail: object = Message(error.key, **error.message_args)
    else:
        detail = getattr(error, "strerror", None) or str(error) or type(error).__name__  # strerror: no path in it
    return SetupProblem(variable, Message("s_unreadable", path=path, detail=detail))


def projects_variable() -> str:
    """The variable that chose the projects file: ``$COUNTYMAP_PROJECTS`` if set, else the data folder."""
    return config.ENV_PROJECTS if os.environ.get(config.ENV_PROJECTS) else config.ENV_DATA_DIR


def _table_problems(variable: str, path: Path, table: Table) -> list[SetupProblem]:
    if not path.is_file():
        return [SetupProblem(variable, Message("s_no_file", path=path))]
    try:
        header = read_header(path)
    except (OSError, TableError) as exc:
        return [unreadable(variable, path, exc)]
    missing = [f.name for f in table.fields if f.required and f.name not in header]
    if missing:
        names = ", ".join(missing[:5])
        return [SetupProblem(variable, Message("s_not_table", path=path, table=table.name, names=names))]
    return []


def geodata_problems(folder: Path, variable: str) -> list[SetupProblem]:
    """The geodata files the map and the checks need that are missing from ``folder``."""
    needed = [Path(rel).name for key, rel in GEODATA_FILES.items() if key != "villages"]
    return [
        SetupProblem(variable, Message("s_missing_geodata", path=folder / name))
        for name in needed
        if not (folder / name).is_file()
    ]


def data_dir_problems(folder: Path | None = None, variable: str = config.ENV_DATA_DIR) -> list[SetupProblem]:
    """Problems of the data folder (default: :func:`countymap.config.data_dir`): geodata and indicators."""
    folder = folder or config.data_dir()
    if not folder.is_dir():
        return [SetupProblem(variable, Message("s_not_folder", path=folder))]
    problems = geodata_problems(folder / "geodata", variable)
    return problems + _table_problems(variable, folder / INDICATORS.path, INDICATORS)


def input_problems(flag: str, path: Path) -> list[SetupProblem]:
    """An input file of a command that does not exist or is not a file."""
    if path.is_file():
        return []
    if not path.exists():
        return [SetupProblem(flag, Message("s_no_file", path=path))]
    return [SetupProblem(flag, Message("setup_not_file", path=path))]


def output_problems(flag: str, path: Path) -> list[SetupProblem]:
    """An output file of a command that cannot be written: a folder, or its folder is missing or read-only."""
    if path.is_dir():
        return [SetupProblem(flag, Message("setup_not_file", path=path))]
    return folder_problems(flag, path.parent) or _writable_problems(flag, path.parent)


def report_problems(path: str | Path | None = None, variable: str = config.ENV_REPORT) -> list[SetupProblem]:
    """A report file that is named (``path``, default ``$COUNTYMAP_REPORT``) and exists but is not the report.

    An absent file is no problem: everything works without the report's own
    words. A file there with another sha256 is a mistake the operator must hear
    about, not a silent "figures not checked".
    """
    named = path or os.environ.get(config.ENV_REPORT)
    if not named or not Path(named).exists():
        return []
    if not Path(named).is_file():
        return [SetupProblem(variable, Message("setup_not_file", path=Path(named)))]
    if report.load_report(named) is None:
        return [SetupProblem(variable, Message("s_report_mismatch", path=Path(named), sha256=report.REPORT_SHA256))]
    return []


def folder_problems(flag: str, folder: Path) -> list[SetupProblem]:
    """A folder a command needs that does not exist or is a file."""
    if folder.is_dir():
        return []
    if folder.exists():
        return [SetupProblem(flag, Message("s_file_not_folder", path=folder))]
    return [SetupProblem(flag, Message("s_not_folder", path=folder))]


def output_folder_problems(flag: str, folder: Path) -> list[SetupProblem]:
    """A folder a command writes into (made with its parents if new): its nearest existing folder must take files."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    return folder_problems(flag, existing) or _writable_problems(flag, existing)


def _writable_problems(flag: str, folder: Path) -> list[SetupProblem]:
    """Whether a file can be made in ``folder``: tried, since permissions tell neither root nor read-only mounts."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return []
    except OSError as exc:
        return [SetupProblem(flag, Message("s_cannot_write", path=folder, reason=exc.strerror))]


def dataset_problems() -> list[SetupProblem]:
    """Problems of ``$COUNTYMAP_DATASETS``: too many folders, or one that is not a dataset, or two of one county.

    Each listed folder needs ``dataset.toml``, the geodata files and a projects table (its
    ``projects.csv``; the data folder's may be replaced by ``$COUNTYMAP_PROJECTS``).
    """
    variable, entries = config.ENV_DATASETS, config.dataset_entries()
    if len(entries) > config.MAX_DATASETS:
        return [SetupProblem(variable, Message("s_too_many_datasets", n=len(entries), most=config.MAX_DATASETS))]
    problems: list[SetupProblem] = []
    seen: dict[str, Path] = {}
    for folder in config.dataset_dirs() if entries else ():
        if not folder.is_dir():
            problems.append(SetupProblem(variable, Message("s_not_folder", path=folder)))
            continue
        try:
            county, _ = read_identity(folder)
        except DatasetError as exc:
            problems.append(SetupProblem(variable, Message("s_dataset_identity", detail=str(exc))))
            continue
        if county.adcode in seen:
            twice = Message("s_county_twice", adcode=county.adcode, path=folder, other=seen[county.adcode])
            problems.append(SetupProblem(variable, twice))
        seen.setdefault(county.adcode, folder)
        problems += geodata_problems(folder / "geodata", variable)
        if not config.is_default_dataset(folder):  # the data folder's table is checked by setup_problems
            problems += _table_problems(variable, folder / PROJECTS.path, PROJECTS)
    return problems


def setup_problems() -> list[SetupProblem]:
    """Every problem with the data folder, the datasets, the projects file, the report and the numeric settings."""
    problems = data_dir_problems()
    problems += _table_problems(projects_variable(), config.projects_path(), PROJECTS)
    return problems + dataset_problems() + report_problems() + number_problems()


def print_problems(problems: list[SetupProblem], lang: str = "zh") -> int:
    """Print what is wrong with a command's settings or inputs, once, to stderr; return exit code 2."""
    lines = [t("cli_setup_problems", lang), *(f"- {p.text(lang)}" for p in problems)]
    print("\n".join(lines), file=sys.stderr)
    return 2
