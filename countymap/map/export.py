"""Standalone offline HTML export of the (filtered) map, and its command line.

``python -m countymap export-html --projects FILE --out FILE [filters]`` writes
one HTML file with Leaflet embedded: no script or stylesheet is fetched from
anywhere, so it opens from a USB stick on a machine without network. Tiles are
the only thing that could need a network, so the default basemap is ``none``.
The filter flags come from :data:`countymap.core.filters.FIELDS`, like the
app's sidebar and URL.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from branca.element import Element

from countymap.core.filters import FIELDS, FilterState, apply_filters, from_query_params
from countymap.core.geodata import Geodata, load_geodata
from countymap.core.placement import undrawn
from countymap.core.stats import describe
from countymap.core.tables import TableError, load_projects
from countymap.map.assets import inline_assets
from countymap.map.basemaps import BASEMAPS
from countymap.map.build import build_map
from countymap.map.decor import text
from countymap.text.escape import html_text
from countymap.text.format import item_names

UNDRAWN_LIST_LIMIT = 200  # a longer list would hide the map; the count is still given
_PANEL_CSS = (
    "<style>.cm-panel{position:absolute;right:10px;bottom:28px;z-index:900;max-width:340px;"
    "max-height:40vh;overflow:auto;background:rgba(255,255,255,.94);padding:6px 10px;border-radius:6px;"
    "box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px/1.4 'Noto Sans CJK SC','Microsoft YaHei',sans-serif}"
    ".cm-panel summary{cursor:pointer;font-weight:600}.cm-panel ul{margin:4px 0 0 0;padding-left:18px}</style>"
)


def _panel_html(description: str, not_drawn: pd.DataFrame, lang: str) -> str:
    """Filter description and the list of items the map does not draw (all escaped)."""
    names = [html_text(n) for n in item_names(not_drawn.head(UNDRAWN_LIST_LIMIT), lang)]
    more = len(not_drawn) - len(names)
    items = "".join(f"<li>{n}</li>" for n in names)
    if more > 0:
        items += f"<li>{html_text(text('panel_more', lang).format(n=more))}</li>"
    parts = [f"<div><b>{html_text(text('panel_filters', lang))}</b>: {html_text(description)}</div>"]
    if names:
        parts.append(
            f'<details id="cm-undrawn-panel"><summary>{html_text(text("panel_undrawn", lang))} ({len(not_drawn)})'
            f"</summary><ul>{items}</ul></details>"
        )
    return _PANEL_CSS + f'<div class="cm-panel">{"".join(parts)}</div>'


def export_html(
    projects: pd.DataFrame,
    geodata: Geodata,
    state: FilterState | None = None,
    out_path: str | Path | None = None,
    *,
    lang: str = "zh",
    basemap: str = "none",
    size_by: str = "count",
    shading: str = "",
    presenter: bool = False,
) -> str:
    """Write (if ``out_path``) and return a standalone HTML page of the filtered map.

    Parameters
    ----------
    projects : pandas.DataFrame
        Typed projects (filtered here with ``state``).
    geodata : Geodata
        County, neighbours, seats, places and routes.
    state : FilterState, optional
        The filter; ``None`` exports everything.
    out_path : path, optional
        Where to write the UTF-8 file.
    """
    state = state if state is not None else FilterState()
    result = apply_filters(projects, state)
    fmap = build_map(
        result, geodata, lang=lang, basemap=basemap, size_by=size_by, shading=shading, presenter=presenter, title=True
    )
    panel = _panel_html(describe(state, result, lang), undrawn(result, geodata), lang)
    fmap.get_root().html.add_child(Element(panel), name="cm_panel")
    fmap.get_root().title = text("title", lang)
    page = inline_assets(fmap).get_root().render()
    if out_path is not None:
        Path(out_path).write_text(page, encoding="utf-8")
    return page


def add_filter_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per filter field (repeat or comma-separate a list flag for OR)."""
    for spec in FIELDS:
        if spec.kind == "list":
            parser.add_argument(
                spec.flag, dest=spec.param, action="append", help=f"{spec.attr}: repeat or comma-separate for OR"
            )
        else:
            parser.add_argument(spec.flag, dest=spec.param, help=spec.attr)


def state_from_args(args: argparse.Namespace) -> FilterState:
    """The filter the flags describe, cleaned exactly like a link's parameters."""
    params = {spec.param: getattr(args, spec.param) for spec in FIELDS if getattr(args, spec.param) is not None}
    return from_query_params(params)


def parser() -> argparse.ArgumentParser:
    """The ``export-html`` command line."""
    p = argparse.ArgumentParser(
        prog="python -m countymap export-html", description="Write the filtered map as one offline HTML file."
    )
    p.add_argument("--projects", required=True, help="projects CSV (e.g. projects.csv)")
    p.add_argument("--out", required=True, help="HTML file to write")
    p.add_argument("--geodata", default=None, help="folder with county.geojson etc. (default: geodata/)")
    add_filter_flags(p)
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
    try:
        projects = load_projects(args.projects)
    except (OSError, TableError, ValueError) as exc:
        print(f"cannot read {args.projects}: {exc}", file=sys.stderr)
        return 2
    geodata = load_geodata(args.geodata)
    export_html(
        projects,
        geodata,
        state_from_args(args),
        args.out,
        lang=args.lang,
        basemap=args.basemap,
        size_by=args.size_by,
        presenter=args.presenter,
    )
    print(f"wrote {args.out}")
    return 0
