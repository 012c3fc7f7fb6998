"""Attribution, scale, notices, the legend's control and map styling (CSS), in Chinese or English.

The legend's content comes from :mod:`countymap.map.legend`; it is a Leaflet
control filled from an escaped HTML string, so it works the same in a
standalone page and inside streamlit-folium's iframe.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from countymap.core.dataset import Dataset
from countymap.map.compact_geojson import RawScript, add_script_raw
from countymap.map.static_files import static_text
from countymap.text.escape import script_json
from countymap.text.strings import t

LEGEND_FOLD_BELOW_PX = 720  # a narrow map (a phone, a desk page with the details panel) starts folded
LEGEND_FOLD_BELOW_HEIGHT_PX = 480
# A presenter's map on a phone or a tablet starts folded too: opened, the large legend covered most of the map.
PRESENTER_FOLD_BELOW_PX = 1000
TILE_ERRORS_BEFORE_NOTICE = 3
CARD_SHEET_BELOW_PX = 600  # a narrower frame shows a selected item's card as a sheet across its foot (details.js)
FOCUS_MAX_ZOOM = 14  # a selection is fitted to the frame, never closer than this (a short line, one site)


def text(key: str, lang: str = "zh") -> str:
    """A map string (legend, layer names, notes) in ``lang``, from :data:`countymap.text.strings.STRINGS`."""
    return t(f"map_{key}", lang)


def map_title(dataset: Dataset, lang: str) -> str:
    """The map's title: the dataset's county and report year."""
    return text("title", lang).format(county=dataset.county.name(lang, short=True), year=dataset.edition.year)


def data_credit(dataset: Dataset, lang: str) -> str:
    """Where the items and the geodata come from, for the attribution line."""
    return text("data_attr", lang).format(county=dataset.county.name(lang, short=True), year=dataset.edition.year)


DECOR_JS, DECOR_CSS = "decor.js", "decor.css"  # in countymap/map/static/
DETAILS_JS = "details.js"  # tooltips kept in the frame, a popup docked beside the selection
CLEAR_VIEW_JS = "clear_view.js"  # the views the fit may choose, clear of the controls (decor.js fits one)


class MapDecor(MacroElement):
    """CSS, background, attribution, metric scale, legend, the undrawn-items link, tile notice, fit, title."""

    _template = Template(
        "{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}"
        "{% macro script(this, kwargs) %};{{ this.code }}({{ this._parent.get_name() }}, {{ this.data }}, {{ this.clearing }});"
        ";{{ this.details }}({{ this._parent.get_name() }}, {{ this.data }});{% endmacro %}"
    )

    def __init__(
        self,
        *,
        legend: str,
        attribution: str,
        lang: str,
        title: str = "",
        background: str = "",
        presenter: bool = False,
        bounds: list | None = None,
        undrawn: int = 0,
        fit_outlines: bool = False,
    ):
        super().__init__()
        self._name = "MapDecor"
        self.css = static_text(DECOR_CSS)
        self.code = static_text(DECOR_JS)
        self.clearing = static_text(CLEAR_VIEW_JS)
        self.details = static_text(DETAILS_JS)
        self.data = script_json(
            {
                "legend": legend,
                "attribution": attribution,
                "title": title,
                "background": background,
                "presenter": presenter,
                "bounds": bounds or None,
                "fitOutlines": fit_outlines,  # the fit keeps every outline's line clear too, not only the badges
                "foldBelow": PRESENTER_FOLD_BELOW_PX if presenter else LEGEND_FOLD_BELOW_PX,
                "foldBelowHeight": 0 if presenter else LEGEND_FOLD_BELOW_HEIGHT_PX,
                "undrawn": text("undrawn_link", lang).format(n=undrawn) if undrawn else "",
                "tileNotice": text("tile_notice", lang),
                "tileErrors": TILE_ERRORS_BEFORE_NOTICE,
                "focusMaxZoom": FOCUS_MAX_ZOOM,
                "sheetBelow": CARD_SHEET_BELOW_PX,
                "names": {key: text(key, lang) for key in ("frame_name", "zoom_in", "zoom_out", "layers", "card")}
                | {"close": t("control_close", lang)},
            }
        )

    def render(self, **kwargs) -> None:
        """Add the style and the script to the page as they are (branca would compile them as templates)."""
        figure = self.get_root()
        figure.header.add_child(RawScript(self._template.module.header(self, kwargs)), name=self.get_name())
        add_script_raw(self, kwargs)
