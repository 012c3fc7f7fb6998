"""The items' data of the map, served as files beside it instead of inside its script.

At 20,000 items the features are about 4 MB of text, at 200,000 about 40 MB.
Inside the map's script (what streamlit-folium sends) that text was copied
about ten times per run (the rendered script, streamlit-folium's clean-ups
and hash, the component's arguments, the message), which made the run's
memory peak (``python -m countymap bench``). Here each part is written once
to a file named by a hash of its content, in one folder of this process that
Streamlit serves as a declared component (as Leaflet is served, see
:mod:`countymap.app.map_view`); the map's script names the file and the page
fetches it (:mod:`countymap.map.atlas`). The same features give the same file,
whatever the session; the folder keeps the most recent files only and is
removed when the process ends.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from pathlib import Path

import streamlit.components.v1 as components

from countymap.map.features import ProjectFeatures

# The most recent files kept: a few filters of each of several sessions (an older file is written again
# when next needed). At 200,000 items a file is about 40 MB: the byte bound keeps the folder small.
FILES_KEPT = 24
BYTES_KEPT = 400 * 1024 * 1024
_FOLDER = Path(tempfile.mkdtemp(prefix="countymap-pages-"))
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
_COMPONENT = components.declare_component("map_pages", path=str(_FOLDER))
_LOCK = threading.Lock()


def pages_url(features: ProjectFeatures) -> str:
    """The URL of ``features``' pages, relative to the map's frame; the file is written now unless it is there.

    streamlit-folium's frame lives at ``/component/<its name>/``, so a
    sibling component's folder is ``../<name>/``.
    """
    name = features.pages_name
    path = _FOLDER / name
    with _LOCK:
        if path.exists():
            path.touch()  # recently used: kept by the pruning below
        else:
            features.write_pages(path)
            _prune()
    return f"../{_COMPONENT.name}/{name}"


def _prune() -> None:
    """Keep the most recently used files within :data:`FILES_KEPT` and :data:`BYTES_KEPT` (the caller holds the lock).

    The newest file is always kept, however large.
    """
    stats = sorted(((f.stat(), f) for f in _FOLDER.glob("*.json")), key=lambda s: s[0].st_mtime, reverse=True)
    total = 0
    for rank, (stat, path) in enumerate(stats):
        total += stat.st_size
        if rank and (rank >= FILES_KEPT or total > BYTES_KEPT):
            path.unlink(missing_ok=True)
