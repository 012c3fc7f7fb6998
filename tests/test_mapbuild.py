"""The map builder: layers, counts, colours, placement, escaping, datums, assets, scale."""

from __future__ import annotations

import json
import re
from pathlib import Path

import folium
import pandas as pd
import pytest
from drawing import draw, undrawn_of
from shapely.geometry import Point, shape

from countymap.core.aggregate import area_summaries
from countymap.core.geodata import load_geodata
from countymap.core.placement import place_projects
from countymap.core.tables import load_projects
from countymap.map import assets
from countymap.map.atlas import ProjectAtlas
from countymap.map.basemaps import BASEMAPS, available, resolve
from countymap.map.features import project_features
from countymap.map.gcj02 import wgs84_to_gcj02
from countymap.map.items import STATUS_COLOURS
from countymap.map.legend import LegendSpec, legend_html
from countymap.map.selection import Selection, selection_overlay
from countymap.schema import CATEGORIES, STATUSES
from countymap.text.strings import t

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


def atlas(fmap: folium.Map) -> ProjectAtlas:
    return next(child for child in fmap._children.values() if isinstance(child, ProjectAtlas))


def all_project_features(features) -> list[dict]:
    return [f for collection in features.collections.values() for f in collection["features"]]


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
# The fixture (tests/data/map/projects.csv) by hand: 9 items, 8 drawable (one is county-wide);
# road 4, rural 2, scenic 1, reservoir 1 drawn; 龙潭镇 touches 5 items, 钟多街道 2, 龚滩镇 2, 酉水河镇 1.


def test_context_layers_and_the_layer_menu(projects, geodata):
    fmap = draw(projects, geodata)
    names = " ".join(geojson_layers(fmap))
    for expected in ("酉阳县界", "周边区县", "乡镇大致范围", "河流（大致走向）", "示意线路（全部） (1)"):
        assert expected in names
    assert any(isinstance(c, folium.LayerControl) for c in fmap._children.values())


def test_one_layer_per_category_with_every_drawable_item(projects, geodata):
    features = project_features(projects, geodata)
    drawn = {c: sorted(f["id"] for f in col["features"]) for c, col in features.collections.items()}
    assert drawn == {
        "scenic": ["gongtan-scenic"],
        "reservoir": ["test-reservoir-build"],
        "road": ["hostile-project", "road-line", "township-a", "township-b"],
        "rural": ["alias-town", "missing-coords"],
    }
    assert atlas(draw(projects, geodata)).feature_count == 8
    assert list(undrawn_of(projects, geodata)["id"]) == ["county-wide"]


def test_every_feature_has_its_status_and_id(projects, geodata):
    status_of = dict(zip(projects["id"], projects["status"], strict=True))
    for feature in all_project_features(project_features(projects, geodata)):
        assert feature["properties"]["s"] == status_of[feature["id"]] and feature["properties"]["id"] == feature["id"]


def test_area_summaries_count_items_and_never_split_or_repeat_an_amount(projects, geodata):
    summaries = {s.area.townships: s for s in area_summaries(projects, place_projects(projects, geodata), geodata)}
    counts = {names[0]: s.count for names, s in summaries.items()}
    assert counts == {"钟多街道": 2, "龚滩镇": 2, "龙潭镇": 5, "酉水河镇": 1}
    assert summaries[("龙潭镇",)].by_status == {"planned": 2, "completed": 1, "preparatory": 1, "designated": 1}
    # hostile-project (0.8) and road-line (5) touch two townships: their amounts go to neither.
    assert summaries[("龚滩镇",)].amounts == {"total": 2.5}
    assert summaries[("龙潭镇",)].amounts == {"planned_for_2023": 1.0}
    assert summaries[("钟多街道",)].amounts == {}


def test_an_area_never_sums_a_programme_and_its_part(projects, geodata):
    programme = projects[projects["id"] == "township-b"].assign(id="longtan-programme", investment_yi=5.0)
    with_part = pd.concat([projects.assign(part_of=projects["id"].map({"township-b": "longtan-programme"})), programme])
    with_part["part_of"] = with_part["part_of"].fillna("")
    summaries = {s.area.townships: s for s in area_summaries(with_part, place_projects(with_part, geodata), geodata)}
    assert summaries[("龙潭镇",)].amounts == {"planned_for_2023": 5.0}  # not 6: the part's 1 is inside the 5
    alone = with_part[with_part["id"] != "longtan-programme"]
    summaries = {s.area.townships: s for s in area_summaries(alone, place_projects(alone, geodata), geodata)}
    assert summaries[("龙潭镇",)].amounts == {"planned_for_2023": 1.0}  # the programme filtered out: the part counts


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


