"""What an editor's change is, and the checks every change passes before it is saved.

A :class:`Change` names the item, the field (:data:`countymap.schema.UPDATE_FIELDS`),
the new value, the date it took effect and its evidence. Its value is stored
as JSON; :func:`change_problems` bounds and checks everything, and each problem is a
key of the string table (:mod:`countymap.text.strings`) so that the editing page
explains a refusal in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from countymap.schema import (
    ID_PATTERN,
    INVESTMENT_KINDS,
    MILESTONES,
    PROJECTS,
    STATUSES,
    UPDATE_FIELDS,
)
from countymap.text.strings import t

MAX_FUTURE_DAYS = 365  # an effective date may be planned, but not beyond a year ahead
EARLIEST_DATE = dt.date(2000, 1, 1)
MAX_EVIDENCE = 1000
MIN_CITATION = 4
MAX_NOTE = 2000
MAX_TOWNSHIPS = 30
MAX_TOWNSHIP_NAME = 40
MAX_AMOUNT_YI = 100_000.0  # 10 trillion yuan: anything larger is a typo
MAX_LINE_POINTS = 500  # a line clicked point by point on the map
BASEMAP_PATTERN = re.compile(r"[a-z0-9_\-]{1,32}")
NAME_LIMITS = {spec.name: spec.max_length for spec in PROJECTS.fields if spec.name in ("name_zh", "name_en")}


@dataclass(frozen=True)
class Problem:
    """One reason a change is refused: a string-table key and its parameters."""

    key: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "zh") -> str:
        """The reason in ``lang``."""
        return t(self.key, lang, **self.params)


class InvalidChangeError(ValueError):
    """A change that does not pass the checks; ``problems`` says why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message("en") for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Change:
    """What an editor wants recorded about one item.

    Parameters
    ----------
    item_id : str
        The item's id (as in projects.csv).
    field : str
        One of :data:`countymap.schema.UPDATE_FIELDS`.
    value : object
        ``status``/``milestone``: a code; ``progress``: an int 0-100; ``site``:
        ``{"lon", "lat", "basemap"}`` or a line ``{"line": [[lon, lat], ...], "basemap"}`` (WGS-84); ``townships``: a list of names;
        ``amount``: ``{"yi", "kind"}``; ``name``: ``{"zh", "en"}`` (either may be
        absent); ``note``: text.
    effective_date : datetime.date
        When it took effect (not more than a year ahead).
    evidence : str
        An http(s) link or a citation (required).
    corrects : int, optional
        The id of an earlier update of the same item and field that this one corrects.
    """

    item_id: str
    field: str
    value: object
    effective_date: dt.date
    evidence: str
    corrects: int | None = None


def _status(value: object) -> Iterator[Problem]:
    if value not in STATUSES:
        yield Problem("lv_bad_code", {"value": str(value)[:40]})


def _milestone(value: object) -> Iterator[Problem]:
    if value not in MILESTONES:
        yield Problem("lv_bad_code", {"value": str(value)[:40]})


def _progress(value: object) -> Iterator[Problem]:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        yield Problem("lv_bad_progress")


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _lonlat(point: object) -> bool:
    return (
        isinstance(point, list | tuple)
        and len(point) == 2
        and all(_finite(c) for c in point)
        and -180 <= point[0] <= 180
        and -90 <= point[1] <= 90
    )


def site_points(value: dict) -> list:
    """The (lon, lat) points of a checked site value: one for a point, the line's for a line."""
    return [[value["lon"], value["lat"]]] if "lon" in value else [list(p) for p in value["line"]]


def _site(value: object) -> Iterator[Problem]:
    """A point ``{"lon", "lat", "basemap"}`` or a line ``{"line": [[lon, lat], ...], "basemap"}`` (WGS-84)."""
    if not isinstance(value, dict) or set(value) not in ({"lon", "lat", "basemap"}, {"line", "basemap"}):
        yield Problem("lv_bad_site")
        return
    if "line" in value:
        line = value["line"]
        if not isinstance(line, list) or not 2 <= len(line) <= MAX_LINE_POINTS or not all(map(_lonlat, line)):
            yield Problem("lv_bad_line", {"max": MAX_LINE_POINTS})
    elif not _lonlat([value["lon"], value["lat"]]):
        yield Problem("lv_bad_site")
    if not isinstance(value["basemap"], str) or not BASEMAP_PATTERN.fullmatch(value["basemap"]):
        yield Problem("lv_bad_basemap")


