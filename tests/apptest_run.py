"""Running a page of the app with Streamlit's AppTest on the small fixture (shared by the AppTest modules).

A module that uses :func:`run` also marks its tests with
``pytest.mark.usefixtures("small_fixture_app")`` (see ``tests/conftest.py``),
which points the app at the fixture.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "projects_small.csv"
TIMEOUT = 120


def run(page: str = "app.py", session: Mapping[str, object] | None = None, **params: str) -> AppTest:
    """Run ``page`` once with ``params`` in its address (and ``session`` in its state); fail on any exception it raised."""
    at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT)
    at.query_params.update(params)
    for key, value in (session or {}).items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def read_markdown_escapes(cell: str) -> str:
    """What a reader sees of a Markdown-escaped table cell (``st.table``): each backslash-escaped character as itself."""
    return re.sub(r"\\(.)", r"\1", cell)
