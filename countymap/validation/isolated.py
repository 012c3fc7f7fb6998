"""Checking an upload in a worker process, so that one user's file cannot hurt the others.

The check runs through :mod:`countymap.core.worker` (the one mechanism for heavy
work: lower priority, a time and a memory limit, memory returned when it exits);
only the result (the valid rows and the listed problems, both bounded) comes back.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from countymap import config
from countymap.core import worker
from countymap.core.memory import share_equal_values
from countymap.text.message import Message
from countymap.validation.context import load_context
from countymap.validation.upload import UploadResult, check_upload, failed
from countymap.validation.validate import Problem

TIMEOUT_S = worker.TIMEOUT_S


def _problem(key: str, **fmt: object) -> Problem:
    return Problem(None, None, Message(key, **fmt))


def check_in_worker(data: bytes, data_dir: str) -> UploadResult:
    """What the worker runs: :func:`~countymap.validation.upload.check_upload` against ``data_dir``.

    Equal cells are sent as one object (:func:`~countymap.core.memory.share_equal_values`):
    fewer, larger pieces for the server to hold and free.
    """
    result = check_upload(data, load_context(data_dir))
    return replace(result, valid=share_equal_values(result.valid))


def run_isolated(
    data: bytes, data_dir: Path | None = None, timeout_s: float = TIMEOUT_S, *, wait_for_slot: bool = False
) -> tuple[UploadResult, float]:
    """Check ``data`` in a worker process: the result and the worker's peak resident memory (MB).

    A worker that fails, runs out of memory or runs past ``timeout_s`` gives a
    result with one problem and no rows (peak memory NaN).
    """
    outcome = worker.run(
        "countymap.validation.isolated:check_in_worker",
        data,
        str(data_dir or config.data_dir()),
        timeout_s=timeout_s,
        wait_for_slot=wait_for_slot,
    )
    if outcome.failure == "timeout":
        return failed([_problem("upload_check_timeout", s=timeout_s)]), outcome.peak_mb
    if outcome.failure:
        detail = outcome.detail or outcome.failure
        return failed([_problem("upload_check_failed", detail=detail)]), outcome.peak_mb
    return outcome.value, outcome.peak_mb


def check_upload_isolated(data: bytes, data_dir: Path | None = None) -> UploadResult:
    """:func:`~countymap.validation.upload.check_upload` in a worker (see the module docstring).

    No more than :data:`countymap.core.worker.MAX_AT_ONCE` workers run at a time; later uploads wait for a slot.
    """
    return run_isolated(data, data_dir, wait_for_slot=True)[0]
