"""Twenty readers at once must each see their own filters and counts.

Each reader is its own browser context (its own Streamlit session), opens the
map page with a different filter in the URL, then types a search into the
sidebar. Every count, filter sentence and map must be what the data files give
for *that* reader's filter (tests/oracle.py), and the server must log no error.

Playwright's async API drives the 20 contexts of one Chromium concurrently; it
runs in a thread of its own so that it cannot clash with the sync API used by
the other browser tests in the same process.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlparse

import oracle
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
    SETTLED_JS,
    app_url,
    log_problems,
)

from countymap.core.geodata import township_names
from countymap.schema import STATUSES, YEARS
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
    """What one reader does: open a link with ``params`` (the filter ``filters``), then search for ``query``."""

    params: dict = field(hash=False)
    filters: dict = field(hash=False)
    query: str = ""


def first_filter(index: int, categories: list[str]) -> tuple[dict, dict]:
    """A different filter per reader, across every kind of URL parameter: (URL params, oracle filters)."""
    kind = index % 4
    category = categories[index % len(categories)]
    if kind == 0:
        return {"cat": category}, {"categories": (category,)}
    if kind == 1:
        year, status = YEARS[index % 2], tuple(STATUSES)[index % len(STATUSES)]
        return {"year": year, "status": status}, {"years": (year,), "statuses": (status,)}
    if kind == 2:
        names = township_names()
        town = names[(index * 7) % len(names)]
        return {"town": town}, {"townships": (town,)}
    return {"year": "2023", "cat": category, "imin": "0"}, {
        "years": ("2023",),
        "categories": (category,),
        "invest_min": 0.0,
    }


def plans(rows: list[dict]) -> list[Plan]:
    categories = sorted({row["category"] for row in rows})
    result = []
    for index in range(SESSIONS):
        params, filters = first_filter(index, categories)
        hits = [row for row in rows if oracle.matches(row, **filters)]
        # Search for the start of one of the reader's own items (or a word that matches nothing).
        term = hits[len(hits) // 2]["name_zh"][:2] if hits else "无此项目"
        result.append(Plan(params, filters, term))
    assert len({urlencode(plan.params) for plan in result}) == SESSIONS, "readers must differ"
    return result


async def _route(route) -> None:
    host = urlparse(route.request.url).hostname or ""
    if host in LOCAL_HOSTS or route.request.url.startswith(("data:", "blob:")):
        await route.continue_()
    else:
        await route.abort()


async def _shown(page) -> tuple[int, str]:
    sentence = page.locator(".cm-describe").first
    return int(await sentence.get_attribute("data-count")), await sentence.inner_text()


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
        await page.goto(app_url(base_url, **plan.params), wait_until="commit")
        await page.wait_for_selector(READY)
        await page.wait_for_selector(".cm-describe")
        before = await _shown(page)
        search = page.get_by_label(t("f_query", "zh"))
        await search.fill(plan.query)
        await search.press("Enter")
        wanted = t("desc_query", "zh", q=plan.query)
        await page.locator(".cm-describe", has_text=wanted).wait_for()
        await page.wait_for_function(SETTLED_JS)
        after = await _shown(page)
        query = parse_qs(urlparse(page.url).query)
        drawn = await _drawn(page)
        return {
            "before": before,
            "after": after,
            "url": {key: values[-1] for key, values in query.items()},
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


def expected_count(rows: list[dict], filters: dict) -> int:
    return len(oracle.selected_ids(rows, **filters))


def expected_drawn_ids(rows: list[dict], **filters) -> list[str]:
    return oracle.drawn_ids([row for row in rows if oracle.matches(row, **filters)], ROOT / "geodata")


def test_twenty_concurrent_sessions_keep_their_own_state(app_server):
    rows = oracle.read_rows(ROOT / "projects.csv")
    reader_plans = plans(rows)
    started = time.monotonic()
    results = run_in_thread(app_server["url"], reader_plans)
    elapsed = time.monotonic() - started
    problems = []
    for index, (plan, got) in enumerate(zip(reader_plans, results, strict=True)):
        if isinstance(got, BaseException):
            problems.append(f"reader {index}: {type(got).__name__}: {got}")
            continue
        searched = {**plan.filters, "query": plan.query}
        for step, filters in (("before", plan.filters), ("after", searched)):
            count, sentence = got[step]
            wanted = expected_count(rows, filters)
            if count != wanted or (f"{wanted} 个项目" not in sentence and wanted):
                problems.append(f"reader {index} {step}: shown {count} ({sentence}), expected {wanted}")
        if got["drawn"] != expected_drawn_ids(rows, **searched):
            problems.append(f"reader {index}: map draws {len(got['drawn'])} items, not its own filter's")
        if got["url"] != {**plan.params, "q": plan.query}:
            problems.append(f"reader {index}: URL holds {got['url']}, expected {plan.params} and q={plan.query}")
        if got["errors"]:
            problems.append(f"reader {index}: page errors {got['errors']}")
    assert problems == [], "\n".join(problems)
    assert elapsed < TIME_LIMIT_S, f"{SESSIONS} readers took {elapsed:.0f}s"
    assert log_problems(app_server["log"]) == []
