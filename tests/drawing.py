"""Drawing a whole table as the app does: a Dataset of it, its features, the map (for the tests)."""

from __future__ import annotations

from pathlib import Path

import folium
import pandas as pd

from countymap.core.dataset import Dataset
from countymap.core.filters import FilterState
from countymap.core.geodata import Geodata
from countymap.map.basemaps import needs_gcj02, resolve
from countymap.map.build import build_map
from countymap.map.features import dataset_features
from countymap.map.view import View

ROOT = Path(__file__).resolve().parent.parent  # its dataset.toml names the county and edition


def dataset_of(projects: pd.DataFrame, geodata: Geodata) -> Dataset:
    """A Dataset of ``projects`` on ``geodata``, with this repository's county and edition."""
    return Dataset.of(projects, geodata, ROOT)


def draw(
    projects: pd.DataFrame, geodata: Geodata, *, state: FilterState | None = None, tianditu_key=None, **view
) -> folium.Map:
    """The map of ``projects`` (filtered by ``state``) with the given view settings (:class:`View` fields)."""
    dataset, shown = dataset_of(projects, geodata), View(**view)
    to_gcj02 = needs_gcj02(resolve(shown.basemap, tianditu_key))
    features = dataset_features(dataset, state or FilterState(), lang=shown.lang, to_gcj02=to_gcj02)
    return build_map(dataset, features, shown, tianditu_key=tianditu_key)


def undrawn_of(projects: pd.DataFrame, geodata: Geodata) -> pd.DataFrame:
    """The items of ``projects`` the map cannot draw."""
    return dataset_of(projects, geodata).undrawn(projects)
