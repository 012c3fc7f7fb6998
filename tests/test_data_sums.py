"""Links and sums: part_of only where the report states it, each amount in its sector's and place's
totals, and every target with the report's 以上 / 突破.

Expectations are written by hand from the report (the words quoted below), never taken from the code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from data_rules import compact, passage, spans_of, stated_qualifier

from countymap.core.stats import alone_and_shared, amounts_by_kind, invest_by_category
from countymap.core.tables import load_projects, read_raw
from countymap.schema import INDICATORS

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = load_projects(ROOT / "projects.csv")
RAW = read_raw(ROOT / "projects.csv").to_dict("records")

# part -> (programme, words that head the list or count it, the part's own words in that list)
STATED_PARTS: dict[str, tuple[str, str, str]] = {
    **{
        part: ("scenic-youpeng-gaosu-yanxian-jingguandai", "等酉（阳）彭（水）高速沿线景观带", words)
        for part, words in (
            ("scenic-liangzeng-nanmuwan-meili-xiangcun", "两罾楠木湾美丽乡村旅游区"),
            ("scenic-dingshi-qiandangtian", "丁市千氹田"),
            ("scenic-tianguan-ziweiyuan", "天馆紫薇园"),
            ("scenic-tonggu-xinglong-guanguang-nongye", "铜鼓兴隆村观光农业基地"),
        )
    },
    **{
        part: ("road-yihuan-qishe", "启动县城区“一环七射”交通网络建设，开工", words)
        for part, words in (
            ("road-chengnan-banxi", "城南至板溪"),
            ("road-banzhuyuan-wulingshan-hotel", "斑竹园至武陵山酒店"),
            ("road-guanyinge-longdong", "观音阁至龙洞联结线"),
        )
    },
    **{
        part: ("road-yihuan-qishe", "交通路网工程，构建新老县城“一环七射”畅达路网体系", words)
        for part, words in (
            ("road-xiaoba-liangfeng", "小坝至凉风"),
            ("road-longchi-xinqiao", "龙池至新桥"),
            ("road-xinqiao-chuanjingzi", "新桥至川菁子"),
            ("road-liangfeng-admin-centre", "凉风至行政服务中心"),
        )
    },
    **{
        part: ("urban-taohuayuan-new-city", "提速桃花源新城建设", words)
        for part, words in (
            ("road-new-city-five-four-corridors", "建设“五横四纵”通道11公里"),
            ("urban-new-city-utility-tunnel", "建成综合管廊1.2公里"),
            ("urban-new-city-drainage-network", "排水管网3.9公里"),
        )
    },
    "school-longtan-junior-middle": ("school-11-schools-infrastructure", "等11所学校基础设施项目", "龙潭初级中学"),
    **{
        part: ("urban-new-city-landmark-projects", "建设标志工程，实施", words)
        for part, words in (
            ("urban-taoyuan-wuling-renjia-phase1", "桃源·武陵人家（一期）"),
            ("urban-taoyuan-lidu", "桃源·丽都"),
            ("urban-taoyuan-lijin", "桃园丽锦"),
            ("culture-youzhou-bowuguan", "酉州博物馆"),
            ("culture-eryou-shushe", "二酉书社"),
            ("industry-maker-incubation-centre", "众创孵化中心"),
            ("culture-youyang-kejiguan", "科技馆项目"),
        )
    },
    **{
        part: ("urban-old-town-shantytown-renewal-2022", "等棚户区房屋33.7万平方米", words)
        for part, words in (
            ("urban-shantytown-chengnan-bus-terminal", "改造城南公交总站片区（一期）"),
            ("urban-shantytown-old-transport-bureau", "老交通局片区"),
        )
    },
    **{
        part: ("rural-gongfu-xiangcun-shidian-2023", "等15个村共富乡村试点", words)
        for part, words in (
            ("rural-gongfu-xiangcun-shidian-neikou", "内口村"),
            ("rural-gongfu-xiangcun-shidian-hewan", "河湾村"),
            ("rural-gongfu-xiangcun-shidian-dahan", "大涵村"),
            ("rural-gongfu-xiangcun-shidian-hongzhuang", "红庄村"),
            ("rural-gongfu-xiangcun-shidian-maoba", "毛坝村"),
        )
    },
}
# Readings the report suggests but does not state: item -> the item it may belong to (no effect on totals).
READINGS = {
    "urban-new-city-landmark-projects": "other-key-projects-2023",
    "industry-industrial-investment-2023": "other-key-projects-2023",
    "scenic-zhongdian-wenlv-xiangmu-2023": "other-key-projects-2023",
    "water-youshuihe-irrigation": "water-key-projects-2022",
    "school-23-schools-opened": "school-education-projects-2022",
    "industry-high-end-printing-packaging": "industry-industrial-projects-2022",
    "industry-mineral-washing": "industry-industrial-projects-2022",
    "industry-benyi-denim": "industry-industrial-projects-2022",
    "industry-juzhan-garment": "industry-industrial-projects-2022",
    "industry-qida-garment": "industry-industrial-projects-2022",
    "industry-smart-factories": "industry-smart-retrofit-2023",
    "industry-digital-workshops": "industry-smart-retrofit-2023",
    "industry-enterprise-rd-centres": "industry-smart-retrofit-2023",
    "rural-weicun-gongfu-nongchang": "rural-gongfu-xiangcun-hezuoshe-2022",
}


def test_part_of_only_where_the_report_states_it(report_text):
    found = {r["id"]: r["part_of"] for r in RAW if r["part_of"]}
    assert found == {part: programme for part, (programme, _, _) in STATED_PARTS.items()}
    report = compact(report_text)
    for part, (_, heading, words) in STATED_PARTS.items():
        heads = [m.start() for m in re.finditer(re.escape(heading), report)]
        found = [m.start() for m in re.finditer(re.escape(words), report)]
        assert heads and found, part
        assert min(abs(a - b) for a in found for b in heads) < 160, f"{part}: its words stand apart from the list"


def test_weaker_readings_are_related_each_with_its_passage():
    rows = {r["id"]: r for r in RAW}
    related = {r["id"]: r.get("related_to", "") for r in RAW if r.get("related_to")}
    assert related == READINGS
    for item, target in READINGS.items():
        [span] = spans_of(rows[item]["related_spans"])
        mentions = spans_of(rows[item]["source_spans"]) + spans_of(rows[target]["source_spans"])
        assert any(a < span[1] and span[0] < b for a, b in mentions), f"{item}: its passage names neither item"


def _by_kind(result: pd.DataFrame) -> dict:
    return {
        (k.kind, k.year): (round(k.total_yi, 4), k.items, k.lower_bound, k.may_overlap)
        for k in amounts_by_kind(result, PROJECTS)
    }


def test_the_sector_chart_plans_2023_money_in_its_sectors():
    chart = invest_by_category(PROJECTS, lambda c: c, lambda k: k, PROJECTS)
    planned = chart["planned_for_2023"].dropna().round(4).to_dict()
    # 136 亿 key projects (其他), 22 亿 landmark works (城市建设), 15 亿 industrial investment, 7.2 亿 culture-tourism.
    assert planned == {"other": 136.0, "urban": 22.0, "industry": 15.0, "scenic": 7.2}


def test_taohuayuan_shows_the_landmark_works_amount():
    here = PROJECTS[PROJECTS["townships"].map(lambda towns: "桃花源街道" in towns)]
    alone, _ = alone_and_shared(here, "桃花源街道")
    assert _by_kind(alone) == {("planned_for_2023", ""): (22.0, 1, True, False)}  # 22 亿元以上, 建设标志工程


def test_county_sums_count_each_amount_once_and_say_where_amounts_may_overlap():
    sums = _by_kind(PROJECTS)
    # 2022 spent: expressway 21.3 + water 3.6 + irrigation 0.262 + education 7.5 + industry 9 (irrigation may be
    # one of the 7 water works: the report does not say, so the sum says it may overlap).
    assert sums[("completed_in_2022", "")] == (41.662, 5, False, True)
    # 2023 planned: 136 + 22 + 15 + 7.2, all 以上, three of them possibly inside the 136.
    assert sums[("planned_for_2023", "")] == (180.2, 4, True, True)
    # A part is never counted beside its programme: the landmark programme with its seven works (no amounts).
    landmark = PROJECTS[
        PROJECTS["id"].eq("urban-new-city-landmark-projects")
        | PROJECTS["part_of"].eq("urban-new-city-landmark-projects")
    ]
    assert len(landmark) == 8 and _by_kind(landmark) == {("planned_for_2023", ""): (22.0, 1, True, False)}


def test_qualifiers_are_the_reports_words(report_text):
    wrong = []
    for table, value_column, qualifier_column in (
        ("indicators.csv", "value", "qualifier"),
        ("projects.csv", "investment_yi", "investment_qualifier"),
    ):
        for row in read_raw(ROOT / table, INDICATORS).to_dict("records"):
            if not row[value_column]:
                continue
            said = stated_qualifier(passage(report_text, row["source_spans"]), float(row[value_column]))
            if said != row.get(qualifier_column, ""):
                wrong.append((row["id"], row.get(qualifier_column, ""), said))
    assert wrong == []


def test_eleven_targets_are_floors_as_the_report_words_them():
    rows = read_raw(ROOT / "indicators.csv", INDICATORS).to_dict("records")
    floors = {r["id"]: r.get("qualifier", "") for r in rows if r.get("qualifier")}
    assert floors == {
        "new-urban-jobs-target-2023": "at_least",  # 3000 人以上
        "agri-output-target-2023": "at_least",  # 78.5亿元以上
        "tourism-investment-target-2023": "at_least",  # 7.2 亿元以上
        "tourism-revenue-target-2023": "at_least",  # 125 亿元以上
        "key-projects-investment-target-2023": "at_least",  # 136亿元以上
        "new-housing-sales-target-2023": "at_least",  # 45 万平方米以上
        "ecommerce-turnover-target-2023": "at_least",  # 100 亿元以上
        "industrial-investment-target-2023": "at_least",  # 15 亿元以上
        "investment-signed-target-2023": "at_least",  # 50 亿元以上
        "foreign-trade-target-2023": "over",  # 突破 22 亿元
        "private-economy-share-target-2023": "at_least",  # 60%以上
    }
