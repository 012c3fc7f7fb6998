"""The drafter on another county: its gazetteer, a text without headings, English names.

The report of ``tests/data/chengkou/report.txt`` is invented for these tests;
its places are 城口县's (500229) real townships and villages, from the geodata
build's registry sources. Every expectation below was written by hand from it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from run_cli import run_countymap

from countymap.cli.build_geodata import build_dataset
from countymap.draft.drafter import draft
from countymap.draft.english import english_name
from countymap.draft.lexicon import load_lexicon
from countymap.draft.sections import NO_HEADINGS
from countymap.geodata_build.build import write_files

REPORT = Path(__file__).parent / "data" / "chengkou" / "report.txt"
RAW = REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def geodata(registry, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("chengkou")
    files, _, _ = build_dataset("500229", folder / "src", None)
    write_files(files, folder / "geodata")
    return folder / "geodata"


def _by_name(frame) -> dict[str, dict]:
    return {row["name_zh"]: row for row in frame.to_dict("records")}


def test_drafts_take_the_countys_townships_and_villages(geodata):
    rows = _by_name(draft(RAW, geodata).frame)
    assert rows["巴山至坪坝公路"]["townships"] == "巴山镇|坪坝镇"
    assert rows["东安镇中心卫生院改造"]["townships"] == "东安镇"
    assert rows["岚天乡污水处理厂项目"]["townships"] == "岚天乡"
    assert rows["黄芩水库扩建工程"]["townships"] == ""  # no place named: county-wide, never a guess
    village_only = _by_name(draft("一、2032年重点工作安排\n新建龙泉村便民桥。", geodata).frame)
    assert village_only["龙泉村便民桥"]["townships"] == "明通镇"  # 龙泉村 is in 明通镇


def test_english_names_translate_words_and_spell_only_the_stems(geodata):
    rows = _by_name(draft(RAW, geodata).frame)
    assert rows["黄芩水库扩建工程"]["name_en"] == "Huangqin Reservoir expansion"
    assert rows["两河中型水库"]["name_en"] == "Lianghe medium-sized Reservoir"
    assert rows["城开高速公路"]["name_en"] == "Chengkai Expressway"
    assert rows["明通镇龙泉村便民桥"]["name_en"] == "Mingtong Town Longquan Village footbridge"


def test_english_name_without_a_gazetteer_keeps_ascii_and_words():
    assert english_name("G211国道改造", load_lexicon()) == "G211 National Highway renovation"
    assert english_name("35kV输变电工程", load_lexicon()) == "35kV power transmission"


def test_a_text_without_headings_is_one_part_with_a_warning(geodata):
    page = RAW[RAW.index("开工建设") :]  # the plan's lines, without its headings
    page = "2032 年 1 月 18 日\n" + page
    result = draft(page, geodata)
    assert result.warnings == (NO_HEADINGS,)
    assert set(result.frame["name_zh"]) == {
        "两河中型水库",
        "城开高速公路",
        "岚天乡污水处理厂项目",
        "河鱼乡金鸡水库渠系配套工程",
    }
    assert set(result.frame["years"]) == {"2032"}  # the report's date: a plan of its year
    assert {code for cell in result.frame["source_section"] for code in cell.split("|")} == {"一"}


def test_the_cli_says_when_a_text_has_no_headings(tmp_path, geodata):
    page = tmp_path / "page.txt"
    page.write_text("今年将加快建设甲乙水库。", encoding="utf-8")
    done = run_countymap("draft", str(page), "--geodata", str(geodata), "--out", str(tmp_path / "d.csv"), lang="")
    assert done.returncode == 0 and "no part headings" in done.stderr and "1 draft rows" in done.stdout
