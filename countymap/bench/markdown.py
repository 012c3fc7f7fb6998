"""BENCHMARKS.md: the machine, the medians, the growth and the targets of :mod:`countymap.bench.run`."""

from __future__ import annotations

import math
import os
import platform
import re
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGES = ("folium", "branca", "streamlit", "streamlit-folium", "pandas", "playwright")
# (key, column title, format); a missing value is shown as "—".
BUILD_COLUMNS = (
    ("size", "projects", "{:,}"),
    ("features", "features drawn", "{:,}"),
    ("build_s", "build + render (s)", "{:.2f}"),
    ("build_cpu_s", "… CPU (s)", "{:.2f}"),
    ("naive_s", "naive reference (s)", "{:.2f}"),
    ("naive_cpu_s", "… CPU (s)", "{:.2f}"),
    ("speedup", "naive / ours", "{:.0f}×"),
    ("speedup_cpu", "… by CPU", "{:.0f}×"),
    ("html_mb", "HTML (MB)", "{:.2f}"),
    ("naive_html_mb", "naive HTML (MB)", "{:.2f}"),
    ("build_peak_mb", "build peak, tracemalloc (MB)", "{:.0f}"),
)
APP_COLUMNS = (
    ("size", "projects", "{:,}"),
    ("app_first_s", "app first run, caches empty (s)", "{:.2f}"),
    ("app_first_cpu_s", "… CPU (s)", "{:.2f}"),
    ("app_warm_s", "app run, new session (s)", "{:.2f}"),
    ("app_warm_cpu_s", "… CPU (s)", "{:.2f}"),
    ("app_select_s", "click: select an item (s)", "{:.2f}"),
    ("app_select_cpu_s", "… CPU (s)", "{:.2f}"),
    ("app_filter_s", "filter change (s)", "{:.2f}"),
    ("app_filter_cpu_s", "… CPU (s)", "{:.2f}"),
    ("export_mb", "exported page (MB)", "{:.2f}"),
    ("browser_s", "county view drawn in Chromium (s)", "{:.2f}"),
    ("app_rss_mb", "app process peak RSS (MB)", "{:.0f}"),
)
COLUMNS = BUILD_COLUMNS + APP_COLUMNS[1:]
GROWTH_KEYS = (
    *("build_s", "build_cpu_s", "naive_s", "naive_cpu_s", "html_mb", "app_first_s", "app_warm_s", "app_warm_cpu_s"),
    *("app_select_s", "app_select_cpu_s", "app_filter_s", "app_filter_cpu_s", "browser_s", "app_rss_mb"),
)
GROWTH_STEPS = ((2000, 20000), (20000, 200000))
LINEAR_SLACK = 1.1  # timing noise: up to 10 % above proportional still counts as linear


def _first_line(path: str, prefix: str) -> str:
    try:
        for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def _chromium_version() -> str:
    try:
        done = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, timeout=30)
        return done.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "not installed"


def machine() -> list[str]:
    """Markdown bullet lines describing the machine and the software."""
    mem_kb = _first_line("/proc/meminfo", "MemTotal").split()[0]
    ram = f"{int(mem_kb) / 1024 / 1024:.1f} GiB" if mem_kb.isdigit() else "unknown"
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return [
        f"- CPU: {_first_line('/proc/cpuinfo', 'model name')}; nproc {os.cpu_count()}; RAM {ram}",
        f"- Python {platform.python_version()} on {platform.system()} {platform.release()}",
        f"- {', '.join(versions)}; {_chromium_version()}",
    ]


def _ratio(row: dict, top: str, bottom: str) -> float | None:
    return row[top] / row[bottom] if row.get(top) and row.get(bottom) else None


def _cell(row: dict, key: str, fmt: str) -> str:
    value = row.get(key)
    if key == "speedup":
        value = _ratio(row, "naive_s", "build_s")
    elif key == "speedup_cpu":
        value = _ratio(row, "naive_cpu_s", "build_cpu_s")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return fmt.format(value)


