"""The projects as the page draws them: placed and written once per table, then subset per filter.

Placing 20,000 projects and writing their features for the page takes about
a second; a filter change must not. :func:`write_table` does that work once
for a whole table (in one language and datum) and :func:`project_features`
takes any filtered part of that table from it: a boolean mask and one byte
array per category. A Dataset's table is written in parts
(:mod:`countymap.map.written`): what every language shares once, each
language's words beside, so a second language adds only its words
(at 20,000 items both languages' tables fell from 11.2 MB to 9.3 MB).

Positions come from the whole table, so an item sits in the same place
whatever the filter: the spread points of a township (see
:mod:`countymap.core.placement`) are ranked among all of its items, not
among the filtered ones. The exports follow the same rule.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from countymap.core.aggregate import AreaSummary, area_summaries
from countymap.core.dataset import Dataset
from countymap.core.filters import FilterState
from countymap.core.geodata import Geodata
from countymap.core.placement import UNDRAWN, among, place_projects
from countymap.map import items
from countymap.map.written import Shapes, Words, WrittenLayer, write_pieces
from countymap.text.format import join_labels, township_label


@dataclass(frozen=True)
class WrittenTable:
    """A whole projects table placed and written for the page: what every filter of it draws.

    Plain data, never modified once made, so the app can cache it and share it
    between sessions.
    """

    lang: str
    to_gcj02: bool
    placement: pd.DataFrame  # id, geometry, drawn_precision, note, areas (WGS-84), table order
    layers: dict[str, WrittenLayer]  # category code -> its features' shapes and words (schema order)


@dataclass(frozen=True)
class ProjectFeatures:
    """The drawable projects of a (filtered) table, ready for the page: the costly half of a map.

    Plain data (never modified once made), so the app can cache it between
    reruns and sessions and still build a fresh :class:`folium.Map` each time
    (streamlit-folium mutates a map while rendering it, so maps are not shared).
    """

    lang: str
    to_gcj02: bool
    placement: pd.DataFrame  # id, geometry, drawn_precision, note, areas (WGS-84)
    pages: dict[str, str]  # category code -> compact page data (schema order)
    counts: dict[str, int]  # category code -> features in its page
    summaries: list[AreaSummary]
    undrawn: int  # filtered items the map cannot draw

    @property
    def feature_count(self) -> int:
        """How many features the page holds."""
        return sum(self.counts.values())

    @functools.cached_property
    def pages_name(self) -> str:
        """A file name for :meth:`write_pages`'s content, made from a hash of it: the same features, the same name."""
        digest = hashlib.blake2b(digest_size=16)
        for code, page in self.pages.items():
            digest.update(f"{len(code)}:{code}:{len(page)}:".encode())
            digest.update(page.encode())
        return f"{digest.hexdigest()}.json"

    def write_pages(self, path: Path) -> None:
        """Write the pages as one JSON array (one array of compact features per category, in order) to ``path``.

        Page by page, never joined into one more copy; written beside and
        renamed, so a reader never sees half a file.
        """
        part = path.with_name(f".{path.name}.{os.getpid()}.part")
        with open(part, "w", encoding="utf-8", newline="") as out:
            out.write("[")
            for index, page in enumerate(self.pages.values()):
                out.write("," if index else "")
                out.write(page)
            out.write("]")
        os.replace(part, path)

    @functools.cached_property
    def collections(self) -> dict[str, dict]:
        """The pages read back as GeoJSON FeatureCollections (category code -> collection), for checks and tests."""
        out = {}
        for code, page in self.pages.items():
            shared = items.project_shared(code)
            features = [
                {
                    "type": "Feature",
                    "id": item["id"],
                    "geometry": item["geometry"],
                    "properties": {"id": item["id"], **item["properties"], **shared},
                }
                for item in json.loads(page)
            ]
            out[code] = {"type": "FeatureCollection", "features": features}
        return out


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while tens of thousands of small dicts are made.

    Its repeated passes over them cost about a third of a 20,000-project build
    and grow faster than the number of projects; nothing made here forms
    reference cycles that would need freeing in the meantime.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _features(projects: pd.DataFrame, placement: pd.DataFrame, geodata: Geodata, lang: str, to_gcj02: bool):
    """``(category code, row position, feature, shared properties)`` of each drawable project, one at a time."""
    row_of = {project_id: row for row, project_id in enumerate(projects["id"])}
    shared: dict[str, dict] = {}
    # An item drawn in several areas says at each point where else it is drawn: the areas' townships.
    area_names = {a.index: join_labels([township_label(n, lang) for n in a.townships], lang) for a in geodata.areas}
    features = items.iter_project_features(projects, placement, lang=lang, to_gcj02=to_gcj02, area_names=area_names)
    for code, feature in features:
        if code not in shared:
            shared[code] = items.project_shared(code)
        yield code, row_of[feature["id"]], feature, shared[code]


def _pieces(projects, placement, geodata: Geodata, *, lang: str, to_gcj02: bool, with_shapes: bool):
    """:func:`countymap.map.written.write_pieces` of a whole table, the collector paused."""
    with _gc_paused():
        return write_pieces(_features(projects, placement, geodata, lang, to_gcj02), with_shapes)


