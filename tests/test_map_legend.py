"""The legend draws the keys of countymap/map/keys.py: the size key of an amount and the shading classes.

Expectations by hand from projects.csv and geodata/: the only 2023 planned amount placed in a
township is 桃花源新城标志工程 (22 亿元以上, 桃花源街道, an area shared with 钟多街道), so sizing by it
gives one step of 20 亿元 marked as a lower bound, and shading by it names that one area in words;
the total (500 亿元以上) is county-wide, so no area is shaded by it.
"""

from __future__ import annotations

import re

import pytest
from apptest_run import ROOT

from countymap.core.aggregate import area_summaries
from countymap.core.geodata import load_geodata
from countymap.core.placement import place_projects
from countymap.core.tables import load_projects
from countymap.map.items import STATUS_COLOURS
from countymap.map.legend import LegendSpec, legend_html

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def summaries():
    projects, geodata = load_projects(ROOT / "projects.csv"), load_geodata(ROOT / "geodata")
    return tuple(area_summaries(projects, place_projects(projects, geodata), geodata))


def spec(summaries, **kwargs) -> LegendSpec:
    return LegendSpec(["planned"], ["badge"], STATUS_COLOURS, summaries=summaries, **kwargs)


def test_sizing_by_an_amount_draws_a_size_key_in_its_unit(summaries):
    zh = legend_html(spec(summaries, measure="planned_for_2023"), "zh")
    assert "2023年计划投资（亿元）" in zh and 'class="cm-size-step"' in zh
    assert re.search(r"<span>20</span>", zh) and "下限" in zh  # one step, 20 亿元, and 22 亿元以上 is a lower bound
    en = legend_html(spec(summaries, measure="planned_for_2023"), "en")
    assert "Planned for 2023 (¥ million)" in en and "<span>2,000</span>" in en and "lower bounds" in en


def test_the_size_key_circles_grow_with_the_amount(summaries):
    html = legend_html(spec(summaries, measure="completed_in_2022"), "zh")
    radii = [
        float(r) for r in re.findall(r'<circle cx="[\d.]+" cy="[\d.]+" r="([\d.]+)" fill="#fff" stroke="#333"/>', html)
    ]
    assert len(radii) >= 1 and radii == sorted(radii)


def test_counting_draws_no_size_key(summaries):
    assert "cm-size-key" not in legend_html(spec(summaries), "zh")


def test_one_area_with_money_is_said_in_words(summaries):
    html = legend_html(spec(summaries, shading="planned_for_2023"), "zh")
    assert "只有一个区域有此项金额" in html and "桃花源街道" in html
    assert "<rect" not in html  # no one-class scale


def test_no_area_with_money_says_so(summaries):
    html = legend_html(spec(summaries, shading="total"), "en")
    assert "No township has an amount of this kind" in html and "<rect" not in html


def test_count_classes_are_whole_numbers(summaries):
    html = legend_html(spec(summaries, shading="count"), "zh")
    classes = re.findall(r"</svg> ([^<]+)</div>", html.split("区域着色")[1])  # the rows after the shading head
    assert classes[0] == "无" and len(classes) >= 4
    assert all(re.fullmatch(r"\d+( – \d+)?", c) for c in classes[1:]), classes


def test_legend_text_is_escaped(summaries):
    html = legend_html(LegendSpec([HOSTILE], ["badge"], {HOSTILE: "#000"}, summaries=summaries), "zh")
    assert HOSTILE not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
