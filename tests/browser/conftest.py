"""Browser fixtures: a real Streamlit server and Debian's Chromium driven by Playwright.

Nothing is downloaded: Playwright drives ``/usr/bin/chromium``. Every request to
a host other than localhost is aborted, so the tests prove the app works offline.
A missing Chromium is an error, not a skip: browser tests must run in CI.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("COUNTYMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def free_port() -> int:
    """Ask the OS for a free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 60.0) -> None:
    """Poll Streamlit's health endpoint; fail with the server's output if it dies or hangs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited early:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit not healthy after {timeout}s:\n{log.read_text(errors='replace')}")


def start_server(tmp_dir: Path, env_extra: dict[str, str] | None = None) -> tuple[str, subprocess.Popen, Path]:
    """Start ``streamlit run app.py`` on a free port; return its URL, process and log path."""
    port = free_port()
    log = tmp_dir / f"streamlit-{port}.log"
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **(env_extra or {})}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true"]
    command += [f"--server.port={port}", "--server.address=127.0.0.1"]
    with log.open("wb") as handle:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, process, log)
    return url, process, log


@pytest.fixture(scope="session")
def app_server(tmp_path_factory) -> Iterator[dict]:
    """A Streamlit server for the whole session, on the embedded Youyang data."""
    url, process, log = start_server(tmp_path_factory.mktemp("server"))
    try:
        yield {"url": url, "log": log}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
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


def block_external(route) -> None:
    """Abort every request that leaves this machine: the app must work offline."""
    if _is_external(route):
        route.abort()
    else:
        route.continue_()


@pytest.fixture
def page(browser, request):
    """A fresh page with external requests blocked; records console errors and blocked URLs."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    blocked: list[str] = []

    def handle(route) -> None:
        if _is_external(route):
            blocked.append(route.request.url)
        block_external(route)

    context.route("**/*", handle)
    new_page = context.new_page()
    new_page.console_errors = []
    new_page.blocked_requests = blocked
    new_page.on("console", lambda msg: msg.type == "error" and new_page.console_errors.append(msg.text))
    new_page.on("pageerror", lambda exc: new_page.console_errors.append(str(exc)))
    yield new_page
    context.close()


def _is_external(route) -> bool:
    host = urlparse(route.request.url).hostname or ""
    return not route.request.url.startswith(("data:", "blob:")) and host not in LOCAL_HOSTS


def wait_for_app(page, timeout: float = 60_000) -> None:
    """Wait until the Streamlit script has finished running."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_timeout(300)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ for a human to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
