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

ROOT = Path(__file__).resolve().parent.parent  # its dataset.toml names the county and edition


def dataset_of(projects: pd.DataFrame, geodata: Geodata) -> Dataset:
    """A Dataset of ``projects`` on ``geodata``, with this repository's county and edition."""
    return Dataset.of(projects, geodata, ROOT)


def draw(projects: pd.DataFrame, geodata: Geodata, *, state: FilterState | None = None, **options) -> folium.Map:
    """The map of ``projects`` (filtered by ``state``) with the given ``build_map`` options."""
    dataset = dataset_of(projects, geodata)
    lang = options.get("lang", "zh")
    to_gcj02 = needs_gcj02(resolve(options.get("basemap", "none"), options.get("tianditu_key")))
    features = dataset_features(dataset, state or FilterState(), lang=lang, to_gcj02=to_gcj02)
    return build_map(dataset, features, **options)


def undrawn_of(projects: pd.DataFrame, geodata: Geodata) -> pd.DataFrame:
    """The items of ``projects`` the map cannot draw."""
    return dataset_of(projects, geodata).undrawn(projects)
