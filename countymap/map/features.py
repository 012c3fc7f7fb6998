"""The projects as the page draws them: placed and written once per table, then subset per filter.

Placing 20,000 projects and writing their features for the page takes about
a second; a filter change must not. :func:`write_table` does that work once
for a whole table (in one language and datum) and :func:`project_features`
takes any filtered part of that table from it: a boolean mask, list
references and one string join per category.

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
from array import array
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
from countymap.map.compact_geojson import compact_feature
from countymap.text.format import join_labels, township_label


@dataclass(frozen=True)
class WrittenLayer:
    """One category's drawable features of a whole table, each written for the page.

    Only the written text is kept, not the feature dicts it was written from
    (at 20,000 items they took about as much memory again), and as one UTF-8
    buffer, not one string per feature: a string costs its header and, once it
    holds one Chinese character, two bytes for every character. A language's
    written table of 20,000 items fell from about 15 MB to 5 MB this way.
    """

    rows: np.ndarray  # the features' row positions in the table
    text: np.ndarray  # uint8: each feature written compactly (see :func:`compact_feature`) and a comma, in UTF-8
    lengths: np.ndarray  # bytes of each feature's text in ``text``, its comma included

    def page(self, chosen: np.ndarray) -> str:
        """The features ``chosen`` (a boolean mask over this layer's features) as one JS array literal.

        Assembled in one byte array and decoded from it: no intermediate copies of the text.
        """
        picked = self.text[np.repeat(chosen, self.lengths)]
        out = np.empty(len(picked) + 1, dtype=np.uint8)
        out[0], out[1:] = ord("["), picked
        out[-1] = ord("]")  # in place of the last feature's comma
        return str(memoryview(out), "utf-8")


@dataclass(frozen=True)
class WrittenTable:
    """A whole projects table placed and written for the page: what every filter of it draws.

    Plain data, never modified once made, so the app can cache it and share it
    between sessions.
    """

    lang: str
    to_gcj02: bool
    placement: pd.DataFrame  # id, geometry, drawn_precision, note, areas (WGS-84), table order
    layers: dict[str, WrittenLayer]  # category code -> its features (schema order)


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
    with _gc_paused():
        placement = place_projects(projects, geodata) if placement is None else placement
        row_of = {project_id: row for row, project_id in enumerate(projects["id"])}
        rows: dict[str, array] = {}
        lengths: dict[str, array] = {}
        texts: dict[str, bytearray] = {}
        shared: dict[str, dict] = {}
        # One feature at a time: written into its layer's buffer, then dropped (never all of them as objects).
        area_names = {a.index: join_labels([township_label(n, lang) for n in a.townships], lang) for a in geodata.areas}
        features = items.iter_project_features(projects, placement, lang=lang, to_gcj02=to_gcj02, area_names=area_names)
        for code, feature in features:
            if code not in shared:
                shared[code], rows[code], lengths[code], texts[code] = (
                    items.project_shared(code),
                    array("q"),
                    array("q"),
                    bytearray(),
                )
            written = compact_feature(feature, shared[code]).encode() + b","
            rows[code].append(row_of[feature["id"]])
            lengths[code].append(len(written))
            texts[code] += written
        order = items.category_order(texts)
        for code in order:  # shared by sessions: read-only from now on
            texts[code] = memoryview(texts[code]).toreadonly()
        layers = {
            code: WrittenLayer(
                rows=np.array(rows[code], dtype=np.int64),
                text=np.frombuffer(texts.pop(code), dtype=np.uint8),  # shares the buffer: no copy
                lengths=np.array(lengths[code], dtype=np.int64),
            )
            for code in order
        }
    return WrittenTable(lang, to_gcj02, placement, layers)


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
    """The dataset's whole table written for the page in ``lang`` and datum: made once, kept on the Dataset."""
    return dataset.derived(
        ("written", lang, to_gcj02),
        lambda: write_table(dataset.table, dataset.geodata, lang=lang, to_gcj02=to_gcj02, placement=dataset.placement),
    )


def dataset_features(dataset: Dataset, state: FilterState, *, lang: str, to_gcj02: bool) -> ProjectFeatures:
    """The drawable features of the part of ``dataset`` that ``state`` selects, placed as in the whole table.

    The last few parts are kept on the Dataset (a rerun with the same filter,
    language and datum reuses them); nothing outlives the Dataset.
    """

    def make() -> ProjectFeatures:
        table = written_table(dataset, lang=lang, to_gcj02=to_gcj02)
        return _part_of(table, dataset.mask(state), dataset.rows(state), dataset.geodata)

    return dataset.recent(("features", state, lang, to_gcj02), make)
