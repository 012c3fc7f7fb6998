"""The map's layers as GeoJSON: projects (one layer per category) and context.

Every string in a feature's properties is HTML-escaped here, in Python,
before it is embedded; the browser-side functions only concatenate these
ready-made strings, bind them with Leaflet's own ``bindTooltip`` /
``bindPopup`` and never need jQuery. One GeoJson layer per category
(:class:`~countymap.map.compact_geojson.CompactGeoJson`, written compactly) keeps the
page small and fast even for tens of thousands of projects.

A project feature's properties use short keys (20,000 features are written
into the page); :data:`PROPERTY_KEYS` is the one table of what each means, and
the browser-side functions below read exactly these.
"""

from __future__ import annotations

import math

import pandas as pd
from folium.utilities import JsCode

from countymap.core.placement import fast_rows
from countymap.core.schema import CATEGORIES, PRECISIONS, STATUSES, label
from countymap.map.compact_geojson import CompactGeoJson
from countymap.map.decor import text
from countymap.map.gcj02 import transform_geometry
from countymap.text.escape import html_text, script_json
from countymap.text.format import amount_with_kind, is_missing, item_name, quantity, township_label

# Okabe-Ito, colour-blind safe; yellow is left out (too faint on a light map).
STATUS_COLOURS = {
    "completed": "#009E73",
    "in_progress": "#E69F00",
    "planned": "#0072B2",
    "preparatory": "#CC79A7",
    "designated": "#D55E00",
}
# Short property keys of a project feature -> what they hold (escaped text or a code).
PROPERTY_KEYS: dict[str, str] = {
    "id": "item id",
    "n": "name in the reader's language (escaped)",
    "s": "status code",
    "c": "category code (written once per layer)",
    "p": "drawn precision code (exact, approximate, township, line)",
    "y": "report years, joined (escaped)",
    "t": "townships, joined (escaped)",
    "i": "amount with what it measures (escaped); absent when not disclosed",
    "r": "marker radius in px; only with an amount",
    "q": "size with its unit (escaped)",
    "su": "summary in the reader's language (escaped)",
    "nt": "placement note code (why a site or route is drawn at township level)",
    "sel": "1 on the selected item",
}
UNKNOWN_COLOUR = "#777777"
UNDISCLOSED_RADIUS = 4
MAX_RADIUS = 22


def investment_radius(investment_yi: float) -> int:
    """Point radius (px) for a disclosed investment; area grows with the amount."""
    if investment_yi is None or math.isnan(investment_yi):
        return UNDISCLOSED_RADIUS
    return int(min(MAX_RADIUS, round(6 + 4 * math.sqrt(investment_yi))))


def _code(value: str, vocab: dict) -> str:
    """A vocabulary code as it is; anything else escaped (it may be shown as a fallback label)."""
    return value if value in vocab else html_text(value)


class _Escaped(dict):
    """Memo of escaped text: township lists, years and amounts repeat across many projects."""

    def __missing__(self, value: str) -> str:
        self[value] = escaped = html_text(value)
        return escaped


def project_properties(
    project, drawn: str, note: str, lang: str, selected_id: str | None, memo: dict | None = None
) -> dict:
    """Escaped, minimal feature properties of one project (keys are read by the JS).

    Only what differs between projects is stored: codes (status ``s``,
    category ``c``, drawn precision ``p``, note ``nt``) are turned into labels
    in the browser from per-layer label tables, and empty values are left out.
    """
    memo = _Escaped() if memo is None else memo
    name = item_name(project, lang)
    summary = project.summary_zh if lang == "zh" else project.summary_en
    sep = "、" if lang == "zh" else ", "
    props = {
        "id": project.id,
        "n": html_text(name),
        "s": _code(project.status, STATUSES),
        "c": _code(project.category, CATEGORIES),
        "p": drawn,
        "y": memo[sep.join(project.years)],
    }
    optional = {
        "t": memo[sep.join(project.townships)],
        "i": memo[
            amount_with_kind(project.investment_yi, project.investment_kind, lang)
            if not is_missing(project.investment_yi)
            else ""
        ],
        "q": memo[quantity(project.quantity, project.quantity_unit, lang)],
        "su": html_text(summary),
        "nt": note,
    }
    props.update((key, value) for key, value in optional.items() if value)
    if props.get("i"):
        props["r"] = investment_radius(project.investment_yi)
    if selected_id is not None and project.id == selected_id:
        props["sel"] = 1
    return props


