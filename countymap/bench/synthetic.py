"""Deterministic synthetic projects files for the benchmark (:mod:`countymap.bench.run`).

Every synthetic row is built from real parts, so the file passes
:func:`countymap.validation.validate.validate_frame`: township names from
``geodata/townships.geojson``, place ids of real places and routes, the
schema's categories and statuses, and the name, summaries, figures and
``source_spans`` of one real row of ``projects.csv`` (a figure must appear in
its quoted passage, so figures and spans travel together). Names get a
running number so that no two rows look alike in a popup or a search.
"""

from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from countymap.core.tables import read_raw
from countymap.schema import CATEGORIES, GEODATA_FILES, PROJECTS, STATUSES

# How often each precision is drawn (roughly the real file's mix, with more sites).
PRECISION_WEIGHTS = {"township": 45, "county": 25, "line": 15, "approximate": 15}
INVESTED_SHARE = 0.3  # share of rows that copy a real row with a disclosed investment
TEMPLATE_COLUMNS = (
    "name_zh",
    "name_en",
    "investment_yi",
    "investment_kind",
    "investment_qualifier",
    "item_kind",
    "quantity",
    "quantity_unit",
    "summary_zh",
    "summary_en",
    "source_spans",
    "source_section",
)
YEAR_CHOICES = ("2022", "2023", "2022|2023")


@dataclass(frozen=True)
class Ingredients:
    """The real parts synthetic rows are assembled from."""

    townships: tuple[str, ...]
    located_places: tuple[tuple[str, str], ...]  # (place_id, township) of places with coordinates
    other_places: tuple[tuple[str, str], ...]  # (place_id, township) of places without
    routes: tuple[str, ...]
    invested: tuple[dict, ...]  # template rows with an investment
    plain: tuple[dict, ...]  # template rows without


def load_ingredients(data_dir: str | Path) -> Ingredients:
    """Read the real townships, places, routes and projects under ``data_dir``."""
    root = Path(data_dir)
    towns = json.loads((root / GEODATA_FILES["townships"]).read_text(encoding="utf-8"))
    routes = json.loads((root / GEODATA_FILES["routes"]).read_text(encoding="utf-8"))
    places = read_raw(root / GEODATA_FILES["places"])
    located = places["lon"].str.strip().ne("") & places["lat"].str.strip().ne("")
    templates = read_raw(root / PROJECTS.path)[list(TEMPLATE_COLUMNS)].to_dict("records")
    return Ingredients(
        townships=tuple(sorted(f["properties"]["name_zh"] for f in towns["features"])),
        located_places=tuple(zip(places.loc[located, "place_id"], places.loc[located, "township"], strict=True)),
        other_places=tuple(zip(places.loc[~located, "place_id"], places.loc[~located, "township"], strict=True)),
        routes=tuple(sorted(f["properties"]["route_id"] for f in routes["features"])),
        invested=tuple(r for r in templates if r["investment_yi"].strip()),
        plain=tuple(r for r in templates if not r["investment_yi"].strip()),
    )


def _where(rng: random.Random, parts: Ingredients, precision: str) -> tuple[list[str], list[str]]:
    """Townships and place ids that back ``precision`` (as the validator requires)."""
    towns = rng.sample(parts.townships, rng.choice((1, 1, 1, 2, 3)))
    if precision == "approximate" and parts.located_places:
        place, town = rng.choice(parts.located_places)
        return [town] if town else towns, [place]
    if precision == "line" and parts.routes:
        return towns[:2], [rng.choice(parts.routes)]
    if precision == "township":
        if parts.other_places and rng.random() < 0.3:
            place, town = rng.choice(parts.other_places)
            return [town] if town else towns, [place]
        return towns, []
    return [], []  # county-wide


def synthetic_row(index: int, rng: random.Random, parts: Ingredients, prefix: str) -> dict[str, str]:
    """One valid projects row (all cells as strings)."""
    precision = rng.choices(list(PRECISION_WEIGHTS), weights=list(PRECISION_WEIGHTS.values()))[0]
    if precision == "approximate" and not parts.located_places:
        precision = "township"
    pool = parts.invested if parts.invested and rng.random() < INVESTED_SHARE else parts.plain or parts.invested
    row = dict(rng.choice(pool))
    towns, place_ids = _where(rng, parts, precision)
    row.update(
        id=f"{prefix}-{index:05d}",
        name_zh=f"{row['name_zh']}（样例{index}）",
        name_en=f"{row['name_en']} (sample {index})",
        category=rng.choice(list(CATEGORIES)),
        status=rng.choice(list(STATUSES)),
        years=rng.choice(YEAR_CHOICES),
        townships="|".join(towns),
        place_ids="|".join(place_ids),
        precision=precision,
    )
    return {column: row.get(column, "") for column in PROJECTS.columns}


def synthetic_frame(size: int, data_dir: str | Path, seed: int = 2023) -> pd.DataFrame:
    """``size`` synthetic rows as a raw (all-string) frame; the same arguments give the same rows."""
    parts = load_ingredients(data_dir)
    rng = random.Random(f"{seed}-{size}")
    rows = [synthetic_row(i, rng, parts, f"bench-{size}") for i in range(size)]
    frame = pd.DataFrame(rows, columns=PROJECTS.columns, dtype=str)
    frame.attrs["ragged_rows"] = []
    return frame


def to_csv_text(frame: pd.DataFrame) -> str:
    """The frame as a projects CSV (UTF-8 text, every cell quoted only when needed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(frame.columns)
    writer.writerows(frame.itertuples(index=False, name=None))
    return out.getvalue()
