"""WGS-84 <-> GCJ-02: known shift size, sub-metre round trip, no shift abroad."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from countymap.map.gcj02 import gcj02_to_wgs84, outside_china, transform_geojson, transform_geometry, wgs84_to_gcj02

YOUYANG = (108.767, 28.841)


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Haversine distance between two lon/lat points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


def test_shift_in_youyang_is_a_few_hundred_metres():
    shifted = wgs84_to_gcj02(*YOUYANG)
    assert 100 < metres(YOUYANG, shifted) < 1000


def test_reference_value_of_the_public_formula():
    # Beijing Tiananmen, a value quoted by many implementations of the same formula.
    lon, lat = wgs84_to_gcj02(116.397428, 39.90923)
    assert abs(lon - 116.403672) < 2e-5 and abs(lat - 39.910633) < 2e-5


@settings(max_examples=300, deadline=None)
@given(st.floats(97.0, 125.0), st.floats(20.0, 45.0))
def test_round_trip_error_below_one_metre(lon, lat):
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert metres((lon, lat), back) < 1.0


def test_youyang_round_trip_is_millimetric():
    assert metres(YOUYANG, gcj02_to_wgs84(*wgs84_to_gcj02(*YOUYANG))) < 0.01


def test_no_shift_outside_china():
    for point in ((2.35, 48.85), (-74.0, 40.7), (151.2, -33.9)):
        assert outside_china(*point)
        assert wgs84_to_gcj02(*point) == point
        assert gcj02_to_wgs84(*point) == point


def test_geometries_and_collections_are_converted_without_mutation():
    line = {"type": "LineString", "coordinates": [[108.7, 28.8], [108.8, 28.9, 350.0]]}
    moved = transform_geometry(line)
    assert line["coordinates"][0] == [108.7, 28.8]  # input untouched
    assert moved["coordinates"][1][2] == 350.0  # altitude kept
    assert list(wgs84_to_gcj02(108.7, 28.8)) == moved["coordinates"][0]
    polygon = {"type": "MultiPolygon", "coordinates": [[[[108.7, 28.8], [108.8, 28.8], [108.8, 28.9], [108.7, 28.8]]]]}
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"a": 1}, "geometry": polygon},
            {"type": "Feature", "properties": {}, "geometry": None},
        ],
    }
    out = transform_geojson(collection)
    assert out["features"][0]["properties"] == {"a": 1}
    assert out["features"][1]["geometry"] is None
    first = out["features"][0]["geometry"]["coordinates"][0][0][0]
    assert first == list(wgs84_to_gcj02(108.7, 28.8))
