"""GeoJSON and CSV helpers shared by the geodata build: rounding, features, stable dumps.

Layers are GeoDataFrames; :func:`dump_frame` writes one with geopandas'
``iterfeatures`` in the build's stable layout (one feature per line, keys in
column order, no ids), so that the same inputs give the same bytes.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import mapping

DECIMALS = 5  # about 1 m: finer than any source we have, and keeps the files small
WGS84 = "EPSG:4326"


def round_geometry(geometry, decimals: int = DECIMALS):
    """Round every coordinate to ``decimals`` places (about 1 m at 5)."""
    return shapely.transform(geometry, lambda xy: np.round(xy, decimals))


def feature(geometry, properties: dict) -> dict:
    """Return a GeoJSON Feature with rounded coordinates."""
    return {"type": "Feature", "properties": properties, "geometry": mapping(round_geometry(geometry))}


def frame(rows: list[dict], geometries: list, columns: list[str]) -> gpd.GeoDataFrame:
    """A WGS-84 GeoDataFrame of ``rows`` (property dicts) in ``columns`` order; geometries rounded, ``None`` kept."""
    rounded = [None if g is None else round_geometry(g) for g in geometries]
    data = {name: [row[name] for row in rows] for name in columns}
    return gpd.GeoDataFrame({**data, "geometry": rounded}, geometry="geometry", crs=WGS84)


def _dump_features(features: list[dict]) -> str:
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    body = ",\n".join(lines)
    return '{"type":"FeatureCollection","features":[\n' + body + ("\n" if lines else "") + "]}\n"


def dump_frame(layer: gpd.GeoDataFrame) -> str:
    """Serialise a GeoDataFrame deterministically, one feature per line (null geometry for a missing one)."""
    return _dump_features(list(layer.iterfeatures(na="null", drop_id=True)))


def dump_collection(collection: dict) -> str:
    """Serialise a FeatureCollection dict the same way as :func:`dump_frame`."""
    return _dump_features(collection["features"])


MAX_CURATED_BYTES = 5_000_000  # a curated CSV holds tens of rows; anything this large is not one


def read_csv(path: Path, columns: tuple[str, ...] = ()) -> list[dict]:
    """Read a curated UTF-8 CSV into dicts (empty list if absent), bounded and with ``columns`` required.

    Raises ``ValueError`` naming the file for a file too large, not UTF-8, or missing a column.
    """
    if not path.exists():
        return []
    if not path.is_file() or path.stat().st_size > MAX_CURATED_BYTES:
        raise ValueError(f"{path}: not a file of at most {MAX_CURATED_BYTES // 1_000_000} MB")
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as error:
        raise ValueError(f"{path}: not a UTF-8 CSV file ({error})") from None
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    return [{key: value or "" for key, value in row.items() if key is not None} for row in rows]
