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
from countymap.schema import INVESTMENT_KINDS, LOWER_BOUNDS, STATUSES
from countymap.text.format import capitalised
from countymap.text.strings import t, tn


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


def _links(value: object) -> tuple[str, ...]:
    """A list cell as ids, typed (a tuple) or raw (``a|b``)."""
    if isinstance(value, str):
        return tuple(i.strip() for i in value.split("|") if i.strip())
    return tuple(value or ())


def _sum_keys(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """What each row's sum is kept apart by: its kind, and for kinds that do not name their year, the years."""
    return [
        (kind, "") if kind in YEARLESS else (kind, "|".join(_links(years)))
        for kind, years in zip(frame["investment_kind"].tolist(), frame["years"].tolist(), strict=True)
    ]


def _parents(table: pd.DataFrame) -> dict[str, str]:
    """``part_of`` of the rows that have one (plain lists: Arrow-backed columns are slow to walk)."""
    if "part_of" not in table.columns:
        return {}
    parts = table["part_of"].fillna("").astype(str)
    linked = parts.ne("").to_numpy()
    return dict(zip(table["id"][linked].tolist(), parts[linked].tolist(), strict=True)) if linked.any() else {}


def counted_mask(result: pd.DataFrame, everything: pd.DataFrame | None = None) -> pd.Series:
    """Which rows of ``result`` a sum of its amounts takes: those with an amount and no programme above counted.

    A part (``part_of``, followed up through ``everything``, the whole table)
    is left out only when a programme above it is itself in ``result`` with
    an amount of the same kind (and year): that sum already holds the part's
    money. When the filter leaves the programme out (another township, sector
    or status), the part's own amount counts, so a place or a sector shows the
    money the report gives for it. ``related_to`` never changes what is counted.
    """
    keep = pd.to_numeric(result["investment_yi"], errors="coerce").notna()
    parent = _parents(result if everything is None else everything)
    disclosed = result[keep]
    if not parent or disclosed.empty:
        return keep
    ids = disclosed["id"].tolist()
    keys = dict(zip(ids, _sum_keys(disclosed), strict=True))
    inside = set()
    for item in (i for i in ids if i in parent):  # only a part can be left out: walk up from the parts alone
        seen, current = {item}, parent[item]
        while current and current not in seen:
            if keys.get(current) == keys[item]:
                inside.add(item)
                break
            seen.add(current)
            current = parent.get(current, "")
    return keep & ~result["id"].isin(inside) if inside else keep


def _overlapping(ids: list[str], related: list[tuple[str, ...]]) -> bool:
    """Whether two summed items are ``related_to`` each other: the report does not say whether one holds the other."""
    chosen = set(ids)
    return any(chosen.intersection(links) for links in related if links)


def amounts_by_kind(result: pd.DataFrame, everything: pd.DataFrame | None = None) -> list[KindTotal]:
    """One sum per kind of amount over the items that disclose one (schema order); kinds never mix.

    A part whose programme is summed too is left out (see
    :func:`counted_mask`). Pooled funds and totals are summed per report year,
    never across years. A sum that holds two related items (``related_to``,
    a link the report suggests but does not state) says they may overlap.
    """
    counted = result[counted_mask(result, everything)]
    if counted.empty:
        return []
    keys = _sum_keys(counted)
    qualifiers = counted.get("investment_qualifier", pd.Series("", index=counted.index)).fillna("")
    frame = pd.DataFrame(
        {
            "key": keys,
            "yi": pd.to_numeric(counted["investment_yi"], errors="coerce").to_numpy(),
            "floor": qualifiers.isin(LOWER_BOUNDS).to_numpy(),
        }
    )
    sums = frame.groupby("key", sort=False).agg(total=("yi", "sum"), count=("yi", "size"), floor=("floor", "any"))
    overlap = _overlaps(counted, keys)
    order = {kind: n for n, kind in enumerate(INVESTMENT_KINDS)}
    return [
        KindTotal(kind, year, float(row["total"]), int(row["count"]), bool(row["floor"]), (kind, year) in overlap)
        for (kind, year), row in sorted(sums.iterrows(), key=lambda item: (order.get(item[0][0], 99), item[0][1]))
    ]


def _overlaps(counted: pd.DataFrame, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The sums (their keys) that hold two items ``related_to`` each other."""
    if "related_to" not in counted.columns:
        return set()
    related = [_links(v) for v in counted["related_to"].tolist()]
    if not any(related):
        return set()
    members: dict[tuple[str, str], list[int]] = {}
    for n, key in enumerate(keys):
        members.setdefault(key, []).append(n)
    ids = counted["id"].tolist()
    return {key for key, rows in members.items() if _overlapping([ids[n] for n in rows], [related[n] for n in rows])}


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


def describe(state: FilterState, result: pd.DataFrame, lang: str = "zh", wide: int = 0) -> str:
    """State the active filters and what they select, in one sentence.

    e.g. ``2023 计划 · 公路交通 · 龚滩镇：4 个项目，其中 1 个披露投资``. Amounts are
    not summed here (they come in kinds; see :func:`amounts_by_kind`). ``wide``
    county-wide items that also reach the filtered townships (see
    :func:`countymap.core.filters.county_wide_reaching`) are named after the
    count, so a township without items of its own never reads as a bare 0.
    The text is plain (not escaped): render it through an escaping helper.
    """
    parts = phrases(state, lang) or [t("desc_all", lang)]
    sums = totals(result)
    if not sums["count"]:
        counts = t("desc_counts_zero", lang)
    elif sums["disclosed_count"]:
        counts = tn("desc_counts", lang, sums["count"], d=sums["disclosed_count"])
    else:
        counts = tn("desc_counts_none", lang, sums["count"])
    if state.has_invest_bound and not state.disclosed:  # the switch's own phrase already says so
        counts += t("desc_excluded", lang)
    if wide:
        counts += tn("desc_wide", lang, wide)
    colon = "：" if lang == "zh" else ": "
    return capitalised(" · ".join(parts) + colon + counts)


def by_year(result: pd.DataFrame, column: str, to_label: Callable[[str], str], years: tuple[str, ...]) -> pd.DataFrame:
    """Item counts per label (rows) and report year (columns); list columns count each member.

    ``years`` are the columns, each one even where the filter leaves it no item: the
    years of the data shown (:attr:`countymap.core.dataset.Dataset.years`). An empty
    list (no township) counts under ``to_label("")``.
    """
    rows = []
    for keys, item_years in zip(result[column], result["years"], strict=True):
        members = keys if isinstance(keys, tuple) else (keys,)
        for year in item_years:
            rows.extend((to_label(key), year) for key in members or ("",))
    frame = pd.DataFrame(rows, columns=["label", "year"])
    table = pd.crosstab(frame["label"], frame["year"]) if rows else pd.DataFrame()
    return table.reindex(columns=list(years), fill_value=0)


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


def invest_rows(result: pd.DataFrame, everything: pd.DataFrame | None = None) -> pd.DataFrame:
    """Disclosed amounts per kind (and report year) and row: a sector's sum, or one county-wide item.

    One row of the result per (kind, year, row): ``row`` (a sector code, or
    the id of a county-wide item), ``wide`` (the row is a county-wide item:
    its own row, named, never folded into a sector), ``yi`` (the sum),
    ``items`` and ``floor`` (a figure is "at least" or "over": a lower bound).
    A sector sums its own items as :func:`amounts_by_kind` does: a part is
    left out only where its programme is summed in the same row, and so is
    a county-wide part of a county-wide programme. A chart draws one kind at a
    time (never two kinds or two years on one axis).
    """
    columns = ["kind", "year", "row", "wide", "yi", "items", "floor"]
    everything = result if everything is None else everything
    wide = (result["precision"] == "county").to_numpy() if len(result) else []
    rows = result["category"].where(~pd.Series(wide, index=result.index, dtype=bool), "")
    keep = pd.Series(False, index=result.index)
    for _, group in result.groupby(rows, sort=False):
        keep |= counted_mask(group, everything).reindex(result.index, fill_value=False)
    kept = result[keep]
    if kept.empty:
        return pd.DataFrame(columns=columns)
    keys = _sum_keys(kept)
    qualifiers = kept.get("investment_qualifier", pd.Series("", index=kept.index)).fillna("")
    is_wide = kept["precision"].eq("county").to_numpy()
    frame = pd.DataFrame(
        {
            "kind": [k for k, _ in keys],
            "year": [y for _, y in keys],
            "row": [i if w else c for i, c, w in zip(kept["id"], kept["category"], is_wide, strict=True)],
            "wide": is_wide,
            "yi": pd.to_numeric(kept["investment_yi"], errors="coerce").to_numpy(),
            "floor": qualifiers.isin(LOWER_BOUNDS).to_numpy(),
        }
    )
    sums = frame.groupby(["kind", "year", "row", "wide"], sort=False).agg(
        yi=("yi", "sum"), items=("yi", "size"), floor=("floor", "any")
    )
    order = {kind: n for n, kind in enumerate(INVESTMENT_KINDS)}
    sums = sums.reset_index()
    sums["_kind"] = sums["kind"].map(lambda k: order.get(k, 99))
    return sums.sort_values(["_kind", "year", "yi"], ascending=[True, True, False]).drop(columns="_kind")[columns]


def township_counts(result: pd.DataFrame, names: tuple[str, ...], years: tuple[str, ...]) -> pd.DataFrame:
    """Items per township (all of ``names``, zeros included) and report year (``years``), most items first.

    Items without a township (county-wide, or place not yet known) are left
    out: they are no township's items (:func:`unplaced_counts` counts them).
    Ties keep the order of ``names`` (the county's own order of its townships).
    """
    table = by_year(result[result["townships"].map(len) > 0], "townships", lambda name: name, years)
    table = table.reindex(index=list(names), fill_value=0).fillna(0).astype(int)
    totals_ = table.sum(axis=1)
    ranked = sorted(range(len(names)), key=lambda n: (-int(totals_.iloc[n]), n))
    return table.iloc[ranked]


def unplaced_counts(result: pd.DataFrame) -> dict[str, int]:
    """Items with no township, by precision (``county``: county-wide, ``unknown``: place not yet known)."""
    alone = result[result["townships"].map(len) == 0]
    return {code: int(n) for code, n in alone["precision"].value_counts().items()}


def alone_and_shared(result: pd.DataFrame, township: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The items of ``township`` alone, and those it shares with other townships that carry an amount.

    A township's sums take only the first; the second are shown whole, with
    their townships named, never split or counted as this township's money.
    """
    towns = result["townships"].map(tuple)
    alone = result[towns.map(lambda names: names == (township,))]
    shared = result[(towns.map(len) > 1) & result["investment_yi"].notna()]
    return alone, shared
