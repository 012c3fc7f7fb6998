"""No deprecated Streamlit API on the request path: every page, both languages, presenter mode.

Streamlit logs every deprecation through one logger (``streamlit.deprecation_util``,
e.g. "st.components.v1.html ... will be removed after 2026-06-01", Streamlit 1.67);
a handler on it collects them while each page runs in AppTest.
"""

from __future__ import annotations

import logging

import pytest
from apptest_run import ROOT, run

PAGES = ["app.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]
RUNS = [
    *[(page, {}) for page in PAGES],
    *[(page, {"lang": "en"}) for page in PAGES],
    ("app.py", {"present": "1"}),
    ("app.py", {"tw": "龚滩镇"}),
    ("pages/2_乡镇.py", {"tw": "龚滩镇"}),
]

pytestmark = pytest.mark.usefixtures("small_fixture_app")


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.mark.parametrize(("page", "params"), RUNS, ids=[f"{p}-{'&'.join(q)}" for p, q in RUNS])
def test_a_page_uses_no_deprecated_streamlit_api(page, params):
    collect, logger = _Collect(), logging.getLogger("streamlit.deprecation_util")
    logger.addHandler(collect)
    try:
        run(page, **params)
    finally:
        logger.removeHandler(collect)
    assert collect.messages == []


def test_the_collector_hears_a_deprecation():
    """The check above can fail: a deprecated call is heard by the same handler."""
    import streamlit.components.v1 as components  # the call this test proves is detected

    collect, logger = _Collect(), logging.getLogger("streamlit.deprecation_util")
    logger.addHandler(collect)
    try:
        components.html("<p>x</p>")
    finally:
        logger.removeHandler(collect)
    assert any("components.v1.html" in m for m in collect.messages)
