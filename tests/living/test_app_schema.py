"""The app refuses a database whose schema is behind (naming the upgrade command) and runs without one."""

from __future__ import annotations

import pytest
from apptest_run import run

from countymap.config import DATABASE_FILENAME
from countymap.living import upgrade
from countymap.living.database import close

pytestmark = pytest.mark.usefixtures("small_fixture_app")


def _errors(at) -> str:
    return " ".join(e.value for e in at.error)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_database_behind_the_code_stops_the_app_with_the_upgrade_command(tmp_path, monkeypatch, lang):
    monkeypatch.setenv("COUNTYMAP_DATA_HOME", str(tmp_path))
    url = f"sqlite:///{tmp_path / DATABASE_FILENAME}"
    upgrade(url, "0001")
    close(url)
    at = run("app.py", **({"lang": "en"} if lang == "en" else {}))
    assert "python -m countymap db upgrade" in _errors(at) and "0001" in _errors(at)


def test_without_a_database_or_with_a_current_one_the_app_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTYMAP_DATA_HOME", str(tmp_path))
    assert "db upgrade" not in _errors(run("app.py"))
    url = f"sqlite:///{tmp_path / DATABASE_FILENAME}"
    upgrade(url)
    close(url)
    assert "db upgrade" not in _errors(run("app.py"))
