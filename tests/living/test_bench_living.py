"""``bench-living`` writes its own marked section of BENCHMARKS.md, which ``bench`` keeps when it rewrites the file."""

from __future__ import annotations

from countymap.bench import living
from countymap.bench.markdown import kept_sections, replace_section


def test_bench_living_writes_its_section_and_keeps_the_rest(tmp_path):
    report = tmp_path / "BENCHMARKS.md"
    report.write_text("# Benchmarks\n\nother figures\n", encoding="utf-8")
    assert living.main(["--updates", "30", "--runs", "1", "--no-postgres", "--out", str(report)]) == 0
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nother figures\n") and "| SQLite |" in text
    assert "30 updates in the log" in text
    assert "Filter change on the map" in text and "on the report's state of the same items" in text


def test_a_section_is_replaced_in_place_and_found_for_keeping(tmp_path):
    report = tmp_path / "BENCHMARKS.md"
    replace_section(report, "living", ["first"])
    replace_section(report, "living", ["second"])
    assert kept_sections(report) == ["<!-- living -->\nsecond\n<!-- /living -->"]
