"""A hostile shared link is cleaned on arrival, shown cleanly and written back clean.

``year=2022`` a thousand times gives one chip; a 100,000-character ``q`` is
cut to the search box's 100 characters; ``imin=1e308`` and ``imin=1_0`` are
dropped; unknown parameters leave the address bar; a query string Streamlit
refuses outright (over 1,000 parameters) is replaced by a clean one. Nothing raises.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import oracle
import pytest
from conftest import console_problems, exceptions_on_page, goto, log_problems, map_frame, screenshot, wait_for_app
from playwright.sync_api import expect

from countymap.core.filters import QUERY_MAX_CHARS

pytestmark = pytest.mark.browser
SIDEBAR = '[data-testid="stSidebar"]'
CHIPS = f'{SIDEBAR} [data-testid="stMultiSelectTagsContainer"] [data-tag]'
SEARCH = '[data-testid="stMain"] [data-testid="stTextInput"] input'
BOUNDS = f'{SIDEBAR} [data-testid="stNumberInput"] input'
URL_IS_JS = "(expected) => location.search === expected"
DESCRIBE = ".cm-describe"
ALL_2022 = len(oracle.selected_ids(oracle.read_rows(), years=("2022",)))


def params(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def settle(page, search: str) -> None:
    """Wait until the address bar reads ``search`` and the page has finished drawing, map included."""
    page.wait_for_function(URL_IS_JS, arg=search, polling=100, timeout=120_000)
    wait_for_app(page, timeout=120_000)
    map_frame(page, timeout=120_000)


def assert_clean(page, server: dict) -> None:
    assert exceptions_on_page(page) == [] and console_problems(page) == []
    assert log_problems(server["log"]) == []


def test_a_year_repeated_a_thousand_times_is_one_chip(page, app_server):
    goto(page, f"{app_server['url']}/?" + "&".join(["year=2022"] * 1000))
    settle(page, "?year=2022")
    expect(page.locator(CHIPS)).to_have_count(1)
    expect(page.locator(CHIPS)).to_contain_text("2022")
    expect(page.locator(DESCRIBE).first).to_have_attribute("data-count", str(ALL_2022))
    sentence = page.locator(DESCRIBE).first.inner_text()
    assert sentence.count("2022") == 1 and len(sentence) < 200, sentence
    assert_clean(page, app_server)


def test_a_huge_search_and_an_absurd_bound_are_cut_and_dropped(page, app_server):
    goto(page, f"{app_server['url']}/?q={'x' * 100_000}&imin=1e308&evil=%3Cscript%3E")
    page.wait_for_function(URL_IS_JS, arg="?q=" + "x" * QUERY_MAX_CHARS, polling=100, timeout=120_000)
    wait_for_app(page, timeout=120_000)
    expect(page.locator(SEARCH)).to_have_value("x" * QUERY_MAX_CHARS)
    assert [box.input_value() for box in page.locator(BOUNDS).all()] == ["", ""]
    sentence = page.locator(DESCRIBE).first.inner_text()
    assert "x" * (QUERY_MAX_CHARS + 1) not in sentence and "0" * 20 not in sentence
    expect(page.locator(DESCRIBE).first).to_have_attribute("data-count", "0")  # nothing matches a hundred x's
    screenshot(page, "hostile-link")
    assert_clean(page, app_server)


def test_a_bound_with_an_underscore_is_dropped_not_read_as_ten(page, app_server):
    goto(page, f"{app_server['url']}/?imin=1_0&year=2022")
    settle(page, "?year=2022")
    assert [box.input_value() for box in page.locator(BOUNDS).all()] == ["", ""]
    # a bound of 10 would have hidden every undisclosed amount
    expect(page.locator(DESCRIBE).first).to_have_attribute("data-count", str(ALL_2022))
    assert_clean(page, app_server)


def test_a_query_string_streamlit_refuses_is_replaced_by_a_clean_one(page, app_server):
    goto(page, f"{app_server['url']}/?" + "year=2022&" * 1000 + "q=" + "x" * 100_000 + "&imin=1e308")
    settle(page, "")
    assert params(page) == {}
    expect(page.locator(CHIPS)).to_have_count(0)
    expect(page.locator(DESCRIBE).first).to_have_attribute("data-count", str(len(oracle.read_rows())))
    assert_clean(page, app_server)
