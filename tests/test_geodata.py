"""Tests of the geodata build (countymap.geodata_build.build, countymap.geodata_build.seats) and its output."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyproj
import pytest
import shapely
from shapely.geometry import box, shape

from countymap import schema
from countymap.cli import build_geodata as build_cli
from countymap.core.geodata import SEAT_COLUMNS, load_geodata
from countymap.geodata_build import build as geodata_build
from countymap.geodata_build import seats
from countymap.geodata_build.routes import routes_layer

ROOT = Path(__file__).resolve().parents[1]
GEODATA = ROOT / "geodata"
DATA = Path(__file__).resolve().parent / "data"
FIXTURE_OUTLINE = box(108.0, 28.0, 108.2, 28.2)
FIXTURE_CRS = "EPSG:32649"


@pytest.fixture(scope="session")
def fresh_build(registry) -> dict[str, str]:
    """One in-process build from the committed curated inputs."""
    files, _ = geodata_build.build_files("500242", GEODATA, registry)
    return files


def collection(name: str) -> dict:
    return json.loads((GEODATA / name).read_text(encoding="utf-8"))


# --- committed output ---------------------------------------------------------------


def test_townships_count_kinds_codes():
    props = [f["properties"] for f in collection("townships.geojson")["features"]]
    assert len(props) == 39
    kinds = [p["kind"] for p in props]
    assert (kinds.count("街道"), kinds.count("镇"), kinds.count("乡")) == (2, 19, 18)
    codes = [p["code"] for p in props]
    assert len(set(codes)) == 39 and codes == sorted(codes)
    assert all(len(c) == 12 and c.startswith("500242") and c.endswith("000") for c in codes)
    names = [f.name for f in schema.TOWNSHIP_PROPERTIES]
    assert all(list(p) == names for p in props)
    assert {p["precision"] for p in props} <= {"seat_geonames", "seat_researched", "seat_fallback", "seat_unknown"}


def test_township_names_and_aliases():
    by_name = {f["properties"]["name_zh"]: f["properties"] for f in collection("townships.geojson")["features"]}
    assert by_name["龚滩镇"]["short_zh"] == "龚滩" and by_name["龚滩镇"]["name_en"] == "Gongtan Town"
    assert by_name["桃花源街道"]["name_en"] == "Taohuayuan Subdistrict"
    assert by_name["花田乡"]["name_en"] == "Huatian Township"
    assert "后溪镇" in by_name["酉水河镇"]["aliases"].split("|")


def test_every_seat_inside_outline():
    geodata = load_geodata(GEODATA)
    for item in collection("townships.geojson")["features"]:
        lon, lat = item["geometry"]["coordinates"]
        assert geodata.outline.contains(shapely.Point(lon, lat)), item["properties"]["name_zh"]
        assert geodata.inside_county(lon, lat)


def test_outline_area_close_to_official():
    geometry = shape(collection("county.geojson")["features"][0]["geometry"])
    to_equal_area = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:6933", always_xy=True)
    projected = shapely.transform(geometry, lambda xy: np.column_stack(to_equal_area.transform(xy[:, 0], xy[:, 1])))
    area = projected.area / 1e6
    assert abs(area - schema.COUNTY_AREA_KM2) / schema.COUNTY_AREA_KM2 < 0.02, area


def test_neighbours_are_the_touching_counties():
    props = [f["properties"] for f in collection("neighbors.geojson")["features"]]
    codes = {p["adcode"] for p in props}
    assert {"500241", "500114", "500243"} <= codes
    assert {c[:2] for c in codes} == {"50", "42", "43", "52"}
    assert schema.COUNTY_ADCODE not in codes
    assert all(p["name_en"] and p["province"] for p in props)


def test_villages_belong_to_existing_townships():
    with open(GEODATA / "villages.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    townships = {f["properties"]["name_zh"] for f in collection("townships.geojson")["features"]}
    assert len(rows) == 278 and list(rows[0]) == schema.VILLAGES.columns
    assert len({r["code"] for r in rows}) == 278
    assert {r["township"] for r in rows} == townships
    assert all(r["name_zh"].endswith(("村", "社区")) and "委员会" not in r["name_zh"] for r in rows)
    assert {"name_zh": "天山堡村", "township": "桃花源街道"}.items() <= rows[2].items()


def test_seats_table_columns():
    geodata = load_geodata(GEODATA)
    assert list(geodata.seats.columns) == SEAT_COLUMNS and len(geodata.seats) == 39
    assert geodata.seats.set_index("name_zh").loc["酉水河镇", "aliases"] == ("后溪镇",)
    assert not geodata.inside_county(106.55, 29.56)  # Chongqing city centre


# --- seat matcher on a fixture with decoys -------------------------------------------


@pytest.fixture(scope="module")
def fixture_places() -> list[seats.Place]:
    return seats.load_geonames(DATA / "geodata_seats" / "cities.csv", FIXTURE_OUTLINE.bounds)


def match(short_zh: str, places, aliases: tuple[str, ...] = ()) -> seats.SeatPlacement | None:
    keys = seats.township_keys(short_zh, aliases)
    outline = seats.Outline(FIXTURE_OUTLINE, FIXTURE_CRS)
    return seats.match_geonames("x", keys, seats.SeatSources(places, "fixture"), outline)


def test_matcher_rejects_same_name_outside(fixture_places):
    seat = match("龙潭", fixture_places)
    assert (seat.lon, seat.lat) == (108.1, 28.1)
    assert "Hunan" in seat.info[0]
    assert match("黑水", fixture_places) is None  # its only namesake lies outside


def test_matcher_prefers_points_away_from_border(fixture_places):
    seat = match("大溪", fixture_places)
    assert (seat.lon, seat.lat) == (108.05, 28.05)
    lone = match("万木", fixture_places)  # inside but 0.1 km from the edge; a namesake lies outside
    assert (lone.lon, lone.lat) == (108.199, 28.15)
    assert "border" in lone.warnings[0]


def test_matcher_uses_former_names(fixture_places):
    seat = match("酉水河", fixture_places, ("后溪镇",))
    assert (seat.lon, seat.lat) == (108.12, 28.12) and "former name" in seat.method
    assert all(p.cc == "CN" for p in fixture_places)


def test_place_seats_keeps_every_unplaced_unit_as_seat_unknown(fixture_places):
    units = [{"code": c, "name_zh": n + "镇", "short_zh": n, "aliases": ()} for c, n in (("1", "黑水"), ("2", "无名"))]
    outline = seats.Outline(FIXTURE_OUTLINE, FIXTURE_CRS)
    placed = seats.place_seats(units, seats.SeatSources(fixture_places, "fixture"), outline, {})
    assert [(s.code, s.precision, s.lon, s.lat) for s in placed.values()] == [
        ("1", "seat_unknown", None, None),
        ("2", "seat_unknown", None, None),
    ]
    assert all("SEAT UNKNOWN" in s.warnings[0] for s in placed.values())


def test_override_outside_outline_is_an_error():
    row = {"code": "1", "lon": "108.5", "lat": "28.1", "source": "s", "method": "researched: x"}
    with pytest.raises(ValueError, match="outside"):
        seats.override_seat(row, seats.Outline(FIXTURE_OUTLINE, FIXTURE_CRS))


# --- routes -----------------------------------------------------------------------------


def test_routes_follow_their_waypoints():
    townships = collection("townships.geojson")
    seat = {f["properties"]["name_zh"]: f["geometry"]["coordinates"] for f in townships["features"]}
    routes = routes_layer(DATA / "geodata_routes", townships)["features"]
    assert [r["properties"]["route_id"] for r in routes] == ["test-road-a", "test-road-b"]
    line = routes[0]["geometry"]["coordinates"]
    assert [list(point) for point in line] == [seat["钟多街道"], [108.6, 28.8], seat["龚滩镇"]]
    assert routes[0]["properties"]["precision"] == "line_schematic"
    assert list(routes[0]["properties"]) == [f.name for f in schema.ROUTE_PROPERTIES]


def test_unresolved_waypoints_are_all_listed(tmp_path):
    shutil.copy(DATA / "geodata_routes" / "places.csv", tmp_path)
    (tmp_path / "routes_src.csv").write_text(
        'route_id,name_zh,name_en,kind,waypoints,source\nbad,坏,Bad,road,"龙潭镇|nowhere|test-unknown|108.1,28.1",x\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError) as error:
        routes_layer(tmp_path, collection("townships.geojson"))
    for waypoint in ("nowhere", "test-unknown", "108.1,28.1"):
        assert f"'{waypoint}'" in str(error.value)
    assert "literal coordinates" in str(error.value) and "'龙潭镇'" not in str(error.value)


def test_missing_routes_source_gives_empty_layer(tmp_path):
    assert routes_layer(tmp_path, collection("townships.geojson"))["features"] == []


# --- determinism ---------------------------------------------------------------------------


def test_build_is_deterministic_across_processes(fresh_build, tmp_path):
    env = dict(os.environ, PYTHONHASHSEED="12345")
    cmd = [sys.executable, "-m", "countymap", "build-geodata", "--adcode", "500242", "--out", str(tmp_path)]
    subprocess.run([*cmd, "--src", str(GEODATA)], cwd=ROOT, env=env, check=True, capture_output=True)
    for name, text in fresh_build.items():
        assert (tmp_path / "geodata" / name).read_bytes() == text.encode("utf-8"), name
        assert text.endswith("\n")


def test_committed_geodata_is_up_to_date(fresh_build):
    assert geodata_build.differing_files(fresh_build, GEODATA) == []


def test_check_flags_a_stale_file(fresh_build, tmp_path, monkeypatch, capsys):
    geodata_build.write_files(fresh_build, tmp_path / "geodata")
    (tmp_path / "dataset.toml").write_text('[county]\nadcode = "500242"\n', encoding="utf-8")
    built = (fresh_build, '[county]\nadcode = "500242"\n', {"seat_rows": []})
    monkeypatch.setattr(build_cli, "build_dataset", lambda *args, **kwargs: built)
    assert build_cli.main(["--out", str(tmp_path), "--src", str(GEODATA), "--check"]) == 0
    (tmp_path / "geodata" / "villages.csv").write_text("stale\n", encoding="utf-8")
    assert build_cli.main(["--out", str(tmp_path), "--src", str(GEODATA), "--check"]) == 1
    assert "villages.csv" in capsys.readouterr().err


def test_committed_dataset_toml_is_up_to_date(registry):
    existing = build_cli.read_dataset_toml(ROOT / "dataset.toml")
    _, toml, _ = build_cli.build_dataset("500242", GEODATA, existing["edition"], registry)
    assert (ROOT / "dataset.toml").read_text(encoding="utf-8") == toml
