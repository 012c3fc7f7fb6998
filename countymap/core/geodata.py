"""The geographic context, read from ``geodata/``: county, neighbours, township seats, places, routes.

The files are produced by ``python -m countymap build-geodata`` (see
``geodata/PROVENANCE.md`` for their sources and how each seat was placed). All
coordinates are WGS-84 longitude/latitude. A missing file is an error with the
command that builds it, never an empty layer that would hide the problem.

Each GeoJSON layer is read once into a GeoDataFrame (geopandas, its features
made by shapely; :func:`read_layer`); the map's Leaflet layers take the same
layer as a GeoJSON mapping, written from that frame (identical to the file's
features: ``tests/test_geopackage.py``). Read with pyogrio, as it was until
2026-12-05, GDAL's loading cost about 30 MB resident once per process; the
20,000-item app run of ``python -m countymap bench`` (``PYTHONMALLOC=malloc``)
peaked at 376 MB that way and at about 345 MB this way.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely import prepared
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

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


WGS84 = "EPSG:4326"
LAYERS = ("county", "neighbors", "townships", "routes", "areas", "rivers")  # keys of GEODATA_FILES


def _missing(path: Path) -> GeodataMissingError:
    return GeodataMissingError(f"{path} is missing: run `python -m countymap build-geodata`")


def _read_json(path: Path) -> dict:
    if not path.is_file():
        raise _missing(path)
    return json.loads(path.read_text(encoding="utf-8"))


def read_layer(path: Path) -> gpd.GeoDataFrame:
    """One GeoJSON layer as a GeoDataFrame (WGS-84, as GeoJSON always is), its features made by shapely.

    ``GeoDataFrame.from_features``, not ``gpd.read_file``: the files are a few
    kilobytes, and pyogrio would load GDAL for them (see the module's note);
    GDAL is loaded only when a GeoPackage is written.
    """
    return gpd.GeoDataFrame.from_features(_read_json(path), crs=WGS84)


def collection(layer: gpd.GeoDataFrame) -> dict:
    """A layer as a GeoJSON FeatureCollection mapping (what Leaflet draws); a feature without a place has a null geometry."""
    return json.loads(layer.to_json(drop_id=True))


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


def _layer_property(key: str, doc: str) -> property:
    """A layer of :class:`Geodata` as a GeoJSON FeatureCollection mapping, written once and kept."""
    return property(lambda self: self._collection(key), doc=doc)


@dataclass
class Geodata:
    """Everything geographic the map and the checks need.

    Attributes
    ----------
    layers : dict of str to geopandas.GeoDataFrame
        The GeoJSON layers by their key in :data:`~countymap.schema.GEODATA_FILES` (:data:`LAYERS`).
    places : pandas.DataFrame
        Typed ``geodata/places.csv`` (``lon``/``lat`` NaN when unknown).

    ``county``, ``neighbors``, ``townships`` (one Point per township seat),
    ``routes``, ``township_areas`` and ``rivers`` are the same layers as
    GeoJSON FeatureCollection mappings, written once and kept.
    """

    layers: dict[str, gpd.GeoDataFrame]
    places: pd.DataFrame
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def _collection(self, key: str) -> dict:
        if key not in self._cache:
            self._cache[key] = collection(self.layers[key])
        return self._cache[key]

    county = _layer_property("county", "The county outline (one feature).")
    neighbors = _layer_property("neighbors", "The surrounding counties.")
    townships = _layer_property("townships", "The township seats, one Point each (null where no source gives it).")
    routes = _layer_property("routes", "Schematic lines of roads, rail, power lines and pipelines.")
    township_areas = _layer_property("areas", "The approximate township areas (never official boundaries).")
    rivers = _layer_property("rivers", "Named rivers, approximate courses.")

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
            self._cache["outline"] = self.layers["county"].geometry.union_all()
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
    return Geodata(layers={key: read_layer(path[key]) for key in LAYERS}, places=load_table(path["places"], PLACES))


@functools.lru_cache(maxsize=8)
def _township_names(townships_path: str) -> tuple[str, ...]:
    collection = _read_json(Path(townships_path))
    return tuple(seats_table(collection)["name_zh"])


def township_names(directory: str | Path | None = None) -> tuple[str, ...]:
    """The official township names in code order, from ``townships.geojson`` (read once per folder)."""
    base = Path(directory) if directory else config.geodata_dir()
    return _township_names(str((base / Path(GEODATA_FILES["townships"]).name).resolve()))
