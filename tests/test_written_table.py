"""A table is placed and written once; a filter takes its part and never moves an item."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from drawing import dataset_of

from countymap.core.downloads import geojson_bytes
from countymap.map.compact_geojson import compact_features
from countymap.map.features import project_features, write_table
from countymap.map.items import project_shared

# By hand, from tests/data/map/projects.csv: 龙潭镇 spreads four township-level points, ranked by id
# (hostile-project, missing-coords, township-a, township-b); township-a is the only planned one of them.
PLANNED = ["test-reservoir-build", "township-a", "alias-town", "county-wide"]


def points(features) -> dict[str, list]:
    return {f["id"]: f["geometry"]["coordinates"] for c in features.collections.values() for f in c["features"]}


def test_a_filtered_part_keeps_the_places_of_the_whole_table(map_projects, map_geodata):
    projects, geodata = map_projects, map_geodata
    planned = projects[projects["status"] == "planned"]
    assert list(planned["id"]) == PLANNED
    table = write_table(projects, geodata)
    whole, part = (
        points(project_features(projects, geodata, table=table)),
        points(project_features(planned, geodata, table=table)),
    )
    assert set(part) == {"test-reservoir-build", "township-a", "alias-town"}
    assert all(part[item] == whole[item] for item in part)
    area = geodata.area_of["龙潭镇"]
    centre = [round(area.label_lon, 5), round(area.label_lat, 5)]
    assert part["township-a"] != centre, "third of four: off the centre, as in the whole table"
    alone = points(project_features(planned, geodata))
    assert alone["township-a"] == centre, "placed alone it would be the first, at the centre: the test can fail"


def test_the_page_data_of_a_part_is_its_features_written(map_projects, map_geodata):
    projects, geodata = map_projects, map_geodata
    table = write_table(projects, geodata, lang="en", to_gcj02=True)
    part = project_features(projects.iloc[::2], geodata, lang="en", to_gcj02=True, table=table)
    for code, collection in part.collections.items():
        assert part.pages[code] == compact_features(collection["features"], project_shared(code))
    assert {f["id"] for c in part.collections.values() for f in c["features"]} <= set(projects["id"].iloc[::2])
    assert part.undrawn == int((projects.iloc[::2]["precision"] == "county").sum())


def test_a_part_must_come_from_the_table_in_its_language_and_datum(map_projects, map_geodata):
    projects, geodata = map_projects, map_geodata
    table = write_table(projects.iloc[:4], geodata)
    with pytest.raises(ValueError, match="not a part"):
        project_features(projects, geodata, table=table)
    with pytest.raises(ValueError, match="another language"):
        project_features(projects.iloc[:2], geodata, lang="en", table=table)
    with pytest.raises(ValueError, match="unique"):
        write_table(pd.concat([projects, projects.iloc[:1]]), geodata)


def test_exports_place_a_part_as_the_map_does(map_projects, map_geodata):
    projects, geodata = map_projects, map_geodata
    planned = projects[projects["status"] == "planned"]
    exported = json.loads(geojson_bytes(dataset_of(projects, geodata), planned))
    drawn = points(project_features(planned, geodata, table=write_table(projects, geodata)))
    assert {f["id"]: f["geometry"]["coordinates"] for f in exported["features"] if f["geometry"]} == drawn
    assert list(dataset_of(projects, geodata).undrawn(planned)["id"]) == ["county-wide"]
