"""Link drafts to the items already on the map and propose their status changes.

A draft is the same work as an existing item when their names are at least
:data:`SAME_WORK` similar (:func:`countymap.draft.match.similarity`; one-to-one,
most similar first). The draft then takes the item's ``id``, and its evidence
says the old and the proposed status; the new passage is in its ``source_spans``.
"""

from __future__ import annotations

import re

import pandas as pd

from countymap.draft.match import candidate_pairs, pair_up, similarity

SAME_WORK = 0.8
LINK = re.compile(r"^previous=(\S+) \(")  # how link_previous says it in a draft's evidence


def linked_ids(drafts: pd.DataFrame) -> set[str]:
    """The ids of the drafts that :func:`link_previous` linked to an existing item (its id is the draft's own)."""
    said = drafts["evidence"].astype(str).str.extract(LINK, expand=False)  # NaN where the evidence names no link
    return {i for i, s in zip(drafts["id"], said, strict=True) if s == i}


def link_previous(drafts: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``drafts`` whose rows that match an existing item carry its id and a status note."""
    out = drafts.copy()
    old_names, new_names = list(previous["name_zh"]), list(out["name_zh"])
    pairs = pair_up(
        range(len(out)),
        range(len(previous)),
        lambda i, j: similarity(new_names[i], old_names[j], floor=SAME_WORK),
        SAME_WORK,
        candidate_pairs(new_names, old_names),
    )
    taken = set(previous["id"])
    for i, j, _ in pairs:
        old_id, old_status = previous["id"].iloc[j], previous["status"].iloc[j]
        new_status = out["status"].iloc[i]
        change = "unchanged" if old_status == new_status else f"{old_status}→{new_status}"
        out.loc[out.index[i], "id"] = old_id
        out.loc[out.index[i], "evidence"] = f"previous={old_id} ({change}); " + out["evidence"].iloc[i]  # LINK
    matched = {i for i, _, _ in pairs}
    for i in range(len(out)):
        if i not in matched and out["id"].iloc[i] in taken:
            out.loc[out.index[i], "id"] = out["id"].iloc[i] + "-new"
    return out


def status_changes(drafts: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """Side by side: each draft linked to an existing item (same id) with the old and proposed status.

    One join of the two tables, in the drafts' order (no loop over thousands of drafts).
    """
    fields = ["id", "name_zh", "status", "years"]
    old = previous[fields].drop_duplicates("id")
    joined = drafts[fields].merge(old, on="id", how="inner", suffixes=("_draft", "_before"))
    joined["changed"] = joined["status_before"] != joined["status_draft"]
    columns = [
        "id",
        "name_before",
        "name_draft",
        "status_before",
        "status_draft",
        "years_before",
        "years_draft",
        "changed",
    ]
    return joined.rename(columns={"name_zh_before": "name_before", "name_zh_draft": "name_draft"})[columns]
