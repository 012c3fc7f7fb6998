"""The filtered items as an Excel workbook a planner can use: labels in the reader's language, numbers as numbers.

Sheets:

1. the items: headers and values in the chosen language, one number column
   per kind of amount (a column's SUM never mixes kinds), the unit in each
   number column's header, the qualifier (以上 / at least) in its own column,
   widths set, the header frozen and an autofilter on;
2. about: the filters, the date of the export, the report it comes from,
   how to read the amounts and the terms of use, and where the codes are
   (the CSV download keeps ``projects.csv``'s fields and codes, for programs).

No sheet of codes: it would double the time to write the file (openpyxl
writes about 2,000 rows a second per sheet), and the CSV holds them.

No cell is ever a live formula: every text cell is written as a string cell
(openpyxl would store a text that starts with ``=`` as a formula) after
:func:`countymap.core.downloads.neutralise`, every number as a number.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Mapping

import openpyxl
import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.utils import get_column_letter

from countymap.core.downloads import neutralise
from countymap.core.filters import FilterState, phrases
from countymap.core.identity import County, Edition
from countymap.core.stats import YEARLESS, describe
from countymap.core.xlsx import ooxml_escape
from countymap.schema import CATEGORIES, INVESTMENT_KINDS, ITEM_KINDS, PRECISIONS, QUALIFIERS, STATUSES, label
from countymap.text.format import is_missing, item_names, kind_label, report_section, townships_text
from countymap.text.strings import UNITS, t

MIN_WIDTH, MAX_WIDTH = 8, 60  # column widths in characters (a CJK character counts two)
HEADER_WIDTH = 16
HEADER_FONT = Font(bold=True)
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
WRAP = Alignment(wrap_text=True, vertical="top")
THOUSANDS = BUILTIN_FORMATS[3]  # Excel's own whole-number format with a thousands separator
AMOUNT_FORMAT = THOUSANDS + ".0###"  # up to four decimals: 0.262 亿元 is 2620 万元
QUANTITY_FORMAT = THOUSANDS + ".####"
NAME_SAFE = re.compile(r'[\\/:*?"<>|\s]+')  # characters a file name cannot hold on Windows, and blanks
NAME_MAX = 80


def _text(sheet, value: str, **style) -> WriteOnlyCell:
    """A plain string cell (never a formula), neutralised and escaped."""
    cell = WriteOnlyCell(sheet, value=ooxml_escape(neutralise(value)))
    cell.data_type = "s"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _number(sheet, value: float, number_format: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _yuan(yi: float, lang: str) -> float:
    """An amount in the header's unit: 亿元 in Chinese, ¥ million in English (as the app writes it)."""
    return yi * 100 if lang == "en" else yi


def _quantities(result: pd.DataFrame, lang: str) -> tuple[list[float | None], list[str]]:
    """Sizes as numbers and their units, in the reader's language (``4 万亩`` -> ``40,000 mu``)."""
    values, units = [], []
    for value, unit in zip(result["quantity"], result["quantity_unit"], strict=True):
        unit = unit if isinstance(unit, str) else ""
        english, factor = UNITS.get(unit, (unit, 1.0)) if lang == "en" else (unit, 1.0)
        values.append(None if is_missing(value) else float(value) * factor)
        units.append(english if values[-1] is not None else "")
    return values, units


def _amount_columns(result: pd.DataFrame, lang: str) -> dict[str, list[float | None]]:
    """One number column per kind of amount present (and per report year for totals and pooled funds).

    The columns follow :func:`countymap.core.stats.amounts_by_kind`: a column's
    SUM never adds kinds, nor the totals of two report years.
    """
    figures = pd.to_numeric(result["investment_yi"], errors="coerce")
    keys = [
        (kind, "" if kind in YEARLESS else " / ".join(years)) if isinstance(kind, str) and kind else None
        for kind, years in zip(result["investment_kind"], result["years"], strict=True)
    ]
    order = {kind: n for n, kind in enumerate(INVESTMENT_KINDS)}
    columns = {}
    for key in sorted({k for k in keys if k}, key=lambda k: (order.get(k[0], 99), k[1])):
        name = f"{kind_label(key[0], lang)} {key[1]}".strip()
        columns[t("xl_amount", lang, kind=name)] = [
            _yuan(v, lang) if k == key and not pd.isna(v) else None for v, k in zip(figures, keys, strict=True)
        ]
    return columns


