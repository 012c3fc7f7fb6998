"""Standalone offline HTML export of the (filtered) map, and its command line.

``python -m countymap export-html --projects FILE --out FILE [filters]`` writes
one HTML file with Leaflet embedded: no script or stylesheet is fetched from
anywhere, so it opens from a USB stick on a machine without network. Tiles are
the only thing that could need a network, so the default basemap is ``none``.
The filter flags come from :data:`countymap.core.filters.FIELDS`, like the
app's sidebar and URL; the projects file is checked like an upload and not
exported when it has any problem (:mod:`countymap.cli.options`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
from branca.element import Element

from countymap.cli.options import add_filter_flags, add_input_flags, run_export, state_from_args
from countymap.core.filters import FilterState, apply_filters, county_wide_reaching
from countymap.core.geodata import Geodata
from countymap.core.placement import place_projects, placement_of, undrawn
from countymap.core.stats import describe
from countymap.map.assets import inline_assets
from countymap.map.basemaps import BASEMAPS, needs_gcj02, resolve
from countymap.map.build import build_map
from countymap.map.decor import text
from countymap.map.features import project_features, write_table
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
    whole: pd.DataFrame | None = None,
) -> str:
    """Write (if ``out_path``) and return a standalone HTML page of the filtered map.

    Parameters
    ----------
    projects : pandas.DataFrame
        Typed projects (filtered here with ``state``): the whole table, so that
        the county-wide items that reach a filtered township are found too.
    geodata : Geodata
        County, neighbours, seats, places and routes.
    state : FilterState, optional
        The filter; ``None`` exports everything.
    out_path : path, optional
        Where to write the UTF-8 file.
    whole : pandas.DataFrame, optional
        The placement of the whole table ``projects`` is part of, if it is
        part of one (the app's view): items keep their places on the map.
    """
    state = state if state is not None else FilterState()
    result = apply_filters(projects, state)
    whole = place_projects(projects, geodata) if whole is None else whole
    to_gcj02 = needs_gcj02(resolve(basemap, None))
    placed = write_table(result, geodata, lang=lang, to_gcj02=to_gcj02, placement=placement_of(result, whole))
    features = project_features(result, geodata, lang=lang, to_gcj02=to_gcj02, table=placed)
    options = {"lang": lang, "basemap": basemap, "size_by": size_by, "shading": shading, "presenter": presenter}
    fmap = build_map(result, geodata, features=features, title=True, **options)
    # County-wide items that reach a filtered township: named in the sentence and listed with the undrawn ones.
    wide = county_wide_reaching(projects, state)
    listed = pd.concat([undrawn(result, geodata, whole), wide]) if len(wide) else undrawn(result, geodata, whole)
    panel = _panel_html(describe(state, result, lang, wide=len(wide)), listed, lang)
    fmap.get_root().html.add_child(Element(panel), name="cm_panel")
    fmap.get_root().title = text("title", lang)
    page = inline_assets(fmap).get_root().render()
    if out_path is not None:
        Path(out_path).write_text(page, encoding="utf-8")
    return page


def parser() -> argparse.ArgumentParser:
    """The ``export-html`` command line."""
    p = argparse.ArgumentParser(
        prog="python -m countymap export-html", description="Write the filtered map as one offline HTML file."
    )
    add_input_flags(p)
    p.add_argument("--out", required=True, help="HTML file to write")
    add_filter_flags(p)
    p.add_argument(
        "--basemap",
        choices=[c for c, b in BASEMAPS.items() if not b.needs_key],
        default="none",
        help="tiles need a network; default none (fully offline)",
    )
    p.add_argument("--size-by", choices=("count", "investment"), default="count")
    p.add_argument("--presenter", action="store_true", help="larger labels and a title")
    return p


def _write(args: argparse.Namespace, projects: pd.DataFrame, geodata: Geodata) -> str:
    options = {"lang": args.lang, "basemap": args.basemap, "size_by": args.size_by, "presenter": args.presenter}
    export_html(projects, geodata, state_from_args(args), args.out, **options)
    return ""


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m countymap export-html``; returns the exit code."""
    return run_export(parser(), argv, _write)
