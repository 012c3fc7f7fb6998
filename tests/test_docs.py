"""The docs stay true: every link resolves, and what they state about the code matches the code.

The schema tables and status rules of docs/data.md are generated from the schema; the settings and
limits of docs/operations.md are checked against the modules that define them.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from countymap import config
from countymap.core import limits, report, xlsx
from countymap.schema import INDICATORS, PLACES, PROJECTS, columns_markdown, status_rules_markdown
from countymap.validation import isolated, setup, validate

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [ROOT / "README.md", *DOCS]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _anchors(text: str) -> set[str]:
    """GitHub's anchors of a Markdown page's headings."""
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^#+ (.+)$", text, re.M)}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_link_resolves(page):
    broken = []
    for target in LINK.findall(_read(page)):
        if re.match(r"[a-z]+:", target):
            continue  # an address outside the repo
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.exists() or (anchor and resolved.is_file() and anchor not in _anchors(_read(resolved))):
            broken.append(target)
    assert broken == []


def test_the_readme_links_every_doc_it_must():
    readme = _read(ROOT / "README.md")
    for name in ("architecture", "data", "drafting", "operations", "testing"):
        assert f"(docs/{name}.md)" in readme, name


def test_data_doc_tables_match_the_schema():
    data = _read(ROOT / "docs" / "data.md")
    for table in (PROJECTS, PLACES, INDICATORS):
        assert columns_markdown(table) in data, f"docs/data.md's {table.name} table is out of date"
    assert status_rules_markdown() in data


def _plain(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def test_operations_doc_names_every_setting_with_its_range_and_default():
    operations = _read(ROOT / "docs" / "operations.md")
    variables = [value for name, value in vars(config).items() if name.startswith("ENV_")]
    assert len(variables) >= 10
    for variable in [*variables, "TIANDITU_KEY", "COUNTYMAP_ARTIFACTS", "COUNTYMAP_REQUIRE_REPORT"]:
        assert f"| `{variable}` |" in operations, variable
    for setting in setup.NUMBER_SETTINGS:
        row = next(line for line in operations.splitlines() if line.startswith(f"| `{setting.variable}` |"))
        expected = f"{_plain(setting.minimum)}-{_plain(setting.maximum)} (default {_plain(setting.default)})"
        assert expected in row, (setting.variable, row)


def test_operations_doc_states_the_limits_the_code_has():
    operations = _read(ROOT / "docs" / "operations.md")
    facts = [
        f"more than {xlsx.MAX_MEMBERS:,} members",
        f"{limits.RATIO_FLOOR_BYTES // limits.MB} MB that unpacks to more than {limits.MAX_RATIO:g} times",
        f"at most {validate.MAX_LISTED:,} problems are listed",
        f"{isolated.MAX_AT_ONCE} at a time",
        f"({report.REPORT_MAX_BYTES:,} bytes, {report.REPORT_MAX_BYTES / 1024:,.0f} KB)",
    ]
    flat = " ".join(operations.split())
    assert [fact for fact in facts if fact not in flat] == []


def test_pyproject_names_only_paths_that_exist():
    project = tomllib.loads(_read(ROOT / "pyproject.toml"))
    ruff = project["tool"]["ruff"]
    named = [*ruff.get("extend-exclude", []), *ruff["lint"].get("per-file-ignores", {})]
    named += project["tool"]["pytest"]["ini_options"]["testpaths"]
    missing = [pattern for pattern in named if not list(ROOT.glob(pattern))]
    assert missing == []


def test_operations_doc_gives_the_real_projects_file_shape():
    with (ROOT / "projects.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    fact = f"has {len(rows) - 1} rows and {len(rows[0])} columns;"
    assert fact in " ".join(_read(ROOT / "docs" / "operations.md").split())


def test_data_doc_counts_what_the_geodata_files_hold():
    townships = json.loads((ROOT / "geodata" / "townships.geojson").read_text(encoding="utf-8"))["features"]
    kinds = Counter(feature["properties"]["kind"] for feature in townships)
    areas = json.loads((ROOT / "geodata" / "township_areas.geojson").read_text(encoding="utf-8"))["features"]
    with (ROOT / "geodata" / "villages.csv").open(encoding="utf-8-sig", newline="") as handle:
        villages = sum(1 for _ in csv.DictReader(handle))
    data = _read(ROOT / "docs" / "data.md")
    assert f"{len(townships)} township seats ({kinds['街道']} 街道, {kinds['镇']} 镇, {kinds['乡']} 乡)" in data
    assert f"{len(areas)} APPROXIMATE township areas" in data
    assert f"{villages} villages/communities" in data
