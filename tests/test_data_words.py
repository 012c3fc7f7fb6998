"""Words: statuses and summaries say no more than the report, English names are English, and the
items the report names have rows of their own.

The rules are in tests/data_rules.py (cases by hand in test_data_rules.py); the expectations below are
written by hand from the report's words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from data_rules import claims_completion, passage, pinyin_runs

from countymap.core.tables import read_raw
from countymap.schema import PLACES

ROOT = Path(__file__).resolve().parent.parent
ROWS = {r["id"]: r for r in read_raw(ROOT / "projects.csv").to_dict("records")}
MAX_PINYIN_SYLLABLES = 4  # a run longer than this is untranslated, unless its words are proper names

# id -> (status at the report date, the report's words it follows)
STATUSES = {
    "urban-central-city-renewal-plan": ("in_progress", "编制中心城区更新规划"),  # drafting, not finished
    "urban-river-lighting": ("in_progress", "实施城市河流景观灯饰亮化工程"),  # carried out, not said finished
    "rural-butuanban-xiangmu-2022": ("in_progress", "实施补短板项目639个"),  # as 实施重点水利工程7个 (in_progress)
    "water-key-projects-2022": ("in_progress", "实施重点水利工程7个"),
    "school-education-projects-2022": ("in_progress", "实施教育项目48个"),
    "industry-industrial-projects-2022": ("in_progress", "实施工业项目32个"),
    "industry-humin-tech-line-upgrade": ("completed", "沪敏科技完成生产线改造"),
    "industry-humin-tech": ("", "盘活沪敏科技"),  # a firm to be revived: no works status
    "road-new-city-five-four-corridors": ("in_progress", "建设“五横四纵”通道11公里"),
}
# Words of the report that name an item: some row is named by them and quotes them.
NAMED_ITEMS = {
    "博士工作站": "other-innovation-platforms-2023",
    "专家大院": "other-innovation-platforms-2023",
    "酉州油茶科技": "industry-youzhou-youcha-keji",
    "为村共富农场": "rural-weicun-gongfu-nongchang",
    "深化桃花源旅投集团投融资模式改革创新试点": "scenic-taohuayuan-lvtou-jituan",
    "桃花源旅投“赋智用数上云”": "scenic-taohuayuan-lvtou-jituan",
    "沪敏科技完成生产线改造": "industry-humin-tech-line-upgrade",
}


def test_statuses_follow_the_reports_verbs(report_text):
    assert {key: ROWS[key]["status"] for key in STATUSES} == {key: status for key, (status, _) in STATUSES.items()}
    for key, (_, words) in STATUSES.items():
        assert words in passage(report_text, ROWS[key]["source_spans"]), key


def test_a_summary_says_finished_only_when_the_status_is_completed():
    # An enterprise has no works status; what it finished (a pilot, a line) is the firm's own business.
    claims = [
        (key, lang)
        for key, row in ROWS.items()
        if row["status"] and row["status"] != "completed"
        for lang in ("zh", "en")
        if claims_completion(row[f"summary_{lang}"], lang)
    ]
    assert claims == []


def _english_names() -> list[tuple[str, str]]:
    places = read_raw(ROOT / "geodata" / "places.csv", PLACES).to_dict("records")
    indicators = read_raw(ROOT / "indicators.csv", PLACES).to_dict("records")
    return [(key, row["name_en"]) for key, row in ROWS.items()] + [
        (row.get("place_id") or row["id"], row["name_en"]) for row in places + indicators if row["name_en"]
    ]


def test_english_names_start_with_a_capital():
    assert [(key, name) for key, name in _english_names() if not re.match(r"[“(\"]?[A-Z0-9]", name)] == []


def test_english_names_are_translated_not_runs_of_pinyin():
    glossary = read_raw(ROOT / "glossary.csv", PLACES).to_dict("records")
    proper = {g["en"] for g in glossary if g.get("proper_name") == "yes"}
    seats = json.loads((ROOT / "geodata" / "townships.geojson").read_text(encoding="utf-8"))["features"]
    proper |= {f["properties"]["name_en"].split()[0] for f in seats}  # township names are proper names
    untranslated = [
        (key, " ".join(words))
        for key, name in _english_names()
        for count, words in pinyin_runs(name)
        if count > MAX_PINYIN_SYLLABLES and not set(words) <= proper
    ]
    assert untranslated == []


def test_xiaoheba_is_spelled_as_its_characters_read():
    names = [name for key, name in _english_names() if key.startswith("water-xiaobahe") or key == "xiao-he-ba-he"]
    assert len(names) == 3 and all("Xiaoheba River" in name for name in names)


def test_the_items_the_report_names_have_rows(report_text):
    for words, key in NAMED_ITEMS.items():
        assert key in ROWS, words
        assert words in passage(report_text, ROWS[key]["source_spans"]), words
    assert "为村共富农场" in ROWS["rural-weicun-gongfu-nongchang"]["name_zh"]
    assert ROWS["scenic-taohuayuan-lvtou-jituan"]["years"] == "2022|2023"