PROPERTY_INPUTS = (
    *("id", "name_zh", "name_en", "summary_zh", "summary_en", "status", "category", "years", "townships"),
    *("investment_yi", "investment_kind", "quantity", "quantity_unit"),
)
MEMO_LIMIT = 60_000  # property dicts kept between builds (about 1 KB each)
_MEMO: dict[tuple, dict] = {}


def clear_memo() -> None:
    """Forget the memoised feature properties (the benchmark times cold builds)."""
    _MEMO.clear()


def _memoised_properties(project, drawn: str, note: str, lang: str, escaped: dict) -> dict:
    """Properties of an unselected project, reused while its row is unchanged.

    Keyed on the row's whole content (not its id), so an edited or uploaded
    table can never get stale text; the app rebuilds the map on every filter
    change, and this keeps that cheap.
    """
    key = (lang, drawn, note, project)
    try:
        props = _MEMO.get(key)
    except TypeError:  # an unhashable cell (e.g. a list instead of a tuple): no memo
        return project_properties(project, drawn, note, lang, None, escaped)
    if props is None:
        if len(_MEMO) >= MEMO_LIMIT:
            _MEMO.clear()
        props = _MEMO[key] = project_properties(project, drawn, note, lang, None, escaped)
    return props


def project_collections(
    projects: pd.DataFrame, placement: pd.DataFrame, *, lang: str, selected_id: str | None, to_gcj02: bool
) -> dict[str, dict]:
    """FeatureCollections of drawable projects, keyed by category code (schema order)."""
    # Plain dict lookups: pandas .at per row costs seconds at 20,000 projects.
    where = dict(
        zip(
            placement["id"],
            zip(placement["geometry"], placement["drawn_precision"], placement["note"], strict=True),
            strict=True,
        )
    )
    features: dict[str, list] = {}
    escaped = _Escaped()
    # Read only the columns this language shows: each costs ~10 ms per 20,000 rows.
    unused = ("name_en", "summary_en") if lang == "zh" else ("summary_zh",)
    for project in fast_rows(projects[[c for c in PROPERTY_INPUTS if c in projects.columns and c not in unused]]):
        geometry, drawn, note = where[project.id]
        if geometry is None:
            continue
        if to_gcj02:
            geometry = transform_geometry(geometry)
        props = _memoised_properties(project, drawn, note, lang, escaped)
        if selected_id is not None and project.id == selected_id:
            props = {**props, "sel": 1}  # a copy: the memoised dict is shared
        features.setdefault(project.category, []).append(
            {"type": "Feature", "id": project.id, "geometry": geometry, "properties": props}
        )
    order = [code for code in CATEGORIES if code in features] + sorted(set(features) - set(CATEGORIES))
    return {code: {"type": "FeatureCollection", "features": features[code]} for code in order}


def _popup_labels(lang: str) -> dict:
    """Every label the browser needs to turn a feature's codes into text (all escaped)."""
    keys = ("category", "status", "townships", "investment", "quantity", "years", "precision", "undisclosed")
    labels = {key: html_text(text(key, lang)) for key in keys}
    labels["level"] = html_text(f" ({text('township_level', lang)})")
    labels["st"] = {code: html_text(label(STATUSES, code, lang)) for code in STATUSES}
    labels["pl"] = {code: html_text(label(PRECISIONS, code, lang)) for code in PRECISIONS}
    notes = ("township", "line", "fallback_site", "fallback_route", "no_township")
    labels["nt"] = {code: html_text(text("note_" + code, lang)) for code in notes}
    return labels


