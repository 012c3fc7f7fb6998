"""The overview map of several counties: their outlines and one badge per county (:mod:`countymap.core.overview`).

The badges are the township badges' own (:mod:`countymap.map.atlas`): the
number of items with a ring of their statuses, reachable by keyboard, named
for a screen reader. A click on a county's badge (or Enter on it) zooms to it
and opens that county (``static/overview.js``): its townships, then its items.
Zooming in does the same: once the county at the view's centre about fills
the frame, its badge is clicked. The overview carries no township or item of
any county (its page stays small: one outline and one badge per county), so
the county's own page is what reveals them; the overview's ``maxZoom`` stays
below the atlas' :data:`~countymap.map.atlas.REVEAL_ZOOM`, where badges would
give way to items, so zooming never empties the map.

:func:`overview_page` is the map as one standalone page with Leaflet inlined:
the app shows it in a plain ``srcdoc`` frame, not through streamlit-folium,
whose component bundle, its handshake and two Leaflet requests were on the
first view's critical path (docs/any-county.md). Opening a county is then
the page's own: the badge clicks the county's button beside the map
(:data:`OPEN_KEY_PREFIX`: the same session reruns, as a click on that button
does), or, where that button is not there, follows the county's link.
"""

from __future__ import annotations

import math

import folium
from jinja2 import Template
from shapely.geometry import mapping
from shapely.ops import unary_union

from countymap.core.overview import CountyCount
from countymap.map import items
from countymap.map.assets import inline_assets, walk
from countymap.map.atlas import REVEAL_ZOOM, AtlasData, ProjectAtlas, badge_radius
from countymap.map.compact_geojson import RawScriptElement
from countymap.map.context import COUNTY_STYLE, _layer
from countymap.map.decor import MapDecor, text
from countymap.map.legend import LegendSpec, legend_html
from countymap.map.static_files import static_text
from countymap.map.view import SETTING
from countymap.text.escape import html_text, script_json
from countymap.text.strings import t

NO_TILES_BACKGROUND = "#f3f1ec"  # as the county map without tiles
METRES_PER_DEGREE = 111_320
MAX_ZOOM = REVEAL_ZOOM - 0.75  # the overview's deepest zoom: its badges stay (there are no items to reveal)
OPEN_ZOOM = MAX_ZOOM - 0.5  # zoomed in this far inside a county, it opens even if it does not fill the frame yet
FILL_MARGIN = 0.5  # zoom levels short of the county's own fit at which it counts as filling the frame
PAGE_START = "<!DOCTYPE html>\n<html>"  # branca's page template, given its language by overview_page
OPEN_KEY_PREFIX = "open_"  # + adcode: the key of the county's button beside the map (what a badge clicks)


class ZoomOpens(RawScriptElement):
    """A click on a county's badge, or zooming into the county, opens it (``static/overview.js``)."""

    _template = Template(
        "{% macro script(this, kwargs) %};{{ this.code }}({{ this._parent.get_name() }}, {{ this.constants }});{% endmacro %}"
    )

    def __init__(self):
        super().__init__()
        self._name = "ZoomOpens"
        self.code = static_text("overview.js")
        self.constants = script_json(
            {
                "openZoom": OPEN_ZOOM,
                "margin": FILL_MARGIN,
                "buttonClass": f"st-key-{OPEN_KEY_PREFIX}",  # Streamlit marks a keyed widget's container so
                "param": SETTING["county"].param,  # the link's, the fallback where no button is there
            }
        )


def _inscribed_m(count: CountyCount) -> float:
    """About the radius of the largest circle inside the outline (m): a badge never grows past its county."""
    lat = count.anchor[1]
    area_m2 = count.outline.area * METRES_PER_DEGREE**2 * math.cos(math.radians(lat))
    return 0.5 * math.sqrt(area_m2 / math.pi)


