"""A dropped upload session's Dataset, held only in a reference cycle, is freed by the janitor's sweep."""

from __future__ import annotations

import gc
import weakref

from drawing import dataset_of

from countymap.app import janitor


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