def item_columns(result: pd.DataFrame, names: dict[str, str], lang: str) -> dict[str, list]:
    """The items sheet's columns, in reading order (``names``: id -> name of every item, for ``part_of``)."""
    quantities, units = _quantities(result, lang)
    qualifiers = [label(QUALIFIERS, q, lang) if isinstance(q, str) else "" for q in result["investment_qualifier"]]
    return {
        t("col_name", lang): item_names(result, lang),
        t("d_category", lang): [label(CATEGORIES, c, lang) for c in result["category"]],
        t("d_item_kind", lang): [label(ITEM_KINDS, k, lang) for k in result["item_kind"]],
        t("d_status", lang): [label(STATUSES, s, lang) if s else "" for s in result["status"]],
        t("d_years", lang): [" / ".join(y) for y in result["years"]],
        t("d_townships", lang): [
            townships_text(w, p, lang) for w, p in zip(result["townships"], result["precision"], strict=True)
        ],
        **_amount_columns(result, lang),
        t("xl_qualifier", lang): qualifiers,
        t("xl_quantity", lang): quantities,
        t("xl_unit", lang): units,
        t("d_part_of", lang): [names.get(p, p) if isinstance(p, str) else "" for p in result["part_of"]],
        t("d_precision", lang): [label(PRECISIONS, p, lang) for p in result["precision"]],
        t("d_summary", lang): list(result["summary_en" if lang == "en" else "summary_zh"].fillna("")),
        t("xl_section", lang): [report_section(s or "", lang) for s in result["source_section"].fillna("")],
        t("xl_id", lang): list(result["id"]),
    }


def _width(values: list) -> int:
    """A column's width in characters: its longest cell, East Asian wide characters counted twice."""
    longest = max(
        (sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(v)) for v in values if v is not None),
        default=0,
    )
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))


def _write_table(sheet, columns: dict[str, list], formats: dict[str, str]) -> None:
    """Header and rows; numbers as numbers with ``formats`` by header, widths set, header frozen, autofilter on.

    A write-only sheet (openpyxl streams its rows): widths, panes and the
    filter are set before the first row, as that mode requires.
    """
    headers = list(columns)
    last = get_column_letter(len(headers))
    for n, header in enumerate(headers, start=1):
        # A header wraps (its row grows), so a long header alone does not widen its column past HEADER_WIDTH.
        width = max(_width(columns[header]), min(_width([header]), HEADER_WIDTH))
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = "B2"  # the header row and the names stay in view
    sheet.auto_filter.ref = f"A1:{last}{len(next(iter(columns.values()), [])) + 1}"
    sheet.append([_text(sheet, h, font=HEADER_FONT, alignment=HEADER_ALIGNMENT) for h in headers])
    kinds = [formats.get(h) for h in headers]
    for row in zip(*columns.values(), strict=True):
        sheet.append(
            [
                _text(sheet, v) if isinstance(v, str) else _number(sheet, v, f) if f and v is not None else v
                for v, f in zip(row, kinds, strict=True)
            ]
        )


def report_identity(county: County, edition: Edition, lang: str) -> dict[str, object]:
    """The county (short name), ``year`` and ``date`` of the report: a Dataset's ``county`` and ``edition``."""
    date = edition.report_date or t("report_date_not_recorded", lang)  # a published edition may have none
    return {"county": county.name(lang, short=True), "year": edition.year, "date": date}


def about_rows(
    state: FilterState, result: pd.DataFrame, lang: str, today: dt.date, identity: Mapping[str, object]
) -> list[tuple[str, str]]:
    """The about sheet: what was filtered, when, from which report, how to read the amounts, the terms.

    ``identity`` names the report (``county``, ``year``, ``date``; :func:`report_identity` of the Dataset shown).
    """
    return [
        (t("xl_filters", lang), describe(state, result, lang)),
        (t("xl_exported", lang), today.isoformat()),
        (t("col_source", lang), t("src_items_source", lang, **identity)),
        (t("xl_terms", lang), t("xl_terms_value", lang)),
        (t("xl_amounts", lang), t("xl_amounts_value", lang)),
        (t("xl_codes", lang), t("xl_codes_value", lang)),
    ]


def planner_xlsx(
    result: pd.DataFrame,
    state: FilterState,
    lang: str,
    everything: pd.DataFrame | None = None,
    *,
    identity: Mapping[str, object],
    today: Callable[[], dt.date] = dt.date.today,
) -> bytes:
    """The workbook (see the module docstring) of the filtered ``result`` of ``everything``."""
    everything = result if everything is None else everything
    names = dict(zip(everything["id"], item_names(everything, lang), strict=True))
    book = openpyxl.Workbook(write_only=True)
    items = book.create_sheet(t("xl_sheet_items", lang))
    columns = item_columns(result, names, lang)
    formats = dict.fromkeys(_amount_columns(result, lang), AMOUNT_FORMAT) | {t("xl_quantity", lang): QUANTITY_FORMAT}
    _write_table(items, columns, formats)
    about = book.create_sheet(t("xl_sheet_about", lang))
    about.column_dimensions["A"].width, about.column_dimensions["B"].width = 16, 100
    for key, value in about_rows(state, result, lang, today(), identity):
        about.append([_text(about, key, font=HEADER_FONT), _text(about, value, alignment=WRAP)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_name(state: FilterState, lang: str, extension: str, county: str) -> str:
    """A file name that says which county and what was filtered: ``酉阳县项目_2023_公路交通_龙潭镇.xlsx``.

    ``county`` is the Dataset's short name in ``lang`` (``report_identity(...)["county"]``).
    """
    words = [NAME_SAFE.sub("-", phrase).strip("-") for phrase in phrases(state, lang) or [t("desc_all", lang)]]
    prefix = NAME_SAFE.sub("-", t("xl_file_prefix", lang, county=county)).strip("-")
    stem = "_".join([prefix, *words])[:NAME_MAX].rstrip("_-")
    return f"{stem}.{extension}"
