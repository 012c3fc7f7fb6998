"""``bench-counties`` without the browser: two Chongqing units with 20 synthetic items each, so the command cannot rot.

Expectations by hand: 城口县 (500229) and 巫溪县 (500238), the embedded report's edition
(dataset.toml: 2023, 000_7e2e0f9dafc359a0.txt), and the figures' section format.
"""

from __future__ import annotations

import csv
import json
import os

import pytest

from countymap.bench import counties
from countymap.config import environment

ADCODES = ["500229", "500238"]
NAMES = {"500229": "城口县", "500238": "巫溪县"}


@pytest.fixture(scope="module")
def prepared(registry, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    return cache, counties.prepare(ADCODES, cache, 20, registry)


def _rows(folder):
    with open(folder / "projects.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_each_county_is_a_dataset_folder_with_its_own_items(prepared):
    cache, folders = prepared
    assert folders == [cache / code for code in ADCODES]
    for folder in folders:
        toml = (folder / "dataset.toml").read_text(encoding="utf-8")
        assert f'adcode = "{folder.name}"' in toml and f'name_zh = "{NAMES[folder.name]}"' in toml
        assert "year = 2023" in toml and 'report_file = "000_7e2e0f9dafc359a0.txt"' in toml
        towns = json.loads((folder / "geodata" / "townships.geojson").read_text(encoding="utf-8"))
        names = {f["properties"]["name_zh"] for f in towns["features"]}
        rows = _rows(folder)
        assert len(rows) == 20 and len({row["id"] for row in rows}) == 20
        used = {town for row in rows for town in row["townships"].split("|") if town}
        assert used and used <= names


def test_a_second_run_reuses_the_built_geodata(prepared, registry):
    cache, folders = prepared
    before = {folder: (folder / "geodata" / "townships.geojson").stat().st_mtime_ns for folder in folders}
    again = counties.prepare(ADCODES, cache, 20, registry)
    assert {folder: (folder / "geodata" / "townships.geojson").stat().st_mtime_ns for folder in again} == before


def test_the_app_is_pointed_at_every_folder(prepared):
    _, folders = prepared
    env = counties.datasets_env(folders)
    assert env["COUNTYMAP_DATASETS"] == os.pathsep.join(str(folder) for folder in folders)
    assert env["COUNTYMAP_DATA_DIR"] == str(folders[0]) and env["COUNTYMAP_PROJECTS"] is None


def test_the_filter_change_runs_on_the_served_counties(prepared):
    _, folders = prepared
    figures = counties.measure_app(folders, 1)
    assert figures["filter_s"] > 0 and figures["filter_cpu_s"] > 0


def test_the_command_writes_its_section_and_keeps_the_rest(prepared, tmp_path):
    cache, _ = prepared
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n## Results\n\nkept\n", encoding="utf-8")
    argv = ["--cache", str(cache), "--only", ",".join(ADCODES), "--items", "20", "--skip", "browser,app"]
    with environment({"COUNTYMAP_DATASETS": None}):
        assert counties.main([*argv, "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\n## Results\n\nkept\n")
    assert "\n\n## Several counties at once\n" in text and "<!--" not in text
    assert "| 2 | 40 | — | — | — | — | — | — | — |" in text
    assert "| first view drawn in Chromium < 1.5 s (new reader) | — | — | not measured |" in text


def test_the_targets_say_met_and_missed():
    row = {"view_s": 2.0, "view_warm_s": 1.2, "frame_s": 0.4, "filter_s": 0.2, "filter_cpu_s": 0.1}
    lines = counties.targets(row | {"server_rss_mb": 512.4})
    assert lines[2] == "| first view drawn in Chromium < 1.5 s (new reader) | 2.00 | — | **missed** |"
    assert lines[3] == "| … returning reader (cache warm) < 1.5 s | 1.20 | — | **met** |"
    assert lines[4] == "| … the map's frame alone < 1.5 s | 0.40 | — | **met** |"
    assert lines[5] == "| filter change < 0.5 s | 0.20 | 0.10 | **met** |"
    assert lines[6] == "| server peak RSS (reported) | 512 | — | reported |"


def test_a_second_run_replaces_its_section(prepared, tmp_path):
    cache, _ = prepared
    out = tmp_path / "BENCHMARKS.md"
    out.write_text(
        "# Benchmarks\n\n## Several counties at once\n\nold figures\n\n## Upload sessions\n\nkept\n", encoding="utf-8"
    )
    argv = ["--cache", str(cache), "--only", "500229", "--items", "20", "--skip", "browser,app", "--out", str(out)]
    with environment({"COUNTYMAP_DATASETS": None}):
        assert counties.main(argv) == 0
    text = out.read_text(encoding="utf-8")
    assert "old figures" not in text and text.count("## Several counties at once") == 1
    assert "| 1 | 20 | — |" in text and text.rstrip().endswith("## Upload sessions\n\nkept")


@pytest.mark.parametrize("argv", [["--skip", "nothing"], ["--only", ",".join(["500229"] * 61)]])
def test_bad_arguments_exit_2(tmp_path, argv):
    with pytest.raises(SystemExit) as exited:
        counties.main(["--cache", str(tmp_path / "c"), *argv])
    assert exited.value.code == 2
