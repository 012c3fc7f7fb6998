"""The measurements behind ``python -m countymap bench`` (see :mod:`countymap.bench.run`).

Each function measures one thing for one projects file and returns plain
numbers (seconds, bytes); :mod:`countymap.bench.run` runs them, takes medians and
writes the report. Streamlit and Playwright are imported only when needed.
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import folium
import pandas as pd

from countymap.config import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT
from countymap.core.geodata import Geodata
from countymap.core.placement import place_projects
from countymap.core.schema import STATUSES
from countymap.map import layers
from countymap.map.build import build_map

APP_SCRIPT = REPO_ROOT / "app.py"
APP_TIMEOUT_S = 600
# Filter changes: three of the five statuses (about 60 % of the rows), a new
# combination in every run so that no run is served from the map cache.
STATUS_CHOICES = [list(c) for c in itertools.combinations(STATUSES, 3)]


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
    layers.clear_memo()  # time the whole work, not a memoised rebuild

    def work():
        fmap = build_map(projects, geodata)
        return fmap, fmap.get_root().render()

    wall, cpu, (fmap, html) = timed(work)
    features = sum(len(c.data["features"]) for c in project_layers(fmap))
    return wall, cpu, len(html.encode("utf-8")), features


def project_layers(fmap: folium.Map) -> list:
    """The map's project layers (their features carry a status ``s``; context layers do not)."""
    return [
        child
        for child in fmap._children.values()
        if isinstance(child, folium.GeoJson)
        and child.data["features"]
        and "s" in child.data["features"][0]["properties"]
    ]


def build_peak_mb(projects: pd.DataFrame, geodata: Geodata) -> float:
    """Peak Python memory (tracemalloc, MB) of one cold build + render."""
    layers.clear_memo()
    tracemalloc.start()
    try:
        build_map(projects, geodata).get_root().render()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _naive_popup(props: dict) -> str:
    """The popup the app shows, as ready HTML (every value is already escaped)."""
    rows = "".join(f"<tr><td>{props.get(k, '')}</td></tr>" for k in ("s", "t", "i", "q", "y", "p"))
    return f"<b>{props['n']}</b><table>{rows}</table><p>{props.get('su', '')}</p>"


def naive_map(projects: pd.DataFrame, geodata: Geodata) -> folium.Map:
    """The same features drawn one folium object each: a CircleMarker (or PolyLine) + a Popup."""
    placement = place_projects(projects, geodata.places, geodata.township_frame(), geodata.routes)
    collections = layers.project_collections(projects, placement, lang="zh", selected_id=None, to_gcj02=False)
    fmap = folium.Map(location=[28.85, 108.77], zoom_start=9, tiles=None, prefer_canvas=True)
    for collection in collections.values():
        for feature in collection["features"]:
            props, geometry = feature["properties"], feature["geometry"]
            colour = layers.STATUS_COLOURS.get(props["s"], layers.UNKNOWN_COLOUR)
            for line in _lines(geometry):
                polyline = folium.PolyLine([[lat, lon] for lon, lat in line], color=colour)
                polyline.add_child(folium.Popup(_naive_popup(props), max_width=340))
                polyline.add_to(fmap)
            for lon, lat in _points(geometry):
                marker = folium.CircleMarker([lat, lon], radius=props.get("r", 4), color=colour, fill=True)
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
    layers.clear_memo()
    wall, cpu, html = timed(lambda: naive_map(projects, geodata).get_root().render())
    return wall, cpu, len(html.encode("utf-8"))


# --- the app script through AppTest --------------------------------------------------


@contextmanager
def projects_env(csv_path: str | Path):
    """Point the app at ``csv_path`` (and this repo's geodata) for the duration."""
    saved = {k: os.environ.get(k) for k in ("COUNTYMAP_PROJECTS", "COUNTYMAP_DATA_DIR", "TIANDITU_KEY")}
    os.environ["COUNTYMAP_PROJECTS"] = str(csv_path)
    os.environ["COUNTYMAP_DATA_DIR"] = str(REPO_ROOT)
    os.environ.pop("TIANDITU_KEY", None)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    layers.clear_memo()


def _run(app) -> tuple[float, float]:
    """(wall s, CPU s) of one script run; AppTest runs the script in a thread of this process."""
    wall, cpu, _ = timed(app.run)
    if app.exception:
        raise RuntimeError(f"app raised: {[e.value for e in app.exception]}")
    return wall, cpu


def app_once(run_index: int) -> dict[str, float]:
    """Script run times of the map page (call inside :func:`projects_env`).

    ``first``: a new session with every cache empty (reads the CSV);
    ``warm``: another new session (data and the default map's features cached);
    ``filter``: that session after a sidebar filter change never seen before.
    Each comes with ``..._cpu``, the process CPU time of the same run.
    """
    from streamlit.testing.v1 import AppTest

    _clear_caches()
    first = _run(AppTest.from_file(str(APP_SCRIPT), default_timeout=APP_TIMEOUT_S))
    app = AppTest.from_file(str(APP_SCRIPT), default_timeout=APP_TIMEOUT_S)
    warm = _run(app)
    app.multiselect(key="f_statuses").set_value(STATUS_CHOICES[run_index % len(STATUS_CHOICES)])
    changed = _run(app)
    times = {"first": first, "warm": warm, "filter": changed}
    return {**{k: v[0] for k, v in times.items()}, **{f"{k}_cpu": v[1] for k, v in times.items()}}


_CHILD = """
import json, resource, sys
from streamlit.testing.v1 import AppTest
app = AppTest.from_file(sys.argv[1], default_timeout={timeout})
app.run()
app.multiselect(key="f_statuses").set_value({statuses})
app.run()
assert not app.exception, [e.value for e in app.exception]
print(json.dumps({{"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def app_memory_mb(csv_path: str | Path) -> float:
    """Peak resident memory (MB) of a fresh process that runs the map page and one filter change."""
    code = _CHILD.format(timeout=APP_TIMEOUT_S, statuses=json.dumps(STATUS_CHOICES[0]))
    env = {**os.environ, "COUNTYMAP_PROJECTS": str(csv_path), "COUNTYMAP_DATA_DIR": str(REPO_ROOT)}
    env.pop("TIANDITU_KEY", None)
    done = subprocess.run(
        [sys.executable, "-c", code, str(APP_SCRIPT)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=APP_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"app memory child failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])["maxrss_kb"] / 1024


def own_maxrss_mb() -> float:
    """Peak resident memory of this process so far (MB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the exported page in headless Chromium -------------------------------------------

# True once every project feature is on the map; remembers when that happened.
_DRAWN_JS = """(expected) => {
    const key = Object.keys(window).find(k => k.startsWith("map_") && window[k] && window[k]._layers);
    if (!key) { return false; }
    const ids = new Set();
    for (const id in window[key]._layers) {
        const f = window[key]._layers[id].feature;
        if (f && f.properties && f.properties.id) { ids.add(f.properties.id); }
    }
    if (ids.size < expected) { return false; }
    window.cmDrawnAt = window.cmDrawnAt || performance.now();
    return true;
}"""


def browser_times(html_path: str | Path, expected: int, runs: int) -> tuple[list[float], list[str]]:
    """Seconds from navigation start until all ``expected`` features are on the map, per run.

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
                page.wait_for_function(_DRAWN_JS, arg=expected, polling="raf", timeout=APP_TIMEOUT_S * 1000)
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                times.append(page.evaluate("() => window.cmDrawnAt") / 1000)
                page.close()
        finally:
            browser.close()
    return times, problems
