"""WGS-84 <-> GCJ-02 ("Mars coordinates") for Gaode basemaps.

Gaode (AMap) tiles are drawn in GCJ-02, an obfuscated datum that is shifted
by a few hundred metres from WGS-84 inside mainland China. The forward
formula below is the widely published one (Krasovsky ellipsoid constants);
the inverse has no closed form, so it is solved by fixed-point iteration
until the round trip is well under a metre. Outside China no shift applies.
"""

from __future__ import annotations

import math
from typing import Any

_A = 6378245.0  # Krasovsky 1940 semi-major axis, as used by the GCJ-02 formula
_EE = 0.00669342162296594323  # its first eccentricity squared
_INVERSE_TOLERANCE_DEG = 1e-9  # ~0.1 mm
_INVERSE_MAX_STEPS = 30


def outside_china(lon: float, lat: float) -> bool:
    """Rough bounding box test used by every public GCJ-02 implementation."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def _offset(lon: float, lat: float) -> tuple[float, float]:
    """Return the GCJ-02 shift (dlon, dlat) in degrees at a WGS-84 point."""
    dlat = _transform_lat(lon - 105.0, lat - 35.0)
    dlon = _transform_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """Convert a WGS-84 point to GCJ-02 (unchanged outside China)."""
    if outside_china(lon, lat):
        return lon, lat
    dlon, dlat = _offset(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """Convert a GCJ-02 point back to WGS-84 by iterating the forward formula.

    Each step moves the guess by the remaining error; the shift varies
    slowly, so a handful of steps reach sub-millimetre agreement.
    """
    if outside_china(lon, lat):
        return lon, lat
    guess_lon, guess_lat = lon, lat
    for _ in range(_INVERSE_MAX_STEPS):
        fwd_lon, fwd_lat = wgs84_to_gcj02(guess_lon, guess_lat)
        err_lon, err_lat = fwd_lon - lon, fwd_lat - lat
        guess_lon, guess_lat = guess_lon - err_lon, guess_lat - err_lat
        if abs(err_lon) < _INVERSE_TOLERANCE_DEG and abs(err_lat) < _INVERSE_TOLERANCE_DEG:
            break
    return guess_lon, guess_lat


def _map_coords(coords: Any, func) -> Any:
    """Apply ``func(lon, lat)`` to every position in a nested coordinate list."""
    if coords and isinstance(coords[0], (int, float)):
        lon, lat = func(coords[0], coords[1])
        return [lon, lat, *coords[2:]]
    return [_map_coords(part, func) for part in coords]


def transform_geometry(geometry: dict | None, func=wgs84_to_gcj02) -> dict | None:
    """Return a copy of a GeoJSON geometry with every position converted."""
    if geometry is None:
        return None
    if geometry.get("type") == "GeometryCollection":
        parts = [transform_geometry(g, func) for g in geometry.get("geometries", [])]
        return {**geometry, "geometries": parts}
    return {**geometry, "coordinates": _map_coords(geometry["coordinates"], func)}


def transform_geojson(data: dict, func=wgs84_to_gcj02) -> dict:
    """Return a copy of a GeoJSON object (collection, feature or geometry) converted."""
    kind = data.get("type")
    if kind == "FeatureCollection":
        return {**data, "features": [transform_geojson(f, func) for f in data.get("features", [])]}
    if kind == "Feature":
        return {**data, "geometry": transform_geometry(data.get("geometry"), func)}
    return transform_geometry(data, func)
