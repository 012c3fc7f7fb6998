"""Leaflet without any CDN: local files for Streamlit, inlined for exports.

The only asset the maps need is Leaflet itself (JS + CSS + its control
images), taken from the PyPI package ``django-js-lib-leaflet`` (Leaflet 1.9.4,
BSD-2-Clause). folium's other defaults (jQuery, Bootstrap, awesome-markers,
Font Awesome) are dropped: the maps bind popups and tooltips in plain Leaflet.

streamlit-folium does *not* bundle Leaflet: its iframe loads, in order, every
``default_js``/``default_css`` URL of the map's elements. So for the app we
point those at the package's own folder, which Streamlit serves (see
:mod:`countymap.app.map_view`), and for a standalone file we embed the assets.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import folium
import js_lib_leaflet
from branca.element import CssLink, Element, JavascriptLink

from countymap.map.static_files import static_text

LEAFLET_SOURCE_DIR = Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet"
LEAFLET_FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)
LEAFLET_JS_NAMES = {"leaflet"}
LEAFLET_CSS_NAMES = {"leaflet_css"}
# folium's defaults that these maps never use (no awesome markers, no jQuery popups).
DROPPED_ASSETS = {
    "jquery",
    "bootstrap",
    "awesome_markers",
    "bootstrap_css",
    "glyphicons_css",
    "awesome_markers_font_css",
    "awesome_markers_css",
    "awesome_rotate_css",
}


class UnknownAssetError(ValueError):
    """An element asks for a JS/CSS asset that has no local copy."""


def walk(element) -> Iterator:
    """Yield ``element`` and all its descendants (folium/branca children)."""
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from walk(child)


def _relink(links, base_url: str, local_names: set[str], filename: str, owner) -> list:
    kept = []
    for name, url in links:
        if name in local_names:
            kept.append((name, f"{base_url.rstrip('/')}/{filename}"))
        elif name not in DROPPED_ASSETS:
            raise UnknownAssetError(f"{type(owner).__name__} needs {name} ({url}): no local copy")
    return kept


def localize_assets(fmap, base_url: str):
    """Point every element's JS/CSS at the local Leaflet copy; drop the rest.

    Parameters
    ----------
    fmap : folium.Map
        The map; all its descendants are rewritten too.
    base_url : str
        Where Leaflet's files are served (the app: a relative link to the
        component folder declared in :mod:`countymap.app.map_view`).

    Raises
    ------
    UnknownAssetError
        If an element (e.g. a plugin) needs an asset we do not ship.
    """
    for element in walk(fmap):
        if hasattr(element, "default_js"):
            element.default_js = _relink(element.default_js, base_url, LEAFLET_JS_NAMES, "leaflet.js", element)
        if hasattr(element, "default_css"):
            element.default_css = _relink(element.default_css, base_url, LEAFLET_CSS_NAMES, "leaflet.css", element)
    fmap.get_root().header.add_child(
        folium.Element(f"<style>{static_text('tooltip_layout.css')}</style>"), name="cm_tooltip_layout"
    )
    return fmap


def _css_with_data_uris() -> str:
    """leaflet.css with its ``url(images/...)`` references embedded as data URIs."""
    css = (LEAFLET_SOURCE_DIR / "leaflet.css").read_text(encoding="utf-8")

    def embed(match: re.Match) -> str:
        data = (LEAFLET_SOURCE_DIR / "images" / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", embed, css)


def inline_leaflet_html() -> str:
    """``<style>`` + ``<script>`` elements holding Leaflet, for a standalone page."""
    js = (LEAFLET_SOURCE_DIR / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+\s*$", "", js)  # no request for a .map file
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    css = _css_with_data_uris().replace("</", "<\\/")
    return f"<style>\n{css}\n</style>\n<script>\n{js}\n</script>"


def inline_assets(fmap):
    """Embed Leaflet in the map's page and remove every external asset link."""
    for element in walk(fmap):
        if hasattr(element, "default_js"):
            _relink(element.default_js, "", LEAFLET_JS_NAMES, "", element)  # fail on unknown assets
            element.default_js = []
        if hasattr(element, "default_css"):
            _relink(element.default_css, "", LEAFLET_CSS_NAMES, "", element)
            element.default_css = []
    header = fmap.get_root().header
    # A map that was rendered before (e.g. shown by streamlit-folium) keeps the
    # <script src>/<link> elements of that render in its page header: drop them.
    for name, child in list(header._children.items()):
        if isinstance(child, (JavascriptLink, CssLink)):
            del header._children[name]
    header.add_child(Element(inline_leaflet_html()), name="leaflet_inline", index=0)
    return fmap
