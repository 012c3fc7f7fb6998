"""The embedded Youyang data: valid, traceable to the report, and in our own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from countymap.core.tables import load_projects, read_raw
from countymap.schema import INDICATORS, PLACES, PROJECTS
from countymap.validation.context import ValidationContext, load_context
from countymap.validation.validate import validate_file

ROOT = Path(__file__).resolve().parent.parent
PROJECT_ROWS = read_raw(ROOT / "projects.csv").to_dict("records")
COPY_LIMIT = 12  # a run this long shared with the report counts as copying
SECTION_HEADS = re.compile(r"^\s*(?:([一二三四五])、|（([一二三四五六七])）)", re.M)


def compact(text: str) -> str:
    return re.sub(r"\s+|— \d+ —", "", text)


def section_at(text: str, offset: int) -> str:
    """The report section (e.g. 一(四)) that contains ``offset``."""
    part, sub = "", ""
    for match in SECTION_HEADS.finditer(text[:offset]):
        if match.group(1):
            part, sub = match.group(1), ""
        else:
            sub = match.group(2)
    return f"{part}({sub})" if sub else part


@pytest.fixture(scope="module")
def context(report_text) -> ValidationContext:
    """Geodata and the report: figures are checked against their passages."""
    return load_context()


@pytest.mark.parametrize("table", [PROJECTS, PLACES, INDICATORS], ids=lambda t: t.name)
def test_embedded_table_validates_without_the_report(table):
    bare = ValidationContext(**{**load_context().__dict__, "report_text": None})
    problems = validate_file(ROOT / table.path, table, bare)
    assert [p.as_text("en") for p in problems] == []


@pytest.mark.parametrize("table", [PROJECTS, PLACES, INDICATORS], ids=lambda t: t.name)
def test_embedded_figures_are_in_their_passages(table, context):
    problems = validate_file(ROOT / table.path, table, context)
    assert [p.as_text("en") for p in problems] == []


def test_there_are_well_over_two_hundred_projects():
    assert len(PROJECT_ROWS) > 250


def test_summaries_are_our_own_words(report_text):
    report = compact(report_text)
    copied = []
    for row in PROJECT_ROWS:
        summary = compact(row["summary_zh"])
        for i in range(len(summary) - COPY_LIMIT + 1):
            if summary[i : i + COPY_LIMIT] in report:
                copied.append((row["id"], summary[i : i + COPY_LIMIT]))
                break
    assert copied == []


def test_each_span_sits_in_its_stated_section(report_text):
    wrong = []
    for row in PROJECT_ROWS:
        spans = [int(s.split(":")[0]) for s in row["source_spans"].split("|")]
        sections = row["source_section"].split("|")
        for start, section in zip(spans, sections, strict=False):
            # The text after a part's last subsection (e.g. part 一's closing summary) belongs to the
            # part only, so a stated bare part like "一" is accepted there.
            found = section_at(report_text, start + 1)
            if section not in (found, found.split("(")[0]):
                wrong.append((row["id"], section, found))
    assert wrong == []


def test_spans_and_sections_pair_up():
    assert all(len(r["source_spans"].split("|")) == len(r["source_section"].split("|")) for r in PROJECT_ROWS)


def test_unknown_investment_stays_unknown_never_zero():
    projects = load_projects(ROOT / "projects.csv")
    assert not (projects["investment_yi"] == 0).any()
    assert projects["investment_yi"].isna().sum() > 0


# --- what the summaries may say, and how the English reads ----------------------------------

# Words a summary may use although its passage does not (reviewed: none needed so far).
PROPER_NOUN_ALLOWLIST: frozenset[str] = frozenset()


def _gazetteer_names() -> set[str]:
    import json

    names = set()
    for feature in json.loads((ROOT / "geodata" / "townships.geojson").read_text(encoding="utf-8"))["features"]:
        names |= {feature["properties"]["name_zh"], feature["properties"]["short_zh"]}
    for path, column in (("geodata/villages.csv", "name_zh"), ("geodata/places.csv", "name_zh")):
        names |= set(read_raw(ROOT / path, PLACES)[column])
    return {name for name in names if len(name) >= 2} - PROPER_NOUN_ALLOWLIST


def test_every_number_and_proper_noun_of_a_summary_is_in_its_passages(report_text):
    names = _gazetteer_names()
    wrong = []
    for row in PROJECT_ROWS:
        spans = [tuple(int(n) for n in s.split(":")) for s in row["source_spans"].split("|")]
        passage = compact("".join(report_text[a:b] for a, b in spans))
        wrong += [(row["id"], n) for n in re.findall(r"\d+(?:\.\d+)?", row["summary_zh"]) if n not in passage]
        wrong += [(row["id"], n) for n in names if n in row["summary_zh"] and n not in passage]
    assert wrong == []


def _english_texts() -> list[tuple[str, str]]:
    places = read_raw(ROOT / "geodata" / "places.csv", PLACES)
    return [(r["id"], f"{r['name_en']} {r['summary_en']}") for r in PROJECT_ROWS] + list(
        zip(places["place_id"], places["name_en"], strict=True)
    )


def test_english_uses_one_term_per_chinese_term():
    glossary = read_raw(ROOT / "glossary.csv", PLACES).to_dict("records")
    assert len(glossary) > 100 and len({g["zh"] for g in glossary}) == len(glossary)
    wrong = []
    for entry in glossary:
        for variant in filter(None, (v.strip() for v in entry["avoid"].split(";"))):
            wrong += [(key, entry["zh"], variant) for key, text in _english_texts() if variant in text]
    assert wrong == []


def test_english_has_one_quote_style():
    pattern = re.compile(r"[\"‘]|(?:^|\s)'\w")  # curly double quotes only; an apostrophe is fine
    assert [key for key, text in _english_texts() if pattern.search(text)] == []
