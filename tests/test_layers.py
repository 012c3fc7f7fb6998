"""The package's folders are its layers: imports point one way, and domain logic never pulls in Streamlit or folium."""

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
            roots |= {alias.name.split(".")[0] for alias in node.names if not _drives_streamlit(alias.name)}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots |= set() if _drives_streamlit(node.module) else {node.module.split(".")[0]}
    return roots


def _drives_streamlit(module: str) -> bool:
    """Streamlit's test driver runs the app from outside, like a browser; only the benchmark uses it."""
    return module.startswith("streamlit.testing")


def test_only_the_app_package_imports_streamlit():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] != "app" and _imported_roots(path) & {"streamlit", "streamlit_folium"}
    ]
    assert offenders == []


def test_only_the_benchmark_drives_streamlit_from_outside():
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] != "bench" and "streamlit.testing" in path.read_text(encoding="utf-8")
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


# --- the order of the floors (docs/architecture.md) -------------------------------------------------

# Ground floor first. A module may import from its own floor's package or from any floor below, never
# from above, and the packages that share a floor (draft, geodata_build, living) never import each other.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("schema",),
    ("config",),
    ("text",),
    ("core",),
    ("validation",),
    ("map",),
    ("draft", "geodata_build", "living"),
    ("app",),
    ("cli",),
    ("bench",),
)
FLOOR = {part: level for level, parts in enumerate(FLOORS) for part in parts}


def _part_of(module: str) -> str | None:
    """The floor's package (or ground-floor module) a dotted ``countymap.`` name belongs to."""
    parts = module.split(".")
    if parts[0] != "countymap" or len(parts) < 2:
        return None
    return parts[1]


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every ``countymap`` import in ``path``, relative ones resolved, lazy ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            # ``from countymap import schema`` imports the module countymap.schema
            found += [(node.lineno, f"{base}.{alias.name}" if base == "countymap" else base) for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "countymap"]


def _edges() -> list[tuple[str, int, str, str]]:
    """(file, line, importing part, imported part) for every import between two floors' packages."""
    edges = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = _part_of(_module_name(path))
        for line, name in _imports(path):
            target = _part_of(name)
            if source in FLOOR and target in FLOOR and target != source:
                edges.append((str(path.relative_to(PACKAGE.parent)), line, source, target))
    return edges


def test_every_part_of_the_package_has_a_floor():
    parts = {_part_of(_module_name(p)) for p in PACKAGE.rglob("*.py")} - {None, "__main__"}
    assert sorted(parts - set(FLOOR)) == [], "add the new package to FLOORS and docs/architecture.md"


def test_imports_never_point_up_or_sideways():
    offenders = [
        f"{file}:{line}: {source} imports {target} (floor {FLOOR[target]} above or beside {FLOOR[source]})"
        for file, line, source, target in _edges()
        if FLOOR[target] >= FLOOR[source]
    ]
    assert offenders == [], "\n".join(offenders)


def test_no_cycle_between_subpackages():
    graph: dict[str, set[str]] = {}
    for _, _, source, target in _edges():
        graph.setdefault(source, set()).add(target)
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        for nxt in sorted(graph.get(node, ())):
            if nxt in trail:
                cycles.append(" -> ".join([*trail[trail.index(nxt) :], nxt]))
            elif len(trail) < len(FLOOR):
                visit(nxt, [*trail, nxt])

    for start in sorted(graph):
        visit(start, [start])
    assert cycles == []
