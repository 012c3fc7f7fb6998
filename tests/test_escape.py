"""The escaping helpers: hostile strings stay text in HTML and in JavaScript."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from countymap.text.escape import as_text, css_string, html_for_js, html_text, js_safe, js_string, script_json

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "back`tick",
    "\"double\" and 'single'",
    "</script><script>alert(1)</script>",
    "</SCRIPT >",
    "a\\`${x}",
    "line\u2028separator",
]
NODE = shutil.which("node")


def test_html_text_escapes_markup_and_quotes():
    out = html_text("<img src=x onerror=alert(1)> \"q\" 'a' & ` ${x}")
    for raw in ("<", ">", '"', "'", "`", "${", "}"):
        assert raw not in out
    assert out.startswith("&lt;img src=x onerror=alert(1)&gt;")
    assert "&quot;q&quot;" in out and "&#x27;a&#x27;" in out and "&amp;" in out


def test_missing_values_become_empty_text():
    assert as_text(None) == "" and as_text(math.nan) == ""
    assert html_text(None) == "" and html_text(float("nan")) == ""
    assert html_text(2.5) == "2.5"


def test_js_safe_breaks_template_interpolation_and_script_close():
    out = js_safe("${alert(1)} `x` </script> \\")
    assert "${" not in out.replace("\\$\\{", "")
    assert "`" not in out.replace("\\`", "")
    assert "</script" not in out.lower()
    assert out.endswith("\\\\")


def test_html_for_js_is_both():
    out = html_for_js("<b>${x}</b>`")
    assert "<b>" not in out and "${" not in out and "`" not in out.replace("\\`", "")


@pytest.mark.parametrize("text", HOSTILE)
def test_script_json_cannot_close_the_script(text):
    out = js_string(text)
    assert "<" not in out and ">" not in out
    assert json.loads(out) == text


def test_script_json_keeps_structure():
    obj = {"a": ["<x>", 1, None], "b": "&"}
    assert json.loads(script_json(obj)) == obj


@pytest.mark.skipif(NODE is None, reason="node not installed")
@settings(max_examples=25, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
def test_js_safe_round_trips_through_a_real_template_literal(text):
    # Whatever the text, a template literal built from js_safe evaluates back to it.
    program = f"process.stdout.write(JSON.stringify(`{js_safe(text)}`))"
    result = subprocess.run([NODE, "-"], input=program, capture_output=True, text=True, timeout=20, check=True)
    assert json.loads(result.stdout) == text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.skipif(NODE is None, reason="node not installed")
def test_hostile_strings_round_trip_in_node():
    for text in HOSTILE:
        program = f"process.stdout.write(JSON.stringify([`{js_safe(text)}`, {js_string(text)}]))"
        result = subprocess.run([NODE, "-e", program], capture_output=True, text=True, timeout=20, check=True)
        assert json.loads(result.stdout) == [text, text]


@pytest.mark.parametrize("text", [*HOSTILE, "选择文件", "Choose a file", "a}b{c;d", "x</style><style>"])
def test_css_string_cannot_end_the_string_the_rule_or_the_style(text):
    out = css_string(text)
    inner = out[1:-1]
    assert out.startswith('"') and out.endswith('"')
    unescaped = re.sub(r"\\[0-9a-f]+ ", "", inner)  # what is left once every escape is taken out
    assert all(ch.isalnum() or ch == " " or not ch.isascii() for ch in unescaped)
    assert re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), inner) == text  # CSS reads it back
