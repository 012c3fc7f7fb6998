"""Where each project is drawn, and how precisely.

Rules (``drawn_precision`` is what the map shows, which can be weaker than the
data's ``precision`` when a coordinate is missing):

* ``exact`` / ``approximate``: the places' own lon/lat (one point per place).
* ``township``: one point per township, spread on a small sunflower pattern
  (600-1500 m) around the township seat so that points never stack; these
  are flagged as township-level, never presented as a site.
* ``line``: the route LineString(s) named in ``place_ids``.
* ``county``: no geometry; listed beside the map.

A site or route without coordinates falls back to its townships, and a
project without any locatable township to ``county``; ``note`` says why with
a code: ``fallback_site`` (its places have no coordinates), ``fallback_route``
(its route is not in routes.geojson) or ``no_township``; ``""`` otherwise.

Coordinates come out rounded to 5 decimals (about 1 m).
"""

from __future__ import annotations

import math
from collections import namedtuple
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from countymap.core.geodata import Geodata

RING_MIN_M = 600.0
RING_MAX_M = 1500.0
GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
METRES_PER_DEG_LAT = 111_320.0
PLACEMENT_COLUMNS = ["id", "geometry", "drawn_precision", "note"]
PLACEMENT_INPUTS = ["id", "precision", "place_ids", "townships"]
COORD_DIGITS = 5  # about 1 m: finer than any position the data knows, and a smaller page


@dataclass(frozen=True)
class TownshipSeat:
    """A township seat: official name, code and WGS-84 position."""

    name_zh: str
    code: str
    lon: float
    lat: float


_NAN = float("nan")


def _column_values(column: pd.Series) -> list:
    values = column.tolist()
    if column.dtype.kind == "f":
        # One shared NaN object: NaN != NaN, but tuples compare members by
        # identity first, so equal rows stay equal (and usable as dict keys).
        values = [_NAN if v != v else v for v in values]
    return values


def fast_rows(frame: pd.DataFrame) -> Iterator:
    """Rows as named tuples, much faster than ``itertuples`` on Arrow-backed strings."""
    row_type = namedtuple("Row", list(frame.columns), rename=True)
    return (row_type(*values) for values in zip(*(_column_values(frame[c]) for c in frame.columns), strict=True))


def seat_index(townships: pd.DataFrame) -> dict[str, TownshipSeat]:
    """Map every official name, short name and alias to its township seat."""
    index: dict[str, TownshipSeat] = {}
    for row in townships.itertuples(index=False):
        if pd.isna(row.lon) or pd.isna(row.lat):
            continue  # a seat we could not place is not guessed here
        seat = TownshipSeat(row.name_zh, str(row.code), float(row.lon), float(row.lat))
        names = [row.name_zh, getattr(row, "short_zh", ""), *getattr(row, "aliases", ())]
        for name in names:
            if name:
                index.setdefault(str(name), seat)
    return index


def spread_offset(rank: int, count: int, seed: int) -> tuple[float, float]:
    """Offset in metres (east, north) of the ``rank``-th of ``count`` points.

    A sunflower (Vogel) pattern between :data:`RING_MIN_M` and
    :data:`RING_MAX_M`: equal area per point, so no two points coincide.
    """
    fraction = math.sqrt((rank + 0.5) / max(count, 1))
    radius = RING_MIN_M + (RING_MAX_M - RING_MIN_M) * fraction
    angle = rank * GOLDEN_ANGLE + (seed % 360) * math.pi / 180.0
    return radius * math.cos(angle), radius * math.sin(angle)


def offset_lonlat(lon: float, lat: float, east_m: float, north_m: float) -> list[float]:
    """Move a point by metres (a local flat approximation, fine at 1.5 km)."""
    dlat = north_m / METRES_PER_DEG_LAT
    dlon = east_m / (METRES_PER_DEG_LAT * math.cos(math.radians(lat)))
    return [round(lon + dlon, COORD_DIGITS), round(lat + dlat, COORD_DIGITS)]


def _point_geometry(points: list[list[float]]) -> dict | None:
    if not points:
        return None
    if len(points) == 1:
        return {"type": "Point", "coordinates": points[0]}
    return {"type": "MultiPoint", "coordinates": points}


def _site_points(place_ids, places: dict[str, tuple[float, float, str]]) -> tuple[list, bool]:
    """Coordinates of the located places and whether any of them is approximate."""
    points, approximate = [], False
    for pid in place_ids:
        found = places.get(pid)
        if found is not None:
            points.append([found[0], found[1]])
            approximate = approximate or found[2] != "exact"
    return points, approximate


def _route_lines(place_ids, routes: dict[str, dict]) -> dict | None:
    lines = []
    for rid in place_ids:
        geometry = routes.get(rid)
        if geometry is None:
            continue
        if geometry["type"] == "LineString":
            lines.append(geometry["coordinates"])
        elif geometry["type"] == "MultiLineString":
            lines.extend(geometry["coordinates"])
    if not lines:
        return None
    if len(lines) == 1:
        return {"type": "LineString", "coordinates": lines[0]}
    return {"type": "MultiLineString", "coordinates": lines}


