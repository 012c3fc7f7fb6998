"""Places: what the repo can place is placed, a guess from a name is named a guess, sources are citable.

Expectations are written by hand (the rows and townships below, from the report and places.csv).
"""

from __future__ import annotations

import re
from pathlib import Path

from countymap.core.tables import read_raw
from countymap.schema import PLACES

ROOT = Path(__file__).resolve().parent.parent
ROWS = {r["id"]: r for r in read_raw(ROOT / "projects.csv").to_dict("records")}
PLACE_ROWS = {r["place_id"]: r for r in read_raw(ROOT / "geodata" / "places.csv", PLACES).to_dict("records")}
COUNTY_TOWN = "钟多街道|桃花源街道"  # the county's two subdistricts: the county town

# Rows that were "place unknown" and what the repo tells of them.
PLACED = {
    "health-county-hospital-grade-2a-review": "钟多街道",  # the hospital's place, used by its two other rows
    "urban-old-town-shantytown-renewal-2022": "钟多街道",  # both named parts are in 钟多街道
    "commerce-taohuayuan-station-business-district": "桃花源街道",  # by the station's name: inferred
    "housing-chengtou-banshan-huafu": COUNTY_TOWN,  # listed with 桃源世家 in the county-town paragraph
    "housing-jinxiu-huacheng": COUNTY_TOWN,
    "commerce-bijin-plaza": COUNTY_TOWN,  # listed with 酉州古城商圈: the county town's shopping districts
    "commerce-huisheng-plaza": COUNTY_TOWN,
    "commerce-huazhang-international": COUNTY_TOWN,
    "urban-central-city-renewal-plan": COUNTY_TOWN,  # 中心城区
    "health-tcm-hospital-grade-3a": COUNTY_TOWN,  # county-level hospitals and centres, in the county town
    "health-tcm-hospital-relocation-phase2": COUNTY_TOWN,
    "health-cdc-building-extension": COUNTY_TOWN,
    "health-cdc-lab-building-facilities": COUNTY_TOWN,
    "health-cdc-pcr-lab": COUNTY_TOWN,
    "health-mch-hospital-grade-2a": COUNTY_TOWN,
    "health-psychiatric-hospital-grade-2a": COUNTY_TOWN,
}
# Placed from their names alone (no source found): the reservoirs named like villages, the two 35 kV lines
# read from their short names, the business district of a station named like a subdistrict.
INFERRED = {
    "reservoir-changpu": "双泉乡",
    "reservoir-daquan": "黑水镇",
    "reservoir-qianfeng": "后坪乡",
    "power-35kv-longma-upgrade": "龙潭镇|麻旺镇",
    "power-35kv-sima-upgrade": "麻旺镇",
    "commerce-taohuayuan-station-business-district": "桃花源街道",
}
GUESS_WORDS = re.compile(r"inferred from the name|按名称推断|据名推断")
MACHINE_PATH = re.compile(r"(?:^|[\s(（:：])(?:/(?:tmp|home|root|work|var|Users|mnt)/|[A-Za-z]:\\|file://)")
# A page (an address, or an outlet's dated article), a package and its version, GeoNames, or the report itself.
CITATION = re.compile(
    r"(?:https?://)?[\w-]+(?:\.[\w-]+)+/\S*|\S+网 \d{4}-\d{2}-\d{2}|[A-Za-z][\w.-]* \d+\.\d+(?:\.\d+)?|GeoNames|报告|report",
    re.I,
)


def test_rows_the_repo_can_place_are_placed():
    got = {key: (ROWS[key]["townships"], ROWS[key]["precision"]) for key in PLACED}
    want = {key: (towns, "inferred" if key in INFERRED else "township") for key, towns in PLACED.items()}
    assert got == want


def test_the_county_town_rule_stands_in_the_row():
    for key, towns in PLACED.items():
        if towns == COUNTY_TOWN:
            assert "县城" in ROWS[key]["summary_zh"] and "county town" in ROWS[key]["summary_en"], key


def test_an_unknown_row_whose_places_or_parts_know_the_township_is_placed():
    parts: dict[str, set[str]] = {}
    for row in ROWS.values():
        if row["part_of"]:
            parts.setdefault(row["part_of"], set()).add(row["townships"])
    placeable = []
    for key, row in ROWS.items():
        if row["precision"] != "unknown":
            continue
        places = [PLACE_ROWS[p] for p in row["place_ids"].split("|") if p in PLACE_ROWS]
        if places and all(p["township"] for p in places):
            placeable.append((key, "its places"))
        if key in parts and len(parts[key]) == 1 and "" not in parts[key]:
            placeable.append((key, "its parts"))
    assert placeable == []


def test_guesses_from_a_name_are_inferred_and_drawn_so():
    assert {key: (ROWS[key]["townships"], ROWS[key]["precision"]) for key in INFERRED} == {
        key: (towns, "inferred") for key, towns in INFERRED.items()
    }
    for place in PLACE_ROWS.values():
        assert (place["precision"] == "inferred") == bool(GUESS_WORDS.search(place["source"])), place["place_id"]
    for key, row in ROWS.items():
        places = [PLACE_ROWS[p] for p in row["place_ids"].split("|") if p in PLACE_ROWS]
        if places and all(p["precision"] == "inferred" for p in places):
            assert row["precision"] == "inferred", key


def test_sources_cite_a_package_or_a_page_never_a_machine_path():
    paths = ("places.csv", "routes_src.csv", "rivers_src.csv", "seat_overrides.csv", "township_aliases.csv")
    machine_paths, uncited = [], []
    for path in paths:
        rows = read_raw(ROOT / "geodata" / path, PLACES).to_dict("records")
        column = next(c for c in ("source", "evidence") if c in rows[0])
        machine_paths += [(path, r[column]) for r in rows if MACHINE_PATH.search(r[column])]
        uncited += [(path, r[column]) for r in rows if path == "places.csv" and not CITATION.search(r[column])]
    assert machine_paths == [] and uncited == []
