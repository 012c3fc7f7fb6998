"""The janitor notices sessions Streamlit dropped without shutting them down, and releases what its runtime keeps."""

from __future__ import annotations

import gc
import weakref

import pytest
from drawing import dataset_of
from streamlit.runtime import media_file_manager
from streamlit.runtime.dataframe_source_manager import DataframeSourceManager
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from countymap.app import janitor
from countymap.app.janitor import Sessions, release

TTL = 45.0


class Clock:
    """A hand-driven clock (seconds)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_session_is_dropped_only_a_ttl_after_it_was_first_seen_inactive():
    active, clock = {"a", "b"}, Clock()
    sessions = Sessions(active.__contains__, TTL, clock)
    sessions.seen("a")
    sessions.seen("b")
    assert sessions.dropped() == []
    active.discard("a")  # its tab closed: Streamlit keeps it 45 s for a reconnect
    clock.now += 10
    assert sessions.dropped() == [], "first seen inactive now (t = 1010)"
    clock.now += 45
    assert sessions.dropped() == [], "45 s since first seen inactive: it may still be stored"
    clock.now += 1
    assert sessions.dropped() == ["a"]
    clock.now += 100
    assert sessions.dropped() == [], "named once, then forgotten; b is still active"


def test_a_session_that_reconnects_starts_over():
    active, clock = {"a"}, Clock()
    sessions = Sessions(active.__contains__, TTL, clock)
    sessions.seen("a")
    active.clear()
    assert sessions.dropped() == []  # inactive since t = 1000
    clock.now += 30
    active.add("a")  # reconnected
    assert sessions.dropped() == []
    active.clear()
    clock.now += 30  # t = 1060: 60 s after first inactive, but it came back in between
    assert sessions.dropped() == []
    clock.now += 46
    assert sessions.dropped() == ["a"]


class Runtime:
    """The three managers of Streamlit's runtime that keep things per session (real ones, in memory)."""

    def __init__(self) -> None:
        self.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/media"))
        self.dataframe_source_mgr = DataframeSourceManager()
        self.uploaded_file_mgr = MemoryUploadedFileManager("/upload")


class Table:
    """Stands for a session's Dataset: only a weak reference tells whether it is alive."""


def test_release_drops_a_dropped_sessions_download_callables_and_files(monkeypatch):
    rt, table = Runtime(), Table()
    alive = weakref.ref(table)
    for session_id in ("gone", "live"):
        monkeypatch.setattr(media_file_manager, "_get_session_id", lambda s=session_id: s)
        rt.media_file_mgr.add_deferred(lambda t=table: repr(t).encode(), "text/csv", "1.2", "x.csv")
        rt.uploaded_file_mgr.add_file(session_id, UploadedFileRec("f-" + session_id, "x.csv", "text/csv", b"12345"))
    del table
    release(rt, ["gone"])
    gc.collect()
    assert alive() is not None, "the live session's button still holds it"
    assert rt.uploaded_file_mgr.get_files("gone", ["f-gone"]) == []
    assert len(rt.uploaded_file_mgr.get_files("live", ["f-live"])) == 1
    release(rt, ["live"])
    gc.collect()
    assert alive() is None
    assert rt.uploaded_file_mgr.get_files("live", ["f-live"]) == []


@pytest.mark.parametrize("names", [[], ["nobody"]])
def test_release_of_unknown_or_no_sessions_keeps_the_others(monkeypatch, names):
    rt = Runtime()
    monkeypatch.setattr(media_file_manager, "_get_session_id", lambda: "live")
    file_id = rt.media_file_mgr.add_deferred(lambda: b"1", "text/csv", "1.2", "x.csv")
    release(rt, names)
    assert rt.media_file_mgr.execute_deferred(file_id)


def test_a_dropped_sessions_upload_is_released_and_the_others_kept(map_projects, map_geodata):
    gone, live = dataset_of(map_projects.copy(), map_geodata), dataset_of(map_projects.copy(), map_geodata)
    placed = weakref.ref(gone.placement)  # derived and kept on the Dataset
    table = weakref.ref(gone.table)
    janitor.watch(gone, session_id="gone-session")
    janitor.watch(live, session_id="live-session")
    assert janitor.release_uploads(["gone-session", "never-seen"]) == 1
    gc.collect()
    assert table() is None, "the table was let go although the Dataset is still referenced here"
    assert placed() is None
    assert len(gone) == 0 and gone.validation is None
    assert list(gone.table.columns) == list(map_projects.columns)
    assert len(live) == len(map_projects) > 0
    assert janitor.release_uploads(["gone-session"]) == 0, "released once"
    assert janitor.release_uploads(["live-session"]) == 1


def test_a_session_the_runtime_does_not_serve_is_never_recorded():
    clock = Clock()
    sessions = Sessions(set().__contains__, TTL, clock)  # as an AppTest's session: not in the runtime
    sessions.seen("apptest")
    clock.now += 1000
    assert sessions.dropped() == []
