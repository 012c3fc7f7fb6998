"""GeoJSON read through geopandas, and the GeoPackage export (``export-table --format gpkg``, the projects page).

Expectations come from the data files (tests/oracle.py, the GeoJSON files as json reads them).
"""

from __future__ import annotations

import json
import subprocess
import sys

import geopandas as gpd
import oracle
import pytest
from run_cli import ROOT, run_countymap

from countymap.core.geodata import LAYERS, load_geodata
from countymap.schema import GEODATA_FILES, PROJECTS

NOT_DRAWN = {"county", "unknown"}  # precisions the map does not pin (docs/data.md, Location precision)


@pytest.mark.parametrize("key", LAYERS)
def test_a_layer_read_by_geopandas_is_the_file_feature_for_feature(key):
    geodata = load_geodata(ROOT / "geodata")
    assert geodata.layers[key].crs.to_epsg() == 4326
    as_json = json.loads((ROOT / GEODATA_FILES[key]).read_text(encoding="utf-8"))
    attribute = {"areas": "township_areas"}.get(key, key)
    assert getattr(geodata, attribute) == as_json


def test_reading_the_geodata_leaves_gdal_unloaded():
    # GDAL (through pyogrio) took about 30 MB resident for files of a few kilobytes: only a GeoPackage needs it.
    code = (
        "import sys; from countymap.core.geodata import load_geodata; from countymap.config import REPO_ROOT\n"
        "geodata = load_geodata(REPO_ROOT / 'geodata'); geodata.seats; geodata.areas; geodata.outline\n"
        "print(sorted(m for m in ('pyogrio', 'fiona') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> gpd.GeoDataFrame:
    out = tmp_path_factory.mktemp("gpkg") / "projects.gpkg"
    args = ["--projects", str(ROOT / "projects.csv"), "--format", "gpkg", "--out", str(out), "--year", "2023"]
    done = run_countymap("export-table", *args)
    assert done.returncode == 0, done.stderr
    return gpd.read_file(out, layer="projects")


def test_the_geopackage_holds_the_filtered_rows_in_wgs84(exported):
    rows = oracle.read_rows(ROOT / "projects.csv")
    assert sorted(exported["id"]) == oracle.selected_ids(rows, years=("2023",))
    assert exported.crs.to_epsg() == 4326
    assert set(PROJECTS.columns) | {"drawn_precision", "placement_note"} <= set(exported.columns)


def test_only_what_the_map_cannot_pin_lacks_a_geometry(exported):
    precision = {row["id"]: row["precision"] for row in oracle.read_rows(ROOT / "projects.csv")}
    missing = {item for item, geometry in zip(exported["id"], exported.geometry, strict=True) if geometry is None}
    assert missing == {item for item in exported["id"] if precision[item] in NOT_DRAWN}
    assert 0 < len(missing) < len(exported)


def test_amounts_stay_numbers_and_unknown_stays_empty(exported):
    stated = {row["id"]: row["investment_yi"] for row in oracle.read_rows(ROOT / "projects.csv")}
    for item, amount in zip(exported["id"], exported["investment_yi"], strict=True):
        if stated[item]:
            assert amount == pytest.approx(float(stated[item]))
        else:
            assert amount != amount  # NaN: not disclosed, never 0
