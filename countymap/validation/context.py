"""What a projects file is checked against: geodata names, ids, outline, report."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from shapely.geometry import Point, shape
from shapely.prepared import prep

from countymap.config import data_dir as default_data_dir
from countymap.core.identity import DATASET_TOML, edition_years, read_identity
from countymap.core.report import dataset_report, default_report_path, load_report
from countymap.core.tables import read_raw
from countymap.schema import GEODATA_FILES, PLACES, YEARS

if TYPE_CHECKING:  # an upload's check runs in a fresh process: geopandas would add 0.2-0.6 s to each
    from countymap.core.geodata import Geodata


@dataclass
class ValidationContext:
    """Reference data for validation; every part may be empty (then not checked)."""

    data_dir: Path = field(default_factory=default_data_dir)
    townships: frozenset[str] = frozenset()
    place_coords: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    route_ids: frozenset[str] = frozenset()
    county: object | None = None  # a prepared shapely geometry
    report_text: str | None = None
    years: tuple[str, ...] = YEARS  # the edition's review and plan years (dataset.toml)

    def inside_county(self, lon: float, lat: float) -> bool:
        """True when no outline is known, else whether the point is inside it."""
        return self.county is None or self.county.contains(Point(lon, lat))


def read_report(explicit: str | Path | None = None) -> str | None:
    """Return the report text from ``explicit`` or the default location, if its sha256 matches."""
    return load_report(explicit) if explicit else load_report(default_report_path())


def folder_report(root: Path, explicit: str | Path | None = None) -> str | None:
    """The report of the dataset in ``root``: its ``dataset.toml``'s edition, verified by its sha256.

    A folder without ``dataset.toml`` (a bare geodata folder) is checked against the embedded report.
    """
    if not (root / DATASET_TOML).is_file():
        return read_report(explicit)
    _, edition = read_identity(root)
    return dataset_report(root, edition.report_file, edition.report_sha256, explicit)


def _place_coords(path: Path) -> dict[str, tuple[float | None, float | None]]:
    if not path.is_file():
        return {}
    frame = read_raw(path, PLACES)
    coords = {}
    for row in frame.to_dict("records"):
        lon, lat = row.get("lon", "").strip(), row.get("lat", "").strip()
        coords[row["place_id"]] = (float(lon), float(lat)) if lon and lat else (None, None)
    return coords


# Read with json, not geopandas: every upload is checked in a fresh child process
# (countymap.validation.isolated), where importing geopandas and pyogrio costs
# 0.2-0.6 s (python -c timing on the 2-core dev machine) for three small files.
def _geojson(path: Path) -> dict | None:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def load_context(data_dir: str | Path | None = None, report: str | Path | None = None) -> ValidationContext:
    """Build the context from ``data_dir`` (default: the repo) and its report (:func:`folder_report`)."""
    root = Path(data_dir) if data_dir else default_data_dir()
    townships = _geojson(root / GEODATA_FILES["townships"])
    routes = _geojson(root / GEODATA_FILES["routes"])
    county = _geojson(root / GEODATA_FILES["county"])
    return ValidationContext(
        data_dir=root,
        townships=frozenset(f["properties"]["name_zh"] for f in townships["features"]) if townships else frozenset(),
        place_coords=_place_coords(root / GEODATA_FILES["places"]),
        route_ids=frozenset(f["properties"]["route_id"] for f in routes["features"]) if routes else frozenset(),
        county=prep(shape(county["features"][0]["geometry"])) if county else None,
        report_text=folder_report(root, report),
        years=edition_years(root),
    )


def context_from_geodata(
    geodata: Geodata, report_text: str | None = None, years: tuple[str, ...] = YEARS
) -> ValidationContext:
    """The context of an already loaded :class:`~countymap.core.geodata.Geodata` (the export commands).

    ``years``: the edition's review and plan years (:attr:`countymap.core.identity.Edition.years`).
    """
    places = geodata.places
    coords = {
        row.place_id: (None, None) if pd.isna(row.lon) or pd.isna(row.lat) else (float(row.lon), float(row.lat))
        for row in places.itertuples(index=False)
    }
    return ValidationContext(
        townships=frozenset(f["properties"]["name_zh"] for f in geodata.townships["features"]),
        place_coords=coords,
        route_ids=frozenset(f["properties"]["route_id"] for f in geodata.routes["features"]),
        county=prep(geodata.outline),
        report_text=report_text,
        years=years,
    )
