"""The JS, CSS and HTML files of the package, read once at run time.

They live as real files (``countymap/map/static/``, ``countymap/app/static/``)
so that they can be linted and parsed (``tests/test_static_files.py``); the
Python side passes values to them only as escaped JSON arguments
(:func:`countymap.text.escape.script_json`), never by pasting text into code.
A JS file is one function expression, ``(function(...) {...})``, that the
page calls with those arguments.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def static_text(name: str, package: str = "countymap.map") -> str:
    """The text of ``static/<name>`` inside ``package`` (UTF-8, cached for the process).

    Raises
    ------
    FileNotFoundError
        If the file is missing (a broken install must fail loudly, never draw a map without it).
    """
    return (files(package) / "static" / name).read_text(encoding="utf-8")
