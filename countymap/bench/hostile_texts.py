"""Hostile report texts within the upload cap: texts once measured to stall the server, and more.

Each text is as large as the cap allows (:data:`countymap.core.report.REPORT_MAX_BYTES`,
in UTF-8 bytes) and is built from runs of one of :data:`UNITS`: digits,
whitespace, punctuation, list marks, clauses, headings. ``python -m countymap
bench-hostile`` drafts every one (CLI and worker) and the property test of
``tests/test_draft_hostile.py`` draws texts from the same units.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from countymap.core.report import REPORT_MAX_BYTES

PLAN_HEADING = "一、2023年重点工作安排\n"
REVIEW_HEADING = "一、2022年工作回顾\n"

# The building blocks of a hostile text: each is repeated into runs.
UNITS: tuple[str, ...] = (
    "1",
    "1234567890 ",
    "1,2",
    "1.",
    " ",
    "\n",
    "— ",
    "-4-",
    "，",
    "、",
    "。",
    "“",
    "”",
    "（",
    "）",
    "《",
    "等",
    "至",
    "万元",
    "亿元",
    "kV",
    "人",
    "建设",
    "水库",
    "项目",
    "启动甲项目",
    "建设甲乙丙水库，",
    "（一）x\n",
    "一、x\n",
    "酉阳",
)


def fill(unit: str, limit: int = REPORT_MAX_BYTES, before: str = PLAN_HEADING, after: str = "") -> str:
    """``before``, then ``unit`` repeated as often as fits in ``limit`` UTF-8 bytes with ``after``."""
    room = limit - len((before + after).encode("utf-8"))
    return before + unit * max(0, room // len(unit.encode("utf-8"))) + after


def distinct_clauses(limit: int = REPORT_MAX_BYTES, phases: int = 1) -> str:
    """``建设XYZ水库，`` with a different XYZ each time (8,772 clauses once took 53 s), in one or two parts."""
    size = len("建设甲乙丙水库，".encode()) + 1
    count = (limit - 200) // size
    clauses = [
        f"建设{chr(0x4E00 + i // 400)}{chr(0x4E00 + i // 20 % 20)}{chr(0x4E00 + i % 20)}水库，" for i in range(count)
    ]
    if phases == 1:
        return PLAN_HEADING + "".join(clauses)
    half = len(clauses) // 2
    return REVIEW_HEADING + "".join(clauses[:half]) + "\n二、2023年重点工作安排\n" + "".join(clauses[half:])


def report_with_digits(report: str, digits: int = 20_000) -> str:
    """The real report with one run of ``digits`` digits before its first amount (once 45 s)."""
    at = report.find("亿元")
    return report[:at] + "1" * digits + report[at:] if at > 0 else report + "1" * digits


# name -> (what it is, how it is made from the report text, or None without it).
TEXTS: dict[str, tuple[str, Callable[[str | None], str]]] = {
    "digits": ("one run of digits before 万元 (216 KB killed at 120 s)", lambda _: fill("1", after="万元")),
    "spaced-numbers": ("10-digit numbers separated by spaces", lambda _: fill("1234567890 ")),
    "comma-digits": ("1,2,1,2…: commas between digits", lambda _: fill("1,2")),
    "spaces": ("one run of spaces (the page-footer pattern: 80k spaces 34 s)", lambda _: fill(" ", after="水库")),
    "dashes": ("“— ” repeated (footer-like)", lambda _: fill("— ")),
    "long-clause": ("启动甲项目 without punctuation (tail_start: 70 s)", lambda _: fill("启动甲项目")),
    "distinct-clauses": ("建设XYZ水库， all different (grouping: 53 s)", lambda _: distinct_clauses()),
    "distinct-two-parts": ("the same clauses split between a review and a plan", lambda _: distinct_clauses(phases=2)),
    "enumeration": (
        "甲、甲、甲… one list of thousands of members",
        lambda _: fill("甲、", before=PLAN_HEADING + "建设"),
    ),
    "list-of-works": ("建设甲乙水库、 repeated: one list of thousands of works", lambda _: fill("建设甲乙水库、")),
    "short-clauses": ("甲乙， repeated: tens of thousands of clauses", lambda _: fill("甲乙，")),
    "quotes": ("opening quotes without an end", lambda _: fill("“")),
    "route-run": ("甲乙至 repeated (route pattern)", lambda _: fill("甲乙至")),
    "headings": ("a part heading on every line", lambda _: fill("一、x\n", before="")),
    "report-plus-digits": ("the real report with 20,000 digits inside", report_with_digits),
}


def make_text(name: str, report: str | None) -> str:
    """Hostile text ``name`` (a key of :data:`TEXTS`); ``report`` is the real report's text, where one needs it."""
    return TEXTS[name][1](report or "")


def write_text(name: str, folder: Path, report: str | None) -> Path:
    """Write hostile text ``name`` as UTF-8 into ``folder``; return its path."""
    path = folder / f"{name}.txt"
    path.write_text(make_text(name, report), encoding="utf-8")
    return path
