"""The validator: the real data passes, broken files fail with the right messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from countymap.schema import PROJECTS
from countymap.validation.checks import check_own_words
from countymap.validation.context import ValidationContext, load_context
from countymap.validation.validate import ValidationError, read_upload, validate_file, validate_frame

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "validate"
VALID = (DATA / "valid.csv").read_text(encoding="utf-8")


def small_context(report_text: str | None = None) -> ValidationContext:
    return ValidationContext(
        townships=frozenset({"龙潭镇", "麻旺镇", "酉水河镇"}),
        place_coords={"some-place": (None, None)},
        route_ids=frozenset({"road-youpeng"}),
        report_text=report_text,
    )


def problems_of(text: str, context: ValidationContext | None = None) -> list[str]:
    frame = read_upload(text.encode("utf-8"))
    return [p.as_text("en") for p in validate_frame(frame, PROJECTS, context or small_context())]


def edit(row: int, column: str, value: str, text: str = VALID) -> str:
    """``text`` with one cell replaced (row 2 = first data row)."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    rows[row - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def test_valid_fixture_has_no_problems():
    assert problems_of(VALID) == []


# Broken cells of the columns that make sums honest (part_of, investment_qualifier, item_kind, status, precision).
HONEST_SUM_CELLS = [
    (3, "part_of", "no-such-programme", "row 3, column part_of: unknown programme id: 'no-such-programme'"),
    (2, "investment_qualifier", "maybe", "row 2, column investment_qualifier: not in the vocabulary: 'maybe'"),
    (4, "investment_qualifier", "at_least", "row 4, column investment_qualifier: a qualifier needs an amount"),
    (2, "item_kind", "", "row 2, column item_kind: required value is empty"),
    (2, "item_kind", "firm", "row 2, column item_kind: not in the vocabulary: 'firm'"),
    (2, "status", "", "row 2, column status: required value is empty (only an enterprise may have none)"),
    (
        3,
        "precision",
        "unknown",
        "row 3, column precision: a known township makes it township precision, not unknown",
    ),
    (3, "related_to", "no-such-item", "row 3, column related_to: unknown item id: 'no-such-item'"),
    (3, "related_to", "road-mawang-youshuihe", "row 3, column related_to: an item cannot be related to itself"),
    (
        3,
        "related_to",
        "road-youpeng",
        "row 3, column related_spans: each related_to id needs one passage (1 ids, 0 spans)",
    ),
    (2, "related_spans", "10:20", "row 2, column related_spans: each related_to id needs one passage (0 ids, 1 spans)"),
    (2, "related_spans", "20:10", "row 2, column related_spans: span must be start:end with start < end: '20:10'"),
]


def test_a_related_item_is_not_also_the_programme():
    linked = edit(3, "related_spans", "3434:3460", edit(3, "related_to", "road-youpeng"))
    assert problems_of(linked) == []
    both = edit(3, "part_of", "road-youpeng", linked)
    assert "row 3, column related_to: already its part_of programme" in problems_of(both)


def test_a_township_inferred_from_the_name_still_names_its_township():
    inferred = edit(3, "precision", "inferred")
    assert problems_of(inferred) == []
    assert "row 3, column precision: township (or inferred) precision needs a township" in problems_of(
        edit(3, "townships", "", inferred)
    )


@pytest.mark.parametrize(
    ("row", "column", "value", "expected"),
    [
        (2, "category", "roads", "row 2, column category: not in the vocabulary: 'roads'"),
        (2, "status", "done", "row 2, column status: not in the vocabulary: 'done'"),
        (3, "townships", "火星镇", "row 3, column townships: unknown township: '火星镇'"),
        (2, "investment_yi", "-5", "row 2, column investment_yi: must be at least 0"),
        (2, "investment_yi", "lots", "row 2, column investment_yi: not a number: 'lots'"),
        (3, "id", "road-youpeng", "row 3, column id: duplicate id (same as row 2)"),
        (2, "source_spans", "90:10", "row 2, column source_spans: span must be start:end with start < end: '90:10'"),
        (2, "place_ids", "nowhere", "row 2, column place_ids: unknown place id: 'nowhere'"),
        (3, "precision", "line", "row 3, column precision: a line needs a route id from routes.geojson"),
        (2, "investment_kind", "", "row 2, column investment_kind: investment_yi and investment_kind go together"),
        (2, "name_zh", "", "row 2, column name_zh: required value is empty"),
        (2, "years", "2021", "row 2, column years: not in the vocabulary: '2021'"),
        *HONEST_SUM_CELLS,
    ],
)
def test_broken_cell_is_reported(row, column, value, expected):
    assert expected in problems_of(edit(row, column, value))


