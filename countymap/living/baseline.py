"""An edition's baseline: a report's projects file, imported once and never changed.

The file passes the same validation as ``python -m countymap validate``; its
rows are stored as the text cells the file holds (JSON per row), so what the
report said stays exactly what it said. Re-importing the same edition is
refused unless the file is byte-identical (then nothing happens).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pandas as pd
from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from countymap.core.tables import read_raw
from countymap.living.audit import now_utc, record
from countymap.living.database import Database
from countymap.living.tables import baseline_items, editions, items
from countymap.schema import PROJECTS
from countymap.validation.context import ValidationContext
from countymap.validation.validate import validate_file

EDITION_PATTERN = re.compile(r"\d{4}(-[a-z0-9]{1,10})?")


class BaselineError(ValueError):
    """The file or the edition cannot be imported; ``lines`` are the reasons (English, as for a command)."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def import_edition(
    db: Database,
    path: str | Path,
    edition: str,
    context: ValidationContext | None = None,
    report_date: dt.date | None = None,
) -> int:
    """Import ``path`` as the baseline of ``edition``; returns the number of items stored (0 if already there).

    ``report_date`` is the report's delivery date: an update that took effect
    before it does not override what this edition states (:func:`countymap.living.state.fold`).
    """
    if not EDITION_PATTERN.fullmatch(str(edition)):
        raise BaselineError([f"edition {str(edition)[:20]!r}: give a year such as 2023 (optionally 2023-draft)"])
    problems = validate_file(path, PROJECTS, context)
    if problems:
        where = [f"row {p.row}, {p.column}: " if p.row else "" for p in problems]
        raise BaselineError([f"{w}{p.message.text('en')}" for w, p in zip(where, problems, strict=True)][:20])
    data = Path(path).read_bytes()
    frame = read_raw(data, PROJECTS)
    digest = hashlib.sha256(data).hexdigest()
    with db.writing() as connection:
        known = connection.execute(select(editions.c.source_sha256).where(editions.c.edition == edition)).scalar()
        if known == digest:
            return 0
        if known is not None:
            raise BaselineError([f"edition {edition} was imported from another file: a baseline never changes"])
        at = now_utc()
        store_edition(connection, edition, frame, digest, at, report_date)
        record(connection, "edition.import", edition, None, {"sha256": digest, "rows": len(frame)}, at)
    return len(frame)


def store_edition(
    connection: Connection,
    edition: str,
    frame: pd.DataFrame,
    digest: str,
    at: dt.datetime,
    report_date: dt.date | None = None,
) -> None:
    """Store ``frame`` (text cells, the projects file's columns) as the baseline of a new ``edition``.

    ``report_date``: the report's delivery date (``None``: not known; then every update counts on it).
    Its ids that are items already keep them (their history continues); the others become new items.
    The caller has checked that the edition is new, and audits the import in the same transaction.
    """
    stored = {"edition": edition, "source_sha256": digest, "rows": len(frame), "imported_at": at}
    connection.execute(insert(editions).values(**stored, report_date=report_date))
    existing = set(connection.execute(select(items.c.item_id)).scalars())
    new_items = [{"item_id": i, "first_edition": edition} for i in frame["id"] if i not in existing]
    if new_items:
        connection.execute(insert(items), new_items)
    rows = [
        {"edition": edition, "item_id": row["id"], "position": n, "row": json.dumps(row, ensure_ascii=False)}
        for n, row in enumerate(frame.to_dict(orient="records"))
    ]
    connection.execute(insert(baseline_items), rows)


def latest_edition(connection) -> str | None:
    """The newest imported edition (by its name: years sort)."""
    return connection.execute(select(editions.c.edition).order_by(editions.c.edition.desc()).limit(1)).scalar()
