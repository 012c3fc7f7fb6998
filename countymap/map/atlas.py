"""The projects on the map: township badges at county zoom, the items themselves when zoomed in.

One :class:`ProjectAtlas` element writes, per category, the compact features
once (see :mod:`countymap.map.compact_geojson`) and builds two Leaflet GeoJSON
layers from them in the browser: lines (always shown; routes stay lines) and
points (shown from :data:`REVEAL_ZOOM` on). Below that zoom each approximate
township area shows one badge instead: the number of items, a ring of their
statuses, sized by count or by one kind of investment, never larger than the
largest circle inside the area, so two badges can never overlap. A click on a
badge zooms to its area. Labels (township, neighbouring county and river
names) are placed greedily by priority and dropped where they would collide.

Every layer is a child of one feature group that is always on the map, so a
click on anything (also on markers made later) reaches streamlit-folium's
click handler through Leaflet's event propagation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from jinja2 import Template

from countymap.map.compact_geojson import EXPAND_JS, RawScriptElement
from countymap.map.static_files import static_text
from countymap.text.escape import script_json

REVEAL_ZOOM = 10.75  # from here on items are drawn one by one; below, one badge per township
BADGE_MIN_PX = 10  # radius: room for a one-digit number of BADGE_DIGIT_PX on the white centre
PRESENTER_BADGE_MIN_PX = 13  # the same for PRESENTER_DIGIT_PX
BADGE_MAX_PX = 22
BADGE_DIGIT_PX = 12  # a badge's number, dark on its white centre (never on the ring)
PRESENTER_DIGIT_PX = 18  # readable from 3 m
BADGE_RING_PX = 3  # the ring of statuses around the white centre
BADGE_DIGIT_FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif"
BADGE_HIT_PX = 40  # a badge's tap target (its icon), whatever the badge's size
KEYBOARD_DOTS_MAX = 300  # dots in the frame that Tab reaches, in reading order (zoom in for the others)
MARKER_PX = 7  # radius of an item's marker: solid, 14 px across
HIT_TOLERANCE_PX = 6  # extra canvas hit area around markers and lines
LABEL_FONT_PX = 12
PRESENTER_FONT_PX = 18  # labels readable from 3 m


def badge_radius(value: float, largest: float, presenter: bool = False) -> float:
    """The radius (px) a badge of ``value`` is drawn at, where its area has room (the size key uses the same).

    A badge's area is proportional to its value, :data:`BADGE_MAX_PX` for the
    ``largest`` value, but never smaller than a badge that holds a number of
    one digit. The browser makes a badge smaller only where its area has no
    room for it (never below what its number needs), and larger only where its
    number needs it.
    """
    low = PRESENTER_BADGE_MIN_PX if presenter else BADGE_MIN_PX
    if largest <= 0 or value <= 0:
        return float(low)
    return max(float(low), BADGE_MAX_PX * math.sqrt(min(value, largest) / largest))


@dataclass(frozen=True)
class AtlasData:
    """What the browser needs besides the features: all plain, escaped data."""

    areas: list[dict]  # per area: i, lat, lon, r_m (inscribed), label, total, st (status counts), want, num, bounds
    labels: list[dict]  # other labels: text, lat, lon, kind (neighbour, river), priority
    palette: dict[str, str]
    presenter: bool
    # how a dot is named for the keyboard: template ({name}, {status}) and status labels (plain); none without dots
    dot_names: dict = field(default_factory=lambda: {"template": "{name}", "status": {}})


ATLAS_JS = "atlas.js"  # in countymap/map/static/
# What atlas.js needs besides the data: sizes in px, the zoom from which items are drawn one by one.
_CONSTANTS = {
    "reveal": REVEAL_ZOOM,
    "font": LABEL_FONT_PX,
    "presenterFont": PRESENTER_FONT_PX,
    "digitPx": BADGE_DIGIT_PX,
    "presenterDigitPx": PRESENTER_DIGIT_PX,
    "ringPx": BADGE_RING_PX,
    "digitFont": BADGE_DIGIT_FONT,
    "hitPx": BADGE_HIT_PX,
    "keyMax": KEYBOARD_DOTS_MAX,
    "markerPx": MARKER_PX,
    "tolerance": HIT_TOLERANCE_PX,
}


class ProjectAtlas(RawScriptElement):
    """Badges, items and labels of the projects (see the module docstring).

    Parameters
    ----------
    categories : list of (page_data, shared, each_js)
        Per category: the compact features (a JS array literal, escaped), the
        properties they share (written once) and the ``onEachFeature`` function
        that binds its tooltip and popup.
    data : AtlasData
        Areas, other labels, the status palette and whether this is a presenter map.
    feature_count : int
        How many features the categories hold (for checks and the benchmark).
    pages_url : str, optional
        Where the page reads the categories' features from (one JSON array
        per category, in order; see :meth:`countymap.map.features.ProjectFeatures.write_pages`)
        instead of carrying them in its script: the app serves them beside
        the map, so the large data is not copied into every message of a run.
        The ``page_data`` of ``categories`` is then left out.
    """

    _template = Template(
        "{% macro script(this, kwargs) %};{{ this.code }}({{ this._parent.get_name() }}, {{ this.data }}, "
        "{{ this.categories }}, {{ this.expand_js }}, {{ this.constants }});{% endmacro %}"
    )

    def __init__(
        self,
        categories: list[tuple[str, dict, str]],
        data: AtlasData,
        feature_count: int = 0,
        pages_url: str | None = None,
    ):
        super().__init__()
        self.feature_count = feature_count
        self._name = "ProjectAtlas"
        parts = (
            f"{{features: {'[]' if pages_url else page}, shared: {script_json(shared)}, each: {each}}}"
            for page, shared, each in categories
        )
        self.categories = "[" + ",".join(parts) + "]"
        self.expand_js = EXPAND_JS
        plain = {
            "areas": data.areas,
            "labels": data.labels,
            "palette": data.palette,
            "presenter": data.presenter,
            "dotNames": data.dot_names,
        }
        self.data = script_json({**plain, "pagesUrl": pages_url} if pages_url else plain)
        self.code = static_text(ATLAS_JS)
        self.constants = script_json(_CONSTANTS)
