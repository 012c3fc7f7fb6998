"""Which county a dataset folder maps and which report edition its items come from (``dataset.toml``).

Kept apart from :mod:`countymap.core.dataset` so that a worker process checking
an upload can read it without importing pandas' and geopandas' worth of modules.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from countymap import config
from countymap.schema import YEARS

DATASET_TOML = "dataset.toml"
MAX_TOML_BYTES = 64_000  # a dataset.toml is a few hundred bytes; refuse anything absurd


class DatasetError(ValueError):
    """The dataset folder's ``dataset.toml`` is missing, unreadable or incomplete."""


@dataclass(frozen=True)
class County:
    """The county a dataset maps: its code, names in both languages and geodata folder."""

    adcode: str
    name_zh: str
    name_en: str
    short_zh: str
    short_en: str
    geodata_dir: Path

    def name(self, lang: str, *, short: bool = False) -> str:
        """The county's (short) name in ``lang``."""
        if short:
            return self.short_en if lang == "en" else self.short_zh
        return self.name_en if lang == "en" else self.name_zh


@dataclass(frozen=True)
class Edition:
    """Which report the items come from: its year, date, file name and the file's sha256."""

    year: int
    report_date: str
    report_file: str
    report_sha256: str

    @property
    def years(self) -> tuple[str, ...]:
        """The years its items speak of: the year it reviews and the year it plans (``("2022", "2023")``)."""
        return (str(self.year - 1), str(self.year))


def read_identity(folder: Path | None = None) -> tuple[County, Edition]:
    """The county and edition named by ``folder/dataset.toml`` (default: :func:`countymap.config.data_dir`).

    Raises
    ------
    DatasetError
        When the file is missing, too large, not TOML or lacks a field used here.
    """
    folder = config.data_dir() if folder is None else Path(folder)
    path = folder / DATASET_TOML
    data = _read_toml(path)
    try:
        county, edition = data["county"], data["edition"]
        return (
            County(
                adcode=str(county["adcode"]),
                name_zh=str(county["name_zh"]),
                name_en=str(county["name_en"]),
                short_zh=str(county["short_zh"]),
                short_en=str(county["short_en"]),
                geodata_dir=folder / "geodata",
            ),
            Edition(
                year=int(edition["year"]),
                report_date=str(edition["report_date"]),
                report_file=str(edition["report_file"]),
                report_sha256=str(edition["report_sha256"]),
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DatasetError(f"{path}: [county] or [edition] lacks {exc}") from None


def _read_toml(path: Path) -> dict:
    """``dataset.toml`` as a dict; :class:`DatasetError` when missing, too large or not TOML."""
    try:
        if path.stat().st_size > MAX_TOML_BYTES:
            raise DatasetError(f"{path}: larger than {MAX_TOML_BYTES // 1000} KB")
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DatasetError(f"{path}: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path}: not valid TOML ({exc})") from None


@dataclass(frozen=True)
class Credit:
    """One source a dataset's geodata comes from (a ``[[sources]]`` table of ``dataset.toml``)."""

    name_zh: str
    name_en: str
    licence_zh: str
    licence_en: str
    origin: str

    def name(self, lang: str) -> str:
        """What the source gave, in ``lang``."""
        return self.name_en if lang == "en" else self.name_zh

    def licence(self, lang: str) -> str:
        """Its licence, in ``lang``."""
        return self.licence_en if lang == "en" else self.licence_zh


def read_credits(folder: Path | None = None) -> tuple[Credit, ...]:
    """The ``[[sources]]`` of ``folder/dataset.toml`` (default: the data folder), in their order.

    Raises
    ------
    DatasetError
        As :func:`read_identity`, or when a source lacks a field.
    """
    folder = config.data_dir() if folder is None else Path(folder)
    data = _read_toml(folder / DATASET_TOML)
    try:
        return tuple(
            Credit(*(str(s[key]) for key in ("name_zh", "name_en", "licence_zh", "licence_en", "origin")))
            for s in data.get("sources", [])
        )
    except (KeyError, TypeError) as exc:
        raise DatasetError(f"{folder / DATASET_TOML}: a [[sources]] table lacks {exc}") from None


def edition_years(folder: Path | None = None) -> tuple[str, ...]:
    """The years an edition's items speak of: the year it reviews and the year it plans (``("2022", "2023")``).

    ``folder`` defaults to :func:`countymap.config.dataset_dir`; without a readable
    ``dataset.toml`` there, the embedded edition's years (:data:`countymap.schema.YEARS`).
    """
    path = (config.dataset_dir() if folder is None else Path(folder)) / DATASET_TOML
    try:
        return _edition_years(str(path), path.stat().st_mtime)
    except (OSError, DatasetError):
        return YEARS


@functools.lru_cache(maxsize=64)
def _edition_years(path: str, mtime: float) -> tuple[str, ...]:
    _, edition = read_identity(Path(path).parent)
    return edition.years
