"""Compare drafts with a curated projects file: recall, precision and agreement.

Matching rules (also in README, "Drafting a new report"):

1. A draft and a curated row *may* match when one of the draft's spans overlaps
   one of the row's spans (they read the same passage) and their names are at
   least :data:`NAME_THRESHOLD` similar (:func:`countymap.draft.match.similarity`).
2. Pairs are one-to-one, the most similar first (:func:`countymap.draft.match.pair_up`).
3. Recall = matched curated rows / curated rows, also over the rows that are not
   county-wide (``precision`` other than ``county``); precision = matched drafts /
   drafts. Agreement of status, category and townships (the same set) is over
   the matched pairs; an amount is found when the matched draft has the same
   ``investment_yi`` (and, where the curated file has ``investment_qualifier``,
   the same qualifier). Where both files have ``item_kind``, its agreement over
   the matched pairs is a figure too (without a target), and so is, among the
   amounts found, the share with the same ``investment_kind``.

The curated file is read by column name; other columns are ignored, so new
columns in ``projects.csv`` do not disturb the comparison.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from countymap.draft.match import pair_up, similarity

NAME_THRESHOLD = 0.5
NEEDED = ("name_zh", "status", "category", "townships", "precision", "investment_yi", "source_spans")
TARGETS = {
    "recall_not_county_wide": 0.85,
    "recall_all": 0.70,
    "precision": 0.75,
    "status_agreement": 0.85,
    "township_agreement": 0.90,
    "amounts_found": 1.0,
}


def _spans(cell: str) -> list[tuple[int, int]]:
    spans = []
    for item in str(cell).split("|"):
        start, _, end = item.strip().partition(":")
        if start.isdigit() and end.isdigit():
            spans.append((int(start), int(end)))
    return spans


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _set(cell: str) -> frozenset[str]:
    return frozenset(p.strip() for p in str(cell).split("|") if p.strip())


def _number(cell: str) -> float | None:
    text = str(cell).strip()
    return float(text) if text else None


@dataclass
class Evaluation:
    """The figures of one comparison, and the rows behind them."""

    figures: dict[str, float]
    counts: dict[str, str]
    pairs: list[tuple[int, int, float]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)

    def meets_targets(self) -> dict[str, bool]:
        """Each target of :data:`TARGETS`: met or not."""
        return {key: self.figures.get(key, 0.0) >= goal - 1e-9 for key, goal in TARGETS.items()}


def _share(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def _same(drafts: pd.DataFrame, curated: pd.DataFrame, i: int, j: int, column: str) -> bool:
    """The same cell in draft ``i`` and curated row ``j``; true when either file lacks the column."""
    if column not in curated.columns or column not in drafts.columns:
        return True
    return str(curated[column].iloc[j]) == str(drafts[column].iloc[i])


def _amounts(drafts: pd.DataFrame, curated: pd.DataFrame, pairs) -> tuple[int, int, int]:
    """Disclosed amounts found (the same value and qualifier), how many are disclosed, and found of the same kind."""
    by_curated = {j: i for i, j, _ in pairs}
    disclosed = [j for j, v in enumerate(curated["investment_yi"]) if _number(v) is not None]
    found = same_kind = 0
    for j in disclosed:
        i = by_curated.get(j)
        if i is None:
            continue
        draft_value = _number(drafts["investment_yi"].iloc[i])
        same = draft_value is not None and math.isclose(draft_value, _number(curated["investment_yi"].iloc[j]))
        same = same and _same(drafts, curated, i, j, "investment_qualifier")
        found += same
        same_kind += same and _same(drafts, curated, i, j, "investment_kind")
    return found, len(disclosed), same_kind


def evaluate(drafts: pd.DataFrame, curated: pd.DataFrame) -> Evaluation:
    """Compare ``drafts`` with ``curated`` (both frames of strings) by the module's rules."""
    missing = [c for c in NEEDED if c not in curated.columns or c not in drafts.columns]
    if missing:
        raise ValueError(f"columns missing for the evaluation: {missing}")
    d_spans = [_spans(s) for s in drafts["source_spans"]]
    c_spans = [_spans(s) for s in curated["source_spans"]]
    d_names, c_names = list(drafts["name_zh"]), list(curated["name_zh"])

    def score(i: int, j: int) -> float:
        return similarity(d_names[i], c_names[j]) if _overlap(d_spans[i], c_spans[j]) else 0.0

    pairs = pair_up(range(len(drafts)), range(len(curated)), score, NAME_THRESHOLD)
    matched_curated = {j for _, j, _ in pairs}
    not_county = [j for j, p in enumerate(curated["precision"]) if p != "county"]

    def agree(column: str, convert=str) -> float:
        same = sum(convert(drafts[column].iloc[i]) == convert(curated[column].iloc[j]) for i, j, _ in pairs)
        return _share(same, len(pairs))

    found, disclosed, same_kind = _amounts(drafts, curated, pairs)
    figures = {
        "recall_not_county_wide": _share(len(matched_curated & set(not_county)), len(not_county)),
        "recall_all": _share(len(matched_curated), len(curated)),
        "precision": _share(len(pairs), len(drafts)),
        "status_agreement": agree("status"),
        "category_agreement": agree("category"),
        "township_agreement": agree("townships", _set),
        "amounts_found": _share(found, disclosed),
    }
    if "item_kind" in curated.columns and "item_kind" in drafts.columns:
        figures["item_kind_agreement"] = agree("item_kind")
    counts = {
        "drafts": str(len(drafts)),
        "curated": str(len(curated)),
        "matched": str(len(pairs)),
        "curated_not_county_wide": str(len(not_county)),
        "amounts": f"{found}/{disclosed}",
        "amounts_of_the_same_kind": f"{same_kind}/{found}",
    }
    missed = [j for j in range(len(curated)) if j not in matched_curated]
    extra = sorted(set(range(len(drafts))) - {i for i, _, _ in pairs})
    return Evaluation(figures, counts, pairs, missed, extra)


def report_lines(evaluation: Evaluation, seconds: float) -> list[str]:
    """The short text report the command prints."""
    met = evaluation.meets_targets()
    lines = [
        f"{key:<24} {value:6.1%}"
        + (f"  (target {TARGETS[key]:.0%}: {'met' if met[key] else 'NOT met'})" if key in TARGETS else "")
        for key, value in evaluation.figures.items()
    ]
    lines += [f"{key:<24} {value}" for key, value in evaluation.counts.items()]
    lines.append(f"{'seconds':<24} {seconds:.2f}  (target < 5: {'met' if seconds < 5 else 'NOT met'})")
    return lines
