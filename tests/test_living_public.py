"""The public app on the living map: "latest" by default, "as in the report" one switch away, timelines.

The database is a temporary SQLite file (``COUNTYMAP_DATA_HOME``) holding projects.csv as edition 2023;
expectations are written by hand from projects.csv and the updates the tests record.
"""

from __future__ import annotations

import pytest
from apptest_run import run
from living_app_home import EVIDENCE, record

from countymap import config
from countymap.core.dataset import Dataset
from countymap.core.filters import FilterState
from countymap.core.geodata import load_geodata
from countymap.living import state_as_of
from countymap.map.build import build_map
from countymap.map.features import dataset_features
from countymap.map.view import View

pytestmark = pytest.mark.usefixtures("small_fixture_app")
ITEM = "scenic-dingshi-qiandangtian"  # planned, drawn in its township (丁市镇) in the report
SITE = {"lon": 108.37, "lat": 28.95, "basemap": "none"}  # inside the county, by hand from its outline


def _record(database, field, value, day="2023-06-30"):
    return record(database, ITEM, field, value, day)


def _html(at) -> str:
    return " ".join(str(block.proto.body) for block in at.get("html"))


def _texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def _captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_without_a_database_the_map_says_it_shows_the_report(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTYMAP_DATA_HOME", str(tmp_path))
    at = run("app.py", lang="en")
    assert "No map database has been set up yet" in _captions(at)
    assert not [r for r in at.radio if r.key == "as_of"]


def test_latest_is_the_default_and_says_as_of_the_newest_update(living_home):
    _record(living_home, "site", SITE, "2023-05-01")
    _record(living_home, "status", "completed", "2023-06-30")
    at = run("app.py", lang="en", sel=ITEM)
    assert [r.value for r in at.radio if r.key == "as_of"] == ["latest"]
    assert "Latest: as of 2023-06-30" in _html(at)
    details = _html(at)
    assert "Timeline" in details and "county editor" in details and EVIDENCE in details
    assert "Completed" in details  # the status row of the details, as of the latest update


def test_the_report_view_is_unchanged_by_updates(living_home):
    _record(living_home, "status", "completed")
    at = run("app.py", lang="en", sel=ITEM, as_of="report")
    assert [r.value for r in at.radio if r.key == "as_of"] == ["report"]
    html = _html(at)
    assert "As in the report" in html and "Timeline" not in html
    assert "Planned" in html and "Completed" not in html.split("cm-detail", 1)[-1].split("</table>")[0]


def test_a_placed_site_is_drawn_at_its_site_with_its_own_legend_entry(living_home):
    _record(living_home, "site", SITE, "2023-05-01")
    dataset = Dataset.of(state_as_of(living_home).table, load_geodata(config.geodata_dir()))
    placed = dataset.placement.set_index("id").loc[ITEM]
    assert placed["drawn_precision"] == "site"
    assert placed["geometry"]["coordinates"] in ([SITE["lon"], SITE["lat"]], [[SITE["lon"], SITE["lat"]]])
    features = dataset_features(dataset, FilterState(), lang="en", to_gcj02=False)
    html = build_map(dataset, features, View(lang="en")).get_root().render()
    assert "the real site, placed by a county editor" in html


def test_the_changes_since_the_report_are_listed_and_filtered_by_kind(living_home):
    _record(living_home, "note", "fields terraced again after the floods", "2023-04-01")
    _record(living_home, "status", "completed", "2023-06-30")
    at = run("app.py", lang="en")
    assert "Changes since the report (2)" in _html(at)
    (changes,) = [d for d in at.dataframe if "Evidence" in d.value.columns]
    assert list(changes.value["New value"]) == ["Completed", "fields terraced again after the floods"]
    at.multiselect(key="lvp_changes_field").set_value(["note"]).run()
    (changes,) = [d for d in at.dataframe if "Evidence" in d.value.columns]
    assert list(changes.value["New value"]) == ["fields terraced again after the floods"]


def test_the_township_page_lists_its_recent_updates(living_home):
    _record(living_home, "status", "completed")
    at = run("pages/2_乡镇.py", lang="en", tw="丁市镇")
    assert "Recent updates in this township" in _texts(at.subheader)
    assert EVIDENCE in _html(at) and "county editor" in _html(at)


def test_an_item_planned_for_a_past_year_without_completion_is_overdue(living_home):
    at = run("app.py", lang="en", sel=ITEM)  # planned for 2023 in the report; the tests run after 2023
    assert "Overdue" in _html(at) and "planned for 2023, no completion recorded" in _html(at)
    _record(living_home, "status", "completed")
    assert "Overdue" not in _html(run("app.py", lang="en", sel=ITEM))
