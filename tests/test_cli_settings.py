"""Every command that reads projects checks the settings and its inputs first, with one clear message.

A wrong setting or input prints what is wrong and which variable or argument
to fix, once, and exits 2 without a traceback and without writing anything.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from run_cli import ROOT, run_countymap

COMMANDS = {
    "validate": ["validate", "{projects}"],
    "export-html": ["export-html", "--projects", "{projects}", "--out", "{out}"],
    "export-table": ["export-table", "--projects", "{projects}", "--format", "xlsx", "--out", "{out}"],
}
CASES = [
    # (environment, projects, words that must be in the message)
    ({"COUNTYMAP_MAX_ROWS": "abc"}, "{root}/projects.csv", ["COUNTYMAP_MAX_ROWS", "whole number", "'abc'"]),
    ({"COUNTYMAP_MAX_UNPACKED_MB": "inf"}, "{root}/projects.csv", ["COUNTYMAP_MAX_UNPACKED_MB", "'inf'"]),
    ({"COUNTYMAP_MAX_CELLS": "0"}, "{root}/projects.csv", ["COUNTYMAP_MAX_CELLS", "between 1 and 6,000,000"]),
    ({"COUNTYMAP_MAX_UPLOAD_MB": "abc"}, "{root}/projects.csv", ["COUNTYMAP_MAX_UPLOAD_MB", "'abc'"]),
    ({"COUNTYMAP_DATA_DIR": "{tmp}/nowhere"}, "{root}/projects.csv", ["COUNTYMAP_DATA_DIR", "nowhere"]),
    ({}, "{tmp}/missing.csv", ["{flag}: no such file", "missing.csv"]),
    ({}, "{tmp}", ["{flag}: not a file: {tmp}"]),
]


def run(command: str, env_extra: dict, projects: str, tmp_path: Path) -> subprocess.CompletedProcess:
    fill = {"root": ROOT, "tmp": tmp_path}
    argv = [part.format(projects=projects.format(**fill), out=tmp_path / "out.file") for part in COMMANDS[command]]
    env = {key: value for key, value in os.environ.items() if not key.startswith("COUNTYMAP_MAX")}
    env.update({key: value.format(**fill) for key, value in env_extra.items()})
    return run_countymap(*argv, env=env)


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("env_extra", "projects", "words"), CASES)
def test_a_wrong_setting_or_input_gives_one_message(tmp_path, command, env_extra, projects, words):
    done = run(command, env_extra, projects, tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert output.count("Nothing was done: a setting or an input is wrong:") == 1
    flag = "FILE" if command == "validate" else "--projects"
    for word in words:
        assert word.format(tmp=tmp_path, flag=flag) in output, (word, output)
    assert "Traceback" not in output
    assert not (tmp_path / "out.file").exists()


def test_an_output_in_a_missing_folder_is_one_message(tmp_path):
    out = tmp_path / "no" / "such" / "x.csv"
    done = run_countymap("export-table", "--projects", str(ROOT / "projects.csv"), "--format", "csv", "--out", str(out))
    assert done.returncode == 2 and "--out: not a folder" in done.stderr and "Traceback" not in done.stderr
