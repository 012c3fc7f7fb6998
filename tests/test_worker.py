"""The worker process of heavy work: its result, its time limit, its memory limit."""

from __future__ import annotations

import math

import pytest

from countymap.config import geodata_dir
from countymap.core import worker
from countymap.draft.drafter import DraftError, draft, draft_in_worker

TEXT = "一、2023年重点工作安排\n建设甲乙水库，完成投资 2.5 亿元。"


def test_a_draft_in_a_worker_is_the_draft_made_here():
    here = draft(TEXT, geodata_dir())
    frame, warnings = draft_in_worker(TEXT, geodata_dir())
    assert frame.equals(here.frame) and warnings == here.warnings == ()
    assert list(frame["name_zh"]) == ["甲乙水库"]  # by hand: the one work of the text


def test_a_worker_past_its_time_is_stopped():
    outcome = worker.run("countymap.draft.drafter:draft_table", TEXT * 2000, str(geodata_dir()), None, timeout_s=0.05)
    assert outcome.failure == "timeout" and outcome.value is None and math.isnan(outcome.peak_mb)
    with pytest.raises(DraftError, match="timeout"):
        draft_in_worker(TEXT * 2000, geodata_dir(), timeout_s=0.05)


def test_a_worker_past_its_memory_is_stopped():
    # clean() keeps a list and a tuple of offsets per character: 30 million characters need well over 600 MB.
    outcome = worker.run("countymap.draft.clean:clean", "甲" * 30_000_000, memory_mb=600)
    assert outcome.failure == "memory", outcome


def test_only_this_package_runs_in_a_worker():
    with pytest.raises(ValueError, match="not a function of this package"):
        worker.run("os:system", "true")
