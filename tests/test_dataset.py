"""One Dataset per loaded table: it owns what is derived from it, names its county and edition, and dies whole."""

from __future__ import annotations

import gc
import os
import weakref

import numpy as np
import pytest
from apptest_run import ROOT, run
from drawing import dataset_of

from countymap.core.dataset import Dataset
from countymap.core.filters import FilterState, apply_filters
from countymap.core.identity import DatasetError, read_identity
from countymap.map.decor import data_credit, map_title
from countymap.map.features import dataset_features, written_table

OTHER_COUNTY = """[county]
adcode = "500241"
name_zh = "秀山土家族苗族自治县"
name_en = "Xiushan Tujia and Miao Autonomous County"
short_zh = "秀山县"
short_en = "Xiushan"

[edition]
year = 2024
report_date = "2024-01-20"
report_file = "report.txt"
report_sha256 = "00"
report_bytes = 1
"""


def test_the_repository_names_its_county_and_edition():
    county, edition = read_identity(ROOT)  # by hand, from dataset.toml
    assert (county.adcode, county.name("zh", short=True), county.name("en", short=True)) == (
        "500242",
        "酉阳县",
        "Youyang",
    )
    assert (edition.year, edition.report_date) == (2023, "2023-02-08")
    assert edition.report_sha256.startswith("a5d65001b649")
    assert county.geodata_dir == ROOT / "geodata"


def test_a_broken_dataset_toml_is_named(tmp_path):
    with pytest.raises(DatasetError, match=r"dataset\.toml"):
        read_identity(tmp_path)
    (tmp_path / "dataset.toml").write_text("[county]\nadcode = 1\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="lacks"):
        read_identity(tmp_path)


def test_titles_and_credits_come_from_the_dataset(tmp_path, map_projects, map_geodata):
    (tmp_path / "dataset.toml").write_text(OTHER_COUNTY, encoding="utf-8")
    other = Dataset.of(map_projects, map_geodata, tmp_path)
    assert map_title(other, "zh").startswith("秀山县 2024 年") and "Xiushan County 2024" in map_title(other, "en")
    assert "秀山县 2024" in data_credit(other, "zh") and "酉阳" not in data_credit(other, "zh")


def test_the_app_title_reads_the_dataset(tmp_path, monkeypatch):
    for name in ("geodata", "projects.csv", "indicators.csv"):
        os.symlink(ROOT / name, tmp_path / name)
    (tmp_path / "dataset.toml").write_text(OTHER_COUNTY, encoding="utf-8")
    monkeypatch.setenv("COUNTYMAP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("COUNTYMAP_PROJECTS", raising=False)
    for lang, expected in (("zh", "秀山县 2024 年"), ("en", "Xiushan County 2024")):
        assert run("app.py", lang=lang).title[0].value.startswith(expected)


def test_masks_select_what_the_filters_select_and_are_kept(map_projects, map_geodata):
    dataset = dataset_of(map_projects, map_geodata)
    state = FilterState(statuses=("planned",))
    kept = dataset.mask(state)
    assert list(dataset.rows(state)["id"]) == list(apply_filters(map_projects, state)["id"])
    assert dataset.mask(state) is kept and not kept.flags.writeable
    assert np.array_equal(dataset.mask(FilterState()), np.ones(len(map_projects), dtype=bool))


def test_what_a_dataset_derives_is_freed_with_it(map_projects, map_geodata):
    dataset = dataset_of(map_projects, map_geodata)
    features = dataset_features(dataset, FilterState(), lang="zh", to_gcj02=False)
    table = written_table(dataset, lang="zh", to_gcj02=False)
    assert dataset_features(dataset, FilterState(), lang="zh", to_gcj02=False) is features  # kept while it lives
    refs = [weakref.ref(obj) for obj in (dataset, features, table)]
    del dataset, features, table
    gc.collect()
    assert [ref() for ref in refs] == [None, None, None]  # no cache elsewhere holds on to them
