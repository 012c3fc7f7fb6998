"""One spec per view setting: links carry every setting (also shading, zoom and centre), the CLI offers only what draws.

Both bugs once seen are here: a link's ``shade`` was dropped on its first
load, and ``export-html --size-by investment`` drew badges of size 0 with a raw
word in the legend.
"""

from __future__ import annotations

import argparse
import html

import pytest
from apptest_run import ROOT, run
from drawing import dataset_of
from run_cli import run_countymap

from countymap.cli.export_html import parser
from countymap.core.filters import FilterState
from countymap.core.geodata import load_geodata
from countymap.core.tables import load_projects
from countymap.map.export import export_html
from countymap.map.view import View
from countymap.schema import INVESTMENT_KINDS

pytestmark = pytest.mark.usefixtures("small_fixture_app")

# A fresh link with every view setting of the map page, by hand (the small fixture carries
# amounts of kind total, planned_for_2023 and completed_in_2022; Youyang's county town lies near 28.84 N 108.77 E).
LINK = {
    "lang": "en",
    "basemap": "osm",
    "size": "total",
    "shade": "planned_for_2023",
    "sel": "t-road-gongtan-a",
    "z": "11.5",
    "c": "28.84,108.77",
}
WIDGETS = {"lang": "radio", "basemap": "selectbox", "size": "radio", "shade": "radio", "sel": "selectbox"}


def url(at) -> dict[str, str]:
    return {key: at.query_params[key] for key in at.query_params}


def test_a_shared_link_keeps_shading_on_its_first_load():
    at = run("app.py", shade="count", size="total")
    assert at.radio(key="shade").value == "count" and at.radio(key="size").value == "total"
    assert url(at) == {"shade": "count", "size": "total"}


def test_every_view_setting_from_a_fresh_link_is_in_the_widgets_and_the_url():
    at = run("app.py", **LINK)
    for key, kind in WIDGETS.items():
        assert getattr(at, kind)(key=key).value == LINK[key], key
    assert (at.session_state["z"], at.session_state["c"]) == (11.5, (28.84, 108.77))
    assert url(at) == {**LINK, "c": "28.84000,108.77000"}


def test_presenter_mode_and_a_township_travel_in_links():
    at = run("app.py", present="1", tw="龚滩镇", z="12", c="28.95,108.40")
    assert at.toggle(key="present").value is True
    assert url(at) == {"present": "1", "tw": "龚滩镇", "z": "12", "c": "28.95000,108.40000"}


def test_zoom_and_centre_survive_a_filter_change_and_a_language_switch():
    at = run("app.py", z="12.25", c="28.9,108.6")
    at.multiselect(key="f_categories").set_value(["road"]).run()
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert url(at) == {"cat": "road", "lang": "en", "z": "12.25", "c": "28.90000,108.60000"}


@pytest.mark.parametrize(
    "params",
    [
        {"z": "99"},
        {"z": "1e3"},
        {"z": "nan"},
        {"c": "91,200"},
        {"c": "28.9"},
        {"c": "28.9,108.6,1"},
        {"c": "0,0"},  # far outside the county
        {"shade": "investment"},
        {"size": "investment"},
        {"basemap": "tianditu_vec"},  # needs a key this deployment does not have
        {"sel": "no-such-item"},
    ],
)
def test_invalid_view_parameters_leave_the_link(params):
    at = run("app.py", **params)
    assert url(at) == {}


def test_a_moved_map_is_kept_in_the_link():
    at = run("app.py")
    at.session_state["map"] = {"zoom": 12, "center": {"lat": 28.8, "lng": 108.7}, "last_active_drawing": None}
    at.run()
    assert not at.exception
    assert url(at) == {"z": "12", "c": "28.80000,108.70000"}


def test_export_html_refuses_a_measure_that_does_not_exist(tmp_path):
    out = tmp_path / "map.html"
    done = run_countymap(
        "export-html", "--projects", "projects.csv", "--out", str(out), "--size-by", "investment", lang=""
    )
    assert done.returncode == 2 and not out.exists()
    assert "--size-by" in done.stderr and "invalid choice: 'investment'" in done.stderr


def _offered() -> dict[str, list[str]]:
    """Every value ``export-html --help`` offers, per view flag (read from the parser it prints)."""
    return {
        action.dest: list(action.choices)
        for action in parser()._actions
        if isinstance(action, argparse._StoreAction) and action.choices and action.dest in View.__dataclass_fields__
    }


def test_the_help_offers_every_measure_and_no_keyed_basemap():
    offered, help_text = _offered(), parser().format_help()
    assert offered["size_by"] == offered["shading"] == ["count", *INVESTMENT_KINDS]  # shading's default: none
    assert offered["lang"] == ["zh", "en"]
    assert "investment," not in help_text and "tianditu" not in help_text


@pytest.fixture(scope="module")
def small():
    return dataset_of(load_projects(ROOT / "tests" / "data" / "projects_small.csv"), load_geodata(ROOT / "geodata"))


@pytest.mark.parametrize(("attr", "value"), [(a, v) for a, values in _offered().items() for v in values])
def test_every_offered_value_draws_a_valid_map(small, attr, value):
    page = export_html(small, FilterState(), view=View(**{attr: value, "lang": "en" if attr != "lang" else value}))
    assert "L.map(" in page and "Leaflet 1.9.4" in page
    if attr in ("size_by", "shading") and value != "count":
        label = INVESTMENT_KINDS[value][1]  # the legend names the measure in words, never by its code
        assert label.lower() in html.unescape(page).lower()
