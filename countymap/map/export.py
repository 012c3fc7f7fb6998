"""Standalone offline HTML export of the (filtered) map, and its command line.

``python -m countymap export-html --projects FILE --out FILE [filters]`` writes
one HTML file with Leaflet embedded: no script or stylesheet is fetched from
anywhere, so it opens from a USB stick on a machine without network. Tiles are
the only thing that could need a network, so the default basemap is ``none``.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import folium
import pandas as pd
from branca.element import Element

from countymap.core.geodata import Geodata, load_geodata
from countymap.map.assets import inline_assets
from countymap.map.basemaps import BASEMAPS
from countymap.map.build import build_map, county_wide_projects
from countymap.map.decor import text
from countymap.text.escape import html_text

COUNTY_WIDE_LIMIT = 200  # a longer list would hide the map; the count is still given
_PANEL_CSS = (
    "<style>.cm-panel{position:absolute;right:10px;bottom:28px;z-index:900;max-width:340px;"
    "max-height:40vh;overflow:auto;background:rgba(255,255,255,.94);padding:6px 10px;border-radius:6px;"
    "box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px/1.4 'Noto Sans CJK SC','Microsoft YaHei',sans-serif}"
    ".cm-panel summary{cursor:pointer;font-weight:600}.cm-panel ul{margin:4px 0 0 0;padding-left:18px}</style>"
)
PANEL_STRINGS = {
    "filters": ("筛选", "Filter"),
    "county_list": ("全县范围项目（未在图上标注）", "County-wide projects (not drawn)"),
    "more": ("……另有 {n} 项", "… and {n} more"),
}


def _panel_text(key: str, lang: str) -> str:
    zh, en = PANEL_STRINGS[key]
    return zh if lang == "zh" else en


def standalone_html(fmap: folium.Map) -> str:
    """Render a copy of ``fmap`` as one self-contained HTML page (Leaflet inlined).

    The map itself is left untouched, so the same object can still be shown
    by streamlit-folium.
    """
    return inline_assets(copy.deepcopy(fmap)).get_root().render()


def _panel_html(description: str, county_wide: pd.DataFrame, lang: str) -> str:
    """Filter description and the list of county-wide projects (all escaped)."""
    name_col = "name_zh" if lang == "zh" else "name_en"
    names = [html_text(n) for n in county_wide[name_col].head(COUNTY_WIDE_LIMIT)]
    more = len(county_wide) - len(names)
    items = "".join(f"<li>{n}</li>" for n in names)
    if more > 0:
        items += f"<li>{html_text(_panel_text('more', lang).format(n=more))}</li>"
    parts = [f"<div><b>{html_text(_panel_text('filters', lang))}</b>: {html_text(description)}</div>"]
    if names:
        parts.append(
            f"<details><summary>{html_text(_panel_text('county_list', lang))} ({len(county_wide)})"
            f"</summary><ul>{items}</ul></details>"
        )
    return _PANEL_CSS + f'<div class="cm-panel">{"".join(parts)}</div>'


def _describe(state, result: pd.DataFrame, lang: str) -> str:
    try:
        from countymap.core.filters import describe
    except ImportError:  # the description is a courtesy; the map does not need it
        return f"{len(result)}"
    return describe(state, result, lang)


def export_html(
    projects,
    geodata: Geodata | None = None,
    state=None,
    out_path: str | Path | None = None,
    *,
    lang: str = "zh",
    basemap: str = "none",
    size_by: str = "count",
    presenter: bool = False,
) -> str:
    """Write (if ``out_path``) and return a standalone HTML page of the filtered map.

    Parameters
    ----------
    projects : pandas.DataFrame or folium.Map
        Typed projects (filtered here with ``state``); or an already built map,
        which is then exported as it is (what the app's download button uses).
    geodata : Geodata
        Needed unless ``projects`` is a map.
    state : countymap.core.filters.FilterState, optional
        The filter; ``None`` exports everything.
    out_path : path, optional
        Where to write the UTF-8 file.
    """
    if isinstance(projects, folium.Map):
        page = standalone_html(projects)
    else:
        from countymap.core.filters import FilterState, apply_filters

        state = state if state is not None else FilterState()
        result = apply_filters(projects, state)
        fmap = build_map(result, geodata, lang=lang, basemap=basemap, size_by=size_by, presenter=presenter)
        panel = _panel_html(_describe(state, result, lang), county_wide_projects(result, geodata), lang)
        fmap.get_root().html.add_child(Element(panel), name="cm_panel")
        fmap.get_root().title = text("title", lang)
        page = inline_assets(fmap).get_root().render()
    if out_path is not None:
        Path(out_path).write_text(page, encoding="utf-8")
    return page


def _split(values: list[str] | None) -> tuple[str, ...]:
    """Repeated options and comma-separated lists both work: ``--year 2022,2023``."""
    items = []
    for value in values or []:
        items.extend(v.strip() for v in value.replace("，", ",").split(",") if v.strip())
    return tuple(dict.fromkeys(items))


def parser() -> argparse.ArgumentParser:
    """The ``export-html`` command line."""
    p = argparse.ArgumentParser(
        prog="python -m countymap export-html", description="Write the filtered map as one offline HTML file."
    )
    p.add_argument("--projects", required=True, help="projects CSV (e.g. data/projects.csv)")
    p.add_argument("--out", required=True, help="HTML file to write")
    p.add_argument("--geodata", default="geodata", help="folder with county.geojson etc. (default: geodata)")
    for flag, help_text in (
        ("--year", "2022 and/or 2023"),
        ("--category", "category code"),
        ("--status", "status code"),
        ("--township", "official township name"),
        ("--precision", "precision code"),
    ):
        p.add_argument(flag, action="append", help=f"{help_text}; repeat or comma-separate for OR")
    p.add_argument("--min-yi", type=float, help="minimum disclosed investment (亿元)")
    p.add_argument("--max-yi", type=float, help="maximum disclosed investment (亿元)")
    p.add_argument("--query", default="", help="text or pinyin search, e.g. gongtan")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument(
        "--basemap",
        choices=[c for c, b in BASEMAPS.items() if not b.needs_key],
        default="none",
        help="tiles need a network; default none (fully offline)",
    )
    p.add_argument("--size-by", choices=("count", "investment"), default="count")
    p.add_argument("--presenter", action="store_true", help="larger labels and a title")
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap export-html``; returns the exit code."""
    args = parser().parse_args(argv)
    from countymap.core.filters import FilterState
    from countymap.core.tables import TableError, load_projects

    try:
        projects = load_projects(args.projects)
    except (OSError, TableError, ValueError) as exc:
        print(f"cannot read {args.projects}: {exc}", file=sys.stderr)
        return 2
    state = FilterState(
        years=_split(args.year),
        categories=_split(args.category),
        statuses=_split(args.status),
        townships=_split(args.township),
        precisions=_split(args.precision),
        invest_min=args.min_yi,
        invest_max=args.max_yi,
        query=args.query,
    )
    geodata = load_geodata(args.geodata)
    export_html(
        projects,
        geodata,
        state,
        args.out,
        lang=args.lang,
        basemap=args.basemap,
        size_by=args.size_by,
        presenter=args.presenter,
    )
    print(f"wrote {args.out}")
    return 0
