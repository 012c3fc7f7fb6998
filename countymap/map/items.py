"""The items as GeoJSON features, one collection per category, and how a popup reads them.

Every string in a feature's properties is HTML-escaped here, in Python,
before it is embedded; the browser-side functions only concatenate these
ready-made strings, bind them with Leaflet's own ``bindTooltip`` /
``bindPopup`` and never need jQuery. :class:`countymap.map.atlas.ProjectAtlas`
writes each category's features once, compactly.

A project feature's properties use short keys (20,000 features are written
into the page); :data:`PROPERTY_KEYS` is the one table of what each means, and
the browser-side functions below read exactly these.
"""

from __future__ import annotations

import functools

import pandas as pd

from countymap.core.placement import SPREAD, fast_rows
from countymap.map.decor import text
from countymap.map.gcj02 import transform_geometry
from countymap.map.static_files import static_text
from countymap.schema import CATEGORIES, PRECISIONS, STATUSES, label
from countymap.text.escape import html_text, script_json
from countymap.text.format import (
    amount_with_kind,
    bracketed,
    is_missing,
    item_name,
    join_labels,
    quantity,
    township_labels,
)

# Chosen from the Okabe-Ito and Paul Tol sets so that every pair differs by a CIEDE2000
# delta E above 20, also as deuteranopes, protanopes and tritanopes see them (a test checks).
STATUS_COLOURS = {
    "completed": "#0072B2",
    "in_progress": "#E69F00",
    "planned": "#88CCEE",
    "preparatory": "#8A8A8A",
    "designated": "#882255",
}
# Short property keys of a project feature -> what they hold (escaped text or a code).
PROPERTY_KEYS: dict[str, str] = {
    "id": "item id",
    "n": "name in the reader's language (escaped)",
    "s": "status code",
    "c": "category code (written once per layer)",
    "p": "drawn precision code (exact, approximate, township, line, inferred)",
    "y": "report years, joined (escaped)",
    "t": "townships, joined (escaped)",
    "i": "amount with what it measures (escaped); absent when not disclosed",
    "q": "size with its unit (escaped)",
    "su": "summary in the reader's language (escaped)",
    "nt": "placement note code (why a site or route is drawn at township level)",
    "pa": "per point of an item drawn in several areas: the townships of that point's area (escaped)",
}


def _code(value: str, vocab: dict) -> str:
    """A vocabulary code as it is; anything else escaped (it may be shown as a fallback label)."""
    return value if value in vocab else html_text(value)


class _Escaped(dict):
    """Memo of escaped text: township lists, years and amounts repeat across many projects."""

    def __missing__(self, value: str) -> str:
        self[value] = escaped = html_text(value)
        return escaped


@functools.lru_cache(maxsize=4096)  # a table repeats its townships: pinyin per item costs seconds at 20,000
def _townships_joined(townships: tuple[str, ...], lang: str) -> str:
    """An item's townships in the reader's language (``Gongtan Town, Longtan Town``), joined."""
    return township_labels(townships, lang)


def project_properties(project, drawn: str, note: str, lang: str, memo: dict | None = None) -> dict:
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
        "t": memo[_townships_joined(tuple(project.townships), lang)],
        "i": memo[
            amount_with_kind(
                project.investment_yi, project.investment_kind, lang, getattr(project, "investment_qualifier", "")
            )
            if not is_missing(project.investment_yi)
            else ""
        ],
        "q": memo[quantity(project.quantity, project.quantity_unit, lang)],
        "su": html_text(summary),
        "nt": note,
    }
    props.update((key, value) for key, value in optional.items() if value)
    return props


PROPERTY_INPUTS = (
    *("id", "name_zh", "name_en", "summary_zh", "summary_en", "status", "category", "years", "townships"),
    *("investment_yi", "investment_kind", "investment_qualifier", "quantity", "quantity_unit"),
)


def _areas_of_points(geometry: dict, drawn: str, areas: tuple, area_names: dict[int, str] | None) -> list | None:
    """The area names of each point of an item spread into several areas (one point per area, in order)."""
    if not area_names or drawn not in SPREAD or geometry["type"] != "MultiPoint":
        return None
    return [area_names[index] for index in areas] if len(areas) == len(geometry["coordinates"]) else None