def table(rows: list[dict], columns: tuple = COLUMNS) -> list[str]:
    """One Markdown table row per measured set."""
    lines = ["| " + " | ".join(title for _, title, _ in columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(_cell(row, key, fmt) for key, _, fmt in columns) + " |")
    return lines


def growth(rows: list[dict], small: int = 2000, large: int = 20000) -> list[str]:
    """How each cost grows from ``small`` to ``large`` projects."""
    by_size = {row["size"]: row for row in rows}
    if small not in by_size or large not in by_size:
        return [f"(needs both {small:,} and {large:,} projects measured)"]
    factor = large / small
    lines = [f"Rows grow ×{factor:g}. Linear growth = ×{factor:g}; less is better than linear.", ""]
    lines += ["| cost | ×growth | linear or better? |", "|---|---|---|"]
    for key in GROWTH_KEYS:
        a, b = by_size[small].get(key), by_size[large].get(key)
        if a and b:
            ratio = b / a
            verdict = "yes" if ratio <= factor * LINEAR_SLACK else "**no**"
            lines.append(f"| {_title(key)} | ×{ratio:.1f} | {verdict} |")
    return lines


def _growth_section(rows: list[dict], small: int, large: int) -> list[str]:
    return [f"## Growth from {small:,} to {large:,} projects", "", *growth(rows, small, large), ""]


def _title(key: str) -> str:
    for index, (k, title, _) in enumerate(COLUMNS):
        if k == key:
            return f"{COLUMNS[index - 1][1]} CPU" if title.startswith("…") else title
    return key


def _verdict(wall: bool | None, cpu: bool | None) -> str:
    if wall is None:
        return "not measured"
    if wall:
        return "**met**"
    if cpu:
        return "**missed** on wall-clock time, met on CPU time (the machine was busy)"
    return "**missed**"


def _target_rows(big: dict, embedded: dict, huge: dict | None = None) -> list[tuple]:
    """(target, value key, CPU key or None, test, row) for each performance target."""
    return [
        ("build + render ≥ 20× faster than naive", "speedup", "speedup_cpu", lambda v: v >= 20, big),
        ("HTML < 6 MB", "html_mb", None, lambda v: v < 6, big),
        ("app script run < 2 s (new session)", "app_warm_s", "app_warm_cpu_s", lambda v: v < 2, big),
        ("filter change < 0.5 s", "app_filter_s", "app_filter_cpu_s", lambda v: v < 0.5, big),
        ("county view drawn in Chromium < 1 s", "browser_s", None, lambda v: v < 1, big),
        ("app memory ≤ 400 MB (peak RSS, MB)", "app_rss_mb", None, lambda v: v <= 400, big),
        ("200,000 projects: app memory ≤ 1.5 GB (peak RSS, MB)", "app_rss_mb", None, lambda v: v <= 1536, huge or {}),
        (
            "embedded data: app run < 0.5 s after the first load",
            "app_warm_s",
            "app_warm_cpu_s",
            lambda v: v < 0.5,
            embedded,
        ),
    ]


def _value(row: dict, key: str | None) -> float | None:
    if key is None:
        return None
    if key == "speedup":
        return _ratio(row, "naive_s", "build_s")
    if key == "speedup_cpu":
        return _ratio(row, "naive_cpu_s", "build_cpu_s")
    value = row.get(key)
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def targets(rows: list[dict], embedded: dict) -> list[str]:
    """The performance targets against the 20,000-project medians (wall clock; CPU time alongside)."""
    big = next((row for row in rows if row["size"] == 20000), {})
    huge = next((row for row in rows if row["size"] == 200000), {})
    lines = ["| target (20,000 projects unless said) | measured | CPU time | result |", "|---|---|---|---|"]
    for name, key, cpu_key, test, row in _target_rows(big, embedded, huge):
        wall, cpu = _value(row, key), _value(row, cpu_key)
        shown = "—" if wall is None else f"{wall:.2f}"
        shown_cpu = "—" if cpu is None else f"{cpu:.2f}"
        verdict = _verdict(None if wall is None else test(wall), None if cpu is None else test(cpu))
        lines.append(f"| {name} | {shown} | {shown_cpu} | {verdict} |")
    return lines


SECTION = re.compile(r"<!-- ([a-z][a-z-]*) -->\n.*?<!-- /\1 -->", flags=re.S)


# The sections ``bench-filters``, ``bench-sessions`` and ``bench-counties`` write under their headings
# (:func:`countymap.bench.section.write_section`): up to the next heading or marked section.
HEADED_SECTION = re.compile(
    r"^## (?:Filters on a large table|Upload sessions[^\n]*|Several counties at once)\n.*?(?=^## |^<!-- |\Z)",
    flags=re.S | re.M,
)


def kept_sections(path: Path) -> list[str]:
    """The sections other benchmarks wrote into ``path``, in file order (``bench`` keeps them when it rewrites the file)."""
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    found = [*SECTION.finditer(text), *HEADED_SECTION.finditer(text)]
    return [m.group(0).rstrip("\n") for m in sorted(found, key=lambda m: m.start())]


def replace_section(path: Path, name: str, lines: list[str]) -> None:
    """Write ``lines`` as the section ``name`` of ``path`` (between ``<!-- name -->`` markers), keeping the rest."""
    block = "\n".join([f"<!-- {name} -->", *lines, f"<!-- /{name} -->"])
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    pattern = re.compile(rf"<!-- {re.escape(name)} -->\n.*?<!-- /{re.escape(name)} -->", flags=re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + block
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def write_report(path: Path, rows: list[dict], embedded: dict, meta: dict) -> None:
    """Write BENCHMARKS.md (keeping the sections of :func:`kept_sections`)."""
    start, end = meta["started"], meta["ended"]
    load = f"load average {start['load'][0]:.1f} at the start, {end['load'][0]:.1f} at the end"
    lines = [
        "# Benchmarks",
        "",
        "Generated by `python -m countymap bench` (see `countymap/bench/run.py` for what is measured and how);",
        f"run {start['time']} – {end['time']}, {load}. Medians; the runs per size are in the table below.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Results",
        "",
        "Map build (Python):",
        "",
        *table(rows, BUILD_COLUMNS),
        "",
        "App and browser:",
        "",
        *table(rows, APP_COLUMNS),
        "",
        "Runs per size: " + ", ".join(f"{r['size']:,}: {r['runs']}" for r in rows) + ".",
        "",
        "Embedded Youyang data (`projects.csv`):",
        "",
        *table([embedded], BUILD_COLUMNS[:4] + BUILD_COLUMNS[8:9] + APP_COLUMNS[1:9]),
        "",
        *[line for small, large in GROWTH_STEPS for line in _growth_section(rows, small, large)],
        "## Targets",
        "",
        *targets(rows, embedded),
        "",
        "## How it is measured",
        "",
        *METHOD,
        "",
        *[f"{section}\n" for section in kept_sections(path)],
    ]
    path.write_text("\n".join(lines) + kept_block(path), encoding="utf-8")


# ``bench-hostile --record`` keeps its figures in BENCHMARKS.md between these marks; ``bench`` keeps them.
HOSTILE_BEGIN, HOSTILE_END = "<!-- bench-hostile: begin -->", "<!-- bench-hostile: end -->"


def kept_block(path: Path) -> str:
    """The ``bench-hostile`` block of the file at ``path`` (with a blank line before it), or ``""``."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    start, end = text.find(HOSTILE_BEGIN), text.find(HOSTILE_END)
    return "\n" + text[start : end + len(HOSTILE_END)] + "\n" if 0 <= start < end else ""


def record_block(path: Path, report: str) -> None:
    """Put ``report`` into the file at ``path`` as its ``bench-hostile`` block (replacing the one there)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    old = kept_block(path).strip()
    block = f"{HOSTILE_BEGIN}\n{report.strip()}\n{HOSTILE_END}"
    text = text.replace(old, block) if old else text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


METHOD = [
    "- Synthetic sets: `countymap/bench/synthetic.py`, deterministic (seeded), every row valid (checked with",
    "  `validate_frame` before measuring): real townships, categories, statuses, place and route ids; names,",
    "  summaries, figures and `source_spans` copied from a real row (a figure must stand in its span), names",
    "  numbered so none repeat. The 200,000-row set is larger than the read caps' defaults",
    "  (`COUNTYMAP_MAX_ROWS` etc.): the benchmark raises them for that set, within their allowed ranges.",
    "- build + render: `build_map(frame, geodata)` + `get_root().render()`, from nothing: placing, writing the",
    "  features and the page (a cold build, as an export does). *naive* (up to 20,000 projects; beyond, one run takes minutes): the same features",
    "  as one `folium.CircleMarker` (or `PolyLine`) with a `folium.Popup` each, same placement and properties.",
    "- App: `streamlit.testing.v1.AppTest` on `app.py` with `COUNTYMAP_PROJECTS` set to the set's CSV.",
    "  *first run*: all Streamlit caches cleared, so it includes reading the CSV. *new session*: a second",
    "  `AppTest` (data and the default view's project features cached). *click*: that session selecting the",
    "  first item that has a place, parked as a map click parks it (`countymap/app/selection.py`) and applied",
    "  in the run it triggers; the map's project features come from the cache, only the selection overlay is",
    "  new. In the browser a map click costs one more run, the one that receives the click and parks it.",
    "  *filter change*: then choosing three of the five statuses (about 60 % of the rows), a combination not",
    "  seen before. The app writes the whole table's features once (`countymap/map/features.py`, in the",
    "  first run); a filter change takes its part of them and sums the townships again.",
    "- Chromium: the set exported with `countymap.map.export.export_html`, opened as a `file://` page with every",
    "  other request aborted; time from navigation start until the county view is drawn: every township badge",
    "  on the map and the labels placed (checked on every animation frame). Item markers are made when first",
    "  shown (zoomed in), so this is what a reader sees first.",
    "- Memory: tracemalloc peak of one build + render; peak RSS (`VmHWM` of `/proc`, not `ru_maxrss`, which a",
    "  child inherits from the benchmark) of a fresh Python process that runs the map page with `AppTest`, one",
    "  filter change and a language switch, under README's `PYTHONMALLOC=malloc` (387 MB at 20,000 projects",
    "  under Python's own allocator on 2026-12-04).",
    "- Wall-clock times depend on what else the machine is doing: the load average is given above, and each",
    "  time has its CPU time (`time.process_time`, all threads of the process) next to it. With two cores and",
    "  other jobs running, wall time can be a multiple of CPU time; on an idle machine they are close.",
]
