"""The process's permanent objects kept out of the cyclic collector's passes (``gc.freeze``).

Once the served datasets are loaded, the server holds about 420,000 objects the
collector tracks (38 counties: pypinyin's dictionaries alone are about 200,000
lists, the Datasets about 100,000 more), and nearly all of them live as long as
the process. Each new session's first run made enough new objects to start a
full collection over all of them: 170–230 ms with the interpreter held, so the
server answered nothing (not even the page's script files) meanwhile
(docs/any-county.md, *The overview's first view*).

:func:`settle` collects once and then freezes what is alive: it moves to the
permanent generation, which later collections skip (Python's ``gc.freeze``,
https://docs.python.org/3/library/gc.html#gc.freeze). A frozen object is still
freed when its last reference goes; only a *cycle* of frozen objects that
becomes garbage is never collected while it is frozen. So whatever lets go of
a large shared object (a served dataset replaced by its edited file, the living
map's state replaced by a newer one, an upload released) calls :func:`thaw`
first: everything goes back to the oldest generation, where the next full
collection finds such cycles, and the next run that reads the served datasets
settles again.

What else is alive at a settle is frozen too: the running session's own
objects (once per settle; freed as usual when not in a cycle). The app does
not settle while an upload's Dataset lives (:func:`countymap.app.data.dataset`).
"""

from __future__ import annotations

import gc
import threading

_LOCK = threading.Lock()  # sessions run in threads: one settle at a time
_SETTLED = threading.Event()


def settle() -> None:
    """Collect, then freeze everything alive (once; again after each :func:`thaw`)."""
    if _SETTLED.is_set():
        return
    with _LOCK:
        if _SETTLED.is_set():
            return
        gc.collect()
        gc.freeze()
        _SETTLED.set()


def thaw() -> None:
    """Give every frozen object back to the collector (something large is let go); the next :func:`settle` freezes again."""
    with _LOCK:
        gc.unfreeze()
        _SETTLED.clear()


def frozen() -> int:
    """How many objects are frozen now (for tests and the benchmark)."""
    return gc.get_freeze_count()
