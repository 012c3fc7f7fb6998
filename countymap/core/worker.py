"""Heavy work of one visitor in a worker process, with a time and a memory limit.

The Streamlit server runs every session in one process: a file read or a report
drafted there holds the interpreter lock while every other visitor waits, and
the memory it took stays with the server after the session ends (Python rarely
gives freed memory back). A worker process runs at a lower priority, takes a
core of its own, stops at its time limit (killed) or its memory limit (address
space), and returns all its memory to the system when it exits; only the
result comes back. The upload check
(:mod:`countymap.validation.isolated`) and the drafting of the review page
(:func:`countymap.draft.drafter.draft_in_worker`) both run through :func:`run`.

``python -m countymap.core.worker MEMORY_MB`` reads a pickled ``(function,
args)`` on stdin, where ``function`` is ``"countymap.module:name"``, and writes
the pickled ``(result, peak_mb)`` on stdout. Only this module starts it.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import resource
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from countymap import config

TIMEOUT_S = 60.0  # the caps keep a job under 10 s; this only guards against the unforeseen
MEMORY_MB = 2048  # address space: the interpreter with pandas maps ~430 MB before any work
NICENESS = 10  # a page view of another session comes first
# At most this many workers at once in one server: each may take a few hundred MB
# (python -m countymap bench-hostile), so many uploads at once wait instead of adding up.
MAX_AT_ONCE = 2
_SLOTS = threading.BoundedSemaphore(MAX_AT_ONCE)
_OUT_OF_MEMORY = 3  # the worker's exit code when its work ran out of memory
PACKAGE = "countymap."


@dataclass(frozen=True)
class Outcome:
    """What a worker gave back: its result, or why it has none.

    Attributes
    ----------
    value : Any
        The function's return value (``None`` when ``failure`` is set).
    peak_mb : float
        The worker's peak resident memory in MB (NaN when it failed).
    failure : str
        ``""``, ``"timeout"``, ``"memory"`` or ``"failed"``.
    detail : str
        The last line the worker wrote on stderr, when it failed.
    """

    value: Any
    peak_mb: float
    failure: str = ""
    detail: str = ""


def run(
    function: str, *args: Any, timeout_s: float = TIMEOUT_S, memory_mb: int = MEMORY_MB, wait_for_slot: bool = True
) -> Outcome:
    """Call ``function`` (``"countymap.module:name"``) with ``args`` in a worker process.

    At most :data:`MAX_AT_ONCE` workers run at a time; a later call waits for a
    slot (``wait_for_slot=False`` starts at once: the benchmark measures one alone).
    """
    if not function.startswith(PACKAGE) or ":" not in function:
        raise ValueError(f"not a function of this package: {function!r}")
    if not wait_for_slot:
        return _run(function, args, timeout_s, memory_mb)
    with _SLOTS:
        return _run(function, args, timeout_s, memory_mb)


def _run(function: str, args: tuple, timeout_s: float, memory_mb: int) -> Outcome:
    command = [sys.executable, "-m", "countymap.core.worker", str(int(memory_mb))]
    payload = pickle.dumps((function, args))
    try:
        done = subprocess.run(
            command, input=payload, capture_output=True, timeout=timeout_s, check=False, cwd=config.REPO_ROOT
        )
    except subprocess.TimeoutExpired:
        return Outcome(None, float("nan"), "timeout")
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        out_of_memory = done.returncode == _OUT_OF_MEMORY or (lines and lines[-1].startswith("MemoryError"))
        failure = "memory" if out_of_memory else "failed"
        return Outcome(None, float("nan"), failure, (lines or [f"exit {done.returncode}"])[-1][:200])
    value, peak_mb = pickle.loads(done.stdout)  # our own worker's output, not user data
    return Outcome(value, peak_mb)


def _peak_mb() -> float:
    """The peak resident memory of this process in MB (``VmHWM``).

    Not ``ru_maxrss``: Linux carries a parent's peak over into a child it forks,
    so a worker started by a large server would seem as large.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _job() -> bytes:
    """Read the job on stdin, do it, and return the pickled ``(result, peak_mb)``."""
    function, args = pickle.loads(sys.stdin.buffer.read())  # from our own parent
    module, name = function.split(":", 1)
    value = getattr(importlib.import_module(module), name)(*args)
    return pickle.dumps((value, _peak_mb()))


def _child(memory_mb: int) -> int:
    os.nice(NICENESS)
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    result = None
    # Out of memory anywhere (reading the job, importing, working, writing) is the same answer; once out
    # of the block the job's frames are freed, so the message below has memory to be written.
    with contextlib.suppress(MemoryError):
        result = _job()
    if result is None:
        os.write(2, f"out of memory (limit {memory_mb} MB)\n".encode())
        return _OUT_OF_MEMORY
    sys.stdout.buffer.write(result)
    return 0


if __name__ == "__main__":
    sys.exit(_child(int(sys.argv[1])))
