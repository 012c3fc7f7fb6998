"""Standalone offline HTML export of the (filtered) map (its command line: :mod:`countymap.cli.export_html`).

``python -m countymap export-html --projects FILE --out FILE [filters]`` writes
one HTML file with Leaflet embedded: no script or stylesheet is fetched from
anywhere, so it opens from a USB stick on a machine without network. Tiles are
the only thing that could need a network, so the default basemap is ``none``.
The filter flags come from :data:`countymap.core.filters.FIELDS`, like the
app's sidebar and URL; the projects file is checked like an upload and not
exported when it has any problem (:mod:`countymap.cli.options`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from branca.element import Element

from countymap.core.dataset import Dataset
from countymap.core.filters import FilterState, county_wide_reaching
from countymap.core.stats import describe
from countymap.map.assets import inline_assets
from countymap.map.basemaps import needs_gcj02, resolve
from countymap.map.build import build_map
from countymap.map.decor import map_title, text
from countymap.map.features import dataset_features
from countymap.map.static_files import static_text
from countymap.map.view import DEFAULT_VIEW, View
from countymap.text.escape import html_text
from countymap.text.format import item_names

UNDRAWN_LIST_LIMIT = 200  # a longer list would hide the map; the count is still given
PANEL_CSS = "panel.css"  # in countymap/map/static/


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
    return f"<style>{static_text(PANEL_CSS)}</style>" + f'<div class="cm-panel">{"".join(parts)}</div>'


def export_html(
    dataset: Dataset, state: FilterState | None = None, out_path: str | Path | None = None, view: View = DEFAULT_VIEW
) -> str:
    """Write (if ``out_path``) and return a standalone HTML page of the filtered map.

    Parameters
    ----------
    dataset : Dataset
        The projects, their geodata, county and edition; items keep the places
        they have in the whole table, and the county-wide items that reach a
        filtered township are found in it too.
    state : FilterState, optional
        The filter; ``None`` exports everything.
    out_path : path, optional
        Where to write the UTF-8 file.
    view : View
        How the map is shown. A basemap that needs a key falls back to no
        tiles: a file travels, and a key is never written into it.
    """
    state = state if state is not None else FilterState()
    result = dataset.rows(state)
    to_gcj02 = needs_gcj02(resolve(view.basemap, None))
    features = dataset_features(dataset, state, lang=view.lang, to_gcj02=to_gcj02)
    fmap = build_map(dataset, features, view, title=True)
    # County-wide items that reach a filtered township: named in the sentence and listed with the undrawn ones.
    wide = county_wide_reaching(dataset.table, state)
    listed = pd.concat([dataset.undrawn(result), wide]) if len(wide) else dataset.undrawn(result)
    panel = _panel_html(describe(state, result, view.lang, wide=len(wide)), listed, view.lang)
    fmap.get_root().html.add_child(Element(panel), name="cm_panel")
    fmap.get_root().title = map_title(dataset, view.lang)
    page = inline_assets(fmap).get_root().render()
    if out_path is not None:
        Path(out_path).write_text(page, encoding="utf-8")
    return page