@pytest.mark.parametrize(
    ("row", "column", "value", "expected"),
    [
        (2, "investment_yi", "99", "row 2, column investment_yi: figure 99 is not in the quoted report passage"),
        (4, "quantity", "5000", "row 4, column quantity: figure 5000 is not in the quoted report passage"),
        (2, "source_spans", "10:99999", "row 2, column source_spans: span beyond the report's length 20123"),
        (2, "related_spans", "10:99999", "row 2, column related_spans: span beyond the report's length 20123"),
    ],
)
def test_figures_and_spans_are_checked_against_the_report(report_text, row, column, value, expected):
    assert problems_of(VALID, small_context(report_text)) == []
    assert expected in problems_of(edit(row, column, value), small_context(report_text))


def test_every_problem_is_collected_not_just_the_first():
    broken = edit(4, "years", "z", edit(3, "status", "y", edit(2, "category", "x")))
    assert len(problems_of(broken)) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (VALID.replace("summary_en,", "", 1), "column summary_en: required column missing"),
        (
            VALID.replace("source_section", "source_section,colour", 1),
            "column colour: unknown column (not in the schema)",
        ),
        (VALID.replace(",", ";"), "only one column: the delimiter must be a comma"),
        (VALID.splitlines()[0] + "\n", "no data rows"),
    ],
)
def test_broken_file_shape_is_reported(text, expected):
    assert any(expected in p for p in problems_of(text))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty file"),
        (b"\x00\x01\x02garbage", "binary file"),
        (b'id,name_zh\n"broken,quote\n', "broken CSV"),
    ],
)
def test_unreadable_files_raise_one_clear_problem(data, expected):
    with pytest.raises(ValidationError) as caught:
        read_upload(data)
    assert expected in caught.value.problems[0].text("en")


def test_gbk_file_from_excel_is_read():
    frame = read_upload(VALID.encode("gb18030"))
    assert frame.loc[0, "name_zh"] == "酉彭高速公路酉阳段"


def test_too_large_upload_is_refused():
    with pytest.raises(ValidationError) as caught:
        read_upload(b"x" * 2048, max_bytes=1024)
    assert "too large" in caught.value.problems[0].text("en")


def test_cli_reports_problems_without_traceback(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(edit(2, "category", "x"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "countymap", "validate", str(bad), "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "row 2, column category" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_real_projects_file_validates(report_text):
    context = load_context()
    assert context.report_text == report_text
    problems = validate_file(ROOT / "projects.csv", PROJECTS, context)
    assert [p.as_text("en") for p in problems] == []


# --- the columns that make sums honest (their broken cells: HONEST_SUM_CELLS above) ---------------------------


def test_an_enterprise_may_have_no_status():
    firm = edit(2, "status", "", edit(2, "item_kind", "enterprise"))
    assert problems_of(firm) == []


def test_part_of_cycles_are_refused():
    ids = [row.split(",", 1)[0] for row in VALID.splitlines()[1:]]
    looped = edit(2, "part_of", ids[1], edit(3, "part_of", ids[0]))
    found = problems_of(looped)
    assert "row 2, column part_of: part_of forms a cycle" in found
    assert "row 3, column part_of: part_of forms a cycle" in found
    assert "row 2, column part_of: part_of forms a cycle" in problems_of(edit(2, "part_of", ids[0]))  # itself


# An invented report line, broken as a PDF breaks it: whitespace does not hide a copy.
INVENTED_REPORT = "今年新建青石至白云公路\n\n十二公里，并完成云湖水库大坝主体工程。"


@pytest.mark.parametrize(
    ("summary", "copies"),
    [
        ("新建青石至白云公路十二公里", True),  # 13 characters of the report, across its line break
        ("青石至白云公路全长十二公里", False),  # no run of 12 shared characters
        ("云湖水库大坝主体工程", False),  # 10 shared characters: a name, not a sentence
    ],
)
def test_a_summary_that_copies_the_report_is_a_problem(summary, copies):
    context = ValidationContext(report_text=INVENTED_REPORT)
    found = list(check_own_words({"summary_zh": summary}, context))
    assert bool(found) is copies, found
