"""Reading the project's CSV tables, driven by :mod:`countymap.core.schema`.

Two layers: :func:`read_raw` turns bytes into a frame of plain strings (every
cell a ``str``, nothing guessed), which is what the validator inspects; and
:func:`typed` converts a validated frame into the types the app computes with
(floats with ``NaN`` for "not disclosed", tuples for ``|``-lists, span pairs).
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pandas as pd

from countymap.core.schema import INDICATORS, MULTI_SEP, PROJECTS, Table


class TableError(ValueError):
    """A file that cannot be read as a table at all (encoding, delimiter, size)."""


ENCODINGS = ("utf-8-sig", "gb18030")


def decode_bytes(data: bytes) -> str:
    """Decode CSV bytes as UTF-8 (with or without BOM), else GBK/GB18030.

    Excel on Chinese Windows saves "CSV" as GBK; GB18030 is its superset.
    Raises :class:`TableError` for binary garbage (NUL bytes or undecodable).
    """
    if b"\x00" in data:
        raise TableError("binary file (contains NUL bytes)")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("not UTF-8 or GBK text")


def read_raw(source: str | Path | bytes, table: Table = PROJECTS) -> pd.DataFrame:
    """Read a CSV into a frame of strings, keeping empty cells as ``""``.

    Parameters
    ----------
    source : path or bytes
        A file path or the raw bytes of an upload.
    table : Table
        Only used to name the table in error messages.
    """
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    text = decode_bytes(data)
    if not text.strip():
        raise TableError(f"{table.name}: empty file")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise TableError(f"{table.name}: broken CSV ({exc})") from exc
    header, body = rows[0], [r for r in rows[1:] if any(cell.strip() for cell in r)]
    width = len(header)
    padded = [(r + [""] * width)[:width] if len(r) <= width else r for r in body]
    frame = pd.DataFrame([r[:width] for r in padded], columns=[h.strip() for h in header], dtype=str)
    frame.attrs["ragged_rows"] = [i + 2 for i, r in enumerate(padded) if len(r) > width]
    return frame


HEADER_PEEK_BYTES = 64 * 1024


def read_header(path: str | Path) -> list[str]:
    """The column names of a CSV file, read from its first bytes only."""
    with open(path, "rb") as handle:
        head = handle.read(HEADER_PEEK_BYTES)
    if b"\x00" in head:
        raise TableError("binary file (contains NUL bytes)")
    text = decode_bytes(head.split(b"\n", 1)[0]) if head.strip() else ""
    first = next(csv.reader([text]), [])
    return [name.strip() for name in first]


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


def load_table(path: str | Path, table: Table) -> pd.DataFrame:
    """Read and type a table that is known to be valid (embedded data)."""
    return typed(read_raw(path, table), table)


def load_projects(path: str | Path) -> pd.DataFrame:
    """Typed projects table."""
    return load_table(path, PROJECTS)


def load_indicators(path: str | Path) -> pd.DataFrame:
    """Typed headline indicators."""
    return load_table(path, INDICATORS)
