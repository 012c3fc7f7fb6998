"""The first sheet of an XLSX file as rows of text, read within a :class:`~countymap.core.limits.Budget`.

An XLSX file is a zip archive of XML files, and neither part is trusted:

* the zip directory is read first: the number of members, each member's
  declared size, their total and each member's compression ratio must be within
  the caps before one byte is inflated, so a zip bomb is refused in
  milliseconds. :mod:`zipfile` never returns more than a member's declared
  size (a member that lies fails its CRC check), so the declared sizes bound
  the work;
* the XML is parsed as a stream with expat, cell by cell, without building a
  tree: rows, columns, cells and unpacked bytes are counted as they come and
  reading stops at the first cap, inside a row if need be. Document type
  declarations (the vehicle of entity-expansion bombs) are refused.

Cell values are read as Excel shows them (the cached value of a formula, never
the formula): shared and inline strings, numbers in their shortest exact form,
``TRUE``/``FALSE``, error codes as text.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from xml.parsers import expat

from countymap.core.limits import MAX_RATIO, MB, RATIO_FLOOR_BYTES, Budget, CapExceededError, TableError

MAX_MEMBERS = 1_000  # a workbook has a dozen; thousands only slow the directory check down
MAX_META_BYTES = 1 * MB  # workbook.xml and its relationships are a few kilobytes
CHUNK = 64 * 1024
# What zipfile raises for a damaged, encrypted or oddly compressed archive.
ARCHIVE_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,
    ValueError,
    NotImplementedError,
)


def damaged(detail: str) -> TableError:
    """The error for an archive that is not a readable XLSX file."""
    return TableError("xlsx_damaged", detail=detail)


class _StopParsingError(Exception):
    """Raised inside a handler to end a parse early (everything needed was read)."""


def _local(name: str) -> str:
    """``x:row`` or ``row`` -> ``row``: SpreadsheetML comes with and without prefixes."""
    return name.rpartition(":")[2]


def _refuse_dtd(*_args) -> None:
    raise damaged("DOCTYPE")


def check_directory(archive: zipfile.ZipFile, budget: Budget) -> None:
    """Refuse the archive from its directory alone: too many members, too large, or a zip bomb."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise CapExceededError("cap_members", n=MAX_MEMBERS)
    budget.check_bytes(sum(info.file_size for info in members))
    for info in members:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            raise CapExceededError("cap_ratio", name=info.filename[:60], ratio=ratio, max=MAX_RATIO)


def _parse(
    archive: zipfile.ZipFile, name: str, budget: Budget, start: Callable, end: Callable, text: Callable | None = None
) -> None:
    """Stream member ``name`` through expat with the given element handlers, counting its bytes."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(CHUNK):
                budget.add_bytes(len(chunk))
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _StopParsingError:
        return
    except KeyError as exc:
        raise damaged(f"missing {name}") from exc
    except TableError:
        raise
    except (*ARCHIVE_ERRORS, expat.ExpatError) as exc:
        raise damaged(f"{name}: {type(exc).__name__}") from exc


def _check_part(archive: zipfile.ZipFile, name: str) -> None:
    """A workbook or relationships part must be there, and small."""
    try:
        size = archive.getinfo(name).file_size
    except KeyError as exc:
        raise damaged(f"missing {name}") from exc
    if size > MAX_META_BYTES:
        raise damaged(f"{name} is too large")


def _relationships(archive: zipfile.ZipFile, rels_path: str, base: str, budget: Budget) -> dict[str, tuple[str, str]]:
    """``Id -> (type, member path)`` of a ``.rels`` part; targets resolved against ``base``."""
    _check_part(archive, rels_path)
    found: dict[str, tuple[str, str]] = {}

    def start(name: str, attrs: dict) -> None:
        if _local(name) == "Relationship" and "Target" in attrs:
            target = attrs["Target"]
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), path)

    _parse(archive, rels_path, budget, start, lambda name: None)
    return found


def _first_sheet(archive: zipfile.ZipFile, budget: Budget) -> tuple[str, str | None]:
    """Member paths of the first worksheet and of the shared strings (if any)."""
    package = _relationships(archive, "_rels/.rels", "", budget)
    workbook = next((path for kind, path in package.values() if kind.endswith("/officeDocument")), None)
    if workbook is None:
        raise damaged("no workbook")
    folder, file_name = posixpath.split(workbook)
    parts = _relationships(archive, posixpath.join(folder, "_rels", file_name + ".rels"), folder, budget)
    _check_part(archive, workbook)
    sheet_ids: list[str] = []

    def start(name: str, attrs: dict) -> None:
        if _local(name) == "sheet":
            sheet_ids.append(next((v for k, v in attrs.items() if _local(k) == "id"), ""))
            raise _StopParsingError

    _parse(archive, workbook, budget, start, lambda name: None)
    if not sheet_ids or sheet_ids[0] not in parts:
        raise damaged("no worksheet")
    strings = next((path for kind, path in parts.values() if kind.endswith("/sharedStrings")), None)
    return parts[sheet_ids[0]][1], strings


def _shared_strings(archive: zipfile.ZipFile, path: str | None, budget: Budget) -> list[str]:
    """The shared string table; no more entries than cells may be read (a table cannot use more)."""
    if path is None or path not in archive.namelist():
        return []
    table: list[str] = []
    parts: list[str] = []
    state = {"text": False, "phonetic": False}

    def start(name: str, attrs: dict) -> None:
        tag = _local(name)
        if tag == "si":
            parts.clear()
        elif tag == "rPh":  # phonetic guide (furigana): not part of the shown text
            state["phonetic"] = True
        elif tag == "t":
            state["text"] = not state["phonetic"]

    def end(name: str) -> None:
        tag = _local(name)
        if tag == "si":
            table.append(ooxml_unescape("".join(parts)))
            budget.check_strings(len(table))
        elif tag == "rPh":
            state["phonetic"] = False
        elif tag == "t":
            state["text"] = False

    def text(data: str) -> None:
        if state["text"]:
            parts.append(data)

    _parse(archive, path, budget, start, end, text)
    return table


_COLUMNS: dict[str, int] = {}  # "AB" -> 28, filled as letters are met (at most 16,384 entries)


def column_index(ref: str, previous: int) -> int:
    """1-based column of a cell reference such as ``AB12``; the next column when absent or malformed."""
    letters = ref.rstrip("0123456789")
    index = _COLUMNS.get(letters)
    if index is None:
        if not (0 < len(letters) <= 3 and letters.isascii() and letters.isalpha()):
            return previous + 1
        index = 0
        for letter in letters.upper():
            index = index * 26 + ord(letter) - 64
        _COLUMNS[letters] = index
    return index


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ESCAPE_START = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")  # an underscore that would start an escape


def ooxml_escape(text: str) -> str:
    """Text for a spreadsheet cell: a carriage return as ``_x000D_`` (XML would read it as a line feed).

    A literal ``_xHHHH_`` gets its underscore escaped (``_x005F_``), so that it reads back as itself.
    """
    return _ESCAPE_START.sub("_x005F_", text).replace("\r", "_x000D_")


def ooxml_unescape(text: str) -> str:
    """Undo :func:`ooxml_escape` (and Excel's escapes of other control characters)."""
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text) if "_x" in text else text


