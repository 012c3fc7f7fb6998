"""From a report text to draft rows: read, merge, and link to the previous items."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

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
