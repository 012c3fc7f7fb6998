"""A benchmark that writes one section of BENCHMARKS.md: its ``--out`` flag, the section, the command's run.

``bench-filters`` and ``bench-sessions`` each replace their own section
(headed ``## ...``) and keep the rest; ``bench`` keeps them when it rewrites
the file (:func:`countymap.bench.markdown.kept_sections`).
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from countymap.config import REPO_ROOT
from countymap.validation.arguments import output_file, parse_checked


def write_section(text: str, out: Path) -> None:
    """Replace (or append) in ``out`` the section that ``text`` is (its first line is the heading)."""
    heading = text.splitlines()[0]
    current = out.read_text(encoding="utf-8") if out.exists() else ""
    # Up to the next heading or marked section (another's), with the newlines before it: one blank line is put back.
    pattern = re.compile(rf"{re.escape(heading)}\n.*?(?:\n+(?=## |<!-- )|\Z)", re.S)
    replaced = pattern.sub(lambda _: text.rstrip("\n") + "\n\n", current)
    updated = replaced if heading in current else current.rstrip("\n") + "\n\n" + text
    out.write_text(updated.rstrip("\n") + "\n", encoding="utf-8")


def add_report_flag(parser: argparse.ArgumentParser) -> None:
    """``--out``: the Markdown file whose section :func:`write_section` replaces (checked before any work)."""
    parser.add_argument(
        "--out", default=str(REPO_ROOT / "BENCHMARKS.md"), type=output_file, help="report file (Markdown)"
    )


def run_section(
    parser: argparse.ArgumentParser,
    argv: list[str] | None,
    measure: Callable[[argparse.Namespace, Path], dict],
    report: Callable[[dict], str],
) -> int:
    """Parse ``argv``, measure (in a temporary folder), print the section and write it to ``--out``; the exit code."""
    args = parse_checked(parser, argv)
    if isinstance(args, int):
        return args
    with tempfile.TemporaryDirectory(prefix="countymap-bench-") as folder:
        figures = measure(args, Path(folder))
    text = report(figures)
    print(text)
    write_section(text, Path(args.out))
    return 0
