"""The drafter: cleaning keeps offsets, sections and years, patterns, amounts, matching, an invented county end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from countymap.core.tables import read_raw
from countymap.draft.clean import clean
from countymap.draft.drafter import draft
from countymap.draft.evaluate import evaluate
from countymap.draft.figures import parse_amount
from countymap.draft.lexicon import load_lexicon
from countymap.draft.match import name_key, similarity
from countymap.draft.sections import find_sections
from countymap.draft.status import call_status

ROOT = Path(__file__).resolve().parent.parent
COUNTY = ROOT / "tests" / "data" / "draft_county"
RAW = (COUNTY / "report.txt").read_text(encoding="utf-8")


def test_cleaning_drops_breaks_and_footers_and_keeps_offsets():
    raw = "桃花源水库大坝\n\n— 4 —\n\n主体工程(二期)完工, 投资 2.1亿元"
    text = clean(raw)
    assert text.text == "桃花源水库大坝主体工程（二期）完工，投资2.1亿元"
    start = text.text.index("主体")
    a, b = text.to_original(start, start + 4)
    assert raw[a:b] == "主体工程"
    for i, ch in enumerate(text.text):
        if ch not in "（），":
            assert raw[text.origin[i]] == ch


def test_sections_and_their_years_come_from_the_headings():
    codes = [(s.code, s.year, s.phase) for s in find_sections(RAW)]
    assert codes == [("一", 2030, "review"), ("一(一)", 2030, "review"), ("二", 2031, "plan"), ("二(一)", 2031, "plan")]


@pytest.mark.parametrize(
    ("text", "yi", "qualifier"),
    [
        ("完成投资 21.3 亿元", 21.3, ""),
        ("完成投资2620万元", 0.262, ""),
        ("22 亿元以上", 22.0, "at_least"),
        ("约3亿元", 3.0, "about"),
    ],
)
def test_amounts(text, yi, qualifier):
    amount = parse_amount(text)
    assert amount.yi == pytest.approx(yi) and amount.qualifier == qualifier


@pytest.mark.parametrize(
    ("cue", "phase", "status"),
    [
        ("建成投用", "review", "completed"),
        ("加快建设", "plan", "in_progress"),
        ("达到开工条件", "plan", "preparatory"),
        ("获评", "review", "designated"),
        ("启动", "plan", "planned"),
        ("完成投资", "review", "in_progress"),
        ("主体工程完工", "review", "in_progress"),
    ],
)
def test_status_follows_the_rules_and_the_phase(cue, phase, status):
    assert call_status(cue, load_lexicon(), phase).code == status


def test_matching_rules():
    assert name_key("“互联网小镇”（2023年）") == "互联网小镇"
    assert similarity("酉（阳）彭（水）高速酉阳段", "酉（阳）彭（水）高速公路酉阳段") > 0.85
    assert similarity("幼儿园", "某新城幼儿园（2所）") >= 0.9
    assert similarity("碧津广场", "汇升广场商圈") < 0.5


def test_invented_county_end_to_end():
    frame = draft(RAW, COUNTY / "geodata").frame.set_index("name_zh")
    road = frame.loc["青石至白云公路"]
    assert (road.status, road.townships, road.years) == ("completed", "青石镇|白云乡", "2030")
    reservoir = frame.loc["云湖水库"]
    assert reservoir.townships == "白云乡" and reservoir.years == "2030|2031" and reservoir.status == "in_progress"
    assert frame.loc["5G基站"].quantity == "120" and frame.loc["5G基站"].category == "telecom"
    school = next(n for n in frame.index if "望江中学" in n)
    assert frame.loc[school].investment_yi == "1.5" and frame.loc[school].townships == "望江街道"
    assert frame.loc["高标准农田"].quantity_unit == "万亩"
    assert all(frame.summary_zh == "")
    for cell in frame.source_spans:
        for span in cell.split("|"):
            a, b = map(int, span.split(":"))
            assert 0 <= a < b <= len(RAW) and "—" not in RAW[a:b]


def test_no_place_of_the_real_county_in_the_drafter():
    names = set(read_raw(ROOT / "geodata" / "places.csv")["name_zh"]) | set(
        read_raw(ROOT / "geodata" / "villages.csv")["name_zh"]
    )
    from countymap.core.geodata import township_names

    names |= set(township_names(ROOT / "geodata")) | {"酉阳"}
    source = "".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "countymap" / "draft").glob("*.*")
        if p.suffix in (".py", ".toml")
    )
    assert sorted(n for n in names if n in source) == []


def test_evaluation_on_the_report_meets_its_targets(report_text):
    result = draft(report_text, ROOT / "geodata")
    evaluation = evaluate(result.frame, read_raw(ROOT / "projects.csv"))
    assert all(evaluation.meets_targets().values()), evaluation.figures


def test_evaluation_tolerates_extra_columns(report_text, tmp_path):
    curated = read_raw(ROOT / "projects.csv").assign(part_of="", item_kind="x")
    result = draft(report_text, ROOT / "geodata")
    assert evaluate(result.frame, curated).figures["recall_all"] > 0.7
