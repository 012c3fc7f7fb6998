"""Every view survives every click, in a real browser.

The presenter sequence of a meeting (filter 文旅, switch to English, presenter
mode on), the township page's own township choice, and the copy-link button.
What the map should draw is worked out from the data files (tests/oracle.py).
"""

from __future__ import annotations

from functools import cache

import oracle
import pytest
from conftest import (
    ROOT,
    app_url,
    console_problems,
    drawn_ids,
    exceptions_on_page,
    goto,
    kpi_count,
    map_frame,
    screenshot,
    wait_for_app,
)
from playwright.sync_api import expect

from countymap.schema import CATEGORIES

pytestmark = pytest.mark.browser

BADGE_TOWNSHIPS_JS = "() => window.cmAtlas.badges.getLayers().map(b => b.feature.properties.townships)"


@cache
def rows() -> tuple[dict, ...]:
    return tuple(oracle.read_rows(ROOT / "projects.csv"))


def chosen(**filters) -> list[dict]:
    return [row for row in rows() if oracle.matches(row, **filters)]


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def pick_option(page, label: str, option: str) -> None:
    """Open the sidebar multiselect labelled ``label`` and choose ``option``, as a reader would."""
    box = sidebar(page).locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    box.locator("input").first.click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)


def settle_on(page, fragment: str) -> None:
    """Wait until the address bar holds ``fragment`` and the run that wrote it has finished."""
    page.wait_for_function("(part) => decodeURIComponent(location.search).includes(part)", arg=fragment)
    wait_for_app(page)


def assert_map_shows(page, wanted: list[dict]) -> None:
    """The map draws exactly the items and township badges the data gives for ``wanted``."""
    frame = map_frame(page)
    assert drawn_ids(frame) == oracle.drawn_ids(wanted)
    badges = {tuple(b) for b in frame.evaluate(BADGE_TOWNSHIPS_JS)}
    assert badges == oracle.badge_townships(wanted)


def test_the_presenter_sequence_keeps_the_filter(page, app_server):
    scenic = chosen(categories=("scenic",))
    assert 0 < len(scenic) < len(rows())
    goto(page, app_url(app_server["url"]))
    pick_option(page, "类别", CATEGORIES["scenic"][0])
    settle_on(page, "cat=scenic")
    assert kpi_count(page) == len(scenic)
    sidebar(page).get_by_text("English", exact=True).click()
    settle_on(page, "lang=en")
    page.get_by_text("Presenter mode", exact=True).click()
    settle_on(page, "present=1")
    assert "cat=scenic" in page.url
    assert kpi_count(page) == len(scenic)
    assert_map_shows(page, scenic)
    screenshot(page, "presenter-scenic-en")
    # and back: the room's language switch, then presenter mode off, keep the filter too
    page.locator(".st-key-cm_presenter_lang").get_by_text("中文", exact=True).click()
    wait_for_app(page)
    page.wait_for_function("() => !location.search.includes('lang=en')")
    page.locator(".st-key-cm_presenter_lang").get_by_text("演示模式", exact=True).click()
    page.wait_for_function("() => !location.search.includes('present=1')")
    wait_for_app(page)
    assert "cat=scenic" in page.url and kpi_count(page) == len(scenic)
    expect(sidebar(page).locator('[data-testid="stMultiSelect"]').filter(has_text="类别")).to_contain_text(
        CATEGORIES["scenic"][0]
    )
    assert exceptions_on_page(page) == [] and console_problems(page) == []


def test_the_township_page_owns_the_township_choice(page, app_server):
    goto(page, app_url(app_server["url"], town="花田乡"))
    assert kpi_count(page) == len(chosen(townships=("花田乡",)))
    sidebar(page).get_by_role("link", name="乡镇").click()
    wait_for_app(page)
    expect(page.locator("h1").first).to_contain_text("乡镇")
    labels = sidebar(page).locator('[data-testid="stMultiSelect"]').all_inner_texts()
    assert labels and not any("乡镇（街道）" in text for text in labels), "no township filter on the township page"
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="选择乡镇")
    picker.locator("input").first.click()
    page.get_by_role("option", name="龚滩镇", exact=True).click()
    settle_on(page, "tw=龚滩镇")
    assert "town=" not in page.url
    assert kpi_count(page) == len(chosen(townships=("龚滩镇",)))
    screenshot(page, "view-state-township-page")
    sidebar(page).get_by_role("link", name="地图").click()
    wait_for_app(page)
    settle_on(page, "town=花田乡")
    assert kpi_count(page) == len(chosen(townships=("花田乡",)))
    assert exceptions_on_page(page) == [] and console_problems(page) == []


def test_copy_link_copies_the_current_view(page, app_server):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_server["url"])
    goto(page, app_url(app_server["url"], cat="road", lang="en"))
    sidebar(page).get_by_text("Only items with a disclosed amount", exact=True).click()
    settle_on(page, "disclosed=1")
    button = sidebar(page).frame_locator(".st-key-cm_copy_link iframe").get_by_role("button")
    expect(button).to_have_text("Copy a link to this view")
    button.click()
    expect(button).to_have_attribute("data-copied", page.url)
    assert page.evaluate("() => navigator.clipboard.readText()") == page.url
    expected = len(chosen(categories=("road",), disclosed=True))
    assert kpi_count(page) == expected
    # The link reproduces the view in a fresh session.
    other = page.context.new_page()
    goto(other, page.evaluate("() => navigator.clipboard.readText()"))
    assert kpi_count(other) == expected
    expect(other.locator("h1").first).to_contain_text("Youyang")
    assert page.blocked_requests == []
