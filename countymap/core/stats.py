"""Counts and sums of a filtered table, and the sentence that states them (no Streamlit)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from countymap.core.filters import FilterState, phrases
from countymap.core.schema import STATUSES, YEARS
from countymap.text.format import amount
from countymap.text.strings import t


def totals(result: pd.DataFrame) -> dict:
    """Counts of a filtered table.

    Returns
    -------
    dict
        ``count`` (items), ``disclosed_count`` (items with an amount),
        ``disclosed_sum_yi`` (their sum in 亿元; 0.0 when none), ``by_status``
        (status code -> items, every status present, zeros included).
    """
    amounts = pd.to_numeric(result["investment_yi"], errors="coerce") if len(result) else pd.Series(dtype=float)
    by_status = {code: int((result["status"] == code).sum()) if len(result) else 0 for code in STATUSES}
    return {
        "count": len(result),
        "disclosed_count": int(amounts.notna().sum()),
        "disclosed_sum_yi": float(amounts.sum(skipna=True)) if amounts.notna().any() else 0.0,
        "by_status": by_status,
    }


def describe(state: FilterState, result: pd.DataFrame, lang: str = "zh") -> str:
    """State the active filters and what they select, in one sentence.

    e.g. ``2023 计划 · 公路交通 · 龚滩镇：4 个项目，其中 1 个披露投资，合计 1.2亿元``.
    The text is plain (not escaped): render it through an escaping helper.
    """
    parts = phrases(state, lang) or [t("desc_all", lang)]
    sums = totals(result)
    if not sums["count"]:
        counts = t("desc_counts_zero", lang)
    elif sums["disclosed_count"]:
        total = amount(sums["disclosed_sum_yi"], lang)
        counts = t("desc_counts", lang, n=sums["count"], d=sums["disclosed_count"], s=total)
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
