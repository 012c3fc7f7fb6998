"""Small GeoJSON/CSV helpers shared by the geodata build: rounding, features, stable dumps."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping

DECIMALS = 5  # about 1 m: finer than any source we have, and keeps the files small


def round_geometry(geometry, decimals: int = DECIMALS):
    """Round every coordinate to ``decimals`` places (about 1 m at 5)."""
    return shapely.transform(geometry, lambda xy: np.round(xy, decimals))


def feature(geometry, properties: dict) -> dict:
    """Return a GeoJSON Feature with rounded coordinates."""
    return {"type": "Feature", "properties": properties, "geometry": mapping(round_geometry(geometry))}


def read_csv(path: Path) -> list[dict]:
    """Read a UTF-8 CSV into dicts (empty list if the file does not exist)."""
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def dump_collection(collection: dict) -> str:
    """Serialise a FeatureCollection deterministically, one feature per line."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    body = ",\n".join(lines)
    return '{"type":"FeatureCollection","features":[\n' + body + ("\n" if lines else "") + "]}\n"
