"""``python -m countymap.bench.peak OUT -- ARGS...``: run ``python -m countymap ARGS`` and record its peak memory.

At exit the process writes its own peak resident memory (``VmHWM``, in MB) to
``OUT``. Measured from inside because a child's ``ru_maxrss`` also counts the
peak of the process that started it (Linux carries it over on fork).
"""

from __future__ import annotations

import atexit
import runpy
import sys
from pathlib import Path

from countymap.core.memory import memory_mb


def main() -> None:
    """Record the peak at exit, then run ``countymap`` with the arguments after ``--``."""
    out, separator, *args = sys.argv[1:]
    if separator != "--":
        raise SystemExit("usage: python -m countymap.bench.peak OUT -- ARGS...")
    atexit.register(lambda: Path(out).write_text(str(memory_mb()["peak"])))
    sys.argv = ["countymap", *args]
    runpy.run_module("countymap", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
