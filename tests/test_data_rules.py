"""The rules the data tests read the embedded data with (tests/data_rules.py), on cases written by hand."""

from __future__ import annotations

import pytest
from data_rules import claims_completion, pinyin_runs, stated_qualifier, syllable_count


@pytest.mark.parametrize(
    ("text", "lang", "claim"),
    [
        # said as done
        ("大涵至双石公路已完工并投入使用。", "zh", True),
        ("桃花源新城“五横四纵”骨干通道已建成11公里。", "zh", True),
        ("为城区河道两岸加装景观照明，已投用。", "zh", True),
        ("沪敏科技完成了生产线改造。", "zh", True),
        ("Road from Dahan to Shuangshi, finished and opened.", "en", True),
        ("Taohuayuan New Town's corridor grid; 11 km were built in 2022.", "en", True),
        ("In 2022 villages built halls showing their local history.", "en", True),
        ("The city management platform went live; it is complete.", "en", True),
        ("Decorative night lighting added along the town's rivers, now in use.", "en", True),
        # future, denied or hedged
        ("菖蒲、花田一带的示范项目，今年要完工。", "zh", False),
        ("停工五年的问题楼盘已复工，今年要保交楼、完成建设。", "zh", False),
        ("板溪物流市场二期工程接近完工，即将投用。", "zh", False),
        ("去年实施景观灯饰亮化工程，报告未说已完工。", "zh", False),
        ("Demonstration project; to be finished this year.", "en", False),
        ("Garment company to complete its plant and start production this year.", "en", False),
        ("A bonded warehouse to be completed this year.", "en", False),
        ("Phase 2 of the logistics market is nearly finished and about to open.", "en", False),
        ("The report does not say the plan was finished.", "en", False),
        ("Taohuayuan New Town, still being built; the first zone has started.", "en", False),
        # money, not the works
        ("推进7项重点水利工程，年度完成投资3.6亿元。", "zh", False),
        ("全县推进48个教育项目，当年投资完成7.5亿元。", "zh", False),
        ("小坝至花田段今年工程量完成20%以上。", "zh", False),
        # a part, named as such
        ("桃花源水库大坝主体已完工，今年计划投入使用。", "zh", False),
        ("农村供水行动今年继续；去年其中97个供水保障项目已完工。", "zh", False),
        ("Taohuayuan Reservoir: the main dam body was finished in 2022.", "en", False),
        ("Public cemetery; its main works are essentially finished.", "en", False),
        ("Rural water drive, continuing in 2023; 97 of its supply projects were finished in 2022.", "en", False),
        # words that only look alike
        ("Expressway works; 2.13 billion yuan spent in the county section in 2022.", "en", False),
        ("Upgrade of 26 old residential compounds.", "en", False),
    ],
)
def test_completion_claims_are_read_from_the_words(text, lang, claim):
    assert claims_completion(text, lang) is claim


@pytest.mark.parametrize(
    ("name", "runs"),
    [
        ("Chengjian Nancheng Huayuan housing estate", [(6, ("Chengjian", "Nancheng", "Huayuan"))]),
        ("Taoyuan Wuling Renjia (phase 1)", [(6, ("Taoyuan", "Wuling", "Renjia"))]),
        ("Chongqing Wujiang-Gongtan Tourism Resort", [(4, ("Chongqing", "Wujiang")), (2, ("Gongtan",))]),
        ("Banzhuyuan–Wulingshan Hotel link road", [(3, ("Banzhuyuan",)), (3, ("Wulingshan",))]),
        ("Hanshan'er garment company", [(3, ("Hanshan'er",))]),
        ("Hewan Tujia Mountain Village", [(4, ("Hewan", "Tujia"))]),  # Mountain, Village: English
        ("Bonded warehouse", []),  # lower-case words are never counted
        ("Taohuayuan (Peach Blossom Spring) Scenic Area", [(3, ("Taohuayuan",))]),
        ("National 4A scenic area", []),
    ],
)
def test_pinyin_runs_count_syllables_of_capitalised_pinyin_words(name, runs):
    assert pinyin_runs(name) == runs


@pytest.mark.parametrize(("word", "count"), [("Xiaoheba", 3), ("Nanyaojie", 3), ("Xi'an", 2), ("Garden", None)])
def test_syllable_count(word, count):
    assert syllable_count(word) == count


@pytest.mark.parametrize(
    ("passage", "value", "qualifier"),
    [
        ("实现农业总产值 78.5亿元以上，城乡常住居民", 78.5, "at_least"),
        ("进出口额突破22亿元。", 22.0, "over"),
        ("完成投资约 1.2 亿元。", 1.2, "about"),
        ("民营经济增加值占 GDP 比重提高到 60%以上。", 60.0, "at_least"),
        ("签约项目 87 个，协议引资 61 亿元", 61.0, ""),  # 签约 holds 约, but not next to 61
        ("实现游客接待量 2650万人次、旅游综合收入 125 亿元以上", 2650.0, ""),  # 以上 belongs to 125
        ("实现游客接待量 2650万人次、旅游综合收入 125 亿元以上", 125.0, "at_least"),
        ("完成协议引资 50 亿元以上，到位资金 20 亿元以上", 50.0, "at_least"),
        ("酉水河灌区续建配套节水改造项目完成投资 2620 万元", 0.262, ""),
        ("实现工业总产值 100亿元。", 100.0, ""),
        ("销售商品房 45 万平方米以上。", 45.0, "at_least"),
        ("实现工业总产值 100亿元。", 7.0, None),
    ],
)
def test_qualifier_is_read_next_to_the_figure(passage, value, qualifier):
    assert stated_qualifier(passage, value) == qualifier
