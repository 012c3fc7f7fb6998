"""Every command of ``python -m countymap`` checks its paths before working.

The commands are read from ``countymap.__main__.COMMANDS`` and each one's
paths from its parser (the argument types of :mod:`countymap.validation.arguments`),
so a new command is covered as soon as it is listed. Each is run with a missing
folder, a folder where a file belongs (and a file where a folder belongs), an
output nobody can write (``/proc``) and a table with the wrong columns: it must
exit 2 with one message naming the path, and no exception (each command's
``main`` runs in this process, so any exception fails the test with its traceback).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from run_cli import ROOT

from countymap.__main__ import COMMANDS
from countymap.validation import arguments as a

# Required arguments that are not paths: a valid value each (a new command adds its own here).
EXAMPLES = {"--adcode": "500242", "--format": "csv"}
CASES = ("missing", "folder_as_file", "unwritable", "wrong_columns")
UNWRITABLE = Path("/proc/countymap-test")  # no one, not even root, makes files in /proc


def parser_of(command: str):
    """The command's argument parser (every command module exposes ``parser()``)."""
    return importlib.import_module(COMMANDS[command][0]).parser()


def _kinds(command: str) -> set[str]:
    module = importlib.import_module(COMMANDS[command][0])
    if not hasattr(module, "parser"):  # test_every_command_exposes_its_parser names it
        return set()
    return {action.type.kind for action in a.path_actions(module.parser())}


def _cases() -> list:
    """Each command with each case that applies to its paths (unwritable: an output; wrong columns: a table)."""
    params = []
    for command in COMMANDS:
        kinds = _kinds(command)
        for case in CASES:
            applies = {
                "unwritable": kinds & {a.OUTPUT_FILE, a.OUTPUT_FOLDER},
                "wrong_columns": kinds & {a.TABLE},
            }.get(case, kinds)
            if applies:
                params.append(pytest.param(command, case, id=f"{command}-{case}"))
    return params


def _folders(tmp: Path) -> dict[str, Path]:
    (tmp / "report.txt").write_text("一、2023年重点工作安排\n建设甲乙水库。\n", encoding="utf-8")
    (tmp / "wrong.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp / "out").mkdir()
    return {"tmp": tmp, "file": tmp / "report.txt", "wrong": tmp / "wrong.csv", "missing": tmp / "no" / "such"}


def _value(kind: str, case: str, paths: dict[str, Path]) -> tuple[Path, bool]:
    """The path given to an argument of ``kind`` in ``case``, and whether it is the bad one."""
    outputs = (a.OUTPUT_FILE, a.OUTPUT_FOLDER)
    if case == "missing":
        return paths["missing"] / "x.csv", True
    if case == "folder_as_file":
        return (paths["file"] if kind in (a.INPUT_FOLDER, a.OUTPUT_FOLDER) else paths["tmp"]), True
    if case == "unwritable" and kind in outputs:
        return (UNWRITABLE / "x.csv" if kind == a.OUTPUT_FILE else UNWRITABLE), True
    if case == "wrong_columns" and kind == a.TABLE:
        return paths["wrong"], True
    good = {
        a.INPUT_FILE: paths["file"],
        a.TABLE: ROOT / "projects.csv",
        a.INPUT_FOLDER: paths["tmp"],
        a.OUTPUT_FILE: paths["tmp"] / "out" / "x.csv",
        a.OUTPUT_FOLDER: paths["tmp"] / "out" / "new",
    }
    return good[kind], False


def _argv(command: str, case: str, paths: dict[str, Path]) -> tuple[list[str], list[Path]]:
    """The command line of ``case`` and the bad paths in it."""
    argv, bad = [command], []
    for action in parser_of(command)._actions:
        kind = getattr(action.type, "kind", None)
        flag = action.option_strings[0] if action.option_strings else None
        if kind is None:
            if action.required or (flag is None and action.nargs is None):
                argv += [flag, EXAMPLES[flag]] if flag else [EXAMPLES[action.dest]]
            continue
        value, is_bad = _value(kind, case, paths)
        bad += [value] if is_bad else []
        argv += [flag, str(value)] if flag else [str(value)]
    return argv, bad


@pytest.mark.parametrize(("command", "case"), _cases())
def test_every_command_checks_its_paths_first(tmp_path, capsys, command, case):
    paths = _folders(tmp_path)
    argv, bad = _argv(command, case, paths)
    assert bad, argv
    # In this process: an exception would fail the test with its traceback; argparse's own errors exit 2.
    module = importlib.import_module(COMMANDS[command][0])
    try:
        code = module.main(argv[1:])
    except SystemExit as stop:
        code = stop.code
    output = "".join(capsys.readouterr())
    assert code == 2, output
    assert any(str(path) in output or str(path.parent) in output for path in bad), (argv, output)
    assert not any((paths["tmp"] / "out").iterdir()), "nothing is written when a path is wrong"


def test_every_command_exposes_its_parser():
    for command in COMMANDS:
        assert parser_of(command).prog.endswith(command)
