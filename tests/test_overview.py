"""The overview of several counties without the app: counts per county and the map that shows them.

Expectations by hand from the embedded projects.csv (counted from the file) and its outline.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import folium
import pytest
from shapely.geometry import Point

from countymap.core.dataset import Dataset
from countymap.core.filters import FilterState
from countymap.core.geodata import load_geodata
from countymap.core.overview import county_counts
from countymap.core.tables import load_projects
from countymap.map.atlas import ProjectAtlas
from countymap.map.overview import overview_map, overview_page

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def youyang() -> Dataset:
    return Dataset.of(load_projects(ROOT / "projects.csv"), load_geodata(ROOT / "geodata"), ROOT)


def _rows(status: str | None = None) -> int:
    with open(ROOT / "projects.csv", encoding="utf-8-sig", newline="") as handle:
        return sum(1 for row in csv.DictReader(handle) if status is None or row["status"] == status)


def test_a_county_counts_its_items_by_status_and_nothing_else(youyang):
    (every,) = county_counts([youyang], FilterState())
    assert every.adcode == "500242" and every.count == _rows()
    assert sum(every.by_status.values()) == every.count
    assert every.by_status["completed"] == _rows("completed")
    (done,) = county_counts([youyang], FilterState(statuses=("completed",)))
    assert done.count == _rows("completed") and done.by_status == {"completed": _rows("completed")}
    assert not [name for name in vars(done) if "invest" in name or "amount" in name]  # amounts never summed


def test_the_badge_stands_inside_the_county(youyang):
    (count,) = county_counts([youyang], FilterState())
    assert count.outline.contains(Point(*count.anchor))


def test_the_overview_map_has_one_badge_per_county(youyang):
    counts = county_counts([youyang, youyang], FilterState())  # twice: two badges, never one sum
    fmap = overview_map(counts, "en")
    assert isinstance(fmap, folium.Map)
    fmap.get_root().render()
    (atlas,) = [child for child in fmap._children.values() if isinstance(child, ProjectAtlas)]
    areas = json.loads(atlas.data)["areas"]
    assert [a["total"] for a in areas] == [_rows(), _rows()]
    assert [a["townships"] for a in areas] == [["500242"], ["500242"]]
    assert areas[0]["label"] == "Youyang" and areas[0]["name"].startswith("Youyang Tujia and Miao Autonomous County, ")


def test_zooming_in_never_reaches_the_zoom_where_badges_give_way_to_items(youyang):
    fmap = overview_map(county_counts([youyang], FilterState()), "zh")
    html = fmap.get_root().render()
    (atlas,) = [child for child in fmap._children.values() if isinstance(child, ProjectAtlas)]
    # the atlas swaps badges for items from its reveal zoom on; the overview has no items to show there
    (max_zoom,) = re.findall(r'"maxZoom": ([0-9.]+)', html)
    assert float(max_zoom) < json.loads(atlas.constants)["reveal"]
    assert "window.cmOpened" in html  # zooming into a county opens it (overview.js)


@pytest.mark.parametrize(("lang", "title"), [("zh", "1 个区县 · 项目总览"), ("en", "1 counties · project overview")])
def test_the_overview_page_stands_alone_and_names_itself(youyang, lang, title):
    """The app shows this page in a plain frame: no request of its own, its language and title for screen readers."""
    page = overview_page(county_counts([youyang], FilterState()), lang)
    assert page.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">')
    assert f"<title>{title}</title>" in page
    assert not re.findall(r"<script[^>]+src=|<link[^>]+href=", page)  # Leaflet inlined, nothing fetched
    assert "L.map(" in page and "window.map = map" in page  # the tests and the bench find the map as window.map
    assert re.search(r'"buttonClass": ?"st-key-open_"', page)  # a badge clicks the county's button (key open_ADCODE)


def test_a_new_session_reuses_the_page_of_the_same_counts_and_keeps_few(youyang, monkeypatch):
    """The page is built once per counts and language (it took 30-70 ms of each new session's script run)."""
    from countymap.app import overview_page as shown

    monkeypatch.setattr(shown, "_PAGES", type(shown._PAGES)())
    counts = county_counts([youyang], FilterState())
    first = shown.page_of(counts, "zh")
    assert first == overview_page(counts, "zh")
    assert shown.page_of(county_counts([youyang], FilterState()), "zh") is first  # another session, same counts
    completed = county_counts([youyang], FilterState(statuses=("completed",)))
    assert completed[0].count == _rows("completed") < _rows()  # by hand: the filter hides items
    assert shown.page_of(completed, "zh") not in (first, None) and shown.page_of(counts, "en") is not first
    monkeypatch.setattr(shown, "PAGES_KEPT", 1)
    shown.page_of(completed, "en")  # a new page: the only one kept now
    assert shown.page_of(counts, "zh") is not first and len(shown._PAGES) == 1