def _table(lang: str, to_gcj02: bool, placement, shapes: dict[str, Shapes], words: dict[str, Words]) -> WrittenTable:
    """A written table of the layers' shapes (one datum) and words (one language), layers in schema order."""
    if set(shapes) != set(words):
        raise ValueError("the words were written for other layers than the shapes")
    layers = {code: WrittenLayer(shapes[code], words[code]) for code in items.category_order(shapes)}
    return WrittenTable(lang, to_gcj02, placement, layers)


def write_table(
    projects: pd.DataFrame,
    geodata: Geodata,
    *,
    lang: str = "zh",
    to_gcj02: bool = False,
    placement: pd.DataFrame | None = None,
) -> WrittenTable:
    """Place a whole table (unless its ``placement`` is given) and write its features for the page, once."""
    if not projects["id"].is_unique:
        raise ValueError("project ids must be unique to take filtered parts of a table")
    placement = place_projects(projects, geodata) if placement is None else placement
    shapes, words = _pieces(projects, placement, geodata, lang=lang, to_gcj02=to_gcj02, with_shapes=True)
    return _table(lang, to_gcj02, placement, shapes, words)


def _kept_rows(table: WrittenTable, projects: pd.DataFrame) -> np.ndarray:
    """Which rows of the table ``projects`` holds (as a boolean mask); every one of them must be there."""
    kept = among(table.placement["id"], projects["id"])
    if int(kept.sum()) != len(projects):
        raise ValueError("the filtered projects are not a part of the written table")
    return kept


def project_features(
    projects: pd.DataFrame,
    geodata: Geodata,
    *,
    lang: str = "zh",
    to_gcj02: bool = False,
    table: WrittenTable | None = None,
) -> ProjectFeatures:
    """The drawable features of ``projects``, a filtered part of ``table`` (by default, of itself).

    Parameters
    ----------
    projects : pandas.DataFrame
        The (filtered) typed projects.
    geodata : Geodata
        Areas, places and routes.
    lang, to_gcj02
        Language and datum of the page; ``table`` must have been written in them.
    table : WrittenTable, optional
        :func:`write_table` of the whole table ``projects`` was filtered from.
    """
    if table is None:
        table = write_table(projects, geodata, lang=lang, to_gcj02=to_gcj02)
    elif (table.lang, table.to_gcj02) != (lang, to_gcj02):
        raise ValueError("the table was written for another language or datum")
    return _part_of(table, _kept_rows(table, projects), projects, geodata)


def _part_of(table: WrittenTable, kept: np.ndarray, projects: pd.DataFrame, geodata: Geodata) -> ProjectFeatures:
    """The features of the rows ``kept`` (a boolean mask over the table) of a written table."""
    pages, counts = {}, {}
    for code, layer in table.layers.items():
        chosen = kept[layer.rows]
        count = int(chosen.sum())
        if count:
            pages[code], counts[code] = layer.page(chosen), count
    placement = table.placement[kept].reset_index(drop=True)  # as placement_of, from the mask in hand
    return ProjectFeatures(
        lang=table.lang,
        to_gcj02=table.to_gcj02,
        placement=placement,
        pages=pages,
        counts=counts,
        summaries=area_summaries(projects, placement, geodata),
        undrawn=int(placement["drawn_precision"].isin(UNDRAWN).sum()),
    )


def written_table(dataset: Dataset, *, lang: str, to_gcj02: bool) -> WrittenTable:
    """The dataset's whole table written for the page in ``lang`` and datum, from parts kept on the Dataset.

    The shapes (ids, codes, geometry) are written once per datum, the words
    once per language: a second language writes only its words. The first
    table of a Dataset writes both in one pass.
    """
    table, placement = dataset.table, dataset.placement
    words_key = ("written-words", lang)

    def shapes_and_words() -> dict[str, Shapes]:
        shapes, words = _pieces(table, placement, dataset.geodata, lang=lang, to_gcj02=to_gcj02, with_shapes=True)
        dataset.derived(words_key, lambda: words)  # written in the same pass: kept, not written again
        return shapes

    shapes = dataset.derived(("written-shapes", to_gcj02), shapes_and_words)
    words = dataset.derived(
        words_key, lambda: _pieces(table, placement, dataset.geodata, lang=lang, to_gcj02=False, with_shapes=False)[1]
    )
    return _table(lang, to_gcj02, placement, shapes, words)


def dataset_features(dataset: Dataset, state: FilterState, *, lang: str, to_gcj02: bool) -> ProjectFeatures:
    """The drawable features of the part of ``dataset`` that ``state`` selects, placed as in the whole table.

    The last few parts are kept on the Dataset (a rerun with the same filter,
    language and datum reuses them); nothing outlives the Dataset.
    """

    def make() -> ProjectFeatures:
        table = written_table(dataset, lang=lang, to_gcj02=to_gcj02)
        return _part_of(table, dataset.mask(state), dataset.rows(state), dataset.geodata)

    return dataset.recent(("features", state, lang, to_gcj02), make)
