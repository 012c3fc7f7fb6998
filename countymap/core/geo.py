"""Read-side helpers for the built geodata (no Streamlit, cached per directory).

The files are produced by ``python -m countymap build-geodata``; see
``geodata/BUILD_REPORT.md`` for their sources and for how each seat was placed.
Cached objects are shared between callers: treat them as read-only.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pandas as pd
from shapely import prepared
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from countymap.config import REPO_ROOT
from countymap.core import schema

DEFAULT_GEODATA = REPO_ROOT / "geodata"
TOWNSHIP_COLUMNS = ["name_zh", "short_zh", "name_en", "kind", "code", "aliases", "lon", "lat", "source", "precision"]


@functools.lru_cache(maxsize=32)
def _load(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_geojson(path: str | Path) -> dict:
    """Return the parsed GeoJSON at ``path`` (cached; do not mutate it)."""
    return _load(str(Path(path).resolve()))


@functools.lru_cache(maxsize=8)
def _county(geodata_dir: str) -> BaseGeometry:
    collection = load_geojson(Path(geodata_dir) / "county.geojson")
    return unary_union([shape(f["geometry"]) for f in collection["features"]])


def county_polygon(geodata_dir: str | Path = DEFAULT_GEODATA) -> BaseGeometry:
    """Return the county outline (WGS-84 lon/lat) as one shapely geometry."""
    return _county(str(Path(geodata_dir).resolve()))


@functools.lru_cache(maxsize=8)
def _prepared_county(geodata_dir: str):
    return prepared.prep(_county(geodata_dir))


def point_in_county(lon: float, lat: float, geodata_dir: str | Path = DEFAULT_GEODATA) -> bool:
    """Return whether (lon, lat) lies inside the county outline.

    The outline is generalised (errors up to ~1 km): do not decide the county of
    a point that close to the border from this alone.
    """
    return bool(_prepared_county(str(Path(geodata_dir).resolve())).contains(Point(lon, lat)))


@functools.lru_cache(maxsize=8)
def _townships(geodata_dir: str) -> pd.DataFrame:
    collection = load_geojson(Path(geodata_dir) / "townships.geojson")
    rows = []
    for item in collection["features"]:
        props = dict(item["properties"])
        props["aliases"] = tuple(a for a in props.get("aliases", "").split(schema.MULTI_SEP) if a)
        props["lon"], props["lat"] = item["geometry"]["coordinates"]
        rows.append(props)
    return pd.DataFrame(rows, columns=TOWNSHIP_COLUMNS).sort_values("code", ignore_index=True)


def townships_frame(geodata_dir: str | Path = DEFAULT_GEODATA) -> pd.DataFrame:
    """Return one row per township seat with TOWNSHIP_COLUMNS (a copy, safe to modify)."""
    return _townships(str(Path(geodata_dir).resolve())).copy()
