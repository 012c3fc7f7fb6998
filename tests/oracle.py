"""Expectations read straight from the data files with hand-written rules.

Tests compare what the app shows with these, never with countymap's own
filtering or placement code (that would test the code against itself). The
rules are the documented semantics: values within a field are alternatives,
fields combine, an investment bound keeps only disclosed amounts, a search
matches names, summaries and township names; an item is drawn when the map
knows a place for it (a located site, a route, or a township), and listed
instead when it is county-wide or its place is not known.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def read_rows(path: Path = ROOT / "projects.csv") -> list[dict[str, str]]:
    """The rows of a projects file, every cell a plain string."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _members(cell: str) -> set[str]:
    return {part.strip() for part in cell.split("|") if part.strip()}


def matches(
    row: dict[str, str],
    *,
    years=(),
    categories=(),
    statuses=(),
    kinds=(),
    townships=(),
    precisions=(),
    invest_min: float | None = None,
    invest_max: float | None = None,
    disclosed: bool = False,
    query: str = "",
) -> bool:
    """Whether ``row`` is selected by the given filter values."""
    if years and not _members(row["years"]) & set(years):
        return False
    if townships and not _members(row["townships"]) & set(townships):
        return False
    for wanted, column in (
        (categories, "category"),
        (statuses, "status"),
        (kinds, "item_kind"),
        (precisions, "precision"),
    ):
        if wanted and row[column] not in wanted:
            return False
    if disclosed and not row["investment_yi"].strip():
        return False
    if invest_min is not None or invest_max is not None:
        if not row["investment_yi"].strip():
            return False
        value = float(row["investment_yi"])
        if (invest_min is not None and value < invest_min) or (invest_max is not None and value > invest_max):
            return False
    if query:
        texts = [row[c] for c in ("name_zh", "name_en", "summary_zh", "summary_en")] + sorted(
            _members(row["townships"])
        )
        if not any(query.lower() in text.lower() for text in texts):
            return False
    return True


def selected_ids(rows: list[dict[str, str]], **filters) -> list[str]:
    """Ids of the rows the filter selects, sorted."""
    return sorted(row["id"] for row in rows if matches(row, **filters))


def _located_places(geodata: Path) -> set[str]:
    with open(geodata / "places.csv", encoding="utf-8", newline="") as handle:
        return {row["place_id"] for row in csv.DictReader(handle) if row["lon"].strip() and row["lat"].strip()}


def _route_ids(geodata: Path) -> set[str]:
    collection = json.loads((geodata / "routes.geojson").read_text(encoding="utf-8"))
    return {feature["properties"]["route_id"] for feature in collection["features"]}


def drawn_ids(rows: list[dict[str, str]], geodata: Path = ROOT / "geodata") -> list[str]:
    """Ids of the rows the map can draw, sorted."""
    located, routes = _located_places(geodata), _route_ids(geodata)
    drawn = []
    for row in rows:
        places, has_township = _members(row["place_ids"]), bool(_members(row["townships"]))
        precision = row["precision"]
        site = precision in ("exact", "approximate") and bool(places & located)
        line = precision in ("line", "inferred") and bool(places & routes)  # a guessed line is drawn, dotted
        fallback = precision in ("exact", "approximate", "line", "township", "inferred") and has_township
        if site or line or fallback:
            drawn.append(row["id"])
    return sorted(drawn)


def badge_townships(rows: list[dict[str, str]], geodata: Path = ROOT / "geodata") -> set[tuple[str, ...]]:
    """The approximate areas (as their township lists) that should show a badge: those with a drawn item."""
    areas = json.loads((geodata / "township_areas.geojson").read_text(encoding="utf-8"))["features"]
    seats = json.loads((geodata / "townships.geojson").read_text(encoding="utf-8"))["features"]
    official = {}
    for seat in seats:
        props = seat["properties"]
        for name in [props["name_zh"], props.get("short_zh", ""), *props.get("aliases", "").split("|")]:
            if name:
                official[name] = props["name_zh"]
    area_of = {
        name: tuple(area["properties"]["townships"].split("|"))
        for area in areas
        for name in area["properties"]["townships"].split("|")
    }
    drawn = set(drawn_ids(rows, geodata))
    shown = set()
    for row in rows:
        if row["id"] in drawn:
            shown |= {area_of[official[name]] for name in _members(row["townships"]) if name in official}
    return shown
