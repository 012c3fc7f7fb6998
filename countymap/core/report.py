"""The report's own text: find it, verify it, quote a passage from it.

The app shows the report's words only when it holds the exact file the offsets
were measured on (same sha256); otherwise it falls back to our summaries. The
text itself is not shipped with the app.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from pathlib import Path

from countymap.config import report_candidates
from countymap.core.tables import read_bytes_within
from countymap.schema import REPORT_BYTES, REPORT_SHA256

_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
# A page footer such as "— 4 —" that the PDF extraction left inside sentences (the drafter drops it too).
# It starts where a run of whitespace starts (or at the dash), so a run of 80,000 spaces is
# tried once, not once per space; the page number has at most 3 digits.
FOOTER = re.compile(r"(?<!\s)\s*[—–-]\s*\d{1,3}(?!\d)\s*[—–-]\s*")
_SPACE_BETWEEN_CJK = re.compile(rf"(?<={_CJK})\s+(?={_CJK})")
_SENTENCE_END = "。！？；"
# An uploaded "report" larger than this is refused by its size, before its bytes are read.
REPORT_MAX_BYTES = 4 * REPORT_BYTES
DELIVERED = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
HEADER_CHARS = 400  # the delivery date stands under the title, before the speech begins


def verify(data: bytes, sha256: str = REPORT_SHA256) -> str | None:
    """Return ``data`` decoded as UTF-8 if it is the report (its sha256 is ``sha256``), else ``None``."""
    if hashlib.sha256(data).hexdigest() != sha256:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def load_report(path: str | Path | None) -> str | None:
    """Read the report text at ``path``; ``None`` if missing, unreadable or a different file."""
    if not path:
        return None
    try:
        if Path(path).stat().st_size != REPORT_BYTES:  # not the report, whatever its size: never read
            return None
        data = Path(path).read_bytes()
    except OSError:
        return None
    return verify(data)


DATASET_REPORT_MAX_BYTES = 2 * 1024 * 1024  # a county's report is tens of KB; a larger file is not one


def read_verified(path: str | Path, sha256: str, max_bytes: int = DATASET_REPORT_MAX_BYTES) -> str | None:
    """The text at ``path`` if its sha256 is ``sha256`` (read only when no larger than ``max_bytes``), else ``None``."""
    try:
        if Path(path).stat().st_size > max_bytes:
            return None
        data = Path(path).read_bytes()
    except OSError:
        return None
    return verify(data, sha256)


def dataset_report(folder: Path, file_name: str, sha256: str, explicit: str | Path | None = None) -> str | None:
    """The report of a dataset's edition: the first of ``explicit``, :func:`~countymap.config.report_candidates` whose sha256 is the edition's.

    Another county's report is looked for beside its ``dataset.toml`` (``new-dataset`` records its
    file name and sha256 there); the embedded Youyang report in ``../shared/report/``.
    """
    candidates = ([Path(explicit)] if explicit else []) + report_candidates(file_name, folder)
    return next((text for path in candidates if (text := read_verified(path, sha256)) is not None), None)


def default_report_path() -> Path | None:
    """Where the report is expected: ``$COUNTYMAP_REPORT``, else ``../shared/report/`` beside the repo.

    Returns the first candidate that exists (Streamlit secrets are the app's business).
    """
    return next((path for path in report_candidates() if path.is_file()), None)


def tidy(text: str) -> str:
    """Undo the PDF extraction: drop page footers, collapse whitespace runs.

    Whitespace between two Chinese characters is a line break inside a
    sentence, so it disappears; elsewhere a run becomes one space.
    """
    text = FOOTER.sub(" ", text)
    text = _SPACE_BETWEEN_CJK.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def passage(text: str, start: int, end: int) -> str:
    """The report's words between character offsets ``start`` and ``end``, tidied.

    Offsets outside the text are clipped; an empty or reversed span gives ``""``.
    """
    start, end = max(0, int(start)), min(len(text), int(end))
    return tidy(text[start:end]) if end > start else ""


def _loose(term: str) -> re.Pattern:
    """``term`` matched with any whitespace between its characters (the PDF breaks lines anywhere)."""
    return re.compile(r"\s*".join(re.escape(ch) for ch in term))


def mentions(text: str, term: str, limit: int = 20, namesakes: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Spans of the sentences (or clauses) of ``text`` that contain ``term``.

    Whitespace inside the text is ignored while matching, since the PDF breaks
    lines anywhere; each span is widened to the nearest sentence ends. An
    occurrence inside one of ``namesakes`` (phrases that name something else:
    桃花源旅投集团 is a company, not 桃花源街道) does not count.
    """
    if not term:
        return []
    pattern = _loose(term)
    elsewhere = [m.span() for phrase in namesakes if term in phrase for m in _loose(phrase).finditer(text)]
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        if any(start <= match.start() and match.end() <= end for start, end in elsewhere):
            continue
        start = max(text.rfind(ch, 0, match.start()) for ch in _SENTENCE_END) + 1
        ends = [i for i in (text.find(ch, match.end()) for ch in _SENTENCE_END) if i >= 0]
        end = min(ends) + 1 if ends else len(text)
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
        if len(spans) >= limit:
            break
    return spans


NAMESAKES_FILE = "namesakes.csv"  # beside projects.csv: township,phrase,what_zh,what_en
NAMESAKE_COLUMNS = ("township", "phrase", "what_zh", "what_en")


def load_namesakes(path: str | Path) -> dict[str, tuple[tuple[str, str, str], ...]]:
    """Phrases of the report that name something other than a township: township -> ``(phrase, what_zh, what_en)``.

    The file is curated per report (a county may have none: no file, no
    namesakes). Read within the configured byte cap; a file without the four
    columns raises ``ValueError`` naming it.
    """
    path = Path(path)
    if not path.is_file():
        return {}
    rows = list(csv.reader(io.StringIO(read_bytes_within(path).decode("utf-8-sig"))))
    if not rows or tuple(rows[0]) != NAMESAKE_COLUMNS:
        raise ValueError(f"{path.name}: the header must be {','.join(NAMESAKE_COLUMNS)}")
    found: dict[str, list[tuple[str, str, str]]] = {}
    for row in rows[1:]:
        if len(row) == len(NAMESAKE_COLUMNS) and row[0].strip() and row[1].strip():
            found.setdefault(row[0].strip(), []).append((row[1].strip(), row[2].strip(), row[3].strip()))
    return {township: tuple(items) for township, items in found.items()}


def report_date(text: str) -> dt.date | None:
    """The delivery date the report's first lines state (``2023 年 2 月 8 日``), or ``None``."""
    match = DELIVERED.search(text[:HEADER_CHARS])
    if not match:
        return None
    try:
        return dt.date(*(int(group) for group in match.groups()))
    except ValueError:
        return None
