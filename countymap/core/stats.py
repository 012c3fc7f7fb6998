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
from countymap.text.format import capitalised
from countymap.text.strings import t


@dataclass(frozen=True)
class KindTotal:
    """The disclosed amounts of one kind (and, for pooled funds and totals, one report year)."""

    kind: str
    year: str  # "" where the kind names its year (spent in 2022, planned for 2023)
    total_yi: float
    items: int
    lower_bound: bool  # one of the figures is "at least": the sum is a lower bound


YEARLESS = ("completed_in_2022", "planned_for_2023")  # these kinds carry their year in their name


def _with_amount_above(everything: pd.DataFrame) -> set[str]:
    """Ids whose programme (or a programme above it) carries an amount: counting them would count it twice."""
    if "part_of" not in everything.columns:
        return set()
    parent = {i: p for i, p in zip(everything["id"], everything["part_of"].fillna(""), strict=True) if p}
    has_amount = set(everything.loc[everything["investment_yi"].notna(), "id"])
    covered = set()
    for item in parent:
        seen, current = set(), parent[item]
        while current and current not in seen:
            if current in has_amount:
                covered.add(item)
                break
            seen.add(current)
            current = parent.get(current, "")
    return covered


def amounts_by_kind(result: pd.DataFrame, everything: pd.DataFrame | None = None) -> list[KindTotal]:
    """One sum per kind of amount over the items that disclose one (schema order); kinds never mix.

    An item whose programme already carries an amount is left out (see
    ``part_of``; ``everything`` is the whole table, so a programme that the
    filter hides still counts). Pooled funds and totals are summed per report
    year, never across years.
    """
    everything = result if everything is None else everything
    covered = _with_amount_above(everything)
    amounts = pd.to_numeric(result["investment_yi"], errors="coerce")
    counted = result[amounts.notna() & ~result["id"].isin(covered)]
    qualifiers = counted.get("investment_qualifier", pd.Series("", index=counted.index)).fillna("")
    years = [
        "" if kind in YEARLESS else "|".join(y)
        for kind, y in zip(counted["investment_kind"], counted["years"], strict=True)
    ]
    groups: dict[tuple[str, str], list] = {}
    for kind, year, amount, qualifier in zip(
        counted["investment_kind"], years, amounts[counted.index], qualifiers, strict=True
    ):
        groups.setdefault((kind, year), []).append((amount, qualifier))
    order = {kind: n for n, kind in enumerate(INVESTMENT_KINDS)}
    return [
        KindTotal(kind, year, float(sum(a for a, _ in found)), len(found), any(q == "at_least" for _, q in found))
        for (kind, year), found in sorted(groups.items(), key=lambda item: (order.get(item[0][0], 99), item[0][1]))
    ]


def totals(result: pd.DataFrame, everything: pd.DataFrame | None = None) -> dict:
    """Counts of a filtered table (``everything``: the whole table, for programmes the filter hides).

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
        "by_kind": amounts_by_kind(result, everything) if len(result) else [],
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
    if state.has_invest_bound and not state.disclosed:  # the switch's own phrase already says so
        counts += t("desc_excluded", lang)
    colon = "：" if lang == "zh" else ": "
    return capitalised(" · ".join(parts) + colon + counts)


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


def invest_by_category(
    result: pd.DataFrame, to_label: Callable[[str], str], kind_label: Callable[[str], str], everything=None
) -> pd.DataFrame:
    """Disclosed investment (亿元) per sector (rows) and kind of amount (columns): kinds side by side, never added.

    Pooled funds and totals get one column per report year, as in :func:`amounts_by_kind`.

    Parts of a programme that carries an amount are left out, as in :func:`amounts_by_kind`.
    """
    covered = _with_amount_above(result if everything is None else everything)
    amounts = pd.to_numeric(result["investment_yi"], errors="coerce")
    keep = amounts.notna() & ~result["id"].isin(covered)
    kept = result[keep]
    kinds = [
        kind_label(kind) if kind in YEARLESS else f"{kind_label(kind)} {'|'.join(years)}"
        for kind, years in zip(kept["investment_kind"], kept["years"], strict=True)
    ]
    frame = pd.DataFrame(
        {"label": [to_label(c) for c in kept["category"]], "kind": kinds, "yi": amounts[keep].to_numpy()}
    )
    return frame.pivot_table(index="label", columns="kind", values="yi", aggfunc="sum") if len(frame) else frame


def alone_and_shared(result: pd.DataFrame, township: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The items of ``township`` alone, and those it shares with other townships that carry an amount.

    A township's sums take only the first; the second are shown whole, with
    their townships named, never split or counted as this township's money.
    """
    towns = result["townships"].map(tuple)
    alone = result[towns.map(lambda names: names == (township,))]
    shared = result[(towns.map(len) > 1) & result["investment_yi"].notna()]
    return alone, shared