def _badge(index: int, count: CountyCount, lang: str) -> dict:
    """What atlas.js needs for one county's badge and label (tips escaped; labels are set as text)."""
    west, south, east, north = count.outline.bounds
    name = count.county.name(lang)
    unit = text("projects_unit", lang)
    return {
        "i": index,
        "lon": count.anchor[0],
        "lat": count.anchor[1],
        "r_m": _inscribed_m(count),
        "label": count.county.name(lang, short=True),
        "townships": [count.adcode],  # what a click reports: the app opens this county
        "total": count.count,
        "st": count.by_status,
        # one size for all: the number tells the count (12 beside 370 stayed unreadable when sized by it)
        "want": badge_radius(1 if count.count else 0, 1),
        "num": str(count.count),
        "bounds": [[south, west], [north, east]],
        "tip": html_text(f"{name} · {count.count} {unit}"),
        "name": t("overview_badge_name", lang).format(county=name, n=count.count),
    }


def _outlines(counts: list[CountyCount], lang: str):
    features = [
        {"type": "Feature", "properties": {"name": c.county.name(lang)}, "geometry": mapping(c.outline)} for c in counts
    ]
    return _layer(
        {"type": "FeatureCollection", "features": features}, text("county", lang), COUNTY_STYLE, interactive=False
    )


def overview_map(counts: list[CountyCount], lang: str) -> folium.Map:
    """Every county's outline and badge, fitted to them all (no tiles: the outlines are the map).

    Returns
    -------
    folium.Map
        Still referencing folium's CDN assets, as :func:`countymap.map.build.build_map`'s.
    """
    fmap = folium.Map(
        tiles=None, prefer_canvas=True, control_scale=False, zoomSnap=0.25, zoomDelta=0.5, maxZoom=MAX_ZOOM
    )
    _outlines(counts, lang).add_to(fmap)
    areas = [_badge(i, c, lang) for i, c in enumerate(counts)]
    ProjectAtlas([], AtlasData(areas, [], items.STATUS_COLOURS, False)).add_to(fmap)
    ZoomOpens().add_to(fmap)  # after the atlas: it reads window.cmAtlas
    shown = [code for code in items.STATUS_COLOURS if any(c.by_status.get(code) for c in counts)]
    spec = LegendSpec(
        statuses=shown or list(items.STATUS_COLOURS), symbols=["county_badge"], palette=items.STATUS_COLOURS
    )
    west, south, east, north = unary_union([c.outline for c in counts]).bounds
    MapDecor(
        legend=legend_html(spec, lang),
        attribution=html_text(t("overview_attribution", lang)),
        lang=lang,
        background=NO_TILES_BACKGROUND,
        bounds=[[south, west], [north, east]],
        fit_outlines=True,  # the counties' outlines are the map: none runs under a control or out of the frame
    ).add_to(fmap)
    return fmap


def _name_by_place(root) -> None:
    """Name every element by its place in the page instead of folium's random id.

    The same counts then make the same page, byte for byte: Streamlit sends a
    large element it has sent this session before as a reference to it, and the
    browser keeps the frame (its zoom and centre) when the rerun's frame is the
    one it shows.
    """
    for place, element in enumerate(walk(root)):
        element._id = f"{place:x}"


def overview_page(counts: list[CountyCount], lang: str) -> str:
    """:func:`overview_map` as one standalone HTML page, Leaflet inlined (no request of its own).

    The page names itself and its language (a screen reader reads the frame as a
    document of its own; branca's page template has no ``lang``).
    """
    root = inline_assets(overview_map(counts, lang)).get_root()
    _name_by_place(root)
    root.title = html_text(t("overview_title", lang, n=len(counts)))
    page = root.render()
    if not page.startswith(PAGE_START):
        raise ValueError(f"the map's page does not start with {PAGE_START!r}")
    return f'<!DOCTYPE html>\n<html lang="{html_text(lang)}">' + page.removeprefix(PAGE_START)
