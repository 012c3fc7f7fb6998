"""An item drawn in several townships says, at each of its points, where else it is drawn.

By hand from projects.csv: 菖蒲花田农旅融合示范项目 (scenic-changpu-huatian-nonglv-ronghe) lies in
花田乡 and 双泉乡, two areas, so it is drawn twice; an item of one township is drawn once and says
nothing of the kind.
"""

from __future__ import annotations

import json

import pytest
from apptest_run import ROOT
from drawing import draw

from countymap.core.geodata import load_geodata
from countymap.core.tables import load_projects
from countymap.map.atlas import ProjectAtlas
from countymap.map.features import project_features
from countymap.map.items import each_feature_js

TWICE = "scenic-changpu-huatian-nonglv-ronghe"


@pytest.fixture(scope="module")
def table():
    return load_projects(ROOT / "projects.csv"), load_geodata(ROOT / "geodata")


def atlas_of(fmap) -> ProjectAtlas:
    return next(child for child in fmap._children.values() if isinstance(child, ProjectAtlas))


def _feature(table, lang: str, project_id: str) -> dict:
    projects, geodata = table
    features = project_features(projects, geodata, lang=lang)
    return next(f for c in features.collections.values() for f in c["features"] if f["id"] == project_id)


def test_each_point_of_an_item_in_two_townships_names_its_township(table):
    zh = _feature(table, "zh", TWICE)
    assert zh["geometry"]["type"] == "MultiPoint" and zh["properties"]["pa"] == ["花田乡", "双泉乡"]
    assert _feature(table, "en", TWICE)["properties"]["pa"] == ["Huatian Township", "Shuangquan Township"]


def test_an_item_of_one_township_says_nothing_of_the_kind(table):
    projects, _ = table
    single = projects[(projects["precision"] == "township") & (projects["townships"].map(len) == 1)]["id"].iloc[0]
    assert "pa" not in _feature(table, "zh", single)["properties"]


def test_the_popup_words_are_in_both_languages_and_escaped():
    assert '"also":["也在","（跨多个乡镇的项目）"]' in each_feature_js("scenic", "zh")
    assert '"also":["also in "," (spans several townships)"]' in each_feature_js("scenic", "en")


def test_a_badge_says_how_many_of_its_items_span_several_townships(table):
    projects, geodata = table
    only = projects[projects["id"] == TWICE]
    areas = atlas_of(draw(only, geodata)).data
    tips = {a["label"]: a["tip"] for a in json.loads(areas)["areas"] if a["total"]}
    assert tips == {
        "花田": "花田乡（大致范围） · 1 个项目（其中 1 个跨多个乡镇，也画在别处）",
        "双泉": "双泉乡（大致范围） · 1 个项目（其中 1 个跨多个乡镇，也画在别处）",
    }


def test_the_popup_names_the_townships_in_the_readers_language(table):
    # By hand: the item's townships are 花田乡 and 双泉乡 (projects.csv).
    assert _feature(table, "zh", TWICE)["properties"]["t"] == "花田乡、双泉乡"
    assert _feature(table, "en", TWICE)["properties"]["t"] == "Huatian Township, Shuangquan Township"