_POINT_JS = """function(feature, latlng) {
    var p = feature.properties, col = PALETTE[p.s] || "%(unknown)s";
    var township = p.p === "township";
    var opts = {radius: p.r || %(undisclosed)d, fillColor: col, weight: township ? 2 : 1.2,
        color: p.i ? (township ? col : "#ffffff") : "#222222",
        fillOpacity: township ? 0.3 : (p.p === "approximate" ? 0.6 : 0.9),
        dashArray: township ? "3 3" : null};
    if (p.sel) { opts.color = "#000000"; opts.weight = 4; }
    var marker = L.circleMarker(latlng, opts);
    marker.feature = feature;  // so a click on one point of a MultiPoint reports the project
    return marker;
}"""

_LINE_JS = """function(feature) {
    var p = feature.properties, col = PALETTE[p.s] || "%(unknown)s";
    return {color: p.sel ? "#000000" : col, weight: p.sel ? 7 : 4, opacity: 0.9, dashArray: "8 6"};
}"""

# Labels come from T (escaped in Python); p.s, p.p and p.nt are codes, p.n ... escaped text.
_EACH_JS = """function(feature, layer) {
    var T = %(labels)s, p = feature.properties;
    var own = function(table, key) { return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : ""; };
    var status = own(T.st, p.s) || p.s;
    layer.bindTooltip(p.n + " · " + status + (p.p === "township" ? T.level : ""), {sticky: true});
    layer.bindPopup(function() {
        var rows = [[T.category, %(category)s], [T.status, status], [T.townships, p.t],
            [T.investment, p.i || T.undisclosed], [T.quantity, p.q], [T.years, p.y], [T.precision, own(T.pl, p.p)]];
        var note = own(T.nt, p.nt || p.p);
        var h = '<div class="cm-popup"><div class="cm-popup-title">' + p.n + '</div><table>';
        rows.forEach(function(r) { if (r[1]) { h += '<tr><th>' + r[0] + '</th><td>' + r[1] + '</td></tr>'; } });
        h += '</table>' + (p.su ? '<p>' + p.su + '</p>' : '') + (note ? '<p class="cm-note">' + note + '</p>' : '');
        var box = document.createElement('div');
        box.innerHTML = h + '</div>';
        return box;
    }, {maxWidth: 340});
}"""


def _with_palette(js: str) -> str:
    return f"(function() {{ var PALETTE = {script_json(STATUS_COLOURS)}; return {js}; }})()"


def project_shared(category: str) -> dict:
    """Properties every feature of a category layer shares (written once per layer)."""
    return {"c": _code(category, CATEGORIES)}


def project_layer(
    category: str, collection: dict, lang: str, *, page_data: str | None = None, bounds=None
) -> CompactGeoJson:
    """One toggleable layer for all drawn projects of a category (written compactly).

    ``page_data`` and ``bounds`` may be passed in precomputed (see
    :class:`countymap.map.build.ProjectFeatures`).
    """
    name = f"{label(CATEGORIES, category, lang)} ({len(collection['features'])})"
    unknown = {"unknown": UNKNOWN_COLOUR, "undisclosed": UNDISCLOSED_RADIUS}
    category_label = script_json(html_text(label(CATEGORIES, category, lang)))
    return CompactGeoJson(
        collection,
        shared=project_shared(category),
        page_data=page_data,
        bounds=bounds,
        name=html_text(name),
        on_each_feature=JsCode(_EACH_JS % {"labels": script_json(_popup_labels(lang)), "category": category_label}),
        pointToLayer=JsCode(_with_palette(_POINT_JS % unknown)),
        style=JsCode(_with_palette(_LINE_JS % unknown)),
    )


# --- context: county, neighbours, township seats, routes ---------------------

_EACH_LABEL_JS = """function(feature, layer) {
    var p = feature.properties;
    if (p.label) { layer.bindTooltip(p.label, %s); }
}"""


