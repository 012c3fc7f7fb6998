"""The app serves the map's items as a file beside the map: the file holds them, and the map's script does not."""

from __future__ import annotations

import json

from drawing import dataset_of

from countymap.app import page_files
from countymap.core.filters import FilterState
from countymap.map.build import build_map
from countymap.map.features import dataset_features

# By hand, from tests/data/map/projects.csv: the planned items the map draws (county-wide is listed, not drawn).
PLANNED_DRAWN = {"test-reservoir-build", "township-a", "alias-town"}
PLANNED = FilterState(statuses=("planned",))


def served_ids(folder, url: str) -> set[str]:
    pages = json.loads((folder / url.rsplit("/", 1)[1]).read_text(encoding="utf-8"))
    return {feature["id"] for page in pages for feature in page}


def test_the_served_file_holds_the_filtered_items(map_projects, map_geodata, tmp_path, monkeypatch):
    monkeypatch.setattr(page_files, "_FOLDER", tmp_path)
    dataset = dataset_of(map_projects, map_geodata)
    url = page_files.pages_url(dataset_features(dataset, PLANNED, lang="zh", to_gcj02=False))
    assert url.startswith("../") and url.endswith(".json")
    assert served_ids(tmp_path, url) == PLANNED_DRAWN


def test_the_same_items_give_the_same_file(map_projects, map_geodata, tmp_path, monkeypatch):
    monkeypatch.setattr(page_files, "_FOLDER", tmp_path)
    first = page_files.pages_url(
        dataset_features(dataset_of(map_projects, map_geodata), PLANNED, lang="zh", to_gcj02=False)
    )
    again = page_files.pages_url(
        dataset_features(dataset_of(map_projects, map_geodata), PLANNED, lang="zh", to_gcj02=False)
    )
    english = page_files.pages_url(
        dataset_features(dataset_of(map_projects, map_geodata), PLANNED, lang="en", to_gcj02=False)
    )
    assert first == again != english
    assert len(list(tmp_path.glob("*.json"))) == 2


def test_only_the_most_recent_files_are_kept(map_projects, map_geodata, tmp_path, monkeypatch):
    monkeypatch.setattr(page_files, "_FOLDER", tmp_path)
    monkeypatch.setattr(page_files, "FILES_KEPT", 2)
    dataset = dataset_of(map_projects, map_geodata)
    urls = [
        page_files.pages_url(dataset_features(dataset, FilterState(statuses=(status,)), lang="zh", to_gcj02=False))
        for status in ("planned", "completed", "in_progress")
    ]
    assert sorted(p.name for p in tmp_path.glob("*.json")) == sorted(u.rsplit("/", 1)[1] for u in urls[1:])


def test_a_served_map_names_the_file_instead_of_carrying_the_items(map_projects, map_geodata):
    dataset = dataset_of(map_projects, map_geodata)
    features = dataset_features(dataset, PLANNED, lang="zh", to_gcj02=False)
    inline = build_map(dataset, features).get_root().render()
    served = build_map(dataset, features, pages_url="../pages/x.json").get_root().render()
    assert '"township-a"' in inline, "the inline map carries the item: the test can fail"
    assert '"township-a"' not in served
    assert '"pagesUrl":"../pages/x.json"' in served
