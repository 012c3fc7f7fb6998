"""The package's folders are its layers: domain logic never pulls in Streamlit or folium."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "countymap"
PURE = ("countymap.core", "countymap.text", "countymap.validation", "countymap.living")


def _submodules(package: str) -> list[str]:
    folder = PACKAGE / package.split(".", 1)[1]
    return [f"{package}.{path.stem}" for path in sorted(folder.glob("*.py")) if path.stem != "__init__"]


@pytest.mark.parametrize("package", PURE)
def test_domain_layers_load_neither_streamlit_nor_folium(package):
    modules = _submodules(package)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in ('streamlit', 'folium', 'branca', 'streamlit_folium') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]", f"{package} pulls in {loaded.strip()}"


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_only_the_app_package_imports_streamlit():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] != "app" and _imported_roots(path) & {"streamlit", "streamlit_folium"}
    ]
    assert offenders == []


def test_folium_stays_in_the_map_package():
    allowed = {"map", "app", "bench"}  # the benchmark measures folium's naive way on purpose
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in allowed and _imported_roots(path) & {"folium", "branca"}
    ]
    assert offenders == []
