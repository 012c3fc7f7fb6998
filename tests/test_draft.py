"""The drafter: cleaning keeps offsets, sections and years, each pattern, amounts, matching, the review's record, an invented county end to end."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from countymap.core.tables import read_raw
from countymap.draft.clean import clean
from countymap.draft.drafter import draft
from countymap.draft.evaluate import evaluate
from countymap.draft.figures import parse_amount
from countymap.draft.lexicon import load_lexicon
from countymap.draft.match import name_key, similarity
from countymap.draft.review import accepted, keep_edits
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


# --- one pattern each: a report of one sentence, written for the test, about the invented county ---------


def drafts_of(body: str, phase: str = "plan"):
    """The drafts of a report with one part (the review of 2030 or the plan for 2031) holding ``body``."""
    heading = "一、2030 年工作回顾" if phase == "review" else "二、2031 年重点工作安排"
    frame = draft(f"虚构县人民政府工作报告\n{heading}\n（一）测试。{body}\n", COUNTY / "geodata").frame
    return frame.assign(kind=frame["evidence"].str.extract(r"kind=(\w+)", expand=False))


def only(frame, name: str):
    assert list(frame["name_zh"]) == [name]
    return frame.iloc[0]


@pytest.mark.parametrize(
    ("body", "phase", "name", "category", "status", "townships"),
    [
        ("新建白云乡卫生院。", "plan", "白云乡卫生院", "health", "planned", "白云乡"),
        ("加快建设白云水库。", "plan", "白云水库", "reservoir", "in_progress", "白云乡"),
        ("开工建设望江大桥。", "plan", "望江大桥", "road", "planned", "望江街道"),
        ("建成青石光伏电站。", "review", "青石光伏电站", "power", "completed", "青石镇"),
    ],
)
def test_named_works_by_their_suffix(body, phase, name, category, status, townships):
    row = only(drafts_of(body, phase), name)
    assert (row.kind, row.category, row.status, row.townships) == ("named", category, status, townships)


def test_routes_from_one_place_to_another():
    frame = drafts_of("建成青石至白云 12 公里、白云至望江。", "review").set_index("name_zh")
    assert list(frame.index) == ["青石至白云", "白云至望江"]
    assert list(frame.kind) == ["route", "route"] and list(frame.status) == ["completed", "completed"]
    assert list(frame.townships) == ["青石镇|白云乡", "白云乡|望江街道"]
    assert (frame.loc["青石至白云", "quantity"], frame.loc["青石至白云", "quantity_unit"]) == ("12", "公里")


def test_kv_lines_keep_their_voltage():
    frame = drafts_of("建成投运 35kV 白云输变电工程，启动 110kV 青石至望江联接线。", "review").set_index("name_zh")
    assert list(frame.index) == ["35kV白云输变电工程", "110kV青石至望江联接线"]
    assert list(frame.category) == ["power", "power"] and list(frame.status) == ["completed", "in_progress"]
    assert list(frame.townships) == ["白云乡", "青石镇|望江街道"]


def test_quoted_names_with_a_work_word_but_not_a_count_of_firms():
    row = only(drafts_of("实施农村供水“一改三提”。", "review"), "农村供水“一改三提”")
    assert (row.kind, row.category) == ("quoted", "water")
    assert drafts_of("新增“四上企业”76 户。", "review").empty


@pytest.mark.parametrize(
    ("body", "name", "quantity", "unit"),
    [
        ("新建村级卫生室 8 个。", "村级卫生室", "8", "个"),
        ("新建 12 个村级卫生室。", "村级卫生室", "12", "个"),
        ("改造农村卫生室 12 所。", "农村卫生室", "12", "所"),
        ("新建农村户厕 1200 座。", "农村户厕", "1200", "座"),
        ("新建油茶基地 5000 亩。", "油茶基地", "5000", "亩"),
    ],
)
def test_counted_programmes(body, name, quantity, unit):
    row = only(drafts_of(body), name)
    assert (row.kind, row.quantity, row.quantity_unit) == ("counted", quantity, unit)


@pytest.mark.parametrize(
    ("body", "phase", "name", "yi", "qualifier", "kind"),
    [
        ("建成望江中学，完成投资约 1.2 亿元。", "review", "望江中学", "1.2", "about", "completed_in_2022"),
        ("实施青石镇污水处理厂项目，总投资 3 亿元以上。", "plan", "青石镇污水处理厂项目", "3", "at_least", "total"),
        ("青石镇污水处理厂完成投资 2620 万元。", "review", "青石镇污水处理厂", "0.262", "", "completed_in_2022"),
    ],
)
def test_amounts_with_their_qualifier_go_to_their_work(body, phase, name, yi, qualifier, kind):
    row = only(drafts_of(body, phase), name)
    assert (row.investment_yi, row.investment_qualifier, row.investment_kind) == (yi, qualifier, kind)


@pytest.mark.parametrize(
    ("body", "phase", "name", "quantity", "unit"),
    [
        ("开工青石至白云二级公路 18 公里。", "plan", "青石至白云二级公路", "18", "公里"),
        ("建成望江大桥 1.2 公里。", "review", "望江大桥", "1.2", "公里"),
        ("新建 5G 基站 30 座。", "plan", "5G基站", "30", "座"),
        ("新建高标准农田 2 万亩。", "plan", "高标准农田", "2", "万亩"),
    ],
)
def test_quantities_with_their_units(body, phase, name, quantity, unit):
    row = only(drafts_of(body, phase), name)
    assert (row.quantity, row.quantity_unit) == (quantity, unit)


# --- programmes stated as budget lines, places by rule (hand-written sentences about the invented county) ---

FIGURES = ["item_kind", "status", "investment_yi", "investment_kind", "investment_qualifier", "quantity"]


def test_a_counted_budget_line_is_a_programme_with_its_amount():
    row = only(drafts_of("储备县级重大前期项目 12 个，投资额 80 亿元以上。"), "县级重大前期项目")
    assert row.kind == "budget"
    assert list(row[FIGURES]) == ["programme", "preparatory", "80", "total", "at_least", "12"]
    assert drafts_of("新签约项目 40 个。", "review").empty  # counted, but no verb puts the works in hand


def test_budget_lines_listed_together_share_one_amount():
    row = only(
        drafts_of("实施市级重大项目 5 个、县级重点项目 40 个，完成年度投资 20 亿元以上。"), "市级重大项目和县级重点项目"
    )
    assert list(row[FIGURES]) == ["programme", "planned", "20", "planned_for_2023", "at_least", ""]


@pytest.mark.parametrize(
    ("phase", "status", "kind", "qualifier"),
    [("plan", "planned", "planned_for_2023", "at_least"), ("review", "in_progress", "completed_in_2022", "")],
)
def test_an_investment_target_without_a_work_word_is_a_programme(phase, status, kind, qualifier):
    body = "完成工业投资 6 亿元以上。" if qualifier else "完成工业投资 6 亿元。"
    row = only(drafts_of(body, phase), "工业投资")
    assert (row.kind, row.category) == ("target", "industry")
    assert list(row[FIGURES]) == ["programme", status, "6", kind, qualifier, ""]


def test_an_investment_target_of_counted_works_joins_their_count():
    row = only(drafts_of("完成文旅项目年度投资 3 亿元以上。实施重点文旅项目 9 个。"), "文旅项目")
    assert list(row[FIGURES]) == ["programme", "planned", "3", "planned_for_2023", "at_least", "9"]
    assert len(row.source_spans.split("|")) == 2


def test_a_count_of_places_and_a_fund_pool():
    row = only(
        drafts_of("在 4 个行政村创设共富乡村合作社，建立资金池 200 万元。", "review"), "共富乡村合作社（4个行政村）"
    )
    assert list(row[FIGURES]) == ["programme", "completed", "0.02", "pooled_fund", "", "4"]
    pooled = only(drafts_of("整合资金 2 亿元，实施补短板项目 60 个。", "review"), "补短板项目")
    assert (pooled.investment_kind, pooled.item_kind) == ("pooled_fund", "programme")


def test_townships_listed_before_what_is_done_in_them_are_one_programme():
    row = only(drafts_of("完善青石、白云等乡镇供水管网。"), "青石、白云等乡镇供水管网")
    assert (row.kind, row.item_kind, row.townships, row.category) == ("grouped", "programme", "青石镇|白云乡", "water")
    titles = drafts_of("打造青石、白云等县级示范乡镇。")  # a class, not works: one designation each
    assert list(titles.townships) == ["青石镇", "白云乡"] and set(titles.item_kind) == {"designation"}


def test_the_county_town_is_its_subdistricts():
    row = only(drafts_of("新建县城滨江公园项目。"), "县城滨江公园项目")
    assert (row.townships, row.precision) == ("望江街道", "township")


def test_a_topic_takes_its_setting_from_one_of_its_first_sentences():
    works = "整治老城。加快甲乙花园、丙丁华府等房地产项目建设。改造 6 个老旧小区。"
    place = "疏解松林村背街小巷加工业态。"
    frame = drafts_of(works + place)
    assert list(frame.name_zh) == ["甲乙花园（房地产项目）", "丙丁华府（房地产项目）", "老旧小区"]
    assert set(frame.townships) == {"青石镇"}
    too_late = drafts_of(works + "规范城区夜市经营，严管车辆乱停。" + place)
    assert set(too_late.townships) == {""}


def test_a_count_of_works_is_a_programme():
    row = only(drafts_of("实施重点水利工程 3 个。", "review"), "水利工程")
    assert (row.kind, row.item_kind, row.quantity) == ("named", "programme", "3")


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


def test_evaluation_counts_item_kinds_and_amount_kinds_over_matched_pairs():
    base = {"status": "planned", "category": "other", "townships": "", "precision": "county"}
    curated = pd.DataFrame(
        [
            {**base, "name_zh": "工业投资（2031年）", "item_kind": "programme", "investment_yi": "6",
             "investment_kind": "planned_for_2023", "source_spans": "10:20"},
            {**base, "name_zh": "望江中学", "item_kind": "work", "investment_yi": "1.5",
             "investment_kind": "total", "source_spans": "30:40"},
        ]
    )  # fmt: skip
    drafts = curated.assign(item_kind=["programme", "programme"], investment_kind=["planned_for_2023", "planned"])
    evaluation = evaluate(drafts, curated)
    assert evaluation.figures["item_kind_agreement"] == 0.5 and "item_kind_agreement" not in evaluation.meets_targets()
    assert evaluation.counts["amounts"] == "2/2" and evaluation.counts["amounts_of_the_same_kind"] == "1/2"


def test_evaluation_on_the_report_meets_its_targets(report_text):
    result = draft(report_text, ROOT / "geodata")
    evaluation = evaluate(result.frame, read_raw(ROOT / "projects.csv"))
    assert all(evaluation.meets_targets().values()), evaluation.figures


def test_evaluation_tolerates_extra_columns(report_text, tmp_path):
    curated = read_raw(ROOT / "projects.csv").assign(part_of="", item_kind="x")
    result = draft(report_text, ROOT / "geodata")
    assert evaluate(result.frame, curated).figures["recall_all"] > 0.7


def test_review_keeps_the_editors_cells_by_row_and_takes_the_accepted_rows():
    drafts = pd.DataFrame({"decision": ["pending"] * 3, "summary_zh": ["", "", ""], "name_zh": ["甲", "乙", "丙"]})
    edited = pd.DataFrame({"decision": ["accept", "reject"], "summary_zh": ["自写。", None]}, index=[2, 0])
    keep_edits(drafts, edited, ("decision", "summary_zh"))
    assert drafts.to_dict("list") == {
        "decision": ["reject", "pending", "accept"],
        "summary_zh": ["", "", "自写。"],
        "name_zh": ["甲", "乙", "丙"],
    }
    assert accepted(drafts)[["name_zh", "summary_zh"]].to_dict("records") == [{"name_zh": "丙", "summary_zh": "自写。"}]
