"""The operator's settings, checked once at start: one clear message per problem, never a traceback.

Each problem names the environment variable (or command-line argument) at
fault and what to do, in Chinese and English. The app shows them instead of
its pages; the commands print them (:func:`print_problems`) and do nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from countymap import config
from countymap.core import limits
from countymap.core.limits import TableError
from countymap.core.schema import GEODATA_FILES, INDICATORS, PROJECTS, Table
from countymap.core.tables import read_header
from countymap.text.strings import t

MAX_UPLOAD_MB = config.NumberSetting(
    config.ENV_MAX_UPLOAD_MB, 10.0, 0.01, 200.0, unit_zh="兆字节", unit_en="megabytes"
)  # Streamlit refuses uploads above 200 MB itself
NUMBER_SETTINGS = (MAX_UPLOAD_MB, *limits.SETTINGS)


@dataclass(frozen=True)
class SetupProblem:
    """One thing wrong with how the app or a command was started."""

    variable: str
    message_zh: str
    message_en: str

    def text(self, lang: str = "zh") -> str:
        """``VARIABLE: message`` in ``lang``."""
        return f"{self.variable}: {self.message_zh if lang == 'zh' else self.message_en}"


def max_upload_mb() -> float:
    """``$COUNTYMAP_MAX_UPLOAD_MB`` as a number (the default when unset); see :func:`setup_problems` for checks."""
    return MAX_UPLOAD_MB.value()


def _plain(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def _number_problem(setting: config.NumberSetting) -> SetupProblem:
    kind = "setup_number_kind_int" if setting.integer else "setup_number_kind_float"
    words = {"lo": _plain(setting.minimum), "hi": _plain(setting.maximum), "raw": repr(setting.raw()[:40])}
    return SetupProblem(
        setting.variable,
        t("setup_number", "zh", kind=t(kind, "zh"), unit=setting.unit_zh, **words),
        t("setup_number", "en", kind=t(kind, "en"), unit=setting.unit_en, **words),
    )


def number_problems() -> list[SetupProblem]:
    """The numeric settings (upload size, reading caps) that are set but not valid."""
    return [_number_problem(setting) for setting in NUMBER_SETTINGS if not setting.is_valid()]


def unreadable(variable: str, path: Path, error: Exception) -> SetupProblem:
    """The problem of a configured file that cannot be read (``error`` says why)."""
    zh = getattr(error, "message_zh", str(error))
    return SetupProblem(variable, f"无法读取 {path}：{zh}", f"cannot read {path}: {error}")


def projects_variable() -> str:
    """The variable that chose the projects file: ``$COUNTYMAP_PROJECTS`` if set, else the data folder."""
    return config.ENV_PROJECTS if os.environ.get(config.ENV_PROJECTS) else config.ENV_DATA_DIR


def _table_problems(variable: str, path: Path, table: Table) -> list[SetupProblem]:
    if not path.is_file():
        return [SetupProblem(variable, f"找不到文件 {path}", f"no such file: {path}")]
    try:
        header = read_header(path)
    except (OSError, TableError) as exc:
        return [unreadable(variable, path, exc)]
    missing = [f.name for f in table.fields if f.required and f.name not in header]
    if missing:
        names = ", ".join(missing[:5])
        return [
            SetupProblem(
                variable,
                f"{path} 不是{table.name}表（缺少列：{names}）",
                f"{path} is not a {table.name} table (missing columns: {names})",
            )
        ]
    return []


def geodata_problems(folder: Path, variable: str) -> list[SetupProblem]:
    """The geodata files the map and the checks need that are missing from ``folder``."""
    needed = [Path(rel).name for key, rel in GEODATA_FILES.items() if key != "villages"]
    return [
        SetupProblem(
            variable,
            f"缺少 {folder / name}（运行 python -m countymap build-geodata）",
            f"missing {folder / name} (run python -m countymap build-geodata)",
        )
        for name in needed
        if not (folder / name).is_file()
    ]


def data_dir_problems(folder: Path | None = None, variable: str = config.ENV_DATA_DIR) -> list[SetupProblem]:
    """Problems of the data folder (default: :func:`countymap.config.data_dir`): geodata and indicators."""
    folder = folder or config.data_dir()
    if not folder.is_dir():
        return [SetupProblem(variable, f"不是文件夹：{folder}", f"not a folder: {folder}")]
    problems = geodata_problems(folder / "geodata", variable)
    return problems + _table_problems(variable, folder / INDICATORS.path, INDICATORS)


def input_problems(flag: str, path: Path) -> list[SetupProblem]:
    """An input file of a command that does not exist or is not a file."""
    if path.is_file():
        return []
    if not path.exists():
        return [SetupProblem(flag, f"找不到文件 {path}", f"no such file: {path}")]
    return [SetupProblem(flag, t("setup_not_file", "zh", path=path), t("setup_not_file", "en", path=path))]


def output_problems(flag: str, path: Path) -> list[SetupProblem]:
    """An output file of a command that cannot be written: a folder, or its folder is missing or read-only."""
    if path.is_dir():
        return [SetupProblem(flag, t("setup_not_file", "zh", path=path), t("setup_not_file", "en", path=path))]
    return folder_problems(flag, path.parent) or _writable_problems(flag, path.parent)


def folder_problems(flag: str, folder: Path) -> list[SetupProblem]:
    """A folder a command needs that does not exist or is a file."""
    if folder.is_dir():
        return []
    if folder.exists():
        return [SetupProblem(flag, f"{folder} 是文件，不是文件夹", f"{folder} is a file, not a folder")]
    return [SetupProblem(flag, f"不是文件夹：{folder}", f"not a folder: {folder}")]


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
        return [
            SetupProblem(
                flag,
                f"无法在 {folder} 中写入文件（{exc.strerror}）",
                f"cannot write files in {folder} ({exc.strerror})",
            )
        ]


def setup_problems() -> list[SetupProblem]:
    """Every problem with the data folder, the projects file and the numeric settings (empty when all is well)."""
    problems = data_dir_problems()
    problems += _table_problems(projects_variable(), config.projects_path(), PROJECTS)
    return problems + number_problems()


def print_problems(problems: list[SetupProblem], lang: str = "zh") -> int:
    """Print what is wrong with a command's settings or inputs, once, to stderr; return exit code 2."""
    lines = [t("cli_setup_problems", lang), *(f"- {p.text(lang)}" for p in problems)]
    print("\n".join(lines), file=sys.stderr)
    return 2
