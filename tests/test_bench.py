"""The benchmark: its synthetic data is valid and deterministic, and ``bench --quick`` runs end to end.

No timing is asserted here (timings belong in BENCHMARKS.md, not in a test).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from countymap.bench import run as bench
from countymap.bench.synthetic import synthetic_frame, to_csv_text
from countymap.core.tables import load_projects, read_raw
from countymap.schema import PROJECTS
from countymap.validation.context import load_context
from countymap.validation.validate import validate_frame

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def frame():
    return synthetic_frame(300, ROOT)


def test_synthetic_rows_validate(frame):
    assert validate_frame(frame, PROJECTS, load_context(ROOT)) == []


def test_synthetic_rows_cover_precisions_and_investments(frame):
    assert set(frame["precision"]) == {"township", "county", "line", "approximate"}
    disclosed = frame["investment_yi"].str.strip() != ""
    assert 0 < disclosed.sum() < len(frame)  # some amounts disclosed, some not
    assert frame["id"].is_unique and frame["name_zh"].is_unique


def test_synthetic_rows_are_deterministic_and_round_trip_as_csv(frame, tmp_path):
    assert synthetic_frame(300, ROOT).equals(frame)
    path = tmp_path / "p.csv"
    path.write_text(to_csv_text(frame), encoding="utf-8")
    assert read_raw(path).equals(frame.reset_index(drop=True))
    assert len(load_projects(path)) == 300


def test_quick_bench_writes_a_report(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    assert bench.main(["--quick", "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    for heading in ("## Machine", "## Results", "## Targets", "nproc"):
        assert heading in report
    assert "| 100 |" in report  # the quick size was measured


def test_unknown_skip_is_refused(tmp_path):
    assert bench.main(["--quick", "--skip", "nothing", "--out", str(tmp_path / "x.md")]) == 2


def test_the_quick_report_measures_a_click(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    assert bench.main(["--quick", "--skip", "naive,browser,memory", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if "click: select an item (s)" in line)
    row = lines[lines.index(header) + 2]  # after the separator line
    column = header.split("|").index(" click: select an item (s) ")
    assert row.split("|")[column].strip() not in ("", "—"), row


def test_a_large_set_raises_the_read_caps_within_their_ranges_and_restores_them(tmp_path, monkeypatch):
    monkeypatch.delenv("COUNTYMAP_MAX_ROWS", raising=False)
    monkeypatch.setenv("COUNTYMAP_MAX_CELLS", "2000000")
    csv_path = tmp_path / "p.csv"
    with csv_path.open("wb") as sparse:  # 60 MB and a bit (above the 50 MB default), nothing written
        sparse.truncate(60 * 1024 * 1024 + 5)
    with bench.reading_limits_for(csv_path, rows=200_000, columns=21):
        assert os.environ["COUNTYMAP_MAX_ROWS"] == "200001"
        assert os.environ["COUNTYMAP_MAX_CELLS"] == str(200_001 * 21)
        assert os.environ["COUNTYMAP_MAX_UNPACKED_MB"] == "62"
    assert "COUNTYMAP_MAX_ROWS" not in os.environ
    assert os.environ["COUNTYMAP_MAX_CELLS"] == "2000000"
    with pytest.raises(bench.BenchError, match="COUNTYMAP_MAX_ROWS"), bench.reading_limits_for(csv_path, 300_000, 21):
        pass


def test_bench_filters_writes_its_section_and_keeps_the_others(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\n## Other\n\nkept\n", encoding="utf-8")
    from countymap.bench import filters

    assert filters.main(["--rows", "200", "--runs", "1", "--out", str(out)]) == 0
    assert filters.main(["--rows", "200", "--runs", "1", "--out", str(out)]) == 0  # replaced, not appended
    text = out.read_text(encoding="utf-8")
    assert text.count("## Filters on a large table") == 1 and "## Other\n\nkept" in text
    assert "| 200 |" in text
