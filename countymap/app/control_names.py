"""Streamlit's own control names in the page's language.

Streamlit 1.67 names its controls in English whatever the page's language (a data
frame's "Download as CSV", "Search" and "Fullscreen", the sidebar's "Collapse sidebar",
a help icon's "Help for ..."), with no setting for them. ``static/control_names.js``
renames them in the page from :data:`ENGLISH`, Streamlit's names (facts about
Streamlit, not our words) mapped to our string keys. The script is placed in an
element that ``page.css`` hides, so the page's layout does not change.

A chart's role words are Vega's, in English, and only a bar's can be set from the chart
(the mark's ``ariaRoleDescription``, see countymap/app/page_stats.py): Vega writes
"visualization", "axis" and "<type> mark container" itself (its SVG renderer; the
``aria`` and ``description`` properties only hide a part or name it). :data:`ROLES`
renames those ``aria-roledescription`` values, and only those, so that a part keeps its
role and its name in the page's language rather than being hidden.
"""

from __future__ import annotations

import streamlit as st

from countymap.map.static_files import static_text
from countymap.text.escape import script_json
from countymap.text.strings import t

SCRIPT = "control_names.js"  # in countymap/app/static/
MARKER = "cm-control-names"  # the class page.css hides the script's element by

# Streamlit's English name -> our string key.
ENGLISH = {
    "Download as CSV": "control_download_csv",
    "Search": "control_search",
    "Fullscreen": "control_fullscreen",
    "Close fullscreen": "control_close_fullscreen",
    "Show/hide columns": "control_columns",
    "Add row": "control_add_row",
    "Delete row(s)": "control_delete_rows",
    "Sort ascending": "control_sort_ascending",
    "Sort descending": "control_sort_descending",
    "Autosize": "control_autosize",
    "Pin column": "control_pin_column",
    "Unpin column": "control_unpin_column",
    "Hide column": "control_hide_column",
    "Show data": "control_show_data",
    "Download as PNG": "control_download_png",
    "Download as SVG": "control_download_svg",
    "Copy Vega-Lite spec": "control_copy_spec",
    "Vega visualization": "control_chart",
    "Collapse sidebar": "control_collapse_sidebar",
    "Expand sidebar": "control_expand_sidebar",
    "Sidebar": "control_sidebar",
    "Main menu": "control_main_menu",
    "Link to heading": "control_heading_link",
    "Copy to clipboard": "control_copy",
    "file upload": "control_file_input",
    "Open": "control_open",
    "Close": "control_close",
    "Clear all": "control_clear_all",
    "Choose an option": "control_choose",
    "Choose options": "control_choose_many",
    "No results": "control_no_results",
    "Press Enter to apply": "control_press_enter",
    "Stop": "control_stop",
    "Running...": "control_running",
}
# Vega's own role words (aria-roledescription) for a chart's parts -> our string key.
ROLES = {
    "visualization": "chart_role_chart",
    "group mark container": "chart_role_area",
    "axis": "chart_role_axis",
    "rect mark container": "chart_role_bars",
    "legend": "chart_role_legend",
    "title": "chart_role_title",
}
# Streamlit's English names that end in one of our labels ("Help for 报告年份") -> our key with ``{label}``.
PREFIXES = {"Help for ": "control_help_for"}
# Where a control's name is its text rather than an attribute: tooltips, menus, the running status.
TEXTS = "[data-testid='stTooltipContent'], [data-baseweb='popover'], [data-testid='stStatusWidget']"


def names_table(lang: str) -> dict:
    """What the script needs in ``lang`` (every value our own string)."""
    return {
        "names": {english: t(key, lang) for english, key in ENGLISH.items()},
        "roles": {english: t(key, lang) for english, key in ROLES.items()},
        "prefixes": [[english, t(key, lang, label="{label}")] for english, key in PREFIXES.items()],
        "texts": TEXTS,
        "upload": t("upload_button", lang),
    }


def control_names(lang: str) -> None:
    """Rename Streamlit's controls on this page into ``lang`` (our own script; values as escaped JSON)."""
    call = f"{static_text(SCRIPT, 'countymap.app')}({script_json(names_table(lang))});"
    st.html(f'<span class="{MARKER}"></span><script>{call}</script>', unsafe_allow_javascript=True)


def name_buttons(names: dict[str, str]) -> None:
    """Give our own buttons, by widget key, a screen-reader name other than their text.

    ``st.button`` has no parameter for it: a chip reads "2023 ×", and is named
    "移除筛选：2023" / "Remove filter: 2023" by the page's script.
    """
    update = f"window.cmButtonNames = Object.assign(window.cmButtonNames || {{}}, {script_json(names)});"
    call = f"{update} if (window.cmRenameControls) {{ window.cmRenameControls(); }}"
    st.html(f'<span class="{MARKER}"></span><script>{call}</script>', unsafe_allow_javascript=True)
