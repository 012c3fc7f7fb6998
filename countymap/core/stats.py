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
from countymap.core.schema import INVESTMENT_KINDS, LOWER_BOUNDS, STATUSES, YEARS
from countymap.text.format import capitalised
from countymap.text.strings import t


@dataclass(frozen=True)
class KindTotal:
    """The disclosed amounts of one kind (and, for pooled funds and totals, one report year)."""

    kind: str
    year: str  # "" where the kind names its year (spent in 2022, planned for 2023)
    total_yi: float
    items: int
    lower_bound: bool  # one of the figures is "at least" or "over": the sum is a lower bound
    may_overlap: bool = False  # two of the items are ``related_to`` each other: the report may count money twice


YEARLESS = ("completed_in_2022", "planned_for_2023")  # these kinds carry their year in their name


def _column(frame: pd.DataFrame, name: str, empty: object = "") -> list:
    """A column as a plain list (``empty`` for each row when the table has no such column)."""
    if name not in frame.columns:
        return [empty] * len(frame)
    return [empty if v is None or (isinstance(v, float) and v != v) else v for v in frame[name].tolist()]


def _links(value: object) -> tuple[str, ...]:
    """A list cell as ids, typed (a tuple) or raw (``a|b``)."""
    if isinstance(value, str):
        return tuple(i.strip() for i in value.split("|") if i.strip())
    return tuple(value or ())


def _sum_key(kind: object, years: object) -> tuple:
    """What a sum is kept apart by: the kind, and the report years for kinds that do not name theirs."""
    return (kind, "") if kind in YEARLESS else (kind, "|".join(_links(years)))


def counted_mask(result: pd.DataFrame, everything: pd.DataFrame | None = None) -> pd.Series:
    """Which rows of ``result`` a sum of its amounts takes: those with an amount and no programme above counted.

    A part (``part_of``, followed up through ``everything``, the whole table)
    is left out only when a programme above it is itself in ``result`` with
    an amount of the same kind (and year): that sum already holds the part's
    money. When the filter leaves the programme out (another township, sector
    or status), the part's own amount counts, so a place or a sector shows the
    money the report gives for it. ``related_to`` never changes what is counted.
    """
    everything = result if everything is None else everything
    parent = {i: p for i, p in zip(_column(everything, "id"), _column(everything, "part_of"), strict=True) if p}
    amounts = pd.to_numeric(result["investment_yi"], errors="coerce")
    keys = {
        i: _sum_key(k, y)
        for i, k, y, a in zip(result["id"], _column(result, "investment_kind"), result["years"], amounts, strict=True)
        if a == a
    }
    keep = []
    for item in result["id"]:
        seen, current, inside = {item}, parent.get(item, ""), False
        while current and current not in seen and not inside:
            inside = current in keys and keys[current] == keys.get(item)
            seen.add(current)
            current = parent.get(current, "")
        keep.append(item in keys and not inside)
    return pd.Series(keep, index=result.index, dtype=bool)


def _overlapping(rows: list[tuple]) -> bool:
    """Whether two summed items are ``related_to`` each other: the report does not say whether one holds the other."""
    ids = {row[0] for row in rows}
    return any(ids.intersection(row[3]) for row in rows)


def amounts_by_kind(result: pd.DataFrame, everything: pd.DataFrame | None = None) -> list[KindTotal]:
    """One sum per kind of amount over the items that disclose one (schema order); kinds never mix.

    A part whose programme is summed too is left out (see
    :func:`counted_mask`). Pooled funds and totals are summed per report year,
    never across years. A sum that holds two related items (``related_to``,
    a link the report suggests but does not state) says they may overlap.
    """
    counted = result[counted_mask(result, everything)]
    amounts = pd.to_numeric(counted["investment_yi"], errors="coerce")
    groups: dict[tuple, list] = {}
    for item, kind, years, amount, qualifier, related in zip(
        counted["id"],
        counted["investment_kind"],
        counted["years"],
        amounts,
        _column(counted, "investment_qualifier"),
        _column(counted, "related_to", ()),
        strict=True,
    ):
        groups.setdefault(_sum_key(kind, years), []).append((item, float(amount), qualifier, _links(related)))
    order = {kind: n for n, kind in enumerate(INVESTMENT_KINDS)}
    return [
        KindTotal(
            kind,
            year,
            sum(found[1] for found in rows),
            len(rows),
            any(found[2] in LOWER_BOUNDS for found in rows),
            _overlapping(rows),
        )
        for (kind, year), rows in sorted(groups.items(), key=lambda item: (order.get(item[0][0], 99), item[0][1]))
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
    Each sector sums its own items as :func:`amounts_by_kind` does: a part is left
    out only where its programme is summed in the same sector.
    """
    everything = result if everything is None else everything
    keep = pd.Series(False, index=result.index)
    for _, rows in result.groupby("category", sort=False):
        keep |= counted_mask(rows, everything).reindex(result.index, fill_value=False)
    kept = result[keep]
    amounts = pd.to_numeric(kept["investment_yi"], errors="coerce")
    kinds = [
        kind_label(kind) if kind in YEARLESS else f"{kind_label(kind)} {'|'.join(years)}"
        for kind, years in zip(kept["investment_kind"], kept["years"], strict=True)
    ]
    frame = pd.DataFrame({"label": [to_label(c) for c in kept["category"]], "kind": kinds, "yi": amounts.to_numpy()})
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
