"""Where each project is drawn, and how precisely.

Rules (``drawn_precision`` is what the map shows, which can be weaker than the
data's ``precision`` when a coordinate is missing):

* ``exact`` / ``approximate``: the places' own lon/lat (one point per place).
* ``township``: one point per township, spread on a sunflower pattern inside
  the largest circle that fits in the township's approximate area (never
  outside the area or the county); flagged as township-level, never a site.
* ``line``: the route LineString(s) named in ``place_ids``.
* ``inferred``: a township (or a line's ends) guessed from the item's name
  alone: the route if ``place_ids`` names one, else township points as for
  ``township``; drawn in a style of its own, never like a cited placement.
* ``county``: county-wide by nature; ``unknown``: a named site nobody has
  placed yet. Neither has a geometry; both are listed beside the map.

A site or route without coordinates falls back to its townships, and a
project without any locatable township to its own precision's list; ``note``
says why with a code: ``fallback_site`` (its places have no coordinates),
``fallback_route`` (its route is not in routes.geojson) or ``no_township``.
``areas`` holds the indexes of the approximate township areas an item touches
(what the township badges count).

No spatial join is needed here: an item's areas come from the townships it
names (``townships``, matched by name to the areas of
:attr:`~countymap.core.geodata.Geodata.area_of`), never from where its point
falls, so a point spread near a border is never counted in the neighbour's
badge. The geodata build is where geometry decides membership (seats in
Voronoi cells, with a geopandas ``sjoin``).

Coordinates come out rounded to 5 decimals (about 1 m).
"""

from __future__ import annotations

import json
import math
from collections import namedtuple
from collections.abc import Iterator

import numpy as np
import pandas as pd

from countymap.core.geodata import Geodata, TownshipArea

DISC_SHARE = 0.8  # points stay within 80 % of the area's inscribed circle, clear of its edge
GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
METRES_PER_DEG_LAT = 111_320.0
PLACEMENT_COLUMNS = ["id", "geometry", "drawn_precision", "note", "areas"]
UNDRAWN = ("county", "unknown")  # drawn precisions listed beside the map instead
SPREAD = ("township", "inferred")  # drawn precisions spread as points inside their townships' areas
PLACEMENT_INPUTS = ["id", "precision", "place_ids", "townships"]
# An editor's site (countymap.living's state table has them; a projects file has not).
SITE_INPUTS = ["site_lon", "site_lat", "site_line"]
COORD_DIGITS = 5  # about 1 m: finer than any position the data knows, and a smaller page


_NAN = float("nan")


def _column_values(column: pd.Series) -> list:
    values = column.tolist()
    if column.dtype.kind == "f":
        # One shared NaN object: NaN != NaN, but tuples compare members by
        # identity first, so equal rows stay equal (and usable as dict keys).
        values = [_NAN if v != v else v for v in values]
    return values


FAST_ROWS_CHUNK = (
    4096  # rows turned into Python objects at a time: a whole table's cells at once peaked ~25 MB at 20,000
)


def fast_rows(frame: pd.DataFrame) -> Iterator:
    """Rows as named tuples, much faster than ``itertuples`` on Arrow-backed strings (read a chunk of rows at a time)."""
    row_type = namedtuple("Row", list(frame.columns), rename=True)
    for start in range(0, len(frame), FAST_ROWS_CHUNK):
        chunk = frame.iloc[start : start + FAST_ROWS_CHUNK]
        columns = [_column_values(chunk[c]) for c in frame.columns]
        yield from (row_type(*values) for values in zip(*columns, strict=True))


def spread_offset(rank: int, count: int, radius_m: float) -> tuple[float, float]:
    """Offset in metres (east, north) of the ``rank``-th of ``count`` points inside a disc.

    A sunflower (Vogel) pattern: equal area per point, so no two points
    coincide, and the first point sits at the centre.
    """
    distance = radius_m * math.sqrt(rank / max(count, 1))
    angle = rank * GOLDEN_ANGLE
    return distance * math.cos(angle), distance * math.sin(angle)


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


def _editor_site(project) -> tuple[dict | None, str, str]:
    """An editor's point (``site_lon``/``site_lat``) or line (``site_line``, JSON ``[[lon, lat], ...]``)."""
    line = getattr(project, "site_line", "")
    if isinstance(line, str) and line:
        return {"type": "LineString", "coordinates": _round_coords(json.loads(line))}, "site", ""
    lon, lat = getattr(project, "site_lon", math.nan), getattr(project, "site_lat", math.nan)
    if pd.isna(lon) or pd.isna(lat):  # cannot come from the database (a site update has one or the other)
        return None, "county", ""
    return _point_geometry([[round(float(lon), COORD_DIGITS), round(float(lat), COORD_DIGITS)]]), "site", ""


