"""How much memory a process holds, read from ``/proc`` (Linux): for the upload check's child and the benchmarks."""

from __future__ import annotations

from pathlib import Path


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
