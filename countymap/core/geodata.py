"""The geographic context, read from ``geodata/``: county, neighbours, township seats, places, routes.

The files are produced by ``python -m countymap build-geodata`` (see
``geodata/PROVENANCE.md`` for their sources and how each seat was placed). All
coordinates are WGS-84 longitude/latitude. A missing file is an error with the
command that builds it, never an empty layer that would hide the problem.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from shapely import prepared
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from countymap import config
from countymap.core.tables import load_table
from countymap.schema import GEODATA_FILES, MULTI_SEP, PLACES

SEAT_COLUMNS = ["name_zh", "short_zh", "name_en", "kind", "code", "aliases", "lon", "lat", "source", "precision"]


@dataclass(frozen=True)
class TownshipArea:
    """An approximate township area (see ``geodata/PROVENANCE.md``): never an official boundary.

    ``townships`` holds more than one name where seats share a point (their
    boundary is unknown). ``label_lon``/``label_lat`` is the centre of the
    largest circle inside the area and ``inscribed_m`` its radius in metres.
    """

    index: int
    townships: tuple[str, ...]
    label_lon: float
    label_lat: float
    inscribed_m: float
    geometry: dict


class GeodataMissingError(FileNotFoundError):
    """A geodata file the app needs is not there."""


def _read_json(path: Path) -> dict:
    if not path.is_file():
        raise GeodataMissingError(f"{path} is missing: run `python -m countymap build-geodata`")
    return json.loads(path.read_text(encoding="utf-8"))


def seats_table(townships: dict) -> pd.DataFrame:
    """One row per township seat (:data:`SEAT_COLUMNS`; ``aliases`` a tuple; ``lon``/``lat`` NaN when unknown), in code order."""
    rows = []
    for feature in townships.get("features", []):
        props = dict(feature.get("properties") or {})
        row = {key: props.get(key, "") for key in SEAT_COLUMNS[:5] + SEAT_COLUMNS[-2:]}
        aliases = props.get("aliases", "")
        row["aliases"] = (
            tuple(aliases) if isinstance(aliases, list | tuple) else tuple(a for a in aliases.split(MULTI_SEP) if a)
        )
        geometry = feature.get("geometry")  # null for a township whose seat no source gives (seat_unknown)
        row["lon"], row["lat"] = (float(c) for c in geometry["coordinates"][:2]) if geometry else (math.nan, math.nan)
        rows.append(row)
    return pd.DataFrame(rows, columns=SEAT_COLUMNS).sort_values("code", ignore_index=True)


@dataclass
class Geodata:
    """Everything geographic the map and the checks need.

    Attributes
    ----------
    county, neighbors, townships, routes : dict
        GeoJSON FeatureCollections (townships: one Point per township seat).
    places : pandas.DataFrame
        Typed ``geodata/places.csv`` (``lon``/``lat`` NaN when unknown).
    """

    county: dict
    neighbors: dict
    townships: dict
    places: pd.DataFrame
    routes: dict
    township_areas: dict
    rivers: dict
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def seats(self) -> pd.DataFrame:
        """Township seats as a table (see :func:`seats_table`); computed once, treat as read-only."""
        if "seats" not in self._cache:
            self._cache["seats"] = seats_table(self.townships)
        return self._cache["seats"]

    @property
    def areas(self) -> list[TownshipArea]:
        """The approximate township areas, in file order."""
        if "areas" not in self._cache:
            self._cache["areas"] = [
                TownshipArea(
                    index=index,
                    townships=tuple(p["townships"].split(MULTI_SEP)),
                    label_lon=float(p["label_lon"]),
                    label_lat=float(p["label_lat"]),
                    inscribed_m=float(p["inscribed_m"]),
                    geometry=feature["geometry"],
                )
                for index, feature in enumerate(self.township_areas["features"])
                for p in [feature["properties"]]
            ]
        return self._cache["areas"]

    @property
    def area_of(self) -> dict[str, TownshipArea]:
        """Every official name, short name and former name -> its township's area."""
        if "area_of" not in self._cache:
            by_name = {name: area for area in self.areas for name in area.townships}
            index = dict(by_name)
            for row in self.seats.itertuples(index=False):
                area = by_name.get(row.name_zh)
                for other in (row.short_zh, *row.aliases):
                    if area is not None and other:
                        index.setdefault(other, area)
            self._cache["area_of"] = index
        return self._cache["area_of"]

    @property
    def outline(self) -> BaseGeometry:
        """The county outline as one shapely geometry."""
        if "outline" not in self._cache:
            self._cache["outline"] = unary_union([shape(f["geometry"]) for f in self.county["features"]])
        return self._cache["outline"]

    def inside_county(self, lon: float, lat: float) -> bool:
        """Whether (lon, lat) lies inside the outline.

        The outline is generalised (errors up to ~1 km): do not decide the county
        of a point that close to the border from this alone.
        """
        if "prepared" not in self._cache:
            self._cache["prepared"] = prepared.prep(self.outline)
        return bool(self._cache["prepared"].contains(Point(lon, lat)))


def load_geodata(directory: str | Path | None = None) -> Geodata:
    """Load the geodata files from ``directory`` (default: :func:`countymap.config.geodata_dir`)."""
    base = Path(directory) if directory else config.geodata_dir()
    path = {key: base / Path(rel).name for key, rel in GEODATA_FILES.items()}
    if not path["places"].is_file():
        raise GeodataMissingError(f"{path['places']} is missing")
    return Geodata(
        county=_read_json(path["county"]),
        neighbors=_read_json(path["neighbors"]),
        townships=_read_json(path["townships"]),
        places=load_table(path["places"], PLACES),
        routes=_read_json(path["routes"]),
        township_areas=_read_json(path["areas"]),
        rivers=_read_json(path["rivers"]),
    )


@functools.lru_cache(maxsize=8)
def _township_names(townships_path: str) -> tuple[str, ...]:
    collection = _read_json(Path(townships_path))
    return tuple(seats_table(collection)["name_zh"])


def township_names(directory: str | Path | None = None) -> tuple[str, ...]:
    """The official township names in code order, from ``townships.geojson`` (read once per folder)."""
    base = Path(directory) if directory else config.geodata_dir()
    return _township_names(str((base / Path(GEODATA_FILES["townships"]).name).resolve()))
