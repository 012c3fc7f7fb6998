"""Memory of closed sessions handed back to the system, soon after Streamlit forgets them.

Streamlit keeps a closed tab's session for ``server.disconnectedSessionTTL``
seconds and then drops it from its store without shutting it down: what its
runtime keeps per session stays, and the session's own objects stay until the
store is next written (another visitor's tab closing). Measured with
``bench-sessions --probe`` (:mod:`countymap.app.memory_probe`): 60 s after four
closed 20,000-row upload sessions, their download buttons' callables (each
holding the session's Dataset and filtered table) were still in the media file
manager and all four Datasets alive until another session came and went.

The janitor notices dropped sessions itself (:class:`Sessions`), releases what
the runtime keeps for them as Streamlit's own shutdown would (:func:`release`),
and lets go of their uploads' tables and everything derived
(:func:`release_uploads`); then it collects and returns the freed memory to the
system. One background thread, started by the first session, sweeps every
:data:`PERIOD_S` seconds; a new session's first run sweeps too. While an
uploaded Dataset lives anywhere, each sweep also runs Python's cyclic collector,
which runs rarely on its own once the heap is large.

The server is meant to run with ``PYTHONMALLOC=malloc`` (README's command):
Python's small objects then come from glibc, whose freed memory
``malloc_trim`` hands back; under pymalloc most of it stays in half-used
arenas. Without it a warning is logged once, when the app is first run.
"""

from __future__ import annotations

import gc
import logging
import os
import threading
import time
import weakref
from collections.abc import Callable

from streamlit import config as streamlit_config
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from countymap.app import memory_probe
from countymap.config import SERVER_ALLOCATOR
from countymap.core.dataset import Dataset
from countymap.core.memory import return_freed_memory

_LOG = logging.getLogger(__name__)
PERIOD_S = 15.0  # a collection of a large heap takes a fraction of a second: not on every run
_UPLOADS: weakref.WeakSet[Dataset] = weakref.WeakSet()
_OWNED: dict[str, list[weakref.ref[Dataset]]] = {}  # session id -> its uploads
_STARTED = threading.Event()
_LOCK = threading.Lock()  # guards _OWNED (sessions run in threads)
_START_LOCK = threading.Lock()
_SESSIONS_LOCK = threading.Lock()  # sessions run in threads: one record of them for all


class Sessions:
    """The sessions that ran this app, and which of them Streamlit has dropped for good.

    A session that is not active may be waiting for its tab to reconnect, for
    ``ttl_s`` seconds after it disconnected. It disconnected before it was
    first seen inactive, so once ``ttl_s`` have passed since then it cannot
    come back: it is *dropped*. Seen active again, it starts over.
    """

    def __init__(self, is_active: Callable[[str], bool], ttl_s: float, clock: Callable[[], float] = time.monotonic):
        self._is_active, self._ttl_s, self._clock = is_active, ttl_s, clock
        self._inactive_since: dict[str, float | None] = {}
        self._lock = threading.Lock()

    def seen(self, session_id: str) -> None:
        """``session_id`` is running a script now; recorded only if the runtime serves it (an AppTest's is not)."""
        if not self._is_active(session_id):
            return
        with self._lock:
            self._inactive_since[session_id] = None

    def dropped(self) -> list[str]:
        """The sessions dropped for good since the last call (each is named once, then forgotten)."""
        now, gone = self._clock(), []
        with self._lock:
            for session_id, since in list(self._inactive_since.items()):
                if self._is_active(session_id):
                    self._inactive_since[session_id] = None
                elif since is None:
                    self._inactive_since[session_id] = now
                elif now - since > self._ttl_s:
                    gone.append(session_id)
                    del self._inactive_since[session_id]
        return gone


def release(rt, session_ids: list[str]) -> None:
    """Drop what Streamlit's runtime ``rt`` keeps for sessions it dropped: as its shutdown of a session does."""
    for session_id in session_ids:
        rt.media_file_mgr.clear_session_refs(session_id)  # the download buttons' callables and files
        rt.dataframe_source_mgr.clear_all_for_session(session_id)
        rt.uploaded_file_mgr.remove_session_files(session_id)
    if session_ids:
        rt.media_file_mgr.remove_orphaned_files()


_SESSIONS: tuple[object, Sessions] | None = None  # the runtime and its record


def _sessions() -> tuple[object, Sessions] | None:
    """Streamlit's runtime and the record of its sessions; none without a runtime (a test's AppTest ends its own)."""
    global _SESSIONS
    with _SESSIONS_LOCK:
        if not runtime.exists():
            return None
        rt = runtime.get_instance()
        if _SESSIONS is None or _SESSIONS[0] is not rt:
            ttl = float(streamlit_config.get_option("server.disconnectedSessionTTL"))
            _SESSIONS = (rt, Sessions(rt.is_active_session, ttl))
        return _SESSIONS


def watch(dataset: Dataset, session_id: str | None = None) -> None:
    """Free ``dataset`` promptly once its session (default: the running one) is dropped."""
    ctx = get_script_run_ctx()
    owner = session_id if session_id is not None else ctx.session_id if ctx is not None else None
    with _LOCK:
        _UPLOADS.add(dataset)
        if owner is not None:
            _OWNED.setdefault(owner, []).append(weakref.ref(dataset))
    _start()


def release_uploads(session_ids: list[str]) -> int:
    """Release the uploaded Datasets of dropped sessions (:meth:`Dataset.release`); how many were released."""
    released = 0
    for session_id in session_ids:
        with _LOCK:
            owned = _OWNED.pop(session_id, [])
        for dataset in filter(None, (ref() for ref in owned)):
            dataset.release()
            _UPLOADS.discard(dataset)
            released += 1
    return released


def _start() -> None:
    """Start the sweeping thread once per server process (the first session a runtime serves, or an upload)."""
    with _START_LOCK:
        if not _STARTED.is_set():
            _STARTED.set()
            # Said here, not at import: a command-line tool imports this module and has no server to warn about.
            if os.environ.get(SERVER_ALLOCATOR[0]) != SERVER_ALLOCATOR[1]:
                _LOG.warning(
                    "%s=%s is not set: memory of closed sessions stays with the server (docs/operations.md, Memory)",
                    *SERVER_ALLOCATOR,
                )
            threading.Thread(target=_sweep_forever, name="countymap-janitor", daemon=True).start()


def sweep() -> int:
    """Release dropped sessions; collect and return freed memory if an uploaded Dataset may be waiting; how many live."""
    current = _sessions()
    if current is not None:
        rt, sessions = current
        dropped = sessions.dropped()
        release(rt, dropped)
        if release_uploads(dropped):
            gc.collect()
            return_freed_memory()
    if len(_UPLOADS):
        gc.collect()
        return_freed_memory()
    return len(_UPLOADS)


def _sweep_forever() -> None:
    while True:
        time.sleep(PERIOD_S)
        try:
            sweep()
        except Exception:  # the thread must outlive one failed sweep; the next one tries again
            _LOG.exception("memory sweep failed")


def at_run_start(new_session: bool) -> None:
    """At the start of every script run: note the session, sweep when it is new, and return freed memory."""
    current, ctx = _sessions(), get_script_run_ctx()
    if current is not None and ctx is not None:
        current[1].seen(ctx.session_id)
        _start()
    if new_session:
        sweep()
    return_freed_memory()  # the last run's page strings (megabytes each on a large table) go back to the system
    memory_probe.write()  # only when the benchmark asks for it
