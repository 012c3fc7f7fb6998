"""Every list opens its items and says why an item is not on the map.

The map fixture (tests/data/map, see its README) is copied and 龙潭镇 made a
township whose seat no source places (``seat_unknown``: no point, no area), as
a county built from the geodata of another adcode may have.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from drawing import dataset_of

from countymap.core.geodata import load_geodata
from countymap.core.tables import load_projects

MAP_DATA = Path(__file__).parent / "data" / "map"  # the small map fixture (not imported from a conftest:
# under a full run, `conftest` names tests/browser/conftest.py)

SEATLESS = "龙潭镇"


@pytest.fixture
def seatless_geodata(tmp_path):
    folder = tmp_path / "map"
    shutil.copytree(MAP_DATA, folder)
    seats = json.loads((folder / "townships.geojson").read_text(encoding="utf-8"))
    for feature in seats["features"]:
        if feature["properties"]["name_zh"] == SEATLESS:
            feature["properties"]["precision"], feature["geometry"] = "seat_unknown", None
    (folder / "townships.geojson").write_text(json.dumps(seats, ensure_ascii=False), encoding="utf-8")
    areas = json.loads((folder / "township_areas.geojson").read_text(encoding="utf-8"))
    areas["features"] = [f for f in areas["features"] if f["properties"]["townships"] != SEATLESS]
    (folder / "township_areas.geojson").write_text(json.dumps(areas, ensure_ascii=False), encoding="utf-8")
    return load_geodata(folder)


def test_each_item_off_the_map_has_its_reason(seatless_geodata):
    projects = load_projects(MAP_DATA / "projects.csv")
    unknown = projects[projects["id"] == "county-wide"].assign(id="site-unknown", precision="unknown")
    projects = pd.concat([projects, unknown], ignore_index=True)
    dataset = dataset_of(projects, seatless_geodata)
    listed = dataset.undrawn(projects)
    reasons = dataset.undrawn_reasons(projects)
    assert set(reasons.index) == set(listed["id"])
    # By hand from the fixture: township-a and township-b lie in 龙潭镇 alone; hostile-project also in 钟多街道 (drawn).
    assert reasons["county-wide"] == "county_wide"
    assert reasons["site-unknown"] == "place_unknown"
    assert reasons["township-a"] == reasons["township-b"] == "seat_unknown"
    assert "hostile-project" not in reasons.index


@pytest.mark.parametrize(("lang", "column", "words"), [("zh", "为何不在图上", {"全县范围", "位置尚未查明"})])
def test_the_map_page_list_gives_each_reason(monkeypatch, lang, column, words):
    from apptest_run import ROOT, run

    monkeypatch.setenv("COUNTYMAP_PROJECTS", str(ROOT / "projects.csv"))
    at = run(lang=lang)
    lists = [df.value for df in at.dataframe if column in df.value.columns]
    assert len(lists) == 1
    projects = load_projects(ROOT / "projects.csv")
    by_hand = projects["precision"].isin(["county", "unknown"]).sum()  # Youyang: every seat is placed
    assert len(lists[0]) == by_hand
    assert set(lists[0][column]) == words
