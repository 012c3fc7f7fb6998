"""Basemap choices: none (offline default), Gaode, Tianditu and OpenStreetMap.

Gaode tiles are in GCJ-02, so overlays must be converted when one is shown
(:func:`needs_gcj02`). Tianditu (CGCS2000 = WGS-84 at map scale) needs a user
key, which the caller reads from the environment or Streamlit secrets; it is
put into the tile URL only (the browser must send it) and never logged.

Maps published in China carry the basemap's approval number (审图号).
Tianditu's GS(2023)336号 is quoted the same way by several independent
projects. For Gaode, projects quote 高德软件 GS(2023)4677号 (vector) and
GS(2023)4047号 (imagery); GS(2023)551号 is also quoted, but no source
we could search confirmed. Both are marked to be checked against the providers'
own pages before publication.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import folium

from countymap.text.escape import html_text
from countymap.text.strings import t


@dataclass(frozen=True)
class Basemap:
    """One basemap: tile layers (URL template, subdomains) and its attribution.

    ``attribution`` is a key of the string table (the provider's name and
    approval number in the map's language); ``attribution_url`` is where it links.
    """

    code: str
    datum: str  # "wgs84" or "gcj02"
    tiles: tuple[str, ...] = ()
    subdomains: str = ""
    attribution: str = ""
    needs_key: bool = False
    max_zoom: int = 18
    attribution_url: str = ""


_TDT = (
    "https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
    "&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={key}"
)

BASEMAPS: dict[str, Basemap] = {
    "none": Basemap("none", "wgs84"),
    "gaode_vec": Basemap(
        "gaode_vec",
        "gcj02",
        ("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",),
        "1234",
        "attr_gaode_vec",
    ),
    "gaode_img": Basemap(
        "gaode_img",
        "gcj02",
        (
            "https://webst0{s}.is.autonavi.com/appmaptile?style=6&x={x}&y={y}&z={z}",
            "https://webst0{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}",
        ),
        "1234",
        "attr_gaode_img",
    ),
    "tianditu_vec": Basemap(
        "tianditu_vec",
        "wgs84",
        (_TDT.format(layer="vec", key="{key}"), _TDT.format(layer="cva", key="{key}")),
        "01234567",
        "attr_tianditu",
        needs_key=True,
        attribution_url="https://www.tianditu.gov.cn/",
    ),
    "tianditu_img": Basemap(
        "tianditu_img",
        "wgs84",
        (_TDT.format(layer="img", key="{key}"), _TDT.format(layer="cia", key="{key}")),
        "01234567",
        "attr_tianditu",
        needs_key=True,
        attribution_url="https://www.tianditu.gov.cn/",
    ),
    "osm": Basemap(
        "osm",
        "wgs84",
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png",),
        "",
        "attr_osm",
        max_zoom=19,
        attribution_url="https://www.openstreetmap.org/copyright",
    ),
}


def needs_gcj02(code: str) -> bool:
    """Whether overlays must be converted to GCJ-02 for this basemap."""
    return BASEMAPS[code].datum == "gcj02"


def available(tianditu_key: str | None = None) -> list[str]:
    """Basemap codes usable now (Tianditu only with a key)."""
    return [code for code, spec in BASEMAPS.items() if tianditu_key or not spec.needs_key]


def basemap_label(code: str, lang: str = "zh") -> str:
    """Display name of a basemap, from the string table."""
    return t(f"basemap_{code}", lang)


def attribution_html(code: str, lang: str = "zh") -> str:
    """The basemap's credit as HTML (``&copy;`` and the provider, linked when it has a page); ``""`` for none."""
    spec = BASEMAPS[code]
    if not spec.attribution:
        return ""
    words = html_text(t(spec.attribution, lang))
    url = html_text(spec.attribution_url)
    return f'&copy; <a href="{url}">{words}</a>' if url else f"&copy; {words}"


def resolve(code: str, tianditu_key: str | None) -> str:
    """Return ``code`` if usable; an unknown code or a Tianditu without key gives ``none``."""
    spec = BASEMAPS.get(code)
    if spec is None or (spec.needs_key and not tianditu_key):
        return "none"
    return code


def add_basemap(fmap: folium.Map, code: str, *, tianditu_key: str | None = None, lang: str = "zh") -> str:
    """Add the tile layers of ``code`` to ``fmap``; return the code actually used.

    The first tile layer is the base layer; label layers (Tianditu ``cva``/``cia``,
    Gaode road labels) are added as non-toggleable overlays on top of it. The
    credit is not the tile layers' (Leaflet would join it to the map's other
    credits with a half-width comma): :func:`attribution_html` gives it to the
    map's one attribution line.
    """
    code = resolve(code, tianditu_key)
    spec = BASEMAPS[code]
    key = quote(tianditu_key or "", safe="")  # a key is data: never let it alter the URL
    for index, template in enumerate(spec.tiles):
        layer = folium.TileLayer(
            tiles=template.replace("{key}", key),
            attr=" ",  # folium requires one; the credit is the map's (see above)
            name=basemap_label(code, lang),
            overlay=index > 0,
            control=index == 0,
            subdomains=spec.subdomains or "abc",
            max_zoom=spec.max_zoom,
        )
        del layer.options["attribution"]  # else Leaflet adds " " to the credits, with a stray comma
        layer.add_to(fmap)
    return code