def _townships(value: object) -> Iterator[Problem]:
    if (
        not isinstance(value, list)
        or not 1 <= len(value) <= MAX_TOWNSHIPS
        or not all(isinstance(n, str) and 1 <= len(n.strip()) <= MAX_TOWNSHIP_NAME and "|" not in n for n in value)
    ):
        yield Problem("lv_bad_townships", {"n": MAX_TOWNSHIPS, "chars": MAX_TOWNSHIP_NAME})


def _amount(value: object) -> Iterator[Problem]:
    if not isinstance(value, dict) or set(value) != {"yi", "kind"}:
        yield Problem("lv_bad_amount", {"max": MAX_AMOUNT_YI})
        return
    if not (_finite(value["yi"]) and 0 <= value["yi"] <= MAX_AMOUNT_YI):
        yield Problem("lv_bad_amount", {"max": MAX_AMOUNT_YI})
    if value["kind"] not in INVESTMENT_KINDS:
        yield Problem("lv_bad_code", {"value": str(value["kind"])[:40]})


def _name(value: object) -> Iterator[Problem]:
    if not isinstance(value, dict) or not value or not set(value) <= {"zh", "en"}:
        yield Problem("lv_bad_name")
        return
    for lang, text in value.items():
        limit = NAME_LIMITS[f"name_{lang}"]
        if not isinstance(text, str) or not 1 <= len(text.strip()) <= limit or "\n" in text:
            yield Problem("lv_bad_name_length", {"max": limit})


def _note(value: object) -> Iterator[Problem]:
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= MAX_NOTE:
        yield Problem("lv_bad_note", {"max": MAX_NOTE})


VALUE_CHECKS = {
    "status": _status,
    "milestone": _milestone,
    "progress": _progress,
    "site": _site,
    "townships": _townships,
    "amount": _amount,
    "name": _name,
    "note": _note,
}
assert set(VALUE_CHECKS) == set(UPDATE_FIELDS), "every update field has its check"


def evidence_problems(evidence: object) -> list[Problem]:
    """An http(s) link with a host, or a citation in words; bounded either way."""
    if not isinstance(evidence, str) or not MIN_CITATION <= len(evidence.strip()) <= MAX_EVIDENCE:
        return [Problem("lv_bad_evidence_length", {"min": MIN_CITATION, "max": MAX_EVIDENCE})]
    text = evidence.strip()
    if re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", text) and not re.match(r"\d", text):
        parts = urlsplit(text)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in text):
            return [Problem("lv_bad_evidence_link")]
    return []


def date_problems(effective: object, today: dt.date) -> list[Problem]:
    """A real date, not before 2000 and not more than a year after ``today``."""
    latest = today + dt.timedelta(days=MAX_FUTURE_DAYS)
    if not isinstance(effective, dt.date) or isinstance(effective, dt.datetime):
        return [Problem("lv_bad_date", {"latest": latest.isoformat()})]
    if not EARLIEST_DATE <= effective <= latest:
        return [Problem("lv_bad_date", {"latest": latest.isoformat()})]
    return []


def change_problems(change: Change, today: dt.date) -> list[Problem]:
    """Everything wrong with ``change`` on its own (the database checks the item and ``corrects``)."""
    problems = []
    if not isinstance(change.item_id, str) or not re.fullmatch(ID_PATTERN, change.item_id):
        problems.append(Problem("lv_unknown_item", {"item": str(change.item_id)[:80]}))
    check = VALUE_CHECKS.get(change.field)
    if check is None:
        problems.append(Problem("lv_bad_field", {"value": str(change.field)[:40]}))
    else:
        problems += list(check(change.value))
    problems += date_problems(change.effective_date, today)
    problems += evidence_problems(change.evidence)
    if change.corrects is not None and (isinstance(change.corrects, bool) or not isinstance(change.corrects, int)):
        problems.append(Problem("lv_bad_corrects"))
    return problems


def normalised(change: Change) -> Change:
    """``change`` with the text of its value and evidence stripped (stored and folded as the reader sees it)."""
    value = change.value
    if isinstance(value, str):
        value = value.strip()
    elif isinstance(value, list):
        value = [v.strip() if isinstance(v, str) else v for v in value]
    elif isinstance(value, dict):
        value = {k: v.strip() if isinstance(v, str) else v for k, v in value.items()}
    evidence = change.evidence.strip() if isinstance(change.evidence, str) else change.evidence
    return replace(change, value=value, evidence=evidence)


def encode_value(value: object) -> str:
    """The JSON text stored for a checked value (Chinese kept readable)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def decode_value(text: str) -> object:
    """The value of a stored update."""
    return json.loads(text)
