"""The geographic context the map draws: county, neighbours, townships, places, routes.

:class:`Geodata` bundles the files under ``geodata/`` (property names are
defined in :mod:`countymap.core.schema`). Missing files give empty layers instead
of errors, so the map still works while the data is being assembled.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from shapely.geometry import shape

from countymap.core.schema import GEODATA_FILES, PLACE_FIELDS
from countymap.core.tables import load_places, split_list

EMPTY_COLLECTION: dict = {"type": "FeatureCollection", "features": []}
TOWNSHIP_COLUMNS = ["name_zh", "short_zh", "name_en", "kind", "code", "aliases", "lon", "lat"]


def _empty_places() -> pd.DataFrame:
    return pd.DataFrame(columns=[f.name for f in PLACE_FIELDS])


@dataclass
class Geodata:
    """Everything geographic the map needs, all in WGS-84.

    Attributes
    ----------
    county, neighbors, townships, routes : dict
        GeoJSON FeatureCollections (townships: one Point per township seat).
    places : pandas.DataFrame
        Typed ``geodata/places.csv`` (``lon``/``lat`` NaN when unknown).
    """

    county: dict = field(default_factory=lambda: dict(EMPTY_COLLECTION))
    neighbors: dict = field(default_factory=lambda: dict(EMPTY_COLLECTION))
    townships: dict = field(default_factory=lambda: dict(EMPTY_COLLECTION))
    places: pd.DataFrame = field(default_factory=_empty_places)
    routes: dict = field(default_factory=lambda: dict(EMPTY_COLLECTION))

    def township_frame(self) -> pd.DataFrame:
        """One row per township: names, code, aliases (tuple) and seat lon/lat."""
        return township_frame(self.townships)


def _seat_point(geometry: dict | None) -> tuple[float, float]:
    """Seat coordinates of a township feature (a Point; else a point inside it)."""
    if not geometry:
        return float("nan"), float("nan")
    if geometry.get("type") == "Point":
        lon, lat = geometry["coordinates"][:2]
        return float(lon), float(lat)
    point = shape(geometry).representative_point()
    return point.x, point.y


def _as_tuple(value: object) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value if str(v).strip())
    return split_list(value) if value else ()


def township_frame(townships: dict) -> pd.DataFrame:
    """Flatten a townships FeatureCollection into a frame (see :class:`Geodata`)."""
    rows = []
    for feature in townships.get("features", []):
        props = feature.get("properties") or {}
        lon, lat = _seat_point(feature.get("geometry"))
        row = {key: props.get(key, "") for key in TOWNSHIP_COLUMNS[:5]}
        row.update(aliases=_as_tuple(props.get("aliases")), lon=lon, lat=lat)
        rows.append(row)
    return pd.DataFrame(rows, columns=TOWNSHIP_COLUMNS)


def _read_json(path: Path) -> dict:
    if not path.exists():
        return dict(EMPTY_COLLECTION)
    return json.loads(path.read_text(encoding="utf-8"))


def load_geodata(directory: str | Path) -> Geodata:
    """Load the geodata files from ``directory`` (the repository's ``geodata/``)."""
    base = Path(directory)
    names = {key: Path(rel).name for key, rel in GEODATA_FILES.items()}
    places_path = base / names["places"]
    places = load_places(places_path) if places_path.exists() else _empty_places()
    return Geodata(
        county=_read_json(base / names["county"]),
        neighbors=_read_json(base / names["neighbors"]),
        townships=_read_json(base / names["townships"]),
        places=places,
        routes=_read_json(base / names["routes"]),
    )
