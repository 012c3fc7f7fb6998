"""One loaded projects table and everything derived from it, in one object.

A :class:`Dataset` is made once per table: the configured file's (shared by
every session, the app caches it by path and modification time) or an
upload's (kept in the uploading session only, freed when that session ends).
It owns the typed table, the validation result, the placement of the *whole*
table (so a filter never moves an item), the filtered parts, and whatever a
higher floor derives from it and wants to keep while the table lives (the
map's written table, see :func:`countymap.map.features.dataset_features`).
Nothing is cached anywhere under an ``id()``: what is derived lives on the
Dataset and dies with it.

It also carries its county and its edition (:mod:`countymap.core.identity`), read from the dataset folder's
``dataset.toml``, so titles, attributions and the About page name the county
and the report they show.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from countymap.core.filters import FilterState, SearchIndex, filter_mask, search_index, table_years
from countymap.core.geodata import Geodata
from countymap.core.identity import County, Edition, read_identity
from countymap.core.memory import return_freed_memory
from countymap.core.placement import UNDRAWN, among, place_projects, undrawn_reasons

SELECTIONS_KEPT = 8  # filtered parts kept per Dataset (a session flips between a few filters)
RECENT_KEPT = 2  # drawn parts kept per Dataset (the last filter and the one before): each holds its page strings


class Dataset:
    """One projects table, its geodata, county and edition, and everything derived from them.

    Parameters
    ----------
    table : pandas.DataFrame
        Typed projects (:func:`countymap.core.tables.load_projects`, or an
        upload's valid rows). Read-only from now on: the Dataset may be shared
        by many sessions.
    geodata : Geodata
        The county's geodata the table is placed on.
    county, edition : County, Edition
        From ``dataset.toml`` (:func:`read_identity`).
    validation : object, optional
        The validation result of the file the table came from (an upload's
        :class:`~countymap.validation.upload.UploadResult`), ``None`` for the
        configured file (checked by the test suite and ``validate``).
    """

    def __init__(self, table: pd.DataFrame, geodata: Geodata, county: County, edition: Edition, validation: Any = None):
        if not table["id"].is_unique:
            raise ValueError("project ids must be unique")
        self.table = table.reset_index(drop=True)
        self.geodata = geodata
        self.county = county
        self.edition = edition
        self.validation = validation
        self._lock = threading.RLock()
        self._derived: dict[Hashable, Any] = {}
        self._making: dict[Hashable, threading.Lock] = {}
        self._selections: OrderedDict[FilterState, np.ndarray] = OrderedDict()
        self._recent: OrderedDict[Hashable, Any] = OrderedDict()

    @classmethod
    def of(cls, table: pd.DataFrame, geodata: Geodata, folder: Path | None = None) -> Dataset:
        """A Dataset of ``table`` whose county and edition come from ``folder/dataset.toml`` (default: the data folder)."""
        return cls(table, geodata, *read_identity(folder))

    def __len__(self) -> int:
        return len(self.table)

    def release(self) -> None:
        """Let go of the table and everything derived from it: an upload's, once its session is dropped for good.

        Streamlit keeps a dropped session's objects until its session store is
        next written (another visitor's tab closing); the Dataset's memory need
        not wait for that. It then has no rows; nothing reads it again.
        """
        with self._lock:
            self.table = self.table.head(0).copy()  # a copy: a slice would keep the whole columns alive
            self.validation = None
            self._derived.clear()
            self._selections.clear()
            self._recent.clear()

    def derived(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """What ``make()`` returns, made once per Dataset and ``key`` (thread-safe) and freed with the Dataset."""
        with self._lock:
            if key in self._derived:
                return self._derived[key]
            making = self._making.setdefault(key, threading.Lock())
        with making:  # one maker per key; other keys (and other sessions' reads) are not held up
            if key not in self._derived:
                made = make()
                with self._lock:
                    self._derived[key] = made
                return_freed_memory()  # what was made is large and rare; its temporaries are gone
        return self._derived[key]

    def recent(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """Like :meth:`derived`, but only the last :data:`RECENT_KEPT` keys are kept (a filter's drawn part)."""
        with self._lock:
            if key in self._recent:
                self._recent.move_to_end(key)
                return self._recent[key]
            made = self._recent[key] = make()
            while len(self._recent) > RECENT_KEPT:
                self._recent.popitem(last=False)
            return made

    @property
    def placement(self) -> pd.DataFrame:
        """Where each item of the whole table is drawn (WGS-84), in table order: placed once."""
        return self.derived("placement", lambda: place_projects(self.table, self.geodata))

    @property
    def years(self) -> tuple[str, ...]:
        """The report years its items speak of, in order: the year filter's choices and the charts' columns."""
        return self.derived("years", lambda: table_years(self.table))

    @property
    def search(self) -> SearchIndex:
        """Every text a search looks in, per row: built on the first search, not before.

        It takes 0.4 s at 50,000 rows (``python -m countymap bench-filters``) and
        about 15 MB at 20,000: a table nobody searches never pays for it.
        """
        return self.derived("search", lambda: search_index(self.table))

    def mask(self, state: FilterState) -> np.ndarray:
        """The rows ``state`` selects, as a boolean array over :attr:`table` (read-only; the last few kept)."""
        with self._lock:
            if state in self._selections:
                self._selections.move_to_end(state)
                return self._selections[state]
        kept = filter_mask(self.table, state, self.search if state.query.strip() else None)
        kept.flags.writeable = False
        with self._lock:
            self._selections[state] = kept
            while len(self._selections) > SELECTIONS_KEPT:
                self._selections.popitem(last=False)
        return kept

    def rows(self, state: FilterState | None = None) -> pd.DataFrame:
        """The rows of the table ``state`` selects (all of them by default)."""
        return self.table if state is None or state.is_default else self.table[self.mask(state)]

    def placement_of(self, rows: pd.DataFrame) -> pd.DataFrame:
        """The placement of ``rows`` (a part of :attr:`table`), taken from the whole table's."""
        return self.placement[self.mask_of(rows)].reset_index(drop=True)

    def mask_of(self, rows: pd.DataFrame) -> np.ndarray:
        """Which rows of the table ``rows`` holds; raises if one is not in it."""
        kept = among(self.table["id"], rows["id"])
        if int(kept.sum()) != len(rows):
            raise ValueError("these rows are not a part of the dataset")
        return kept

    def undrawn(self, rows: pd.DataFrame) -> pd.DataFrame:
        """The items of ``rows`` the map cannot draw (county-wide, or no place known): listed beside the map.

        This is the one definition of "not on the map"; the map, its list and the exports all use it.
        """
        placed = self.placement_of(rows)
        return rows[among(rows["id"], placed.loc[placed["drawn_precision"].isin(UNDRAWN), "id"])]

    def undrawn_reasons(self, rows: pd.DataFrame) -> pd.Series:
        """Why each of :meth:`undrawn`'s items of ``rows`` is not on the map (see :func:`countymap.core.placement.undrawn_reasons`)."""
        return undrawn_reasons(self.placement_of(rows))
