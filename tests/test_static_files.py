"""The package's JS, CSS and HTML are real files that parse, and the code reads every one of them."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import html5lib
import pytest
import tinycss2

ROOT = Path(__file__).resolve().parent.parent
STATIC = sorted((ROOT / "countymap").glob("*/static/*.*"))
NODE = shutil.which("node") or shutil.which("nodejs")


def _files(suffix: str) -> list[Path]:
    return [path for path in STATIC if path.suffix == suffix]


def _id(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_the_static_folders_hold_js_css_and_html():
    assert {path.suffix for path in STATIC} == {".js", ".css", ".html"}


def _node_check(source: Path) -> None:
    assert NODE, "node is needed to parse the package's JS (apt-get install nodejs)"
    done = subprocess.run([NODE, "--check", str(source)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("path", _files(".js"), ids=_id)
def test_every_js_file_parses_and_is_one_function_expression(path):
    _node_check(path)
    code = re.sub(r"^\s*//.*$", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE).strip()
    # The page calls the file with escaped JSON arguments: it must be a bare "(function(...) {...})".
    assert code.startswith("(function(") and code.endswith("})"), path.name


@pytest.mark.parametrize("path", _files(".css"), ids=_id)
def test_every_css_file_parses(path):
    rules = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)
    errors = [rule for rule in rules if rule.type == "error"]
    assert errors == [] and rules, errors
    for rule in rules:
        declarations = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
        bad = [d for d in declarations if d.type == "error"]
        assert bad == [], (tinycss2.serialize(rule.prelude), bad)
    assert "</" not in path.read_text(encoding="utf-8")  # could close the <style> it is inlined into


@pytest.mark.parametrize("path", _files(".html"), ids=_id)
def test_every_html_file_parses_and_its_scripts_parse(path, tmp_path):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(path.read_text(encoding="utf-8"))
    scripts = [s for s in document.iter("script") if s.get("type") is None]
    assert scripts, "a page without a script belongs in a .css or template-free file"
    for k, script in enumerate(scripts):
        source = tmp_path / f"{path.stem}_{k}.js"
        source.write_text(script.text or "", encoding="utf-8")
        _node_check(source)


def test_every_static_file_is_read_by_the_code():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "countymap").rglob("*.py"))
    unused = [_id(path) for path in STATIC if f'"{path.name}"' not in code and f"'{path.name}'" not in code]
    assert unused == []


def _code_in_strings(path: Path) -> list[str]:
    """String literals of ``path`` that hold a CSS rule or a JS function body."""
    css_rule = re.compile(r"\{\s*[a-z-]+\s*:[^{}]*(;|!important)")  # "{display: none;" (not "{mb:g}")
    js_function = re.compile(r"function\s*\([^)]*\)\s*\{[^}]*[;\n]")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and (css_rule.search(node.value) or js_function.search(node.value)):
            found.append(f"{_id(path)}:{node.lineno}: {node.value[:60]!r}")
    return found


def test_no_python_module_holds_css_rules_or_js_functions():
    """JS and CSS live in the static files; Python only wraps them and passes values as escaped JSON."""
    found = [hit for path in sorted((ROOT / "countymap").rglob("*.py")) for hit in _code_in_strings(path)]
    assert found == []
