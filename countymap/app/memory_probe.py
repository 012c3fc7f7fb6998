"""What a live server holds, written to a folder at each script run: for ``bench-sessions --probe`` only.

Off unless the server's environment names a folder in :data:`PROBE_ENV` (the
benchmark sets it; no operator does). Each probe is one JSON file: resident
memory by kind (``/proc/self/smaps_rollup``), live objects by type after a full
collection, the uploaded Datasets and large tables still alive, and what
Streamlit's runtime keeps per session (stored sessions, media files and deferred
downloads, dataframe sources, uploaded files); with ``PYTHONTRACEMALLOC`` set, a
tracemalloc snapshot beside it. The figures found are in docs/operations.md.
"""

from __future__ import annotations

import collections
import ctypes
import ctypes.util
import gc
import itertools
import json
import os
import re
import sys
import tempfile
import tracemalloc
from pathlib import Path

import pandas as pd
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from countymap.core.dataset import Dataset
from countymap.core.memory import memory_mb

PROBE_ENV = "COUNTYMAP_MEMORY_PROBE"
_COUNTER = itertools.count()


def folder() -> Path | None:
    """The folder probes go to, or ``None`` (the normal case: no probe)."""
    named = os.environ.get(PROBE_ENV)
    return Path(named) if named else None


def smaps() -> dict[str, float]:
    """``/proc/self/smaps_rollup`` in MB (Rss, Anonymous, ...)."""
    fields = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
        name, _, value = line.partition(":")
        if value.strip().endswith("kB"):
            fields[name] = int(value.split()[0]) / 1024
    return fields


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks")] + [
        (name, ctypes.c_size_t) for name in ("fsmblks", "uordblks", "fordblks", "keepcost")
    ]


def allocators() -> dict[str, float]:
    """The C heap (glibc's ``mallinfo2``: in its arenas, in use, free; mapped blocks) and pymalloc's arenas, in MB."""
    held: dict[str, float] = {}
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    if hasattr(libc, "mallinfo2"):
        libc.mallinfo2.restype = _MallInfo2
        info = libc.mallinfo2()
        for name in ("arena", "uordblks", "fordblks", "hblkhd"):
            held[f"glibc_{name}"] = getattr(info, name) / 2**20
    with tempfile.TemporaryFile() as out:  # pymalloc's statistics go to the C stderr: catch them
        saved = os.dup(2)
        os.dup2(out.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        out.seek(0)
        text = out.read().decode(errors="replace")
    for label, key in (("arenas allocated current", "pymalloc_arenas"), ("bytes in allocated blocks", "pymalloc_used")):
        found = re.search(rf"# {label}\s*=\s*([\d,]+)", text)
        if found:
            held[key] = int(found.group(1).replace(",", "")) / (1 if key.endswith("arenas") else 2**20)
    return held


def mappings() -> dict[str, float]:
    """Resident MB of the anonymous mappings by kind (``/proc/self/smaps``): glibc's main heap, 1 MiB (pymalloc) and others."""
    totals: dict[str, float] = collections.defaultdict(float)
    kind = None
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if "-" in head[0] and not head[0].endswith(":"):
            start, end = (int(x, 16) for x in head[0].split("-"))
            name = head[5] if len(head) > 5 else ""
            size_kb = (end - start) // 1024
            kind = "heap" if name == "[heap]" else "file" if name.startswith("/") else name or None
            if kind is None:
                kind = "anon_1MiB" if size_kb == 1024 else "anon_large" if size_kb >= 8192 else "anon_small"
        elif head[0] == "Rss:" and kind is not None:
            totals[kind] += int(head[1]) / 1024
            totals[kind + "_n"] += 1
    return dict(totals)


def streamlit_held() -> dict[str, int]:
    """What Streamlit's runtime keeps: sessions (active, stored), media files, deferred downloads, sources, uploads."""
    if not runtime.exists():
        return {}
    rt = runtime.get_instance()
    media = rt.media_file_mgr
    held = {
        "sessions_active": len(rt._session_mgr.list_active_sessions()),
        "sessions_all": len(rt._session_mgr.list_sessions()),
        "media_files": len(getattr(media._storage, "_files_by_id", {})),
        "media_sessions": len(media._files_by_session_and_coord),
        "deferred_downloads": len(media._deferred_callables),
        "deferred_sessions": len(media._deferred_ids_by_session),
        "uploaded_files": getattr(rt.uploaded_file_mgr, "_file_count", -1),
    }
    sources = getattr(rt, "dataframe_source_mgr", None)
    if sources is not None:
        held["dataframe_sources"] = sources.get_source_count()
    return held


def objects() -> dict[str, object]:
    """Live objects after a full collection: the most common types, Datasets and tables of 1,000 rows or more."""
    gc.collect()
    everything = gc.get_objects()
    counts = collections.Counter(type(o).__name__ for o in everything)
    frames = [o for o in everything if isinstance(o, pd.DataFrame) and len(o) >= 1000]
    return {
        "gc_objects": len(everything),
        "types": dict(counts.most_common(25)),
        "datasets": sum(isinstance(o, Dataset) for o in everything),
        "large_frames": [[len(f), round(f.memory_usage(deep=False).sum() / 2**20, 1)] for f in frames],
    }


def write() -> None:
    """Write one probe (and a tracemalloc snapshot when tracing) into :func:`folder`, if it is set."""
    target = folder()
    if target is None:
        return
    number, ctx = next(_COUNTER), get_script_run_ctx()
    probe = {
        "run": number,
        "session": ctx.session_id if ctx else "",
        "memory": memory_mb(),
        "smaps": smaps(),
        "allocators": allocators(),
        "mappings": mappings(),
    }
    probe |= {"streamlit": streamlit_held(), "objects": objects()}
    if tracemalloc.is_tracing():
        tracemalloc.take_snapshot().dump(str(target / f"probe-{number:04d}.tracemalloc"))
    (target / f"probe-{number:04d}.json").write_text(json.dumps(probe, indent=1))
