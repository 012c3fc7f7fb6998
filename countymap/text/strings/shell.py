"""The app's shell: titles, sidebar, language switch, the filter sentence and the KPI row.

One part of the string table (:mod:`countymap.text.strings`), by screen: ``(中文, English)`` per key.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- shell -----------------------------------------------------------------
    "app_title": ("{county} {year} 年政府工作报告 · 项目地图", "{county} County {year} Work Report · Project Map"),
    "app_subtitle": (
        "报告中的公共工程与建设项目，按位置、类别和状态浏览。",
        "Public works named in the county's 2023 government work report, by place, sector and status.",
    ),
    "language": ("语言 / Language", "语言 / Language"),
    "copy_link": ("复制本视图的链接", "Copy a link to this view"),
    "copy_link_done": ("已复制", "Copied"),
    "copy_link_manual": ("请复制此链接：", "Copy this link:"),
    "setup_problems": (
        "应用的设置有误，请管理员修改后重启：",
        "The app is not set up correctly; the operator needs to fix this and restart:",
    ),
    "filters": ("筛选", "Filters"),
    "f_years": ("报告年份", "Report year"),
    "f_years_help": (
        "每份报告回顾上一年的工作、安排当年的计划：较早的年份是回顾，较晚的年份是计划。",
        "Each report reviews the year before it and plans its own year: the earlier year is the review, the later the plan.",
    ),
    "f_categories": ("类别", "Sector"),
    "f_statuses": ("状态", "Status"),
    "f_kinds": ("类型（工程、称号、企业……）", "Kind (work, designation, enterprise ...)"),
    "f_townships": ("乡镇（街道）", "Township"),
    "f_precisions": ("位置精度", "Location precision"),
    "f_invest_min": ("投资下限（亿元）", "Minimum investment (100M yuan)"),
    "f_invest_max": ("投资上限（亿元）", "Maximum investment (100M yuan)"),
    "f_invest_note": (
        "已设投资范围：未披露投资的项目不显示。",
        "An investment bound is set: items without a disclosed amount are hidden.",
    ),
    "f_disclosed": ("只看披露金额的项目", "Only items with a disclosed amount"),
    "f_query": ("搜索（名称、简介、乡镇、拼音）", "Search (name, summary, township, pinyin)"),
    "f_query_placeholder": ("如：{zh}、{latin}、水库", "e.g. {latin} ({zh}), reservoir"),
    "f_query_placeholder_plain": ("如：水库、公路", "e.g. reservoir, road"),
    "f_reset": ("清除筛选", "Clear filters"),
    "chip": ("{v} ×", "{v} ×"),
    "chip_help": ("移除此筛选：{v}", "Remove this filter: {v}"),
    "chip_name": ("移除筛选：{v}", "Remove filter: {v}"),  # a chip's name for screen readers (not "2023 ×")
    "chips_clear": ("全部清除", "Clear all"),
    "chips_label": ("当前筛选", "Filtered by"),
    "all": ("全部", "All"),
    "undisclosed": ("未披露", "Not disclosed"),
    "none": ("—", "—"),
    "amount_large": ("{v}亿元", "¥{v} billion"),
    "amount_small": ("{v}万元", "¥{v} million"),
    "qualifier_at_least": ("{v}以上", "at least {v}"),
    "qualifier_over": ("超过{v}", "over {v}"),
    "qualifier_about": ("约{v}", "about {v}"),
    "place_unknown": ("位置待查", "Place not yet known"),
    "inferred_note": ("据名推断，未经证实", "inferred from the name, unconfirmed"),
    "county_wide_short": ("全县", "County-wide"),
    # --- the filter sentence above the map and the tables -------------------------------
    "desc_all": ("全部项目", "All items"),
    "desc_query": ("搜索“{q}”", 'search "{q}"'),
    "desc_min": ("投资 ≥ {v}", "investment ≥ {v}"),
    "desc_max": ("投资 ≤ {v}", "investment ≤ {v}"),
    "desc_counts": ("{n} 个项目，其中 {d} 个披露投资", "{n} items, {d} with a disclosed investment"),
    "desc_counts_zero": ("0 个项目", "no items"),
    "desc_counts_none": ("{n} 个项目，均未披露投资", "{n} items, none with a disclosed investment"),
    "desc_counts_one": ("1 个项目，已披露投资", "1 item, with a disclosed investment"),
    "desc_counts_none_one": ("1 个项目，未披露投资", "1 item, its investment not disclosed"),
    "desc_wide": ("；另有 {n} 个全县范围项目覆盖所选乡镇", "; plus {n} county-wide items that reach it"),
    "desc_wide_one": ("；另有 1 个全县范围项目覆盖所选乡镇", "; plus 1 county-wide item that reaches it"),
    "desc_excluded": ("（未披露投资的项目已排除）", " (items without a disclosed amount excluded)"),
    "desc_disclosed": ("已披露金额", "amount disclosed"),
    # --- KPI row -----------------------------------------------------------------
    "kpi_count": ("项目数", "Items"),
    "kpi_kind": ("{kind} {v}（{n} 项）", "{kind}: {v} ({n} items)"),
    "kpi_kind_one": ("{kind} {v}（1 项）", "{kind}: {v} (1 item)"),
    "kpi_amounts": ("披露金额（{n} 个口径）", "Disclosed amounts ({n} kinds)"),
    "kpi_may_overlap": (
        "其中有的金额可能互相包含（报告未写明），所以这只是各项金额相加，不是下限。",
        "Some of these amounts may overlap (the report does not say whether one includes another), so this only "
        "adds up the stated figures; it is not a floor.",
    ),
    "kpi_amounts_note": (
        "不同口径的金额不相加；所属项目群的金额已在同一合计中时，子项目不再计入；“以上”“超过”表示合计为下限。",
        "Amounts of different kinds are not added; a part is not counted again where its programme's amount is in "
        "the same sum; “at least” and “over” make the sum a lower bound.",
    ),
}