def iter_project_features(
    projects: pd.DataFrame,
    placement: pd.DataFrame,
    *,
    lang: str,
    to_gcj02: bool,
    area_names: dict[int, str] | None = None,
):
    """``(category code, GeoJSON feature)`` of each drawable project, in table order, made one at a time.

    ``area_names`` (area index -> its townships, in ``lang``) lets an item drawn in several areas say, at
    each of its points, where else it is drawn (property ``pa``).
    """
    # Plain dict lookups: pandas .at per row costs seconds at 20,000 projects.
    where = dict(
        zip(
            placement["id"],
            zip(
                placement["geometry"], placement["drawn_precision"], placement["note"], placement["areas"], strict=True
            ),
            strict=True,
        )
    )
    escaped = _Escaped()
    # Read only the columns this language shows: each costs ~10 ms per 20,000 rows.
    unused = ("name_en", "summary_en") if lang == "zh" else ("summary_zh",)
    for project in fast_rows(projects[[c for c in PROPERTY_INPUTS if c in projects.columns and c not in unused]]):
        geometry, drawn, note, areas = where[project.id]
        if geometry is None:
            continue
        if to_gcj02:
            geometry = transform_geometry(geometry)
        props = project_properties(project, drawn, note, lang, escaped)
        spread = _areas_of_points(geometry, drawn, areas, area_names)
        if spread:
            props["pa"] = [escaped[name] for name in spread]
        yield project.category, {"type": "Feature", "id": project.id, "geometry": geometry, "properties": props}


def category_order(codes) -> list[str]:
    """Category codes in schema order (unknown codes last, sorted)."""
    present = set(codes)
    return [code for code in CATEGORIES if code in present] + sorted(present - set(CATEGORIES))


def project_collections(
    projects: pd.DataFrame, placement: pd.DataFrame, *, lang: str, to_gcj02: bool
) -> dict[str, dict]:
    """FeatureCollections of drawable projects, keyed by category code (schema order)."""
    features: dict[str, list] = {}
    for code, feature in iter_project_features(projects, placement, lang=lang, to_gcj02=to_gcj02):
        features.setdefault(code, []).append(feature)
    return {code: {"type": "FeatureCollection", "features": features[code]} for code in category_order(features)}


def _popup_labels(lang: str) -> dict:
    """Every label the browser needs to turn a feature's codes into text (all escaped)."""
    keys = ("category", "status", "townships", "investment", "quantity", "years", "precision", "undisclosed")
    labels = {key: html_text(text(key, lang)) for key in keys}
    labels["level"] = html_text(bracketed("", text("township_level", lang), lang))
    labels["guess"] = html_text(bracketed("", text("inferred_level", lang), lang))
    labels["st"] = {code: html_text(label(STATUSES, code, lang)) for code in STATUSES}
    labels["pl"] = {code: html_text(label(PRECISIONS, code, lang)) for code in PRECISIONS}
    notes = ("township", "line", "inferred", "fallback_site", "fallback_route", "no_township")
    labels["nt"] = {code: html_text(text("note_" + code, lang)) for code in notes}
    before, after = text("also_in", lang).split("{towns}")  # around the other points' townships
    labels["also"] = [html_text(before), html_text(after)]
    labels["sep"] = join_labels(["", ""], lang)  # how the language lists things
    return labels


POPUP_JS = "item_popup.js"  # in countymap/map/static/: an item's tooltip and popup


def project_shared(category: str) -> dict:
    """Properties every feature of a category layer shares (written once per layer)."""
    return {"c": _code(category, CATEGORIES)}


def each_feature_js(category: str, lang: str) -> str:
    """The ``onEachFeature`` function of a category: tooltip and popup from escaped properties."""
    category_label = script_json(html_text(label(CATEGORIES, category, lang)))
    return f"{static_text(POPUP_JS)}({script_json(_popup_labels(lang))}, {category_label})"
