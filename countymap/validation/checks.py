"""The individual checks behind :mod:`countymap.validation.validate`.

Each check returns ``(column, message)`` pairs (header and uniqueness checks
also carry a row), so the validator can collect them all; the messages are
:class:`~countymap.text.message.Message` s of the string table's validation screen.
Field checks are driven by the declarative :mod:`countymap.schema`; row checks
cover what a single field cannot see (references, consistency, the report).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator

import pandas as pd

from countymap.schema import Field, Table
from countymap.text.message import Message

Found = tuple[str, Message]
CHINA_LON, CHINA_LAT = (73.0, 136.0), (3.0, 54.0)
# ASCII digits only: Python's \d and float() also take full-width and Arabic-Indic digits and "1_0".
_PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_SPAN = re.compile(r"\s*([0-9]+):([0-9]+)\s*")
_SPANS = re.compile(r"[0-9]+:[0-9]+(\|[0-9]+:[0-9]+)*")


def header_problems(frame: pd.DataFrame, table: Table) -> list[tuple]:
    """Missing and unexpected columns; each repeated name once, with how often it occurs.

    Linear in the number of columns. The readers keep only the first of
    repeated columns and record the counts in ``attrs["duplicate_columns"]``.
    """
    counts = Counter(frame.columns)
    for name, count in (frame.attrs.get("duplicate_columns") or {}).items():
        counts[name] = max(counts[name], count)
    known, problems = set(table.columns), []
    missing = [c for c in table.columns if c not in counts]
    names = list(counts)
    if missing and len(names) == 1 and any(sep in names[0] for sep in ";\t，,"):
        problems.append((None, None, Message("v_one_column")))
    for spec in table.fields:
        if spec.required and spec.name in missing:
            problems.append((None, spec.name, Message("v_required_missing")))
    for column in names:
        if column not in known:
            problems.append((None, column, Message("v_unknown_column")))
    for column, count in counts.items():
        if count > 1:
            problems.append((None, column, Message("v_duplicate_column", count=count)))
    return problems


def _number(text: str) -> float | None:
    """A plain decimal in ASCII digits (thousands commas allowed), finite; else ``None``."""
    plain = text.replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(plain):
        return None
    value = float(plain)
    return value if math.isfinite(value) else None


def _value_problems(spec: Field, value: str) -> Iterator[Found]:
    if len(value) > spec.max_length:
        yield spec.name, Message("v_too_long", n=len(value), max=spec.max_length)
    if spec.kind == "float":
        number = _number(value)
        if number is None:
            yield spec.name, Message("v_not_number", value=value[:40])
        elif spec.minimum is not None and number < spec.minimum:
            yield spec.name, Message("v_too_small", min=spec.minimum)
    items = [i.strip() for i in value.split("|")] if spec.kind == "list" else [value]
    if spec.vocab is not None:
        for item in items:
            if item not in spec.vocab:
                yield spec.name, Message("v_not_in_vocab", value=item[:40])
    if spec.pattern is not None and not re.fullmatch(spec.pattern, value, flags=re.ASCII):
        yield spec.name, Message("v_wrong_format", value=value[:40])
    if spec.kind == "spans":
        yield from _span_format_problems(spec.name, value)


def _span_format_problems(column: str, value: str) -> Iterator[Found]:
    for item in value.split("|"):
        match = _SPAN.fullmatch(item)
        if not match or int(match.group(1)) >= int(match.group(2)):
            yield column, Message("v_bad_span", value=item[:30])


def field_problems(row: dict[str, str], table: Table) -> Iterator[Found]:
    """Type, vocabulary, pattern and length checks of every field of one row."""
    for spec in table.fields:
        value = str(row.get(spec.name, "") or "").strip()
        if not value:
            if spec.required and spec.name in row:
                yield spec.name, Message("v_required_empty")
            continue
        yield from _value_problems(spec, value)


def unique_problems(frame: pd.DataFrame, table: Table, rows: list[int]) -> Iterator[tuple]:
    """Rows whose key repeats an earlier row's key (``rows``: each row's number in the file)."""
    if table.key not in frame.columns:
        return
    seen: dict[str, int] = {}
    for row_no, raw in zip(rows, frame[table.key], strict=True):
        key = str(raw).strip()
        if key and key in seen:
            yield row_no, table.key, Message("v_duplicate_id", row=seen[key])
        seen.setdefault(key, row_no)


def _split(row: dict[str, str], column: str) -> list[str]:
    return [i.strip() for i in str(row.get(column, "") or "").split("|") if i.strip()]


def check_years(row: dict[str, str], context) -> Iterator[Found]:
    """Each year of ``years`` is one the edition speaks of (its review year or its plan year)."""
    allowed = getattr(context, "years", ())
    for year in _split(row, "years") if allowed else ():
        if re.fullmatch(r"\d{4}", year, flags=re.ASCII) and year not in allowed:  # a malformed one: its format
            yield "years", Message("v_not_in_vocab", value=year[:40])


def check_townships(row: dict[str, str], context) -> Iterator[Found]:
    """Every township must be one of the 39 official names."""
    if not context.townships:
        return
    for name in _split(row, "townships") + _split(row, "township"):
        if name not in context.townships:
            yield ("townships" if "townships" in row else "township"), Message("v_unknown_township", name=name[:30])


def check_place_refs(row: dict[str, str], context) -> Iterator[Found]:
    """Every place id must exist in places.csv or routes.geojson."""
    if not (context.place_coords or context.route_ids):
        return
    for place_id in _split(row, "place_ids"):
        if place_id not in context.place_coords and place_id not in context.route_ids:
            yield "place_ids", Message("v_unknown_place", id=place_id[:40])


def check_precision(row: dict[str, str], context) -> Iterator[Found]:
    """The precision must be backed by what the row references."""
    precision = row.get("precision", "").strip()
    places, townships = _split(row, "place_ids"), _split(row, "townships")
    if precision == "line" and context.route_ids and not any(p in context.route_ids for p in places):
        yield "precision", Message("v_line_needs_route")
    if precision == "site":
        yield "precision", Message("v_site_from_updates_only")
    if precision in ("township", "inferred") and not townships:
        yield "precision", Message("v_township_needs_name")
    if precision == "unknown" and townships:
        yield "precision", Message("v_unknown_has_township")
    located = any(context.place_coords.get(p, (None, None))[0] is not None for p in places)
    if precision == "county" and located:
        yield "precision", Message("v_county_located")
    if precision in {"exact", "approximate"} and context.place_coords and not located:
        yield "precision", Message("v_exact_needs_place")


def check_pairs(row: dict[str, str], context) -> Iterator[Found]:
    """Investment needs its kind; a quantity needs its unit (and vice versa); a qualifier needs an amount."""
    for value_col, kind_col in (("investment_yi", "investment_kind"), ("quantity", "quantity_unit")):
        has_value, has_kind = bool(row.get(value_col, "").strip()), bool(row.get(kind_col, "").strip())
        if has_value != has_kind:
            yield kind_col, Message("v_pair", value=value_col, kind=kind_col)
    if row.get("investment_qualifier", "").strip() and not row.get("investment_yi", "").strip():
        yield "investment_qualifier", Message("v_qualifier_needs_amount")


def check_status_fits(row: dict[str, str], context) -> Iterator[Found]:
    """Every item has a status, except an enterprise, for which a works status may not fit."""
    if "status" in row and not row.get("status", "").strip() and row.get("item_kind", "").strip() != "enterprise":
        yield "status", Message("v_status_empty")


def relation_problems(frame: pd.DataFrame, rows: list[int]) -> Iterator[tuple]:
    """``part_of`` and ``related_to`` name existing ids of the same file, never the row itself.

    ``part_of`` never forms a cycle; each ``related_to`` id has its passage in
    ``related_spans`` (one span per id) and is not also the row's ``part_of``.
    ``rows``: each row's number in the file.
    """
    if "id" not in frame.columns:
        return
    ids = [str(i).strip() for i in frame["id"]]
    known = set(ids)
    if "part_of" in frame.columns:
        parent = {i: str(p).strip() for i, p in zip(ids, frame["part_of"], strict=True) if str(p).strip()}
        for row_no, item in zip(rows, ids, strict=True):
            target = parent.get(item)
            if target is None:
                continue
            if target not in known:
                yield row_no, "part_of", Message("v_unknown_programme", id=target[:40])
            elif _in_cycle(item, parent):
                yield row_no, "part_of", Message("v_part_of_cycle")
    if "related_to" in frame.columns:
        parts = frame["part_of"] if "part_of" in frame.columns else [""] * len(frame)
        spans = frame["related_spans"] if "related_spans" in frame.columns else [""] * len(frame)
        for row_no, item, related, part, passages in zip(rows, ids, frame["related_to"], parts, spans, strict=True):
            yield from ((row_no, *found) for found in _related_problems(item, related, part, passages, known))


def _related_problems(item: str, related: object, part: object, passages: object, known: set[str]) -> Iterator[Found]:
    targets = [i.strip() for i in str(related or "").split("|") if i.strip()]
    for target in targets:
        if target not in known:
            yield "related_to", Message("v_unknown_item", id=target[:40])
        elif target == item:
            yield "related_to", Message("v_related_self")
        elif target == str(part or "").strip():
            yield "related_to", Message("v_related_is_part")
    given = [s for s in str(passages or "").split("|") if s.strip()]
    if len(given) != len(targets):
        yield "related_spans", Message("v_related_spans_count", ids=len(targets), spans=len(given))


def _in_cycle(item: str, parent: dict[str, str]) -> bool:
    seen, current = set(), item
    while current in parent and current not in seen:
        seen.add(current)
        current = parent[current]
    return current in seen


def figure_in_text(value: float, text: str) -> bool:
    """Whether ``value`` is written in ``text`` (whitespace removed), as 亿 or 万.

    ``0.262`` 亿元 matches ``2620 万元``; ``21.3`` matches ``21.3亿``.
    """
    compact = re.sub(r"\s+", "", text)
    candidates = {f"{value:g}", f"{value * 10000:g}"}
    return any(re.search(rf"(?<![\d.]){re.escape(c)}(?![\d])", compact) for c in candidates)


def check_spans(row: dict[str, str], context) -> Iterator[Found]:
    """Spans (the sources and the passages of related items) lie inside the report; each figure is in its sources."""
    text = context.report_text
    spans = _span_list(str(row.get("source_spans") or "").replace(" ", ""))
    if text is None or not spans:
        return
    related = _span_list(str(row.get("related_spans") or "").replace(" ", ""))
    for column, given in (("source_spans", spans), ("related_spans", related)):
        if any(end > len(text) for _, end in given):
            yield column, Message("v_span_beyond", n=len(text))
    if any(end > len(text) for _, end in spans):
        return
    quoted = "".join(text[start:end] for start, end in spans)
    for column in ("investment_yi", "quantity", "value"):
        number = _number(row.get(column, "").strip() or "x")
        if number is not None and not figure_in_text(number, quoted):
            yield column, Message("v_figure_not_quoted", value=number)


def _span_list(raw: str) -> list[tuple[int, int]]:
    """Well-formed ``a:b|c:d`` spans as pairs (a malformed cell is the field check's business)."""
    if not raw or not _SPANS.fullmatch(raw):
        return []
    return [tuple(int(n) for n in s.split(":")) for s in raw.split("|")]


def check_coordinates(row: dict[str, str], context) -> Iterator[Found]:
    """lon/lat come together, are not swapped and lie inside the county."""
    lon, lat = _number(row.get("lon", "").strip() or "x"), _number(row.get("lat", "").strip() or "x")
    if lon is None and lat is None:
        if row.get("precision", "").strip() in {"exact", "approximate"}:
            yield "lon", Message("v_needs_coordinates")
        return
    if lon is None or lat is None:
        yield "lon", Message("v_lonlat_together")
    elif CHINA_LON[0] <= lat <= CHINA_LON[1] and CHINA_LAT[0] <= lon <= CHINA_LAT[1]:
        yield "lon", Message("v_lonlat_swapped")
    elif row.get("type", "").strip() == "external_waypoint":
        if row.get("township", "").strip():
            yield "township", Message("v_waypoint_township")
    elif not context.inside_county(lon, lat):
        yield "lon", Message("v_outside_county", lon=lon, lat=lat)


COPY_LIMIT = 12  # a run this long shared with the report counts as copying its sentence


@functools.lru_cache(maxsize=4)
def _report_runs(text: str) -> frozenset[str]:
    """Every run of :data:`COPY_LIMIT` characters of the text without whitespace (the PDF breaks lines anywhere).

    Cached: the report is checked once per row, and a set answers each run in constant time.
    """
    compact = re.sub(r"\s+", "", text)
    return frozenset(compact[i : i + COPY_LIMIT] for i in range(len(compact) - COPY_LIMIT + 1))


def check_own_words(row: dict[str, str], context) -> Iterator[Found]:
    """Summaries are our own words: none shares a run of :data:`COPY_LIMIT` characters with the report."""
    if not context.report_text:
        return
    report = _report_runs(context.report_text)
    for column in ("summary_zh",):
        summary = re.sub(r"\s+", "", row.get(column, "") or "")
        copied = next(
            (
                summary[i : i + COPY_LIMIT]
                for i in range(len(summary) - COPY_LIMIT + 1)
                if summary[i : i + COPY_LIMIT] in report
            ),
            None,
        )
        if copied:
            yield column, Message("v_copies_report", text=copied)


RowCheck = Callable[[dict[str, str], object], Iterator[Found]]
PROJECT_ROW_CHECKS: tuple[RowCheck, ...] = (
    check_years,
    check_status_fits,
    check_townships,
    check_place_refs,
    check_precision,
    check_pairs,
    check_spans,
    check_own_words,
)
PLACE_ROW_CHECKS: tuple[RowCheck, ...] = (check_townships, check_coordinates)
INDICATOR_ROW_CHECKS: tuple[RowCheck, ...] = (check_spans,)
