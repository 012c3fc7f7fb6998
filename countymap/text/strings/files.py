"""Reading and checking files, settings checked at start, and the commands' own lines.

One part of the string table (:mod:`countymap.text.strings`), by screen: ``(中文, English)`` per key.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- reading a file: caps, unreadable files, sizes (upload panel, review page, commands) ---
    "cap_bytes": (
        "文件（解压后）超过 {mb:g} MB，未读取（上限由 {var} 设置）",
        "the file is larger than {mb:g} MB (unpacked); not read (the limit is set by {var})",
    ),
    "cap_rows": (
        "超过 {n:,} 行，已停止读取（上限由 {var} 设置）",
        "more than {n:,} rows; reading stopped (the limit is set by {var})",
    ),
    "cap_columns": (
        "超过 {n:,} 列，已停止读取（上限由 {var} 设置）",
        "more than {n:,} columns; reading stopped (the limit is set by {var})",
    ),
    "cap_cells": (
        "超过 {n:,} 个单元格，已停止读取（上限由 {var} 设置）",
        "more than {n:,} cells; reading stopped (the limit is set by {var})",
    ),
    "cap_ratio": (
        "压缩包中的 {name} 解压后是压缩大小的 {ratio:,.0f} 倍（上限 {max:g} 倍）：疑似压缩炸弹，未读取",
        "{name} in the archive unpacks to {ratio:,.0f} times its packed size (limit {max:g}): a zip bomb, not read",
    ),
    "cap_members": (
        "压缩包内文件超过 {n:,} 个：不是 XLSX 表格，未读取",
        "more than {n:,} files in the archive: not an XLSX table, not read",
    ),
    "xlsx_damaged": ("不是可读取的 XLSX 文件（{detail}）", "not a readable XLSX file ({detail})"),
    "read_binary": (
        "二进制文件（含 NUL 字节），不是 CSV 或 XLSX 表格",
        "binary file (contains NUL bytes), not a CSV or XLSX table",
    ),
    "read_bad_encoding": (
        "编码不是 UTF-8、GBK 或 UTF-16：请另存为“CSV UTF-8”",
        'not UTF-8, GBK or UTF-16 text: save it as "CSV UTF-8"',
    ),
    "read_bad_utf16": (
        "看似 UTF-16 文本，但无法解码：请另存为“CSV UTF-8”",
        'looks like UTF-16 text but does not decode: save it as "CSV UTF-8"',
    ),
    "read_broken_csv": ("CSV 格式错误（{detail}）", "broken CSV ({detail})"),
    "read_empty": ("空文件，没有{table}表头", "empty file: no {table} header"),
    "read_failed": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "problems_more": (
        "另有 {n:,} 个问题未列出（请先修正以上问题）",
        "{n:,} more problems not listed (fix the ones above first)",
    ),
    "upload_check_failed": (
        "检查文件时出错（{detail}），未载入任何行",
        "checking the file failed ({detail}); no row was loaded",
    ),
    "upload_check_timeout": (
        "检查文件超过 {s:g} 秒，已中止，未载入任何行",
        "checking the file took longer than {s:g} s and was stopped; no row was loaded",
    ),
    "file_too_large": ("文件过大（上限 {mb:.4g} MB），未读取", "file too large (limit {mb:.4g} MB); not read"),
    "report_too_large": (
        "文件过大（{size:,} 字节，上限 {limit:,} 字节，即 {limit_kb:,.0f} KB）：报告全文约 {report_kb:,.0f} KB，未读取",
        "file too large ({size:,} bytes; the limit is {limit:,} bytes, {limit_kb:,.0f} KB): the report is about "
        "{report_kb:,.0f} KB; not read",
    ),
    "text_bad_encoding": (
        "编码不是 UTF-8、GBK 或 UTF-16：请把报告全文另存为 UTF-8 编码的 .txt 文本（记事本：另存为，编码选 UTF-8）",
        "not UTF-8, GBK or UTF-16 text: save the report's text as a .txt file in UTF-8 "
        "(Notepad: Save as, Encoding UTF-8)",
    ),
    "text_bad_utf16": (
        "看似 UTF-16 文本，但无法解码：请把报告全文另存为 UTF-8 编码的 .txt 文本",
        "looks like UTF-16 text but does not decode: save the report's text as a .txt file in UTF-8",
    ),
    "text_binary": (
        "二进制文件（含 NUL 字节），不是文本：请从 PDF 或 Word 文件中复制报告全文，另存为 UTF-8 编码的 .txt 文本",
        "a binary file (contains NUL bytes), not text: copy the report's full text out of the PDF or Word file "
        "and save it as a .txt file in UTF-8",
    ),
    # --- checking a projects file (upload panel, `validate`, exports) ------------------
    "v_one_column": ("只有一列：分隔符应为英文逗号", "only one column: the delimiter must be a comma"),
    "v_required_missing": ("缺少必填列", "required column missing"),
    "v_unknown_column": ("未知列（不在数据规范中）", "unknown column (not in the schema)"),
    "v_duplicate_column": ("列名重复（共 {count} 列）", "duplicate column name ({count} columns)"),
    "v_too_long": ("过长（{n} 字符，上限 {max}）", "too long ({n} chars, max {max})"),
    "v_not_number": ("不是数字：{value!r}", "not a number: {value!r}"),
    "v_too_small": ("不能小于 {min:g}", "must be at least {min:g}"),
    "v_not_in_vocab": ("取值不在词表中：{value!r}", "not in the vocabulary: {value!r}"),
    "v_wrong_format": ("格式不符：{value!r}", "wrong format: {value!r}"),
    "v_bad_span": ("区间格式应为 起:止 且起<止：{value!r}", "span must be start:end with start < end: {value!r}"),
    "v_required_empty": ("必填项为空", "required value is empty"),
    "v_duplicate_id": ("编号重复（与第 {row} 行相同）", "duplicate id (same as row {row})"),
    "v_unknown_township": ("未知乡镇：{name!r}", "unknown township: {name!r}"),
    "v_unknown_place": ("未知地点编号：{id!r}", "unknown place id: {id!r}"),
    "v_line_needs_route": ("示意线路须引用 routes.geojson 中的线路编号", "a line needs a route id from routes.geojson"),
    "v_site_from_updates_only": (
        "“编辑标定位置”只能由数据库中的更新设定，不能写在项目表里",
        "site precision comes only from an editor's update in the database, never from a projects file",
    ),
    "v_township_needs_name": (
        "乡镇级（含据名推断）位置须填写所在乡镇",
        "township (or inferred) precision needs a township",
    ),
    "v_unknown_has_township": (
        "已知所在乡镇，应标为乡镇级而非位置待查",
        "a known township makes it township precision, not unknown",
    ),
    "v_county_located": (
        "引用了有坐标的地点，不应标为全县范围",
        "references a located place, so it should not be county-wide",
    ),
    "v_exact_needs_place": ("精确/大致位置须引用有坐标的地点", "exact/approximate needs a place with coordinates"),
    "v_pair": ("{value} 与 {kind} 须同时填写或同时为空", "{value} and {kind} go together"),
    "v_qualifier_needs_amount": ("没有金额就没有金额限定", "a qualifier needs an amount"),
    "v_status_empty": (
        "必填项为空（只有企业可以不填状态）",
        "required value is empty (only an enterprise may have none)",
    ),
    "v_unknown_programme": ("未知的项目群编号：{id!r}", "unknown programme id: {id!r}"),
    "v_part_of_cycle": ("项目群关系成环", "part_of forms a cycle"),
    "v_unknown_item": ("未知的项目编号：{id!r}", "unknown item id: {id!r}"),
    "v_related_self": ("不能与自身相关", "an item cannot be related to itself"),
    "v_related_is_part": ("已是所属项目群（part_of），不必再列为相关", "already its part_of programme"),
    "v_related_spans_count": (
        "每个 related_to 编号须有一个报告区间（{ids} 个编号，{spans} 个区间）",
        "each related_to id needs one passage ({ids} ids, {spans} spans)",
    ),
    "v_span_beyond": ("区间超出报告长度 {n}", "span beyond the report's length {n}"),
    "v_figure_not_quoted": (
        "数值 {value:g} 不在所引报告原文中",
        "figure {value:g} is not in the quoted report passage",
    ),
    "v_needs_coordinates": ("精确/大致位置须有坐标", "exact/approximate needs coordinates"),
    "v_lonlat_together": ("经纬度须同时填写", "lon and lat go together"),
    "v_lonlat_swapped": ("经纬度似乎填反了", "lon and lat look swapped"),
    "v_waypoint_township": ("县外方向点不属于县内乡镇", "a way-point outside the county has no township"),
    "v_outside_county": ("坐标 ({lon:g}, {lat:g}) 不在县境内", "point ({lon:g}, {lat:g}) is outside the county"),
    "v_copies_report": ("与报告原文相同：{text!r}，请用自己的话", "copies the report: {text!r}; use your own words"),
    "v_no_rows": ("没有数据行", "no data rows"),
    "v_ragged": ("该行字段数多于表头（分隔符或引号错误？）", "more cells than header (delimiter or quotes?)"),
    "v_cannot_open": ("无法打开文件：{detail}", "cannot open the file: {detail}"),
    "v_where_row": ("第 {row} 行", "row {row}"),
    "v_where_column": ("列 {column}", "column {column}"),
    "v_problems_table_row": ("行", "row"),
    "v_problems_table_column": ("列", "column"),
    "v_problems_table_problem": ("问题", "problem"),
    # --- settings checked at start (setup-error page, every command) ---------------------
    "s_unreadable": ("无法读取 {path}：{detail}", "cannot read {path}: {detail}"),
    "s_no_file": ("找不到文件 {path}", "no such file: {path}"),
    "s_not_folder": ("不是文件夹：{path}", "not a folder: {path}"),
    "s_dataset_identity": (
        "数据集说明文件 dataset.toml 有误：{detail}",
        "the dataset's dataset.toml is wrong: {detail}",
    ),
    "s_too_many_datasets": (
        "列出了 {n} 个数据集文件夹，最多 {most} 个",
        "{n} dataset folders are listed; at most {most} can be served",
    ),
    "s_county_twice": (
        "{path} 与 {other} 是同一个县（{adcode}）：每个县只能列一个数据集",
        "{path} and {other} are the same county ({adcode}): list one dataset per county",
    ),
    "s_file_not_folder": ("{path} 是文件，不是文件夹", "{path} is a file, not a folder"),
    "s_cannot_write": ("无法在 {path} 中写入文件（{reason}）", "cannot write files in {path} ({reason})"),
    "s_not_table": (
        "{path} 不是{table}表（缺少列：{names}）",
        "{path} is not a {table} table (missing columns: {names})",
    ),
    "s_missing_geodata": (
        "缺少 {path}（运行 python -m countymap build-geodata）",
        "missing {path} (run python -m countymap build-geodata)",
    ),
    "s_geodata_unreadable": ("地理数据无法读取：{detail}", "the geodata cannot be read: {detail}"),
    "s_report_mismatch": (
        "{path} 不是本报告：sha256 与 {sha256} 不符（请指向原报告文本，或取消该设置）",
        "{path} is not the report: its sha256 differs from {sha256} (point it at the report text, or unset it)",
    ),
    "unit_rows": ("行", "rows"),
    "unit_columns": ("列", "columns"),
    "unit_cells": ("个单元格", "cells"),
    "unit_megabytes": ("兆字节", "megabytes"),
    "setup_number": (
        "应为 {lo} 到 {hi} 之间的{kind}（{unit}），现为 {raw}",
        "must be a {kind} of {unit} between {lo} and {hi}, not {raw}",
    ),
    "setup_number_kind_int": ("整数", "whole number"),
    "setup_number_kind_float": ("数字", "number"),
    "setup_not_file": ("不是文件：{path}", "not a file: {path}"),
    # --- the commands' own lines (validate, export-html, export-table, draft) ----------------
    "cli_setup_problems": ("设置或输入有误，未执行：", "Nothing was done: a setting or an input is wrong:"),
    "cli_valid_ok": ("无问题", "OK"),
    "cli_valid_problems": ("{n:,} 个问题", "{n:,} problem(s)"),
    "cli_report_checked": ("已与报告核对", "report checked"),
    "cli_report_absent": ("未找到报告全文：数值未核对", "report not available: figures not checked"),
    "cli_valid_summary": ("{path}：{status}（{note}）", "{path}: {status} ({note})"),
    "cli_error": ("出错：{detail}", "error: {detail}"),
    "cli_wrote": ("已写入 {path}{rows}", "wrote {path}{rows}"),
    "cli_rows": ("（{n:,} 行）", " ({n:,} rows)"),
    "cli_file_problems": ("{path}：{n:,} 个问题，未导出", "{path}: {n:,} problem(s); nothing exported"),
}
