"""How much memory a process holds, read from ``/proc`` (Linux): for the upload check's child and the benchmarks."""

from __future__ import annotations

import ctypes
import ctypes.util
from pathlib import Path

import pandas as pd

_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6") if Path("/proc/self/status").exists() else None


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """Resident memory of a process now (``rss``) and at its peak (``peak``), in MB, from ``/proc``.

    Not ``ru_maxrss``: Linux carries a parent's peak over into a child it
    forks, so a child started by a large process would seem as large.
    """
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields["rss" if name == "VmRSS" else "peak"] = int(value.split()[0]) / 1024
    return fields


def return_freed_memory() -> None:
    """Hand memory that Python has freed back to the system (glibc's ``malloc_trim``; elsewhere, nothing).

    Building a Dataset's placement or written table frees tens of megabytes
    of temporaries in small blocks that the allocator would otherwise keep:
    at 20,000 items the process held about 60 MB more after its first page
    (measured with ``python -m countymap bench``).
    """
    trim = getattr(_LIBC, "malloc_trim", None)
    if trim is not None:
        trim(0)


def use_returnable_arrow_memory() -> None:
    """Let pandas' text columns (Arrow arrays) allocate from the C library, so :func:`return_freed_memory` frees them.

    Arrow's default pool (mimalloc) keeps what it freed for reuse: loading a
    20,000-row table left about 13 MB more resident than with the system pool
    (measured with ``/proc`` before and after :func:`countymap.core.tables.load_projects`).
    Process-wide and idempotent; without pyarrow there is nothing to do.
    """
    try:
        import pyarrow
    except ImportError:
        return
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def share_equal_values(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with one object per distinct value in each of its object columns (in place; returned).

    The projects table's list columns (years, townships, place ids, spans)
    hold a tuple per row, most of them equal: a 20,000-row upload came to the
    server as 208,000 small objects (20 MB) that pymalloc scatters over its
    arenas, where a few survivors keep each arena resident after the session
    closes. Shared, the same table is 33,000 objects (12 MB), and pickle sends
    each distinct value once. Tuples are immutable, so sharing changes nothing
    else; a column with an unhashable value is left as it is.
    """
    for column in frame.columns:
        if frame[column].dtype != object:
            continue
        seen: dict = {}
        try:
            shared = [seen.setdefault(value, value) for value in frame[column]]
        except TypeError:  # a list or dict cell: nothing to share safely
            continue
        frame[column] = pd.Series(shared, index=frame.index, dtype=object)
    return frame
