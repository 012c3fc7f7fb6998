"""The map builder: layers, counts, colours, placement, escaping, datums, assets, scale."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import folium
import pandas as pd
import pytest

from countymap.core.geodata import GeodataMissingError, load_geodata
from countymap.core.placement import RING_MAX_M, RING_MIN_M, place_projects, undrawn
from countymap.core.schema import CATEGORIES, STATUSES
from countymap.core.tables import load_projects
from countymap.map import assets
from countymap.map.basemaps import BASEMAPS, available, resolve
from countymap.map.build import build_map
from countymap.map.gcj02 import wgs84_to_gcj02
from countymap.map.layers import STATUS_COLOURS

DATA = Path(__file__).parent / "data" / "map"
ROOT = Path(__file__).resolve().parent.parent
HOSTILE_RAW = ["<img src=x onerror=alert(1)>", "${alert(1)}", "</script><script>alert(2)", "<b>恶意</b>", "`tick`"]


@pytest.fixture(scope="module")
def projects() -> pd.DataFrame:
    return load_projects(DATA / "projects.csv")


@pytest.fixture(scope="module")
def geodata():
    return load_geodata(DATA)


def geojson_layers(fmap: folium.Map) -> dict[str, folium.GeoJson]:
    return {child.layer_name: child for child in fmap._children.values() if isinstance(child, folium.GeoJson)}


def project_layers(fmap: folium.Map) -> list[folium.GeoJson]:
    return [
        g for g in geojson_layers(fmap).values() if g.data["features"] and "s" in g.data["features"][0]["properties"]
    ]


def all_project_features(fmap: folium.Map) -> list[dict]:
    return [f for layer in project_layers(fmap) for f in layer.data["features"]]


def synthetic_projects(count: int, geodata) -> pd.DataFrame:
    """Many projects spread over the fixture's townships, places and route."""
    towns = list(geodata.seats["name_zh"])
    categories, statuses = list(CATEGORIES), list(STATUSES)
    rows = []
    for i in range(count):
        kind = ("township", "township", "exact", "line", "county")[i % 5]
        rows.append(
            {
                "id": f"p-{i:05d}",
                "name_zh": f"项目{i}",
                "name_en": f"Project {i}",
                "category": categories[i % len(categories)],
                "status": statuses[i % len(statuses)],
                "years": ("2023",),
                "townships": (towns[i % len(towns)],) if kind != "county" else (),
                "place_ids": {"exact": ("gong-tan-gu-zhen",), "line": ("test-road",)}.get(kind, ()),
                "precision": kind,
                "investment_yi": float(i % 7) if i % 3 else float("nan"),
                "investment_kind": "total",
                "quantity": float("nan"),
                "quantity_unit": "",
                "summary_zh": "摘要",
                "summary_en": "Summary",
                "source_spans": ((0, 1),),
                "source_section": "二",
            }
        )
    return pd.DataFrame(rows)


# --- layers and counts ---------------------------------------------------------


def test_context_and_category_layers_present(projects, geodata):
    fmap = build_map(projects, geodata)
    names = " ".join(geojson_layers(fmap))
    for expected in ("酉阳县界", "周边区县", "乡镇驻地 (4)", "示意线路 (1)", "公路交通 (4)", "文旅景区 (1)"):
        assert expected in names
    assert any(isinstance(c, folium.LayerControl) for c in fmap._children.values())


def test_feature_counts_equal_drawable_projects_per_category(projects, geodata):
    fmap = build_map(projects, geodata)
    drawn = Counter(f["properties"]["c"] for f in all_project_features(fmap))
    expected = Counter(projects.loc[projects["precision"] != "county", "category"])
    assert sum(drawn.values()) == sum(expected.values()) == len(projects) - 1
    assert len(project_layers(fmap)) == len(expected)  # one GeoJson layer per category
    assert len(undrawn(projects, geodata)) == 1


def test_status_colours_are_okabe_ito_and_every_feature_has_its_status(projects, geodata):
    assert set(STATUS_COLOURS) == set(STATUSES)
    assert {c.upper() for c in STATUS_COLOURS.values()} <= {
        "#E69F00",
        "#56B4E9",
        "#009E73",
        "#F0E442",
        "#0072B2",
        "#D55E00",
        "#CC79A7",
    }
    html = build_map(projects, geodata).get_root().render()
    assert json.dumps(STATUS_COLOURS, separators=(",", ":")) in html
    status_of = dict(zip(projects["id"], projects["status"], strict=True))
    for feature in all_project_features(build_map(projects, geodata)):
        assert feature["properties"]["s"] == status_of[feature["id"]]


def test_each_feature_carries_its_project_id(projects, geodata):
    for feature in all_project_features(build_map(projects, geodata)):
        assert feature["id"] == feature["properties"]["id"]


# --- placement -----------------------------------------------------------------


