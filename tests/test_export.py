"""Standalone HTML export: filters applied, nothing fetched, works in a browser offline."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from drawing import dataset_of

from countymap.cli.export_html import main
from countymap.config import CHROMIUM, CHROMIUM_ARGS
from countymap.core.filters import FilterState
from countymap.core.geodata import load_geodata
from countymap.core.tables import load_projects
from countymap.map.export import export_html
from countymap.map.view import View

DATA = Path(__file__).parent / "data" / "map"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def projects():
    return load_projects(DATA / "projects.csv")


@pytest.fixture(scope="module")
def geodata():
    return load_geodata(DATA)


def external_assets(html: str) -> list[str]:
    """Every script or stylesheet the page would fetch from a server."""
    scripts = re.findall(r"<script[^>]*\bsrc\s*=\s*[\"']?([^\"' >]+)", html, flags=re.I)
    links = re.findall(r"<link[^>]*\bhref\s*=\s*[\"']?([^\"' >]+)", html, flags=re.I)
    imports = re.findall(r"@import\s+(?:url\()?[\"']?(https?:[^\"') ]+)", html, flags=re.I)
    return scripts + links + imports


def drawn_ids(html: str) -> set[str]:
    return set(re.findall(r'"id": "([a-z0-9-]+)", "properties"', html))


def test_export_is_self_contained_and_filtered(projects, geodata, tmp_path):
    out = tmp_path / "map.html"
    page = export_html(dataset_of(projects, geodata), FilterState(categories=("road",)), out, View(lang="en"))
    assert out.read_text(encoding="utf-8") == page
    assert external_assets(page) == []
    assert "Leaflet 1.9.4" in page and "data:image/png;base64," in page
    assert "sourceMappingURL" not in page
    assert drawn_ids(page) == {"hostile-project", "township-a", "township-b", "road-line"}
    assert "<img src=x onerror" not in page and "${alert" not in page


def test_export_lists_county_wide_projects_escaped(projects, geodata):
    page = export_html(dataset_of(projects, geodata), FilterState(), view=View(lang="zh"))
    assert "全县范围或位置待查的项目" in page and "<li>全县项目</li>" in page


# Rows of the map fixture that do not validate on purpose (they test placement fallbacks).
INVALID_ROWS = ("alias-town,", "missing-coords,")


@pytest.fixture
def valid_csv(tmp_path):
    """The map fixture without the rows that do not validate: the export commands refuse those."""
    lines = (DATA / "projects.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "valid.csv"
    path.write_text("".join(line for line in lines if not line.startswith(INVALID_ROWS)), encoding="utf-8")
    return path


def test_cli_applies_every_filter(tmp_path, valid_csv):
    out = tmp_path / "cli.html"
    argv = ["--projects", str(valid_csv), "--geodata", str(DATA), "--out", str(out)]
    assert main([*argv, "--township", "龙潭镇", "--precision", "township", "--status", "planned,preparatory"]) == 0
    assert drawn_ids(out.read_text(encoding="utf-8")) == {"township-a", "township-b"}
    assert main([*argv, "--min-yi", "1", "--max-yi", "5", "--year", "2023"]) == 0
    assert drawn_ids(out.read_text(encoding="utf-8")) == {"gongtan-scenic", "township-b", "road-line"}
    assert main([*argv, "--query", "gongtan", "--lang", "en", "--presenter"]) == 0
    assert "gongtan-scenic" in drawn_ids(out.read_text(encoding="utf-8"))


def test_cli_through_python_dash_m(tmp_path, valid_csv):
    out = tmp_path / "m.html"
    cmd = [sys.executable, "-m", "countymap", "export-html", "--projects", str(valid_csv)]
    cmd += ["--geodata", str(DATA), "--out", str(out), "--category", "road"]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert external_assets(out.read_text(encoding="utf-8")) == []


def test_cli_reports_unreadable_projects(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01")
    argv = ["--projects", str(bad), "--out", str(tmp_path / "x.html"), "--geodata", str(DATA), "--lang", "en"]
    assert main(argv) == 1
    assert "cannot read the file: binary file" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_cli_refuses_a_file_with_an_invalid_row_and_says_where(tmp_path, capsys):
    out = tmp_path / "x.html"
    argv = ["--projects", str(DATA / "projects.csv"), "--out", str(out), "--geodata", str(DATA), "--lang", "en"]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "row 9, column precision: exact/approximate needs a place with coordinates" in err
    assert "row 7, column townships: unknown township: '后溪镇'" in err
    assert "2 problem(s); nothing exported" in err and not out.exists()


@pytest.mark.browser
def test_export_renders_offline_in_chromium(projects, geodata, tmp_path):
    from playwright.sync_api import sync_playwright

    out = tmp_path / "browser.html"
    export_html(dataset_of(projects, geodata), FilterState(), out, View(lang="zh", presenter=True))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            problems, requested = [], []
            page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))

            def only_files(route):
                if route.request.url.startswith(("file:", "data:")):
                    route.continue_()
                else:
                    requested.append(route.request.url)
                    route.abort()

            page.route("**/*", only_files)
            page.goto(out.as_uri())
            page.wait_for_selector(".cm-legend")
            layers = page.evaluate(CENTRE_ON_HOSTILE_POINT)
            page.evaluate(TWO_FRAMES_JS)  # the canvas has redrawn at the new view
            page.mouse.click(600, 400)  # a real click on the canvas-drawn point
            page.wait_for_selector(".leaflet-popup-content .cm-popup-title")
            popup = page.evaluate(READ_POPUP)
            page.screenshot(path=str(tmp_path / "browser.png"))
        finally:
            browser.close()
    assert problems == [] and requested == []
    assert popup["text"].startswith("<img src=x onerror=alert(1)>")
    assert popup["clicked"] == "hostile-project"  # the app reads the id of a click from here
    assert popup["images"] == 0 and popup["scripts"] == 0
    assert layers > 10


TWO_FRAMES_JS = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"
CENTRE_ON_HOSTILE_POINT = """() => {
    const map = Object.keys(window).filter(k => k.startsWith('map_')).map(k => window[k])[0];
    let point = null, layers = 0;
    map.eachLayer(() => { layers++; });
    // Items are drawn one by one only when zoomed in: find one point of the MultiPoint among them.
    const visit = (group) => group.eachLayer(l => {
        if (l.getLayers) { visit(l); }
        else if (l.feature && l.feature.properties.id === 'hostile-project' && l.getLatLng) { point = point || l; }
    });
    window.cmAtlas.makePoints();  // markers are made when first shown
    visit(window.cmAtlas.points);
    map.setView(point.getLatLng(), 16, {animate: false});
    // what streamlit-folium does: every layer reports e.layer.toGeoJSON() as last_active_drawing
    Object.values(map._layers).forEach(l => l.on('click', e => {
        if (e.layer && e.layer.toGeoJSON) { window.lastActiveDrawing = e.layer.toGeoJSON(); }
    }));
    return layers;
}"""

READ_POPUP = """() => {
    const box = document.querySelector('.leaflet-popup-content');
    return {clicked: window.lastActiveDrawing.properties.id, text: box.querySelector('.cm-popup-title').textContent, images: box.querySelectorAll('img').length,
            scripts: box.querySelectorAll('script').length};
}"""