def _first_pass(project, located: dict, route_geoms: dict) -> tuple[dict | None, str, str]:
    """Geometry for sites and lines; ``None`` + "township" or "inferred" means: spread later."""
    precision = project.precision
    if precision == "site":  # placed on the map by an editor, with evidence: drawn exactly there
        return _editor_site(project)
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
    if precision == "inferred":
        return _route_lines(project.place_ids, route_geoms), "inferred", ""
    if precision == "township":
        return None, "township", ""
    return None, precision if precision in UNDRAWN else "county", ""


def place_projects(projects: pd.DataFrame, geodata: Geodata) -> pd.DataFrame:
    """Return one row per project: ``id``, ``geometry`` (GeoJSON or None), ``drawn_precision``, ``note``, ``areas``.

    Township-level points are ranked by project id inside each area, so the
    same frame always gives the same picture.
    """
    located, route_geoms = _lookup_tables(geodata.places, geodata.routes)
    area_of = geodata.area_of
    rows, pending = [], []
    inputs = PLACEMENT_INPUTS + [c for c in SITE_INPUTS if c in projects.columns]
    for project in fast_rows(projects[inputs]):
        geometry, drawn, note = _first_pass(project, located, route_geoms)
        # Only what the map draws counts in a township's badge; a listed item belongs to no area.
        towns = () if drawn in UNDRAWN else project.townships
        areas = tuple(dict.fromkeys(area_of[n].index for n in towns if n in area_of))
        rows.append({"id": project.id, "geometry": geometry, "drawn_precision": drawn, "note": note, "areas": areas})
        if geometry is None and drawn in SPREAD:
            pending.append(len(rows) - 1)
    _spread_township_points(rows, pending, geodata.areas)
    return pd.DataFrame({column: [row[column] for row in rows] for column in PLACEMENT_COLUMNS})


def _spread_township_points(rows: list[dict], pending: list[int], areas: list[TownshipArea]) -> None:
    """Give each pending project one point per area it touches, spread inside that area's disc."""
    members: dict[int, list[str]] = {}
    for row_index in pending:
        for area in rows[row_index]["areas"]:
            members.setdefault(area, []).append(rows[row_index]["id"])
    position: dict[tuple[int, str], list[float]] = {}
    for index, ids in members.items():
        area, ranked = areas[index], sorted(set(ids))  # counted once: per point it made 200,000 items take 12 s
        for rank, project_id in enumerate(ranked):
            east, north = spread_offset(rank, len(ranked), area.inscribed_m * DISC_SHARE)
            position[(index, project_id)] = offset_lonlat(area.label_lon, area.label_lat, east, north)
    for row_index in pending:
        row = rows[row_index]
        points = [position[(index, row["id"])] for index in row["areas"]]
        row["geometry"] = _point_geometry(points)
        if not points:
            row["drawn_precision"], row["note"] = "county", "no_township"


def among(values: pd.Series, chosen) -> np.ndarray:
    """Which of ``values`` are in ``chosen`` (a boolean array), for columns of ids.

    ``Series.isin`` on Arrow-backed strings walks the values in Python (60 ms
    for 20,000 ids); a set lookup over a plain list takes a tenth of that.
    """
    wanted = set(chosen.tolist() if isinstance(chosen, pd.Series) else chosen)
    return np.fromiter((value in wanted for value in values.tolist()), dtype=bool, count=len(values))


def placement_of(projects: pd.DataFrame, whole: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``whole`` (the placement of a whole table) that belong to ``projects``, a part of that table.

    An item keeps the position it has in the whole table, whatever part of
    it is shown: a filter never moves a township's spread points.
    """
    return whole[among(whole["id"], projects["id"])].reset_index(drop=True)


UNDRAWN_REASONS = ("county_wide", "place_unknown", "seat_unknown")  # why an item is listed beside the map


def undrawn_reasons(placement: pd.DataFrame) -> pd.Series:
    """Why each undrawn item of ``placement`` is not on the map, a code of :data:`UNDRAWN_REASONS` by id.

    ``county_wide``: the report places it in the whole county; ``place_unknown``:
    its site or township is not yet known; ``seat_unknown``: its township is
    known but no source places that township's seat (no point, no area to draw in).
    Which items are undrawn is :meth:`countymap.core.dataset.Dataset.undrawn`'s to say.
    """
    listed = placement[placement["drawn_precision"].isin(UNDRAWN)]
    codes = [
        "place_unknown" if drawn == "unknown" else "seat_unknown" if note == "no_township" else "county_wide"
        for drawn, note in zip(listed["drawn_precision"], listed["note"], strict=True)
    ]
    return pd.Series(codes, index=listed["id"].tolist(), dtype=object)
