"""Twenty readers at once must each see their own filters and counts (issue 6).

Each reader is its own browser context (its own Streamlit session), opens the
map page with a different filter in the URL, then types a search into the
sidebar. Every count and filter sentence must be exactly what
:func:`countymap.core.filters.apply_filters` / :func:`~countymap.core.filters.describe`
give for *that* reader's state, and the server must log no error.

Playwright's async API drives the 20 contexts of one Chromium concurrently; it
runs in a thread of its own so that it cannot clash with the sync API used by
the other browser tests in the same process.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    DRAWN_IDS_JS,
    LOCAL_HOSTS,
    MAP_IFRAME,
    MAP_READY_JS,
    ROOT,
    app_url,
    log_problems,
)
from test_map_page import expected_drawn_ids

from countymap.core.filters import (
    TOWNSHIP_NAMES,
    FilterState,
    apply_filters,
    describe,
    from_query_params,
    to_query_params,
)
from countymap.core.schema import STATUSES, YEARS
from countymap.core.tables import load_projects
from countymap.text.strings import t

pytestmark = pytest.mark.browser

SESSIONS = 20
TIME_LIMIT_S = 240
STEP_TIMEOUT_MS = 150_000
# Spinners and transitions of 20 waiting pages burn a third of the CPU on 2 cores and
# change nothing this test reads.
NO_ANIMATION_JS = """document.addEventListener("DOMContentLoaded", () => {
    const style = document.createElement("style");
    style.textContent = "*, *::before, *::after {animation: none !important; transition: none !important}";
    document.head.appendChild(style);
});"""
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@dataclass(frozen=True)
class Plan:
    """What one reader does: open ``first`` from a link, then search for ``second.query``."""

    first: FilterState
    second: FilterState


def first_state(index: int, categories: list[str]) -> FilterState:
    """A different filter per reader, across every kind of URL parameter."""
    kind = index % 4
    if kind == 0:
        return FilterState(categories=(categories[index % len(categories)],))
    if kind == 1:
        return FilterState(years=(YEARS[index % 2],), statuses=(tuple(STATUSES)[index % len(STATUSES)],))
    if kind == 2:
        return FilterState(townships=(TOWNSHIP_NAMES[(index * 7) % len(TOWNSHIP_NAMES)],))
    return FilterState(years=("2023",), categories=(categories[index % len(categories)],), invest_min=0.0)


def plans(projects) -> list[Plan]:
    categories = list(projects["category"].value_counts().index)
    result = []
    for index in range(SESSIONS):
        first = first_state(index, categories)
        hits = apply_filters(projects, first)
        # Search for the start of one of the reader's own items (or a word that matches nothing).
        term = str(hits["name_zh"].iloc[len(hits) // 2])[:2] if len(hits) else "无此项目"
        result.append(Plan(first, replace(first, query=term)))
    assert len({plan.first for plan in result}) == SESSIONS, "readers must differ"
    return result


async def _route(route) -> None:
    host = urlparse(route.request.url).hostname or ""
    if host in LOCAL_HOSTS or route.request.url.startswith(("data:", "blob:")):
        await route.continue_()
    else:
        await route.abort()


async def _shown(page) -> tuple[int, str]:
    count = await page.locator('[data-testid="stMetricValue"]').first.inner_text()
    sentence = await page.locator(".cm-describe").first.inner_text()
    return int(count), sentence


async def _drawn(page) -> list[str]:
    """Project ids on this reader's map, once the map of its current view has drawn."""
    iframe = page.locator(MAP_IFRAME)
    await iframe.wait_for(state="attached")
    frame = await (await iframe.element_handle()).content_frame()
    await frame.wait_for_function(MAP_READY_JS, polling=250)  # rAF polling stalls in a busy iframe
    return await frame.evaluate(DRAWN_IDS_JS)


async def one_reader(browser, base_url: str, plan: Plan) -> dict:
    """Open the link, read, search, read again; return what was shown."""
    context = await browser.new_context(viewport=DESKTOP, locale="zh-CN", reduced_motion="reduce")
    await context.add_init_script(NO_ANIMATION_JS)
    await context.route("**/*", _route)
    page = await context.new_page()
    # 20 pages share 2 cores: each step may wait long for its turn (the whole test is bounded below).
    page.set_default_timeout(STEP_TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        await page.goto(app_url(base_url, **to_query_params(plan.first)), wait_until="commit")
        await page.wait_for_selector(READY)
        await page.wait_for_selector(".cm-describe")
        before = await _shown(page)
        search = page.get_by_label(t("f_query", "zh"))
        await search.fill(plan.second.query)
        await search.press("Enter")
        wanted = t("desc_query", "zh", q=plan.second.query)
        await page.locator(".cm-describe", has_text=wanted).wait_for()
        await page.wait_for_selector(READY)
        await page.wait_for_timeout(300)
        after = await _shown(page)
        query = parse_qs(urlparse(page.url).query)
        drawn = await _drawn(page)
        return {
            "before": before,
            "after": after,
            "url_state": from_query_params(query),
            "drawn": drawn,
            "errors": errors,
        }
    finally:
        await context.close()


async def all_readers(base_url: str, reader_plans: list[Plan]) -> list:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tasks = [one_reader(browser, base_url, plan) for plan in reader_plans]
            return await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            await browser.close()


def run_in_thread(base_url: str, reader_plans: list[Plan]) -> list:
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["results"] = asyncio.run(all_readers(base_url, reader_plans))
        except BaseException as exc:  # surfaced in the test below
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout=TIME_LIMIT_S + 60)
    assert not thread.is_alive(), "the concurrent readers did not finish"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["results"]


def expected_view(projects, state: FilterState) -> tuple[int, str]:
    result = apply_filters(projects, state)
    return len(result), describe(state, result, "zh")


def test_twenty_concurrent_sessions_keep_their_own_state(app_server):
    projects = load_projects(ROOT / "projects.csv")
    reader_plans = plans(projects)
    started = time.monotonic()
    results = run_in_thread(app_server["url"], reader_plans)
    elapsed = time.monotonic() - started
    problems = []
    for index, (plan, got) in enumerate(zip(reader_plans, results, strict=True)):
        if isinstance(got, BaseException):
            problems.append(f"reader {index}: {type(got).__name__}: {got}")
            continue
        for step, state in (("before", plan.first), ("after", plan.second)):
            if got[step] != expected_view(projects, state):
                problems.append(f"reader {index} {step}: shown {got[step]}, expected {expected_view(projects, state)}")
        if got["drawn"] != expected_drawn_ids(plan.second):
            problems.append(f"reader {index}: map draws {len(got['drawn'])} items, not its own filter's")
        if got["url_state"] != plan.second:
            problems.append(f"reader {index}: URL holds {got['url_state']}, expected {plan.second}")
        if got["errors"]:
            problems.append(f"reader {index}: page errors {got['errors']}")
    assert problems == [], "\n".join(problems)
    assert elapsed < TIME_LIMIT_S, f"{SESSIONS} readers took {elapsed:.0f}s"
    assert log_problems(app_server["log"]) == []
