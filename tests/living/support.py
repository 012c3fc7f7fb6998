"""What the living-map tests share besides fixtures: the account, the projects file and its rows read by hand."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pandas as pd

from countymap.validation.context import ValidationContext, load_context

ROOT = Path(__file__).resolve().parents[2]
PROJECTS_CSV = ROOT / "projects.csv"
PASSWORD = "a long enough password"
EDITOR = "editor-li"
WATERWORKS, SCHOOL = "water-new-city-waterworks", "school-dingshi-zhongba-primary"  # planned in 2023
NEW = "culture-mawang-fitness-centre"  # a new item of the 2024 drafts
LINKED = {WATERWORKS, SCHOOL}


def baseline_rows() -> dict[str, dict[str, str]]:
    """projects.csv read with the csv module (the expectations come from the file, not the code)."""
    with PROJECTS_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def drafts_2024() -> pd.DataFrame:
    """Three accepted drafts: the waterworks and the school completed in 2023, and a new fitness centre for 2024.

    Rows of projects.csv edited by hand into a "2024 report": the first two linked to their 2023 items.
    """
    rows = baseline_rows()
    waterworks = rows[WATERWORKS] | {"status": "completed", "years": "2023"}
    school = rows[SCHOOL] | {"status": "completed", "years": "2023"}
    new = rows[SCHOOL] | {"id": NEW, "name_zh": "麻旺镇全民健身中心", "name_en": "Mawang fitness centre"}
    new |= {"category": "culture", "status": "planned", "years": "2024", "townships": "麻旺镇"}
    return pd.DataFrame([waterworks, school, new], dtype=str)


def context_2024() -> ValidationContext:
    """projects.csv's checks, with the 2024 report's years (no 2024 report text: its spans are not checked)."""
    return dataclasses.replace(load_context(), report_text=None, years=("2023", "2024"))
