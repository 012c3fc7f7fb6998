"""Spelling many names at once gives each name's own spelling (phrases read within runs of Chinese)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from countymap.text.pinyin import pinyin, pinyin_many

# Polyphones read by their phrase (重庆 chong, 行长 hang zhang), digits and brackets kept, ASCII lower-cased.
BY_HAND = {
    "重庆市Ab 35kV线（样例2）": "chongqingshiab 35kvxian（yangli2）",
    "银行行长": "yinhanghangzhang",
    "龚滩古镇": "gongtanguzhen",
    "": "",
}


def test_spellings_by_hand():
    assert pinyin_many(list(BY_HAND)) == list(BY_HAND.values())


PIECES = st.sampled_from(
    ["重庆", "行长", "银行", "长江", "龚滩", "水库", "乡", "（", "）", "2", " ", "kV", "、", "样例"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(PIECES, max_size=8).map("".join), max_size=12))
def test_same_as_one_by_one(texts):
    assert pinyin_many(texts) == [pinyin(text) for text in texts]
