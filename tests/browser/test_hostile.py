"""Hostile project names must show as text everywhere and never run.

A second server reads ``tests/data/hostile/projects.csv`` (a valid projects
file whose names, summaries and units hold HTML, template-literal and
script-closing payloads). Every popup and tooltip is opened, the detail
panel, the table and the township page are shown; no dialog may fire, no
injected element may exist, and the payloads must read literally.
"""

from __future__ import annotations

import pytest
from conftest import (
    ROOT,
    app_url,
    console_problems,
    exceptions_on_page,
    goto,
    http_failures,
    log_problems,
    map_frame,
    screenshot,
    start_server,
    stop_server,
    wait_for_app,
)
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from countymap.core.tables import load_projects

pytestmark = pytest.mark.browser

HOSTILE_CSV = ROOT / "tests" / "data" / "hostile" / "projects.csv"
PAYLOADS = ("<img src=x onerror=alert(1)>", "${alert(1)}", "`", "'", '"', "</script><script>alert(1)</script>")

# Injected markup would show up as an <img src=x>, or a <script> holding just the payload.
INJECTED_JS = """() => ({
    imgs: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
    scripts: [...document.scripts].filter(s => /^\\s*alert\\(1\\)\\s*;?\\s*$/.test(s.textContent)).length,
})"""

