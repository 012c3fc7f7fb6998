"""Reading the project's tables (CSV or XLSX), driven by :mod:`countymap.schema`.

Two layers: :func:`read_raw` turns bytes into a frame of plain strings (every
cell a ``str``, nothing guessed), which is what the validator inspects; and
:func:`typed` converts a validated frame into the types the app computes with
(floats with ``NaN`` for "not disclosed", tuples for ``|``-lists, span pairs).

Reading is bounded (:mod:`countymap.core.limits`): the CSV text is decoded as
it is parsed and the XLSX sheet streamed (:mod:`countymap.core.xlsx`), every
row and cell counted, and the first cap stops the read. Both formats become a
frame the same way (:func:`frame_from_rows`).
"""

from __future__ import annotations

import codecs
import csv
import io
import math
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from countymap.core.limits import Budget, ReadLimits, TableError, configured_limits
from countymap.core.memory import use_returnable_arrow_memory
from countymap.core.xlsx import xlsx_rows
from countymap.schema import INDICATORS, MULTI_SEP, PROJECTS, Table

ENCODINGS = ("utf-8-sig", "gb18030")
ZIP_MAGIC = b"PK\x03\x04"
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECODE_CHUNK = 1024 * 1024
use_returnable_arrow_memory()  # every table's text columns are Arrow arrays: make their memory returnable


def _decodes(data: bytes, encoding: str, complete: bool) -> bool:
    """Whether ``data`` is valid ``encoding``, checked in slices (no copy of the whole text)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    try:
        for start in range(0, len(view), _DECODE_CHUNK):
            decoder.decode(view[start : start + _DECODE_CHUNK], final=False)
        decoder.decode(b"", final=complete)
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the first bytes read as text in one of them (NULs at every other byte)."""
    sample = data[: 4096 & ~1]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if min(even, odd) > max(even, odd) // 10:  # NULs on both sides: not UTF-16 text
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    text = sample.decode(encoding, errors="replace")
    return encoding if all(ch >= " " or ch in "\t\r\n" for ch in text) else None


def detect_encoding(data: bytes, complete: bool = True) -> str:
    """The encoding of CSV bytes: UTF-8 (with or without BOM), UTF-16 (BOM, or its NUL pattern), else GBK/GB18030.

    Excel on Chinese Windows saves "CSV" as GBK (GB18030 is its superset) and
    "Unicode text" as UTF-16. Raises :class:`TableError` for binary data and
    for text in none of these encodings. ``complete=False`` accepts a
    character cut off at the end (a header read from the first bytes).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if not _decodes(data, encoding, complete):
                raise TableError("read_bad_utf16" if encoding == "utf-16" else "read_bad_encoding")
            return encoding
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise TableError("read_binary")
        if not _decodes(data, utf16, complete):
            raise TableError("read_bad_utf16")
        return utf16
    encoding = next((e for e in ENCODINGS if _decodes(data, e, complete)), None)
    if encoding is None:
        raise TableError("read_bad_encoding")
    return encoding


# A text file (a report) that does not decode gets advice for text, not for a table.
_TEXT_ERRORS = {
    "read_bad_encoding": "text_bad_encoding",
    "read_bad_utf16": "text_bad_utf16",
    "read_binary": "text_binary",
}


def decode_text(data: bytes) -> str:
    """Text bytes decoded in the encoding :func:`detect_encoding` finds (its codec drops a BOM).

    Raises :class:`TableError` whose message speaks of a text file, not a table.
    """
    try:
        encoding = detect_encoding(data)
    except TableError as exc:
        raise TableError(_TEXT_ERRORS.get(exc.key, exc.key), **exc.message_args) from exc
    return data.decode(encoding)


def csv_rows(data: bytes, budget: Budget, complete: bool = True) -> Iterator[tuple[int, list[str]]]:
    """``(row number, cells)`` of every CSV record, blank ones too, within ``budget``.

    The text is decoded as it is read, so no copy of the whole file is made;
    a record is a spreadsheet row (a quoted cell may span lines).
    """
    budget.check_bytes(len(data))
    text = io.TextIOWrapper(io.BytesIO(data), encoding=detect_encoding(data, complete), newline="")
    try:
        for row_no, record in enumerate(csv.reader(text, strict=True), start=1):
            budget.add_row(row_no)
            budget.add_cells(len(record), row_no, len(record))
            yield row_no, record
    except csv.Error as exc:
        raise TableError("read_broken_csv", detail=str(exc)) from exc
    except UnicodeDecodeError as exc:  # only a header read from cut-off bytes gets here
        raise TableError("read_bad_encoding") from exc


def table_rows(data: bytes, limits: ReadLimits | None = None, stop_after: int | None = None) -> Iterable:
    """The rows of CSV or XLSX bytes (an XLSX file is a zip archive), within ``limits`` (default: configured)."""
    budget = Budget(limits or configured_limits())
    if data.startswith(ZIP_MAGIC):
        return xlsx_rows(data, budget, stop_after)
    return csv_rows(data, budget, complete=stop_after is None)


class RowList(tuple):
    """Row numbers kept in a frame's ``attrs``: immutable, so pandas may share it instead of deep-copying.

    pandas deep-copies ``attrs`` into every frame derived from another (each
    column taken, each slice): a list of 50,000 numbers would be copied
    thousands of times.
    """

    __slots__ = ()

    def __deepcopy__(self, memo: dict) -> RowList:
        return self


def _is_blank(cells: list[str]) -> bool:
    return not any(str(cell).strip() for cell in cells)


# Cells become a frame's compact text columns every this many rows: a cell as a Python string
# costs about five times its text, and 200,000 rows of them at once peaked at about 600 MB.
CHUNK_ROWS = 10_000


def frame_from_rows(rows: Iterable[tuple[int, list[str]]], table: Table = PROJECTS) -> pd.DataFrame:
    """A frame of strings from ``(row number, cells)``: the first non-blank row is the header.

    The same for CSV and XLSX: blank rows are skipped; a repeated column name
    keeps its first column (``attrs["duplicate_columns"]``: name -> count);
    short rows are padded; a row with non-blank cells beyond the header is
    listed in ``attrs["ragged_rows"]``; ``attrs["row_numbers"]`` holds each
    row's number in the file (the header is usually row 1).
    """
    rows = (row for row in rows if not _is_blank(row[1]))
    first = next(rows, None)
    if first is None:
        raise TableError("read_empty", table=table.name)
    header = [str(name).strip() for name in first[1]]
    counts = Counter(header)
    first_of: dict[str, int] = {}
    for index, name in enumerate(header):
        first_of.setdefault(name, index)
    keep = list(first_of.values())
    width = len(header)
    columns = [header[i] for i in keep]
    # Row numbers go into a C array, not a list of ints: the ints would sit in the
    # allocator's arenas among the cells' strings and keep them from being returned.
    body, chunks, numbers, ragged = [], [], array("q"), []
    for row_no, cells in rows:
        if len(cells) > width and not _is_blank(cells[width:]):
            ragged.append(row_no)
        padded = cells + [""] * (width - len(cells)) if len(cells) < width else cells
        body.append([padded[i] for i in keep])
        numbers.append(row_no)
        if len(body) == CHUNK_ROWS:
            chunks.append(pd.DataFrame(body, columns=columns, dtype=str))
            body = []
    chunks.append(pd.DataFrame(body, columns=columns, dtype=str))
    del body  # freed before the row numbers become objects (see above)
    frame = chunks[0] if len(chunks) == 1 else pd.concat(chunks, ignore_index=True)
    del chunks
    frame.attrs.update(
        header_row=first[0],
        row_numbers=RowList(numbers.tolist()),
        ragged_rows=RowList(ragged),
        duplicate_columns={name: count for name, count in counts.items() if count > 1},
    )
    return frame


def row_numbers(frame: pd.DataFrame) -> list[int]:
    """Each row's number in its file (header = 1), as :func:`frame_from_rows` recorded it."""
    numbers = frame.attrs.get("row_numbers")
    return list(numbers) if numbers is not None and len(numbers) == len(frame) else list(range(2, len(frame) + 2))


