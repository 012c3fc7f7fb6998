"""Freed memory leaves the process: the C allocator settings the server makes at start (glibc, Linux)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from countymap.core import memory

ROOT = Path(__file__).resolve().parent.parent

# In a fresh process (the settings are process-wide): one large block freed (glibc then raises its mmap
# threshold to that size), then 150 blocks of 1 MB, each followed by a small block that stays (as a
# session's large tables, masks and pages sit among small objects that live on); the large ones freed.
# Printed: MB resident while they lived, and after they were freed (no malloc_trim: the allocator alone).
SCRIPT = """
import ctypes, sys
from countymap.core import memory
tuned = sys.argv[1] == "tuned" and memory.keep_allocator_returnable()
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
def touched(size):
    block = libc.malloc(size)
    ctypes.memset(block, 1, size)
    return block
libc.free(touched(30 * 2**20))
base = memory.memory_mb()["rss"]
large, small = [], []
for _ in range(150):
    large.append(touched(2**20))
    small.append(touched(2000))
held = memory.memory_mb()["rss"] - base
for block in large:
    libc.free(block)
print(tuned, round(held), round(memory.memory_mb()["rss"] - base))
"""


def _run(mode: str) -> tuple[str, float, float]:
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    return out[0], float(out[1]), float(out[2])


@pytest.mark.skipif(getattr(memory._LIBC, "mallopt", None) is None, reason="the settings are glibc's")
def test_freed_large_blocks_go_back_to_the_system_with_the_servers_settings():
    tuned, held, after = _run("tuned")
    assert tuned == "True"
    assert held >= 140, "the blocks were resident while they lived"
    assert after <= 10, "freed, they left the process"
    untuned, held, after = _run("default")
    assert untuned == "False" and held >= 140
    assert after >= 100, "without the settings glibc keeps them (the test can fail)"


def test_equal_cells_of_object_columns_become_one_object_each():
    frame = pd.DataFrame(
        {
            "years": [
                tuple(["2022", "2023"]),
                tuple(["2022", "2023"]),
                tuple(["2023"]),
            ],  # built apart: distinct objects
            "name": pd.array(["a", "b", "a"], dtype="str"),
            "amount": [1.0, float("nan"), 1.0],
            "cells": [[1], [1], [2]],  # unhashable: left alone
        }
    )
    assert frame["years"][0] is not frame["years"][1], "the test can fail"
    before = frame.copy()
    shared = memory.share_equal_values(frame)
    assert shared["years"][0] is shared["years"][1]
    assert shared["years"][2] == ("2023",)
    assert shared["cells"][0] is not shared["cells"][1]
    pd.testing.assert_frame_equal(shared, before)
    assert len({id(v) for v in shared["years"]}) == 2