def labelled_collection(collection: dict, lang: str, to_gcj02: bool, extra=None) -> dict:
    """Copy of a collection whose only properties are an escaped ``label`` (+ ``extra``)."""
    features = []
    for feature in collection.get("features", []):
        props = feature.get("properties") or {}
        geometry = feature.get("geometry")
        if geometry is None:
            continue
        new_props = {"label": html_text(item_name(props, lang))}
        new_props.update(extra(props) if extra else {})
        features.append(
            {
                "type": "Feature",
                "geometry": transform_geometry(geometry) if to_gcj02 else geometry,
                "properties": new_props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def outline_layer(collection: dict, name: str, *, style: dict, permanent: bool) -> CompactGeoJson:
    """A polygon layer with a fixed style and a name label (permanent or on hover)."""
    tooltip_options = (
        {"permanent": True, "direction": "center", "className": "cm-area-label"} if permanent else {"sticky": True}
    )
    return CompactGeoJson(
        collection,
        name=html_text(name),
        style=JsCode(f"function() {{ return {script_json(style)}; }}"),
        on_each_feature=JsCode(_EACH_LABEL_JS % script_json(tooltip_options)),
        interactive=not permanent,
    )


def route_layer(collection: dict, lang: str) -> CompactGeoJson:
    """Reference lines of the routes (dashed: they are schematic)."""
    style = {"color": "#555555", "weight": 2, "opacity": 0.7, "dashArray": "2 6"}
    return CompactGeoJson(
        collection,
        name=html_text(f"{text('routes', lang)} ({len(collection['features'])})"),
        style=JsCode(f"function() {{ return {script_json(style)}; }}"),
        on_each_feature=JsCode(_EACH_LABEL_JS % script_json({"sticky": True})),
    )


def township_sizes(projects: pd.DataFrame, size_by: str) -> dict[str, float]:
    """Number of projects, or their disclosed investment (亿元, not apportioned), per township."""
    sizes: dict[str, float] = {}
    for towns, amount in zip(projects["townships"], projects["investment_yi"], strict=True):
        for town in set(towns):
            value = 1.0 if size_by == "count" else (0.0 if math.isnan(amount) else float(amount))
            sizes[town] = sizes.get(town, 0.0) + value
    return sizes


def seat_radius(value: float, size_by: str) -> int:
    """Seat circle radius (px): area proportional to the count or investment."""
    scale = 2.5 if size_by == "count" else 3.5
    return int(min(26, round(3 + scale * math.sqrt(max(value, 0.0)))))


_SEAT_JS = """function(feature, latlng) {
    var p = feature.properties;
    var marker = L.circleMarker(latlng, {radius: p.r, color: "#3b3b3b", weight: 1.5,
        fillColor: "#bdbdbd", fillOpacity: 0.55});
    var left = p.dir === "left";
    marker.bindTooltip(p.label, {permanent: true, direction: p.dir || "right", offset: [left ? -p.r : p.r, 0],
        className: "cm-seat-label"});
    marker.bindPopup(p.tip);
    return marker;
}"""


def township_layer(
    townships: pd.DataFrame, projects: pd.DataFrame, *, size_by: str, lang: str, to_gcj02: bool
) -> CompactGeoJson:
    """Township seats sized by their projects, with permanent short-name labels."""
    sizes = township_sizes(projects, size_by)
    unit = text("projects_unit" if size_by == "count" else "yi_unit", lang)
    features, taken = [], set()
    for row in townships.itertuples(index=False):
        if pd.isna(row.lon) or pd.isna(row.lat):
            continue
        value = sum(sizes.get(n, 0.0) for n in {row.name_zh, row.short_zh, *row.aliases} if n)
        name = township_label(row.name_zh, lang)
        geometry = {"type": "Point", "coordinates": [float(row.lon), float(row.lat)]}
        props = {
            "label": html_text(township_label(row.name_zh, lang, short=True)),
            "r": seat_radius(value, size_by),
            "tip": html_text(f"{name}: {value:g} {unit}"),
        }
        if (row.lon, row.lat) in taken:  # two seats on one point: put the second label on the left
            props["dir"] = "left"
        taken.add((row.lon, row.lat))
        features.append(
            {"type": "Feature", "geometry": transform_geometry(geometry) if to_gcj02 else geometry, "properties": props}
        )
    collection = {"type": "FeatureCollection", "features": features}
    return CompactGeoJson(
        collection, name=html_text(f"{text('seats', lang)} ({len(features)})"), pointToLayer=JsCode(_SEAT_JS)
    )
