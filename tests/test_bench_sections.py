"""``bench`` rewrites BENCHMARKS.md but keeps what bench-filters, bench-sessions and bench-living wrote."""

from __future__ import annotations

from countymap.bench.markdown import kept_sections

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
