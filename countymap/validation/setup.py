"""The operator's settings, checked once at start: one clear message per problem, never a traceback.

Each problem names the environment variable (or file) at fault and what to do,
in Chinese and English. The app shows them instead of its pages; the command
line prints them.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

from countymap import config
from countymap.core.schema import GEODATA_FILES, INDICATORS, PROJECTS, Table
from countymap.core.tables import TableError, read_header

DEFAULT_MAX_UPLOAD_MB = 10.0
MAX_UPLOAD_MB_LIMIT = 200.0  # Streamlit refuses larger uploads itself


@dataclass(frozen=True)
class SetupProblem:
    """One thing wrong with how the app was started."""

    variable: str
    message_zh: str
    message_en: str

    def text(self, lang: str = "zh") -> str:
        """``VARIABLE: message`` in ``lang``."""
        return f"{self.variable}: {self.message_zh if lang == 'zh' else self.message_en}"


def max_upload_mb() -> float:
    """``$COUNTYMAP_MAX_UPLOAD_MB`` as a number (the default when unset); see :func:`setup_problems` for checks."""
    raw = os.environ.get(config.ENV_MAX_UPLOAD_MB, "").strip()
    try:
        value = float(raw) if raw else DEFAULT_MAX_UPLOAD_MB
    except ValueError:
        return DEFAULT_MAX_UPLOAD_MB
    return value if math.isfinite(value) and 0 < value <= MAX_UPLOAD_MB_LIMIT else DEFAULT_MAX_UPLOAD_MB


def _upload_limit_problems() -> list[SetupProblem]:
    raw = os.environ.get(config.ENV_MAX_UPLOAD_MB, "").strip()
    if not raw:
        return []
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if math.isfinite(value) and 0 < value <= MAX_UPLOAD_MB_LIMIT:
        return []
    return [
        SetupProblem(
            config.ENV_MAX_UPLOAD_MB,
            f"应为 0 到 {MAX_UPLOAD_MB_LIMIT:g} 之间的数字（兆字节），现为 {raw[:40]!r}",
            f"must be a number of megabytes between 0 and {MAX_UPLOAD_MB_LIMIT:g}, not {raw[:40]!r}",
        )
    ]


def _table_problems(variable: str, path: Path, table: Table) -> list[SetupProblem]:
    if not path.is_file():
        return [SetupProblem(variable, f"找不到文件 {path}", f"no such file: {path}")]
    try:
        header = read_header(path)
    except (OSError, TableError) as exc:
        return [SetupProblem(variable, f"无法读取 {path}：{exc}", f"cannot read {path}: {exc}")]
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


def _data_dir_problems() -> list[SetupProblem]:
    folder, variable = config.data_dir(), config.ENV_DATA_DIR
    if not folder.is_dir():
        return [SetupProblem(variable, f"不是文件夹：{folder}", f"not a folder: {folder}")]
    missing = [
        rel for rel in GEODATA_FILES.values() if rel != GEODATA_FILES["villages"] and not (folder / rel).is_file()
    ]
    problems = [
        SetupProblem(
            variable,
            f"缺少 {folder / rel}（运行 python -m countymap build-geodata）",
            f"missing {folder / rel} (run python -m countymap build-geodata)",
        )
        for rel in missing
    ]
    return problems + _table_problems(variable, folder / INDICATORS.path, INDICATORS)


def setup_problems() -> list[SetupProblem]:
    """Every problem with the data folder, the projects file and the upload limit (empty when all is well)."""
    problems = _data_dir_problems()
    variable = config.ENV_PROJECTS if os.environ.get(config.ENV_PROJECTS) else config.ENV_DATA_DIR
    problems += _table_problems(variable, config.projects_path(), PROJECTS)
    return problems + _upload_limit_problems()
