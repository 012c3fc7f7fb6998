"""The map page around the map: search, settings, chips, the detail panel.

One part of the string table (:mod:`countymap.text.strings`), by screen: ``(中文, English)`` per key.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- map page ------------------------------------------------------------------
    "basemap": ("底图", "Basemap"),
    "basemap_none": ("无底图（离线）", "No basemap (offline)"),
    "basemap_gaode_vec": ("高德矢量", "Gaode (AutoNavi) streets"),
    "basemap_gaode_img": ("高德影像", "Gaode (AutoNavi) imagery"),
    "basemap_tianditu_vec": ("天地图矢量", "Tianditu streets"),
    "basemap_tianditu_img": ("天地图影像", "Tianditu imagery"),
    "basemap_osm": ("OpenStreetMap", "OpenStreetMap"),
    "attribution_join": ("；", "; "),
    "attr_gaode_vec": ("高德软件 GS(2023)4677号", "AutoNavi (高德软件), approval No. GS(2023)4677"),
    "attr_gaode_img": (
        "高德软件 GS(2023)4677号 影像 GS(2023)4047号",
        "AutoNavi (高德软件), approval No. GS(2023)4677, imagery No. GS(2023)4047",
    ),
    "attr_tianditu": (
        "天地图 GS(2023)336号 甲测资字1100471",
        "Tianditu (天地图), approval No. GS(2023)336, surveying licence (甲测资字1100471)",
    ),
    "attr_osm": ("OpenStreetMap 贡献者", "OpenStreetMap contributors"),
    "size_by": ("乡镇圆大小", "Badge size"),
    "size_count": ("项目数", "Item count"),
    "presenter": ("演示模式", "Presenter mode"),
    "export_html": ("导出当前地图（HTML）", "Export this map (HTML)"),
    "map_failed": ("地图绘制出错：{err}", "The map could not be drawn: {err}"),
    "select_project": ("查看项目", "Show item"),
    "select_none": ("（点击地图或在此选择）", "(click the map or pick here)"),
    "county_wide": (
        "未在图上标注的项目：{n} 项",
        "Items not on the map: {n}",
    ),
    "township_panel_note": (
        "大致范围内的项目（点击地图上的乡镇圆可选中乡镇）",
        "Items in its approximate area (a township badge on the map selects it)",
    ),
    "open_township_page": ("打开本乡镇页面", "Open this township's page"),
    "clear_selection": ("取消选择", "Clear the selection"),
    "map_settings": ("地图设置", "Map settings"),
    "shade_by": ("区域着色", "Shade areas by"),
    "shade_none": ("不着色", "No shading"),
    "search_results": ("搜索“{q}”的结果：{n} 项", 'Search results for "{q}": {n} items'),
    "search_results_one": ("搜索“{q}”的结果：1 项", 'Search results for "{q}": 1 item'),
    "search_results_below": ("↓ 地图下方列出 {n} 项结果", "↓ {n} results listed below the map"),
    "search_results_below_one": ("↓ 地图下方列出 1 项结果", "↓ 1 result listed below the map"),
    "wide_reaching": ("覆盖{towns}的全县范围项目：{n} 项", "County-wide items that reach {towns}: {n}"),
    "wide_reaching_note": (
        "这些项目在全县实施，报告未分到乡镇：不计入本乡镇的项目数和金额。",
        "These are carried out across the county and the report does not split them by township: "
        "they are not counted among the township's items or its money.",
    ),
    "undrawn_reason": ("为何不在图上", "Why not on the map"),
    "reason_county_wide": ("全县范围", "County-wide"),
    "reason_place_unknown": ("位置尚未查明", "Site not yet known"),
    "reason_seat_unknown": ("乡镇驻地位置未知", "Township seat not known"),
    "county_wide_none": ("当前筛选下的项目都标在图上。", "Every item the filters select is on the map."),
    "county_wide_none_reaching": (
        "当前筛选下的项目都标在图上。覆盖{towns}的 {n} 个全县范围项目另有清单（“覆盖{towns}的全县范围项目”）。",
        "Every item the filters select is on the map. The {n} county-wide items that reach {towns} have their own "
        'list ("County-wide items that reach {towns}").',
    ),
    "county_wide_none_reaching_one": (
        "当前筛选下的项目都标在图上。覆盖{towns}的 1 个全县范围项目另有清单（“覆盖{towns}的全县范围项目”）。",
        "Every item the filters select is on the map. The county-wide item that reaches {towns} has its own "
        'list ("County-wide items that reach {towns}").',
    ),
    "no_results": ("没有符合筛选条件的项目。", "No items match the filters."),
    "search_none": ("没有找到与“{q}”相符的项目。", 'Nothing matches "{q}".'),
    "search_none_try": (
        "试试乡镇名（如 {zh}）、拼音（如 {latin}）、类别（如 水库）或更短的词。",
        "Try a township's name (e.g. {latin}, {zh}), a sector (e.g. reservoir) or a shorter word.",
    ),
    "search_none_try_plain": ("试试类别（如 水库）或更短的词。", "Try a sector (e.g. reservoir) or a shorter word."),
    "search_none_filters": (
        "其他筛选也在起作用：点地图上方的筛选标签移除它们，或换个更短的词。",
        "Other filters apply too: remove them with the chips above the map, or try a shorter word.",
    ),
    # --- detail panel ----------------------------------------------------------------
    "d_category": ("类别", "Sector"),
    "d_status": ("状态", "Status"),
    "d_years": ("年份", "Years"),
    "d_townships": ("乡镇", "Townships"),
    "d_investment": ("投资", "Investment"),
    "d_item_kind": ("类型", "Kind"),
    "status_not_applicable": ("不适用（企业）", "Not applicable (an enterprise)"),
    "d_quantity": ("规模", "Size"),
    "d_precision": ("位置精度", "Location precision"),
    "d_part_of": ("所属项目群", "Part of"),
    "d_related": (
        "可能相关（报告未写明，不影响合计）",
        "Possibly related (the report does not say; no effect on totals)",
    ),
    "d_source": ("出处", "Source"),
    "d_source_value": ("{year} 年县政府工作报告 第{section}部分", "{year} county work report, part {section}"),
    "d_summary": ("简介（自写）", "Summary (our wording)"),
    "d_passage": ("报告原文", "The report's own words"),
    "d_no_report": (
        "未载入报告全文，仅显示我们的简介；可在“数据说明”页上传报告文本。",
        "The report text is not loaded, so only our summary is shown; upload it on the About page.",
    ),
    "d_no_report_published": (
        "此版本是从草稿审核发布的，地图未保存其报告全文，仅显示我们的简介。",
        "This edition was published from a review and the map does not keep its report text, so only our summary is shown.",
    ),
}
