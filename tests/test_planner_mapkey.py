"""What the map's keys are given for sizing and shading by an amount.

By hand from projects.csv and geodata/: the only 2023 planned amount placed in
a township is 桃花源新城标志工程 (22 亿元以上, 桃花源街道, whose area it shares
with 钟多街道); the county-wide amounts (136, 15, 7.2 亿元以上) lie in no area.
"""

from __future__ import annotations

import pytest
from apptest_run import ROOT

from countymap.core.aggregate import area_summaries, measure_key, round_step, size_steps
from countymap.core.geodata import load_geodata
from countymap.core.placement import place_projects
from countymap.core.tables import load_projects
from countymap.text.format import badge_number, key_unit


@pytest.fixture(scope="module")
def summaries():
    projects, geodata = load_projects(ROOT / "projects.csv"), load_geodata(ROOT / "geodata")
    return area_summaries(projects, place_projects(projects, geodata), geodata), geodata


def test_one_area_with_money_is_named_not_shaded_in_classes(summaries):
    areas, geodata = summaries
    key = measure_key(areas, "planned_for_2023")
    assert key.areas == 1 and "桃花源街道" in geodata.areas[key.only_area].townships
    assert key.lower_bound and key.size_steps == (20.0,)
    count = measure_key(areas, "count")
    assert count.only_area is None and count.areas > 20 and len(count.size_steps) == 3


@pytest.mark.parametrize(
    ("value", "step"), [(137, 100), (0.262, 0.2), (7.2, 5), (22, 20), (1, 1), (0.05, 0.05), (499, 200)]
)
def test_size_key_steps_are_round(value, step):
    assert round_step(value) == pytest.approx(step)


def test_size_steps_span_the_values():
    assert size_steps([0, 1, 90]) == (1.0, 5.0, 50.0)  # sqrt(90) = 9.5 -> 5
    assert size_steps([0, 0]) == ()


@pytest.mark.parametrize(
    ("value", "measure", "lang", "floor", "shown"),
    [
        (5, "count", "zh", False, "5"),
        (22, "planned_for_2023", "zh", True, "22+"),
        (22, "planned_for_2023", "en", True, "2.2k+"),  # ¥2,200 million
        (0.262, "completed_in_2022", "zh", False, "0.26"),
        (0, "total", "en", False, "–"),  # no amount: never 0
    ],
)
def test_the_badge_number_follows_the_measure(value, measure, lang, floor, shown):
    assert badge_number(value, measure, lang, floor) == shown


def test_the_key_names_its_unit():
    assert key_unit("planned_for_2023", "zh") == "亿元" and key_unit("planned_for_2023", "en") == "¥ million"
    assert key_unit("count", "en") == "items"


def test_the_map_is_told_what_its_keys_and_badges_say(summaries):
    from countymap.map.keys import badge_texts, shading_key, size_key

    areas, geodata = summaries
    taohuayuan = next(a.index for a in geodata.areas if "桃花源街道" in a.townships)
    texts = badge_texts(areas, "planned_for_2023", "zh")
    assert texts[taohuayuan] == "22+" and set(texts.values()) == {"22+", "–"}  # the others have none, never 0
    assert badge_texts(areas, "count", "zh")[taohuayuan] == str(areas[taohuayuan].count)
    key = size_key(areas, "planned_for_2023", "en")
    assert key["title"] == "Planned for 2023 (¥ million)" and key["steps"] == [{"value": 20.0, "text": "2,000"}]
    assert key["floor"]
    one = shading_key(areas, "planned_for_2023", "zh")
    assert one["classes"] == [] and "桃花源街道" in one["note"]
    none = shading_key(areas, "total", "zh")  # 500 亿元以上 is county-wide: no area holds it
    assert none["classes"] == [] and none["note"]
    counts = shading_key(areas, "count", "zh")
    assert len(counts["classes"]) >= 3 and all("." not in c["text"] for c in counts["classes"])  # whole numbers
