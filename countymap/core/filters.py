"""What the reader asked to see: one spec per filter field, the state, the matching and the sentence.

Each field of :class:`FilterState` is described once, in :data:`FIELDS` (a
:class:`FilterField`: URL key, command-line flag, vocabulary, label, how a value
reads), and everything else is derived from that table: the URL round trip,
the sidebar widgets (:mod:`countymap.app.filter_sidebar`), the flags of
``export-html`` and the sentence that states the filter. Nothing here imports
Streamlit.

Semantics: an empty field means "no restriction"; values within a field are
alternatives (OR); fields combine with AND. An investment bound keeps only the
items whose amount is disclosed, because an unknown amount is neither above
nor below it; the "disclosed amounts only" switch keeps them without a bound.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from countymap.core.geodata import township_names
from countymap.schema import CATEGORIES, ITEM_KINDS, PRECISIONS, STATUSES, label
from countymap.text.format import amount, join_labels, township_label
from countymap.text.pinyin import pinyin, pinyin_many
from countymap.text.strings import t

QUERY_MAX_CHARS = 100  # the search box's own limit; a longer link is cut to it
INVEST_MAX_YI = 10_000.0  # 1 万亿元: far above any county's single item
FLAG_ON = "1"  # how a switch that is on reads in a link (``disclosed=1``); anything else is off
_PLAIN_DECIMAL = re.compile(r"\d{1,7}(\.\d{1,6})?")


@dataclass(frozen=True)
class FilterField:
    """Everything about one filter field, in one place.

    Parameters
    ----------
    attr : str
        Attribute of :class:`FilterState`.
    param : str
        URL query key.
    flag : str
        Command-line flag of the export commands.
    label_key : str
        Key of the widget label in :data:`countymap.text.strings.STRINGS`.
    kind : {"list", "number", "flag", "text"}
        A multi-choice of codes, a bound in 亿元, an on/off switch (``=1`` in a
        link), or free text.
    vocabulary : callable, optional
        ``shown -> codes``: the allowed codes (lists only), given the data shown (a
        :class:`countymap.core.dataset.Dataset`: the years are its table's); called
        when needed, so geodata is read lazily.
    option_label : callable, optional
        ``(code, lang) -> label`` of one code (lists only).
    phrase_key : str
        Key of the string that states the field in the sentence (numbers, flags and text).
    """

    attr: str
    param: str
    flag: str
    label_key: str
    kind: str
    vocabulary: Callable[[Any], tuple[str, ...]] | None = None
    option_label: Callable[[str, str], str] | None = None
    phrase_key: str = ""


def _vocab_label(vocab: dict) -> Callable[[str, str], str]:
    return lambda code, lang: label(vocab, code, lang)


def _codes(vocab: dict) -> Callable[[Any], tuple[str, ...]]:
    return lambda shown: tuple(vocab)


def table_years(table: pd.DataFrame) -> tuple[str, ...]:
    """The report years the items of ``table`` speak of, in order: the year filter's choices.

    Taken from the items, not from ``dataset.toml``: after a new edition is
    published the latest view's items speak of its years (2023 and 2024), the
    report's view of the report's (2022 and 2023).
    """
    return tuple(sorted({year for years in table["years"] for year in years}))


FIELDS: tuple[FilterField, ...] = (
    FilterField("years", "year", "--year", "f_years", "list", lambda shown: shown.years, lambda code, lang: code),
    FilterField(
        "categories", "cat", "--category", "f_categories", "list", _codes(CATEGORIES), _vocab_label(CATEGORIES)
    ),
    FilterField("statuses", "status", "--status", "f_statuses", "list", _codes(STATUSES), _vocab_label(STATUSES)),
    FilterField("kinds", "kind", "--item-kind", "f_kinds", "list", _codes(ITEM_KINDS), _vocab_label(ITEM_KINDS)),
    FilterField(
        "townships", "town", "--township", "f_townships", "list", lambda shown: township_names(), township_label
    ),
    FilterField(
        "precisions", "prec", "--precision", "f_precisions", "list", _codes(PRECISIONS), _vocab_label(PRECISIONS)
    ),
    FilterField("invest_min", "imin", "--min-yi", "f_invest_min", "number", phrase_key="desc_min"),
    FilterField("invest_max", "imax", "--max-yi", "f_invest_max", "number", phrase_key="desc_max"),
    FilterField("disclosed", "disclosed", "--disclosed", "f_disclosed", "flag", phrase_key="desc_disclosed"),
    FilterField("query", "q", "--query", "f_query", "text", phrase_key="desc_query"),
)
PARAM_NAMES = frozenset(spec.param for spec in FIELDS)


@dataclass(frozen=True)
class FilterState:
    """What the reader asked to see; the default shows everything."""

    years: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    townships: tuple[str, ...] = ()
    precisions: tuple[str, ...] = ()
    invest_min: float | None = None
    invest_max: float | None = None
    disclosed: bool = False
    query: str = ""

    @property
    def has_invest_bound(self) -> bool:
        """Whether an investment bound is set (it hides the undisclosed items)."""
        return self.invest_min is not None or self.invest_max is not None

    @property
    def hides_undisclosed(self) -> bool:
        """Whether items without a disclosed amount are left out (a bound, or the switch)."""
        return self.disclosed or self.has_invest_bound

    @property
    def is_default(self) -> bool:
        """Whether nothing is restricted."""
        return self == FilterState()


assert [f.name for f in fields(FilterState)] == [spec.attr for spec in FIELDS], "one spec per FilterState field"


# --- matching ------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _pinyin_cached(text: str) -> str:
    return pinyin(text)


def _squash(text: str) -> str:
    """Lower-case and drop whitespace, so "Gong Tan" and "gongtan" compare equal."""
    return re.sub(r"\s+", "", text).lower()


_SEP = "\x00"  # joins a row's texts into one searchable string; never part of a query


@dataclass(frozen=True)
class SearchIndex:
    """Per row, every text a search looks in, joined: built once per table, then searched with vector ops.

    ``plain`` holds names, summaries and townships (also their English labels),
    lower-cased; ``spelled`` the squashed pinyin of the name and the townships.
    """

    plain: pd.Series
    spelled: pd.Series


def _text_column(projects: pd.DataFrame, column: str) -> pd.Series:
    if column not in projects:
        return pd.Series("", index=projects.index)
    return projects[column].fillna("").astype(str)


def search_index(projects: pd.DataFrame) -> SearchIndex:
    """The :class:`SearchIndex` of a typed projects table."""
    townships = projects["townships"] if "townships" in projects else pd.Series([()] * len(projects))
    names = sorted({name for row in townships for name in (row or ())})
    english = {name: township_label(name, "en") for name in names}
    spelled_town = {name: _squash(_pinyin_cached(name)) for name in names}
    joined_towns = townships.map(lambda row: _SEP.join([*(row or ()), *(english[n] for n in row or ())]))
    plain = _text_column(projects, "name_zh")
    for column in ("name_en", "summary_zh", "summary_en"):
        plain = plain + _SEP + _text_column(projects, column)
    plain = (plain + _SEP + joined_towns.to_numpy(dtype=object)).str.lower()  # object: an empty table's map is float
    names_zh = _text_column(projects, "name_zh")
    spelled_names = pd.Series([_squash(s) for s in pinyin_many(names_zh)], index=names_zh.index, dtype="str")
    spelled_towns = townships.map(lambda row: _SEP.join(spelled_town[n] for n in row or ()))
    spelled = spelled_names + _SEP + spelled_towns.to_numpy(dtype=object)
    return SearchIndex(plain.reset_index(drop=True), spelled.reset_index(drop=True))


def _query_mask(index: SearchIndex, query: str) -> np.ndarray:
    needle = query.replace(_SEP, "").strip().lower()
    hits = index.plain.str.contains(needle, regex=False).to_numpy(dtype=bool)
    squashed = _squash(needle)
    if squashed:
        hits = hits | index.spelled.str.contains(squashed, regex=False).to_numpy(dtype=bool)
    return hits


def townships_named(query: str, names: Iterable[str]) -> tuple[str, ...]:
    """The townships among ``names`` that a search names: ``query`` is in the name, its English label or its pinyin.

    "花田", "huatian" and "Huatian" all name 花田乡: a search for a place is
    shown on the map as that place.
    """
    needle = query.replace(_SEP, "").strip().lower()
    squashed = _squash(needle)
    if not needle:
        return ()
    return tuple(
        name
        for name in names
        if needle in name.lower()
        or needle in township_label(name, "en").lower()
        or (squashed and squashed in _squash(_pinyin_cached(name)))
    )


def _member_mask(column: pd.Series, wanted: tuple[str, ...]) -> np.ndarray:
    """Rows whose tuple cell holds any of ``wanted`` (vectorised through one flat array of members)."""
    lengths = column.map(len).to_numpy(dtype=np.int64)
    members = np.fromiter((m for row in column for m in row), dtype=object, count=int(lengths.sum()))
    hit = pd.Series(members).isin(wanted).to_numpy()
    rows = np.repeat(np.arange(len(column)), lengths)
    return np.bincount(rows[hit], minlength=len(column)) > 0


def _invest_mask(projects: pd.DataFrame, state: FilterState) -> np.ndarray:
    amounts = pd.to_numeric(projects["investment_yi"], errors="coerce").to_numpy(dtype=float)
    mask = np.ones(len(projects), dtype=bool)
    if state.hides_undisclosed:
        mask &= ~np.isnan(amounts)
    if state.invest_min is not None:
        mask &= amounts >= state.invest_min
    if state.invest_max is not None:
        mask &= amounts <= state.invest_max
    return mask


_LIST_COLUMNS = {"years": "years", "townships": "townships"}  # tuple cells: any member matches
_CODE_COLUMNS = {"categories": "category", "statuses": "status", "kinds": "item_kind", "precisions": "precision"}


def filter_mask(projects: pd.DataFrame, state: FilterState, search: SearchIndex | None = None) -> np.ndarray:
    """The rows of a typed projects table that ``state`` selects, as a boolean array (no per-row Python).

    Parameters
    ----------
    projects : DataFrame
        As returned by :func:`countymap.core.tables.load_projects` (``years`` and
        ``townships`` are tuples, ``investment_yi`` is float with NaN).
    state : FilterState
        The filter; empty fields do not restrict.
    search : SearchIndex, optional
        :func:`search_index` of ``projects``, if kept (a Dataset keeps it); made here otherwise.
    """
    mask = np.ones(len(projects), dtype=bool)
    for attr, column in _LIST_COLUMNS.items():
        wanted = getattr(state, attr)
        if wanted:
            mask &= _member_mask(projects[column], wanted)
    for attr, column in _CODE_COLUMNS.items():
        wanted = getattr(state, attr)
        if wanted:
            mask &= projects[column].isin(wanted).to_numpy()
    mask &= _invest_mask(projects, state)
    if state.query.strip():
        mask &= _query_mask(search if search is not None else search_index(projects), state.query)
    return mask


def apply_filters(projects: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """Return the rows of a typed projects table that ``state`` selects (see :func:`filter_mask`)."""
    return projects[filter_mask(projects, state)]


COUNTY_WIDE = "county"  # the precision of an item that covers the whole county, every township included


def county_wide_reaching(projects: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """County-wide items that reach the filtered townships: every other filter selects them.

    A county-wide programme (``precision`` ``county``, no township named) is
    carried out in every township, so "2023 roads in 龙潭镇" must name the
    county's road programmes beside 龙潭镇's own items. They are listed apart,
    never counted as the township's items or its money. Empty without a
    township filter (then :func:`apply_filters` already selects them).
    """
    if not state.townships:
        return projects.iloc[0:0]
    wide = projects[projects["precision"] == COUNTY_WIDE]
    return apply_filters(wide, replace(state, townships=()))


# --- URL round trip (and any other string source: command line, forms) -------------


def format_bound(value: float) -> str:
    """A plain decimal (no exponent) that parses back to ``value``: ``2``, ``0.5``, ``0.000001``."""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return text if float(text) == float(value) else repr(float(value))


def to_query_params(state: FilterState) -> dict[str, str]:
    """Encode ``state`` as URL parameters; unrestricted fields are left out.

    Lists are comma-joined (``year=2022,2023``); no allowed value contains a comma.
    """
    encoded = {spec.param: field_param(spec, getattr(state, spec.attr)) for spec in FIELDS}
    return {param: value for param, value in encoded.items() if value is not None}


def field_param(spec: FilterField, value: object) -> str | None:
    """How one field's value reads in a link; ``None`` when it does not restrict (left out)."""
    if spec.kind == "list":
        return ",".join(value) if value else None
    if spec.kind == "number":
        return format_bound(value) if value is not None else None
    if spec.kind == "flag":
        return FLAG_ON if value else None
    return value or None


def _values(raw: str | Iterable[str] | None) -> list[str]:
    """All items of a parameter, whether it came once, comma-joined (also ``，``) or repeated."""
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else [str(r) for r in raw]
    return [part.strip() for item in items for part in item.replace("，", ",").split(",") if part.strip()]


def _last(raw: str | Iterable[str] | None) -> str | None:
    if raw is None or isinstance(raw, str):
        return raw
    items = list(raw)
    return str(items[-1]) if items else None


def parse_bound(raw: str | None) -> float | None:
    """A plain decimal between 0 and :data:`INVEST_MAX_YI`, else ``None``.

    ``1e308``, ``inf``, ``1_0``, ``-1`` and full-width digits are refused: a link
    carries what a reader typed into a number box, nothing else.
    """
    text = (raw or "").strip()
    if not _PLAIN_DECIMAL.fullmatch(text) or not text.isascii():
        return None
    value = float(text)
    return value if math.isfinite(value) and value <= INVEST_MAX_YI else None


def _clean(spec: FilterField, raw: str | Iterable[str] | None, shown: Any) -> object:
    if spec.kind == "list":
        allowed = set(spec.vocabulary(shown))
        return tuple(dict.fromkeys(v for v in _values(raw) if v in allowed))
    if spec.kind == "number":
        return parse_bound(_last(raw))
    if spec.kind == "flag":
        return _last(raw) == FLAG_ON
    return (_last(raw) or "")[:QUERY_MAX_CHARS]


def from_query_params(params: Mapping[str, str | Iterable[str]], shown: Any) -> FilterState:
    """Decode URL parameters into a clean state, dropping anything unknown or invalid.

    Lists are deduplicated and restricted to their vocabulary for the data
    ``shown`` (a :class:`~countymap.core.dataset.Dataset`), text is cut to
    its widget's limit, numbers must be plain decimals in range. Never raises:
    a hand-edited or stale link gives the nearest valid view.
    """
    return FilterState(**{spec.attr: _clean(spec, params.get(spec.param), shown) for spec in FIELDS})


# --- the sentence that states a filter ------------------------------------------------


def restricts(value: object) -> bool:
    """Whether a field's value restricts anything (0.0 is a bound; ``False`` and empty are not)."""
    return value not in ((), None, "") and value is not False  # not ``in``: 0.0 == False


def field_phrase(spec: FilterField, value: object, lang: str) -> str:
    """How one restricting field's value reads in the filter sentence (and on its chip)."""
    if spec.kind == "list":
        return join_labels([spec.option_label(code, lang) for code in value], lang)
    if spec.kind == "number":
        return t(spec.phrase_key, lang, v=amount(value, lang))
    if spec.kind == "flag":
        return t(spec.phrase_key, lang)
    return t(spec.phrase_key, lang, q=value)


def phrases(state: FilterState, lang: str) -> list[str]:
    """One phrase per restricted field, in reading order.

    Year and status read as one phrase: "2023 计划" (the 2023 plan).
    """
    parts = []
    for spec in FIELDS:
        value = getattr(state, spec.attr)
        if not restricts(value):
            continue
        parts.append((spec.attr, field_phrase(spec, value, lang)))
    when = " ".join(text for attr, text in parts if attr in ("years", "statuses"))
    rest = [text for attr, text in parts if attr not in ("years", "statuses")]
    return ([when] if when else []) + rest
