"""The living map's commands: the editor's round trip, and every refusal as one line with exit code 2."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sqlite3
import sys

import pytest

from countymap.__main__ import main
from countymap.config import DATABASE_FILENAME
from countymap.living import open_database, publish_edition, sign_in
from countymap.living.database import close
from tests.living.support import LINKED, NEW, PROJECTS_CSV, ROOT, baseline_rows, context_2024, drafts_2024

ITEM = "reservoir-changpu"  # a reservoir of projects.csv
INSIDE = "108.77,28.84"  # by hand: a point in Youyang (county seat area)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTYMAP_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("COUNTYMAP_DATABASE_URL", raising=False)
    yield tmp_path
    close(f"sqlite:///{tmp_path / 'home' / DATABASE_FILENAME}")


def run(capsys, monkeypatch, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main([*args, "--lang", "en"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def ready(home, db_url, capsys, monkeypatch):
    """A database made by the commands: SQLite in $COUNTYMAP_DATA_HOME, or PostgreSQL by $COUNTYMAP_DATABASE_URL."""
    if not db_url.startswith("sqlite"):
        monkeypatch.setenv("COUNTYMAP_DATABASE_URL", db_url)
    assert run(capsys, monkeypatch, "db", "upgrade")[0] == 0
    assert run(capsys, monkeypatch, "db", "import", str(PROJECTS_CSV), "--edition", "2023")[0] == 0
    assert run(capsys, monkeypatch, "user", "add", "wang", "--role", "editor", stdin="a long password 1\n")[0] == 0
    return home


def _update(capsys, monkeypatch, *flags: str, date: str = "2023-06-30", evidence: str = "https://a.cn/1"):
    return run(capsys, monkeypatch, "update", ITEM, *flags, "--date", date, "--evidence", evidence, "--as", "wang")


def _rows(path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def test_an_editor_places_a_site_and_records_completion_then_exports_show_both_views(ready, capsys, monkeypatch):
    assert _update(capsys, monkeypatch, "--site", INSIDE)[0] == 0
    assert _update(capsys, monkeypatch, "--status", "completed", evidence="县水利局竣工验收意见")[0] == 0
    latest, report = ready / "latest.csv", ready / "report.csv"
    assert run(capsys, monkeypatch, "export-table", "--format", "csv", "--out", str(latest))[0] == 0
    assert (
        run(capsys, monkeypatch, "export-table", "--format", "csv", "--out", str(report), "--as-of", "2023-02-08")[0]
        == 0
    )
    now, then = _rows(latest)[ITEM], _rows(report)[ITEM]
    assert (now["status"], now["precision"], now["site_lon"], now["site_lat"]) == (
        "completed",
        "site",
        "108.77",
        "28.84",
    )
    assert (now["last_update_date"], now["last_evidence"]) == ("2023-06-30", "县水利局竣工验收意见")
    original = baseline_rows()[ITEM]
    assert (then["status"], then["precision"], then["last_update_id"]) == (
        original["status"],
        original["precision"],
        "",
    )
    code, out, _ = run(capsys, monkeypatch, "history", ITEM, "--format", "csv")
    history = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [h["field"] for h in history] == ["site", "status"]
    assert {h["editor"] for h in history} == {"county editor"} and "wang" not in out


def test_the_geojson_export_draws_a_placed_site_where_the_editor_put_it(ready, capsys, monkeypatch):
    assert _update(capsys, monkeypatch, "--site", INSIDE)[0] == 0
    out = ready / "items.geojson"
    assert run(capsys, monkeypatch, "export-table", "--format", "geojson", "--out", str(out))[0] == 0
    feature = next(f for f in json.loads(out.read_text(encoding="utf-8"))["features"] if f["id"] == ITEM)
    assert feature["geometry"] == {"type": "Point", "coordinates": [108.77, 28.84]}
    assert (feature["properties"]["drawn_precision"], feature["properties"]["last_evidence"]) == (
        "site",
        "https://a.cn/1",
    )


def test_status_says_where_what_and_how_many(ready, capsys, monkeypatch):
    _update(capsys, monkeypatch, "--progress", "40")
    code, out, _ = run(capsys, monkeypatch, "db", "status")
    assert code == 0 and "revision 0003" in out and f"2023 ({len(baseline_rows())} items, report date not known)" in out
    assert f"{len(baseline_rows())} items, 1 updates, 1 accounts" in out


def test_a_line_is_exported_as_a_linestring(ready, capsys, monkeypatch):
    assert _update(capsys, monkeypatch, "--line", "108.70,28.80;108.75,28.83")[0] == 0
    out = ready / "items.geojson"
    assert run(capsys, monkeypatch, "export-table", "--format", "geojson", "--out", str(out))[0] == 0
    feature = next(f for f in json.loads(out.read_text(encoding="utf-8"))["features"] if f["id"] == ITEM)
    assert feature["geometry"] == {"type": "LineString", "coordinates": [[108.7, 28.8], [108.75, 28.83]]}


def test_the_date_defaults_to_today(ready, capsys, monkeypatch):
    code, _, _ = run(
        capsys, monkeypatch, "update", ITEM, "--site", INSIDE, "--evidence", "https://a.cn/2", "--as", "wang"
    )
    _, out, _ = run(capsys, monkeypatch, "history", ITEM)
    (row,) = csv.DictReader(io.StringIO(out))
    assert code == 0 and row["effective_date"] == dt.date.today().isoformat()


def test_backup_is_an_online_copy_that_opens_with_the_same_log(ready, capsys, monkeypatch):
    if "COUNTYMAP_DATABASE_URL" in os.environ:
        pytest.skip("PostgreSQL: test_postgresql_backup_points_to_pg_dump")
    _update(capsys, monkeypatch, "--progress", "40")
    target = ready / "backup.sqlite3"
    assert run(capsys, monkeypatch, "db", "backup", str(target))[0] == 0
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT field, value FROM updates").fetchall() == [("progress", "40")]
    code, _, err = run(capsys, monkeypatch, "db", "backup", str(target))
    assert code == 2 and "exists already" in err


def test_the_audit_export_names_accounts_for_the_county(ready, capsys, monkeypatch):
    _update(capsys, monkeypatch, "--note", "验收通过")
    out = ready / "audit.csv"
    assert run(capsys, monkeypatch, "db", "audit", "--out", str(out))[0] == 0
    with open(out, encoding="utf-8-sig", newline="") as handle:
        actions = [(r["action"], r["account"]) for r in csv.DictReader(handle)]
    assert actions == [("edition.import", ""), ("account.add", ""), ("update.save", "wang")]


REFUSALS = [
    (("--status", "completed"), {"date": "2023-13-01"}, "not a date"),
    (("--status", "completed"), {"date": (dt.date.today() + dt.timedelta(days=400)).isoformat()}, "effective date"),
    (("--status", "completed"), {"evidence": "javascript:alert(1)"}, "http"),
    (("--status", "completed"), {"evidence": ""}, "evidence is required"),
    (("--site", "118.0,28.8"), {}, "outside the county"),
    (("--site", "108.7;28.8"), {}, "LON,LAT"),
    (("--line", "108.70,28.80;118.0,28.8"), {}, "outside the county"),
    (("--line", "108.70,28.80"), {}, "2 to 500 points"),
    (("--townships", "不存在乡"), {}, "no such township"),
    (("--status", "completed", "--note", "x"), {}, "exactly one"),
    (("--amount", "1.5"), {}, "go together"),
    (("--progress", "140"), {}, "0 to 100"),
    (("--note", "x" * 3000), {}, "note"),
]


@pytest.mark.parametrize(("flags", "extra", "said"), REFUSALS)
def test_a_bad_update_is_one_line_and_exit_2(ready, capsys, monkeypatch, flags, extra, said):
    code, out, err = _update(capsys, monkeypatch, *flags, **extra)
    assert code == 2 and out == "" and said in err and len(err.strip().splitlines()) == 1


def test_other_refusals_are_one_line_and_exit_2(ready, capsys, monkeypatch):
    cases = [
        (("update", "no-such-item", "--status", "completed", "--date", "2023-06-30", "--evidence", "https://a.cn",
          "--as", "wang"), "no such item"),
        (("update", ITEM, "--status", "completed", "--date", "2023-06-30", "--evidence", "https://a.cn",
          "--as", "nobody"), "not allowed"),
        (("db", "import", str(PROJECTS_CSV), "--edition", "twenty"), "edition"),
        (("db", "import", str(ready / "none.csv"), "--edition", "2024"), "no such file"),
        (("user", "add", "li", "--role", "editor"), "password"),
        (("export-table", "--format", "csv", "--out", str(ready / "x.csv"), "--as-of", "1999-01-01"), "--as-of"),
        (("export-table", "--format", "csv", "--out", str(ready / "no" / "x.csv")), "not a folder"),
    ]  # fmt: skip
    for args, said in cases:
        code, _, err = run(capsys, monkeypatch, *args, stdin="short\n")
        assert (code, said in err, len(err.strip().splitlines())) == (2, True, 1), (args, err)


def test_commands_refuse_a_database_that_is_missing_or_behind(home, capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, "history")
    assert code == 2 and "python -m countymap db upgrade" in err
    assert not (home / "home" / DATABASE_FILENAME).exists()


def test_postgresql_backup_points_to_pg_dump(prepared_url, capsys, monkeypatch, tmp_path):
    if prepared_url.startswith("sqlite"):
        pytest.skip("the SQLite backup is tested above")
    monkeypatch.setenv("COUNTYMAP_DATABASE_URL", prepared_url)
    code, _, err = run(capsys, monkeypatch, "db", "backup", str(tmp_path / "b"))
    assert code == 2 and "pg_dump" in err


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("COUNTYMAP_DATABASE_URL", "mysql://u@h/db", "postgresql+psycopg"),
        ("COUNTYMAP_DATABASE_URL", "not a url", "not a database URL"),
        ("COUNTYMAP_DATA_HOME", str(PROJECTS_CSV.parent / "data-in-checkout"), "outside the checkout"),
    ],
)
def test_a_database_setting_it_will_not_use_is_one_line_and_exit_2(home, capsys, monkeypatch, variable, value, said):
    monkeypatch.setenv(variable, value)
    for command in (("db", "upgrade"), ("history",)):
        code, _, err = run(capsys, monkeypatch, *command)
        assert (code, said in err, len(err.strip().splitlines())) == (2, True, 1), err
    assert not (PROJECTS_CSV.parent / "data-in-checkout").exists()


def test_a_server_that_does_not_answer_is_one_line_and_exit_2(home, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("COUNTYMAP_DATABASE_URL", f"postgresql+psycopg://nobody@/none?host={tmp_path}")
    for command in (("db", "upgrade"), ("history",), ("db", "status")):
        code, _, err = run(capsys, monkeypatch, *command)
        assert (code, len(err.strip().splitlines())) == (2, 1) and "postgresql+psycopg" in err, err


def test_export_html_draws_the_database_items_latest_or_as_of_a_date(ready, capsys, monkeypatch):
    assert _update(capsys, monkeypatch, "--site", INSIDE)[0] == 0
    latest, report = ready / "latest.html", ready / "report.html"
    assert run(capsys, monkeypatch, "export-html", "--out", str(latest))[0] == 0
    code, out, _ = run(capsys, monkeypatch, "export-html", "--out", str(report), "--as-of", "2023-02-08")
    assert code == 0 and "as of 2023-02-08" in out
    assert "[108.77,28.84]" in latest.read_text(encoding="utf-8")  # the site, where the editor put it
    assert "[108.77,28.84]" not in report.read_text(encoding="utf-8")


def test_export_html_refuses_as_of_with_a_projects_file(ready, capsys, monkeypatch):
    code, _, err = run(
        capsys, monkeypatch, "export-html", "--projects", str(PROJECTS_CSV), "--out", str(ready / "x.html"),
        "--as-of", "2023-02-08",
    )  # fmt: skip
    assert code == 2 and "--as-of reads the database" in err


def test_after_a_new_edition_the_year_flag_knows_its_years(ready, db_url, capsys, monkeypatch):
    url = db_url if not db_url.startswith("sqlite") else f"sqlite:///{ready / 'home' / DATABASE_FILENAME}"
    database = open_database(url)
    token = sign_in(database, "wang", "a long password 1").token
    publish_edition(database, token, drafts_2024(), "2024", LINKED, context_2024())
    for year, expected in (("2024", [NEW]), ("2023", sorted(LINKED))):  # by hand: the drafts' years
        out = ready / f"latest-{year}.csv"
        assert run(capsys, monkeypatch, "export-table", "--format", "csv", "--out", str(out), "--year", year)[0] == 0
        assert sorted(_rows(out)) == expected  # --year 2024 was dropped before (all three rows)


def test_an_edition_imported_with_its_date_is_not_overridden_by_older_updates(home, capsys, monkeypatch):
    assert run(capsys, monkeypatch, "db", "upgrade")[0] == 0
    dated = ("db", "import", str(PROJECTS_CSV), "--edition", "2023", "--date")
    assert run(capsys, monkeypatch, *dated, "2023-13-01")[0] == 2  # not a date: nothing imported
    assert run(capsys, monkeypatch, *dated, "2023-02-08")[0] == 0
    assert run(capsys, monkeypatch, "user", "add", "wang", "--role", "editor", stdin="a long password 1\n")[0] == 0
    assert "2023 (370 items, report 2023-02-08)" in run(capsys, monkeypatch, "db", "status")[1]  # 370: projects.csv
    assert _update(capsys, monkeypatch, "--status", "completed", date="2023-01-15")[0] == 0  # before the report
    out = home / "latest.csv"
    assert run(capsys, monkeypatch, "export-table", "--format", "csv", "--out", str(out))[0] == 0
    assert _rows(out)[ITEM]["status"] == baseline_rows()[ITEM]["status"] != "completed"  # the report's, newer
    assert _update(capsys, monkeypatch, "--status", "completed", date="2023-06-30")[0] == 0  # after it
    assert run(capsys, monkeypatch, "export-table", "--format", "csv", "--out", str(out))[0] == 0
    assert _rows(out)[ITEM]["status"] == "completed"


def test_a_new_edition_is_imported_against_its_own_years(ready, capsys, monkeypatch):
    drafts = ready / "projects-2024.csv"
    drafts_2024().to_csv(drafts, index=False)  # rows of projects.csv: their passages are in the 2023 report
    imported = ("db", "import", str(drafts), "--edition", "2024")
    code, _, err = run(capsys, monkeypatch, *imported, "--report", str(ROOT / "tests" / "data" / "report_2024.txt"))
    assert code == 2 and "not imported" in err  # checked against the 2024 report's text: the passages differ
    code, out, _ = run(capsys, monkeypatch, *imported, "--date", "2024-01-10")
    assert code == 0 and "passages are not checked" in out and "3 items imported" in out  # 2024 was refused before
    assert "2024 (3 items, report 2024-01-10)" in run(capsys, monkeypatch, "db", "status")[1]
