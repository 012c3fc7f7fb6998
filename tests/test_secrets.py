"""Basemap keys appear only in the tile URLs that need them (issue 6)."""

from __future__ import annotations

import re
from pathlib import Path

from countymap.core.geodata import load_geodata
from countymap.core.tables import load_projects
from countymap.map.build import build_map
from countymap.map.export import export_html

ROOT = Path(__file__).resolve().parent.parent
KEY = "K3y-s3cr3t-0042"


def test_key_only_inside_tianditu_tile_urls():
    html = (
        build_map(
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


def test_exported_file_never_contains_a_key(tmp_path, monkeypatch):
    monkeypatch.setenv("TIANDITU_KEY", KEY)
    out = tmp_path / "map.html"
    export_html(
        load_projects(ROOT / "projects.csv"), load_geodata(ROOT / "geodata"), out_path=out, basemap="tianditu_vec"
    )
    assert KEY not in out.read_text(encoding="utf-8")
