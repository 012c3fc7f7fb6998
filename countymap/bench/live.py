"""A live Streamlit server and the pages on it: shared by the browser tests and ``bench-hostile``.

Starts the app as README's command 1 serves it (``python -m countymap serve``:
Streamlit's ``st.App`` under uvicorn, ``PYTHONMALLOC=malloc``) on a free loopback
port, and stops only the process it started; waits on Streamlit's own signals (health endpoint, the script-run
state of the page), never on fixed sleeps. Playwright is imported by the callers.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from countymap import config
from countymap.config import REPO_ROOT

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
# The script has finished, no element is still marked stale from the previous run, and no widget whose
# code is still loading stands as a skeleton (its text not yet on the page).
SETTLED_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.dataset.testScriptState === "notRunning" && !document.querySelector('[data-stale="true"]')
        && !document.querySelector('[data-testid="stSkeleton"]');
}"""
# The map is drawn: Leaflet is loaded, the projects' atlas built and its labels placed.
# Ready: badges and labels drawn, and the items' data read (the app serves it beside the map).
MAP_READY_JS = (
    "() => window.map && window.map._loaded && window.cmAtlas && window.cmAtlas.loaded"
    " && document.querySelector('.cm-label') !== null"
)
# The view has come to rest: the same size, centre and zoom on two polls in a row and no zoom animating
# (the frame is resized and the county fitted after the first draw; badges and labels follow each change).
MAP_AT_REST_JS = """() => {
    const m = window.map, c = m.getCenter(), s = m.getSize();
    const view = [s.x, s.y, c.lat.toFixed(6), c.lng.toFixed(6), m.getZoom()].join();
    const same = window.cmLastView === view;
    window.cmLastView = view;
    return same && !m._animatingZoom;
}"""


class ServerError(RuntimeError):
    """The server did not start (its log is in the message)."""


def free_port() -> int:
    """Ask the OS for a free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 60.0) -> None:
    """Poll Streamlit's health endpoint; raise :class:`ServerError` with the server's output if it dies or hangs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"the server exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    stop_server(process)
    raise ServerError(f"the server is not healthy after {timeout}s:\n{log.read_text(errors='replace')}")


def start_server(tmp_dir: Path, env_extra: dict[str, str] | None = None) -> tuple[str, subprocess.Popen, Path]:
    """Start ``python -m countymap serve`` on a free port; return its URL, process and log path."""
    port = free_port()
    log = tmp_dir / f"streamlit-{port}.log"
    # The living map's database of its own (none unless ``env_extra`` names one): never the user's data folder.
    home = {config.ENV_DATA_HOME: str(tmp_dir / "data-home")}
    env = {
        **os.environ,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        **home,
        **(env_extra or {}),
    }
    command = [sys.executable, "-m", "countymap", "serve", f"--port={port}", "--address=127.0.0.1"]
    with log.open("wb") as handle:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, process, log)
    return url, process, log


def stop_server(process: subprocess.Popen) -> None:
    """Terminate the server we started (and only it), killing it if it hangs."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until the Streamlit script has finished running and its output has replaced the old one."""
    page.wait_for_function(SETTLED_JS, timeout=timeout, polling=100)


def goto(page, url: str) -> None:
    """Open ``url`` and wait for the script run to finish."""
    page.goto(url, wait_until="domcontentloaded")
    wait_for_app(page)


def map_frame(page, index: int = 0, timeout: float = 45_000):
    """The Leaflet iframe's Frame once ``window.map`` holds the project layers."""
    iframe = page.locator(MAP_IFRAME).nth(index)
    iframe.wait_for(state="attached", timeout=timeout)
    frame = iframe.element_handle(timeout=timeout).content_frame()
    # Poll on a timer: the default (requestAnimationFrame) stalls in a busy or offscreen iframe.
    frame.wait_for_function(MAP_READY_JS, timeout=timeout, polling=200)
    frame.wait_for_function(MAP_AT_REST_JS, timeout=timeout, polling=250)
    return frame
