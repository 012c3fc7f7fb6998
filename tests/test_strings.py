"""One string table: every user-facing string is there, in both languages, and every key used exists.

Expectations are written by hand: the table's two languages, the Chinese
characters allowed outside it (the data's own words and the parsers' patterns)
and the words that must never appear in code (tracker numbers).
"""

from __future__ import annotations

import ast
import pickle
import re
import string
from pathlib import Path

import pytest

from countymap.text.message import Message
from countymap.text.strings import STRINGS, t

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "countymap"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Modules whose Chinese literals are data, not interface: the vocabulary of the data files (schema), the
# drafter's and the geodata build's patterns for reading Chinese text, the benchmarks' sample rows.
DATA_WORDS = (
    "schema.py",
    "core/schema.py",
    "core/report.py",
    "draft/",
    "geodata_build/",
    "bench/",
    "cli/new_dataset.py",
)
# Literals allowed elsewhere, each for its reason.
ALLOWED = {
    "app/shell.py": {"中文"},  # a language's name is written in that language, whatever the page's
    "app/page_stats.py": {"亿元", "万元"},  # units as the indicators file writes them (compared, not shown)
    # the report's numerals, read into numbers
    "text/format.py": {"一二三四五六七八九", "十", r"([一二三四五六七八九十]+)(?:\(([一二三四五六七八九十]+)\))?"},
}


def _literals(path: Path) -> list[str]:
    """String literals of a module, docstrings left out (they are for developers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def _user_facing_modules() -> list[Path]:
    modules = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if not relative.startswith(("text/strings/", *DATA_WORDS)):
            modules.append(path)
    return modules


def test_every_string_has_both_languages_with_the_same_fields():
    for key, pair in STRINGS.items():
        assert len(pair) == 2 and all(text.strip() for text in pair), key
        fields = [{name for _, name, _, _ in string.Formatter().parse(text) if name} for text in pair]
        assert fields[0] == fields[1], key


def test_no_chinese_literal_outside_the_string_table():
    found = {}
    for path in _user_facing_modules():
        relative = path.relative_to(PACKAGE).as_posix() if path.is_relative_to(PACKAGE) else path.name
        allowed = ALLOWED.get(relative, set())
        words = [s for s in _literals(path) if HAN.search(s) and s not in allowed and not s.startswith("pages/")]
        if words:
            found[relative] = words[:3]
    assert found == {}


def _called_keys() -> list[tuple[str, str]]:
    """``(module, key)`` for every ``t("key", ...)`` and ``Message("key", ...)`` with a literal key."""
    keys = []
    for path in [*sorted(PACKAGE.rglob("*.py")), ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in {"t", "Message"} and isinstance(node.args[0].value, str):
                keys.append((path.name, node.args[0].value))
    return keys


def test_every_key_written_in_the_code_is_in_the_table():
    keys = _called_keys()
    assert len(keys) > 200  # the scan sees the code (about 300 calls when written)
    assert [(module, key) for module, key in keys if key not in STRINGS] == []


def test_no_issue_numbers_in_code_comments_or_help():
    pattern = re.compile(r"\bissues?\b|#\d+\b(?![0-9a-fA-F;])", re.IGNORECASE)
    offenders = []
    code = [*sorted(PACKAGE.rglob("*.py")), ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    for path in [*code, *sorted((ROOT / "tests").rglob("*.py"))]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in pattern.finditer(line):
                if not re.match(r"#[0-9a-fA-F]{3,8}\b", line[match.start() :]):
                    offenders.append(f"{path.name}:{number}: {line.strip()[:80]}")
    assert offenders == []


def test_a_message_renders_in_each_language_with_nested_messages_and_paths():
    message = Message("s_unreadable", path=Path("/srv/secret/projects.csv"), detail=Message("read_binary"))
    assert message.text("zh") == "无法读取 /srv/secret/projects.csv：二进制文件（含 NUL 字节），不是 CSV 或 XLSX 表格"
    assert (
        message.text("en")
        == "cannot read /srv/secret/projects.csv: binary file (contains NUL bytes), not a CSV or XLSX table"
    )
    assert message.text("en", public=True).startswith("cannot read projects.csv: ")
    assert pickle.loads(pickle.dumps(message)) == message  # an upload's problems come back from a child process


def test_an_unknown_key_fails_where_it_is_written():
    with pytest.raises(KeyError):
        Message("no_such_string")
    with pytest.raises(KeyError):
        t("no_such_string", "zh")


def test_a_key_in_two_screens_tables_fails_at_import():
    from countymap.text.strings import _merged

    with pytest.raises(ValueError, match="map_zoom_in"):
        _merged({"map_zoom_in": ("放大", "Zoom in")}, {"map_zoom_in": ("放大", "Zoom in")})
