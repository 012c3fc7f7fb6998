"""The one place where text becomes HTML or JavaScript.

Every data string that reaches the map (names, summaries, township names,
labels) goes through one of these helpers first. folium inserts popup HTML
raw, puts tooltip text inside a JavaScript template literal, and Leaflet
assigns tooltip/popup strings with ``innerHTML``; so text must be escaped for
HTML *and*, when it ends up in JavaScript source, for the JS context too.
"""

from __future__ import annotations

import json
import math
import re

# Characters that end or interpolate a JS template literal, plus the
# backslash that would otherwise escape our own escapes.
_JS_TEMPLATE_ESCAPES = {
    "\\": "\\\\",
    "`": "\\`",
    "$": "\\$",
    "{": "\\{",
    "}": "\\}",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JS_TEMPLATE_RE = re.compile("[\\\\`${}\u2028\u2029]")
# One translate() pass (fast enough for 20,000 popups): the five HTML
# specials as html.escape(quote=True) writes them, plus the template specials.
_HTML_TABLE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#x27;",
        "`": "&#96;",
        "$": "&#36;",
        "{": "&#123;",
        "}": "&#125;",
    }
)
# "</script" (any case) would close the surrounding <script> element.
_SCRIPT_CLOSE_RE = re.compile(r"</(script)", re.IGNORECASE)


def as_text(value: object) -> str:
    """Return ``value`` as a string; ``None`` and ``NaN`` become ``""``."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value)


def html_text(value: object) -> str:
    """Escape ``value`` for use as HTML text or inside a quoted attribute.

    ``& < > " '`` are replaced by entities, so
    ``<img src=x onerror=alert(1)>`` is shown as text, never parsed. The
    characters that are special in JS template literals (backtick, ``$``,
    ``{``, ``}``) become numeric entities too: the browser shows them
    unchanged, but the result stays inert if it ever lands in a template.
    """
    return as_text(value).translate(_HTML_TABLE)


def js_safe(value: object) -> str:
    """Escape ``value`` for the inside of a JS template literal or string.

    Backslash, backtick, ``$``, ``{``, ``}`` and the line separators are
    backslash-escaped (so ``${alert(1)}`` stays literal text), and
    ``</script`` is broken up so the string cannot close its ``<script>``.
    Quotes are left alone: use :func:`js_string` for a quoted JS string.
    """
    text = _JS_TEMPLATE_RE.sub(lambda m: _JS_TEMPLATE_ESCAPES[m.group()], as_text(value))
    return _SCRIPT_CLOSE_RE.sub(r"<\\/\1", text)


def html_for_js(value: object) -> str:
    """HTML-escape, then JS-escape: for HTML that folium puts in a template literal.

    This is what :class:`folium.Tooltip` text and similar strings need.
    """
    return js_safe(html_text(value))


def js_string(value: object) -> str:
    r"""Return a double-quoted JS string literal, safe inside ``<script>``.

    JSON encoding handles quotes and backslashes; ``< > &`` and the line
    separators are written as ``\uXXXX`` so no tag can close the script.
    """
    return script_json(as_text(value))


def script_json(obj: object) -> str:
    """Serialise ``obj`` as JSON that can be pasted into a ``<script>`` element."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for char, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("`", "\\u0060"),  # inert in JSON; never a template literal's end or interpolation either
        ("$", "\\u0024"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return text


def css_string(value: object) -> str:
    r"""Return a double-quoted CSS string (for ``content:``), safe inside ``<style>``.

    Every ASCII character other than a letter, a digit or a space is written
    as a CSS escape (``\22 `` for ``"``), so no quote, backslash, ``<`` or
    newline can end the string, the rule or the ``<style>`` element.
    """
    text = as_text(value)
    return (
        '"' + "".join(ch if ch.isalnum() or ch == " " or not ch.isascii() else f"\\{ord(ch):x} " for ch in text) + '"'
    )


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")


def markdown_literal(value: object) -> str:
    """Escape ``value`` for a label Streamlit reads as Markdown (a button's): every special shown as itself.

    A search text such as ``**x**`` or ``[a](javascript:...)`` is then shown
    literally, never formatted or linked.
    """
    return _MARKDOWN_SPECIALS.sub(r"\\\1", as_text(value))
