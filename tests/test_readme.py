"""README.md stays true: CI runs its test command, and its column tables match the schema."""

from __future__ import annotations

import re
from pathlib import Path

from countymap.schema import INDICATORS, PLACES, PROJECTS, columns_markdown, status_rules_markdown

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    """The non-comment lines of the first two ```bash blocks."""
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)[:2]
    return [next(line for line in b.splitlines() if line and not line.startswith("#")) for b in blocks]


def test_readme_leads_with_install_run_and_test_commands():
    run_app, run_tests = readme_commands()
    assert "pip install -r requirements.txt" in run_app and "streamlit run app.py" in run_app
    assert run_tests.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_column_tables_match_the_schema():
    for table in (PROJECTS, PLACES, INDICATORS):
        assert columns_markdown(table) in README, f"README's {table.name} table is out of date"


def test_status_rules_are_documented():
    assert status_rules_markdown() in README
