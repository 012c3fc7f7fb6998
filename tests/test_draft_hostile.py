"""The drafter on hostile texts within the upload cap: linear time, no digits the file does not hold.

Texts are drawn from runs of the units of :mod:`countymap.bench.hostile_texts`
(digits, whitespace, punctuation, list marks, clauses, headings) up to the cap.
A quadratic path takes minutes on such a text; the deadline (far above the
benchmark's 5 s, so a loaded machine does not fail it) catches one. The
figures themselves come from ``python -m countymap bench-hostile``.
"""

from __future__ import annotations

import re
from datetime import timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from countymap.bench.hostile_texts import PLAN_HEADING, UNITS
from countymap.config import geodata_dir
from countymap.core.report import REPORT_MAX_BYTES, tidy
from countymap.draft.clean import clean
from countymap.draft.drafter import draft

RUN = st.tuples(st.sampled_from(UNITS), st.integers(1, REPORT_MAX_BYTES))


def _text(runs: list[tuple[str, int]], heading: bool) -> str:
    """The runs one after another, cut at the cap (in UTF-8 bytes)."""
    text = (PLAN_HEADING if heading else "") + "".join(unit * count for unit, count in runs)
    return text.encode("utf-8")[:REPORT_MAX_BYTES].decode("utf-8", "ignore")


@settings(max_examples=12, deadline=timedelta(seconds=30), suppress_health_check=list(HealthCheck))
@given(st.lists(RUN, min_size=1, max_size=4), st.booleans())
@example([("1", REPORT_MAX_BYTES)], True)  # once: killed after 120 s
@example([("启动甲项目", REPORT_MAX_BYTES)], True)  # once: 70 s
@example([("建设甲乙丙水库，", REPORT_MAX_BYTES)], True)
@example([("1234567890 ", REPORT_MAX_BYTES)], True)
def test_any_text_within_the_cap_drafts_in_bounded_time(runs, heading):
    text = _text(runs, heading)
    frame = draft(text, geodata_dir()).frame
    assert len(frame) <= len(text)


@settings(max_examples=12, deadline=timedelta(seconds=10), suppress_health_check=list(HealthCheck))
@given(st.lists(RUN, min_size=1, max_size=4))
@example([(" ", REPORT_MAX_BYTES)])  # once: killed after 57 s
def test_the_report_reader_tidies_any_text_in_bounded_time(runs):
    assert len(tidy(_text(runs, False))) <= REPORT_MAX_BYTES


def _digit_runs(text: str) -> set[str]:
    return set(re.findall(r"\d+", text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 \n,.:—-4万元", max_size=60))
def test_cleaning_makes_no_number_the_file_does_not_hold(raw):
    # By hand: the file's numbers, with commas that group thousands (1,000) read as nothing.
    expected = _digit_runs(re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", raw))
    assert _digit_runs(clean(raw).text) <= expected


def test_numbers_apart_stay_apart_and_thousands_join():
    assert clean("1234 5678万元").text == "1234 5678万元"
    assert clean("12\n— 4 —\n34").text == "12 34"
    assert clean("投资1,000万元、1,2").text == "投资1000万元、1，2"