def test_an_unplaced_named_site_is_listed_not_drawn(projects, geodata):
    unknown = projects[projects["id"] == "county-wide"].assign(id="named-site", precision="unknown")
    placed = place_projects(unknown, geodata)
    assert placed.at[0, "geometry"] is None and placed.at[0, "drawn_precision"] == "unknown"
    assert list(undrawn_of(unknown, geodata)["id"]) == ["named-site"]


def test_a_guess_from_the_name_is_drawn_as_a_guess(projects, geodata):
    guessed = pd.concat(
        [
            projects[projects["id"] == "township-a"].assign(id="guessed-point", precision="inferred"),
            projects[projects["id"] == "road-line"].assign(id="guessed-line", precision="inferred"),
        ]
    )
    placed = place_projects(pd.concat([projects, guessed]), geodata).set_index("id")
    assert placed.at["guessed-point", "drawn_precision"] == "inferred"
    point = shape(placed.at["guessed-point", "geometry"])  # a point inside its township's area, like township level
    area = next(a for a in geodata.areas if "龙潭镇" in a.townships)
    assert shape(area.geometry).contains(point)
    assert placed.at["guessed-line", "drawn_precision"] == "inferred"
    assert placed.at["guessed-line", "geometry"]["type"] == "LineString"  # its route, drawn dotted
    features = {f["id"]: f for f in all_project_features(project_features(guessed, geodata))}
    assert features["guessed-point"]["properties"]["p"] == features["guessed-line"]["properties"]["p"] == "inferred"
    for lang, legend, note in (
        ("zh", "空心虚线圆点或点线", "位置只按名称推断"),
        ("en", "Hollow dashed dot or dotted line", "Placed from its name alone"),
    ):
        page = draw(guessed, geodata, lang=lang).get_root().render()
        assert legend in page and note in page  # the legend and the popup's note say it is a guess
        assert 'f.properties.p === "inferred"' in page  # its own marker and line style
    cited = draw(projects, geodata).get_root().render()
    assert "空心虚线圆点或点线" not in cited  # no guess on the map, none in the legend


def _township_points(placed: pd.DataFrame) -> list[tuple[str, tuple[float, float], tuple[int, ...]]]:
    points = []
    for row in placed[placed["drawn_precision"] == "township"].itertuples():
        coords = row.geometry["coordinates"]
        for index, point in zip(row.areas, [coords] if row.geometry["type"] == "Point" else coords, strict=True):
            points.append((row.id, tuple(point), index))
    return points


@pytest.mark.parametrize("where", ["fixture", "real"])
def test_township_points_stay_inside_their_area_and_the_county_and_never_coincide(geodata, where):
    bundle = geodata if where == "fixture" else load_geodata(ROOT / "geodata")
    many = synthetic_projects(3000, bundle)
    points = _township_points(place_projects(many, bundle))
    assert len({p for _, p, _ in points}) == len(points) > 1000
    for _, (lon, lat), index in points:
        assert shape(bundle.areas[index].geometry).contains(Point(lon, lat))
        assert bundle.outline.contains(Point(lon, lat))


def test_placement_is_deterministic(projects, geodata):
    assert place_projects(projects, geodata).equals(place_projects(projects, geodata))


# --- escaping ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hostile_strings_never_appear_unescaped(projects, geodata, lang):
    html = draw(projects, geodata, lang=lang, presenter=True).get_root().render()
    for raw in HOSTILE_RAW:
        assert raw not in html
    assert "\\u0026lt;img src=x onerror=alert(" in html  # it is there, but only as escaped text


# --- selection -------------------------------------------------------------------


