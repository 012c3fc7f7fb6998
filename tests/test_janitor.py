"""A dropped upload session's Dataset, held only in a reference cycle, is freed by the janitor's sweep."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref

from drawing import dataset_of

from countymap.app import janitor
from countymap.config import REPO_ROOT


def test_a_dataset_in_a_dropped_cycle_is_freed_by_a_sweep(map_projects, map_geodata):
    dataset = dataset_of(map_projects.copy(), map_geodata)
    janitor.watch(dataset)
    session = {"upload": dataset}
    session["self"] = session  # a dropped session's objects refer to each other
    alive = weakref.ref(dataset)
    was_enabled = gc.isenabled()
    gc.disable()  # only the sweep may collect here
    try:
        del dataset, session
        assert alive() is not None, "held by the cycle until collected: the test can fail"
        janitor.sweep()
        assert alive() is None
    finally:
        if was_enabled:
            gc.enable()


def _janitor_stderr(**env: str) -> str:
    """What importing the janitor (as the app's first run does) writes to stderr, in a fresh interpreter."""
    clean = {k: v for k, v in os.environ.items() if k != "PYTHONMALLOC"}
    done = subprocess.run(
        [sys.executable, "-c", "import countymap.app.janitor"],
        cwd=REPO_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stderr


def test_a_server_without_pythonmalloc_malloc_warns_once():
    assert _janitor_stderr().count("PYTHONMALLOC=malloc is not set") == 1
    assert "PYTHONMALLOC" not in _janitor_stderr(PYTHONMALLOC="malloc")
