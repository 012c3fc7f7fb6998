"""The About page: sources and licences, precision levels, status rules, provenance, upload."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from countymap.app import data
from countymap.app.shell import text_table
from countymap.core import report
from countymap.schema import (
    PRECISION_MEANINGS,
    PRECISIONS,
    STATUS_RULES,
    STATUSES,
    label,
)
from countymap.text.format import capitalised, labelled
from countymap.text.strings import STRINGS, t
from countymap.validation.validate import report_too_large

# (what, source, licence): a string key, or a name that reads the same in both languages. The items come
# first; then the current dataset's own sources (its dataset.toml); then what every dataset shares.
ITEMS_SOURCE = ("src_items", "src_items_source", "src_items_licence")
SHARED_SOURCES: tuple[tuple[str, str, str], ...] = (
    ("src_areas", "src_areas_source", "src_areas_licence"),
    ("src_map_library", "Leaflet 1.9.4, folium, streamlit-folium", "BSD-2-Clause / MIT"),
    ("src_basemaps", "src_basemaps_source", "src_basemaps_licence"),
)
READING_KEYS = ("reading_1", "reading_2", "reading_3", "reading_4")


def sources(lang: str) -> None:
    """Table of sources and their licences."""
    st.subheader(t("about_sources", lang))
    named = data.identity(lang)  # the items' source names the county and the report's year and date
    keyed = [tuple(t(cell, lang, **named) if cell in STRINGS else cell for cell in row) for row in SHARED_SOURCES]
    own = [(credit.name(lang), credit.origin, credit.licence(lang)) for credit in data.current().credits]
    items = tuple(t(cell, lang, **named) for cell in ITEMS_SOURCE)
    columns = [t("col_what", lang), t("col_source", lang), t("col_licence", lang)]
    text_table([items, *own, *keyed], columns)


def precision_levels(lang: str) -> None:
    """What each precision level means on the map."""
    st.subheader(t("about_precision", lang))
    rows = [(label(PRECISIONS, code, lang), capitalised(label(PRECISION_MEANINGS, code, lang))) for code in PRECISIONS]
    text_table(rows, [t("level", lang), t("meaning", lang)])


def status_rules(lang: str) -> None:
    """The rules of :data:`countymap.schema.STATUS_RULES`, in their order of precedence."""
    st.subheader(t("about_status", lang))
    zh = lang == "zh"
    rows = [
        (
            label(STATUSES, rule.code, lang),
            rule.verbs_zh if zh else capitalised(rule.verbs_en),
            rule.meaning_zh if zh else capitalised(rule.meaning_en),
        )
        for rule in STATUS_RULES
    ]
    columns = [t("rule_code", lang), t("rule_verbs", lang), t("rule_meaning", lang)]
    text_table(rows, columns)


def reading(lang: str) -> None:
    """How to read the map, in a few bullets."""
    st.subheader(t("about_reading", lang))
    st.markdown("\n".join(f"- {t(key, lang)}" for key in READING_KEYS))


def provenance(lang: str) -> None:
    """Report file name, sha256, date; whether the text is loaded; upload to load it."""
    st.subheader(t("about_provenance", lang))
    source = data.current()
    modified = dt.date.fromtimestamp(source.projects.stat().st_mtime).isoformat()
    edition = source.edition
    st.code(f"{edition.report_file}\nsha256 {edition.report_sha256}", language=None)
    date = labelled(t("data_date", lang), edition.report_date, lang)
    st.write(f"{date} · {labelled(t('data_file', lang), modified, lang)}")
    st.write(t("report_loaded", lang) if data.report_text(edition) else t("report_missing", lang))
    _report_upload(lang)


def _report_upload(lang: str) -> None:
    """Load the report from an upload: refused by its size alone when it is larger than a few reports."""
    # 1 MB is the smallest limit the browser can be asked to enforce; REPORT_MAX_BYTES is checked here.
    upload = st.file_uploader(t("about_upload", lang), type=["txt"], key="report_upload", max_upload_size=1)
    st.caption(t("about_upload_help", lang, kb=report.REPORT_MAX_BYTES / 1024))  # Streamlit's own limits are hidden
    if upload is None:
        return
    if upload.size > report.REPORT_MAX_BYTES:  # its bytes are never copied
        st.error(report_too_large(upload.size, report.REPORT_MAX_BYTES).text(lang))
        return
    if data.keep_uploaded_report(upload.getvalue()):
        st.success(t("upload_ok", lang))
    else:
        st.error(t("upload_bad", lang))
