"""The one-language rules themselves, and every table and chart of every page in both languages (AppTest).

The browser scan (tests/browser/test_language.py) reads what is drawn; a table
draws only the rows in view and a chart draws on a canvas, so here every cell
and header of every ``st.dataframe`` and ``st.table`` and every label, legend entry, axis and
tooltip title of every chart is checked, on the real data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest
from apptest_run import read_markdown_escapes
from language_rules import NO_GRID, problems
from streamlit.testing.v1 import AppTest

from countymap.app.page_review import VOCABULARIES
from countymap.draft.review import DECISIONS
from countymap.schema import label
from countymap.text.strings import t

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["app.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]


def test_the_scan_finds_what_it_looks_for():
    """The checks themselves: each rule catches its example and passes its counter-example."""
    assert problems(["数据截至:2023", "精确位置 exact"], NO_GRID, "zh") == [
        "half-width punctuation in '数据截至:2023'",
        "Latin word 'exact' in '精确位置 exact'",
    ]
    assert problems(["Gongtan Town (龚滩镇)", "5G 基站"], NO_GRID, "en") == ["Chinese '基站' in '5G 基站'"]
    assert problems(["investment ≥ ¥0 million", "高德 / 天地图"], NO_GRID, "en") == [
        "lower-case start: 'investment ≥ ¥0 million'",
        "Chinese '高德' in '高德 / 天地图'",
        "Chinese '天地图' in '高德 / 天地图'",
    ]
    assert problems(["None", "empty"], {"headers": ["id"], "blank": 2}, "en") == [
        "missing-value word 'None' in 'None'",
        "lower-case start: 'empty'",
        "missing-value word 'empty' in 'empty'",
        "raw column name 'id'",
        "2 blank table cells (the grid draws them as 'None')",
    ]
    assert problems(["see drawn_precision/null"], NO_GRID, "en") == [
        "lower-case start: 'see drawn_precision/null'",
        "missing-value word 'null' in 'see drawn_precision/null'",
    ]
    assert problems(["5G 基站，4A 景区（CC BY 4.0）"], {"headers": ["名称"], "blank": 0}, "zh") == []
    assert problems(["Status; may be empty for an enterprise", "None of them"], NO_GRID, "en") == []


def chart_texts(chart) -> tuple[list[str], int]:
    """A chart's words (axis and tooltip titles, labels, legend entries) and how many of its labels are blank."""
    spec = json.loads(chart.proto.spec)
    encoding = spec["encoding"]
    titles = [encoding[axis].get("title") for axis in ("x", "y")] + [tip["title"] for tip in encoding["tooltip"]]
    frames = [pa.ipc.open_stream(ds.data.data).read_all().to_pandas() for ds in chart.proto.datasets]
    words = [str(v) for frame in frames for column in ("label", "series") for v in frame[column].unique()]
    blank = sum(1 for word in words if not word.strip())
    return [title for title in titles if title] + words, blank


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("params", [{}, {"disclosed": "1"}, {"tw": "龚滩镇"}])
def test_every_table_and_chart_speaks_one_language(monkeypatch, page, lang, params):
    monkeypatch.setenv("COUNTYMAP_DATA_DIR", str(ROOT))  # the real projects.csv: every item once
    monkeypatch.delenv("COUNTYMAP_PROJECTS", raising=False)
    at = AppTest.from_file(str(ROOT / page), default_timeout=120)
    at.query_params.update({**params, "lang": lang})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    # st.table (the About page's and the statistics page's tables) escapes its cells for Markdown.
    tables = [table.value for table in at.dataframe] + [
        table.value.map(read_markdown_escapes).rename(columns=read_markdown_escapes) for table in at.table
    ]
    for frame in tables:
        cells = [str(v) for column in frame.columns for v in frame[column] if not isinstance(v, float)]
        blank = sum(1 for column in frame.columns for v in frame[column] if v is None or v != v or v == "")
        assert (
            problems([*map(str, frame.columns), *cells], {"headers": list(frame.columns), "blank": blank}, lang) == []
        )
    for chart in at.get("vega_lite_chart"):
        words, blank = chart_texts(chart)
        assert problems(words, {"headers": [], "blank": blank}, lang) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_labels_the_review_grid_draws_for_its_codes_speak_one_language(lang):
    """The review grid draws these over its cells' codes (the browser scan reads only the codes there)."""
    labels = [t(f"decision_{code}", lang) for code in DECISIONS]
    labels += [label(vocabulary, code, lang) for vocabulary in VOCABULARIES.values() for code in vocabulary]
    assert problems(labels, NO_GRID, lang) == []
