"""Schematic routes: LineStrings drawn through named way-points (township seats or places)."""

from __future__ import annotations

import re
from pathlib import Path

import shapely

from countymap import schema
from countymap.geodata_build.geojson_io import feature, read_csv

LITERAL_POINT = re.compile(r"\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*")


def waypoint_lookup(townships: dict, places: list[dict]) -> dict[str, tuple[float, float]]:
    """Map township official names and place_ids (with coordinates) to (lon, lat)."""
    lookup = {}
    for item in townships["features"]:
        if item["geometry"]:  # a seat_unknown township is no way-point
            lookup[item["properties"]["name_zh"]] = tuple(item["geometry"]["coordinates"])
    for row in places:
        if row.get("lon") and row.get("lat"):
            lookup[row["place_id"]] = (float(row["lon"]), float(row["lat"]))
    return lookup


def route_errors(row: dict, lookup: dict) -> list[str]:
    """Return every problem of one routes_src.csv row (empty if it is valid)."""
    rid, errors = row.get("route_id", ""), []
    waypoints = [w.strip() for w in row.get("waypoints", "").split(schema.MULTI_SEP) if w.strip()]
    if len(waypoints) < 2:
        errors.append(f"{rid}: needs at least two way-points")
    for waypoint in (w for w in waypoints if w not in lookup):
        hint = (
            " (literal coordinates are not allowed: add a place to places.csv)"
            if LITERAL_POINT.fullmatch(waypoint)
            else ""
        )
        errors.append(f"{rid}: unresolved way-point '{waypoint}'{hint}")
    if row.get("kind") not in schema.ROUTE_KINDS:
        errors.append(f"{rid}: kind '{row.get('kind')}' not in {sorted(schema.ROUTE_KINDS)}")
    for name in ("route_id", "name_zh", "name_en", "source"):
        if not row.get(name, "").strip():
            errors.append(f"{rid}: {name} is empty")
    return errors


def routes_layer(src: Path, townships: dict) -> dict:
    """Build schematic LineStrings from ``routes_src.csv``; empty if it is absent.

    Raises ``ValueError`` listing every unresolved way-point and bad row.
    """
    rows = read_csv(src / "routes_src.csv", ("route_id", "name_zh", "name_en", "kind", "waypoints", "source"))
    lookup = waypoint_lookup(townships, read_csv(src / "places.csv"))
    errors = [e for row in rows for e in route_errors(row, lookup)]
    ids = [r["route_id"] for r in rows]
    errors += [f"{rid}: duplicate route_id" for rid in sorted({i for i in ids if ids.count(i) > 1})]
    if errors:
        raise ValueError("routes_src.csv:\n  " + "\n  ".join(errors))
    features = []
    for row in sorted(rows, key=lambda r: r["route_id"]):
        waypoints = [w.strip() for w in row["waypoints"].split(schema.MULTI_SEP) if w.strip()]
        values = dict(row, waypoints=schema.MULTI_SEP.join(waypoints), precision="line_schematic")
        props = {f.name: values[f.name] for f in schema.ROUTE_PROPERTIES}
        features.append(feature(shapely.LineString([lookup[w] for w in waypoints]), props))
    return {"type": "FeatureCollection", "features": features}
