"""Every page cleans its link: parameters it does not show, and values they cannot take, leave the address bar.

So the copy-link button (which copies the address bar) copies only valid state.
"""

from __future__ import annotations

import pytest
from apptest_run import run

pytestmark = pytest.mark.usefixtures("small_fixture_app")

JUNK = {
    "foo": "bar",  # no such parameter
    "q": "水" * 1024,  # a search longer than the search box takes is cut to it (100 characters)
    "cat": "road,bogus",
    "imin": "1e308",
    "basemap": "evil",
    "z": "99",
    "lang": "en",
}
# By hand, per page: what its link keeps of JUNK.
KEPT_FILTERS = {"q": "水" * 100, "cat": "road", "lang": "en"}
EXPECTED = {
    "app.py": KEPT_FILTERS,
    "pages/1_项目列表.py": KEPT_FILTERS,
    "pages/3_统计.py": KEPT_FILTERS,
    "pages/4_数据说明.py": {"lang": "en"},
    "pages/5_草稿审核.py": {"lang": "en"},
    "pages/6_编辑.py": {"lang": "en"},
}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_a_page_keeps_only_valid_parameters_it_shows(page):
    at = run(page, **JUNK)
    assert {key: at.query_params[key] for key in at.query_params} == EXPECTED[page]


def test_the_township_page_keeps_its_township_and_drops_the_sidebar_one():
    at = run("pages/2_乡镇.py", **JUNK, town="龚滩镇", tw="龙潭镇", sel="no-such-item")
    url = {key: at.query_params[key] for key in at.query_params}
    assert url == {**KEPT_FILTERS, "tw": "龙潭镇"}