def test_placement_rules(projects, geodata):
    placed = place_projects(projects, geodata).set_index("id")
    assert placed.at["gongtan-scenic", "geometry"] == {"type": "Point", "coordinates": [108.46, 28.96]}
    assert placed.at["test-reservoir-build", "drawn_precision"] == "approximate"
    assert placed.at["road-line", "geometry"]["type"] == "LineString"
    assert placed.at["county-wide", "geometry"] is None
    assert placed.at["hostile-project", "geometry"]["type"] == "MultiPoint"  # one point per township
    assert len(placed.at["hostile-project", "geometry"]["coordinates"]) == 2
    assert placed.at["missing-coords", "drawn_precision"] == "township"  # no coordinates: falls back
    assert placed.at["missing-coords", "note"] == "fallback_site"
    assert placed.at["alias-town", "geometry"] is not None  # former name 后溪镇 -> 酉水河镇


def _township_points(placed: pd.DataFrame) -> list[tuple[float, float]]:
    points = []
    for geometry in placed.loc[placed["drawn_precision"] == "township", "geometry"]:
        coords = geometry["coordinates"]
        points.extend([tuple(coords)] if geometry["type"] == "Point" else [tuple(c) for c in coords])
    return points


def test_township_points_are_spread_and_never_identical(geodata):
    many = synthetic_projects(2000, geodata)
    placed = place_projects(many, geodata)
    points = _township_points(placed)
    assert len(points) == len(set(points)) > 700
    seats = geodata.seats
    for lon, lat in points[:200]:
        nearest = min(((lon - s.lon) * 97_600) ** 2 + ((lat - s.lat) * 111_320) ** 2 for s in seats.itertuples())
        assert RING_MIN_M * 0.95 <= nearest**0.5 <= RING_MAX_M * 1.05


def test_placement_is_deterministic(projects, geodata):
    first = place_projects(projects, geodata)
    second = place_projects(projects, geodata)
    assert first.equals(second)


@pytest.mark.skipif(not (ROOT / "geodata" / "townships.geojson").exists(), reason="real geodata not built")
def test_real_seats_with_shared_positions_never_stack(geodata):
    real = load_geodata(ROOT / "geodata")
    many = synthetic_projects(1000, real)
    placed = place_projects(many, real)
    points = _township_points(placed)
    assert len(points) == len(set(points))


def test_township_level_points_drawn_differently(projects, geodata):
    html = build_map(projects, geodata).get_root().render()
    assert 'var township = p.p === "township"' in html and 'dashArray: township ? "3 3"' in html
    drawn = {f["id"]: f["properties"]["p"] for f in all_project_features(build_map(projects, geodata))}
    assert drawn["township-a"] == "township" and drawn["gongtan-scenic"] == "exact"


# --- escaping ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_strings_never_appear_unescaped(projects, geodata, lang):
    html = build_map(projects, geodata, lang=lang, presenter=True).get_root().render()
    for raw in HOSTILE_RAW:
        assert raw not in html
    assert "\\u0026lt;img src=x onerror=alert(" in html  # it is there, but only as escaped text


def test_selected_project_is_highlighted(projects, geodata):
    fmap = build_map(projects, geodata, selected_id="gongtan-scenic")
    selected = [f for f in all_project_features(fmap) if f["properties"].get("sel")]
    assert [f["id"] for f in selected] == ["gongtan-scenic"]


# --- basemaps and datums -------------------------------------------------------


def _coordinates(fmap: folium.Map) -> dict[str, list]:
    return {f["id"]: f["geometry"]["coordinates"] for f in all_project_features(fmap)}


def test_overlays_shifted_only_for_gaode(projects, geodata):
    plain = _coordinates(build_map(projects, geodata, basemap="none"))
    assert _coordinates(build_map(projects, geodata, basemap="osm")) == plain
    for code in ("gaode_vec", "gaode_img"):
        shifted = _coordinates(build_map(projects, geodata, basemap=code))
        assert shifted["gongtan-scenic"] == list(wgs84_to_gcj02(*plain["gongtan-scenic"]))
        county = geojson_layers(build_map(projects, geodata, basemap=code))
        outline = next(layer for name, layer in county.items() if "酉阳县界" in name)
        corner = outline.data["features"][0]["geometry"]["coordinates"][0][0]
        assert corner == list(wgs84_to_gcj02(108.35, 28.40))


def test_tianditu_needs_a_key_and_gets_label_layers(projects, geodata):
    assert resolve("tianditu_vec", None) == "none"
    assert "tianditu_img" not in available(None) and "tianditu_img" in available("k")
    html = build_map(projects, geodata, basemap="tianditu_vec", tianditu_key="ab&c").get_root().render()
    assert "LAYER=vec" in html and "LAYER=cva" in html and "tk=ab%26c" in html
    assert "GS(2023)336" in html
    html_none = build_map(projects, geodata, basemap="tianditu_vec").get_root().render()
    assert "tianditu.gov.cn" not in html_none


