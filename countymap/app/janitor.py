"""Memory of closed upload sessions handed back to the system, soon after Streamlit forgets them.

Streamlit keeps a closed tab's session for ``server.disconnectedSessionTTL``
seconds and then simply drops it; the session's objects refer to each other,
so they (and the uploaded Dataset in its state) are freed only by Python's
cyclic collector, which runs rarely once the heap is large. Ten closed
20,000-row upload sessions left the server 427 MB larger 60 s later
(``python -m countymap bench-sessions``). While an uploaded Dataset lives
anywhere, one background thread collects every :data:`PERIOD_S` seconds and
returns what was freed; with none alive it does nothing. A new session's
first run sweeps too: Streamlit drops expired sessions when a session comes
or goes, so that is when a closed upload has just become garbage.

The C allocator is left as it is: setting it at start
(:func:`countymap.core.memory.keep_allocator_returnable`) lowered memory by only about
25 MB and Chromium then lost download clicks (2 of 5 test runs); docs/operations.md says
how an operator can set it instead.
"""

from __future__ import annotations

import gc
import threading
import time
import weakref

from countymap.core.dataset import Dataset
from countymap.core.memory import return_freed_memory

PERIOD_S = 15.0  # a collection of a large heap takes a fraction of a second: not on every run
_UPLOADS: weakref.WeakSet[Dataset] = weakref.WeakSet()
_STARTED = threading.Event()
_LOCK = threading.Lock()


def watch(dataset: Dataset) -> None:
    """Free ``dataset`` promptly once nothing but a dropped session refers to it."""
    _UPLOADS.add(dataset)
    with _LOCK:
        if not _STARTED.is_set():
            _STARTED.set()
            threading.Thread(target=_sweep_forever, name="countymap-janitor", daemon=True).start()


def sweep() -> int:
    """Collect cycles and return freed memory if an uploaded Dataset may be waiting; how many are alive after."""
    if len(_UPLOADS):
        gc.collect()
        return_freed_memory()
    return len(_UPLOADS)


def _sweep_forever() -> None:
    while True:
        time.sleep(PERIOD_S)
        sweep()


def at_run_start(new_session: bool) -> None:
    """At the start of every script run: sweep when a session has just come, and return freed memory."""
    if new_session:
        sweep()
    return_freed_memory()  # the last run's page strings (megabytes each on a large table) go back to the system
