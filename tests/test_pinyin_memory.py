"""pypinyin's phrase dictionary holds each distinct reading once, with every phrase read as pypinyin's own data says."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

from pypinyin.constants import PHRASES_DICT

from countymap.config import REPO_ROOT
from countymap.text import pinyin as _loaded  # noqa: F401  (importing it shares the readings)


def _phrases_file() -> dict[str, list[list[str]]]:
    """The phrases as pypinyin ships them (the data, read here on its own)."""
    return json.loads(resources.files("pypinyin").joinpath("phrases_dict.json").read_text(encoding="utf-8"))


def test_every_phrase_reads_as_in_pypinyins_data():
    assert _phrases_file() == PHRASES_DICT


def test_each_distinct_reading_is_one_object():
    distinct = {tuple(reading) for readings in _phrases_file().values() for reading in readings}
    objects = {id(reading) for readings in PHRASES_DICT.values() for reading in readings}
    assert len(objects) == len(distinct)  # 1,249 readings for 143,861 syllables (pypinyin 0.55)


# Python's own allocations after importing the module: pypinyin alone left 49.8 MB, the shared readings 27.5 MB
# (tracemalloc, pypinyin 0.55, Python 3.11); the bound sits between them.
_TRACED = """
import gc, tracemalloc
tracemalloc.start()
import countymap.text.pinyin
gc.collect()
print(tracemalloc.get_traced_memory()[0] / 2**20)
"""


def test_importing_pinyin_holds_under_40_mb():
    done = subprocess.run(
        [sys.executable, "-c", _TRACED], cwd=REPO_ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    assert float(done.stdout.strip()) < 40
