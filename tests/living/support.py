"""What the living-map tests share besides fixtures: the account, the projects file and its rows read by hand."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECTS_CSV = ROOT / "projects.csv"
PASSWORD = "a long enough password"
EDITOR = "editor-li"


def baseline_rows() -> dict[str, dict[str, str]]:
    """projects.csv read with the csv module (the expectations come from the file, not the code)."""
    with PROJECTS_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}