def test_a_township_level_item_is_ringed_in_its_township_not_at_a_fake_site(projects, geodata):
    placed = place_projects(projects, geodata).set_index("id")
    area = geodata.area_of["龙潭镇"]
    item = Selection(placed.at["township-a", "geometry"], (area,))
    host = folium.Map()
    selection_overlay(item).add_to(host)
    html = host.get_root().render()
    assert html.count("L.circleMarker(") == 1 and html.count("L.geoJson(") == 1  # a ring round the item, its area
    # the browser fits the view to what the overlay holds (its area and ring), after both are in it
    assert html.count("window.cmFocus(") == 1
    assert html.index("window.cmFocus(") > max(html.rindex("L.circleMarker("), html.rindex("L.geoJson("))


def test_a_line_is_drawn_over_and_an_item_without_a_place_fits_nothing(projects, geodata):
    placed = place_projects(projects, geodata).set_index("id")
    host = folium.Map()
    selection_overlay(Selection(placed.at["road-line", "geometry"], ())).add_to(host)
    html = host.get_root().render()
    assert html.count("L.geoJson(") == 1 and "window.cmFocus(" in html
    empty = folium.Map()
    selection_overlay(Selection(None, ())).add_to(empty)
    assert "L.geoJson(" not in empty.get_root().render()  # an empty group: cmFocus finds no bounds, moves nothing


def test_the_map_script_does_not_depend_on_the_selection(projects, geodata):
    # The app passes the selection as an overlay; the map itself (and so its page) stays the same.
    first = draw(projects, geodata).get_root().render()
    second = draw(projects, geodata).get_root().render()
    strip = lambda html: re.sub(r"_[0-9a-f]{32}", "", html)  # noqa: E731 - folium's random element ids
    assert strip(first) == strip(second)


# --- legend ------------------------------------------------------------------------


def test_legend_lists_only_what_is_in_use_and_what_the_controls_say(projects, geodata):
    spec = LegendSpec(statuses=["planned"], symbols=["badge", "township"], palette=STATUS_COLOURS)
    html = legend_html(spec, "zh")
    assert "计划" in html and "在建" not in html
    assert "乡镇圆" in html and "虚线：示意线路" not in html and "项目数" in html
    by_money = legend_html(LegendSpec(["planned"], ["badge"], STATUS_COLOURS, measure="planned_for_2023"), "zh")
    assert "2023年计划投资" in by_money
    summaries = tuple(area_summaries(projects, place_projects(projects, geodata), geodata))
    shaded = LegendSpec(["planned"], ["area"], STATUS_COLOURS, shading="count", summaries=summaries)
    text = legend_html(shaded, "en")
    assert "Area shading = Item count" in text and text.count("<rect") >= 4  # "none" and at least 3 classes


def test_built_legend_has_no_symbol_the_map_does_not_draw(projects, geodata):
    only_points = projects[projects["precision"] == "township"]
    html = draw(only_points, geodata).get_root().render()
    assert "虚线：示意线路" not in html and "已查明的地点" not in html
    assert "虚线：示意线路" in draw(projects, geodata).get_root().render()


# --- basemaps and datums -------------------------------------------------------


def _coordinates(features) -> dict[str, list]:
    return {f["id"]: f["geometry"]["coordinates"] for f in all_project_features(features)}


def test_overlays_shifted_only_for_gaode(projects, geodata):
    plain = _coordinates(project_features(projects, geodata))
    shifted = _coordinates(project_features(projects, geodata, to_gcj02=True))
    assert shifted["gongtan-scenic"] == list(wgs84_to_gcj02(*plain["gongtan-scenic"]))
    county = geojson_layers(draw(projects, geodata, basemap="gaode_vec"))
    outline = next(layer for name, layer in county.items() if "酉阳县界" in name)
    corner = outline.data["features"][0]["geometry"]["coordinates"][0][0]
    assert corner == list(wgs84_to_gcj02(108.35, 28.40))
    plain_county = geojson_layers(draw(projects, geodata, basemap="osm"))
    assert next(layer for name, layer in plain_county.items() if "酉阳县界" in name).data["features"][0]["geometry"][
        "coordinates"
    ][0][0] == [108.35, 28.40]


def test_tianditu_needs_a_key_and_gets_label_layers(projects, geodata):
    assert resolve("tianditu_vec", None) == "none"
    assert "tianditu_img" not in available(None) and "tianditu_img" in available("k")
    html = draw(projects, geodata, basemap="tianditu_vec", tianditu_key="ab&c").get_root().render()
    assert "LAYER=vec" in html and "LAYER=cva" in html and "tk=ab%26c" in html
    assert "GS(2023)336" in html
    html_none = draw(projects, geodata, basemap="tianditu_vec").get_root().render()
    assert "tianditu.gov.cn" not in html_none


