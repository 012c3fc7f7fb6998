"""Checks of a change that need the county's geodata: a site inside the county, townships the county has."""

from __future__ import annotations

from collections.abc import Callable

from countymap.core.geodata import Geodata
from countymap.living.values import Change, Problem, site_points


def geodata_check(geodata: Geodata) -> Callable[[Change], list[Problem]]:
    """The ``extra_check`` for :func:`countymap.living.save_update` with this county's geodata."""
    names = set(geodata.seats["name_zh"])

    def check(change: Change) -> list[Problem]:
        value = change.value
        # called only for a change that passed change_problems: a site's points are finite
        if change.field == "site" and not all(geodata.inside_county(lon, lat) for lon, lat in site_points(value)):
            return [Problem("lv_site_outside")]
        if change.field == "townships" and isinstance(value, list):
            return [Problem("lv_unknown_township", {"name": n[:40]}) for n in value if n not in names]
        return []

    return check
