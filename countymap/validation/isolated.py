"""Checking an upload in a child process, so that one user's file cannot hurt the others.

The Streamlit server runs every session in one process: a file checked there
would hold the interpreter lock while other sessions wait, and the memory it
took would stay with the server after the session ends (Python rarely gives
freed memory back). A child process runs at a lower priority, takes a core of
its own, and returns all its memory to the system when it exits; only the
result (the valid rows and the listed problems, both bounded) comes back.

``python -m countymap.validation.isolated DATA_DIR`` reads the file's bytes on
stdin and writes the pickled :class:`~countymap.validation.upload.UploadResult`
and its own peak memory on stdout. Only this module starts it.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

from countymap import config
from countymap.text.message import Message
from countymap.validation.context import load_context
from countymap.validation.upload import UploadResult, check_upload, failed
from countymap.validation.validate import Problem

TIMEOUT_S = 60.0  # the caps keep a check under 10 s; this only guards against the unforeseen
NICENESS = 10  # a page view of another session comes first
# At most this many checks at once in one server: each child may take up to ~270 MB
# (python -m countymap bench-hostile), so many uploads at once wait instead of adding up.
MAX_AT_ONCE = 2
_SLOTS = threading.BoundedSemaphore(MAX_AT_ONCE)


def _problem(key: str, **fmt: object) -> Problem:
    return Problem(None, None, Message(key, **fmt))


def run_isolated(data: bytes, data_dir: Path | None = None, timeout_s: float = TIMEOUT_S) -> tuple[UploadResult, float]:
    """Check ``data`` in a child process: the result and the child's peak resident memory (MB).

    A child that fails or runs past ``timeout_s`` gives a result with one
    problem and no rows (peak memory NaN).
    """
    command = [sys.executable, "-m", "countymap.validation.isolated", str(data_dir or config.data_dir())]
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=timeout_s, check=False, cwd=config.REPO_ROOT
        )
    except subprocess.TimeoutExpired:
        return failed([_problem("upload_check_timeout", s=timeout_s)]), float("nan")
    if done.returncode != 0:
        detail = (done.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit {done.returncode}"])[-1]
        return failed([_problem("upload_check_failed", detail=detail[:200])]), float("nan")
    return pickle.loads(done.stdout)  # our own child's output, not user data


def check_upload_isolated(data: bytes, data_dir: Path | None = None) -> UploadResult:
    """:func:`~countymap.validation.upload.check_upload` in a child process (see the module docstring).

    No more than :data:`MAX_AT_ONCE` children run at a time; later uploads wait for a slot.
    """
    with _SLOTS:
        return run_isolated(data, data_dir)[0]


def _child(data_dir: str) -> int:
    os.nice(NICENESS)
    from countymap.core.memory import memory_mb  # what the benchmark reads; the app ignores it

    data = sys.stdin.buffer.read()
    result = check_upload(data, load_context(data_dir))
    sys.stdout.buffer.write(pickle.dumps((result, memory_mb()["peak"])))
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1]))
