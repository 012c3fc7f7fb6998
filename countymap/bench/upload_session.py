"""One browser session against a live server: the map page, an upload, and the server's memory after sessions close.

The driver that ``bench-hostile`` (an upload beside another session) and
``bench-sessions`` (upload sessions one after another) share. The server is
started by :mod:`countymap.bench.live`.
"""

from __future__ import annotations

import time
from pathlib import Path

from countymap.bench import live
from countymap.core.memory import memory_mb

PROJECTS_PAGE = "%E9%A1%B9%E7%9B%AE%E5%88%97%E8%A1%A8"  # 项目列表, URL-quoted
UPLOAD_DONE = "text=已显示上传文件中"  # the summary every upload ends with (upload_summary)
MAP_LINK = 'a[data-testid="stPageLink-NavLink"]'  # the sidebar's first page link is the map


def map_page_seconds(page, url: str) -> float:
    """Time until the map page has run its script and Leaflet holds the project layers."""
    started = time.perf_counter()
    live.goto(page, url)
    live.map_frame(page, timeout=120_000)
    return time.perf_counter() - started


def start_upload(page, url: str, path: Path) -> None:
    """Open the projects page and hand ``path`` to its uploader (the upload then runs on its own)."""
    live.goto(page, f"{url}/{PROJECTS_PAGE}")
    page.get_by_text("上传编辑后的项目表").first.click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))


def upload_and_map(browser, url: str, path: Path, timeout_ms: float = 300_000) -> dict[str, float]:
    """One session: upload ``path`` on the projects page, open the map of it, close.

    Returns the seconds until the upload's summary was shown (``upload_s``)
    and from the click on the map's link until the map of the upload was
    ready (``map_s``: its items in Leaflet and the view at rest).
    """
    context = browser.new_context()
    try:
        page = context.new_page()
        start_upload(page, url, path)
        started = time.perf_counter()
        page.locator(UPLOAD_DONE).first.wait_for(timeout=timeout_ms)
        live.wait_for_app(page, timeout=timeout_ms)
        uploaded = time.perf_counter()
        page.locator(MAP_LINK).first.click()  # in-app navigation keeps the session (and its upload)
        live.map_frame(page, timeout=timeout_ms)
        return {"upload_s": uploaded - started, "map_s": time.perf_counter() - uploaded}
    finally:
        context.close()


def alone_times(browser, url: str, runs: int = 3) -> list[float]:
    """Map page times of one session with nothing else going on (a new session each run)."""
    times = []
    for _ in range(runs):
        context = browser.new_context()
        try:
            times.append(map_page_seconds(context.new_page(), url))
        finally:
            context.close()
    return times


def warm_up(browser, url: str) -> None:
    """Visit the map and the projects page once: a running server has their caches filled."""
    context = browser.new_context()
    try:
        page = context.new_page()
        map_page_seconds(page, url)
        live.goto(page, f"{url}/{PROJECTS_PAGE}")
    finally:
        context.close()


def memory_after_close(browser, url: str, pid: int, wait_s: float) -> dict[str, float]:
    """The server's peak now (``peak_mb``) and its RSS ``wait_s`` after now, once one more page has loaded (``after_mb``).

    Streamlit drops expired sessions when its session store is next used: hence the page loads.
    """
    closed = time.monotonic()
    peak = memory_mb(pid)["peak"]
    time.sleep(max(0.0, wait_s - (time.monotonic() - closed)))
    alone_times(browser, url, runs=2)  # the first drops the expired sessions, the second's run trims the heap
    return {"peak_mb": peak, "after_mb": memory_mb(pid)["rss"]}
