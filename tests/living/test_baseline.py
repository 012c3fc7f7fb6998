"""The baseline: validated before import, immutable once imported, kept in the file's order; SQLite's settings."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from countymap.living import BaselineError, import_edition, state_as_of
from tests.living.support import PROJECTS_CSV


def test_the_same_file_again_is_a_no_op_and_another_file_is_refused(db, tmp_path):
    assert import_edition(db, PROJECTS_CSV, "2023") == 0
    changed = tmp_path / "projects.csv"
    changed.write_text(PROJECTS_CSV.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8")
    with pytest.raises(BaselineError, match="a baseline never changes"):
        import_edition(db, changed, "2023")


def test_a_file_with_problems_is_not_imported(db, tmp_path):
    broken = tmp_path / "projects.csv"
    lines = PROJECTS_CSV.read_text(encoding="utf-8").splitlines()
    header, first = lines[0].split(","), lines[1].split(",")
    first[header.index("status")] = "finished"
    broken.write_text("\n".join([lines[0], ",".join(first)]) + "\n", encoding="utf-8")
    with pytest.raises(BaselineError, match="status"):
        import_edition(db, broken, "2024")
    assert state_as_of(db).edition == "2023"


@pytest.mark.parametrize("edition", ["23", "2023 ", "2023-", "x2023", "2023-DRAFT"])
def test_an_edition_is_a_year(db, edition):
    with pytest.raises(BaselineError, match="edition"):
        import_edition(db, PROJECTS_CSV, edition)


def test_a_second_edition_shares_the_item_ids_and_the_first_stays(db, tmp_path):
    lines = PROJECTS_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    next_year = tmp_path / "projects-2024.csv"
    next_year.write_text("".join(lines), encoding="utf-8")
    assert import_edition(db, next_year, "2024-draft") == len(lines) - 1
    assert state_as_of(db, edition="2023").edition == "2023"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(db):
    if not db.is_sqlite:
        pytest.skip("SQLite settings")
    with db.reading() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
