"""Browser fixtures: a real Streamlit server and Debian's Chromium driven by Playwright.

Nothing is downloaded: Playwright drives ``/usr/bin/chromium``. Every request to
a host other than localhost is aborted (and recorded), so the tests prove the
app works offline. A missing Chromium is an error, not a skip: browser tests
must run in CI.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode, urlparse

import pytest

from countymap.bench import live
from countymap.bench.live import (  # noqa: F401  (re-exported for the tests)
    MAP_IFRAME,
    MAP_READY_JS,
    SETTLED_JS,
    goto,
    map_frame,
    stop_server,
    wait_for_app,
)
from countymap.config import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("COUNTYMAP_ARTIFACTS") or Path(tempfile.gettempdir()) / "countymap-artifacts")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
DESKTOP = {"width": 1400, "height": 900}
MOBILE = {"width": 390, "height": 844}
# URL path of each page (Streamlit drops the "1_" prefix of pages/1_项目列表.py).
PAGES = {
    "map": "",
    "项目列表": "项目列表",
    "乡镇": "乡镇",
    "统计": "统计",
    "数据说明": "数据说明",
    "草稿审核": "草稿审核",
    "编辑": "编辑",
}
# Chromium's own noise about the sandboxed component iframe's feature policy: not app errors.
BENIGN_CONSOLE = ("Unrecognized feature:", "allow-scripts and allow-same-origin")
LOG_PROBLEMS = ("Traceback", "Error")


# --- the server ----------------------------------------------------------------


def start_server(tmp_dir: Path, env_extra: dict[str, str] | None = None) -> tuple[str, subprocess.Popen, Path]:
    """Start the app as served (``python -m countymap serve``, :func:`countymap.bench.live.start_server`) on a free port; fail if it does not."""
    try:
        return live.start_server(tmp_dir, env_extra)
    except live.ServerError as exc:
        pytest.fail(str(exc))


def log_problems(log: Path) -> list[str]:
    """Lines of a server log that report an exception or error."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in lines if any(word in line for word in LOG_PROBLEMS)]


@pytest.fixture(scope="session")
def app_server(tmp_path_factory) -> Iterator[dict]:
    """A Streamlit server for the whole session, on the embedded Youyang data."""
    url, process, log = start_server(tmp_path_factory.mktemp("server"))
    try:
        yield {"url": url, "log": log}
    finally:
        stop_server(process)


LIVING_EDITOR, LIVING_PASSWORD = "editor-wang", "a long enough password"


@pytest.fixture(scope="module")
def living_server(tmp_path_factory):
    """A server (one per module) whose database holds projects.csv as edition 2023 and one editor's account."""
    from countymap.config import DATABASE_FILENAME
    from countymap.living import LOCAL_OPERATOR, add_account, import_edition, upgrade
    from countymap.living.database import close

    home = tmp_path_factory.mktemp("living-home")
    url = f"sqlite:///{home / DATABASE_FILENAME}"
    database = upgrade(url)
    import_edition(database, ROOT / "projects.csv", "2023")
    add_account(database, LOCAL_OPERATOR, LIVING_EDITOR, LIVING_PASSWORD, "editor")
    close(url)
    base, process, log = start_server(tmp_path_factory.mktemp("living-server"), {"COUNTYMAP_DATA_HOME": str(home)})
    try:
        yield {"url": base, "log": log, "db": url, "editor": LIVING_EDITOR, "password": LIVING_PASSWORD}
    finally:
        stop_server(process)
        close(url)


# --- the browser -----------------------------------------------------------------


# Module scope, not session: a sync Playwright left running makes any later
# sync_playwright() in the same thread fail (tests/test_export.py, tests/test_bench.py).
@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, launched by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (see README)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


def _is_external(route) -> bool:
    host = urlparse(route.request.url).hostname or ""
    return not route.request.url.startswith(("data:", "blob:")) and host not in LOCAL_HOSTS


def block_external(route) -> None:
    """Abort every request that leaves this machine: the app must work offline."""
    if _is_external(route):
        route.abort()
    else:
        route.continue_()


def open_context(browser, viewport: dict | None = None):
    """A browser context whose page records console errors, blocked requests and dialogs.

    Returns ``(context, page)``; the page carries ``console_errors``,
    ``blocked_requests``, ``dialogs`` (dismissed), ``requested_paths`` and
    ``failed_responses`` (HTTP status >= 400) lists.
    """
    context = browser.new_context(viewport=viewport or DESKTOP, locale="zh-CN", accept_downloads=True)
    blocked: list[str] = []
    paths: list[str] = []

    def handle(route) -> None:
        if _is_external(route):
            blocked.append(route.request.url)
        else:
            paths.append(urlparse(route.request.url).path)
        block_external(route)

    context.route("**/*", handle)
    new_page = context.new_page()
    new_page.console_errors = []
    new_page.blocked_requests = blocked
    new_page.requested_paths = paths
    new_page.dialogs = []
    new_page.failed_responses = []
    new_page.on("response", lambda r: r.status >= 400 and new_page.failed_responses.append(f"{r.status} {r.url}"))

    def on_dialog(dialog) -> None:
        new_page.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    new_page.on("dialog", on_dialog)
    new_page.on("console", lambda msg: msg.type == "error" and new_page.console_errors.append(msg.text))
    new_page.on("pageerror", lambda exc: new_page.console_errors.append(str(exc)))
    return context, new_page


