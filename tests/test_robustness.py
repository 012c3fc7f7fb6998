"""Bad input never crashes the loader or the validator.

Property-based: arbitrary bytes and arbitrary rows either validate or produce
the validator's own problems; nothing else is ever raised.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from countymap.schema import PROJECTS
from countymap.validation.context import ValidationContext, read_report
from countymap.validation.validate import ValidationError, read_upload, validate_frame

VALID = (Path(__file__).parent / "data" / "validate" / "valid.csv").read_text(encoding="utf-8")
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "`backtick`",
    '\'"quotes"',
    "</script><script>alert(1)</script>",
]
CONTEXT = ValidationContext(
    townships=frozenset({"龙潭镇", "麻旺镇", "酉水河镇"}),
    route_ids=frozenset({"road-youpeng"}),
    report_text=read_report(),
)
cell_text = st.one_of(st.text(max_size=60), st.sampled_from([*HOSTILE, "", "1.5", "-1", "nan", "inf", "1e309", "12:3"]))


def to_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def validate_bytes(data: bytes) -> list:
    """Run the whole upload path; only ValidationError may escape."""
    try:
        frame = read_upload(data)
    except ValidationError as exc:
        assert exc.problems
        return exc.problems
    return validate_frame(frame, PROJECTS, CONTEXT)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    validate_bytes(data)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(cell_text, min_size=0, max_size=len(PROJECTS.columns) + 2), max_size=6))
def test_arbitrary_rows_under_the_real_header_never_raise(rows):
    problems = validate_bytes(to_csv([PROJECTS.columns, *rows]))
    assert all(p.text("zh") and p.text("en") for p in problems)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(PROJECTS.columns), cell_text)
def test_any_single_cell_value_never_raises(column, value):
    rows = list(csv.reader(io.StringIO(VALID)))
    rows[1][rows[0].index(column)] = value
    validate_bytes(to_csv(rows))


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_text_is_data_not_an_error(name):
    rows = list(csv.reader(io.StringIO(VALID)))
    rows[1][rows[0].index("name_zh")] = name
    rows[1][rows[0].index("summary_zh")] = name
    assert validate_bytes(to_csv(rows)) == []


def test_very_long_strings_are_reported_not_crashing():
    rows = list(csv.reader(io.StringIO(VALID)))
    rows[1][rows[0].index("name_zh")] = "长" * 100_000
    problems = validate_bytes(to_csv(rows))
    assert any(p.column == "name_zh" and "too long" in p.text("en") for p in problems)


def test_swapped_and_outside_coordinates_in_places_are_caught():
    from countymap.validation.checks import check_coordinates

    swapped = {"lon": "28.8", "lat": "108.77", "precision": "approximate"}
    assert any("swapped" in message.text("en") for _, message in check_coordinates(swapped, CONTEXT))


def test_fifty_megabyte_upload_is_refused_with_a_message():
    data = (VALID * (50 * 1024 * 1024 // len(VALID.encode()) + 1)).encode("utf-8")
    assert len(data) >= 50 * 1024 * 1024
    with pytest.raises(ValidationError) as caught:
        read_upload(data)
    assert "file too large (limit 10 MB)" in caught.value.problems[0].text("en")
