"""What the review page needs besides Streamlit: passages with the matched words marked, decisions, the result.

The page (:mod:`countymap.app.page_review`) shows each draft's passage from the
uploaded text with the words that made it a draft highlighted, lets the editor
accept, edit or reject it, and builds the projects file from the accepted rows.
"""

from __future__ import annotations

import re

import pandas as pd

from countymap.core.report import passage
from countymap.draft.match import name_key
from countymap.schema import PROJECTS
from countymap.text.escape import html_text

ACCEPT, REJECT, PENDING = "accept", "reject", "pending"
DECISIONS = (PENDING, ACCEPT, REJECT)
MARK_STYLE = "background:#ffe08a;padding:0 1px"
# Evidence keys whose values are words of the report (the others are codes or notes).
_WORD_KEYS = ("status", "amount", "head", "title", "part", "category", "places", "topic", "target", "where", "group")


def evidence_words(name: str, evidence: str) -> list[str]:
    """The report's words behind a draft: its name (without notes) and the words its evidence cites."""
    words = [name_key(name), re.sub(r"（[^）]*）$", "", name)]
    for cue in str(evidence).split("; "):
        key, _, value = cue.partition("=")
        if key not in _WORD_KEYS or not value:
            continue
        for part in value.split(","):
            word = part.split("→")[0].strip()
            if word and word != "—":
                words.append(word)
    return sorted({w for w in words if len(w) >= 2}, key=len, reverse=True)


def highlight(text: str, words: list[str]) -> str:
    """``text`` as HTML with every occurrence of ``words`` in ``<mark>``; everything escaped."""
    if not words:
        return html_text(text)
    pattern = re.compile("|".join(re.escape(w) for w in words))
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(html_text(text[last : match.start()]))
        out.append(f'<mark style="{MARK_STYLE}">{html_text(match.group())}</mark>')
        last = match.end()
    out.append(html_text(text[last:]))
    return "".join(out)


def spans_of(cell: str) -> list[tuple[int, int]]:
    """``"12:40|300:333"`` as pairs (malformed items skipped)."""
    pairs = []
    for item in str(cell).split("|"):
        start, _, end = item.partition(":")
        if start.strip().isdigit() and end.strip().isdigit():
            pairs.append((int(start), int(end)))
    return pairs


def passage_html(raw: str, row: dict) -> str:
    """The draft's passages (tidied, joined by ``…``) with its words highlighted, as safe HTML."""
    words = evidence_words(row["name_zh"], row.get("evidence", ""))
    parts = [highlight(passage(raw, start, end), words) for start, end in spans_of(row["source_spans"])]
    return " … ".join(parts)


def sections_in_order(drafts: pd.DataFrame) -> list[str]:
    """The sections of the drafts (by their first span), in report order."""
    return list(dict.fromkeys(str(cell).split("|")[0] for cell in drafts["source_section"]))


def result_columns() -> list[str]:
    """The columns of a projects file: the schema's own (plus the qualifier once the schema has it)."""
    return list(PROJECTS.columns)


def keep_edits(drafts: pd.DataFrame, edited: pd.DataFrame, columns: tuple[str, ...]) -> None:
    """Write the cells of ``columns`` of ``edited`` (some of the drafts' rows) back into ``drafts``, in place.

    Rows are matched by index; a cleared cell (``None``) becomes an empty string,
    as in a projects file.
    """
    for column in columns:
        drafts.loc[edited.index, column] = ["" if pd.isna(value) else str(value) for value in edited[column]]


def accepted(edited: pd.DataFrame) -> pd.DataFrame:
    """The accepted rows in the projects schema, every cell a stripped string."""
    rows = edited[edited["decision"] == ACCEPT]
    columns = result_columns()
    present = [c for c in columns if c in rows.columns]
    frame = pd.DataFrame({c: [str(v).strip() if pd.notna(v) else "" for v in rows[c]] for c in present})
    return frame.reindex(columns=columns, fill_value="").reset_index(drop=True)