def read_bytes_within(path: str | Path, limits: ReadLimits | None = None) -> bytes:
    """The bytes of a file, refused before reading when it is larger than the unpacked-bytes cap."""
    Budget(limits or configured_limits()).check_bytes(Path(path).stat().st_size)
    return Path(path).read_bytes()


def read_raw(source: str | Path | bytes, table: Table = PROJECTS, limits: ReadLimits | None = None) -> pd.DataFrame:
    """Read a CSV (UTF-8, GBK or UTF-16) or XLSX table into a frame of strings, keeping empty cells as ``""``.

    Parameters
    ----------
    source : path or bytes
        A file path or the raw bytes of an upload.
    table : Table
        Only used to name the table in error messages.
    limits : ReadLimits, optional
        The caps (default: as configured); reading stops at the first with :class:`CapExceededError`.
    """
    data = source if isinstance(source, bytes) else read_bytes_within(source, limits)
    return frame_from_rows(table_rows(data, limits), table)


HEADER_PEEK_BYTES = 64 * 1024


def read_header(path: str | Path) -> list[str]:
    """The column names of a CSV file (from its first bytes only) or of an XLSX file's first sheet."""
    with open(path, "rb") as handle:
        head = handle.read(HEADER_PEEK_BYTES)
    data = read_bytes_within(path) if head.startswith(ZIP_MAGIC) else head
    first = next((cells for _, cells in table_rows(data, stop_after=1) if not _is_blank(cells)), [])
    return [str(name).strip() for name in first]


def split_list(value: str) -> tuple[str, ...]:
    """Split a ``|``-separated cell into a tuple of stripped, non-empty items."""
    return tuple(item.strip() for item in str(value).split(MULTI_SEP) if item.strip())


def parse_float(value: str) -> float:
    """Parse a number cell; empty means unknown and becomes ``NaN`` (never 0)."""
    text = str(value).strip().replace(",", "")
    return math.nan if text == "" else float(text)


def parse_spans(value: str) -> tuple[tuple[int, int], ...]:
    """Parse ``"12:40|300:333"`` into ``((12, 40), (300, 333))``."""
    spans = []
    for item in split_list(value):
        start, _, end = item.partition(":")
        spans.append((int(start), int(end)))
    return tuple(spans)


_CONVERTERS = {"float": parse_float, "list": split_list, "spans": parse_spans}


def typed(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Return a copy of a validated raw frame with typed columns."""
    out = frame.copy()
    for spec in table.fields:
        convert = _CONVERTERS.get(spec.kind)
        if convert is not None and spec.name in out.columns:
            out[spec.name] = [convert(v) for v in out[spec.name]]
    if "investment_yi" in out.columns:
        out["investment_yi"] = out["investment_yi"].astype(float)
    return out


def load_table(path: str | Path, table: Table, limits: ReadLimits | None = None) -> pd.DataFrame:
    """Read and type a table that is known to be valid (embedded data), within ``limits`` (default: configured)."""
    return typed(read_raw(path, table, limits), table)


def load_projects(path: str | Path, limits: ReadLimits | None = None) -> pd.DataFrame:
    """Typed projects table."""
    return load_table(path, PROJECTS, limits)


def load_indicators(path: str | Path) -> pd.DataFrame:
    """Typed headline indicators."""
    return load_table(path, INDICATORS)