@pytest.fixture
def page(browser):
    """A fresh desktop page (see :func:`open_context`)."""
    context, new_page = open_context(browser)
    yield new_page
    context.close()


@pytest.fixture
def page_factory(browser):
    """Open more pages (e.g. a phone-sized one); all are closed after the test."""
    contexts = []

    def make(viewport: dict | None = None):
        context, new_page = open_context(browser, viewport)
        contexts.append(context)
        return new_page

    yield make
    for context in contexts:
        context.close()


# The sizes the map is measured at: viewport and the address's extra parameters.
VIEWPORTS = {
    "desk": ({"width": 1440, "height": 900}, {}),
    "presenter": ({"width": 1920, "height": 1080}, {"present": "1"}),
    "phone": (MOBILE, {}),
}
LABELS_PLACED_JS = "() => window.cmAtlas && document.querySelector('.cm-label')"


@pytest.fixture
def open_map(page_factory, app_server):
    """Open a page of the app with its map: ``open_map(size, lang="zh", page_name="map", **params)``.

    ``size`` is a key of :data:`VIEWPORTS`; returns ``(page, frame)`` once the map is drawn
    (on the map page, once its labels are placed too).
    """

    def open_page(size: str, lang: str = "zh", page_name: str = "map", **params: str):
        viewport, extra = VIEWPORTS[size]
        page = page_factory(viewport)
        language = {"lang": "en"} if lang == "en" else {}
        goto(page, app_url(app_server["url"], page_name, **language, **extra, **params))
        frame = map_frame(page)
        if page_name == "map":
            frame.wait_for_function(LABELS_PLACED_JS, polling=100)
        return page, frame

    return open_page


# --- helpers used by the tests -----------------------------------------------------


def app_url(base: str, page_name: str = "map", **params: str) -> str:
    """URL of a page (a key of :data:`PAGES`) with query parameters."""
    path = quote(PAGES[page_name])
    query = f"?{urlencode(params)}" if params else ""
    return f"{base}/{path}{query}"


TWO_FRAMES_JS = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


# Distinct item ids the map holds: its lines, and the points it shows once zoomed in.
DRAWN_IDS_JS = """() => {
    const ids = new Set();
    const visit = (group) => group.eachLayer(l => {
        if (l.feature && l.feature.properties && l.feature.properties.id) { ids.add(String(l.feature.properties.id)); }
        if (l.getLayers) { visit(l); }
    });
    window.cmAtlas.makePoints();  // markers are made when first shown
    visit(window.cmAtlas.points);
    visit(window.cmAtlas.lines);
    return [...ids].sort();
}"""


def drawn_ids(frame) -> list[str]:
    """Ids of the project features on the map."""
    return frame.evaluate(DRAWN_IDS_JS)


def _is_base_path_probe(failed: str) -> bool:
    """Streamlit's frontend, opened at ``/<page>``, first looks for its server under that path."""
    status, _, url = failed.partition(" ")
    path = urlparse(url).path
    return status == "404" and path.endswith(("/_stcore/health", "/_stcore/host-config")) and path.count("/") > 2


def console_problems(page) -> list[str]:
    """Console errors and uncaught exceptions, minus Chromium's and Streamlit's benign noise.

    Benign: the feature-policy notes about the sandboxed component iframe, and
    one "404" console line per base-path probe of Streamlit's frontend.
    """
    probes = sum(_is_base_path_probe(failed) for failed in page.failed_responses)
    problems = []
    for message in page.console_errors:
        if any(benign in message for benign in BENIGN_CONSOLE):
            continue
        if probes and message.startswith("Failed to load resource") and "404" in message:
            probes -= 1
            continue
        problems.append(message)
    return problems


def http_failures(page) -> list[str]:
    """Responses with status >= 400, minus Streamlit's base-path probes."""
    return [failed for failed in page.failed_responses if not _is_base_path_probe(failed)]


def exceptions_on_page(page) -> list[str]:
    """Text of every Streamlit exception box on the page."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def kpi_count(page) -> int:
    """The number of filtered items, as the filter sentence states it."""
    return int(page.locator(".cm-describe").first.get_attribute("data-count"))


# Streamlit scrolls inside its main section, so a "full page" shot would stop at the viewport.
CONTENT_HEIGHT_JS = """() => Math.max(document.body.scrollHeight,
    ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')]
        .map(el => el.scrollHeight))"""
MAX_SHOT_HEIGHT = 5000


def screenshot(page, name: str) -> Path:
    """Save a screenshot of the whole page under :data:`ARTIFACTS` for a human to look at.

    The viewport is stretched to the content's height for the shot, then restored.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    height = min(int(page.evaluate(CONTENT_HEIGHT_JS)), MAX_SHOT_HEIGHT)
    if size and height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": height})
        page.evaluate(TWO_FRAMES_JS)  # the new size is laid out and painted
        for frame in page.frames:  # a map redraws its canvas after a resize: wait for that too
            if frame.evaluate("() => Boolean(window.map && window.cmAtlas)"):
                frame.wait_for_function(live.MAP_AT_REST_JS, polling=250)
                frame.evaluate(TWO_FRAMES_JS)
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        if size:
            page.set_viewport_size(size)
    return path
