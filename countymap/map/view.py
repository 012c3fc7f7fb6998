"""How the map is shown: one spec per view setting, like the filter specs of :mod:`countymap.core.filters`.

Each setting of :class:`View` is described once, in :data:`VIEW` (a
:class:`ViewSetting`: URL key, default, allowed values, widget, command-line
flag of ``export-html``, and the attribute, which is also what
:func:`countymap.map.build.build_map` reads). Everything else is derived from
that table: the link round trip (:func:`view_from_params`,
:func:`view_to_params`), the widgets and their binding to the session
(:mod:`countymap.app.state`), and the flags of ``export-html``
(:mod:`countymap.cli.export_html`). Nothing here imports Streamlit.

Allowed values may depend on the Dataset and the filter (:class:`Choices`): a
badge can be sized only by an amount the shown items carry, an item can be
selected only if it is shown. A link's value that is not allowed falls back
to the setting's default, never to something else.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, replace

from countymap.core.aggregate import SIZE_COUNT
from countymap.map.basemaps import BASEMAPS, basemap_label
from countymap.schema import INVESTMENT_KINDS
from countymap.text.format import kind_label, township_label
from countymap.text.strings import LANGS, t

FLAG_ON = "1"
ZOOM_MIN, ZOOM_MAX = 7.0, 18.0  # from the whole of Chongqing to a street; the map allows no more
CENTRE_MARGIN_DEG = 0.5  # a centre may lie this far outside the county's outline (about 50 km)
_PLAIN = re.compile(r"-?\d{1,3}(\.\d{1,6})?")


@dataclass(frozen=True)
class Choices:
    """What the view settings may take now (from the Dataset, the filter and the deployment).

    Parameters
    ----------
    basemaps : tuple of str
        Basemap codes available (keyed ones only with a key).
    measures : tuple of str
        What badges and areas can show: the count and each amount kind the shown items carry.
    items : tuple of str
        Ids of the shown items (the selectable ones).
    townships : tuple of str
        The county's townships.
    bounds : tuple of float
        ``(west, south, east, north)`` of the county (WGS-84): where a centre may lie.
    counties : tuple of str
        Adcodes of the loaded datasets a reader may choose besides the first (shown when none is chosen).
    """

    basemaps: tuple[str, ...] = ()
    measures: tuple[str, ...] = (SIZE_COUNT,)
    items: tuple[str, ...] = ()
    townships: tuple[str, ...] = ()
    bounds: tuple[float, float, float, float] = (-180.0, -90.0, 180.0, 90.0)
    counties: tuple[str, ...] = ()


def export_choices(bounds: tuple[float, float, float, float] = (-180.0, -90.0, 180.0, 90.0)) -> Choices:
    """What ``export-html`` offers: basemaps that need no key, and every measure (a file travels)."""
    basemaps = tuple(code for code, spec in BASEMAPS.items() if not spec.needs_key)
    return Choices(basemaps=basemaps, measures=(SIZE_COUNT, *INVESTMENT_KINDS), bounds=bounds)


def measure_label(measure: str, lang: str) -> str:
    """What a badge or an area shows: the item count, or the amount of one investment kind."""
    return t("size_count", lang) if measure == SIZE_COUNT else kind_label(measure, lang)


AS_OF_LATEST, AS_OF_REPORT = "latest", "report"
AS_OF_CHOICES = (AS_OF_LATEST, AS_OF_REPORT)


def _as_of_label(code: str, lang: str) -> str:
    return t("as_of_" + code, lang)


def _shade_label(measure: str, lang: str) -> str:
    return measure_label(measure, lang) if measure else t("shade_none", lang)


@dataclass(frozen=True)
class ViewSetting:
    """Everything about one view setting, in one place.

    Parameters
    ----------
    attr : str
        Attribute of :class:`View`, and the argument :func:`~countymap.map.build.build_map` reads.
    param : str
        URL query key (also the widget's session key).
    default : object
        The value without a link; never written into a link.
    kind : {"choice", "flag", "zoom", "centre"}
        One of the allowed codes, an on/off switch (``=1``), a zoom level, or ``lat,lon``.
    label_key : str
        Key of the widget's label in the string table ("" for a setting with no widget of its own).
    widget : str
        The Streamlit widget that shows it ("" when none: set by a map click or by moving the map).
    allowed : callable, optional
        ``Choices -> tuple of codes`` (choices only).
    option_label : callable, optional
        ``(code, lang) -> label`` of one code (choices only).
    flag : str
        ``export-html``'s flag ("" when a file has no use for it).
    """

    attr: str
    param: str
    default: object
    kind: str
    label_key: str = ""
    widget: str = ""
    allowed: Callable[[Choices], tuple[str, ...]] | None = None
    option_label: Callable[[str, str], str] | None = None
    flag: str = ""


VIEW: tuple[ViewSetting, ...] = (
    ViewSetting("lang", "lang", "zh", "choice", "language", "radio", lambda c: LANGS, None, "--lang"),
    # The county whose dataset the whole app shows ("": none chosen, the first dataset); labelled by the app,
    # which knows the loaded datasets' names.
    ViewSetting("county", "county", "", "choice", "county", "selectbox", lambda c: ("", *c.counties)),
    ViewSetting(
        "basemap", "basemap", "none", "choice", "basemap", "selectbox", lambda c: c.basemaps, basemap_label, "--basemap"
    ),
    ViewSetting(
        "size_by", "size", SIZE_COUNT, "choice", "size_by", "radio", lambda c: c.measures, measure_label, "--size-by"
    ),
    ViewSetting(
        "shading", "shade", "", "choice", "shade_by", "radio", lambda c: ("", *c.measures), _shade_label, "--shade-by"
    ),
    ViewSetting("presenter", "present", False, "flag", "presenter", "toggle", flag="--presenter"),
    ViewSetting("item", "sel", "", "choice", "select_project", "selectbox", lambda c: ("", *c.items)),
    ViewSetting("township", "tw", "", "choice", allowed=lambda c: ("", *c.townships), option_label=township_label),
    ViewSetting("zoom", "z", None, "zoom"),
    ViewSetting("centre", "c", None, "centre"),
    # The living map: the items as the report gave them, or with every update recorded since (countymap.living).
    ViewSetting("as_of", "as_of", AS_OF_LATEST, "choice", "as_of", "radio", lambda c: AS_OF_CHOICES, _as_of_label),
)
SETTING = {spec.attr: spec for spec in VIEW}
PARAM_NAMES = frozenset(spec.param for spec in VIEW)


@dataclass(frozen=True)
class View:
    """How the map is shown; the default is the county in Chinese, no tiles, badges counting items."""

    lang: str = "zh"
    county: str = ""  # an adcode among the loaded datasets; "" for none chosen
    basemap: str = "none"
    size_by: str = SIZE_COUNT
    shading: str = ""
    presenter: bool = False
    item: str = ""
    township: str = ""
    zoom: float | None = None
    centre: tuple[float, float] | None = None  # (lat, lon), WGS-84
    as_of: str = "latest"  # AS_OF_LATEST or AS_OF_REPORT: which state of the items the map shows


DEFAULT_VIEW = View()
assert [f.name for f in fields(View)] == [spec.attr for spec in VIEW], "one spec per View field"
assert all(getattr(View(), spec.attr) == spec.default for spec in VIEW), "the View's defaults are the specs'"


def _last(raw: str | Iterable[str] | None) -> str | None:
    if raw is None or isinstance(raw, str):
        return raw
    items = list(raw)
    return str(items[-1]) if items else None


def _number(text: str) -> float | None:
    """A plain decimal (no exponent, no ``inf``, ASCII digits only), else ``None``."""
    text = text.strip()
    return float(text) if text.isascii() and _PLAIN.fullmatch(text) else None


def parse_zoom(raw: str | None) -> float | None:
    """A zoom level between :data:`ZOOM_MIN` and :data:`ZOOM_MAX` (to 0.01), else ``None``."""
    value = _number(raw or "")
    return round(value, 2) if value is not None and ZOOM_MIN <= value <= ZOOM_MAX else None


def parse_centre(raw: str | None, bounds: tuple[float, float, float, float]) -> tuple[float, float] | None:
    """``lat,lon`` within :data:`CENTRE_MARGIN_DEG` of the county's ``bounds``, else ``None``."""
    parts = (raw or "").split(",")
    if len(parts) != 2:
        return None
    lat, lon = _number(parts[0]), _number(parts[1])
    west, south, east, north = bounds
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    inside = south - CENTRE_MARGIN_DEG <= lat <= north + CENTRE_MARGIN_DEG
    inside &= west - CENTRE_MARGIN_DEG <= lon <= east + CENTRE_MARGIN_DEG
    return (round(lat, 5), round(lon, 5)) if inside else None


def clean(spec: ViewSetting, raw: str | Iterable[str] | None, choices: Choices) -> object:
    """The value a link's ``raw`` parameter gives ``spec``: allowed and in range, else the default."""
    text = _last(raw)
    if spec.kind == "flag":
        return text == FLAG_ON
    if spec.kind == "zoom":
        return parse_zoom(text)
    if spec.kind == "centre":
        return parse_centre(text, choices.bounds)
    return text if text is not None and text in spec.allowed(choices) else spec.default


def allowed_value(spec: ViewSetting, value: object, choices: Choices) -> object:
    """``value`` if ``spec`` may take it now, else the default (a filter may leave a choice behind)."""
    if spec.kind != "choice":
        return value
    return value if value in spec.allowed(choices) else spec.default


def encode(spec: ViewSetting, value: object) -> str | None:
    """How ``value`` reads in a link; ``None`` for the default (left out of the link)."""
    if value == spec.default or value is None:
        return None
    if spec.kind == "flag":
        return FLAG_ON
    if spec.kind == "zoom":
        return f"{value:g}"
    if spec.kind == "centre":
        return f"{value[0]:.5f},{value[1]:.5f}"
    return str(value)


def view_from_params(params: Mapping[str, str | Iterable[str]], choices: Choices) -> View:
    """Decode link parameters into a clean :class:`View`, dropping anything unknown or not allowed."""
    return View(**{spec.attr: clean(spec, params.get(spec.param), choices) for spec in VIEW})


def view_to_params(view: View) -> dict[str, str]:
    """Encode ``view`` as link parameters; settings at their default are left out."""
    encoded = {spec.param: encode(spec, getattr(view, spec.attr)) for spec in VIEW}
    return {param: value for param, value in encoded.items() if value is not None}


def settle(view: View, choices: Choices) -> View:
    """``view`` with every choice it may no longer take (after a filter change) back at its default."""
    return replace(view, **{spec.attr: allowed_value(spec, getattr(view, spec.attr), choices) for spec in VIEW})
