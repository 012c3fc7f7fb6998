"""Several counties at once: one count per county for the overview map (no amounts are added across counties).

The app serves one or several dataset folders; where several are loaded, the
first view shows every county as one badge: how many of its items the filters
keep, split by status (the ring), at a point inside its outline. Only counts
are summed: an amount of one county is never added to another's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry

from countymap.core.dataset import Dataset
from countymap.core.filters import FilterState
from countymap.core.identity import County


@dataclass(frozen=True)
class CountyCount:
    """One county's badge: its items kept by the filters, by status, and where the badge stands."""

    county: County
    count: int
    by_status: dict[str, int]
    outline: BaseGeometry  # WGS-84
    anchor: tuple[float, float]  # (lon, lat): the outline's centroid, or a point inside when that falls outside

    @property
    def adcode(self) -> str:
        """The county's code (what a click on its badge chooses)."""
        return self.county.adcode


def badge_anchor(outline: BaseGeometry) -> tuple[float, float]:
    """(lon, lat) of a county's badge: the centroid, unless the outline's shape puts it outside (then a point inside)."""
    point = outline.centroid
    if not outline.contains(point):
        point = outline.representative_point()
    return point.x, point.y


def county_count(dataset: Dataset, filters: FilterState) -> CountyCount:
    """The badge of one county's Dataset under ``filters``."""
    kept = dataset.rows(filters)
    by_status = {str(status): int(n) for status, n in kept["status"].value_counts(sort=False).items() if n}
    outline = dataset.geodata.outline
    return CountyCount(dataset.county, len(kept), by_status, outline, badge_anchor(outline))


def county_counts(datasets: Iterable[Dataset], filters: FilterState) -> list[CountyCount]:
    """Every county's badge, in the order the datasets are loaded."""
    return [county_count(dataset, filters) for dataset in datasets]
