"""From a report text to draft rows: read, merge, and link to the previous items."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from countymap.core import worker
from countymap.draft.gazetteer import load_gazetteer
from countymap.draft.lexicon import load_lexicon
from countymap.draft.mentions import Reading, read_report
from countymap.draft.previous import link_previous
from countymap.draft.rows import draft_frame


@dataclass
class Drafts:
    """The draft rows (strings, projects schema + ``confidence``, ``evidence``) and how the report was read."""

    frame: pd.DataFrame
    reading: Reading

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the reader must be told about how the text was read (codes such as ``no_headings``)."""
        return self.reading.warnings


DRAFT_TIMEOUT_S = 30.0  # a text within the cap drafts in a few seconds (python -m countymap bench-hostile)


class DraftError(Exception):
    """Drafting in a worker gave no result: ``failure`` is ``timeout``, ``memory`` or ``failed``."""

    def __init__(self, failure: str, detail: str = "") -> None:
        super().__init__(f"{failure}: {detail}" if detail else failure)
        self.failure, self.detail = failure, detail


def draft(raw: str, geodata_dir: str | Path, previous: pd.DataFrame | None = None) -> Drafts:
    """Draft the items of report text ``raw`` with the gazetteer in ``geodata_dir``.

    With ``previous`` (a projects table of strings), drafts of the same work
    take the existing item's id and say the proposed status change.
    """
    lexicon, gazetteer = load_lexicon(), load_gazetteer(geodata_dir)
    reading = read_report(raw, lexicon, gazetteer)
    frame = draft_frame(reading.mentions, reading.text, lexicon, gazetteer)
    if previous is not None:
        frame = link_previous(frame, previous)
    return Drafts(frame, reading)


def draft_table(
    raw: str, geodata_dir: str, previous: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """What a worker runs: the draft rows and the warnings (nothing else crosses the process boundary)."""
    result = draft(raw, geodata_dir, previous)
    return result.frame, result.warnings


def draft_in_worker(
    raw: str, geodata_dir: str | Path, previous: pd.DataFrame | None = None, timeout_s: float = DRAFT_TIMEOUT_S
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """:func:`draft_table` in a worker process (:mod:`countymap.core.worker`); :class:`DraftError` when it fails."""
    outcome = worker.run("countymap.draft.drafter:draft_table", raw, str(geodata_dir), previous, timeout_s=timeout_s)
    if outcome.failure:
        raise DraftError(outcome.failure, outcome.detail)
    return outcome.value
