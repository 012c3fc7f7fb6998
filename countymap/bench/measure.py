"""The measurements behind ``python -m countymap bench`` (see :mod:`countymap.bench.run`).

Each function measures one thing for one projects file and returns plain
numbers (seconds, bytes); :mod:`countymap.bench.run` runs them, takes medians and
writes the report. Streamlit and Playwright are imported only when needed.
"""

from __future__ import annotations

import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import folium
import pandas as pd

from countymap.config import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT
from countymap.core.dataset import Dataset
from countymap.core.filters import FilterState
from countymap.core.geodata import Geodata
from countymap.core.placement import place_projects
from countymap.map import items
from countymap.map.atlas import ProjectAtlas
from countymap.map.build import build_map
from countymap.map.features import dataset_features

BROWSER_TIMEOUT_S = 600


def timed(action: Callable[[], object]) -> tuple[float, float, object]:
    """Run ``action``; return (wall seconds, CPU seconds of this process, its result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def median(values: list[float]) -> float:
    """Median, or NaN for no values."""
    return statistics.median(values) if values else float("nan")


# --- map build: the app's code path and the naive reference ------------------------


def build_once(projects: pd.DataFrame, geodata: Geodata) -> tuple[float, float, int, int]:
    """One cold build + render: (wall s, CPU s, HTML bytes, project features)."""

    def work():
        fmap = draw_whole(projects, geodata)
        return fmap, fmap.get_root().render()

    wall, cpu, (fmap, html) = timed(work)
    return wall, cpu, len(html.encode("utf-8")), project_feature_count(fmap)


def draw_whole(projects: pd.DataFrame, geodata: Geodata) -> folium.Map:
    """The map of a whole table from nothing: a new Dataset, placed, written and drawn (the app's path)."""
    dataset = Dataset.of(projects, geodata, REPO_ROOT)
    return build_map(dataset, dataset_features(dataset, FilterState(), lang="zh", to_gcj02=False))


def project_feature_count(fmap: folium.Map) -> int:
    """How many project features the map's page holds."""
    return next(child for child in fmap._children.values() if isinstance(child, ProjectAtlas)).feature_count


def build_peak_mb(projects: pd.DataFrame, geodata: Geodata) -> float:
    """Peak Python memory (tracemalloc, MB) of one cold build + render."""
    tracemalloc.start()
    try:
        draw_whole(projects, geodata).get_root().render()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _naive_popup(props: dict) -> str:
    """The popup the app shows, as ready HTML (every value is already escaped)."""
    rows = "".join(f"<tr><td>{props.get(k, '')}</td></tr>" for k in ("s", "t", "i", "q", "y", "p"))
    return f"<b>{props['n']}</b><table>{rows}</table><p>{props.get('su', '')}</p>"


def naive_map(projects: pd.DataFrame, geodata: Geodata) -> folium.Map:
    """The same features drawn one folium object each: a CircleMarker (or PolyLine) + a Popup."""
    placement = place_projects(projects, geodata)
    collections = items.project_collections(projects, placement, lang="zh", to_gcj02=False)
    fmap = folium.Map(location=[28.85, 108.77], zoom_start=9, tiles=None, prefer_canvas=True)
    for collection in collections.values():
        for feature in collection["features"]:
            props, geometry = feature["properties"], feature["geometry"]
            colour = items.STATUS_COLOURS.get(props["s"], "#777777")
            for line in _lines(geometry):
                polyline = folium.PolyLine([[lat, lon] for lon, lat in line], color=colour)
                polyline.add_child(folium.Popup(_naive_popup(props), max_width=340))
                polyline.add_to(fmap)
            for lon, lat in _points(geometry):
                marker = folium.CircleMarker([lat, lon], radius=7, color=colour, fill=True)
                marker.add_child(folium.Popup(_naive_popup(props), max_width=340))
                marker.add_to(fmap)
    return fmap


def _points(geometry: dict) -> list:
    kind, coords = geometry["type"], geometry["coordinates"]
    return [coords] if kind == "Point" else coords if kind == "MultiPoint" else []


def _lines(geometry: dict) -> list:
    kind, coords = geometry["type"], geometry["coordinates"]
    return [coords] if kind == "LineString" else coords if kind == "MultiLineString" else []


def naive_once(projects: pd.DataFrame, geodata: Geodata) -> tuple[float, float, int]:
    """One naive build + render: (wall s, CPU s, HTML bytes)."""
    wall, cpu, html = timed(lambda: naive_map(projects, geodata).get_root().render())
    return wall, cpu, len(html.encode("utf-8"))


def own_maxrss_mb() -> float:
    """Peak resident memory of this process so far (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the exported page in headless Chromium -------------------------------------------

# True once every project feature is on the map; remembers when that happened.
# The county view is drawn: every township badge is on the map and the labels are placed.
_DRAWN_JS = """(expected) => {
    const atlas = window.cmAtlas;
    if (!atlas || !atlas.group.hasLayer(atlas.badges) || atlas.badges.getLayers().length < expected) { return false; }
    if (!document.querySelector(".cm-badge svg") || !document.querySelector(".cm-label")) { return false; }
    window.cmDrawnAt = window.cmDrawnAt || performance.now();
    return true;
}"""


def browser_times(html_path: str | Path, expected: int, runs: int) -> tuple[list[float], list[str]]:
    """Seconds from navigation start until the county view (``expected`` township badges) is drawn, per run.

    The page is opened as a file with every other request aborted. Also
    returns any console errors seen (there should be none).
    """
    from playwright.sync_api import sync_playwright

    times, problems = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1200, "height": 800})
                page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: problems.append(str(e)))
                page.route(
                    "**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort()
                )
                page.goto(Path(html_path).resolve().as_uri(), wait_until="commit")
                page.wait_for_function(_DRAWN_JS, arg=expected, polling="raf", timeout=BROWSER_TIMEOUT_S * 1000)
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                times.append(page.evaluate("() => window.cmDrawnAt") / 1000)
                page.close()
        finally:
            browser.close()
    return times, problems
