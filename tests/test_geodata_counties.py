"""build-geodata for counties other than Youyang, the seat coverage check, and the command's refusals.

The full sample (38 Chongqing units and 56 counties across provinces) runs as
``python -m countymap bench-geodata`` (docs/coverage.md); here a fast subset.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import shapely
from shapely.geometry import box

from countymap.bench.geodata_coverage import measure, sample, seats_outside
from countymap.cli import build_geodata as build_cli
from countymap.core.geodata import load_geodata
from countymap.geodata_build import seats
from countymap.geodata_build.build import build_files
from countymap.geodata_build.division import english_county_name, short_county_names
from countymap.geodata_build.sources import Place500
from countymap.map.context import river_label_points

NO_SRC = Path("/nonexistent-curated-inputs")
# Matched seats by hand from docs/design DATA_SOURCES.md ("秀山 25/27, 彭水 36/39, 黔江 29/30").
HAND_COVERAGE = {"500241": (27, 25), "500243": (39, 36), "500114": (30, 29)}
SUBSET = ("500242", "500241", "500243", "500114", "500103", "445303")


@pytest.fixture(scope="module")
def built(registry) -> dict[str, tuple[dict, dict]]:
    return {code: build_files(code, NO_SRC, registry) for code in SUBSET}


@pytest.mark.parametrize("adcode", SUBSET)
def test_every_seat_lies_inside_its_own_county(built, registry, adcode):
    _, details = built[adcode]
    assert seats_outside(details["townships"], adcode, registry.districts) == []


def test_the_inside_check_can_fail(built, registry):
    townships = built["500241"][1]["townships"].copy()
    townships.loc[townships.index[0], "geometry"] = shapely.Point(108.76416, 28.8466)  # Youyang's county town
    assert seats_outside(townships, "500241", registry.districts) == [townships["name_zh"].iloc[0]]


@pytest.mark.parametrize("adcode", sorted(HAND_COVERAGE))
def test_coverage_matches_the_figures_measured_by_hand(registry, adcode):
    row = measure(adcode, registry, NO_SRC)
    assert (row.townships, row.matched) == HAND_COVERAGE[adcode]
    assert row.unknown == row.townships - row.matched and row.outside == []


def test_unknown_seats_are_listed_without_point_or_area(built):
    files, _ = built["500103"]  # 渝中区: no GeoNames point for any of its subdistricts
    townships = json.loads(files["townships.geojson"])["features"]
    assert len(townships) == 11 and {f["properties"]["precision"] for f in townships} == {"seat_unknown"}
    assert all(f["geometry"] is None for f in townships)
    assert json.loads(files["township_areas.geojson"])["features"] == []
    assert "seat_unknown 11" in files["PROVENANCE.md"] and "SEAT UNKNOWN" in files["PROVENANCE.md"]


def test_areas_cover_exactly_the_known_seats(built):
    files, _ = built["500241"]
    townships = json.loads(files["townships.geojson"])["features"]
    known = {f["properties"]["name_zh"] for f in townships if f["geometry"]}
    areas = json.loads(files["township_areas.geojson"])["features"]
    in_areas = {name for a in areas for name in a["properties"]["townships"].split("|")}
    assert in_areas == known and len(known) == 25


def test_a_new_county_folder_loads(built, tmp_path):
    files, _ = built["500243"]
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    geodata = load_geodata(tmp_path)
    assert len(geodata.seats) == 39 and geodata.seats["lon"].isna().sum() == 3
    assert geodata.county["features"][0]["properties"]["name_en"] == "Pengshui Miao and Tujia Autonomous County"
    assert {f["properties"]["adcode"] for f in geodata.neighbors["features"]} >= {"500242", "500114"}


def test_unnamed_rivers_are_kept_unnamed(built):
    rivers = json.loads(built["500241"][0]["rivers.geojson"])["features"]
    assert rivers and all(r["properties"]["name_zh"] == "" and r["properties"]["inside_km"] >= 2 for r in rivers)


@pytest.mark.parametrize("adcode", SUBSET)
def test_every_river_feature_is_one_line(built, adcode):
    rivers = json.loads(built[adcode][0]["rivers.geojson"])["features"]
    assert all(r["geometry"]["type"] == "LineString" and len(r["geometry"]["coordinates"]) >= 2 for r in rivers)


# --- the cities500 matcher on a fixture with decoys ------------------------------------------

OUTLINE = box(108.0, 28.0, 108.2, 28.2)


def _place(name: str, names: str, lon: float, lat: float, code: str = "PPLA4") -> Place500:
    return Place500(0, name, frozenset(names.split(",")), lat, lon, code)


def _seat(name_zh: str, short: str, places: list[Place500], aliases=()) -> seats.SeatPlacement:
    sources = seats.SeatSources([], "c1000", places, "c500")
    unit = {"code": "1", "name_zh": name_zh, "short_zh": short, "aliases": aliases}
    return seats.place_seat(unit, sources, seats.Outline(OUTLINE, "EPSG:32649"))


def test_cities500_never_places_a_seat_from_a_namesake_outside():
    decoy = _place("Heishui", "黑水,黑水镇", 108.3, 28.1)  # same name, next county
    seat = _seat("黑水镇", "黑水", [decoy])
    assert seat.precision == "seat_unknown" and seat.lon is None
    assert "Heishui" in seat.info[0]
    upgraded = _place("Heishui", "黑水,黑水乡", 108.1, 28.1)  # the 乡 before it became a 镇: found by its short name
    seat = _seat("黑水镇", "黑水", [decoy, upgraded])
    assert (seat.lon, seat.lat) == (108.1, 28.1)
    assert _seat("黑水镇", "黑水", [_place("Heishui", "黑水乡", 108.1, 28.1)]).precision == "seat_unknown"


def test_cities500_prefers_the_full_name_and_the_township_seat_code():
    village = _place("Daxi", "大溪", 108.05, 28.05, "PPL")
    town = _place("Daxi", "大溪,大溪镇", 108.1, 28.1)
    seat = _seat("大溪镇", "大溪", [village, town])
    assert (seat.lon, seat.lat) == (108.1, 28.1) and "cities500" in seat.method
    assert "2 candidates" in seat.warnings[0]


def test_cities500_finds_a_renamed_township_by_its_former_name():
    seat = _seat("酉水河镇", "酉水河", [_place("Houxi", "后溪,后溪镇", 108.12, 28.12)], aliases=("后溪镇",))
    assert (seat.lon, seat.lat) == (108.12, 28.12) and "former name 后溪镇" in seat.method


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name_zh", "name_en", "short"),
    [
        ("秀山土家族苗族自治县", "Xiushan Tujia and Miao Autonomous County", ("秀山县", "Xiushan")),
        ("黔江区", "Qianjiang District", ("黔江区", "Qianjiang")),
        ("忠县", "Zhong County", ("忠县", "Zhong")),
        (
            "双江拉祜族佤族布朗族傣族自治县",
            "Shuangjiang Lahu, Va, Blang and Dai Autonomous County",
            ("双江县", "Shuangjiang"),
        ),
        ("神农架林区", "Shennongjia Forestry District", ("神农架林区", "Shennongjia")),
        ("鄂温克族自治旗", "Ewenki Autonomous Banner", ("鄂温克族自治旗", "Ewenki Autonomous Banner")),
    ],
)
def test_county_names_in_english(name_zh, name_en, short):
    assert english_county_name(name_zh) == name_en
    assert short_county_names(name_zh) == short


def test_the_sample_is_all_of_chongqing_and_every_kth_other():
    codes = ["500101", "500242", "110101", "110102", "110105", "130102", "130104", "140105"]
    assert sample(codes, 2) == ["500101", "500242", "110102", "130102", "140105"]


# --- the command refuses bad input with one line, before any work ---------------------------


@pytest.mark.parametrize(
    ("adcode", "message"),
    [
        ("abc", "6 digits"),
        ("5002421", "6 digits"),
        ("500242; rm -rf /", "6 digits"),
        ("500200", "not a county-level unit"),
        ("999999", "no county-level unit"),
    ],
)
def test_bad_adcodes_are_refused(tmp_path, capsys, adcode, message):
    assert build_cli.main(["--adcode", adcode, "--out", str(tmp_path / "new")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "new").exists()


def test_out_must_be_a_writable_folder(tmp_path, capsys):
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    (tmp_path / "ds").mkdir()
    (tmp_path / "ds" / "geodata").write_text("x", encoding="utf-8")
    for out, message in (
        (a_file, "is a file"),
        (tmp_path / "ds", "is a file"),
        (Path("/proc/countymap-x"), "cannot write"),
    ):
        assert build_cli.main(["--adcode", "500241", "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1
    assert not Path("/proc/countymap-x").exists()


def test_without_adcode_a_new_folder_is_refused(tmp_path, capsys):
    assert build_cli.main(["--out", str(tmp_path)]) == 2
    assert "give --adcode" in capsys.readouterr().err


def test_an_unnamed_river_gets_no_label(built, tmp_path):
    for name, text in built["500241"][0].items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    geodata = load_geodata(tmp_path)
    assert geodata.rivers["features"] and river_label_points(geodata, "zh") == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("seat_overrides.csv", "code,lon\n1,2\n", "missing column(s) lat, source, method"),
        ("seat_overrides.csv", "code,lon,lat,source,method\n500241001000,abc,28,s,researched: x\n", "must be numbers"),
        ("rivers_src.csv", "name_zh,name_en,seat,max_km,evidence\n酉水,You,中和街道,far,e\n", "max_km"),
        ("township_aliases.csv", "code,former_names\n", "missing column(s) evidence"),
        ("routes_src.csv", b"\xff\xfe\x00garbage", "not a UTF-8 CSV"),
    ],
)
def test_broken_curated_inputs_name_their_file(registry, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(ValueError, match=re.escape(message)):
        build_files("500241", tmp_path, registry)


def test_a_broken_curated_input_is_one_line_from_the_command(tmp_path, capsys):
    (tmp_path / "seat_overrides.csv").write_text("code,lon\n", encoding="utf-8")
    assert build_cli.main(["--adcode", "500241", "--out", str(tmp_path / "ds"), "--src", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "seat_overrides.csv: missing column" in err and len(err.strip().splitlines()) == 1
