"""Timings of the map page through Streamlit's AppTest, for the benchmark (:mod:`countymap.bench`).

It drives the app from outside, as a browser would (``streamlit.testing``),
so it sits on the top floor with the other benchmarks.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from streamlit.testing.v1 import AppTest

from countymap import config
from countymap.app.data import clear_caches
from countymap.app.selection import ITEM_KEY, REQUEST_KEY
from countymap.bench.measure import timed
from countymap.config import REPO_ROOT, environment
from countymap.schema import STATUSES

APP_SCRIPT = REPO_ROOT / "app.py"
APP_TIMEOUT_S = 600
# Filter changes: three of the five statuses (about 60 % of the rows), a new
# combination in every run so that no run is served from the map cache.
STATUS_CHOICES = [list(c) for c in itertools.combinations(STATUSES, 3)]


@contextmanager
def projects_env(csv_path: str | Path):
    """Point the app at ``csv_path`` (and this repo's geodata) for the duration."""
    values = {"COUNTYMAP_PROJECTS": str(csv_path), "COUNTYMAP_DATA_DIR": str(REPO_ROOT), "TIANDITU_KEY": None}
    with environment(values):
        yield


def _run(app) -> tuple[float, float]:
    """(wall s, CPU s) of one script run; AppTest runs the script in a thread of this process."""
    wall, cpu, _ = timed(app.run)
    if app.exception:
        raise RuntimeError(f"app raised: {[e.value for e in app.exception]}")
    return wall, cpu


def app_once(run_index: int, item_id: str) -> dict[str, float]:
    """Script run times of the map page (call inside :func:`projects_env`).

    ``first``: a new session with every cache empty (reads the CSV);
    ``warm``: another new session (data and the default map's features cached);
    ``select``: that session selecting ``item_id`` the way a map click does (the
    click is parked and applied at the top of the run, see
    :mod:`countymap.app.selection`); ``filter``: then a sidebar filter change
    never seen before. Each comes with ``..._cpu``, the process CPU time of the same run.
    """
    clear_caches()
    first = _run(AppTest.from_file(str(APP_SCRIPT), default_timeout=APP_TIMEOUT_S))
    app = AppTest.from_file(str(APP_SCRIPT), default_timeout=APP_TIMEOUT_S)
    warm = _run(app)
    app.session_state[REQUEST_KEY] = ("item", item_id)
    select = _run(app)
    if app.session_state[ITEM_KEY] != item_id:
        raise RuntimeError(f"the selection of {item_id} did not take")
    app.multiselect(key="f_statuses").set_value(STATUS_CHOICES[run_index % len(STATUS_CHOICES)])
    changed = _run(app)
    times = {"first": first, "warm": warm, "select": select, "filter": changed}
    return {**{k: v[0] for k, v in times.items()}, **{f"{k}_cpu": v[1] for k, v in times.items()}}


# The peak is read from /proc (VmHWM), not ``ru_maxrss``: Linux carries the benchmark's own (large)
# peak over into a child it forks, which inflated this figure (764 MB at 20,000 items; 419 MB measured alone).
_CHILD = """
import json, sys
from streamlit.testing.v1 import AppTest
from countymap.core.memory import memory_mb
app = AppTest.from_file(sys.argv[1], default_timeout={timeout})
app.run()
app.multiselect(key="f_statuses").set_value({statuses})
app.run()
app.radio(key="lang").set_value("en")
app.run()
assert not app.exception, [e.value for e in app.exception]
print(json.dumps({{"peak_mb": memory_mb()["peak"]}}))
"""


def app_memory_mb(csv_path: str | Path) -> float:
    """Peak resident memory (MB) of a fresh process (the server's allocator) that runs the map page, a filter change and a language switch."""
    code = _CHILD.format(timeout=APP_TIMEOUT_S, statuses=json.dumps(STATUS_CHOICES[0]))
    # With the allocator README's server runs under: it decides how much of the freed heap is kept.
    env = {
        **os.environ,
        **dict([config.SERVER_ALLOCATOR]),
        "COUNTYMAP_PROJECTS": str(csv_path),
        "COUNTYMAP_DATA_DIR": str(REPO_ROOT),
    }
    env.pop("TIANDITU_KEY", None)
    done = subprocess.run(
        [sys.executable, "-c", code, str(APP_SCRIPT)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=APP_TIMEOUT_S,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"app memory child failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])["peak_mb"]