def number_text(value: float) -> str:
    """A number as plain text: ``3`` for 3.0, ``0.5``, ``1e-07``; integers without ``.0``."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _cell_text(kind: str, raw: str, strings: list[str]) -> str:
    if kind == "s":
        try:
            return strings[int(raw)]
        except (ValueError, IndexError) as exc:
            raise damaged(f"shared string {raw[:20]!r}") from exc
    if kind == "b":
        return "TRUE" if raw.strip() == "1" else "FALSE"
    if kind in ("n", "") and raw.strip():
        try:
            return number_text(float(raw))
        except ValueError:
            return raw
    return ooxml_unescape(raw) if kind in ("inlineStr", "str") else raw


class _SheetReader:
    """expat handlers that turn ``<row>``/``<c>`` elements into ``(row number, cells)``."""

    def __init__(self, strings: list[str], budget: Budget, stop_after: int | None):
        self.strings, self.budget, self.stop_after = strings, budget, stop_after
        self.rows: list[tuple[int, list[str]]] = []
        self.row_no = 0
        self.cells: dict[int, str] = {}
        self.column = 0
        self.kind = ""
        self.value: list[str] = []
        self.collecting = False  # inside the <v> or <t> of a cell (not its <f> formula, not phonetics)
        self.phonetic = False
        self.filled = 0  # rows with at least one value
        self.tags: dict[str, str] = {}  # element name -> local name (a handful of names, met millions of times)

    def _tag(self, name: str) -> str:
        tag = self.tags.get(name)
        if tag is None:
            tag = self.tags[name] = _local(name)
        return tag

    def start(self, name: str, attrs: dict) -> None:
        tag = self._tag(name)
        if tag == "c":
            self.column = column_index(attrs.get("r", ""), self.column)
            self.budget.add_cells(1, self.row_no, self.column)
            self.kind, self.value = attrs.get("t", ""), []
        elif tag in ("v", "t"):
            self.collecting = not self.phonetic
        elif tag == "row":
            number = attrs.get("r", "")
            self.row_no = int(number) if number.isdigit() and number.isascii() else self.row_no + 1
            self.budget.add_row(self.row_no)
            self.cells, self.column = {}, 0
        elif tag == "rPh":
            self.phonetic = True

    def end(self, name: str) -> None:
        tag = self._tag(name)
        if tag in ("v", "t"):
            self.collecting = False
        elif tag == "c":
            text = "".join(self.value)
            if text:
                self.cells[self.column] = _cell_text(self.kind, text, self.strings)
        elif tag == "row":
            width = max(self.cells, default=0)
            self.rows.append((self.row_no, [self.cells.get(i, "") for i in range(1, width + 1)]))
            self.filled += bool(self.cells)
            if self.stop_after is not None and self.filled >= self.stop_after:
                raise _StopParsingError
        elif tag == "rPh":
            self.phonetic = False

    def text(self, data: str) -> None:
        if self.collecting:
            self.value.append(data)


def xlsx_rows(data: bytes, budget: Budget, stop_after: int | None = None) -> Iterator[tuple[int, list[str]]]:
    """``(spreadsheet row number, cell texts)`` of every row of the first sheet, blank rows included.

    Rows the sheet leaves out (Excel writes no element for an empty row) are not
    yielded; the row numbers say where each row stands. ``stop_after`` ends the
    read after that many non-blank rows (to read a header). Raises :class:`TableError`
    for an archive that is not an XLSX file and :class:`CapExceededError` at the
    first cap.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ARCHIVE_ERRORS as exc:
        raise damaged(type(exc).__name__) from exc
    with archive:
        check_directory(archive, budget)
        sheet, strings_path = _first_sheet(archive, budget)
        strings = _shared_strings(archive, strings_path, budget)
        reader = _SheetReader(strings, budget, stop_after)
        _parse(archive, sheet, budget, reader.start, reader.end, reader.text)
    yield from reader.rows
