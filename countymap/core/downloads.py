"""The filtered rows as files: CSV (UTF-8 with BOM), Excel and GeoJSON (no Streamlit).

Every cell is written in the schema's text form (as in ``projects.csv``), so a
downloaded file can be edited and uploaded again.
"""

from __future__ import annotations

import io
import json
import math

import pandas as pd

from countymap.core.geodata import Geodata
from countymap.core.placement import place_projects
from countymap.core.schema import MULTI_SEP, PROJECTS


def _cell(value: object) -> str:
    """One CSV cell in the schema's text form: lists ``|``-joined, spans ``a:b``, NaN empty."""
    if isinstance(value, tuple):
        return MULTI_SEP.join(f"{v[0]}:{v[1]}" if isinstance(v, tuple) else str(v) for v in value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


def schema_frame(result: pd.DataFrame) -> pd.DataFrame:
    """The filtered rows back in the schema's columns and text form (as in ``projects.csv``)."""
    columns = [c for c in PROJECTS.columns if c in result.columns]
    return pd.DataFrame({c: [_cell(v) for v in result[c]] for c in columns}, columns=columns)


def csv_bytes(result: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, so Excel on Windows opens the Chinese text correctly."""
    return schema_frame(result).to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def xlsx_bytes(result: pd.DataFrame) -> bytes:
    """An Excel workbook of the same rows (openpyxl)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        schema_frame(result).to_excel(writer, index=False, sheet_name="projects")
    return buffer.getvalue()


def geojson_bytes(result: pd.DataFrame, geodata: Geodata) -> bytes:
    """A FeatureCollection, one feature per item, with the geometry the map draws.

    Items the map cannot draw have a null geometry; ``drawn_precision`` and
    ``placement_note`` say how the point or line was placed.
    """
    placed = place_projects(result, geodata) if len(result) else pd.DataFrame(columns=["id"])
    where = {row.id: (row.geometry, row.drawn_precision, row.note) for row in placed.itertuples(index=False)}
    features = []
    for (_, row), props in zip(result.iterrows(), schema_frame(result).to_dict("records"), strict=True):
        geometry, drawn, note = where[row["id"]]
        amount = row.get("investment_yi")
        props["investment_yi"] = None if amount is None or pd.isna(amount) else float(amount)
        props.update(drawn_precision=drawn, placement_note=note)
        features.append({"type": "Feature", "id": row["id"], "geometry": geometry, "properties": props})
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")
