"""Basemap keys appear only in the tile URLs that need them."""

from __future__ import annotations

import re
from pathlib import Path

from drawing import dataset_of, draw

from countymap.core.filters import FilterState
from countymap.core.geodata import load_geodata
from countymap.core.tables import load_projects
from countymap.map.view import View

ROOT = Path(__file__).resolve().parent.parent
KEY = "K3y-s3cr3t-0042"


def test_key_only_inside_tianditu_tile_urls():
    html = (
        draw(
            load_projects(ROOT / "projects.csv"),
            load_geodata(ROOT / "geodata"),
            basemap="tianditu_vec",
            tianditu_key=KEY,
        )
        .get_root()
        .render()
    )
    places = [m.start() for m in re.finditer(re.escape(KEY), html)]
    assert places, "the tile URL needs the key"
    for start in places:
        url_start = html.rfind('"', 0, start)  # the key sits inside one quoted tile-URL string
        assert "tianditu.gov.cn" in html[url_start:start], "key outside a Tianditu tile URL"


def test_the_apps_export_of_a_keyed_view_never_contains_the_key(monkeypatch):
    # The app shows this view with the key in its tile URLs; the file it offers must not carry it.
    monkeypatch.setenv("TIANDITU_KEY", KEY)
    from countymap.app.map_view import export_page, tianditu_key

    assert tianditu_key() == KEY
    dataset = dataset_of(load_projects(ROOT / "projects.csv"), load_geodata(ROOT / "geodata"))
    page = export_page(dataset, FilterState(), View(basemap="tianditu_vec"))
    assert "<html" in page and KEY not in page
    assert "tianditu.gov.cn" not in page  # no keyless tile URL either: the file falls back to no tiles
