"""The map page in a real browser: what Leaflet draws, a click on a project, the language toggle."""

from __future__ import annotations

import re
from functools import cache

import oracle
import pytest
from conftest import (
    MAP_IFRAME,
    ROOT,
    app_url,
    console_problems,
    drawn_ids,
    exceptions_on_page,
    goto,
    map_frame,
    screenshot,
    wait_for_app,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@cache
def all_rows() -> tuple[dict, ...]:
    return tuple(oracle.read_rows(ROOT / "projects.csv"))


def expected_drawn_ids(**filters) -> list[str]:
    """Ids the map should draw under ``filters`` (see tests/oracle.py), from the data files."""
    rows = [row for row in all_rows() if oracle.matches(row, **filters)]
    return oracle.drawn_ids(rows, ROOT / "geodata")


def name_zh(project_id: str) -> str:
    return next(row["name_zh"] for row in all_rows() if row["id"] == project_id)


COUNTY_DRAWN_JS = """() => Object.values(window.map._layers).some(l =>
    l.feature && l.feature.properties && String(l.feature.properties.label || '').includes('酉阳')
    && l.feature.geometry.type.endsWith('Polygon'))"""


def test_map_draws_county_and_every_placed_project(page, app_server):
    goto(page, app_url(app_server["url"]))
    frame = map_frame(page)
    assert frame.evaluate(COUNTY_DRAWN_JS), "the Youyang county outline is not on the map"
    expected = expected_drawn_ids()
    assert len(expected) > 0
    assert drawn_ids(frame) == expected
    # The KPI counts every filtered item, drawn or county-wide.
    metric = page.locator('[data-testid="stMetricValue"]').first
    expect(metric).to_have_text(str(len(all_rows())))
    screenshot(page, "map-default")
    assert page.blocked_requests == [], f"requests left the machine: {page.blocked_requests}"
    assert console_problems(page) == []
    assert exceptions_on_page(page) == []


def test_same_view_draws_in_every_session_and_after_reruns(page_factory, app_server):
    """A map reused across sessions or reruns must still draw (a re-rendered folium Map once drew nothing)."""
    expected = expected_drawn_ids()
    first, second = page_factory(), page_factory()
    for reader in (first, second):
        goto(reader, app_url(app_server["url"]))
        assert drawn_ids(map_frame(reader)) == expected
    search = first.get_by_label("搜索（名称、简介、乡镇、拼音）")
    for text in ("龚滩", ""):
        search.fill(text)
        search.press("Enter")
        expect(first.locator(".cm-describe")).to_contain_text("龚滩" if text else "全部项目")
        wait_for_app(first)
    assert drawn_ids(map_frame(first)) == expected
    assert console_problems(first) == [] and console_problems(second) == []


def test_map_with_url_filter_draws_only_the_filtered_projects(page, app_server):
    filters = {"years": ("2023",), "categories": ("road", "scenic")}
    goto(page, app_url(app_server["url"], year="2023", cat="road,scenic"))
    frame = map_frame(page)
    assert drawn_ids(frame) == expected_drawn_ids(**filters)
    expected_count = len(oracle.selected_ids(list(all_rows()), **filters))
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text(str(expected_count))


# A point marker far from every other marker, so a click on its pixel can only hit it.
ISOLATED_POINT_JS = """() => {
    const pts = [];
    for (const key in window.map._layers) {
        const l = window.map._layers[key];
        if (l.feature && l.feature.properties && l.feature.properties.id && l.getLatLng && !l.getLayers) {
            pts.push({id: l.feature.properties.id, p: window.map.latLngToContainerPoint(l.getLatLng())});
        }
    }
    const size = window.map.getSize();
    let best = null;
    for (const a of pts) {
        if (a.p.x < 20 || a.p.y < 20 || a.p.x > size.x - 20 || a.p.y > size.y - 20) { continue; }
        let nearest = Infinity;
        for (const b of pts) { if (b !== a) { nearest = Math.min(nearest, a.p.distanceTo(b.p)); } }
        if (!best || nearest > best.gap) { best = {id: a.id, x: a.p.x, y: a.p.y, gap: nearest}; }
    }
    return best;
}"""

FIRE_CLICK_JS = """(id) => {
    for (const key in window.map._layers) {
        const l = window.map._layers[key];
        if (l.feature && l.feature.properties && l.feature.properties.id === id && l.getLatLng && !l.getLayers) {
            l.fire('click', {latlng: l.getLatLng()}, true);
            return true;
        }
    }
    return false;
}"""

SELECTED_JS = """() => Object.values(window.map._layers)
    .filter(l => l.feature && l.feature.properties && l.feature.properties.sel)
    .map(l => l.feature.properties.id)"""


def _detail_title(page):
    return page.locator(".cm-detail h3").first


def test_click_on_project_opens_its_details(page, app_server):
    goto(page, app_url(app_server["url"]))
    frame = map_frame(page)
    target = frame.evaluate(ISOLATED_POINT_JS)
    assert target, "no point marker inside the map view"
    # 1. through Leaflet's API (what a tap on canvas ends up doing)
    assert frame.evaluate(FIRE_CLICK_JS, target["id"])
    expect(_detail_title(page)).to_have_text(name_zh(target["id"]), timeout=30_000)
    wait_for_app(page)
    assert re.search(r"[?&]sel=" + re.escape(target["id"]), page.url)
    frame = map_frame(page)
    assert target["id"] in frame.evaluate(SELECTED_JS), "the selected project is not highlighted"
    screenshot(page, "map-selected")
    assert console_problems(page) == []


def test_click_on_a_project_pixel_selects_it(page, app_server):
    goto(page, app_url(app_server["url"]))
    frame = map_frame(page)
    target = frame.evaluate(ISOLATED_POINT_JS)
    assert target and target["gap"] > 8, f"no isolated point to click: {target}"
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    # Playwright gives an element box inside an iframe in the main page's viewport coordinates.
    map_box = frame.locator(".leaflet-container").first.bounding_box()
    page.mouse.click(map_box["x"] + target["x"], map_box["y"] + target["y"])
    expect(_detail_title(page)).to_have_text(name_zh(target["id"]), timeout=30_000)
    assert console_problems(page) == []


def test_language_toggle_switches_sidebar_kpis_and_legend(page, app_server):
    goto(page, app_url(app_server["url"]))
    sidebar = page.locator('[data-testid="stSidebar"]')
    frame = map_frame(page)
    expect(sidebar.get_by_role("heading", name="筛选")).to_be_visible()
    expect(frame.locator(".cm-legend-title")).to_have_text("图例")
    expect(page.locator('[data-testid="stMetricLabel"]').first).to_contain_text("项目数")

    sidebar.get_by_text("English", exact=True).click()
    expect(sidebar.get_by_role("heading", name="Filters")).to_be_visible(timeout=30_000)
    wait_for_app(page)
    expect(sidebar.get_by_role("heading", name="筛选")).to_have_count(0)
    expect(page.locator('[data-testid="stMetricLabel"]').first).to_contain_text("Items")
    assert "lang=en" in page.url
    frame = map_frame(page)
    expect(frame.locator(".cm-legend-title")).to_have_text("Legend")
    expect(frame.locator(".cm-legend")).not_to_contain_text("图例")
    expect(frame.locator(".cm-legend")).to_contain_text("Colour = status")
    screenshot(page, "map-after-toggle-en")

    sidebar.get_by_text("中文", exact=True).click()
    expect(sidebar.get_by_role("heading", name="筛选")).to_be_visible(timeout=30_000)
    wait_for_app(page)
    expect(map_frame(page).locator(".cm-legend-title")).to_have_text("图例")
    assert console_problems(page) == []
    assert exceptions_on_page(page) == []


# Where each permanent label's box centre is, next to the pixel of the point it names.
LABEL_OFFSETS_JS = """() => {
    const out = [];
    window.map.eachLayer(layer => {
        const tip = layer.getTooltip && layer.getTooltip();
        if (!tip || !tip.options.permanent || tip.options.direction !== "center" || !tip._container) { return; }
        const box = tip._container.getBoundingClientRect();
        const anchor = window.map.latLngToContainerPoint(tip.getLatLng());
        out.push([tip._container.textContent, box.left + box.width / 2 - anchor.x, box.top + box.height / 2 - anchor.y]);
    });
    return out;
}"""


def test_neighbour_labels_sit_on_their_counties(page, app_server):
    """Regression: labels measured before leaflet.css arrived landed half a map width off."""
    goto(page, app_url(app_server["url"]))
    offsets = map_frame(page).evaluate(LABEL_OFFSETS_JS)
    assert len(offsets) >= 8  # the neighbouring counties
    assert [o for o in offsets if abs(o[1]) > 15 or abs(o[2]) > 15] == []
