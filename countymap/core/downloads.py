"""The filtered rows as files: CSV (UTF-8 with BOM), Excel, GeoJSON and GeoPackage (no Streamlit).

Every cell is written in the schema's text form (as in ``projects.csv``), so a
downloaded file can be edited and uploaded again. The app's download buttons
and ``python -m countymap export-table`` both call these functions.

Spreadsheet files never carry a live formula (OWASP, "CSV Injection"): a text
cell that a spreadsheet would read as a formula (it starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return, after any spaces) gets a leading
single quote, and every XLSX cell is written as a string cell.
"""

from __future__ import annotations

import io
import json
import math

import geopandas as gpd
import openpyxl
import pandas as pd
from openpyxl.cell import WriteOnlyCell
from shapely.geometry import shape

from countymap.core.dataset import Dataset
from countymap.core.xlsx import number_text, ooxml_escape
from countymap.schema import MULTI_SEP, PROJECTS

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_COLUMNS = frozenset(spec.name for spec in PROJECTS.fields if spec.kind == "float")


def _cell(value: object) -> str:
    """One CSV cell in the schema's text form: lists ``|``-joined, spans ``a:b``, NaN empty."""
    if isinstance(value, tuple):
        return MULTI_SEP.join(f"{v[0]}:{v[1]}" if isinstance(v, tuple) else str(v) for v in value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return number_text(value)
    return str(value)


def schema_frame(result: pd.DataFrame, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """The filtered rows back in the schema's columns and text form (as in ``projects.csv``), then ``extra``.

    ``extra`` names further columns to keep (the living map's latest update and its evidence).
    """
    columns = [c for c in PROJECTS.columns if c in result.columns] + [c for c in extra if c in result.columns]
    return pd.DataFrame({c: [_cell(v) for v in result[c]] for c in columns}, columns=columns)


def neutralise(text: str) -> str:
    """``text``, with a leading single quote if a spreadsheet would read it as a formula."""
    return "'" + text if text.lstrip(" ").startswith(FORMULA_START) else text


def spreadsheet_frame(result: pd.DataFrame, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """:func:`schema_frame` with every text cell neutralised (numbers are numbers, never formulas)."""
    frame = schema_frame(result, extra)
    numbers = NUMBER_COLUMNS | {c for c in extra if c in result.columns and pd.api.types.is_numeric_dtype(result[c])}
    for column in frame.columns:
        if column not in numbers:
            frame[column] = [neutralise(text) for text in frame[column]]
    return frame


def csv_bytes(result: pd.DataFrame, extra: tuple[str, ...] = ()) -> bytes:
    """UTF-8 with BOM, so Excel on Windows opens the Chinese text correctly.

    Rows end in CRLF (RFC 4180): with a bare LF the csv module would not quote
    a cell holding a carriage return, which would then break its row.
    """
    return spreadsheet_frame(result, extra).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _string_cell(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=ooxml_escape(text))
    cell.data_type = "s"  # openpyxl would store a text starting with "=" as a formula
    return cell


def xlsx_bytes(result: pd.DataFrame, extra: tuple[str, ...] = ()) -> bytes:
    """An Excel workbook of the same rows (and ``extra`` columns), every cell a string cell (openpyxl, write-only)."""
    frame = spreadsheet_frame(result, extra)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("projects")
    sheet.append([_string_cell(sheet, neutralise(str(name))) for name in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        sheet.append([_string_cell(sheet, text) for text in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def placed_features(dataset: Dataset, result: pd.DataFrame, extra: tuple[str, ...] = ()) -> list[dict]:
    """One GeoJSON feature mapping per item of ``result`` (rows of ``dataset``), with the geometry the map draws.

    Items the map cannot draw have a null geometry; ``drawn_precision`` and
    ``placement_note`` say how the point or line was placed, as in the whole
    table (:attr:`countymap.core.dataset.Dataset.placement`). ``extra`` names further columns to carry as
    properties (as in :func:`schema_frame`).
    """
    placed = dataset.placement_of(result)
    where = {row.id: (row.geometry, row.drawn_precision, row.note) for row in placed.itertuples(index=False)}
    features = []
    for (_, row), props in zip(result.iterrows(), schema_frame(result, extra).to_dict("records"), strict=True):
        geometry, drawn, note = where[row["id"]]
        amount = row.get("investment_yi")
        props["investment_yi"] = None if amount is None or pd.isna(amount) else float(amount)
        props.update(drawn_precision=drawn, placement_note=note)
        features.append({"type": "Feature", "id": row["id"], "geometry": geometry, "properties": props})
    return features


def geojson_bytes(dataset: Dataset, result: pd.DataFrame, extra: tuple[str, ...] = ()) -> bytes:
    """A FeatureCollection of :func:`placed_features`, UTF-8, indented.

    Written with :mod:`json` rather than geopandas: the features already are
    GeoJSON mappings, and the file keeps each feature's ``id`` and null geometries as they are.
    """
    collection = {"type": "FeatureCollection", "features": placed_features(dataset, result, extra)}
    return json.dumps(collection, ensure_ascii=False, indent=1).encode("utf-8")


GPKG_COLUMNS = (*PROJECTS.columns, "drawn_precision", "placement_note")


def geopackage_bytes(dataset: Dataset, result: pd.DataFrame) -> bytes:
    """A GeoPackage (layer ``projects``, WGS-84) of the same features as :func:`geojson_bytes`, for QGIS or ArcGIS.

    Cells keep the schema's text form (``investment_yi`` a number, empty when
    not disclosed); an item the map cannot draw is a row without geometry.
    """
    features = placed_features(dataset, result)
    rows = [feature["properties"] for feature in features]
    geometries = [shape(f["geometry"]) if f["geometry"] else None for f in features]
    frame = gpd.GeoDataFrame(pd.DataFrame(rows, columns=list(GPKG_COLUMNS)), geometry=geometries, crs="EPSG:4326")
    frame["investment_yi"] = pd.to_numeric(frame["investment_yi"])
    buffer = io.BytesIO()
    frame.to_file(buffer, driver="GPKG", layer="projects", engine="pyogrio")
    return buffer.getvalue()