def test_every_basemap_builds_with_attribution_and_a_plain_leaflet_prefix(projects, geodata):
    for code, spec in BASEMAPS.items():
        fmap = draw(projects, geodata, basemap=code, tianditu_key="x")
        html = fmap.get_root().render()
        assert "addAttribution" in html and 'setPrefix(\'<a href="https://leafletjs.com"' in html
        assert "tileerror" in html  # a notice instead of a grey canvas when tiles fail
        tiles = [c for c in fmap._children.values() if isinstance(c, folium.TileLayer)]
        assert len(tiles) == len(spec.tiles)
        if tiles:  # the provider's credit is in the map's one attribution line, in the map's language
            assert t(spec.attribution, "zh") in html and spec.attribution_url in html
            assert all("attribution" not in tile.options for tile in tiles)  # no second, empty credit


@pytest.mark.parametrize(
    ("code", "zh", "en"), [("gaode_vec", "高德软件 GS(2023)4677号", "AutoNavi"), ("osm", "贡献者", "contributors")]
)
def test_a_basemap_credit_is_in_the_map_language_and_one_line(projects, geodata, code, zh, en):
    def credit(lang: str) -> str:
        html = draw(projects, geodata, basemap=code, lang=lang).get_root().render()
        return decor_data(html)["attribution"]

    assert zh in credit("zh") and en not in credit("zh") and "；" in credit("zh")
    assert en in credit("en") and "号" not in credit("en") and "贡献者" not in credit("en")


def test_the_scale_is_metric_only(projects, geodata):
    html = draw(projects, geodata).get_root().render()
    assert "L.control.scale({imperial: false, metric: true})" in html


# --- offline assets ------------------------------------------------------------


def _external_assets(html: str) -> list[str]:
    scripts = re.findall(r"<script[^>]+src=[\"']?(https?:[^\"' >]+)", html, flags=re.I)
    links = re.findall(r"<link[^>]+href=[\"']?(https?:[^\"' >]+)", html, flags=re.I)
    return scripts + links


LOCAL = "../leaflet_files"


def test_localized_map_references_only_local_leaflet(projects, geodata):
    fmap = assets.localize_assets(draw(projects, geodata, basemap="gaode_vec"), LOCAL)
    html = fmap.get_root().render()
    assert _external_assets(html) == []
    assert f'<script src="{LOCAL}/leaflet.js"></script>' in html
    assert "jquery" not in html.lower() and "bootstrap" not in html.lower()
    links = [src for el in assets.walk(fmap) for _, src in getattr(el, "default_js", [])]
    assert links and all(src.startswith(f"{LOCAL}/") for src in links)


def test_streamlit_folium_sees_only_local_links(projects, geodata):
    streamlit_folium = pytest.importorskip("streamlit_folium")
    fmap = assets.localize_assets(draw(projects, geodata), LOCAL)
    fmap.get_root().render()
    script = streamlit_folium.generate_leaflet_string(fmap)  # what its iframe evaluates
    assert "L.geoJson" in script and "cm-legend" in script
    header = streamlit_folium._get_header(fmap)
    assert _external_assets(header) == [] and "<script" not in header.replace("<script>", "")


def test_unknown_plugin_asset_is_refused(projects, geodata):
    fmap = draw(projects, geodata)
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
    features = project_features(many, geodata)
    assert sum(len(c["features"]) for c in features.collections.values()) == 16_000  # every fifth is county-wide
    assert set(features.collections) == set(CATEGORIES)
    html = assets.localize_assets(draw(many, geodata), LOCAL).get_root().render()
    assert html.count("{features: [") == len(CATEGORIES)  # each category's features written once
    assert len(html) < 40_000_000


def decor_data(html: str) -> dict:
    """The values the page passes to the map's decor script (legend, attribution, ...), as JSON."""
    start = re.search(r'\}\)\s*\(map_\w+, (?=\{"legend":)', html)
    return json.JSONDecoder().raw_decode(html, start.end())[0]