def test_every_basemap_builds_with_attribution(projects, geodata):
    for code, spec in BASEMAPS.items():
        fmap = build_map(projects, geodata, basemap=code, tianditu_key="x")
        assert "addAttribution" in fmap.get_root().render()  # data sources, also without tiles
        tiles = [c for c in fmap._children.values() if isinstance(c, folium.TileLayer)]
        assert len(tiles) == len(spec.tiles)
        if tiles:
            assert tiles[0].options["attribution"] == spec.attribution


# --- offline assets ------------------------------------------------------------


def _external_assets(html: str) -> list[str]:
    scripts = re.findall(r"<script[^>]+src=[\"']?(https?:[^\"' >]+)", html, flags=re.I)
    links = re.findall(r"<link[^>]+href=[\"']?(https?:[^\"' >]+)", html, flags=re.I)
    return scripts + links


LOCAL = "../leaflet_files"


def test_localized_map_references_only_local_leaflet(projects, geodata):
    fmap = assets.localize_assets(build_map(projects, geodata, basemap="gaode_vec"), LOCAL)
    html = fmap.get_root().render()
    assert _external_assets(html) == []
    assert f'<script src="{LOCAL}/leaflet.js"></script>' in html
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()
    links = [src for el in assets.walk(fmap) for _, src in getattr(el, "default_js", [])]
    assert links and all(src.startswith(f"{LOCAL}/") for src in links)


def test_streamlit_folium_sees_only_local_links(projects, geodata):
    streamlit_folium = pytest.importorskip("streamlit_folium")
    fmap = assets.localize_assets(build_map(projects, geodata), LOCAL)
    fmap.get_root().render()
    script = streamlit_folium.generate_leaflet_string(fmap)  # what its iframe evaluates
    assert "L.geoJson" in script and "cm-legend" in script
    header = streamlit_folium._get_header(fmap)
    assert _external_assets(header) == [] and "<script" not in header.replace("<script>", "")


def test_unknown_plugin_asset_is_refused(projects, geodata):
    fmap = build_map(projects, geodata)
    from folium.plugins import MarkerCluster

    MarkerCluster().add_to(fmap)
    with pytest.raises(assets.UnknownAssetError):
        assets.localize_assets(fmap, LOCAL)


def test_leaflet_comes_from_the_installed_package():
    folder = assets.LEAFLET_SOURCE_DIR
    assert (folder / "leaflet.js").read_bytes().startswith(b"/* @preserve\n * Leaflet 1.9.4")
    assert all((folder / name).is_file() for name in assets.LEAFLET_FILES)


# --- scale -----------------------------------------------------------------------


def test_twenty_thousand_projects_fit_in_one_layer_per_category(geodata):
    # How fast this is: `python -m countymap bench` (BENCHMARKS.md), not a timed test.
    many = synthetic_projects(20_000, geodata)
    fmap = assets.localize_assets(build_map(many, geodata), LOCAL)
    html = fmap.get_root().render()
    assert sum(len(layer.data["features"]) for layer in project_layers(fmap)) == 16_000
    assert len(project_layers(fmap)) == len(CATEGORIES)
    assert len(html) < 40_000_000


# --- options -----------------------------------------------------------------------


def _seat_radii(fmap: folium.Map) -> dict[str, int]:
    seats = next(
        layer for name, layer in geojson_layers(fmap).items() if "乡镇驻地" in name or "Township seats" in name
    )
    return {f["properties"]["label"]: f["properties"]["r"] for f in seats.data["features"]}


def test_seat_size_by_count_or_investment(projects, geodata):
    by_count = _seat_radii(build_map(projects, geodata, size_by="count"))
    by_money = _seat_radii(build_map(projects, geodata, size_by="investment"))
    assert by_count["龙潭"] > by_count["酉水河"]  # 5 projects vs 1
    assert by_money["龚滩"] > by_money["酉水河"]  # 7.5 亿 disclosed vs none
    assert by_count != by_money


def test_presenter_mode_and_english_labels(projects, geodata):
    html = build_map(projects, geodata, lang="en", presenter=True).get_root().render()
    assert "cm-presenter" in html and "cm-title" in html
    assert "Youyang County 2023 Government Work Report" in html
    assert '"Roads (4)"' in html or "Roads (4)" in html
    assert "公路交通" not in html
    assert "cm-title" not in build_map(projects, geodata).get_root().render().split("<script>")[-1]


def test_empty_selection_still_draws_the_county(projects, geodata):
    fmap = build_map(projects.iloc[0:0], geodata)
    assert project_layers(fmap) == []
    assert any("酉阳县界" in name for name in geojson_layers(fmap))
    fmap.get_root().render()


def test_missing_geodata_is_an_error_that_names_the_fix(tmp_path):
    with pytest.raises(GeodataMissingError, match=r"missing"):
        load_geodata(tmp_path)
