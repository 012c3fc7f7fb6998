"""``bench`` rewrites BENCHMARKS.md but keeps what bench-filters, bench-sessions, bench-counties and bench-living wrote."""

from __future__ import annotations

from countymap.bench import sessions
from countymap.bench.markdown import kept_sections
from countymap.bench.section import write_section

FILE = """# Benchmarks

## Results

old table

## Filters on a large table

| rows | first map |
|---|---|
| 50,000 | 4.62 |

## Several counties at once

| counties |
|---|
| 38 |

## Upload sessions, 20,000 rows

| before (MB) |
|---|
| 302 |

## Upload sessions, 50,000 rows

| before (MB) |
|---|
| 410 |

<!-- living -->
## Living map database
figures
<!-- /living -->
"""


def test_the_sections_of_other_benchmarks_are_kept_in_order(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(FILE, encoding="utf-8")
    kept = kept_sections(path)
    assert [section.splitlines()[0] for section in kept] == [
        "## Filters on a large table",
        "## Several counties at once",
        "## Upload sessions, 20,000 rows",
        "## Upload sessions, 50,000 rows",
        "<!-- living -->",
    ]
    assert kept[0].endswith("| 50,000 | 4.62 |")
    assert kept[1].endswith("| 38 |") and kept[2].endswith("| 302 |") and kept[3].endswith("| 410 |")
    assert "old table" not in "".join(kept)


def test_a_section_written_under_its_heading_stops_before_a_marked_section(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(FILE, encoding="utf-8")
    write_section("## Upload sessions, 50,000 rows\n\nnew figures\n", path)
    text = path.read_text(encoding="utf-8")
    assert "new figures\n\n<!-- living -->\n## Living map database" in text
    assert "| 410 |" not in text and "| 302 |" in text, "the other size's section is another section"
    assert [section.splitlines()[0] for section in kept_sections(path)][-1] == "<!-- living -->"


def test_a_replaced_section_keeps_a_blank_line_before_the_next_heading(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(FILE, encoding="utf-8")
    write_section("## Upload sessions, 20,000 rows\n\nnew figures\n", path)
    assert "new figures\n\n## Upload sessions, 50,000 rows" in path.read_text(encoding="utf-8")


FIGURES = {"rows": 50_000, "sessions": 5, "wait_s": 60.0, "file_mb": 19.3, "cold_mb": 300.0, "before_mb": 350.0}


def test_the_sessions_section_names_its_size_and_says_whether_the_target_is_met():
    figures = FIGURES | {"peak_mb": 900.0, "after_mb": 440.0, "upload_s": 8.25, "map_s": 3.04, "load": 2.5}
    text = sessions.report(figures)
    assert text.splitlines()[0] == "## Upload sessions, 50,000 rows"
    assert "| 300 | 350 | 900 | 440 | +90 | +140 | 8.2 | 3.0 |" in text
    assert "within 100 MB: **met**" in text
    assert "within 50 MB: **not met**" in sessions.report(figures | {"rows": 20_000})
    assert "Target" not in sessions.report(figures | {"rows": 2_000}), "no target for that size"


def test_the_50000_row_section_says_whether_the_map_was_ready_under_5_s():
    figures = FIGURES | {"peak_mb": 900.0, "after_mb": 440.0, "upload_s": 8.25, "load": 2.5, "allocator": "A=b"}
    assert "Map ready under 5 s: **met**" in sessions.report(figures | {"map_s": 4.3})
    assert "Map ready under 5 s: **missed**" in sessions.report(figures | {"map_s": 5.8})
    assert "Map ready" not in sessions.report(figures | {"map_s": 5.8, "rows": 20_000})
    assert "Server started with `A=b`." in sessions.report(figures | {"map_s": 4.3})
