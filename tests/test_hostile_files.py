"""Hostile files: reading each stays under 500 MB and 10 s, and says why it stopped.

Each file is made by :mod:`countymap.bench.hostile_files` and read in a fresh
process, whose peak resident memory comes from ``wait4``: by ``validate`` and
by the child process that checks an app upload. The 10 s bound is checked on
CPU time (user + system), which other work on a shared machine does not
inflate; ``python -m countymap bench-hostile`` reports the wall times.
Measured on this project's 2-core machine: at most 265 MB and 4.4-7.0 s of CPU (largest.xlsx).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from countymap.bench.hostile import measure_command, validate_command
from countymap.bench.hostile_files import HOSTILE, make
from countymap.validation.context import load_context
from countymap.validation.isolated import run_isolated
from countymap.validation.upload import check_upload

ROOT = Path(__file__).resolve().parent.parent

PEAK_MB, SECONDS = 500, 10  # the bounds every file within the caps keeps
# The repeated embedded rows first repeat the first id on the row after the last embedded row.
FIRST_REPEAT = sum(1 for _ in (ROOT / "projects.csv").open(encoding="utf-8")) + 1
# Why reading stops, in English, for each file (the checks of the rows come from the data).
STOPS = {
    "million-rows.xlsx": "the file is larger than 50 MB (unpacked); not read (the limit is set by COUNTYMAP_MAX_UNPACKED_MB)",
    "zip-bomb.xlsx": "the file is larger than 50 MB (unpacked); not read (the limit is set by COUNTYMAP_MAX_UNPACKED_MB)",
    "columns-100k.csv": "row 1: more than 100 columns; reading stopped (the limit is set by COUNTYMAP_MAX_COLUMNS)",
    "columns-300k.csv": "row 1: more than 100 columns; reading stopped (the limit is set by COUNTYMAP_MAX_COLUMNS)",
    "wide-row.xlsx": "row 2: more than 1,000,000 cells; reading stopped (the limit is set by COUNTYMAP_MAX_CELLS)",
    "largest.csv": f"row {FIRST_REPEAT}, column id: duplicate id (same as row 2)",
    "largest.xlsx": f"row {FIRST_REPEAT}, column id: duplicate id (same as row 2)",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


def test_every_hostile_file_has_its_expectation():
    assert set(STOPS) == set(HOSTILE)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_validate_stays_within_the_bounds(folder, name):
    measured = measure_command(validate_command(make(name, folder)))
    assert measured.returncode == 1, measured
    assert measured.first_line == STOPS[name]
    assert measured.peak_mb < PEAK_MB, measured
    assert measured.cpu_s < SECONDS, measured


@pytest.mark.parametrize("name", ["zip-bomb.xlsx", "wide-row.xlsx", "largest.xlsx"])
def test_the_upload_check_stays_within_the_bounds(folder, name):
    result, peak_mb = run_isolated(make(name, folder).read_bytes())
    assert result.problems[0].as_text("en") == STOPS[name]
    assert peak_mb < PEAK_MB


def test_the_child_process_gives_what_check_upload_gives():
    data = (ROOT / "tests" / "data" / "projects_small.csv").read_bytes()
    here, (there, peak_mb) = check_upload(data, load_context()), run_isolated(data)
    assert there.problems == here.problems and there.valid.equals(here.valid)
    assert (there.total_rows, there.problem_count) == (here.total_rows, here.problem_count) == (12, len(here.problems))
    assert 0 < peak_mb < PEAK_MB


def test_a_child_that_takes_too_long_is_stopped_with_one_problem():
    result, _ = run_isolated(b"id\n1\n", timeout_s=0.01)
    assert result.valid.empty
    assert [p.text("en") for p in result.problems] == [
        "checking the file took longer than 0.01 s and was stopped; no row was loaded"
    ]
