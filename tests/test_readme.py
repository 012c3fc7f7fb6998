"""README.md stays short and true: CI runs its test command, and it shows one screenshot that exists."""

from __future__ import annotations

import re
from pathlib import Path

from countymap.__main__ import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    """The non-comment lines of the first two ```bash blocks."""
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)[:2]
    return [next(line for line in b.splitlines() if line and not line.startswith("#")) for b in blocks]


def test_readme_leads_with_install_run_and_test_commands():
    run_app, run_tests = readme_commands()
    assert "pip install -r requirements.txt" in run_app and "python -m countymap serve" in run_app
    assert run_tests.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_readme_is_short():
    assert len(README.encode("utf-8")) <= 6 * 1024  # depth goes to docs/


def test_readme_shows_one_screenshot_that_exists():
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", README)
    assert images == ["docs/map.png"]
    assert (ROOT / images[0]).stat().st_size > 10_000  # a real picture, not a placeholder


def test_every_command_the_readme_names_exists_and_every_command_is_named():
    named = set(re.findall(r"python -m countymap ([a-z-]+)", README))
    assert named == set(COMMANDS)
