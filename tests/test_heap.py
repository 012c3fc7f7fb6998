"""The permanent heap frozen once the served datasets are loaded, and given back whenever something large goes.

Expectations by hand: a frozen cycle outlives a full collection, a thawed one does not.
"""

from __future__ import annotations

import gc
import weakref

import pytest

from countymap.app import data, heap


class Node:
    """A weak-referenceable object that can sit in a reference cycle."""


@pytest.fixture(autouse=True)
def thawed():
    heap.thaw()
    yield
    heap.thaw()  # the rest of the test run keeps a normal collector


def _cycle() -> Node:
    node = Node()
    node.me = node  # once dropped, only the cyclic collector frees it
    return node


def test_settle_freezes_what_is_alive_once():
    heap.settle()
    assert heap.frozen() > 0
    before = heap.frozen()
    Node()  # made after the settle
    heap.settle()  # already settled: nothing collected or frozen again
    assert heap.frozen() == before


def test_a_frozen_cycle_is_collected_only_after_a_thaw():
    alive = _cycle()
    ref = weakref.ref(alive)
    heap.settle()  # alive now: frozen with the rest
    del alive
    gc.collect()
    assert ref() is not None  # frozen: the collector skips it
    heap.thaw()
    assert heap.frozen() == 0
    gc.collect()
    assert ref() is None


def test_a_replaced_dataset_version_thaws_the_heap():
    cleared = []

    class Cached:
        def clear(self, *key):
            cleared.append(key)

    heap.settle()
    data._only_version(Cached(), "test-kind", "/folder", ("/folder", 1.0))
    assert heap.frozen() > 0  # the first version: nothing replaced
    data._only_version(Cached(), "test-kind", "/folder", ("/folder", 2.0))
    assert cleared == [("/folder", 1.0)]
    assert heap.frozen() == 0
