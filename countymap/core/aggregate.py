"""What the map shows per approximate township area: item counts, statuses, amounts of one kind.

An item that touches several townships counts once in each of them (it is an
item *of* each), but its amount is never added to any of them: a
multi-township amount is not split or repeated. Amounts of different kinds are
never added together; an ``at_least`` or ``over`` figure makes its sum a lower
bound; a part whose programme is summed in the same area is left out of it
(as in :func:`countymap.core.stats.counted_mask`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from countymap.core.geodata import Geodata, TownshipArea
from countymap.core.stats import counted_mask
from countymap.schema import INVESTMENT_KINDS, LOWER_BOUNDS, STATUSES

SIZE_COUNT = "count"


@dataclass
class AreaSummary:
    """The filtered items of one approximate township area."""

    area: TownshipArea
    count: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    amounts: dict[str, float] = field(default_factory=dict)  # investment kind -> 亿元, single-area items only
    lower_bound: set[str] = field(default_factory=set)  # kinds whose sum includes an "at least" or "over" figure

    def value(self, measure: str) -> float:
        """The number a badge or choropleth shows: the count, or the amount of one kind (0 when none)."""
        return float(self.count) if measure == SIZE_COUNT else self.amounts.get(measure, 0.0)

    def is_floor(self, measure: str) -> bool:
        """Whether :meth:`value` is a lower bound (an "at least" or "over" figure is in the sum)."""
        return measure != SIZE_COUNT and measure in self.lower_bound


def _qualifiers(projects: pd.DataFrame) -> list[str]:
    if "investment_qualifier" in projects.columns:
        return [q or "" for q in projects["investment_qualifier"].fillna("").tolist()]
    return [""] * len(projects)


def _inside_programmes(projects: pd.DataFrame, areas_of: dict) -> set[str]:
    """Parts whose programme is summed in the same single area (with the same kind of amount): left out there."""
    if "part_of" not in projects.columns or not projects["part_of"].fillna("").astype(bool).any():
        return set()
    single = [len(areas_of[i]) == 1 for i in projects["id"].tolist()]
    alone = projects[pd.Series(single, index=projects.index) & projects["investment_yi"].notna()]
    inside: set[str] = set()
    for _, rows in alone.groupby(alone["id"].map(lambda i: areas_of[i][0]), sort=False):
        inside |= set(rows["id"][~counted_mask(rows, projects)])
    return inside


def area_summaries(projects: pd.DataFrame, placement: pd.DataFrame, geodata: Geodata) -> list[AreaSummary]:
    """One summary per area (file order) of the filtered ``projects`` placed by ``placement``."""
    summaries = [AreaSummary(area) for area in geodata.areas]
    areas_of = dict(zip(placement["id"].tolist(), placement["areas"].tolist(), strict=True))
    inside = _inside_programmes(projects, areas_of)
    # Plain lists: iterating Arrow-backed columns directly costs several times more.
    columns = zip(
        projects["id"].tolist(),
        projects["status"].tolist(),
        projects["investment_yi"].tolist(),
        projects["investment_kind"].fillna("").tolist(),
        _qualifiers(projects),
        strict=True,
    )
    for project_id, status, amount, kind, qualifier in columns:
        touched = areas_of[project_id]
        for index in touched:
            summary = summaries[index]
            summary.count += 1
            summary.by_status[status] = summary.by_status.get(status, 0) + 1
        if len(touched) == 1 and kind and not math.isnan(amount) and project_id not in inside:
            summary = summaries[touched[0]]
            summary.amounts[kind] = summary.amounts.get(kind, 0.0) + float(amount)
            if qualifier in LOWER_BOUNDS:
                summary.lower_bound.add(kind)
    return summaries


def measures(projects: pd.DataFrame) -> tuple[str, ...]:
    """What a badge can be sized by: the count, and each investment kind the filtered items carry."""
    present = set(projects.loc[projects["investment_yi"].notna(), "investment_kind"].dropna())
    return (SIZE_COUNT, *(kind for kind in INVESTMENT_KINDS if kind in present))


def class_breaks(values: list[float], classes: int = 4) -> list[float]:
    """Upper bounds of up to ``classes`` classes of the positive values (quantiles, deduplicated).

    Zero is always a class of its own (no item, or no amount of that kind), so
    an unknown is never shaded like a small figure.
    """
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return []
    series = pd.Series(positive)
    cuts = [float(series.quantile(q / classes)) for q in range(1, classes + 1)]
    return sorted(set(cuts))


def statuses_present(summaries: list[AreaSummary]) -> list[str]:
    """Status codes that occur in any area, in schema order."""
    seen = {code for s in summaries for code in s.by_status}
    return [code for code in STATUSES if code in seen]


@dataclass(frozen=True)
class MeasureKey:
    """What a map key needs for one measure (the count, or one kind of amount, in 亿元) over the areas.

    ``size_steps``: a few round values, smallest to largest, to draw as badges
    of their size in a size key; ``breaks``: the shading classes' upper bounds
    (:func:`class_breaks`); ``areas``: how many areas have a value above 0;
    ``only_area``: the index of that area when it is the only one (a shading
    of one area says so, rather than draw classes); ``lower_bound``: a value
    in the key is a lower bound (以上).
    """

    measure: str
    size_steps: tuple[float, ...]
    breaks: tuple[float, ...]
    areas: int
    only_area: int | None
    lower_bound: bool


def round_step(value: float) -> float:
    """The 1-2-5 number nearest ``value`` from below (a size key's step): 137 -> 100, 0.262 -> 0.2, 7.2 -> 5."""
    if value <= 0:
        return 0.0
    power = 10.0 ** math.floor(math.log10(value))
    return max(step * power for step in (1, 2, 5) if step * power <= value * (1 + 1e-9))


def size_steps(values: list[float]) -> tuple[float, ...]:
    """Round values for a size key: the smallest, the geometric middle and the largest positive value.

    Badges grow with the square root of their value, so the geometric middle
    sits visually between the two ends. Rounded by :func:`round_step`, deduplicated, ascending.
    """
    positive = [v for v in values if v > 0]
    if not positive:
        return ()
    low, high = min(positive), max(positive)
    return tuple(sorted({round_step(v) for v in (low, math.sqrt(low * high), high)}))


def measure_key(summaries: list[AreaSummary], measure: str) -> MeasureKey:
    """The key of one measure over the areas (see :class:`MeasureKey`); the map draws it."""
    values = [s.value(measure) for s in summaries]
    holding = [s.area.index for s, v in zip(summaries, values, strict=True) if v > 0]
    return MeasureKey(
        measure=measure,
        size_steps=size_steps(values),
        breaks=tuple(class_breaks(values)),
        areas=len(holding),
        only_area=holding[0] if len(holding) == 1 else None,
        lower_bound=any(s.is_floor(measure) for s in summaries if s.value(measure) > 0),
    )
