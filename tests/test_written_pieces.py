"""A feature is written in pieces (shared head and tail, words per language) and a page puts them together again."""

from __future__ import annotations

import json

import numpy as np
import pytest
from drawing import dataset_of

from countymap.core.filters import FilterState
from countymap.map.features import dataset_features, write_table, written_table
from countymap.map.written import WrittenLayer, feature_pieces, write_pieces

SHARED = {"c": "water"}


def feature(item_id: str, name: str, lon: float, status: str = "planned", **words) -> dict:
    props = {"id": item_id, "n": name, "s": status, "c": "water", "p": "exact", **words}
    return {
        "type": "Feature",
        "id": item_id,
        "geometry": {"type": "Point", "coordinates": [lon, 28.8]},
        "properties": props,
    }


def test_a_feature_is_cut_into_head_words_and_tail():
    head, words, tail = feature_pieces(feature("a-1", "水库 &lt;甲&gt;", 108.5, su="一句"), SHARED)
    # By hand: the codes in the head, the words (and the closing brace of the properties), the geometry.
    assert head == '{"id": "a-1", "properties":{"s":"planned","p":"exact",'
    assert words == '"n":"水库 \\u0026lt;甲\\u0026gt;","su":"一句"}'
    assert tail == ',"geometry":{"type":"Point","coordinates":[108.5,28.8]}},'
    assert json.loads((head + words + tail)[:-1]) == {
        "id": "a-1",
        "properties": {"s": "planned", "p": "exact", "n": "水库 &lt;甲&gt;", "su": "一句"},
        "geometry": {"type": "Point", "coordinates": [108.5, 28.8]},
    }


def test_an_item_without_words_is_refused_rather_than_written_broken():
    item = feature("a-1", "x", 108.5)
    del item["properties"]["n"]
    with pytest.raises(ValueError, match="no words"):
        feature_pieces(item, SHARED)


def _layer(features, words_of=None) -> WrittenLayer:
    rows = [(code, row, f, SHARED) for row, (code, f) in enumerate(features)]
    shapes, words = write_pieces(rows, with_shapes=True)
    if words_of is not None:
        _, words = write_pieces([(c, r, words_of(f), s) for c, r, f, s in rows], with_shapes=False)
    return WrittenLayer(shapes["water"], words["water"])


def test_a_page_puts_each_chosen_features_pieces_together():
    layer = _layer([("water", feature(f"a-{n}", f"名{n}", 108 + n)) for n in range(3)])
    page = json.loads(layer.page(np.array([True, False, True])))
    assert [(f["id"], f["properties"]["n"], f["geometry"]["coordinates"][0]) for f in page] == [
        ("a-0", "名0", 108),
        ("a-2", "名2", 110),
    ]


def test_words_of_another_language_fit_the_same_shapes():
    def in_english(item):
        return feature(item["id"], "Name " + item["id"], item["geometry"]["coordinates"][0], t="Gongtan, Longtan")

    layer = _layer([("water", feature(f"a-{n}", f"名{n}", 108 + n)) for n in range(2)], words_of=in_english)
    page = json.loads(layer.page(np.array([False, True])))
    assert page == [
        {
            "id": "a-1",
            "properties": {"s": "planned", "p": "exact", "n": "Name a-1", "t": "Gongtan, Longtan"},
            "geometry": {"type": "Point", "coordinates": [109, 28.8]},
        }
    ]


def test_words_for_other_features_are_refused():
    shapes, _ = write_pieces([("water", 0, feature("a-0", "甲", 108), SHARED)], with_shapes=True)
    _, words = write_pieces([("water", 5, feature("a-5", "乙", 108), SHARED)], with_shapes=False)
    with pytest.raises(ValueError, match="other features"):
        WrittenLayer(shapes["water"], words["water"])


def test_a_second_language_shares_the_shapes_and_draws_what_a_table_of_its_own_draws(map_projects, map_geodata):
    dataset = dataset_of(map_projects, map_geodata)
    zh, en = (written_table(dataset, lang=lang, to_gcj02=False) for lang in ("zh", "en"))
    assert all(zh.layers[code].shapes is en.layers[code].shapes for code in zh.layers)
    assert all(zh.layers[code].words is not en.layers[code].words for code in zh.layers)
    alone = write_table(map_projects, map_geodata, lang="en")
    part = dataset_features(dataset, FilterState(statuses=("planned",)), lang="en", to_gcj02=False)
    for code, page in part.pages.items():
        chosen = np.isin(alone.layers[code].rows, np.flatnonzero(map_projects["status"].to_numpy() == "planned"))
        assert page == alone.layers[code].page(chosen)
