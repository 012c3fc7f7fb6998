"""Shared fixtures: the report text (optional, with one clear reason), and no test state in the checkout."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from countymap.core.report import default_report_path, load_report

# Hypothesis keeps no example database, and its caches live outside the checkout.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "countymap-hypothesis")
settings.register_profile("countymap", database=None)
settings.load_profile("countymap")

REQUIRE_REPORT = "COUNTYMAP_REQUIRE_REPORT"
NO_REPORT = (
    "the report text is not available (set COUNTYMAP_REPORT or place it at ../shared/report/); "
    "report-dependent checks skipped"
)


def report_or_skip() -> str:
    """The verified report text; skip the test when it is absent, fail instead under ``$COUNTYMAP_REQUIRE_REPORT``."""
    path = default_report_path()
    text = load_report(path) if path else None
    if text is None:
        if os.environ.get(REQUIRE_REPORT) == "1":
            pytest.fail(f"{NO_REPORT}; {REQUIRE_REPORT}=1 makes this a failure")
        pytest.skip(NO_REPORT)
    return text


@pytest.fixture(scope="session")
def report_text() -> str:
    """The report text the offsets point into (see :func:`report_or_skip`)."""
    return report_or_skip()