# Open every project's tooltip and popup the way a reader does (mouseover, click), and
# record what each shows. Leaf markers and MultiPoint groups both carry the feature.
SWEEP_JS = """(inject) => {
    const seen = {}, injected = [];
    const check = (id) => {
        const found = (new Function('return (' + inject + ')()'))();
        if (found.imgs || found.scripts) { injected.push(id); }
    };
    window.map.setZoom(window.cmAtlas.reveal + 1, {animate: false});  // items are drawn one by one from here
    const all = [];
    const visit = (group) => group.eachLayer(l => { all.push(l); if (l.getLayers) { visit(l); } });
    window.cmAtlas.makePoints(); visit(window.cmAtlas.points);
    visit(window.cmAtlas.lines);
    for (const layer of all) {
        const props = layer.feature && layer.feature.properties;
        if (!props || !props.id || (!layer.getTooltip() && !layer.getPopup())) { continue; }
        const first = layer.getLayers ? layer.getLayers()[0] : layer;
        const latlng = first.getLatLng ? first.getLatLng() : first.getBounds().getCenter();
        const entry = seen[props.id] = seen[props.id] || {tooltip: '', popup: ''};
        layer.fire('mouseover', {latlng: latlng, layer: first});
        const tip = layer.getTooltip && layer.getTooltip();
        if (tip && tip.getElement()) { entry.tooltip = tip.getElement().textContent; }
        check(props.id);
        layer.fire('click', {latlng: latlng, layer: first});
        const popup = layer.getPopup && layer.getPopup();
        if (popup && popup.getElement()) { entry.popup = popup.getElement().textContent; }
        check(props.id);
        layer.fire('mouseout', {latlng: latlng, layer: first});
        window.map.closePopup();
    }
    return {seen: seen, injected: injected};
}"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    url, process, log = start_server(tmp_path_factory.mktemp("hostile"), {"COUNTYMAP_PROJECTS": str(HOSTILE_CSV)})
    try:
        yield {"url": url, "log": log}
    finally:
        stop_server(process)


@pytest.fixture(scope="module")
def hostile_rows():
    frame = load_projects(HOSTILE_CSV)
    return {row["id"]: row for _, row in frame.iterrows()}


def injected_markup(page) -> dict[str, dict]:
    """Injected elements per frame; a rerun may replace the map iframe meanwhile, so retry."""
    for _ in range(3):
        wait_for_app(page)
        try:
            found = {frame.url: frame.evaluate(INJECTED_JS) for frame in page.frames if not frame.is_detached()}
        except PlaywrightError:  # the frame went away while we looked: look again
            continue
        return {url: hits for url, hits in found.items() if hits["imgs"] or hits["scripts"]}
    pytest.fail("the page kept reloading its frames")


# Every image of every frame has finished loading or failing: an injected onerror would have fired.
IMAGES_DONE_JS = "() => [...document.images].every(image => image.complete)"


def assert_nothing_ran(page, server: dict) -> None:
    """No dialog, no injected element in the page or any frame, no request for ``x``, a clean server log."""
    for frame in page.frames:
        if not frame.is_detached():
            frame.wait_for_function(IMAGES_DONE_JS, polling=100)
    assert injected_markup(page) == {}
    assert page.dialogs == [], f"a payload ran: {page.dialogs}"
    assert not [p for p in page.requested_paths if p.endswith("/x")], "an injected <img src=x> loaded"
    assert exceptions_on_page(page) == []
    assert page.blocked_requests == []
    assert console_problems(page) == []
    assert http_failures(page) == []
    assert log_problems(server["log"]) == []


def test_fixture_is_a_valid_hostile_projects_file(hostile_rows):
    text = HOSTILE_CSV.read_text(encoding="utf-8")
    for payload in PAYLOADS:
        assert payload in text
    assert any("<" in row["quantity_unit"] for row in hostile_rows.values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_popup_and_tooltip_shows_payloads_as_text(page, hostile_server, hostile_rows, lang):
    params = {"lang": "en"} if lang == "en" else {}
    goto(page, app_url(hostile_server["url"], **params))
    frame = map_frame(page)
    sweep = frame.evaluate(SWEEP_JS, INJECTED_JS)
    assert sweep["injected"] == []
    assert sorted(sweep["seen"]) == sorted(hostile_rows), "every hostile row is township-level: all are drawn"
    for project_id, shown in sweep["seen"].items():
        row = hostile_rows[project_id]
        name = row["name_zh"] if lang == "zh" else row["name_en"]
        summary = row["summary_zh"] if lang == "zh" else row["summary_en"]
        assert name in shown["tooltip"], f"tooltip of {project_id} does not read literally: {shown['tooltip']!r}"
        assert name in shown["popup"], f"popup of {project_id} does not read literally: {shown['popup']!r}"
        assert summary in shown["popup"]
        if row["quantity_unit"]:
            assert row["quantity_unit"] in shown["popup"]
    screenshot(page, f"hostile-map-{lang}")
    assert_nothing_ran(page, hostile_server)


def test_detail_panel_after_clicking_a_hostile_project(page, hostile_server, hostile_rows):
    goto(page, app_url(hostile_server["url"]))
    frame = map_frame(page)
    clicked = frame.evaluate(
        """() => { let hit = false; window.map.setZoom(window.cmAtlas.reveal + 1, {animate: false});
            const visit = (g) => g.eachLayer(l => { if (l.getLayers) { visit(l); }
                else if (!hit && l.feature && l.feature.properties.id === 'h-all' && l.getLatLng) {
                    l.fire('click', {latlng: l.getLatLng()}, true); hit = true; } });
            window.cmAtlas.makePoints(); visit(window.cmAtlas.points); return hit; }"""
    )
    assert clicked
    row = hostile_rows["h-all"]
    expect(page.locator(".cm-detail h3")).to_have_text(row["name_zh"], timeout=30_000)
    wait_for_app(page)
    detail = page.locator(".cm-detail").inner_text()
    assert row["summary_zh"] in detail
    assert row["quantity_unit"] in detail
    screenshot(page, "hostile-detail")
    assert_nothing_ran(page, hostile_server)


@pytest.mark.parametrize("project_id", ["h-img", "h-script", "h-quotes"])
def test_detail_panel_from_a_link(page, hostile_server, hostile_rows, project_id):
    goto(page, app_url(hostile_server["url"], sel=project_id, lang="en"))
    row = hostile_rows[project_id]
    expect(page.locator(".cm-detail h3")).to_have_text(row["name_en"])
    expect(page.locator(".cm-detail")).to_contain_text(row["name_zh"])
    map_frame(page)
    assert_nothing_ran(page, hostile_server)


def test_hostile_search_text_is_shown_not_run(page, hostile_server):
    goto(page, app_url(hostile_server["url"], q="<img src=x onerror=alert(1)>"))
    expect(page.locator(".cm-describe")).to_contain_text("<img src=x onerror=alert(1)>")
    map_frame(page)
    assert_nothing_ran(page, hostile_server)


def test_projects_table_page(page, hostile_server, hostile_rows):
    goto(page, app_url(hostile_server["url"], "项目列表"))
    expect(page.locator(".cm-describe").first).to_have_attribute("data-count", str(len(hostile_rows)))
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()
    screenshot(page, "hostile-table")
    assert_nothing_ran(page, hostile_server)


def test_township_page(page, hostile_server):
    goto(page, app_url(hostile_server["url"], "乡镇", tw="龚滩镇"))
    frame = map_frame(page)
    sweep = frame.evaluate(SWEEP_JS, INJECTED_JS)
    assert sweep["injected"] == []
    assert {"h-img", "h-template", "h-all"} <= set(sweep["seen"])
    screenshot(page, "hostile-township")
    assert_nothing_ran(page, hostile_server)
