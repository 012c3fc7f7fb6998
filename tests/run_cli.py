"""Running ``python -m countymap`` from the tests, in the repository, with English messages by default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_countymap(*args: str, env: dict[str, str] | None = None, lang: str = "en") -> subprocess.CompletedProcess:
    """``python -m countymap ARGS --lang LANG`` (no ``--lang`` when ``lang`` is empty); text output captured."""
    command = [sys.executable, "-m", "countymap", *args, *(["--lang", lang] if lang else [])]
    return subprocess.run(
        command, cwd=ROOT, env=env or dict(os.environ), capture_output=True, text=True, timeout=300, check=False
    )
