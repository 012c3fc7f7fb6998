"""``bench`` rewrites BENCHMARKS.md but keeps what bench-filters, bench-sessions and bench-living wrote."""

from __future__ import annotations

from countymap.bench.markdown import kept_sections
from countymap.bench.sessions import write_section

FILE = """# Benchmarks

## Results

old table

## Filters on a large table

| rows | first map |
|---|---|
| 50,000 | 4.62 |

## Upload sessions

| before (MB) |
|---|
| 302 |

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
        "## Upload sessions",
        "<!-- living -->",
    ]
    assert kept[0].endswith("| 50,000 | 4.62 |")
    assert kept[1].endswith("| 302 |")
    assert "old table" not in "".join(kept)


def test_a_section_written_under_its_heading_stops_before_a_marked_section(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(FILE, encoding="utf-8")
    write_section("## Upload sessions\n\nnew figures\n", path)
    text = path.read_text(encoding="utf-8")
    assert "new figures\n\n<!-- living -->\n## Living map database" in text
    assert "| 302 |" not in text
    assert [section.splitlines()[0] for section in kept_sections(path)][-1] == "<!-- living -->"
