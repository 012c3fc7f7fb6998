"""Counts and sums of a filtered table, and the sentence that states them (no Streamlit).

Amounts of different kinds (spent in 2022, planned for 2023, a work's total,
pooled funds) are never added together: :func:`amounts_by_kind` keeps one sum
per kind, and a sum that includes an "at least" figure is a lower bound.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from countymap.core.filters import FilterState, phrases
from countymap.core.schema import INVESTMENT_KINDS, STATUSES, YEARS
from countymap.text.strings import t


@dataclass(frozen=True)
class KindTotal:
    """The disclosed amounts of one kind among the filtered items."""

    kind: str
    total_yi: float
    items: int
    lower_bound: bool  # one of the figures is "at least": the sum is a lower bound


def amounts_by_kind(result: pd.DataFrame) -> list[KindTotal]:
    """One sum per investment kind (schema order), over the items that disclose one; kinds never mix."""
    amounts = pd.to_numeric(result["investment_yi"], errors="coerce")
    disclosed = result[amounts.notna()]
    qualifiers = disclosed.get("investment_qualifier", pd.Series("", index=disclosed.index)).fillna("")
    out = []
    for kind in INVESTMENT_KINDS:
        rows = disclosed["investment_kind"] == kind
        if rows.any():
            lower = bool((qualifiers[rows] == "at_least").any())
            out.append(KindTotal(kind, float(amounts[rows.index[rows]].sum()), int(rows.sum()), lower))
    return out


def totals(result: pd.DataFrame) -> dict:
    """Counts of a filtered table.

    Returns
    -------
    dict
        ``count`` (items), ``disclosed_count`` (items with an amount), ``by_kind``
        (:func:`amounts_by_kind`), ``by_status`` (status code -> items, every
        status present, zeros included).
    """
    amounts = pd.to_numeric(result["investment_yi"], errors="coerce") if len(result) else pd.Series(dtype=float)
    by_status = {code: int((result["status"] == code).sum()) if len(result) else 0 for code in STATUSES}
    return {
        "count": len(result),
        "disclosed_count": int(amounts.notna().sum()),
        "by_kind": amounts_by_kind(result) if len(result) else [],
        "by_status": by_status,
    }


def describe(state: FilterState, result: pd.DataFrame, lang: str = "zh") -> str:
    """State the active filters and what they select, in one sentence.

    e.g. ``2023 计划 · 公路交通 · 龚滩镇：4 个项目，其中 1 个披露投资``. Amounts are
    not summed here (they come in kinds; see :func:`amounts_by_kind`). The text
    is plain (not escaped): render it through an escaping helper.
    """
    parts = phrases(state, lang) or [t("desc_all", lang)]
    sums = totals(result)
    if not sums["count"]:
        counts = t("desc_counts_zero", lang)
    elif sums["disclosed_count"]:
        counts = t("desc_counts", lang, n=sums["count"], d=sums["disclosed_count"])
    else:
        counts = t("desc_counts_none", lang, n=sums["count"])
    if state.has_invest_bound:
        counts += t("desc_excluded", lang)
    colon = "：" if lang == "zh" else ": "
    return " · ".join(parts) + colon + counts


def by_year(result: pd.DataFrame, column: str, to_label: Callable[[str], str]) -> pd.DataFrame:
    """Item counts per label (rows) and report year (columns); list columns count each member.

    An empty list (no township) counts under ``to_label("")``.
    """
    rows = []
    for keys, years in zip(result[column], result["years"], strict=True):
        members = keys if isinstance(keys, tuple) else (keys,)
        for year in years:
            rows.extend((to_label(key), year) for key in members or ("",))
    frame = pd.DataFrame(rows, columns=["label", "year"])
    table = pd.crosstab(frame["label"], frame["year"]) if rows else pd.DataFrame()
    return table.reindex(columns=list(YEARS), fill_value=0)


def invest_by_category(result: pd.DataFrame, to_label: Callable[[str], str]) -> pd.DataFrame:
    """Disclosed investment (亿元) per sector label; undisclosed items add nothing."""
    amounts = pd.to_numeric(result["investment_yi"], errors="coerce")
    frame = pd.DataFrame({"label": [to_label(c) for c in result["category"]], "yi": amounts.to_numpy()})
    return frame.dropna().groupby("label")[["yi"]].sum()