def _round_coords(coords, digits: int = COORD_DIGITS):
    if coords and isinstance(coords[0], (int, float)):
        return [round(c, digits) for c in coords]
    return [_round_coords(c, digits) for c in coords]


def _lookup_tables(places: pd.DataFrame, routes: dict) -> tuple[dict, dict]:
    """Located places and route geometries by id, rounded once here rather than per project."""
    located = {}
    for row in places.itertuples(index=False):
        if not (pd.isna(row.lon) or pd.isna(row.lat)):
            lon, lat = round(float(row.lon), COORD_DIGITS), round(float(row.lat), COORD_DIGITS)
            located[row.place_id] = (lon, lat, str(row.precision))
    route_geoms = {}
    for feature in routes.get("features", []):
        rid = (feature.get("properties") or {}).get("route_id")
        geometry = feature.get("geometry")
        if rid and geometry:
            route_geoms[rid] = {"type": geometry["type"], "coordinates": _round_coords(geometry["coordinates"])}
    return located, route_geoms


def _first_pass(project, located: dict, route_geoms: dict) -> tuple[dict | None, str, str]:
    """Geometry for sites and lines; ``None`` + "township" means: spread later."""
    precision = project.precision
    if precision in ("exact", "approximate"):
        points, approximate = _site_points(project.place_ids, located)
        if points:
            drawn = "approximate" if approximate or precision == "approximate" else "exact"
            return _point_geometry(points), drawn, ""
        return None, "township", "fallback_site"
    if precision == "line":
        geometry = _route_lines(project.place_ids, route_geoms)
        if geometry is not None:
            return geometry, "line", ""
        return None, "township", "fallback_route"
    if precision == "township":
        return None, "township", ""
    return None, "county", ""


def place_projects(projects: pd.DataFrame, geodata: Geodata) -> pd.DataFrame:
    """Return one row per project: ``id``, ``geometry`` (GeoJSON or None), ``drawn_precision``, ``note``.

    Township-level points are ranked by (project id, township code) around
    each seat, so the same frame always gives the same picture.
    """
    located, route_geoms = _lookup_tables(geodata.places, geodata.routes)
    seats = seat_index(geodata.seats)
    rows, pending = [], []
    for project in fast_rows(projects[PLACEMENT_INPUTS]):
        geometry, drawn, note = _first_pass(project, located, route_geoms)
        rows.append({"id": project.id, "geometry": geometry, "drawn_precision": drawn, "note": note})
        if geometry is None and drawn == "township":
            pending.append((len(rows) - 1, project))
    _spread_township_points(rows, pending, seats)
    return pd.DataFrame({column: [row[column] for row in rows] for column in PLACEMENT_COLUMNS})


def _spread_township_points(rows: list[dict], pending: list, seats: dict[str, TownshipSeat]) -> None:
    """Give each pending project one point per known township, spread around the seat.

    Points are ranked per seat *position*, not per township: two townships
    whose seats share a point (e.g. both county-town subdistricts) share one
    sunflower, so their points cannot coincide either.
    """
    by_towns: dict[tuple, list[TownshipSeat]] = {}  # few distinct township lists: resolve each once
    located = []
    for row_index, project in pending:
        towns = tuple(project.townships)
        if towns not in by_towns:
            by_towns[towns] = _project_seats(project, seats)
        located.append((row_index, project.id, by_towns[towns]))
    members: dict[tuple[float, float], set[tuple[str, str]]] = {}
    for _, project_id, project_seats in located:
        for seat in project_seats:
            members.setdefault((seat.lon, seat.lat), set()).add((project_id, seat.code))
    position: dict[tuple[str, str], list[float]] = {}
    for (lon, lat), group in members.items():
        seed = round(lon * 1000 + lat * 1000)  # fixed per position
        for rank, member in enumerate(sorted(group)):
            east, north = spread_offset(rank, len(group), seed)
            position[member] = offset_lonlat(lon, lat, east, north)
    for row_index, project_id, project_seats in located:
        points = [position[(project_id, seat.code)] for seat in project_seats]
        row = rows[row_index]
        row["geometry"] = _point_geometry(points)
        if not points:
            row["drawn_precision"] = "county"
            row["note"] = "no_township"


def _project_seats(project, seats: dict[str, TownshipSeat]) -> list[TownshipSeat]:
    """The distinct located seats of a project's townships (aliases resolved)."""
    found: dict[str, TownshipSeat] = {}
    for name in project.townships:
        seat = seats.get(name)
        if seat is not None:
            found.setdefault(seat.code, seat)
    return list(found.values())


def undrawn(projects: pd.DataFrame, geodata: Geodata) -> pd.DataFrame:
    """The projects the map cannot draw (county-wide, or no place known): listed beside the map instead.

    This is the one definition of "not on the map"; the map, its list and the
    exports all use it.
    """
    placement = place_projects(projects, geodata)
    ids = set(placement.loc[placement["drawn_precision"] == "county", "id"])
    return projects[projects["id"].isin(ids)]
