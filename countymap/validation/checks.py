"""The individual checks behind :mod:`countymap.validation.validate`.

Each check returns ``(column, message_zh, message_en)`` tuples (header and
uniqueness checks also carry a row), so the validator can collect them all.
Field checks are driven by the declarative :mod:`countymap.core.schema`; row checks
cover what a single field cannot see (references, consistency, the report).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterator

import pandas as pd

from countymap.core.schema import Field, Table

Found = tuple[str, str, str]
CHINA_LON, CHINA_LAT = (73.0, 136.0), (3.0, 54.0)


def header_problems(frame: pd.DataFrame, table: Table) -> list[tuple]:
    """Missing and unexpected columns, duplicate header names."""
    found = list(frame.columns)
    problems = []
    missing = [c for c in table.columns if c not in found]
    if missing and len(found) == 1 and any(sep in found[0] for sep in ";\t，,"):
        problems.append((None, None, "只有一列：分隔符应为英文逗号", "only one column: the delimiter must be a comma"))
    for column in missing:
        required = next(f for f in table.fields if f.name == column).required
        if required:
            problems.append((None, column, "缺少必填列", "required column missing"))
    for column in found:
        if column not in table.columns:
            problems.append((None, column, "未知列（不在数据规范中）", "unknown column (not in the schema)"))
    for column in {c for c in found if found.count(c) > 1}:
        problems.append((None, column, "列名重复", "duplicate column name"))
    return problems


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _value_problems(spec: Field, value: str) -> Iterator[Found]:
    if len(value) > spec.max_length:
        yield (
            spec.name,
            f"过长（{len(value)} 字符，上限 {spec.max_length}）",
            f"too long ({len(value)} chars, max {spec.max_length})",
        )
    if spec.kind == "float":
        number = _number(value)
        if number is None:
            yield spec.name, f"不是数字：{value[:40]!r}", f"not a number: {value[:40]!r}"
        elif spec.minimum is not None and number < spec.minimum:
            yield spec.name, f"不能小于 {spec.minimum:g}", f"must be at least {spec.minimum:g}"
    items = [i.strip() for i in value.split("|")] if spec.kind == "list" else [value]
    if spec.vocab is not None:
        for item in items:
            if item not in spec.vocab:
                yield spec.name, f"取值不在词表中：{item[:40]!r}", f"not in the vocabulary: {item[:40]!r}"
    if spec.pattern is not None and not re.fullmatch(spec.pattern, value):
        yield spec.name, f"格式不符：{value[:40]!r}", f"wrong format: {value[:40]!r}"
    if spec.kind == "spans":
        yield from _span_format_problems(spec.name, value)


def _span_format_problems(column: str, value: str) -> Iterator[Found]:
    for item in value.split("|"):
        match = re.fullmatch(r"\s*(\d+):(\d+)\s*", item)
        if not match or int(match.group(1)) >= int(match.group(2)):
            yield (
                column,
                f"区间格式应为 起:止 且起<止：{item[:30]!r}",
                f"span must be start:end with start < end: {item[:30]!r}",
            )


def field_problems(row: dict[str, str], table: Table) -> Iterator[Found]:
    """Type, vocabulary, pattern and length checks of every field of one row."""
    for spec in table.fields:
        value = str(row.get(spec.name, "") or "").strip()
        if not value:
            if spec.required and spec.name in row:
                yield spec.name, "必填项为空", "required value is empty"
            continue
        yield from _value_problems(spec, value)


def unique_problems(frame: pd.DataFrame, table: Table) -> Iterator[tuple]:
    """Rows whose key repeats an earlier row's key."""
    if table.key not in frame.columns:
        return
    seen: dict[str, int] = {}
    for index, key in enumerate(frame[table.key].str.strip()):
        if key and key in seen:
            yield (
                index + 2,
                table.key,
                f"编号重复（与第 {seen[key]} 行相同）",
                f"duplicate id (same as row {seen[key]})",
            )
        seen.setdefault(key, index + 2)


def _split(row: dict[str, str], column: str) -> list[str]:
    return [i.strip() for i in str(row.get(column, "") or "").split("|") if i.strip()]


def check_townships(row: dict[str, str], context) -> Iterator[Found]:
    """Every township must be one of the 39 official names."""
    if not context.townships:
        return
    for name in _split(row, "townships") + _split(row, "township"):
        if name not in context.townships:
            yield (
                ("townships" if "townships" in row else "township"),
                f"未知乡镇：{name[:30]!r}",
                f"unknown township: {name[:30]!r}",
            )


def check_place_refs(row: dict[str, str], context) -> Iterator[Found]:
    """Every place id must exist in places.csv or routes.geojson."""
    if not (context.place_coords or context.route_ids):
        return
    for place_id in _split(row, "place_ids"):
        if place_id not in context.place_coords and place_id not in context.route_ids:
            yield "place_ids", f"未知地点编号：{place_id[:40]!r}", f"unknown place id: {place_id[:40]!r}"


def check_precision(row: dict[str, str], context) -> Iterator[Found]:
    """The precision must be backed by what the row references."""
    precision = row.get("precision", "").strip()
    places, townships = _split(row, "place_ids"), _split(row, "townships")
    if precision == "line" and context.route_ids and not any(p in context.route_ids for p in places):
        yield "precision", "示意线路须引用 routes.geojson 中的线路编号", "a line needs a route id from routes.geojson"
    if precision == "township" and not townships:
        yield "precision", "乡镇级位置须填写所在乡镇", "township precision needs a township"
    located = any(context.place_coords.get(p, (None, None))[0] is not None for p in places)
    if precision == "county" and located:
        yield (
            "precision",
            "引用了有坐标的地点，不应标为全县范围",
            "references a located place, so it should not be county-wide",
        )
    if precision in {"exact", "approximate"} and context.place_coords and not located:
        yield "precision", "精确/大致位置须引用有坐标的地点", "exact/approximate needs a place with coordinates"


def check_pairs(row: dict[str, str], context) -> Iterator[Found]:
    """Investment needs its kind; a quantity needs its unit (and vice versa)."""
    for value_col, kind_col in (("investment_yi", "investment_kind"), ("quantity", "quantity_unit")):
        has_value, has_kind = bool(row.get(value_col, "").strip()), bool(row.get(kind_col, "").strip())
        if has_value != has_kind:
            yield kind_col, f"{value_col} 与 {kind_col} 须同时填写或同时为空", f"{value_col} and {kind_col} go together"


def figure_in_text(value: float, text: str) -> bool:
    """Whether ``value`` is written in ``text`` (whitespace removed), as 亿 or 万.

    ``0.262`` 亿元 matches ``2620 万元``; ``21.3`` matches ``21.3亿``.
    """
    compact = re.sub(r"\s+", "", text)
    candidates = {f"{value:g}", f"{value * 10000:g}"}
    return any(re.search(rf"(?<![\d.]){re.escape(c)}(?![\d])", compact) for c in candidates)


def check_spans(row: dict[str, str], context) -> Iterator[Found]:
    """Spans lie inside the report and each stated figure appears in them."""
    text = context.report_text
    raw = row.get("source_spans", "").strip()
    if text is None or not raw or not re.fullmatch(r"\d+:\d+(\|\d+:\d+)*", raw.replace(" ", "")):
        return
    spans = [tuple(int(n) for n in s.split(":")) for s in raw.replace(" ", "").split("|")]
    if any(end > len(text) for _, end in spans):
        yield "source_spans", f"区间超出报告长度 {len(text)}", f"span beyond the report's length {len(text)}"
        return
    quoted = "".join(text[start:end] for start, end in spans)
    for column in ("investment_yi", "quantity", "value"):
        number = _number(row.get(column, "").strip() or "x")
        if number is not None and not figure_in_text(number, quoted):
            yield (
                column,
                f"数值 {number:g} 不在所引报告原文中",
                f"figure {number:g} is not in the quoted report passage",
            )


def check_coordinates(row: dict[str, str], context) -> Iterator[Found]:
    """lon/lat come together, are not swapped and lie inside the county."""
    lon, lat = _number(row.get("lon", "").strip() or "x"), _number(row.get("lat", "").strip() or "x")
    if lon is None and lat is None:
        if row.get("precision", "").strip() in {"exact", "approximate"}:
            yield "lon", "精确/大致位置须有坐标", "exact/approximate needs coordinates"
        return
    if lon is None or lat is None:
        yield "lon", "经纬度须同时填写", "lon and lat go together"
    elif CHINA_LON[0] <= lat <= CHINA_LON[1] and CHINA_LAT[0] <= lon <= CHINA_LAT[1]:
        yield "lon", "经纬度似乎填反了", "lon and lat look swapped"
    elif row.get("type", "").strip() == "external_waypoint":
        if row.get("township", "").strip():
            yield "township", "县外方向点不属于县内乡镇", "a way-point outside the county has no township"
    elif not context.inside_county(lon, lat):
        yield "lon", f"坐标 ({lon:g}, {lat:g}) 不在酉阳县境内", f"point ({lon:g}, {lat:g}) is outside the county"


COPY_LIMIT = 12  # a run this long shared with the report counts as copying its sentence
FORMULA_STARTS = ("=", "+", "@")


@functools.lru_cache(maxsize=4)
def _compact(text: str) -> str:
    """The text without whitespace (the PDF breaks lines anywhere); cached, the report is checked per row."""
    return re.sub(r"\s+", "", text)


def check_own_words(row: dict[str, str], context) -> Iterator[Found]:
    """Summaries are our own words: none shares a run of :data:`COPY_LIMIT` characters with the report."""
    if not context.report_text:
        return
    report = _compact(context.report_text)
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
            yield (
                column,
                f"与报告原文相同：{copied!r}，请用自己的话",
                f"copies the report: {copied!r}; use your own words",
            )


def check_no_formulas(row: dict[str, str], context) -> Iterator[Found]:
    """No cell starts like a spreadsheet formula (``=``, ``+``, ``@``): exports never carry live formulas."""
    for column, value in row.items():
        if str(value or "").lstrip().startswith(FORMULA_STARTS):
            yield column, "以公式符号开头（= + @）", "starts like a spreadsheet formula (= + @)"


RowCheck = Callable[[dict[str, str], object], Iterator[Found]]
PROJECT_ROW_CHECKS: tuple[RowCheck, ...] = (
    check_townships,
    check_place_refs,
    check_precision,
    check_pairs,
    check_spans,
    check_own_words,
    check_no_formulas,
)
PLACE_ROW_CHECKS: tuple[RowCheck, ...] = (check_townships, check_coordinates)
INDICATOR_ROW_CHECKS: tuple[RowCheck, ...] = (check_spans,)
